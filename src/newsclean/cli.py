"""The ``newsclean`` command: a thin Unix filter over :func:`newsclean.clean`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import newsclean


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for path in args or ["-"]:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
        sys.stdout.write(newsclean.clean(text))
    return 0
