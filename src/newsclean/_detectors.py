"""Detectors for ``run`` rules: boilerplate that only shows as a sequence of lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from newsclean._segment import Line

# A quote widget: a short name, a price, a change. Each line alone could be prose; the run is not.
_PRICE = re.compile(r"[$€£¥]?[-+]?\d{1,3}(?:[,.\u202f ]\d{3})*(?:[.,]\d+)?%?")
# Possessive digit runs: otherwise fullmatch on a long '1,1,1,...x' line tries every split (quadratic).
_CHANGE = re.compile(r"[-+−▲▼]?\d[\d,.]*+%?(?:[^\S\n]*\(?[-+−▲▼]?\d[\d,.]*+%\)?)?")
_TICKER_NAME = re.compile(r"[\w&/.^'’ -]{1,30}")
# A signed change ('+1.23 (+0.65%)', '-0.4%'): what makes a lone price line part of a quote box.
_SIGNED_CHANGE = re.compile(r"(?:[-+−▲▼]\d[\d,.]*+%?[^\S\n]*+)?\(?[-+−▲▼]\d[\d,.]*+%?\)?")
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
# What the glued-slug and ad-marker-glued rules cut from a line: a copy must be compared without them.
_GLUED_SLUG = re.compile(
    r"^[^\S\n]*+[a-z0-9]++(?:-[a-z0-9]++){2,}+(?=[A-Z0-9])|^[^\S\n]*+(?:Advertisement|ADVERTISEMENT)(?=[A-Z“\"‘][a-z])|"
    rf"(?<=[.!?\"”’)\]。！？])(?:{AD_GLUED_WORDS})[^\S\n]*$"
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


# Headings of the lists of headlines news pages print after (or beside) an article. The related-list
# rule removes such a heading with the list under it, so it takes only these unambiguous English ones;
# the heuristics, which merely weigh teasers after a heading less, take the wider multilingual set.
_LIST_HEADINGS = (
    r"keep reading|read more|read next|related(?: articles| stories| news| content| coverage)?|"
    r"more (?:on|from|about) [^.!?]{1,40}|recommended(?: for you)?|you (?:may|might) also like|"
    r"most (?:read|popular|viewed)|trending(?: now)?|top stories|more stories|see also|also read"
)
_MORE_HEADINGS = (
    r"related posts|more (?:in )?[^.!?]{1,40}|read more (?:on|about) [^.!?]{1,40}|further reading|"
    r"other (?:stories|articles)(?: you (?:may|might) (?:like|enjoy))?|recommended (?:stories|articles)|"
    r"you (?:may|might) like|most shared|popular (?:stories|articles|posts|now)|trending (?:news|stories)|"
    r"latest (?:news|stories|articles|posts)|editors?['’]? picks|recent posts|"
    r"mehr zum thema|weitere (?:artikel|beiträge)|das könnte (?:sie|dich|euch) auch interessieren(?: …|\.\.\.)?|"
    r"auch interessant|ähnliche (?:artikel|beiträge|nachrichten|themen)|verwandte (?:artikel|beiträge)|neueste (?:artikel|beiträge)|"
    r"(?:à )?lire aussi|(?:à )?voir aussi|vous aimerez aussi|sur le même sujet|articles similaires|"
    r"(?:también )?te puede interesar|noticias relacionadas|más noticias|leggi anche|articoli correlati|"
    r"(?:ti )?potrebbe(?: anche)? interessar(?:e|ti)|leia também|veja também|leia mais|saiba mais|notícias relacionadas|"
    r"lees ook|gerelateerde artikelen|meer nieuws|"
    r"meistgelesen(?:e artikel)?|lesen sie auch|weitere (?:nachrichten|meldungen|themen)|"
    r"les plus lus|dans la même rubrique|(?:notas|artículos|art[íi]culos) relacionad[oa]s|lo más leído|más leíd[oa]s|"
    r"últimas noticias|i più letti|ultime notizie|mais lidas|artigos relacionados|últimas notícias|"
    r"czytaj (?:także|też)|zobacz (?:także|też)|podobne artykuły|najczęściej czytane|"
    r"about the author|über (?:den autor|die autorin)|zum autor|zur autorin|à propos de l['’]auteur|"
    r"sobre (?:el|o) autor|sull['’]autore"
)
_LIST_HEADING = re.compile(f"(?:{_LIST_HEADINGS})[^\\S\\n]*:?", re.IGNORECASE)
# The characters converters print as list bullets. A menu entry may carry an after-article heading too
# ("* More Washington Examiner"): its bullet is allowed.
BULLETS = "*•·‣▪◦●+–—-"
_AFTER_ARTICLE_HEADING = re.compile(
    f"(?:[{re.escape(BULLETS)}][^\\S\\n]+)?(?:{_LIST_HEADINGS}|{_MORE_HEADINGS})[^\\S\\n]*[:»›>]?",
    re.IGNORECASE,
)
_HEADING_MAX_CHARS = 60


def is_after_article_heading(text: str) -> bool:
    """Whether *text* (one line) is a heading such as "Related stories" or "Mehr zum Thema"."""
    return len(text) <= _HEADING_MAX_CHARS and _is_heading(text)


# The heuristics ask again for every line in each settle round, and menus repeat across pages: the
# answer for a short line is cached (bounded) rather than matched against the long alternation again.
@lru_cache(maxsize=8192)
def _is_heading(text: str) -> bool:
    return _AFTER_ARTICLE_HEADING.fullmatch(text.strip()) is not None


def is_related_heading(text: str) -> bool:
    """:func:`is_after_article_heading`, but not "More <words>": a subheading may start so too."""
    return is_after_article_heading(text) and not text.lstrip(" " + BULLETS).lower().startswith("more ")


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
