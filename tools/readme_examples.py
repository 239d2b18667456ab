"""Regenerate (or check) the example outputs in README.md from real runs.

An example is a fenced block without a language whose first line is a shell
command after ``$ ``; the lines after it are what the command prints. This tool
runs each command with bash in the repository root, with this interpreter's
``newsclean`` and ``python`` first on PATH, and writes the real output back::

    python tools/readme_examples.py           # rewrite README.md's example outputs
    python tools/readme_examples.py --check   # exit 1 and show a diff if one is stale

Commands show on stdout whatever the reader should see: ``2>&1 >/dev/null`` for
stderr only, ``| head -n 7`` to cut a long output. ``tests/test_readme.py`` runs
the check.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TIMEOUT = 120  # seconds per command; they clean small samples
_EXAMPLE = re.compile(r"^```\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)^```$", re.MULTILINE | re.DOTALL)


class Example(NamedTuple):
    command: str
    shown: str  # the output README.md shows
    actual: str  # what the command prints now


def run(command: str) -> str:
    """What *command* prints on stdout, run by bash in the repository root."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if not result.stdout:
        raise RuntimeError(f"`{command}` printed nothing on stdout (stderr: {result.stderr.strip()!r})")
    return result.stdout


def examples(text: str) -> list[Example]:
    return [Example(m["command"], m["output"], run(m["command"])) for m in _EXAMPLE.finditer(text)]


def regenerate(text: str) -> str:
    """*text* with every example's output replaced by a fresh run's."""
    return _EXAMPLE.sub(lambda m: f"```\n$ {m['command']}\n{run(m['command'])}```", text)


def stale(text: str) -> list[str]:
    """A diff for every example whose shown output differs from what its command prints now."""
    diffs = []
    for example in examples(text):
        if example.shown != example.actual:
            diff = difflib.unified_diff(
                example.shown.splitlines(keepends=True),
                example.actual.splitlines(keepends=True),
                "README.md",
                "now",
            )
            diffs.append(f"$ {example.command}\n{''.join(diff)}")
    return diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if an example is stale")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    if args.check:
        diffs = stale(text)
        for diff in diffs:
            print(diff)
        if diffs:
            print(f"{len(diffs)} README example(s) out of date: run python tools/readme_examples.py", file=sys.stderr)
        return 1 if diffs else 0
    new = regenerate(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
    print(f"{len(_EXAMPLE.findall(text))} examples, README.md {'updated' if new != text else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
