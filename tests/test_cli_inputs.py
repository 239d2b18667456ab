"""The command's inputs and explanations: HTML explained and warned about, JSON explanations, -r and
--files-from, UTF-16/32 with a byte-order mark, the output encoding, the size limits, --config from a pipe."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from clitools import COMMAND, SAMPLE, SAMPLE_CLEAN, TIMEOUT, run, run_inprocess

NO_H = "--no-heuristics"
BODY = "The council approved the budget on Tuesday after a long debate about schools and roads.\n"

PAGE = b"""<!doctype html>
<html><head><title>Council approves budget</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Council approves the budget after a long debate</h1>
<p>The city council approved the budget on Tuesday after a long debate about schools, roads and the new
library that residents have asked for since 2019.</p>
<p>Advertisement</p>
<p>The mayor said the plan would fund two new schools and repair forty kilometres of roads over the next
three years, and that taxes would not rise.</p>
<p>Opponents said the library had been postponed once again and promised to raise the matter at the next
session of the council in the spring.</p>
<p>Share this article</p>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>
"""


# --- HTML: explained, and its warnings printed ---------------------------------------------------


def test_explain_on_html_shows_the_removals_and_what_the_extractor_left_out(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(PAGE)
    result = run_inprocess(["--explain", "page.html"], cwd=tmp_path)
    assert result.returncode == 0
    assert b"Advertisement" not in result.stdout and b"The mayor said" in result.stdout
    removals, dropped = result.stderr.decode().split("page.html: 3 text blocks")
    assert removals.splitlines()[0] == "page.html: 2 removals from the extracted text (line numbers of that text)"
    assert "ad-marker (ad)" in removals and "| Advertisement" in removals
    assert "share-prompt (share)" in removals and "| Share this article" in removals
    assert dropped.splitlines() == [
        " of the page left out by the extractor (trafilatura)",
        "  | Home",
        "  | World",
        "  | Copyright 2024 Example News. All rights reserved.",
    ]


@pytest.mark.parametrize(
    ("page", "warning"),
    [
        (b"<html><body>   </body></html>", "no article text found in the HTML"),
        (b"<html><body><p>Share this article</p></body></html>", "newsclean removed all of the extracted text"),
        (b" \n", "empty input"),
    ],
)
def test_html_warnings_are_printed(tmp_path: Path, page: bytes, warning: str) -> None:
    (tmp_path / "p.html").write_bytes(page)
    result = run_inprocess(["p.html"], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, b"")
    assert f"newsclean: p.html: warning: {warning}\n" in result.stderr.decode()


# --- --explain-format json ----------------------------------------------------------------------


def test_explain_json_is_one_object_per_input_with_offsets_into_the_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "page.html").write_bytes(PAGE)
    result = run([NO_H, "--explain-format", "json", "a.txt", "b.txt", "page.html"], cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode().startswith(SAMPLE_CLEAN + BODY)
    a, b, page = (json.loads(line) for line in result.stderr.decode().splitlines())
    assert [a["input"], b["input"], page["input"]] == ["a.txt", "b.txt", "page.html"]
    assert (a["source"], a["warnings"], b["removals"]) == ("text", [], [])
    assert [(r["rule"], r["kind"], r["text"], r["first_line"]) for r in a["removals"]] == [
        ("ad-marker-glued", "ad", "Advertisement", 1),
        ("share-prompt", "share", "Share this article", 2),
    ]
    for removal in a["removals"]:
        assert SAMPLE[removal["start"] : removal["end"]] == removal["text"]
        assert removal["reason"]
    assert page["source"] == "html"
    assert [r["text"] for r in page["removals"]] == ["Advertisement", "Share this article"]
    assert page["dropped_by_extractor"] == ["Home", "World", "Copyright 2024 Example News. All rights reserved."]


def test_explain_json_keeps_warnings_and_errors_apart() -> None:
    result = run_inprocess([NO_H, "--explain-format", "json", "--max-document-size", "10", "-"], stdin=BODY.encode())
    assert result.stdout == BODY.encode()
    lines = result.stderr.decode().splitlines()
    assert lines[0].startswith("newsclean: <stdin>: warning: text is 88 characters long, over max_document_size=10")
    explained = json.loads(lines[1])
    assert explained["removals"] == [] and explained["warnings"][0].startswith("text is 88 characters long")
    assert run_inprocess(["--explain-format", "json", "--jsonl"], stdin=b"").returncode == 2


# --- inputs: -r, --files-from ----------------------------------------------------------------------


def _tree(root: Path) -> None:
    (root / "in" / "sub" / "deeper").mkdir(parents=True)
    (root / "in" / ".hidden").mkdir()
    for name in ("in/a.txt", "in/sub/a.txt", "in/sub/deeper/b.txt", "in/.hidden/c.txt", "in/.d.txt"):
        (root / name).write_text(SAMPLE, encoding="utf-8")


def test_a_directory_without_r_is_an_error_that_says_so(tmp_path: Path) -> None:
    _tree(tmp_path)
    result = run_inprocess([NO_H, "in"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == b"newsclean: in: is a directory (use -r to clean the files in it)\n"


def test_recursive_mirrors_the_tree_into_the_output_directory(tmp_path: Path) -> None:
    _tree(tmp_path)
    result = run_inprocess([NO_H, "-r", "in", "-o", "out"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["a.txt", "sub/a.txt", "sub/deeper/b.txt"]  # hidden files and directories are skipped
    assert all((tmp_path / "out" / name).read_text(encoding="utf-8") == SAMPLE_CLEAN for name in written)
    # To standard output, in name order; in place, every file (a.txt twice in different directories is fine).
    assert run_inprocess([NO_H, "-r", "in"], cwd=tmp_path).stdout == SAMPLE_CLEAN.encode() * 3
    assert run_inprocess([NO_H, "-r", "--in-place", "in"], cwd=tmp_path).returncode == 0
    assert (tmp_path / "in" / "sub" / "deeper" / "b.txt").read_text(encoding="utf-8") == SAMPLE_CLEAN
    assert (tmp_path / "in" / ".d.txt").read_text(encoding="utf-8") == SAMPLE


def test_recursive_output_directory_still_refuses_two_inputs_for_one_name(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.txt").write_text(SAMPLE, encoding="utf-8")
    result = run_inprocess([NO_H, "-r", "in", "other", "-o", "out"], cwd=tmp_path)
    assert result.returncode == 2
    assert b"would both be written to out/a.txt" in result.stderr


def test_files_from_a_file_and_from_standard_input(tmp_path: Path) -> None:
    for name in ("a b.txt", "c.txt"):
        (tmp_path / name).write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "list").write_bytes(b"a b.txt\r\n\nc.txt\n")
    from_file = run_inprocess([NO_H, "--files-from", "list", "-o", "out"], cwd=tmp_path)
    assert from_file.returncode == 0, from_file.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a b.txt", "c.txt"]
    from_stdin = run_inprocess([NO_H, "--files-from", "-"], stdin=b"c.txt\nmissing.txt\n", cwd=tmp_path)
    assert from_stdin.returncode == 1
    assert from_stdin.stdout == SAMPLE_CLEAN.encode()
    assert from_stdin.stderr.decode().splitlines() == ["newsclean: missing.txt: no such file", "newsclean: 1 of 2 inputs failed"]
    empty = run_inprocess([NO_H, "--files-from", "-"], stdin=b"", cwd=tmp_path)
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, b"", b"")


def test_files_from_errors(tmp_path: Path) -> None:
    missing = run_inprocess(["--files-from", "nope"], cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, b"newsclean: error: --files-from: nope: no such file\n")
    both = run_inprocess(["--files-from", "-", "-"], cwd=tmp_path)
    assert both.returncode == 2
    assert b"standard input cannot hold both the --files-from list and an input" in both.stderr


# --- encodings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("given", [[], ["--encoding", "utf-16"], ["--encoding", "latin-1"]])
def test_utf16_and_utf32_with_a_byte_order_mark(tmp_path: Path, encoding: str, given: list[str]) -> None:
    data = SAMPLE.replace("Markets", "Märkte").encode(encoding)
    if not encoding.endswith(("le", "be")):
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # the plain codec writes the mark itself
    else:
        data = "\ufeff".encode(encoding) + data
    (tmp_path / "wide.txt").write_bytes(data)
    result = run_inprocess([NO_H, *given, "wide.txt"], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == SAMPLE_CLEAN.replace("Markets", "Märkte").encode("utf-8")  # the mark decides; UTF-8 out


def test_nul_bytes_without_a_byte_order_mark_are_still_binary(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(SAMPLE.encode("utf-16-le"))
    result = run_inprocess(["wide.txt"], cwd=tmp_path)
    assert result.returncode == 1
    assert b"binary input (NUL byte at byte offset 1)" in result.stderr


def test_a_byte_order_mark_before_nul_characters_is_still_binary(tmp_path: Path) -> None:
    (tmp_path / "wide.bin").write_bytes("\ufeffab\x00cd".encode("utf-16-le"))
    result = run_inprocess(["wide.bin"], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr == b"newsclean: wide.bin: binary input (NUL character at character offset 2); not cleaned\n"
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfeA")  # half a UTF-16 code unit
    odd = run_inprocess(["odd.txt"], cwd=tmp_path)
    assert odd.returncode == 1 and b"not valid utf-16-le at byte offset 2" in odd.stderr


def test_output_encoding_for_html_too(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(PAGE.replace(b"The mayor", "Le maire était".encode()))
    result = run_inprocess(["--output-encoding", "utf-16", "page.html"], cwd=tmp_path)
    assert result.returncode == 0
    assert "Le maire était" in result.stdout.decode("utf-16")


# --- limits and the config file ---------------------------------------------------------------------


def test_size_limits_have_flags() -> None:
    text = "Advertisement\n" + BODY
    over = run_inprocess([NO_H, "--max-document-size", "50"], stdin=text.encode())
    assert (over.returncode, over.stdout) == (0, text.encode())
    assert "over max_document_size=50" in over.stderr.decode()
    assert run_inprocess([NO_H, "--max-document-size", "500"], stdin=text.encode()).stdout == BODY.encode()
    long_line = run_inprocess([NO_H, "--max-line-length", "10"], stdin=text.encode())
    assert long_line.stdout == text.encode()  # the ad marker is 13 characters: kept, unseen
    assert "longer than max_line_length=10" in long_line.stderr.decode()
    bad = run_inprocess(["--max-line-length", "0"])
    assert bad.returncode == 2 and b"must be a positive number, not 0" in bad.stderr


def test_config_from_a_pipe_and_from_a_path_with_an_equals_sign(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"heuristics = false\ndisable_kinds = ['ad']\n")
    os.close(write_end)
    try:
        piped = subprocess.run(
            [*COMMAND, "--config", f"/dev/fd/{read_end}"],  # what `--config <(...)` passes
            input=SAMPLE.encode(),
            capture_output=True,
            pass_fds=(read_end,),
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(read_end)
    assert (piped.returncode, piped.stderr) == (0, b"")
    assert piped.stdout == b"Markets rallied on Tuesday.Advertisement\nThe end of it.\n"  # ads kept, share gone
    directory = tmp_path / "run=3"
    directory.mkdir()
    (directory / "c.toml").write_text("heuristics = false\n", encoding="utf-8")
    assert run_inprocess(["--config", str(directory / "c.toml")], stdin=SAMPLE.encode()).stdout == SAMPLE_CLEAN.encode()
    missing = run_inprocess(["--config", str(directory / "none.toml")])
    assert missing.returncode == 2
    assert missing.stderr.decode().endswith("none.toml: cannot read config file: No such file or directory\n")
