"""Nothing lost under faults: failed inputs, output targets that are not regular files, --in-place on
files with other owners or several names, closed standard streams, workers that die, big records."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from clitools import COMMAND, SAMPLE, SAMPLE_CLEAN, TIMEOUT, run
from newsclean import _batch

NO_H = "--no-heuristics"
OLD = b"an earlier run's output, which a failed input must not touch\n"


# --- a failed input leaves an existing output alone ---------------------------------------------


@pytest.mark.parametrize(
    "make_input",
    [
        pytest.param(lambda path: None, id="missing"),
        pytest.param(lambda path: path.write_bytes(b"PK\x03\x04\x00\x00binary"), id="binary"),
        pytest.param(lambda path: path.write_bytes(b"caf\xe9 au lait\n"), id="undecodable"),
        pytest.param(lambda path: path.mkdir(), id="directory"),
    ],
)
def test_a_failed_input_leaves_an_existing_output_file_untouched(tmp_path: Path, make_input: object) -> None:
    make_input(tmp_path / "in.txt")  # type: ignore[operator]
    (tmp_path / "out.txt").write_bytes(OLD)
    result = run([NO_H, "-o", "out.txt", "in.txt"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(b"newsclean: in.txt: ") and result.stderr.count(b"\n") == 1
    assert (tmp_path / "out.txt").read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.txt"] or not (tmp_path / "in.txt").exists()


def test_a_missing_jsonl_input_leaves_an_existing_output_file_untouched(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_bytes(OLD)
    result = run(["--jsonl", "-o", "out.jsonl", "missing.jsonl"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == b"newsclean: missing.jsonl: no such file\n"
    assert (tmp_path / "out.jsonl").read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_good_input_still_replaces_the_output_file(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "out.txt").write_bytes(OLD)
    assert run([NO_H, "-o", "out.txt", "in.txt"], cwd=tmp_path).returncode == 0
    assert (tmp_path / "out.txt").read_text("utf-8") == SAMPLE_CLEAN


def test_jsonl_with_bad_records_still_writes_its_output(tmp_path: Path) -> None:
    # Bad records are passed through (the default): the input was read, so the output is written.
    (tmp_path / "in.jsonl").write_bytes(b'{"text": "Markets rallied on Tuesday.Advertisement"}\nnot json\n')
    (tmp_path / "out.jsonl").write_bytes(OLD)
    result = run([NO_H, "--jsonl", "-o", "out.jsonl", "in.jsonl"], cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "out.jsonl").read_bytes() == b'{"text": "Markets rallied on Tuesday."}\nnot json\n'


# --- outputs that are not regular files ------------------------------------------------------------


def test_output_to_a_fifo_writes_into_it_and_keeps_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "in.txt").write_text(SAMPLE, encoding="utf-8")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run([NO_H, "-o", "pipe", "in.txt"], cwd=tmp_path)
    reader.join(TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert received == [SAMPLE_CLEAN.encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO was replaced by a regular file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "pipe"]


def test_output_to_a_device_writes_into_it_and_keeps_it(tmp_path: Path) -> None:
    # Through a link to /dev/null: were the device replaced, only the link would be, never /dev/null itself.
    (tmp_path / "null").symlink_to(os.devnull)
    (tmp_path / "in.txt").write_text(SAMPLE, encoding="utf-8")
    result = run([NO_H, "-o", "null", "in.txt"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "null").is_symlink() and os.readlink(tmp_path / "null") == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "null"]


def test_output_directory_entry_that_is_a_fifo(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    os.mkfifo(tmp_path / "out" / "b.txt")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(SAMPLE, encoding="utf-8")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append((tmp_path / "out" / "b.txt").read_bytes()), daemon=True)
    reader.start()
    result = run([NO_H, "-o", "out/", "a.txt", "b.txt"], cwd=tmp_path)
    reader.join(TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert received == [SAMPLE_CLEAN.encode()]
    assert stat.S_ISFIFO((tmp_path / "out" / "b.txt").stat().st_mode)


# --- --in-place: owner, group and hard links ----------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_in_place_as_root_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    os.chown(path, 4321, 8765)
    os.chmod(path, 0o640)
    result = run([NO_H, "--in-place", "a.txt"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 8765, 0o640)
    assert path.read_text("utf-8") == SAMPLE_CLEAN


def test_in_place_refuses_a_hard_linked_file_and_does_the_others(tmp_path: Path) -> None:
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_text(SAMPLE, encoding="utf-8")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    result = run([NO_H, "--in-place", "a.txt", "c.txt"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "newsclean: a.txt: has 2 hard links; not rewritten in place (that would split them): write it with -o instead",
        "newsclean: 1 of 2 inputs failed",
    ]
    assert (tmp_path / "a.txt").read_text("utf-8") == SAMPLE  # both names keep one and the same text
    assert (tmp_path / "a.txt").stat().st_ino == (tmp_path / "b.txt").stat().st_ino
    assert (tmp_path / "c.txt").read_text("utf-8") == SAMPLE_CLEAN
    jsonl = run(["--jsonl", "--in-place", "a.txt"], cwd=tmp_path)
    assert jsonl.returncode == 1 and b"has 2 hard links" in jsonl.stderr
    assert (tmp_path / "a.txt").read_text("utf-8") == SAMPLE


# --- closed standard streams ----------------------------------------------------------------------


def _run_closed(args: list[str], close: int, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the command with file descriptor *close* closed (as ``<&-`` or ``>&-`` do)."""
    streams: dict[str, int] = {}
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if fd != close:
            streams[name] = subprocess.PIPE
    process = subprocess.Popen(
        [*COMMAND, *args],
        cwd=cwd,
        close_fds=True,
        preexec_fn=lambda: os.close(close),  # noqa: PLW1509 -- single-threaded test process
        **streams,  # type: ignore[call-overload]
    )
    out, err = process.communicate(timeout=TIMEOUT)
    return subprocess.CompletedProcess(args, process.returncode, out or b"", err or b"")


@pytest.mark.parametrize("args", [[], ["-"], ["--jsonl"]], ids=["implicit", "dash", "jsonl"])
def test_closed_standard_input_is_a_one_line_error(tmp_path: Path, args: list[str]) -> None:
    result = _run_closed(args, 0, tmp_path)
    assert result.returncode == 1
    assert result.stderr == b"newsclean: <stdin>: standard input is closed\n"


@pytest.mark.parametrize("args", [["in.txt"], ["--list-rules"]])
def test_closed_standard_output_is_a_one_line_error(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "in.txt").write_text(SAMPLE, encoding="utf-8")
    result = _run_closed(args, 1, tmp_path)
    assert result.returncode == 1
    assert result.stderr == b"newsclean: standard output is closed; give an output with -o\n"


def test_closed_standard_output_is_no_problem_with_an_output_file(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text(SAMPLE, encoding="utf-8")
    result = _run_closed([NO_H, "-o", "out.txt", "in.txt"], 1, tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    assert (tmp_path / "out.txt").read_text("utf-8") == SAMPLE_CLEAN


def test_closed_standard_output_is_no_problem_with_a_json_lines_output_file(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": 7, "text": SAMPLE}) + "\n", encoding="utf-8")
    result = _run_closed([NO_H, "--jsonl", "-o", "out.jsonl", "in.jsonl"], 1, tmp_path)
    assert (result.returncode, result.stderr) == (0, b"")
    assert json.loads((tmp_path / "out.jsonl").read_text("utf-8")) == {"id": 7, "text": SAMPLE_CLEAN}


def test_a_files_from_list_on_closed_standard_input_is_a_usage_error(tmp_path: Path) -> None:
    result = _run_closed(["--files-from", "-", "-o", "out/"], 0, tmp_path)
    assert result.returncode == 2
    assert result.stderr == b"newsclean: error: --files-from: -: standard input is closed\n"


def test_closed_standard_error_keeps_the_exit_status(tmp_path: Path) -> None:
    result = _run_closed(["missing.txt"], 2, tmp_path)
    assert (result.returncode, result.stdout) == (1, b"")


def test_closed_standard_error_does_not_stop_a_batch(tmp_path: Path) -> None:
    # The message about the missing file, written to no stderr, must not end the run before in.txt.
    (tmp_path / "in.txt").write_text(SAMPLE, encoding="utf-8")
    result = _run_closed([NO_H, "-o", "out/", "missing.txt", "in.txt"], 2, tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "out" / "in.txt").read_text("utf-8") == SAMPLE_CLEAN


# --- the worker pool ------------------------------------------------------------------------------


def _echo_size(state: object, item: tuple[int, bytes]) -> int:
    return len(item[1])


def test_workers_bound_what_is_in_flight_by_bytes() -> None:
    record = b"x" * (_batch.CHUNK_BYTES * 2)  # each record alone is more than a chunk's worth of bytes
    read = 0

    def records() -> object:
        nonlocal read
        for number in range(40):
            read += 1
            yield number, record

    with _batch.Workers(_echo_size, None, jobs=2, chunksize=64, weigh=lambda item: len(item[1])) as workers:
        ahead = []
        for count, size in enumerate(workers.map(records()), 1):  # type: ignore[arg-type]
            assert size == len(record)
            ahead.append(read - count)
    # Never more than one record per worker beyond what was handed back (and the one being chunked).
    assert max(ahead) <= 2 + 1, ahead
    assert len(ahead) == 40


def _die_on_three(state: object, item: int) -> int:
    if item == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return item


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    workers = _batch.Workers(_die_on_three, None, jobs=2, chunksize=1)
    with pytest.raises(_batch.WorkerDied, match="killed by signal 9"), workers:
        list(workers.map(range(10)))


def test_workers_keep_input_order_with_uneven_chunks() -> None:
    with _batch.Workers(_echo_size, None, jobs=2, chunksize=3, weigh=lambda item: len(item[1])) as workers:
        items = [(i, b"y" * (i * 37 % 1000)) for i in range(200)]
        assert list(workers.map(items)) == [len(data) for _, data in items]


def test_a_killed_worker_stops_the_command_with_one_line(tmp_path: Path) -> None:
    text = "".join(f"Paragraph {i}: the council met on day {i} and approved item {i * 7}.\n\n" for i in range(3000))
    names = []
    for i in range(40):
        (tmp_path / f"doc{i:02}.txt").write_text(text, encoding="utf-8")
        names.append(f"doc{i:02}.txt")
    process = subprocess.Popen(
        [*COMMAND, NO_H, "-j", "2", "-o", "out/", *names], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    children: list[int] = []
    deadline = time.monotonic() + TIMEOUT
    while not children:
        assert process.poll() is None and time.monotonic() < deadline, "no worker seen"
        with open(f"/proc/{process.pid}/task/{process.pid}/children") as listing:
            children = [int(pid) for pid in listing.read().split()]
        time.sleep(0.01)
    os.kill(children[0], signal.SIGKILL)
    _, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 1
    assert err.decode() == "newsclean: a worker process ended before finishing its work (killed by signal 9)\n"
    assert all(not p.name.startswith(".") for p in (tmp_path / "out").iterdir()), "a temporary file was left behind"


def test_a_worker_that_died_while_idle_is_an_error_too() -> None:
    workers = _batch.Workers(_echo_size, None, jobs=2, chunksize=1)
    with pytest.raises(_batch.WorkerDied, match="killed by signal 9"), workers:
        for process in [worker.process for worker in workers._workers][1:]:
            os.kill(process.pid, signal.SIGKILL)
            process.join()
        list(workers.map((i, b"x") for i in range(10)))
