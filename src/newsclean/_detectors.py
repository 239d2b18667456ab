"""Detectors for ``run`` rules: boilerplate that only shows as a sequence of lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsclean._segment import Line
from newsclean._vocabulary import LIST_HEADINGS

# The arrow glyphs quote widgets print for up and down (beside or instead of a sign).
ARROWS = "▲▼△▽▴▾↑↓⬆⬇⇧⇩🔺🔻"
# A quote widget: a short name, a price, a change. Each line alone could be prose; the run is not.
_PRICE = re.compile(r"[$€£¥]?[-+]?\d{1,3}(?:[,.\u202f ]\d{3})*(?:[.,]\d+)?%?")
# Possessive digit runs: otherwise fullmatch on a long '1,1,1,...x' line tries every split (quadratic).
# A sign touches its number ('+ 2019' is a list item); an arrow may stand apart ('▲ 0.45%').
_SIGN = rf"(?:[-+−±]|[{ARROWS}][^\S\n]?)"
_CHANGE = re.compile(rf"{_SIGN}?\d[\d,.]*+%?(?:[^\S\n]*\(?{_SIGN}?\d[\d,.]*+%\)?)?")
_TICKER_NAME = re.compile(r"[\w&/.^'’ -]{1,30}")
# A signed change ('+1.23 (+0.65%)', '-0.4%'): what makes a lone price line part of a quote box.
_SIGNED_CHANGE = re.compile(rf"(?:{_SIGN}\d[\d,.]*+%?[^\S\n]*+)?\(?{_SIGN}\d[\d,.]*+%?\)?")
_SYMBOL = re.compile(r"(?:[A-Z]{1,6}:[^\S\n]*+)?[A-Z^.]{1,6}")
_BULLET = re.compile(r"^[^\S\n]*(?:[*•·‣▪◦●–—-][^\S\n]+)?")
_MIN_QUOTES = 2
_DIGIT = re.compile(r"\d")


def _content(line: Line) -> str:
    return _BULLET.sub("", line.text, count=1).strip()


def _is_number_line(text: str) -> bool:
    return bool(text) and (_PRICE.fullmatch(text) is not None or _CHANGE.fullmatch(text) is not None)


def detect_ticker_widget(lines: Sequence[Line]) -> Iterator[tuple[int, int]]:
    """Runs of name / price / change lines holding at least two quotes."""
    index, total = 0, len(lines)
    while index < total:
        # A number line holds a digit: most lines are ruled out by one C-speed search, before the bullet strip.
        if _DIGIT.search(lines[index].text) is None or not _is_number_line(_content(lines[index])):
            index += 1
            continue
        # Extend backwards over one name line, forwards over names, numbers and blanks.
        first = index
        before = index - 1
        while before >= 0 and lines[before].is_blank:
            before -= 1
        if before >= 0 and _is_ticker_name(_content(lines[before])):
            first = before
        stop, numbers, signed = index, 0, False
        while stop < total:
            text = _content(lines[stop])
            if not text:
                stop += 1
            elif _is_number_line(text):
                numbers += 1
                signed = signed or _SIGNED_CHANGE.fullmatch(text) is not None
                stop += 1
            elif _is_ticker_name(text) and stop + 1 < total and _next_is_number(lines, stop + 1):
                stop += 1
            else:
                break
        # One quote box is enough when it is a stock symbol over a price and a signed change.
        is_quote_box = numbers >= 2 and signed and first < index and _SYMBOL.fullmatch(_content(lines[first])) is not None
        if numbers >= 2 * _MIN_QUOTES or is_quote_box:
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
        if ":" not in line.text or _DURATION.fullmatch(line.text.strip()) is None:  # cheap test first
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


_MIN_REPEAT_CHARS = 20
# Ad markers as they come glued to a sentence ("...on Tuesday.Advertisement"): the ad-marker-glued rule
# cuts them, and the repeated-line detector compares copies without them.
AD_GLUED_WORDS = (
    r"Advertisement|ADVERTISEMENT|Anzeige|ANZEIGE|Werbung|WERBUNG|Publicité|PUBLICITÉ|Publicidad|PUBLICIDAD|"
    r"Pubblicità|PUBBLICITÀ|Publicidade|PUBLICIDADE|Advertentie|ADVERTENTIE|Реклама|РЕКЛАМА|广告|廣告"
)
_H = r"[^\S\n]++"  # horizontal space between the words of a phrase
# "The story goes on below the ad", in the languages the ad markers are known in (match ignoring case): a
# line of its own, or glued to the end of a paragraph as the markers are.
AD_CONTINUES = (
    rf"(?:the{_H})?(?:story|article|text|report|artikel)(?:{_H}continues|{_H}resumes|{_H}wird){_H}"
    rf"[^\n]{{0,20}}?\b(?:advertisement|advert|ad|anzeige|werbung)\b[^\n]{{0,20}}|"
    rf"continue{_H}reading{_H}(?:below|after){_H}(?:the{_H}|this{_H})?(?:advertisement|advert|ad)|"
    rf"(?:weiterlesen|lesen{_H}sie{_H}weiter|(?:der{_H})?(?:artikel|text|beitrag){_H}geht{_H}weiter|fortsetzung)"
    rf"{_H}(?:nach|unter){_H}der{_H}(?:anzeige|werbung)|"
    rf"(?:lesen{_H}sie{_H})?nach{_H}der{_H}(?:anzeige|werbung){_H}weiter(?:lesen)?|"
    rf"(?:la{_H}suite(?:{_H}de{_H}l['’]article)?|l['’]article{_H}(?:continue|se{_H}poursuit))"
    rf"{_H}(?:apr[èe]s|sous){_H}(?:cette|la){_H}publicit[ée]|"
    rf"(?:la{_H}(?:nota|noticia){_H})?(?:contin[úu]a|sigue)(?:{_H}leyendo)?{_H}(?:despu[ée]s{_H}de|debajo{_H}de|tras)"
    rf"{_H}(?:la{_H}publicidad|(?:el|este){_H}anuncio)|"
    rf"(?:l['’]articolo{_H})?continua(?:{_H}a{_H}leggere)?{_H}(?:dopo|sotto){_H}(?:la{_H}pubblicit[àa]|l['’]annuncio)|"
    rf"(?:(?:a{_H})?(?:mat[ée]ria|reportagem|not[íi]cia|texto){_H})?continua{_H}(?:depois|ap[óo]s|abaixo)"
    rf"(?:{_H}d?[ao])?{_H}publicidade|"
    rf"(?:lees{_H}verder|(?:het{_H})?(?:artikel|verhaal){_H}gaat{_H}verder|(?:de{_H})?tekst{_H}gaat{_H}verder)"
    rf"{_H}(?:na|onder){_H}de{_H}advertentie|"
    rf"(?:продолжение|статья{_H}продолжается|читайте{_H}далее){_H}(?:после|под){_H}рекламы|"
    rf"(?:dalsza{_H}część(?:{_H}(?:artykułu|tekstu))?|czytaj{_H}dalej|artykuł{_H}(?:jest{_H})?kontynuowany)"
    rf"{_H}(?:pod|po){_H}reklam(?:ą|ie)|"
    rf"(?:artikeln|texten){_H}fortsätter{_H}(?:efter|under){_H}annonsen|"
    rf"(?:artikkeli|juttu){_H}jatkuu{_H}mainoksen{_H}(?:jälkeen|alla)"
)
# What the glued-slug and ad-marker-glued rules cut from a line: a copy must be compared without them.
_GLUED_SLUG = re.compile(
    r"^[^\S\n]*+[a-z0-9]++(?:-[a-z0-9]++){2,}+(?=[A-Z0-9])|^[^\S\n]*+(?:Advertisement|ADVERTISEMENT)(?=[A-Z“\"‘][a-z])|"
    rf"(?<=[.!?\"”’)\]。！？])[^\S\n]*+(?:{AD_GLUED_WORDS}|(?i:{AD_CONTINUES}))[^\S\n]*$"
)
# A copy this close (in non-blank lines) to the previous one is page furniture even if it is a sentence;
# farther away, only headline-like copies go: an interview repeats its questions, a recipe its steps.
_NEAR_REPEAT_LINES = 3
_MAX_HEADLINE_WORDS = 25


def detect_repeated_lines(lines: Sequence[Line]) -> Iterator[tuple[int, int]]:
    """Later copies of a line seen before (a headline printed two or three times); the first copy stays."""
    last_seen: dict[str, int] = {}
    position = 0  # counts non-blank lines
    for index, line in enumerate(lines):
        text = line.text
        if len(text) < _MIN_REPEAT_CHARS:  # its key is no longer than the line: skip the join
            if text.strip():
                position += 1
            continue
        key = _cached_repeat_key(text) if len(text) <= _MAX_CACHED_CHARS else _repeat_key(text)
        if not key:  # a blank line
            continue
        position += 1
        if len(key) < _MIN_REPEAT_CHARS:
            continue
        previous = last_seen.get(key)
        last_seen[key] = position
        if previous is None:
            continue
        if position - previous <= _NEAR_REPEAT_LINES or _is_headline_like(key):
            yield index, index + 1


def _repeat_key(text: str) -> str:
    """*text* as copies are compared: without a URL slug or an ad marker glued to one copy ('some-titleSome
    title'), which must not hide the repeat, and with its spaces collapsed."""
    return " ".join(_GLUED_SLUG.sub("", text).split())


# The detector runs again in every settle round over mostly the same lines: the key of a line's text is
# cached rather than computed again (a page's worth of lines, none very long, so the cache stays small).
_MAX_CACHED_CHARS = 1_000
_cached_repeat_key = lru_cache(maxsize=1024)(_repeat_key)


def _is_headline_like(text: str) -> bool:
    return len(text.split()) <= _MAX_HEADLINE_WORDS and not text.endswith((".", "!", "?", ":", ";", "…", '"', "”"))


_LIST_HEADING = re.compile(f"(?:{LIST_HEADINGS})[^\\S\\n]*:?", re.IGNORECASE)


@dataclass(frozen=True)
class LineRunDetector:
    """Runs of at least *min_lines* lines (blank lines may stand between them), each line one *entry*
    (a case-insensitive pattern, maybe bulleted), at least one of them an *action*.

    A picklable value (rules travel to worker processes); its patterns compile on first use.
    """

    entry: str
    action: str
    min_lines: int

    def __call__(self, lines: Sequence[Line]) -> Iterator[tuple[int, int]]:
        entry_re, action_re = _compiled_pair(self.entry, self.action)
        index, total = 0, len(lines)
        while index < total:
            stop, entries, acted = index, 0, False
            while stop < total:
                text = _content(lines[stop])
                if not text:
                    stop += 1
                    continue
                if entry_re.fullmatch(text) is None:
                    break
                entries += 1
                acted = acted or action_re.fullmatch(text) is not None
                stop += 1
            if entries >= self.min_lines and acted:
                yield index, stop
            index = max(stop, index + 1)


@lru_cache(maxsize=None)
def _compiled_pair(entry: str, action: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(entry, re.IGNORECASE), re.compile(action, re.IGNORECASE)


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
