"""Block features: what the scorer knows about each line the rules left.

A *block* is a non-blank line that no rule removed. Its features are computed once per page, as
columns (one list per feature, one value per block), in two groups:

- its own shape, computed once per distinct text and page language: length, words, stopword
  density, sentence end, bullet and indentation, title case and capitals, digits, years and times,
  menu separators, table cells, and two vocabulary markers (a "Related stories" kind of heading, a
  comment-section marker);
- its place in the page: how much of the page is still furniture (rule-removed lines, short lines),
  where it stands in the page's text and prose, the density of running prose around it, its
  neighbours' length and stopwords, how much of it the page printed before, the removed lines
  around it, how far it stands after a menu or before a copyright line, whether a "Related stories"
  heading or a comment section came before it, the paragraph group it belongs to (lines not
  separated by a blank line) and the run of sentences it is part of.

Every feature is a plain number, so that the scorer (``_scoring``) can bin it; the names in
:data:`FEATURES` are the ones the fitted model file refers to. Lines a previous round removed are
absent (as they are from the cleaned text a second run would see); lines this round's rules
removed are present as gaps, with their kind.

The set was chosen by the fitted model itself: of a wider set, features the boosting never used or
barely used were dropped (costing nothing in cross-validation, and half the time). A lexicon of
words fitted as boilerplate or article words was tried and dropped: no gain in cross-validation, and
prose that merely mentions comments or newsletters lost to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import accumulate, compress, groupby
from operator import sub
from typing import NamedTuple

from newsclean import _language
from newsclean._rules import Hit
from newsclean._segment import Line
from newsclean._vocabulary import (
    BULLET,
    CAPITAL,
    CJK,
    CLOCK_TIME,
    DIGIT,
    NESTED_BULLET,
    NESTED_BULLET_INDENT,
    NUMBER_CELL,
    SENTENCE_BREAK,
    SEPARATORS,
    TABLE_CELL_GAP,
    WORD,
    YEAR,
    ends_sentence,
    is_after_article_heading,
    is_comment_marker,
)

# Without a stoplist (unknown language, script without spaces) a CJK character carries about this
# many Latin characters' worth of text.
CJK_WEIGHT = 3
LONG_WORD_CHARS = 13
MIN_TABLE_CELLS = 3  # cells split by runs of spaces, as converters lay out tables
NUMBER_ROW_SHARE = 0.5  # a row with at least this share of number cells is a table row
PROSE_MIN_WORDS = 8  # a block ending a sentence with this many words counts as running prose
PROSE_WINDOWS = (2, 5)  # blocks on either side over which the prose density is measured
# A comment section or the page's furniture starts after this much running prose (characters):
# before any, "Comments" is a link beside the byline and "Related" a menu entry.
COMMENTS_AFTER_PROSE = 150
HEADING_AFTER_PROSE = 300
SHORT_BLOCK_CHARS = 50
MAX_DISTANCE = 30  # blocks: farther furniture counts as none
NEIGHBOURS = (-2, -1, 1, 2)
NEIGHBOUR_FEATURES = ("chars", "stopwords", "terminal")

OWN_FEATURES = (
    "chars",
    "words",
    "stopwords",
    "terminal",
    "bullet",
    "indent",
    "sentences_inside",
    "comma_rate",
    "title_case",
    "capitals",
    "digits",
    "mean_word_length",
    "long_words",
    "starts_upper",
    "year",
    "clock_time",
    "separators",
    "table_row",
    "after_article_heading",
    "comment_marker",
)
CONTEXT_FEATURES = (
    "copies",
    "repeated_share",
    "blocks",
    "page_chars",
    "page_removed_share",
    "page_short_share",
    "page_terminal_share",
    "position_before",
    "position_after",
    "prose_before",
    "prose_after",
    *(f"prose_density_{radius}" for radius in PROSE_WINDOWS),
    *(f"{name}@{offset:+d}" for offset in NEIGHBOURS for name in NEIGHBOUR_FEATURES),
    "removed_before",
    "removed_after",
    "since_navigation",
    "until_copyright",
    "after_heading_seen",
    "comments_seen",
    "blank_before",
    "blank_after",
    "group_blocks",
    "group_chars",
    "group_terminal",
    "group_first",
    "group_last",
    "terminal_run",
    "short_run",
    "bullet_run",
)
FEATURES = OWN_FEATURES + CONTEXT_FEATURES
OWN_INDEX = {name: i for i, name in enumerate(OWN_FEATURES)}
_OFFSET_WORDS = {-2: "the block before last", -1: "the block before", 1: "the next block", 2: "the block after next"}


def flag(on: str, off: str) -> Callable[[float], str]:
    """Words for a yes/no feature."""
    return lambda value: on if value else off


def _distance(template: str, none: str) -> Callable[[float], str]:
    return lambda value: none if value >= MAX_DISTANCE else template.format(value)


def _neighbour(offset: int, name: str) -> Callable[[float], str]:
    who = _OFFSET_WORDS[offset]
    none = f"no block {'before' if offset < 0 else 'after'}"
    if name == "chars":
        return lambda v: none if v < 0 else f"{who} has {v:.0f} characters"
    if name == "terminal":
        return lambda v: none if v < 0 else f"{who} {'ends' if v else 'ends no'} sentence"
    return lambda v: none if v < 0 else f"{who} has {v:.0%} function words"


def _windowed(radius: int) -> Callable[[float], str]:
    return lambda v: f"{v:.0%} running prose within {radius} blocks"


# Each feature's value in words, for explanations ("score 0.12: 23 characters, no sentence end, ...").
PHRASES: dict[str, Callable[[float], str]] = {
    "chars": lambda v: f"{v:.0f} characters",
    "words": lambda v: f"{v:.0f} words",
    "stopwords": lambda v: f"{v:.0%} function words",
    "terminal": flag("ends a sentence", "no sentence end"),
    "bullet": flag("a list item", "not a list item"),
    "indent": lambda v: f"indented by {v:.0f}",
    "sentences_inside": lambda v: f"{v:.0f} sentence breaks inside",
    "comma_rate": lambda v: f"{v:.2f} commas a word",
    "title_case": lambda v: f"{v:.0%} capitalised words",
    "capitals": lambda v: f"{v:.0%} capital letters",
    "digits": lambda v: f"{v:.0%} digits",
    "mean_word_length": lambda v: f"words of {v:.1f} letters on average",
    "long_words": lambda v: f"{v:.0%} long words",
    "starts_upper": flag("starts with a capital", "starts with no capital"),
    "year": flag("holds a year", "holds no year"),
    "clock_time": flag("holds a time of day", "holds no time of day"),
    "separators": lambda v: f"{v:.0f} menu separators",
    "table_row": flag("a table row", "not a table row"),
    "after_article_heading": flag('a "Related stories" kind of heading', "no furniture heading"),
    "comment_marker": flag("a comment-section marker", "no comment-section marker"),
    "copies": lambda v: f"printed {v:.0f} times on the page",
    "repeated_share": lambda v: f"{v:.0%} of its words printed before on the page",
    "blocks": lambda v: f"{v:.0f} blocks on the page",
    "page_chars": lambda v: f"{v:.0f} characters on the page",
    "page_removed_share": lambda v: f"{v:.0%} of the page's lines removed by rules",
    "page_short_share": lambda v: f"{v:.0%} of the page's lines short",
    "page_terminal_share": lambda v: f"{v:.0%} of the page's lines ending a sentence",
    "position_before": lambda v: f"{v:.0%} of the page's text before it",
    "position_after": lambda v: f"{v:.0%} of the page's text after it",
    "prose_before": lambda v: f"{v:.0%} of the page's prose before it",
    "prose_after": lambda v: f"{v:.0%} of the page's prose after it",
    **{f"prose_density_{r}": _windowed(r) for r in PROSE_WINDOWS},
    **{f"{name}@{offset:+d}": _neighbour(offset, name) for offset in NEIGHBOURS for name in NEIGHBOUR_FEATURES},
    "removed_before": lambda v: f"{v:.0f} removed lines before it",
    "removed_after": lambda v: f"{v:.0f} removed lines after it",
    "since_navigation": _distance("{:.0f} blocks after a menu line", "no menu line before it"),
    "until_copyright": _distance("{:.0f} blocks before a copyright line", "no copyright line after it"),
    "after_heading_seen": flag('after a "Related stories" kind of heading', 'before any "Related stories" heading'),
    "comments_seen": flag("inside the comment section", "before any comment section"),
    "blank_before": flag("a paragraph break before it", "no paragraph break before it"),
    "blank_after": flag("a paragraph break after it", "no paragraph break after it"),
    "group_first": flag("first line of its paragraph", "not first in its paragraph"),
    "group_last": flag("last line of its paragraph", "not last in its paragraph"),
    "short_run": lambda v: f"in a run of {v:.0f} short lines" if v else "not a short line",
    "bullet_run": lambda v: f"in a run of {v:.0f} list items" if v else "in no list",
    "group_blocks": lambda v: f"{v:.0f} lines in its paragraph",
    "group_chars": lambda v: f"{v:.0f} characters in its paragraph",
    "group_terminal": lambda v: f"{v:.0%} of its paragraph's lines end a sentence",
    "terminal_run": lambda v: f"in a run of {v:.0f} sentences" if v else "in no run of sentences",
}

Own = tuple[float, ...]
Shingles = frozenset[tuple[str, str, str]]


class OwnEntry:
    """What stays true of a distinct text across a page's rounds: its own features, its word triples,
    its whitespace-normalised form (what the copy count compares), and, once the pipeline has scored it,
    what the scorer's leading own-feature terms add up to (see :func:`newsclean._scoring.own_margins`)."""

    __slots__ = ("values", "shingles", "copy_key", "margin")

    def __init__(self, values: Own, shingles: Shingles, copy_key: str) -> None:
        self.values = values
        self.shingles = shingles
        self.copy_key = copy_key
        # (model, partial margin), set as one object so that a reader never pairs one model's
        # margin with another's.
        self.margin: tuple[object | None, float] = (None, 0.0)


OwnMemo = dict[tuple[str, str], OwnEntry]


class Page(NamedTuple):
    """The blocks of a page and their features, one column per feature name."""

    blocks: tuple[Line, ...]
    language: str | None
    columns: dict[str, list[float]]
    own: tuple[OwnEntry, ...] = ()  # each block's entry (shared across rounds through the memo)


def page_features(
    lines: Sequence[Line],
    removed: Mapping[int, Hit],
    absent: Collection[int] = (),
    language: str | None = None,
    memo: OwnMemo | None = None,
) -> Page:
    """The blocks of *lines* (non-blank, not in *removed* or *absent*) and their features.

    *language* is a jusText stoplist name, or ``None`` to guess it from the blocks. *memo* keeps
    own features across calls on the same page (the pipeline's settle rounds).
    """
    blocks: list[Line] = []
    removed_before: list[float] = []
    blank_before: list[float] = []
    navigation_before: list[bool] = []
    copyright_before: list[bool] = []
    # The kinds of the removed lines since the last block; the empty set is shared (a set per block
    # would cost an allocation each, and the garbage collector's attention).
    nothing: frozenset[str] = frozenset()
    count, blank, kinds = 0, False, nothing
    for line in lines:
        index = line.index
        if index in absent:
            continue
        if not line.text.strip():
            blank = True
            continue
        if index in removed:
            count += 1
            kinds |= {removed[index].kind}
            continue
        blocks.append(line)
        removed_before.append(float(count))
        blank_before.append(float(blank))
        navigation_before.append("navigation" in kinds)
        copyright_before.append("copyright" in kinds)
        count, blank, kinds = 0, False, nothing
    texts = [block.text for block in blocks]
    if language is None and texts:
        language = _language.detect_lines(texts)
    stops = _language.stoplist(language) if language else None
    memo = {} if memo is None else memo
    key = language or ""
    own: list[OwnEntry] = []
    for text in texts:
        known = memo.get((key, text))
        if known is None:
            known = memo[(key, text)] = _own(text, stops)
        own.append(known)
    # One transpose (in C) instead of a pass over the blocks per feature.
    transposed = zip(*[entry.values for entry in own]) if own else ([] for _ in OWN_FEATURES)
    columns = dict(zip(OWN_FEATURES, map(list, transposed)))
    columns["blank_before"] = blank_before
    if blocks:
        copyright_after = copyright_before[1:] + [False]
        _context(columns, own, removed_before, navigation_before, copyright_after, count)
    else:
        columns.update({name: [] for name in CONTEXT_FEATURES})
    return Page(tuple(blocks), language, columns, tuple(own))


def _own(raw: str, stops: frozenset[str] | None) -> OwnEntry:
    indent = len(raw) - len(raw.lstrip())
    text = raw.strip()
    bullet = BULLET.match(text) is not None or (NESTED_BULLET.match(text) is not None and indent >= NESTED_BULLET_INDENT)
    if bullet:
        text = text[2:].lstrip()
    size = len(text) or 1
    chars = len(text) + (CJK_WEIGHT - 1) * len(CJK.findall(text)) if stops is None else len(text)
    words = text.split()
    word_count = len(words) or 1
    tokens = WORD.findall(text.lower())
    stopwords = sum(map(stops.__contains__, tokens)) / len(tokens) if stops is not None and tokens else 0.0
    # Words starting with a letter, and those of them starting with a capital (counted in C).
    lettered = list(filter(str.isalpha, [word[0] for word in words]))
    title_case = sum(map(str.isupper, lettered)) / len(lettered) if lettered else 0.0
    lengths = list(map(len, words))
    letter_total = sum(lengths)
    letters = letter_total or 1
    digits = len(DIGIT.findall(text))
    wide_cells = "  " in text and len(TABLE_CELL_GAP.findall(text)) >= MIN_TABLE_CELLS - 1
    features = (
        float(chars),
        float(len(words)),
        stopwords,
        float(ends_sentence(text)),
        float(bullet),
        float(indent),
        float(len(SENTENCE_BREAK.findall(text))),
        text.count(",") / word_count,
        title_case,
        len(CAPITAL.findall(text)) / letters,
        digits / size,
        letter_total / word_count,
        sum(map(LONG_WORD_CHARS.__le__, lengths)) / word_count,
        float(text[:1].isupper()),
        # Substring tests (fast) first: a year starts with 18, 19 or 20, a time of day holds a colon.
        float(digits > 0 and ("20" in text or "19" in text or "18" in text) and YEAR.search(text) is not None),
        float(digits > 0 and ":" in text and CLOCK_TIME.search(text) is not None),
        float(sum(map(text.count, SEPARATORS))),
        float(wide_cells or (digits > 0 and _is_number_row(text, len(words)))),
        float(is_after_article_heading(text)),
        float(is_comment_marker(text)),
    )
    copy_key = " ".join(raw.split() if bullet else words)  # the stripped text's words, unless a bullet went
    return OwnEntry(features, frozenset(zip(tokens, tokens[1:], tokens[2:])), copy_key)


def _is_number_row(text: str, word_count: int) -> bool:
    """A table row whose cells a converter joined with single spaces: mostly numbers ('1 Kyle Busch 5040 5 1')."""
    if word_count < MIN_TABLE_CELLS:
        return False
    numbers = len(NUMBER_CELL.findall(text))
    return numbers >= MIN_TABLE_CELLS and numbers >= NUMBER_ROW_SHARE * word_count


def _context(
    columns: dict[str, list[float]],
    own: list[OwnEntry],
    removed_before: list[float],
    navigation_before: list[bool],
    copyright_after: list[bool],
    removed_at_end: int,
) -> None:
    n = len(own)
    chars = columns["chars"]
    terminal = columns["terminal"]
    words = columns["words"]

    keys = [entry.copy_key for entry in own]
    copies = Counter(keys)
    columns["copies"] = [float(copies[key]) for key in keys]
    # How much of a block the page printed before (a teaser's summary, an article body repeated whole in
    # the page's metadata): the share of its word triples seen in earlier blocks.
    printed: set[tuple[str, str, str]] = set()
    repeated = []
    for entry in own:
        block = entry.shingles
        if block:
            repeated.append(len(block & printed) / len(block))
            printed |= block
        else:
            repeated.append(0.0)
    columns["repeated_share"] = repeated

    total = sum(chars) or 1.0
    cumulative = list(accumulate(chars))
    columns["blocks"] = [float(n)] * n
    columns["page_chars"] = [total] * n
    # How much furniture the page still has: a page cleaned once has no rule-removed lines and few
    # short ones, and is judged as the article it is.
    removed_lines = sum(removed_before) + removed_at_end
    columns["page_removed_share"] = [removed_lines / (removed_lines + n)] * n
    short = [c < SHORT_BLOCK_CHARS for c in chars]
    columns["page_short_share"] = [sum(short) / n] * n
    columns["page_terminal_share"] = [sum(terminal) / n] * n
    columns["position_before"] = [(c - own_chars) / total for c, own_chars in zip(cumulative, chars)]
    columns["position_after"] = [1.0 - c / total for c in cumulative]

    prose = [c if t and w >= PROSE_MIN_WORDS else 0.0 for c, t, w in zip(chars, terminal, words)]
    prose_total = sum(prose) + 1.0
    prose_cumulative = list(accumulate(prose))
    columns["prose_before"] = [(c - own_prose) / prose_total for c, own_prose in zip(prose_cumulative, prose)]
    columns["prose_after"] = [1.0 - c / prose_total for c in prose_cumulative]
    for radius in PROSE_WINDOWS:
        near_prose = _window_sums(prose, radius)
        near_chars = _window_sums(chars, radius)
        columns[f"prose_density_{radius}"] = [p / (c + 1.0) for p, c in zip(near_prose, near_chars)]

    for offset in NEIGHBOURS:
        for name in NEIGHBOUR_FEATURES:
            column = columns[name]
            if offset < 0:
                shifted = [-1.0] * min(-offset, n) + column[: max(n + offset, 0)]
            else:
                shifted = column[offset:] + [-1.0] * min(offset, n)
            columns[f"{name}@{offset:+d}"] = shifted

    columns["removed_before"] = removed_before
    columns["removed_after"] = removed_before[1:] + [float(removed_at_end)]
    columns["since_navigation"] = _distances(navigation_before, range(n))
    columns["until_copyright"] = _distances(copyright_after, range(n - 1, -1, -1))

    # A "Related stories" heading or a comment-section marker, not a list entry, after some running
    # prose: the article has ended. The flag holds from the next block on. (The running prose is the
    # same left-to-right sum as prose_cumulative; only the few marked blocks need looking at.)
    headings, comments, bullet = columns["after_article_heading"], columns["comment_marker"], columns["bullet"]
    heading_at = _first_after_prose(headings, bullet, prose_cumulative, HEADING_AFTER_PROSE)
    comments_at = _first_after_prose(comments, bullet, prose_cumulative, COMMENTS_AFTER_PROSE)
    columns["after_heading_seen"] = [0.0] * min(heading_at + 1, n) + [1.0] * (n - heading_at - 1)
    columns["comments_seen"] = [0.0] * min(comments_at + 1, n) + [1.0] * (n - comments_at - 1)

    # Paragraph groups: runs of blocks that a blank line starts. Chars and sentence ends are whole
    # numbers, so their sums over a run are exact in any order.
    blank_before = columns["blank_before"]
    starts = [j for j in range(1, n) if blank_before[j]]
    group_blocks: list[float] = []
    group_chars: list[float] = []
    group_terminal: list[float] = []
    first = [0.0] * n
    last = [0.0] * n
    for lo, hi in zip([0, *starts], [*starts, n]):
        size = hi - lo
        group_blocks += [float(size)] * size
        group_chars += [sum(chars[lo:hi], 0.0)] * size
        group_terminal += [sum(terminal[lo:hi], 0.0) / size] * size
        first[lo] = 1.0
        last[hi - 1] = 1.0
    columns["group_blocks"] = group_blocks
    columns["group_chars"] = group_chars
    columns["group_terminal"] = group_terminal
    columns["group_first"] = first
    columns["group_last"] = last
    columns["blank_after"] = blank_before[1:] + [1.0]
    columns["terminal_run"] = _run_lengths(terminal)
    columns["short_run"] = _run_lengths(short)
    columns["bullet_run"] = _run_lengths(bullet)


def _first_after_prose(flags: list[float], bullet: list[float], prose_cumulative: list[float], after: float) -> int:
    """The first position whose flag is set, that is no list entry, and that more than *after*
    characters of running prose (up to and including it) precede; ``len(flags)`` if none."""
    for j in compress(range(len(flags)), flags):
        if not bullet[j] and prose_cumulative[j] > after:
            return j
    return len(flags)


def _window_sums(values: list[float], radius: int) -> list[float]:
    """For each position, the sum of *values* within *radius* positions on either side."""
    n = len(values)
    prefix = [0.0, *accumulate(values)]
    # prefix[min(j + radius + 1, n)] - prefix[max(j - radius, 0)], as two shifted copies of prefix.
    upper = prefix[radius + 1 :]
    upper += [prefix[n]] * (n - len(upper))
    lower = [0.0] * min(radius, n) + prefix[: max(n - radius, 0)]
    return list(map(sub, upper, lower))


def _distances(flags: list[bool], order: range) -> list[float]:
    """For each position, how many positions back along *order* the nearest flag stands (capped)."""
    out = [float(MAX_DISTANCE)] * len(flags)
    if not any(flags):
        return out
    last = None
    for j in order:
        if flags[j]:
            last = j
        if last is not None:
            out[j] = float(min(abs(j - last), MAX_DISTANCE))
    return out


def _run_lengths(flags: Sequence[float]) -> list[float]:
    """For each position, the length of the run of set flags it belongs to (0 outside runs)."""
    out: list[float] = []
    for on, run in groupby(map(bool, flags)):
        size = sum(1 for _ in run)
        out += [float(size) if on else 0.0] * size
    return out
