"""Run the real ``newsclean`` command in a subprocess (``python -m newsclean`` with this interpreter)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

COMMAND = [sys.executable, "-m", "newsclean"]
TIMEOUT = 60  # generous: the machine may be busy; no test relies on speed

# Known answer with --no-heuristics, checked by hand: the glued "Advertisement" marker
# and the share prompt go, the two sentences stay with their own line ends.
SAMPLE = "Markets rallied on Tuesday.Advertisement\nShare this article\nThe end of it.\n"
SAMPLE_CLEAN = "Markets rallied on Tuesday.\nThe end of it.\n"


def run(
    args: Sequence[str],
    stdin: bytes | None = b"",
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*COMMAND, *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=cwd,
        env=env,
        timeout=TIMEOUT,
    )


def clean_env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


class Result(NamedTuple):
    returncode: int
    stdout: bytes
    stderr: bytes


def run_inprocess(args: Sequence[str], stdin: bytes = b"", cwd: Path | str | None = None) -> Result:
    """Call ``newsclean.cli.main`` in this process, with byte streams standing in for stdin/stdout/stderr.

    For option semantics only; everything about real files descriptors, pipes,
    signals and processes is tested through :func:`run`.
    """
    from newsclean.cli import main

    streams = [io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")]
    streams += [io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True) for _ in range(2)]
    saved = sys.stdin, sys.stdout, sys.stderr
    previous = os.getcwd()
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        if cwd is not None:
            os.chdir(cwd)
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's own usage errors, --help, --version
            code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.chdir(previous)
        sys.stdin, sys.stdout, sys.stderr = saved
    out, err = (stream.buffer.getvalue() for stream in streams[1:])  # type: ignore[attr-defined]
    return Result(code, out, err)
