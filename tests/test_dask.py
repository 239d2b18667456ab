"""newsclean on Dask: a distributed local cluster gives the same output as ``newsclean --jsonl``."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import dask.bag as db
import pytest
from distributed import Client, LocalCluster

import newsclean
import newsclean.dask
from newsclean._pipeline import _compiled
from newsclean._rules import CompiledRules

USER_RULES = (
    newsclean.Rule("poll-prompt", "promo", "poll prompt", pattern=r"Vote in our poll on \w+"),
    newsclean.Rule("read-time", "byline", "reading time", scope="fragment", pattern=r"[^\S\n]*\d+ min read$"),
)

BODY = (
    "The city council approved the new budget on Tuesday after a long debate about the future of the schools "
    "in the north of the city, and the mayor said that it would take effect in March.\n"
    "\n"
    "Officials said that the plan adds money for the repairs that were delayed last year, and that it keeps "
    "property taxes unchanged for most of the families who live in the older districts, as the café owners had hoped.\n"
    "\n"
    "Several members of the council voted against it because they had asked for a larger share of the money "
    "to go to public transport, which they said was in a poor state after years of cuts.\n"
)


def _record(i: int) -> dict[str, object]:
    # Keys deliberately not sorted, and a non-ASCII character, to check order and ensure_ascii=False.
    text = f"Advertisement\n{BODY}Share this article\nVote in our poll on Mastodon\nCafé report {i}. 4 min read\n"
    return {"url": f"https://example.org/{i}", "text": text, "id": i, "meta": {"lang": "en"}}


def _write_input(path: Path) -> None:
    lines = [json.dumps(_record(i), ensure_ascii=False) for i in range(60)]
    lines.insert(10, "")  # a blank line holds no record
    lines.insert(20, '{"id": "no text field"}')  # a bad record: passed through unchanged
    lines.insert(30, "not json at all")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # A record with a byte that is not UTF-8 (the command reports it and passes it through byte for byte).
    path.write_bytes(data + BAD_UTF8 + b"\n")


BAD_UTF8 = b'{"text": "caf\xe9 au lait", "id": "latin-1"}'


def test_config_with_user_rules_and_compiled_rules_pickle() -> None:
    config = newsclean.Config(extra_rules=USER_RULES, disabled_kinds=frozenset({"byline"}), preset="recall")
    copy = pickle.loads(pickle.dumps(config))
    assert copy == config
    assert copy.extra_rules[0].pattern == r"Vote in our poll on \w+"
    compiled = _compiled(frozenset(), frozenset(), USER_RULES, 1.0)
    restored = pickle.loads(pickle.dumps(compiled))
    assert isinstance(restored, CompiledRules)
    assert (restored.builtin, restored.user, restored.timeout) == (compiled.builtin, compiled.user, compiled.timeout)
    text = _record(1)["text"]
    assert isinstance(text, str)
    assert newsclean.clean(text, copy) == newsclean.clean(text, config)


def test_dask_cluster_output_equals_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _write_input(source)
    # Without heuristics, only the named rules run: the user rules are then what removes their lines.
    config = newsclean.Config(extra_rules=USER_RULES, heuristics=False)

    # The single-process reference: the command line, with the same user rules given through a config.
    expected_records = [json.loads(line) for line in source.read_bytes().splitlines() if line.startswith(b'{"url')]
    cli = subprocess.run(
        [sys.executable, "-m", "newsclean", "--jsonl", "--field", "text", str(source)],
        capture_output=True,
        check=False,
    )
    assert cli.returncode == 1  # the three bad records make the exit status 1 ...
    cli_lines = cli.stdout.splitlines()
    assert len(cli_lines) == 63  # ... but every record, good or bad, is written (blank line dropped)

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            # The README's recipe.
            lines = newsclean.dask.read_lines(str(source), blocksize=2_000)
            assert lines.npartitions >= 4
            out_dir = tmp_path / "out"
            newsclean.dask.write_lines(newsclean.dask.clean_lines(lines, field="text"), str(out_dir / "*.jsonl"))
            records = db.from_sequence(expected_records, npartitions=4)
            cleaned_records = newsclean.dask.clean_bag(records.filter(lambda r: "text" in r), config=config).compute()

    parts = sorted(out_dir.glob("*.jsonl"), key=lambda p: int(p.stem))
    dask_lines = [line for part in parts for line in part.read_bytes().splitlines() if line]
    assert dask_lines == cli_lines
    assert dask_lines[-1] == BAD_UTF8

    # Check the semantics by hand on one record: field cleaned, keys and their order kept, no ASCII escaping.
    first = json.loads(dask_lines[0])
    assert list(first) == ["url", "text", "id", "meta"]
    assert first["meta"] == {"lang": "en"}
    assert "Advertisement" not in first["text"] and "Share this article" not in first["text"]
    assert BODY.strip() in first["text"]
    assert "café".encode() in dask_lines[0]
    assert b'{"id": "no text field"}' in dask_lines and b"not json at all" in dask_lines

    # The parsed-record helper with user rules matches the library called directly.
    assert len(cleaned_records) == 60
    for record in cleaned_records:
        original = _record(record["id"])
        assert record["text"] == newsclean.clean(str(original["text"]), config)
        assert "Vote in our poll on Mastodon" not in record["text"] and "min read" not in record["text"]
        assert f"Café report {record['id']}." in record["text"]  # the fragment rule cut only the reading time


def test_clean_lines_on_error() -> None:
    bag = db.from_sequence(['{"text": 3}\n', "\n", json.dumps({"text": "Advertisement\nA sentence stays here.\n"}) + "\n"])
    rules_only = newsclean.Config(heuristics=False)
    skipped = newsclean.dask.clean_lines(bag, config=rules_only, on_error="skip").compute(scheduler="sync")
    assert skipped == [json.dumps({"text": "A sentence stays here.\n"})]
    passed = newsclean.dask.clean_lines(bag, config=rules_only).compute(scheduler="sync")
    assert passed == ['{"text": 3}', json.dumps({"text": "A sentence stays here.\n"})]
    with pytest.raises(newsclean.dask.RecordError):
        newsclean.dask.clean_lines(bag, on_error="fail").compute(scheduler="sync")
    with pytest.raises(ValueError):
        newsclean.dask.clean_lines(bag, on_error="ignore")


def test_a_line_that_is_not_utf8_is_a_bad_record_not_a_failed_job(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    good = json.dumps({"text": "Advertisement\nA sentence stays here.\n"})
    source.write_bytes(BAD_UTF8 + b"\n" + good.encode() + b"\n")
    rules_only = newsclean.Config(heuristics=False)
    lines = newsclean.dask.read_lines(str(source))
    skipped = newsclean.dask.clean_lines(lines, config=rules_only, on_error="skip").compute(scheduler="sync")
    assert skipped == [json.dumps({"text": "A sentence stays here.\n"})]
    with pytest.raises(newsclean.dask.RecordError, match="not valid UTF-8 at byte offset 13"):
        newsclean.dask.clean_lines(lines, config=rules_only, on_error="fail").compute(scheduler="sync")
    cleaned = newsclean.dask.clean_lines(lines, config=rules_only)
    newsclean.dask.write_lines(cleaned, str(tmp_path / "out" / "*.jsonl"), scheduler="sync")
    assert (tmp_path / "out" / "0.jsonl").read_bytes() == BAD_UTF8 + b"\n" + skipped[0].encode() + b"\n"


def test_with_a_site_model_the_cluster_output_equals_the_command_line(tmp_path: Path) -> None:
    from sitepages import ARTICLES, FOOTER, SITE, page

    records = [{"url": f"{SITE}{i}", "text": page(i), "id": i} for i in range(len(ARTICLES))]
    records += [{"url": f"https://other.example/{i}", "text": page(i).replace(FOOTER[1], "Other Times"), "id": 10 + i} for i in range(3)]
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(2, "not json at all")
    lines.insert(5, json.dumps({"id": "no site", "text": page(4)}))
    source.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + BAD_UTF8 + b"\n")
    cli = subprocess.run(
        [sys.executable, "-m", "newsclean", "--jsonl", "--site-key", "url", str(source)], capture_output=True, check=False
    )
    assert cli.returncode == 1  # the bad records
    expected = newsclean.SiteModel.learn((str(r["url"]), str(r["text"])) for r in records)

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with Client(cluster):
            lines_bag = newsclean.dask.read_lines(str(source), blocksize=2_000)
            assert lines_bag.npartitions >= 3
            sites = newsclean.dask.learn_sites(lines_bag, field="text", site_key="url", split_every=2)
            cleaned = newsclean.dask.clean_lines(lines_bag, field="text", sites=sites, site_key="url")
            newsclean.dask.write_lines(cleaned, str(tmp_path / "out" / "*.jsonl"))
            learned = sites.compute()
            from_records = newsclean.dask.learn_sites(db.from_sequence(records, npartitions=3)).compute()
            bag = newsclean.dask.clean_bag(db.from_sequence(records, npartitions=3), sites=expected, site_key="url")
            cleaned_records = bag.compute()

    assert learned == expected and from_records == expected
    parts = sorted((tmp_path / "out").glob("*.jsonl"), key=lambda p: int(p.stem))
    dask_lines = [line for part in parts for line in part.read_bytes().splitlines() if line]
    assert dask_lines == cli.stdout.splitlines()
    assert FOOTER[1] not in json.loads(dask_lines[0])["text"]
    for record, cleaned_record in zip(records, cleaned_records):
        assert cleaned_record["text"] == newsclean.clean(str(record["text"]), site=expected, site_key=str(record["url"]))
