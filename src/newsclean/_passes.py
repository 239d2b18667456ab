"""Structural passes: what the scorer cannot see line by line, written as a few named passes.

Each pass is registered like a rule: it has a name, a kind and a description, is listed by
``newsclean --list-rules``, can be switched off by name or kind, and names itself in the
explanation of every line it removes. A pass either keeps blocks the region choice dropped
(``keeps=True``) or removes blocks it kept.

Guard rails hold for every removing pass: it never removes the first block the region choice kept,
and a removal that would leave no article (less than half the kept prose and less than a few hundred
characters of it) is not made at all. A pass whose evidence comes from outside the page
(``final=True``: ``site-template``, with a site model) keeps its own guard rails instead, and what it
removes stays removed: no later pass keeps it again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple

from newsclean import _sites
from newsclean._features import Page
from newsclean._regions import SCORER_DESCRIPTION, SCORER_KIND, SCORER_RULE
from newsclean._vocabulary import (
    BULLET,
    CLOCK_TIME,
    is_after_article_heading,
)

HEADLINE_MAX_GAP = 3  # blocks (bylines, dates) allowed between the headline and the body
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
HEADLINE_ENDINGS = (".", ":", ",", ";", ")")  # a headline may end in "?" or "!", not like a sentence or label
# A removing pass leaves an article: at least half the kept prose, or at least this many characters of it.
MAX_REMOVED_SHARE = 0.5
MIN_LEFT_PROSE = 400
LIST_INTRO_MIN_WORDS = 3  # a line announcing a list: "Think about it:", not "More:"
MAX_ANNOUNCED_ITEMS = 25
# A list the article ends with: at least this many short rows, three in five holding a number (dates,
# prices, specifications), right after the kept prose.
LIST_MIN_ROWS = 3
LIST_ROW_MAX_WORDS = 14
LIST_NUMBERED_SHARE = 0.6
COMMENTS_AFTER_PROSE = 400  # characters of kept prose: before them, "Comments" is a link beside the byline
# A run of sentences after a comment marker over this many times the prose before it is the article.
COMMENT_RUN_FACTOR = 2.0


class Context(NamedTuple):
    """What the passes know of a page beyond its blocks: the site model's evidence, if any."""

    site: _sites.Evidence | None = None


Finder = Callable[[Page, Sequence[float], Sequence[bool], Context], Iterable[int]]


class Pass(NamedTuple):
    """A named structural pass: *find* returns the block positions it keeps (or removes)."""

    name: str
    kind: str
    description: str
    keeps: bool
    find: Finder
    final: bool = False  # removes what it finds, kept or not, for good, with guard rails of its own
    reason: Callable[[Page, int, Context], str] | None = None  # why it removed block j, if not its description


def _headline(page: Page, probabilities: Sequence[float], keep: Sequence[bool], context: Context) -> Iterable[int]:
    """The headline just before the article: the longest title-like block within reach of the first kept one.

    Bylines and dates may stand between headline and body; they look title-like too, hence the longest.
    """
    first = next((j for j, kept in enumerate(keep) if kept), None)
    if first is None:
        return ()
    best, best_length = None, 0
    for j in range(first - 1, max(first - 1 - HEADLINE_MAX_GAP, -1), -1):
        text = page.blocks[j].text.strip()
        if _title_like(text) and len(text) > best_length:
            best, best_length = j, len(text)
    return () if best is None else (best,)


def _title_like(text: str) -> bool:
    """A headline's shape: a few words, no sentence or label ending, no list bullet, not starting in
    lower case or with a bracket (a caption's credit), no time of day or '|' (dates, bylines, menus)."""
    return (
        HEADLINE_MIN_WORDS <= len(text.split()) <= HEADLINE_MAX_WORDS
        and not text.endswith(HEADLINE_ENDINGS)
        and not text[:1].islower()
        and text[:1] not in "(["
        and "|" not in text
        and BULLET.match(text) is None
        and CLOCK_TIME.search(text) is None
    )


def _announced_list(
    page: Page, probabilities: Sequence[float], keep: Sequence[bool], context: Context
) -> Iterable[int]:
    """The bulleted items a kept line announces ("The grant will fund:"): short items that end no
    sentence look like a menu's, but the article introduced them."""
    found: list[int] = []
    bullets = page.columns["bullet"]
    for j, kept in enumerate(keep):
        text = page.blocks[j].text.strip()
        if not kept or not text.endswith(":") or len(text.split()) < LIST_INTRO_MIN_WORDS:
            continue
        if is_after_article_heading(text):  # "More on this story:" announces other articles
            continue
        end = j + 1
        while end < len(keep) and end - j <= MAX_ANNOUNCED_ITEMS and bullets[end]:
            end += 1
        found.extend(range(j + 1, end))
    return found


def _adjoining_list(
    page: Page, probabilities: Sequence[float], keep: Sequence[bool], context: Context
) -> Iterable[int]:
    """The data list that continues the article: a run of short rows, most holding a number, that
    starts right after a kept sentence (a title-like heading may stand between) and ends at the first
    block that is no such row. Each row alone reads like a menu entry; together, adjoining the body,
    they are its tour dates, prices or specifications."""
    found: list[int] = []
    columns = page.columns
    for j, kept in enumerate(keep):
        if not kept or not columns["terminal"][j]:
            continue
        start = j + 1
        if start < len(keep) and _title_like(page.blocks[start].text.strip()) and _list_row(page, start):
            start += 1  # the list's own heading
        end = start
        while end < len(keep) and _list_row(page, end):
            end += 1
        numbered = sum(columns["digits"][i] > 0 for i in range(start, end))
        if end - start >= LIST_MIN_ROWS and numbered >= LIST_NUMBERED_SHARE * (end - start):
            found.extend(range(j + 1, end))
    return found


def _list_row(page: Page, j: int) -> bool:
    columns = page.columns
    return (
        columns["words"][j] <= LIST_ROW_MAX_WORDS
        and not columns["terminal"][j]
        and not columns["after_article_heading"][j]
        and not columns["comment_marker"][j]
        and not columns["separators"][j]
    )


def _comments(page: Page, probabilities: Sequence[float], keep: Sequence[bool], context: Context) -> Iterable[int]:
    """The comment section after the article: every kept block from its first marker on (a heading
    such as "12 Comments" or "Leave a Reply", or a commenter's "name says:" header).

    A marker starts the section only once the kept prose before it is an article's worth, and no
    run of kept sentences after it is much longer than that: a "Write a comment" link above the
    article is followed by the article, a comment section by comments, each under its commenter's
    name."""
    columns = page.columns
    prose = [c if kept and t else 0.0 for c, t, kept in zip(columns["chars"], columns["terminal"], keep)]
    runs = [0.0] * len(prose)  # the run of kept sentences each block ends
    for j, chars in enumerate(prose):
        runs[j] = chars + runs[j - 1] if chars and j else chars
    longest_after = list(accumulate(reversed(runs), max))[::-1] + [0.0]
    before = 0.0
    for j in range(len(keep)):
        marker = columns["comment_marker"][j] and not columns["bullet"][j]
        if marker and before >= COMMENTS_AFTER_PROSE and longest_after[j + 1] <= COMMENT_RUN_FACTOR * before:
            return [i for i in range(j, len(keep)) if keep[i]]
        before += prose[j]
    return ()


PASSES: tuple[Pass, ...] = (
    Pass(
        "site-template",
        "template",
        "removes lines that stand on a large share of the pages of the page's site (with a site model only)",
        False,
        _sites.template_lines,
        final=True,
        reason=_sites.template_reason,
    ),
    Pass(
        "heuristic-headline",
        "boilerplate",
        "keeps the headline: the longest title-like line at most three lines above the article",
        True,
        _headline,
    ),
    Pass(
        "heuristic-announced-list",
        "boilerplate",
        "keeps the bulleted list a line of the article announces ('The grant will fund:')",
        True,
        _announced_list,
    ),
    Pass(
        "heuristic-adjoining-list",
        "boilerplate",
        "keeps the rows of dates, prices or figures that run on from the article's last sentence",
        True,
        _adjoining_list,
    ),
    Pass(
        "heuristic-comments",
        "boilerplate",
        "the comment section under the article: from its heading or first commenter's header on",
        False,
        _comments,
    ),
)


# Every heuristic that removes or keeps lines under a name, as (name, kind, description): the region
# choice's scorer and the passes. They are listed and switched off like rules.
HEURISTICS: tuple[tuple[str, str, str], ...] = (
    (SCORER_RULE, SCORER_KIND, SCORER_DESCRIPTION),
    *((item.name, item.kind, item.description) for item in PASSES),
)


class Outcome(NamedTuple):
    """The blocks kept after the passes, and the pass that removed each block it removed."""

    keep: list[bool]
    removed_by: dict[int, Pass]


def apply(
    page: Page,
    probabilities: Sequence[float],
    keep: Sequence[bool],
    passes: Collection[Pass],
    context: Context,
) -> Outcome:
    """Run *passes* (in registry order) over the region choice *keep*."""
    kept = list(keep)
    removed_by: dict[int, Pass] = {}
    final: set[int] = set()
    for item in PASSES:
        if item not in passes:
            continue
        found = set(item.find(page, probabilities, kept, context))
        if item.keeps:
            for j in found - final:
                kept[j] = True
                removed_by.pop(j, None)
            continue
        if item.final:
            final |= found
        for j in found if item.final else _guarded(page, kept, found):
            kept[j] = False
            removed_by[j] = item
    return Outcome(kept, removed_by)


def _guarded(page: Page, keep: Sequence[bool], found: set[int]) -> set[int]:
    """*found* without the first kept block; nothing at all if what would stay is no article: less
    than half the kept prose and less than MIN_LEFT_PROSE characters of it."""
    first = next((j for j, kept in enumerate(keep) if kept), None)
    found = {j for j in found if keep[j] and j != first}
    prose = [c if t else 0.0 for c, t in zip(page.columns["chars"], page.columns["terminal"])]
    kept_prose = sum(c for c, kept in zip(prose, keep) if kept)
    left = kept_prose - sum(prose[j] for j in found)
    if left < min(MAX_REMOVED_SHARE * kept_prose, MIN_LEFT_PROSE):
        return set()
    return found
