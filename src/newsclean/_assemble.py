"""Build the cleaned text from slices of the input, and the list of removals."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from newsclean._rules import Hit
from newsclean._segment import Line


class Removal(NamedTuple):
    """One piece of the input that newsclean removed.

    ``start``/``end`` are offsets in the input string, ``text`` is
    ``input[start:end]``; ``rule`` and ``kind`` name what removed it and
    ``reason`` says why in words.
    """

    start: int
    end: int
    text: str
    rule: str
    kind: str
    reason: str


def cut_lines(
    text: str, lines: Sequence[Line], removed_lines: Mapping[int, Hit], fragments: Iterable[Hit]
) -> dict[int, tuple[str, list[Hit]]]:
    """For each kept line that fragment rules cut into: what is left of it, and the cuts applied."""
    by_line: dict[int, list[Hit]] = {}
    starts = [line.start for line in lines]
    for hit in fragments:
        index = bisect_right(starts, hit.start) - 1
        if index not in removed_lines:
            by_line.setdefault(index, []).append(hit)
    return {index: _cut(text, lines[index], hits) for index, hits in by_line.items()}


def assemble(
    text: str,
    lines: Sequence[Line],
    removed_lines: Mapping[int, Hit],
    cuts: Mapping[int, tuple[str, list[Hit]]],
) -> tuple[str, list[Removal]]:
    """Return the cleaned text and the removals, in input order.

    *cuts* is what :func:`cut_lines` returned. Kept lines keep their own
    terminators. Between two kept lines the input's first blank line (if any
    stood between them) is kept, so paragraph breaks survive and runs of blank
    lines shrink to one.
    """
    removals: list[Removal] = []
    emptied: set[int] = set()
    kept_content: dict[int, str] = {}
    for line in lines:
        if line.index in removed_lines or line.is_blank:
            continue
        cut = cuts.get(line.index)
        if cut is None:
            kept_content[line.index] = line.text
            continue
        content, applied = cut
        removals.extend(_removal(text, hit) for hit in applied)
        if content.strip():
            kept_content[line.index] = content
        else:
            emptied.add(line.index)

    pieces: list[str] = []
    previous: Line | None = None
    first_blank: Line | None = None
    for line in lines:
        kept = kept_content.get(line.index)
        if kept is None:
            if line.is_blank and line.index not in emptied and first_blank is None and previous is not None:
                first_blank = line
            continue
        if previous is not None:
            terminator = text[previous.end : previous.stop]
            pieces.append(terminator)
            if first_blank is not None:
                blank = text[first_blank.start : first_blank.stop]
                # A lone '\r' followed by a blank '\n' line would read as one '\r\n': the paragraph break
                # would be lost. The kept line's own terminator, again, is the blank line in its convention.
                pieces.append(terminator if terminator == "\r" and blank.startswith("\n") else blank)
        pieces.append(kept)
        previous, first_blank = line, None
    if previous is not None:
        pieces.append(text[previous.end : previous.stop])

    removals.extend(_merge_line_removals(text, lines, removed_lines))
    removals.sort(key=lambda removal: (removal.start, removal.end))
    return "".join(pieces), removals


def _cut(text: str, line: Line, cuts: list[Hit]) -> tuple[str, list[Hit]]:
    """Remove non-overlapping *cuts* from *line*; return the rest and the cuts applied."""
    applied: list[Hit] = []
    kept: list[str] = []
    position = line.start
    for hit in sorted(cuts, key=lambda hit: (hit.start, -hit.end)):
        if hit.start < position:  # overlaps a cut already made
            continue
        kept.append(text[position : hit.start])
        applied.append(hit)
        position = hit.end
    kept.append(text[position : line.end])
    return "".join(kept), applied


def _removal(text: str, hit: Hit) -> Removal:
    return Removal(hit.start, hit.end, text[hit.start : hit.end], hit.rule, hit.kind, hit.reason)


def _merge_line_removals(text: str, lines: Sequence[Line], removed: Mapping[int, Hit]) -> list[Removal]:
    """One removal per run of adjacent lines removed by the same rule (blank lines between are absorbed)."""
    merged: list[Removal] = []
    first: Hit | None = None  # the current run's first hit; the run ends at `end`
    end = 0
    for line in lines:
        hit = removed.get(line.index)
        if hit is None:
            if line.is_blank:
                continue
            if first is not None:
                merged.append(_removal(text, first._replace(end=end)))
                first = None
        elif first is not None and first.rule == hit.rule and first.reason == hit.reason:
            end = line.end
        else:
            if first is not None:
                merged.append(_removal(text, first._replace(end=end)))
            first, end = Hit(line.start, line.end, hit.rule, hit.kind, hit.reason), line.end
    if first is not None:
        merged.append(_removal(text, first._replace(end=end)))
    return merged
