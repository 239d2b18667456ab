"""The ``newsclean`` command: filtering, options, rules, explanations (real subprocess)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from clitools import SAMPLE, SAMPLE_CLEAN, run, run_inprocess

NO_H = "--no-heuristics"


def test_stdin_to_stdout() -> None:
    result = run([NO_H], SAMPLE.encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == SAMPLE_CLEAN
    assert result.stderr == b""


def test_dash_means_stdin() -> None:
    result = run_inprocess([NO_H, "-"], SAMPLE.encode())
    assert result.stdout.decode() == SAMPLE_CLEAN


def test_file_argument_matches_library(tmp_path: Path) -> None:
    text = (
        "Stocks fell sharply on Monday as investors weighed new data.\n\n"
        "Advertisement\n\n"
        "The advertisement industry grew by five percent last year, analysts said.\n\n"
        "Share this article\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = run(["a.txt"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # Same answer as the library with the default configuration (heuristics on).
    assert result.stdout.decode() == newsclean.clean(text)
    # With the rules alone: prose that merely mentions advertising is article text.
    rules_only = run([NO_H, "a.txt"], cwd=tmp_path).stdout.decode()
    assert rules_only == (
        "Stocks fell sharply on Monday as investors weighed new data.\n\n"
        "The advertisement industry grew by five percent last year, analysts said.\n"
    )


def test_output_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    result = run([NO_H, "-o", "out.txt", "a.txt"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert (tmp_path / "out.txt").read_bytes() == SAMPLE_CLEAN.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.txt"]  # no temporary left


def test_explain_names_lines_rules_kinds_and_excerpts(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    result = run([NO_H, "--explain", "a.txt"], cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode() == SAMPLE_CLEAN  # the explanation goes to stderr only
    err = result.stderr.decode()
    assert "a.txt: 2 removals" in err
    lines = err.splitlines()
    glued = next(i for i, line in enumerate(lines) if "ad-marker-glued" in line)
    assert lines[glued].split()[:2] == ["line", "1"]
    assert "(ad)" in lines[glued]
    reasons = {rule.name: rule.description for rule in newsclean.RULES}
    assert lines[glued].endswith(": " + reasons["ad-marker-glued"])  # the reason
    assert lines[glued + 1].strip() == "| Advertisement"
    share = next(i for i, line in enumerate(lines) if "share-prompt" in line)
    assert lines[share].split()[:2] == ["line", "2"]
    assert "(share)" in lines[share]
    assert lines[share + 1].strip() == "| Share this article"
    assert lines[share].endswith(": " + reasons["share-prompt"])


def test_explain_multiline_removal_gives_line_range() -> None:
    text = "Keep reading\nFirst headline here today\nSecond headline over there\n\nThe body of the article is right here.\n"
    explained = newsclean.clean_and_explain(text, heuristics=False)
    result = run_inprocess([NO_H, "--explain"], text.encode())
    err = result.stderr.decode()
    for removal in explained.removals:
        first = text.count("\n", 0, removal.start) + 1
        last = text.count("\n", 0, removal.end - 1) + 1
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        assert f"{where} " in err and removal.rule in err


def test_explain_excerpt_is_short_flat_and_printable() -> None:
    from newsclean.cli import format_explain

    text = "Top\n" + "word " * 40 + "\nnext\x07line\nBody.\n"
    start = text.index("word")
    end = text.index("\nBody")
    removal = newsclean.Removal(start, end, text[start:end], "some-rule", "promo", "a reason")
    report = format_explain("x.txt", text, [removal])
    lines = report.splitlines()
    assert lines[0] == "x.txt: 1 removal"
    assert lines[1].split()[:2] == ["lines", "2-3"]
    assert lines[1].endswith("some-rule (promo): a reason")
    excerpt = lines[2].strip()
    assert excerpt.startswith("| word word") and excerpt.endswith("…")
    assert len(excerpt) <= 2 + 72
    assert "\x07" not in report


def test_list_rules_grouped_by_kind() -> None:
    result = run(["--list-rules"])
    assert result.returncode == 0
    out = result.stdout.decode()
    for kind, description in newsclean.KINDS.items():
        assert f"{kind}: {description}" in out
    for rule in newsclean.RULES:
        assert rule.name in out and rule.description in out
        # Each rule is listed under its own kind's heading.
        heading = out.index(f"\n{rule.kind}: ") if not out.startswith(f"{rule.kind}: ") else 0
        position = out.index(f"  {rule.name} ")
        next_heading = min(
            (out.index(f"\n{k}: ") for k in newsclean.KINDS if out.find(f"\n{k}: ") > heading), default=len(out)
        )
        assert heading < position < next_heading, rule.name


def test_version() -> None:
    result = run(["--version"])
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"newsclean {newsclean.__version__}"


def test_help_documents_options() -> None:
    out = run_inprocess(["--help"]).stdout.decode()
    for option in (
        "--output",
        "--explain",
        "--list-rules",
        "--disable",
        "--disable-rule",
        "--disable-kind",
        "--preset",
        "--favor-precision",
        "--favor-recall",
        "--no-heuristics",
        "--config",
        "--html",
        "--text",
        "--encoding",
        "--errors",
        "--jsonl",
        "--field",
        "--removals",
        "--on-error",
        "--jobs",
        "--in-place",
        "--version",
    ):
        assert option in out, option


def test_disable_kind_rule_and_comma_list() -> None:
    data = SAMPLE.encode()
    kind_off = run([NO_H, "--disable", "ad"], data).stdout.decode()
    assert kind_off == "Markets rallied on Tuesday.Advertisement\nThe end of it.\n"
    rule_off = run_inprocess([NO_H, "--disable", "share-prompt"], data).stdout.decode()
    assert rule_off == "Markets rallied on Tuesday.\nShare this article\nThe end of it.\n"
    both = run_inprocess([NO_H, "--disable", "ad,share-prompt"], data).stdout.decode()
    assert both == SAMPLE
    explicit = run_inprocess(
        [NO_H, "--disable-kind", "share", "--disable-rule", "ad-marker-glued"], data
    ).stdout.decode()
    assert explicit == SAMPLE


def test_disable_name_that_is_both_rule_and_kind() -> None:
    # "byline" is a kind and a rule; --disable picks the kind, --disable-rule the single rule.
    text = "By Jane Smith\nMarch 3, 2024\n\nThe council approved the plan on Monday after a long debate.\n"
    by_kind = run_inprocess([NO_H, "--disable", "byline"], text.encode()).stdout.decode()
    assert "By Jane Smith" in by_kind and "March 3, 2024" in by_kind
    by_rule = run_inprocess([NO_H, "--disable-rule", "byline"], text.encode()).stdout.decode()
    assert "By Jane Smith" in by_rule
    assert "March 3, 2024" not in by_rule  # date-line, another byline-kind rule, still runs


def test_unknown_rule_is_a_usage_error_with_suggestion() -> None:
    result = run(["--disable", "share-promt"], SAMPLE.encode())
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "'share-promt'" in err and "share-prompt" in err
    assert run_inprocess(["--disable-kind", "ad-marker"]).returncode == 2  # a rule is not a kind
    assert run_inprocess(["--disable-rule", "ad"]).returncode == 2  # a kind is not a rule


def test_presets_and_aliases_match_library() -> None:
    text = (
        "Home | World | Business | Tech\n\n"
        "The central bank raised rates by a quarter point on Wednesday, its third increase this year.\n\n"
        "Officials said inflation remained too high, and signalled more moves could follow in the spring.\n\n"
        "Sign up for our newsletter\n"
    )
    for preset in newsclean.PRESETS:
        expected = newsclean.clean(text, preset=preset)
        assert run_inprocess(["--preset", preset], text.encode()).stdout.decode() == expected, preset
    assert run_inprocess(["--favor-precision"], text.encode()).stdout.decode() == newsclean.clean(
        text, preset="precision"
    )
    assert run_inprocess(["--favor-recall"], text.encode()).stdout.decode() == newsclean.clean(text, preset="recall")
    conflict = run_inprocess(["--favor-recall", "--preset", "precision"], text.encode())
    assert conflict.returncode == 2
    assert run_inprocess(["--preset", "loose"]).returncode == 2


def test_no_heuristics_matches_library() -> None:
    text = "Short line\n\nThe body paragraph is long enough to be prose and ends with a period.\n\nAnother short\n"
    result = run_inprocess([NO_H], text.encode())
    assert result.stdout.decode() == newsclean.clean(text, heuristics=False)


def test_text_flag_keeps_markup_as_text(tmp_path: Path) -> None:
    page = "<!doctype html>\n<p>Hello there, this is a paragraph.</p>\n"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    result = run_inprocess([NO_H, "--text", "p.html"], cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode() == page


def test_options_that_need_jsonl() -> None:
    assert run_inprocess(["--removals"], b"x").returncode == 2
    assert run_inprocess(["--field", "body"], b"x").returncode == 2
    assert run_inprocess(["--jsonl", "--explain"], b"").returncode == 2


def test_missing_config_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["--config", "nope.toml"], SAMPLE.encode(), cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.toml" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_config_file_then_command_line_on_top(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text('disable = ["ad"]\n', encoding="utf-8")
    (tmp_path / "a=b.toml").write_text('disable = ["share"]\n', encoding="utf-8")
    (tmp_path / "s.txt").write_text(SAMPLE, encoding="utf-8")
    from_file = run_inprocess([NO_H, "--config", "c.toml", "s.txt"], cwd=tmp_path)
    assert from_file.returncode == 0, from_file.stderr
    assert from_file.stdout.decode() == "Markets rallied on Tuesday.Advertisement\nThe end of it.\n"
    both = run_inprocess([NO_H, "--config", "c.toml", "--disable", "share", "s.txt"], cwd=tmp_path)
    assert both.stdout.decode() == SAMPLE
    odd_name = run_inprocess([NO_H, "--config", "a=b.toml", "s.txt"], cwd=tmp_path)  # a path, not TOML text
    assert odd_name.stdout.decode() == "Markets rallied on Tuesday.\nShare this article\nThe end of it.\n"


def test_bad_config_file_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('disable = ["ad"]\nbogus = 1\n', encoding="utf-8")
    result = run(["--config", "bad.toml"], SAMPLE.encode(), cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "bad.toml" in err and "bogus" in err


def test_html_detection_routes_to_clean_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def fake_clean(html: str | bytes, config: object, explain: bool) -> newsclean.HtmlExplained:
        calls.append(html)
        return newsclean.HtmlExplained("ARTICLE\n", "ARTICLE\n", (), (), ())

    monkeypatch.setattr(newsclean._html, "_clean", fake_clean)
    files = {
        "a.html": b"<p>x</p>",
        "b.HTM": b"<p>x</p>",
        "c.txt": b"\xef\xbb\xbf \n\t<!DOCTYPE HTML><p>x</p>",
        "d.txt": b"  <html lang=en><p>x</p>",
        "e.txt": b"<p>A paragraph in markup-looking text.</p>\n",
        "f.txt": b"The <html> tag opens a page.\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = run_inprocess([NO_H, *files], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert calls == [
        files["a.html"],
        files["b.HTM"],
        " \n\t<!DOCTYPE HTML><p>x</p>",  # a byte-order mark decides the encoding, and is dropped
        files["d.txt"],
    ]  # bytes: the page's charset decides
    assert result.stdout.decode() == "ARTICLE\n" * 4 + files["e.txt"].decode() + files["f.txt"].decode()
    calls.clear()
    assert run_inprocess([NO_H, "--text", "a.html"], cwd=tmp_path).stdout == b"<p>x</p>"
    assert run_inprocess([NO_H, "--html", "f.txt"], cwd=tmp_path).stdout == b"ARTICLE\n"
    assert calls == [files["f.txt"]]
