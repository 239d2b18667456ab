"""Limits that make hostile input degrade gracefully instead of slowing without bound.

Every built-in pattern is linear, but a scraped "line" can be a megabyte of
minified script, and a "document" a whole dump. Over-long lines are hidden from
rules and heuristics (and so kept as they are); over-large documents are passed
through unchanged. Both are reported as warnings.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsclean._segment import Line


def oversized_document(size: int, limit: int) -> str | None:
    """The warning for a text of *size* characters over *limit*, or ``None``."""
    if size <= limit:
        return None
    return (
        f"text is {size} characters long, over max_document_size={limit}: returned unchanged "
        "(split it into articles, or raise the limit)"
    )


def hide_long_lines(text: str, lines: Sequence[Line], limit: int) -> tuple[str, Sequence[Line], tuple[str, ...]]:
    """Return *text* and *lines* with every line over *limit* characters blanked out, and a warning.

    A hidden line's content becomes spaces of the same length (offsets stay valid)
    and its ``Line.text`` becomes empty, so rules and heuristics treat it as blank:
    the assembler, given the real lines, keeps it as it is.
    """
    long_lines = [line for line in lines if line.end - line.start > limit]
    if not long_lines:
        return text, lines, ()
    pieces: list[str] = []
    hidden = list(lines)
    position = 0
    for line in long_lines:
        pieces.append(text[position : line.start])
        pieces.append(" " * (line.end - line.start))
        position = line.end
        hidden[line.index] = line.blanked()
    pieces.append(text[position:])
    first = long_lines[0]
    warning = (
        f"{len(long_lines)} line(s) longer than max_line_length={limit} characters kept as they are, "
        f"without applying rules (first: line {first.index + 1}, {first.end - first.start} characters)"
    )
    return "".join(pieces), hidden, (warning,)
