"""The command line with a site model: --site-key, --site, --sites, --save-sites."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

import newsclean
from clitools import COMMAND, TIMEOUT, run
from sitepages import ARTICLES, FOOTER, MENU, SITE, page

OTHER = "https://other.example/"


def _records() -> list[dict[str, object]]:
    """Six pages of the gazette, then three of another site made of the same articles under its own footer."""
    records: list[dict[str, object]] = [{"id": i, "url": f"{SITE}{i}", "text": page(i)} for i in range(len(ARTICLES))]
    for i in range(3):
        text = page(i).replace(FOOTER[0], "Other Times, printed since 1870")
        records.append({"url": f"{OTHER}{i}", "id": 10 + i, "text": text})
    return records


def _write(path: Path, records: list[dict[str, object]], extra: bytes = b"") -> bytes:
    data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records) + extra
    path.write_bytes(data)
    return data


def _expected(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """What the library gives: each record cleaned with the model of all the records' sites."""
    model = newsclean.SiteModel.learn((str(r["url"]), str(r["text"])) for r in records if "url" in r)
    out = []
    for record in records:
        site = record.get("url")
        cleaned = newsclean.clean(str(record["text"]), site=model, site_key=site if isinstance(site, str) else None)
        out.append({**record, "text": cleaned})
    return out


def _lines(stdout: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_json_lines_are_cleaned_with_the_model_of_their_whole_input(tmp_path: Path) -> None:
    records = _records()
    _write(tmp_path / "in.jsonl", records)
    result = run(["--jsonl", "--site-key", "url", "in.jsonl"], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    cleaned = _lines(result.stdout)
    assert cleaned == _expected(records)
    assert [list(r) for r in cleaned] == [list(r) for r in records]  # keys in their order
    for record in cleaned[: len(ARTICLES)]:
        assert FOOTER[0] not in str(record["text"]) and MENU[2] not in str(record["text"])
    # The workers get the model too.
    assert run(["--jsonl", "--site-key", "url", "-j", "2", "in.jsonl"], cwd=tmp_path).stdout == result.stdout
    # Without the site model the footer stays: the command did learn something.
    assert FOOTER[0] in str(_lines(run(["--jsonl", "in.jsonl"], cwd=tmp_path).stdout)[0]["text"])


def test_standard_input_is_read_twice_through_a_temporary_file(tmp_path: Path) -> None:
    data = _write(tmp_path / "in.jsonl", _records())
    from_file = run(["--jsonl", "--site-key", "url", "in.jsonl"], cwd=tmp_path)
    from_stdin = run(["--jsonl", "--site-key", "url"], stdin=data, cwd=tmp_path, env={**os.environ, "TMPDIR": str(tmp_path)})
    assert (from_stdin.returncode, from_stdin.stderr) == (0, b"")
    assert from_stdin.stdout == from_file.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]  # the temporary file is gone


def test_several_inputs_teach_one_model_and_bad_records_are_passed_through(tmp_path: Path) -> None:
    records = _records()
    _write(tmp_path / "a.jsonl", records[:4], b"not json\n")
    _write(tmp_path / "b.jsonl", [{"id": 99, "text": page(5)}, *records[4:]])  # a record without a site
    result = run(["--jsonl", "--site-key", "url", "a.jsonl", "b.jsonl"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("newsclean: a.jsonl:5: bad record: not JSON")
    lines = result.stdout.splitlines()
    assert lines[4] == b"not json"
    without_site = json.loads(lines[5])
    assert without_site["text"] == newsclean.clean(page(5))  # cleaned alone
    assert [json.loads(line) for i, line in enumerate(lines) if i not in (4, 5)] == _expected(records)


def test_a_saved_model_cleans_a_later_run_the_same_way(tmp_path: Path) -> None:
    records = _records()
    _write(tmp_path / "in.jsonl", records)
    first = run(["--jsonl", "--site-key", "url", "--save-sites", "sites.json", "in.jsonl"], cwd=tmp_path)
    assert (first.returncode, first.stderr) == (0, b"")
    saved = newsclean.SiteModel.load(tmp_path / "sites.json")
    assert saved == newsclean.SiteModel.learn((str(r["url"]), str(r["text"])) for r in records)
    # One record at a time, from standard input, with the saved model: cleaned as in the whole batch.
    for record, line in zip(records, first.stdout.splitlines()):
        single = json.dumps(record, ensure_ascii=False).encode() + b"\n"
        again = run(["--jsonl", "--site-key", "url", "--sites", "sites.json"], stdin=single, cwd=tmp_path)
        assert (again.returncode, again.stdout) == (0, line + b"\n")


def test_files_of_one_site_are_cleaned_with_its_model(tmp_path: Path) -> None:
    names = []
    for i in range(len(ARTICLES)):
        (tmp_path / f"p{i}.txt").write_text(page(i), encoding="utf-8")
        names.append(f"p{i}.txt")
    result = run(["--site", "gazette.example", "-j", "2", "-o", "out/", *names], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    model = newsclean.SiteModel.learn(("gazette.example", page(i)) for i in range(len(ARTICLES)))
    for i in range(len(ARTICLES)):
        expected = newsclean.clean(page(i), site=model, site_key="gazette.example")
        assert (tmp_path / "out" / f"p{i}.txt").read_text(encoding="utf-8") == expected
        assert FOOTER[1] not in expected
    explained = run(["--site", "gazette.example", "--explain", "-o", "out2/", *names], cwd=tmp_path)
    assert f"site-template (template): on {len(ARTICLES)} of {len(ARTICLES)} pages of gazette.example" in explained.stderr.decode()


def test_one_document_from_standard_input_teaches_nothing(tmp_path: Path) -> None:
    result = run(["--site", "gazette.example"], stdin=page(0).encode(), cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, newsclean.clean(page(0)))


def test_the_pass_is_switched_off_like_a_rule(tmp_path: Path) -> None:
    _write(tmp_path / "in.jsonl", _records())
    plain = run(["--jsonl", "in.jsonl"], cwd=tmp_path)
    for option in (["--disable", "site-template"], ["--disable-kind", "template"]):
        result = run(["--jsonl", "--site-key", "url", *option, "in.jsonl"], cwd=tmp_path)
        assert (result.returncode, result.stdout) == (0, plain.stdout)
    listed = run(["--list-rules"]).stdout.decode()
    assert "\ntemplate: " in listed and "  site-template " in listed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site-key", "url", "in.jsonl"], "--site-key names a field of JSON Lines records (--jsonl)"),
        (["--jsonl", "--site", "x", "in.jsonl"], "--site applies to files"),
        (["--site", " ", "in.jsonl"], "--site: the site's name is empty"),
        (["--jsonl", "--sites", "m.json", "in.jsonl"], "--sites and --save-sites need the pages' site"),
        (["--save-sites", "m.json", "in.jsonl"], "--sites and --save-sites need the pages' site"),
        (["--jsonl", "--site-key", "url", "--sites", "a.json", "--save-sites", "b.json", "in.jsonl"], "with --sites none is learned"),
        (["--jsonl", "--html", "--site-key", "url", "in.jsonl"], "it does not apply to --html"),
        (["--site", "x", "--no-heuristics", "in.jsonl"], "works with the heuristics"),
        (["--jsonl", "--site-key", "url", "--save-sites", "in.jsonl", "in.jsonl"], "would overwrite the input in.jsonl"),
        (["--jsonl", "--site-key", "url", "--save-sites", "o.jsonl", "-o", "o.jsonl", "in.jsonl"], "would overwrite the output"),
        (["--jsonl", "--site-key", "url", "--save-sites", "."], "--save-sites . is a directory"),
        (["--jsonl", "--site-key", "url", "--sites", "missing.json", "in.jsonl"], "--sites: missing.json: No such file"),
        (["--jsonl", "--site-key", "url", "--sites", "in.jsonl", "in.jsonl"], "--sites: in.jsonl: not a site model: no 'newsclean_site_model' key"),
    ],
)
def test_site_options_that_cannot_work_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    data = _write(tmp_path / "in.jsonl", _records()[:1])
    result = run(args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert message in result.stderr.decode()
    assert result.stderr.count(b"\n") == 1
    assert (tmp_path / "in.jsonl").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_model_that_cannot_be_saved_stops_the_run_before_any_output(tmp_path: Path) -> None:
    _write(tmp_path / "in.jsonl", _records())
    (tmp_path / "out.jsonl").write_text("the old output\n", encoding="utf-8")
    result = run(["--jsonl", "--site-key", "url", "--save-sites", "no/such/dir/m.json", "-o", "out.jsonl", "in.jsonl"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "newsclean: no/such/dir/m.json: No such file or directory\n"
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "the old output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_a_warning_when_no_record_names_its_site(tmp_path: Path) -> None:
    _write(tmp_path / "in.jsonl", _records())
    result = run(["--jsonl", "--site-key", "source", "in.jsonl"], cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == b"newsclean: warning: no page named its site: the site model learned nothing\n"
    assert result.stdout == run(["--jsonl", "in.jsonl"], cwd=tmp_path).stdout


def test_sigterm_while_learning_from_standard_input_leaves_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_text("the old output\n", encoding="utf-8")
    (tmp_path / "sites.json").write_text("the old model\n", encoding="utf-8")
    spool_dir = tmp_path / "tmp"
    spool_dir.mkdir()
    process = subprocess.Popen(
        [*COMMAND, "--jsonl", "--site-key", "url", "--save-sites", "sites.json", "-o", "out.jsonl"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(spool_dir)},
    )
    assert process.stdin is not None
    process.stdin.write(b"".join(json.dumps(r).encode() + b"\n" for r in _records()))
    process.stdin.flush()
    # Learning has begun once the unnamed temporary file that keeps standard input is open.
    deadline = time.monotonic() + TIMEOUT
    while not any(target.startswith(str(spool_dir)) for target in _open_files(process.pid)):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, err) == (143, b"newsclean: stopped by SIGTERM\n")
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "the old output\n"
    assert (tmp_path / "sites.json").read_text(encoding="utf-8") == "the old model\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "sites.json", "tmp"]
    assert list(spool_dir.iterdir()) == []


def _open_files(pid: int) -> list[str]:
    """What the process's file descriptors point to (Linux's /proc)."""
    directory = f"/proc/{pid}/fd"
    targets = []
    try:
        for name in os.listdir(directory):
            targets.append(os.readlink(os.path.join(directory, name)))
    except FileNotFoundError:  # the process or the descriptor is gone meanwhile
        pass
    return targets
