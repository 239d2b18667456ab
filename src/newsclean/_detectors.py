"""Detectors for ``run`` rules: boilerplate that only shows as a sequence of lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsclean._segment import Line

# A quote widget: a short name, a price, a change. Each line alone could be prose; the run is not.
_PRICE = re.compile(r"[$€£¥]?[-+]?\d{1,3}(?:[,.\u202f ]\d{3})*(?:[.,]\d+)?%?")
_CHANGE = re.compile(r"[-+−▲▼]?\d[\d,.]*%?(?:[^\S\n]*\(?[-+−▲▼]?\d[\d,.]*%\)?)?")
_TICKER_NAME = re.compile(r"[\w&/.^'’ -]{1,30}")
_BULLET = re.compile(r"^[^\S\n]*(?:[*•·‣▪◦●–—-][^\S\n]+)?")
_MIN_QUOTES = 2


def _content(line: Line) -> str:
    return _BULLET.sub("", line.text, count=1).strip()


def _is_number_line(text: str) -> bool:
    return bool(text) and (_PRICE.fullmatch(text) is not None or _CHANGE.fullmatch(text) is not None)


def detect_ticker_widget(lines: Sequence[Line]) -> Iterator[tuple[int, int]]:
    """Runs of name / price / change lines holding at least two quotes."""
    index, total = 0, len(lines)
    while index < total:
        if not _is_number_line(_content(lines[index])):
            index += 1
            continue
        # Extend backwards over one name line, forwards over names, numbers and blanks.
        first = index
        before = index - 1
        while before >= 0 and lines[before].is_blank:
            before -= 1
        if before >= 0 and _is_ticker_name(_content(lines[before])):
            first = before
        stop, numbers = index, 0
        while stop < total:
            text = _content(lines[stop])
            if not text:
                stop += 1
            elif _is_number_line(text):
                numbers += 1
                stop += 1
            elif _is_ticker_name(text) and stop + 1 < total and _next_is_number(lines, stop + 1):
                stop += 1
            else:
                break
        if numbers >= 2 * _MIN_QUOTES:
            yield first, stop
        index = max(stop, index + 1)


def _next_is_number(lines: Sequence[Line], index: int) -> bool:
    for line in lines[index : index + 3]:
        text = _content(line)
        if text:
            return _is_number_line(text)
    return False


def _is_ticker_name(text: str) -> bool:
    return (
        _TICKER_NAME.fullmatch(text) is not None
        and len(text.split()) <= 4
        and not text.endswith((".", "!", "?"))
    )


_DURATION = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_MAX_TITLE_WORDS = 25


def detect_video_residue(lines: Sequence[Line]) -> Iterator[tuple[int, int]]:
    """A player's duration (``03:07``) and the video title lines that follow it (often repeated)."""
    for index, line in enumerate(lines):
        if _DURATION.fullmatch(line.text.strip()) is None:
            continue
        stop = index + 1
        titles: list[str] = []
        while stop < len(lines):
            text = lines[stop].text.strip()
            if not text:
                stop += 1
                continue
            is_title = len(text.split()) <= _MAX_TITLE_WORDS and not text.endswith((".", "?", "!", ":"))
            if not is_title or (titles and text != titles[0]) or len(titles) == 2:
                break
            titles.append(text)
            stop += 1
        if titles:
            yield index, stop


def detect_repeated_lines(lines: Sequence[Line]) -> Iterator[tuple[int, int]]:
    """Later copies of a line seen before (a headline printed two or three times); the first copy stays."""
    seen: set[str] = set()
    for index, line in enumerate(lines):
        key = " ".join(line.text.split())
        if len(key) < 20:
            continue
        if key in seen:
            yield index, index + 1
        else:
            seen.add(key)


_LIST_HEADING = re.compile(
    r"(?:keep reading|read more|read next|related(?: articles| stories| news| content| coverage)?|"
    r"more (?:on|from|about) [^.!?]{1,40}|recommended(?: for you)?|you (?:may|might) also like|"
    r"most (?:read|popular|viewed)|trending(?: now)?|top stories|more stories|see also|also read)"
    r"[^\S\n]*:?",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^[^\S\n]*(?:[*•·‣▪◦●–—-][^\S\n]+)\S")
_MAX_ITEM_WORDS = 30


def detect_link_list(lines: Sequence[Line]) -> Iterator[tuple[int, int]]:
    """A "Keep reading" / "Related" heading and the list of headlines under it."""
    for index, line in enumerate(lines):
        if _LIST_HEADING.fullmatch(line.text.strip()) is None:
            continue
        stop = index + 1
        items = 0
        while stop < len(lines):
            text = lines[stop].text
            if not text.strip():
                stop += 1
                continue
            if _LIST_ITEM.match(text) is None or len(text.split()) > _MAX_ITEM_WORDS:
                break
            items += 1
            stop += 1
        yield index, stop if items else index + 1
