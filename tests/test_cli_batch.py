"""Batches, output directories, --jobs, --in-place, overwrite protection and JSON Lines."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest

import newsclean
from clitools import SAMPLE, run, run_inprocess
from newsclean._jsonl import clean_line
from newsclean.jsonl import REMOVALS_KEY, RecordError, clean_record

NO_H = "--no-heuristics"


def _docs(tmp_path: Path, count: int) -> list[str]:
    names = []
    for i in range(count):
        name = f"doc{i:02}.txt"
        (tmp_path / name).write_text(
            f"Story number {i} begins here.Advertisement\nShare this article\nEnd {i}.\n", "utf-8"
        )
        names.append(name)
    return names


def _expected(i: int) -> str:
    return f"Story number {i} begins here.\nEnd {i}.\n"


# --- output directories -------------------------------------------------------


def test_batch_into_output_directory(tmp_path: Path) -> None:
    names = _docs(tmp_path, 3)
    result = run([NO_H, "-o", "out", *names], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == names
    for i, name in enumerate(names):
        assert (tmp_path / "out" / name).read_text("utf-8") == _expected(i)


def test_single_file_into_directory_by_trailing_slash_or_existing_dir(tmp_path: Path) -> None:
    _docs(tmp_path, 1)
    assert run_inprocess([NO_H, "-o", "new/", "doc00.txt"], cwd=tmp_path).returncode == 0
    assert (tmp_path / "new" / "doc00.txt").read_text("utf-8") == _expected(0)
    (tmp_path / "existing").mkdir()
    assert run_inprocess([NO_H, "-o", "existing", "doc00.txt"], cwd=tmp_path).returncode == 0
    assert (tmp_path / "existing" / "doc00.txt").read_text("utf-8") == _expected(0)


def test_batch_with_bad_input_writes_the_good_ones(tmp_path: Path) -> None:
    names = _docs(tmp_path, 2)
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    result = run([NO_H, "-o", "out", names[0], "bin.txt", "gone.txt", names[1]], cwd=tmp_path)
    assert result.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == names
    err = result.stderr.decode().splitlines()
    assert err[-1] == "newsclean: 2 of 4 inputs failed"
    assert any("bin.txt: binary input" in line for line in err)
    assert any("gone.txt: no such file" in line for line in err)


def test_same_basename_twice_is_refused(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(SAMPLE, "utf-8")
    result = run_inprocess(["-o", "out", "a/x.txt", "b/x.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert not (tmp_path / "out").exists()


def test_output_path_that_is_a_file_with_several_inputs(tmp_path: Path) -> None:
    names = _docs(tmp_path, 2)
    (tmp_path / "out.txt").write_text("keep me", "utf-8")
    result = run_inprocess(["-o", "out.txt", *names], cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "out.txt").read_text("utf-8") == "keep me"


# --- never overwrite an input ----------------------------------------------------


def test_output_equal_to_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, "utf-8")
    (tmp_path / "link.txt").symlink_to("a.txt")
    for target in ("a.txt", "./a.txt", "link.txt"):
        result = (run if target == "a.txt" else run_inprocess)([NO_H, "-o", target, "a.txt"], cwd=tmp_path)
        assert result.returncode == 2, target
        assert "refusing to overwrite" in result.stderr.decode()
        assert (tmp_path / "a.txt").read_text("utf-8") == SAMPLE


def test_output_directory_holding_the_input_is_refused(tmp_path: Path) -> None:
    names = _docs(tmp_path, 2)
    result = run_inprocess([NO_H, "-o", ".", *names], cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / names[0]).read_text("utf-8") != _expected(0)


def test_in_place_is_atomic_and_keeps_mode(tmp_path: Path) -> None:
    names = _docs(tmp_path, 2)
    os.chmod(tmp_path / names[0], 0o640)
    inode = (tmp_path / names[0]).stat().st_ino
    result = run([NO_H, "--in-place", *names], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for i, name in enumerate(names):
        assert (tmp_path / name).read_text("utf-8") == _expected(i)
    assert stat.S_IMODE((tmp_path / names[0]).stat().st_mode) == 0o640
    assert (tmp_path / names[0]).stat().st_ino != inode  # replaced by rename, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # no temporary left


def test_in_place_rejects_stdin_and_output() -> None:
    assert run_inprocess(["--in-place"], b"x").returncode == 2
    assert run_inprocess(["--in-place", "-o", "x", "y"]).returncode == 2


def test_in_place_bad_file_left_alone(tmp_path: Path) -> None:
    (tmp_path / "l1.txt").write_bytes(b"caf\xe9\n")
    result = run_inprocess(["--in-place", "l1.txt"], cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "l1.txt").read_bytes() == b"caf\xe9\n"


# --- --jobs ---------------------------------------------------------------------------


def test_jobs_keep_input_order(tmp_path: Path) -> None:
    names = _docs(tmp_path, 12)
    serial = run([NO_H, *names], cwd=tmp_path)
    parallel = run([NO_H, "-j", "2", *names], cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 0
    assert parallel.stdout == serial.stdout == "".join(_expected(i) for i in range(12)).encode()
    assert run([NO_H, "-j", "2", "-o", "out", *names], cwd=tmp_path).returncode == 0
    for i, name in enumerate(names):
        assert (tmp_path / "out" / name).read_text("utf-8") == _expected(i)


def test_jobs_zero_means_all_cpus_and_negative_is_refused(tmp_path: Path) -> None:
    names = _docs(tmp_path, 2)
    assert run([NO_H, "-j", "0", *names], cwd=tmp_path).stdout.decode() == _expected(0) + _expected(1)
    assert run_inprocess(["-j", "-1", *names], cwd=tmp_path).returncode == 2


def test_config_and_rules_pickle() -> None:
    config = newsclean.Config(
        disabled_kinds=frozenset({"ad"}),
        extra_rules=(newsclean.Rule("mine", "promo", "d", pattern="Follow us"),),
    )
    assert pickle.loads(pickle.dumps(config)) == config
    assert pickle.loads(pickle.dumps(newsclean.RULES)) == newsclean.RULES


# --- JSON Lines --------------------------------------------------------------------------

GOOD = {
    "id": 1,
    "text": "The council met again today.Advertisement\nShare this article\nBye now.\n",
    "lang": "en",
    "z": "é",
}
BAD_LINES = [
    b"not json at all",
    b"[1, 2]",
    b'{"id": 3}',
    b'{"id": 4, "text": 5}',
    b'{"id": 5, "text": null}',
]


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps(GOOD, ensure_ascii=False).encode(),
        *BAD_LINES,
        json.dumps({"text": "Last one.", "n": 2}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _good_out() -> dict[str, object]:
    return {"id": 1, "text": "The council met again today.\nBye now.\n", "lang": "en", "z": "é"}


def test_jsonl_pass_reports_and_keeps_bad_records(tmp_path: Path) -> None:
    _jsonl(tmp_path)
    result = run([NO_H, "--jsonl", "in.jsonl"], cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout.split(b"\n")
    assert out[-1] == b""
    assert json.loads(out[0]) == _good_out()
    assert list(json.loads(out[0])) == ["id", "text", "lang", "z"]  # key order kept
    assert "é".encode() in out[0]  # ensure_ascii=False
    assert out[1:6] == BAD_LINES  # passed through byte for byte
    assert json.loads(out[6]) == {"text": "Last one.", "n": 2}
    err = result.stderr.decode().splitlines()
    assert [line.split(": bad record")[0] for line in err[:5]] == [f"newsclean: in.jsonl:{n}" for n in range(2, 7)]
    assert all(line.endswith("passed through unchanged") for line in err[:5])
    assert "not JSON" in err[0] and "array" in err[1] and "no field 'text'" in err[2]
    assert "number" in err[3] and "null" in err[4]
    assert err[5] == "newsclean: 5 bad records"


def test_jsonl_skip_drops_bad_records_but_reports_them(tmp_path: Path) -> None:
    _jsonl(tmp_path)
    result = run([NO_H, "--jsonl", "--on-error", "skip", "in.jsonl"], cwd=tmp_path)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records == [_good_out(), {"text": "Last one.", "n": 2}]
    assert result.stderr.decode().count("skipped") == 5


def test_jsonl_fail_stops_at_first_bad_record(tmp_path: Path) -> None:
    _jsonl(tmp_path)
    result = run([NO_H, "--jsonl", "--on-error", "fail", "in.jsonl"], cwd=tmp_path)
    assert result.returncode == 1
    assert [json.loads(line) for line in result.stdout.splitlines()] == [_good_out()]
    assert "in.jsonl:2" in result.stderr.decode()
    # With -o, nothing is written at all.
    result = run([NO_H, "--jsonl", "--on-error", "fail", "-o", "out.jsonl", "in.jsonl"], cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / "out.jsonl").exists()


def test_jsonl_all_good_from_stdin_with_field_and_removals() -> None:
    records = [{"body": "The mayor opened the bridge.Advertisement\n", "k": i} for i in range(3)]
    data = "".join(json.dumps(r) + "\r\n" for r in records).encode()
    result = run([NO_H, "--jsonl", "--field", "body", "--removals"], data)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    out = [json.loads(line) for line in result.stdout.splitlines()]
    for i, record in enumerate(out):
        assert list(record) == ["body", "k", REMOVALS_KEY]
        assert record["body"] == "The mayor opened the bridge.\n" and record["k"] == i
        assert record[REMOVALS_KEY] == [
            {"start": 28, "end": 41, "rule": "ad-marker-glued", "kind": "ad", "text": "Advertisement"}
        ]


def test_jsonl_jobs_same_as_serial(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    lines = []
    for i in range(300):
        lines.append(json.dumps({"i": i, "text": f"Item {i} text.Advertisement\nShare this article\n"}))
        if i % 50 == 7:
            lines.append("{broken")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    serial = run([NO_H, "--jsonl", "many.jsonl"], cwd=tmp_path)
    parallel = run([NO_H, "--jsonl", "-j", "2", "many.jsonl"], cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    out = parallel.stdout.splitlines()
    assert len(out) == 306  # 300 records and 6 broken lines passed through
    ids = [json.loads(line)["i"] for line in out if line != b"{broken"]
    assert ids == list(range(300))
    assert json.loads(out[-1]) == {"i": 299, "text": "Item 299 text.\n"}
    assert [i for i, line in enumerate(out) if line == b"{broken"] == [8, 59, 110, 161, 212, 263]


def test_jsonl_missing_last_newline_and_blank_lines(tmp_path: Path) -> None:
    data = b'{"text": "A."}\n\n   \n{"text": "B."}'
    result = run_inprocess([NO_H, "--jsonl"], data)
    assert result.returncode == 0
    assert result.stdout == b'{"text": "A."}\n{"text": "B."}\n'


def test_clean_record_library_function() -> None:
    record = {"a": 1, "text": "We said hi there.Advertisement\n", "b": [1]}
    config = newsclean.Config(heuristics=False)
    cleaned = clean_record(record, "text", config)
    assert cleaned == {"a": 1, "text": "We said hi there.\n", "b": [1]}
    assert record["text"] == "We said hi there.Advertisement\n"  # the input record is not changed
    with_removals = clean_record(record, "text", config, removals=True)
    assert with_removals[REMOVALS_KEY][0]["rule"] == "ad-marker-glued"
    for bad, why in ((["x"], "array"), ({"x": 1}, "no field"), ({"text": None}, "null"), ({"text": 1.5}, "number")):
        with pytest.raises(RecordError, match=why):
            clean_record(bad, "text", config)
    assert clean_line(b'"just a string"', "text", config) == (None, "record is a string, not an object")
    assert clean_line(b"\xff", "text", config)[0] is None


def test_clean_line_keeps_lone_surrogate_escaped() -> None:
    output, error = clean_line(b'{"text": "ok \\ud800 here"}', "text", newsclean.Config(heuristics=False))
    assert error is None and output is not None
    assert json.loads(output) == {"text": "ok \ud800 here"}


def test_jsonl_keeps_numbers_as_written() -> None:
    # Each number exactly as it came: no float rounding, no 'Infinity' (not JSON), no reformatting.
    line = (
        '{"id": 12345678901234567.89, "text": "Markets rallied on Tuesday.Advertisement", "big": 1e400, '
        '"neg": -0, "exp": 1E5, "ratio": 2.50, "nested": {"n": [1, 2.0, 123456789012345678901234567890]}, '
        '"ok": true, "none": null}\n'
    )
    result = run_inprocess([NO_H, "--jsonl"], line.encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == line.replace("Tuesday.Advertisement", "Tuesday.")


def test_jsonl_keeps_numbers_beside_removals_and_escapes() -> None:
    # A lone surrogate has no UTF-8 form: the record is written with ASCII escapes, numbers still as written.
    line = r'{"text": "Caf\u00e9 \ud800 rallied on Tuesday.Advertisement", "n": 0.1000}'
    output, error = clean_line(line.encode(), "text", newsclean.Config(heuristics=False), removals=True)
    assert error is None and output is not None
    assert output.startswith(rb'{"text": "Caf\u00e9 \ud800 rallied on Tuesday.", "n": 0.1000, "newsclean_removals": [')
    assert json.loads(output)[REMOVALS_KEY][0]["rule"] == "ad-marker-glued"


def test_jsonl_duplicate_key_is_a_bad_record(tmp_path: Path) -> None:
    lines = b'{"text": "First version.", "text": "Second version."}\n{"text": "A clean record.", "id": 1}\n'
    result = run_inprocess([NO_H, "--jsonl"], lines)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0] == (
        "newsclean: <stdin>:1: bad record: duplicate key 'text'; passed through unchanged"
    )
    assert result.stdout == lines  # passed through byte for byte
    assert clean_line(b'{"a": {"b": 1, "b": 2}, "text": "x"}', "text", None) == (None, "duplicate key 'b'")


def test_jsonl_number_field_is_still_not_a_string() -> None:
    assert clean_line(b'{"text": 1e400}', "text", None) == (None, "field 'text' is a number, not a string")


def test_in_place_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    _docs(tmp_path, 1)
    (tmp_path / "link.txt").symlink_to("doc00.txt")
    result = run_inprocess([NO_H, "--in-place", "link.txt"], cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "doc00.txt").read_text("utf-8") == _expected(0)
