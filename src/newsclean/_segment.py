"""Split a text into lines that remember where they stand in the input.

Every later stage works on these offsets, so the output can be assembled from
slices of the input (body text is never rewritten) and every removal can name
its exact span.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_LINE_WITH_TERMINATOR = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class Line(NamedTuple):
    """One input line: its content span and the terminator that follows it."""

    index: int
    start: int  # offset of the first character of the content
    end: int  # offset just after the content (the terminator starts here)
    stop: int  # offset just after the terminator
    text: str  # the content, without its terminator

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Return the lines of *text*; ``\\n``, ``\\r\\n`` and ``\\r`` all end a line."""
    lines: list[Line] = []
    append = lines.append
    if "\r" not in text:
        # Fast path for the common case: str.split runs in C.
        offset = 0
        parts = text.split("\n")
        last = len(parts) - 1
        for i, part in enumerate(parts):
            end = offset + len(part)
            if i == last:
                if part:
                    append(Line(i, offset, end, end, part))
                break
            append(Line(i, offset, end, end + 1, part))
            offset = end + 1
        return lines
    for i, match in enumerate(_LINE_WITH_TERMINATOR.finditer(text)):
        chunk = match.group()
        content = chunk.rstrip("\r\n")
        start = match.start()
        append(Line(i, start, start + len(content), match.end(), content))
    return lines


def normalise_newlines(text: str) -> str:
    """Return *text* with every line terminator turned into ``\\n`` padded to the same length.

    ``\\r\\n`` becomes `` \\n`` and a lone ``\\r`` becomes ``\\n``, so that offsets in the
    result are offsets in *text*, and ``re.MULTILINE`` anchors see every line end.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")
