"""The command line on bad input, odd encodings and line endings, pipes and signals (real subprocess)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

import newsclean
from clitools import COMMAND, SAMPLE, SAMPLE_CLEAN, TIMEOUT, clean_env, run, run_inprocess

NO_H = "--no-heuristics"
DOCS = 30  # enough documents that a batch is still running when interrupted


def _one_line_error(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode()
    assert "Traceback" not in err
    return err


def test_missing_file(tmp_path: Path) -> None:
    result = run(["nope.txt"], cwd=tmp_path)
    assert result.returncode == 1
    err = _one_line_error(result)
    assert err == "newsclean: nope.txt: no such file\n"
    assert result.stdout == b""


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    result = run(["d"], cwd=tmp_path)
    assert result.returncode == 1
    assert "d: is a directory" in _one_line_error(result)


def test_binary_input(tmp_path: Path) -> None:
    (tmp_path / "b.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run(["b.bin"], cwd=tmp_path)
    assert result.returncode == 1
    err = _one_line_error(result)
    assert "b.bin: binary input" in err
    assert result.stdout == b""


def test_binary_on_stdin() -> None:
    result = run_inprocess([], b"abc\x00def")
    assert result.returncode == 1
    assert "<stdin>: binary input" in _one_line_error(result)


def test_undecodable_names_file_and_byte_offset(tmp_path: Path) -> None:
    (tmp_path / "l1.txt").write_bytes("Café au lait.\n".encode("latin-1"))
    result = run(["l1.txt"], cwd=tmp_path)
    assert result.returncode == 1
    err = _one_line_error(result)
    assert "l1.txt" in err and "byte offset 3" in err  # b"Caf" then the lone 0xE9
    assert len(err.strip().splitlines()) == 1  # one input: its error line, no summary
    assert result.stdout == b""


def test_errors_replace_and_encoding(tmp_path: Path) -> None:
    (tmp_path / "l1.txt").write_bytes("Café au lait is served here.\n".encode("latin-1"))
    replaced = run([NO_H, "--errors", "replace", "l1.txt"], cwd=tmp_path)
    assert replaced.returncode == 0
    assert replaced.stdout.decode() == "Caf\ufffd au lait is served here.\n"
    latin = run_inprocess([NO_H, "--encoding", "latin-1", "l1.txt"], cwd=tmp_path)
    assert latin.returncode == 0
    assert latin.stdout == "Café au lait is served here.\n".encode()  # output is UTF-8 whatever the input was
    back = run_inprocess([NO_H, "--encoding", "latin-1", "--output-encoding", "latin-1", "l1.txt"], cwd=tmp_path)
    assert (back.returncode, back.stdout) == (0, "Café au lait is served here.\n".encode("latin-1"))
    too_narrow = run_inprocess([NO_H, "--output-encoding", "ascii", "-"], stdin="Café.\n".encode())
    assert too_narrow.returncode == 1
    assert too_narrow.stderr.decode() == "newsclean: <stdin>: the cleaned text cannot be written as ascii (ordinal not in range(128))\n"
    unknown = run_inprocess([NO_H, "--output-encoding", "no-such-codec", "l1.txt"], cwd=tmp_path)
    assert (unknown.returncode, unknown.stderr) == (2, b"newsclean: error: --output-encoding: unknown encoding 'no-such-codec'\n")
    assert run_inprocess(["--encoding", "no-such-codec", "l1.txt"], cwd=tmp_path).returncode == 1


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode())
    result = run([NO_H, "bom.txt"], cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == SAMPLE_CLEAN.encode()


def test_crlf_and_cr_preserved(tmp_path: Path) -> None:
    (tmp_path / "crlf.txt").write_bytes(SAMPLE.replace("\n", "\r\n").encode())
    (tmp_path / "cr.txt").write_bytes(SAMPLE.replace("\n", "\r").encode())
    mixed = "One line here.\r\nAdvertisement\nTwo lines here.\rThree.\n"
    result = run([NO_H, "crlf.txt", "cr.txt", "-"], mixed.encode(), cwd=tmp_path)
    assert result.returncode == 0
    assert (
        result.stdout
        == (
            SAMPLE_CLEAN.replace("\n", "\r\n")
            + SAMPLE_CLEAN.replace("\n", "\r")
            + "One line here.\r\nTwo lines here.\rThree.\n"
        ).encode()
    )


def test_empty_input() -> None:
    result = run([], b"")
    assert result.returncode == 0
    assert result.stdout == b"" and result.stderr == b""


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    result = run_inprocess(["e.txt"], cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_control_characters_do_not_crash() -> None:
    # NUL past the binary probe, and other C0 controls, are just characters.
    text = "x" * 2000 + "\x00\x01\x1b[31m\x7f\x0c\n" + SAMPLE
    result = run_inprocess([NO_H, "--explain"], text.encode())
    assert result.returncode == 0
    assert result.stdout.decode() == newsclean.clean(text, heuristics=False)
    assert "Traceback" not in result.stderr.decode()


def test_several_files_one_bad(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "c.txt").write_text("Closing paragraph of the second file.\n", encoding="utf-8")
    result = run([NO_H, "a.txt", "missing.txt", "c.txt"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode() == SAMPLE_CLEAN + "Closing paragraph of the second file.\n"
    err = _one_line_error(result).splitlines()
    assert err == ["newsclean: missing.txt: no such file", "newsclean: 1 of 3 inputs failed"]


def _big_text(paragraphs: int) -> str:
    return "".join(
        f"Paragraph {i}: the council met on day {i} and approved item {i * 7}.\n\n" for i in range(paragraphs)
    )


def test_head_closes_pipe_quietly(tmp_path: Path) -> None:
    text = _big_text(5_000)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    expected_first = newsclean.clean(text, heuristics=False).splitlines(keepends=True)[0].encode()
    for unbuffered in ("1", None):  # a raw unbuffered stdout writes only part per call
        process = subprocess.Popen(
            [*COMMAND, NO_H, "big.txt"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=clean_env(PYTHONUNBUFFERED=unbuffered),
        )
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        code = process.wait(timeout=TIMEOUT)
        assert first == expected_first
        assert b"Traceback" not in err and err == b""
        assert code in (0, 141)


def test_whole_output_arrives_unbuffered(tmp_path: Path) -> None:
    text = _big_text(5_000)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [*COMMAND, NO_H, "big.txt"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        env=clean_env(PYTHONUNBUFFERED="1"),
        timeout=TIMEOUT,
    )
    assert result.stdout.decode() == newsclean.clean(text, heuristics=False)


def _as_a_foreground_job() -> None:
    """Start the command with SIGINT and SIGHUP handled by default, as a shell's foreground job is:
    under `nohup` or as a background job of a script, the test runner ignores them, and a child
    inherits that (Python then never raises KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def _interrupt_batch(
    tmp_path: Path, jobs: int, signum: int = signal.SIGINT, whole_group: bool = False, in_place: bool = False
) -> tuple[int, str]:
    """Stop a batch under way with *signum* (sent to the command, or to its whole process group as a
    terminal or a service manager does); check that no temporary or partial file is left, and return the
    exit status and stderr."""
    source = tmp_path / "in"
    source.mkdir()
    text = _big_text(1_500)
    for i in range(DOCS):
        (source / f"doc{i:02}.txt").write_text(text, encoding="utf-8")
    expected = newsclean.clean(text, heuristics=False).encode()
    out = source if in_place else tmp_path / "out"
    names = sorted(f"in/{p.name}" for p in source.iterdir())
    process = subprocess.Popen(
        [*COMMAND, NO_H, "-j", str(jobs), *(["--in-place"] if in_place else ["-o", "out/"]), *names],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=whole_group,
        preexec_fn=_as_a_foreground_job,  # noqa: PLW1509 -- single-threaded test process
    )
    deadline = time.monotonic() + TIMEOUT
    # Stop it once the first output is finished: the batch is under way.
    while not (out.is_dir() and any((p.read_bytes() == expected) for p in out.iterdir() if not p.name.startswith("."))):
        assert process.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    if whole_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=TIMEOUT)
    written = sorted(out.iterdir())
    assert all(not p.name.startswith(".") for p in written), "a temporary file was left behind"
    finished = [p for p in written if p.read_bytes() == expected]
    assert 0 < len(finished) < DOCS
    for path in written:
        assert path.read_bytes() in (expected, text.encode()), f"{path.name} is incomplete"
    return process.returncode, err.decode()


def test_sigint_stops_batch_without_partial_output(tmp_path: Path) -> None:
    assert _interrupt_batch(tmp_path, jobs=1) == (130, "newsclean: interrupted\n")


def test_sigint_stops_parallel_batch(tmp_path: Path) -> None:
    assert _interrupt_batch(tmp_path, jobs=2) == (130, "newsclean: interrupted\n")


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("whole_group", [False, True], ids=["command", "group"])
def test_sigterm_stops_a_batch_like_sigint(tmp_path: Path, jobs: int, whole_group: bool) -> None:
    # Sent to the whole group, the workers get it too: they must end without a word (no BrokenPipe tracebacks).
    assert _interrupt_batch(tmp_path, jobs, signal.SIGTERM, whole_group) == (143, "newsclean: stopped by SIGTERM\n")


@pytest.mark.parametrize("jobs", [1, 2])
def test_sigterm_during_in_place_leaves_no_temporary(tmp_path: Path, jobs: int) -> None:
    assert _interrupt_batch(tmp_path, jobs, signal.SIGTERM, in_place=True) == (143, "newsclean: stopped by SIGTERM\n")


def test_sighup_stops_a_batch(tmp_path: Path) -> None:
    assert _interrupt_batch(tmp_path, 2, signal.SIGHUP, whole_group=True) == (129, "newsclean: stopped by SIGHUP\n")


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"f{i}.txt").write_text(SAMPLE, encoding="utf-8")
    result = run([NO_H, "-o", "out", "f0.txt", "f1.txt", "f2.txt"], cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == b""


def _on_a_terminal(args: list[str], cwd: Path, columns: int, stop_once: Path | None = None) -> tuple[int, bytes]:
    """Run the command with stderr on a pseudo-terminal of *columns* columns; its exit status and what it drew.

    With *stop_once*, SIGTERM is sent as soon as that file exists."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    try:
        process = subprocess.Popen([*COMMAND, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        if stop_once is not None:
            deadline = time.monotonic() + TIMEOUT
            while not stop_once.exists():
                assert process.poll() is None, "the batch ended before it could be stopped"
                assert time.monotonic() < deadline
                time.sleep(0.01)
            process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=TIMEOUT)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    return code, seen


@pytest.mark.parametrize("columns", [100, 0])  # 0: a terminal that reports no width
def test_progress_bar_on_a_terminal(tmp_path: Path, columns: int) -> None:
    names = [f"f{i}.txt" for i in range(5)]
    for name in names:
        (tmp_path / name).write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00binary")
    code, raw = _on_a_terminal([NO_H, "-o", "out", *names, "bad.txt"], tmp_path, columns)
    assert code == 1  # the binary input
    seen = raw.decode()
    frames = [frame for frame in seen.replace("\n", "\r").split("\r") if frame.strip()]
    bars = [frame for frame in frames if frame.startswith("newsclean: ") and "|" in frame]
    assert bars[0].startswith("newsclean:   0%|")
    # tqdm's bar: percentage, count, elapsed<remaining (ETA) and rate, within the terminal's width.
    progress = r"newsclean: +\d+%\|[^|]*\| [1-6]/6 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+[kM]?file/s\]\s*"
    assert any(re.fullmatch(progress, bar) for bar in bars), bars
    assert max(len(bar.rstrip()) for bar in bars) <= (columns or 80)
    # The error line is written whole between two drawings of the bar, not over it.
    assert "newsclean: bad.txt: binary input (NUL byte at byte offset 0); not cleaned" in frames
    # The bar is erased (tqdm blanks its line) before the summary.
    assert re.search(r"\r +\rnewsclean: 1 of 6 inputs failed\r\n$", seen), seen[-200:]
    assert (tmp_path / "out" / "f4.txt").read_bytes() == SAMPLE_CLEAN.encode()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_stopped_batch_erases_its_progress_bar_before_saying_so(tmp_path: Path, jobs: int) -> None:
    text = _big_text(1_500)
    names = [f"f{i:02}.txt" for i in range(DOCS)]
    for name in names:
        (tmp_path / name).write_text(text, encoding="utf-8")
    args = [NO_H, "-j", str(jobs), "-o", "out", *names]
    code, raw = _on_a_terminal(args, tmp_path, 100, stop_once=tmp_path / "out" / names[0])
    assert code == 143
    # Not 'newsclean:  3%|...| 1/30 [...]newsclean: stopped by SIGTERM' on the bar's line.
    assert re.search(r"\r +\rnewsclean: stopped by SIGTERM\r\n$", raw.decode()), raw[-200:]


def test_unwritable_output_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    result = run([NO_H, "-o", "no/such/dir/out.txt", "a.txt"], cwd=tmp_path)
    assert result.returncode == 1
    assert _one_line_error(result).strip() == "newsclean: no/such/dir/out.txt: No such file or directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
