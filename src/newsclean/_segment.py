"""Split a text into lines that remember where they stand in the input.

Every later stage works on these offsets, so the output can be assembled from
slices of the input (body text is never rewritten) and every removal can name
its exact span.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from typing import NamedTuple

_LINE_WITH_TERMINATOR = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class Line(NamedTuple):
    """One input line: its content span and the terminator that follows it."""

    index: int  # type: ignore[assignment]  # the field shadows tuple.index(), which nothing here calls
    start: int  # offset of the first character of the content
    end: int  # offset just after the content (the terminator starts here)
    stop: int  # offset just after the terminator
    text: str  # the content, without its terminator

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    def blanked(self) -> Line:
        """This line with its text emptied (built directly: ``_replace``, even ``Line(...)``, is slow in
        per-line loops, which blank every removed line of a page)."""
        return _new_tuple(Line, (self.index, self.start, self.end, self.stop, ""))


def split_lines(text: str) -> list[Line]:
    """Return the lines of *text*; ``\\n``, ``\\r\\n`` and ``\\r`` all end a line."""
    if "\r" not in text:
        return _split_on_newlines(text)
    lines: list[Line] = []
    append = lines.append
    for i, match in enumerate(_LINE_WITH_TERMINATOR.finditer(text)):
        chunk = match.group()
        content = chunk.rstrip("\r\n")
        start = match.start()
        append(Line(i, start, start + len(content), match.end(), content))
    return lines


def _split_on_newlines(text: str) -> list[Line]:
    # The common case, kept out of the per-line Python loop: str.split, accumulate
    # and map(tuple.__new__) all run in C (about twice as fast as building each Line in Python).
    parts = text.split("\n")
    last = parts.pop()  # after the final "\n", or the whole text when there is none
    stops = list(accumulate([len(part) + 1 for part in parts]))
    starts = [0, *stops]
    ends = [stop - 1 for stop in stops]
    count = len(parts)
    if last:
        parts.append(last)
        end = starts[count] + len(last)
        ends.append(end)
        stops.append(end)
        count += 1
    return list(map(_new_tuple, repeat(Line, count), zip(range(count), starts, ends, stops, parts)))


_new_tuple = tuple.__new__


def normalise_newlines(text: str) -> str:
    """Return *text* with every line terminator turned into ``\\n`` padded to the same length.

    ``\\r\\n`` becomes `` \\n`` and a lone ``\\r`` becomes ``\\n``, so that offsets in the
    result are offsets in *text*, and ``re.MULTILINE`` anchors see every line end.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")
