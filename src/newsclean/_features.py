"""Block features: what the scorer knows about each line the rules left.

A *block* is a non-blank line that no rule removed. Its features are computed once per page, as
columns (one list per feature, one value per block), in two groups:

- its own shape, computed once per distinct text and page language: length, words, stopword
  density, sentence end, bullet and indentation, title case, digits, links, table cells, and a few
  vocabulary markers (a "Related stories" heading, a comment-section marker, a cookie banner);
- its place in the page: the neighbours' shapes, the density of running prose around it, how far
  it stands from the page's ends and from rule-removed furniture of each kind, the paragraph group
  it belongs to (lines not separated by a blank line), and the runs of list items or short lines it
  is part of.

Every feature is a plain number, so that the scorer (``_scoring``) can bin it; the names in
:data:`FEATURES` are the ones the fitted model file refers to. Lines a previous round removed are
absent (as they are from the cleaned text a second run would see); lines this round's rules
removed are present as gaps, with their kind.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import accumulate
from typing import NamedTuple

from newsclean import _language
from newsclean._rules import Hit
from newsclean._segment import Line
from newsclean._vocabulary import (
    BULLET,
    CJK,
    CLAUSE_ENDS,
    CLOCK_TIME,
    DIGIT,
    LINK,
    NESTED_BULLET,
    NESTED_BULLET_INDENT,
    NUMBER_CELL,
    NUMBERED,
    QUOTE_CLOSERS,
    SENTENCE_BREAK,
    SEPARATORS,
    TABLE_CELL_GAP,
    WORD,
    YEAR,
    ends_sentence,
    is_after_article_heading,
    is_comment_marker,
    is_cookie_notice,
    is_related_heading,
)

# Without a stoplist (unknown language, script without spaces) a CJK character carries about this
# many Latin characters' worth of text.
CJK_WEIGHT = 3
LONG_WORD_CHARS = 13
MIN_TABLE_CELLS = 3  # cells split by runs of spaces, as converters lay out tables
NUMBER_ROW_SHARE = 0.5  # a row with at least this share of number cells is a table row
PROSE_MIN_WORDS = 8  # a block ending a sentence with this many words counts as running prose
PROSE_WINDOWS = (2, 5, 15)  # blocks on either side over which the prose density is measured
# A comment section or the page's furniture starts after this much running prose (characters):
# before any, "Comments" is a link beside the byline and "Related" a menu entry.
COMMENTS_AFTER_PROSE = 150
HEADING_AFTER_PROSE = 300
SHORT_BLOCK_CHARS = 50
MAX_DISTANCE = 30  # blocks: farther furniture counts as none
GAP_KINDS = ("byline", "share", "related", "copyright", "navigation", "promo", "ad", "media", "ticker")
SINCE_KINDS = ("byline", "share", "navigation")  # kinds that mark where an article starts
UNTIL_KINDS = ("share", "copyright", "related", "promo")  # kinds that mark where it ends
NEIGHBOURS = (-2, -1, 1, 2)
NEIGHBOUR_FEATURES = ("chars", "terminal", "stopwords", "bullet", "title_case")

OWN_FEATURES = (
    "chars",
    "words",
    "stopwords",
    "no_stoplist",
    "terminal",
    "ends_colon",
    "ends_clause",
    "bullet",
    "nested_bullet",
    "numbered",
    "indent",
    "sentences_inside",
    "comma_rate",
    "title_case",
    "capitals",
    "digits",
    "punctuation",
    "mean_word_length",
    "long_words",
    "cjk",
    "starts_digit",
    "starts_upper",
    "ends_quote",
    "year",
    "clock_time",
    "link",
    "copyright_sign",
    "separators",
    "pipe",
    "table_row",
    "after_article_heading",
    "related_heading",
    "comment_marker",
    "cookie_notice",
)
CONTEXT_FEATURES = (
    "copies",
    "later_copy",
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
    "blank_before",
    "blank_after",
    *(f"gap_{kind}" for kind in GAP_KINDS),
    *(f"since_{kind}" for kind in SINCE_KINDS),
    *(f"until_{kind}" for kind in UNTIL_KINDS),
    "after_heading_seen",
    "comments_seen",
    "group_blocks",
    "group_chars",
    "group_terminal",
    "group_first",
    "group_last",
    "bullet_run",
    "short_run",
    "terminal_run",
)
FEATURES = OWN_FEATURES + CONTEXT_FEATURES
_OFFSET_WORDS = {-2: "the block before last", -1: "the block before", 1: "the next block", 2: "the block after next"}


def flag(on: str, off: str) -> Callable[[float], str]:
    """Words for a yes/no feature."""
    return lambda value: on if value else off


def _distance(template: str, none: str) -> Callable[[float], str]:
    return lambda value: none if value >= MAX_DISTANCE else template.format(value)


def _neighbour(offset: int, name: str) -> Callable[[float], str]:
    who = _OFFSET_WORDS[offset]
    if name == "chars":
        return lambda v: f"no block {'before' if offset < 0 else 'after'}" if v < 0 else f"{who} has {v:.0f} characters"
    if name == "stopwords":
        return lambda v: f"{who} has {v:.0%} function words"
    if name == "title_case":
        return lambda v: f"{who} has {v:.0%} capitalised words"
    words = {"terminal": ("ends a sentence", "ends no sentence"), "bullet": ("is a list item", "is no list item")}[name]
    return lambda v: f"{who} {words[0] if v > 0 else words[1]}"


# Each feature's value in words, for explanations ("score 0.12: 23 characters, no sentence end, ...").
PHRASES: dict[str, Callable[[float], str]] = {
    "chars": lambda v: f"{v:.0f} characters",
    "words": lambda v: f"{v:.0f} words",
    "stopwords": lambda v: f"{v:.0%} function words",
    "no_stoplist": flag("a language without a stoplist", "a language with a stoplist"),
    "terminal": flag("ends a sentence", "no sentence end"),
    "ends_colon": flag("ends with a colon", "no colon at the end"),
    "ends_clause": flag("ends with a comma", "no comma at the end"),
    "bullet": flag("a list item", "not a list item"),
    "nested_bullet": flag("a nested list item", "not a nested list item"),
    "numbered": flag("a numbered item", "not a numbered item"),
    "indent": lambda v: f"indented by {v:.0f}",
    "sentences_inside": lambda v: f"{v:.0f} sentence breaks inside",
    "comma_rate": lambda v: f"{v:.2f} commas a word",
    "title_case": lambda v: f"{v:.0%} capitalised words",
    "capitals": lambda v: f"{v:.0%} capital letters",
    "digits": lambda v: f"{v:.0%} digits",
    "punctuation": lambda v: f"{v:.0%} punctuation",
    "mean_word_length": lambda v: f"words of {v:.1f} letters on average",
    "long_words": lambda v: f"{v:.0%} long words",
    "cjk": lambda v: f"{v:.0%} CJK characters",
    "starts_digit": flag("starts with a digit", "starts with no digit"),
    "starts_upper": flag("starts with a capital", "starts with no capital"),
    "ends_quote": flag("ends with a quote", "ends with no quote"),
    "year": flag("holds a year", "holds no year"),
    "clock_time": flag("holds a time of day", "holds no time of day"),
    "link": flag("holds a web or e-mail address", "holds no address"),
    "copyright_sign": flag("holds a copyright sign", "holds no copyright sign"),
    "separators": lambda v: f"{v:.0f} menu separators",
    "pipe": flag("holds a '|'", "holds no '|'"),
    "table_row": flag("a table row", "not a table row"),
    "after_article_heading": flag('a "Related stories" kind of heading', "no furniture heading"),
    "related_heading": flag("a related-articles heading", "no related-articles heading"),
    "comment_marker": flag("a comment-section marker", "no comment-section marker"),
    "cookie_notice": flag("a cookie notice", "no cookie notice"),
    "copies": lambda v: f"printed {v:.0f} times on the page",
    "later_copy": flag("a copy of an earlier line", "the first copy"),
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
    **{f"prose_density_{r}": (lambda r: lambda v: f"{v:.0%} running prose within {r} blocks")(r) for r in PROSE_WINDOWS},  # noqa: B023 -- r is bound by the outer lambda
    **{f"{name}@{offset:+d}": _neighbour(offset, name) for offset in NEIGHBOURS for name in NEIGHBOUR_FEATURES},
    "removed_before": lambda v: f"{v:.0f} removed lines before it",
    "removed_after": lambda v: f"{v:.0f} removed lines after it",
    "blank_before": flag("a paragraph break before it", "no paragraph break before it"),
    "blank_after": flag("a paragraph break after it", "no paragraph break after it"),
    **{f"gap_{k}": flag(f"right after a removed {k} line", f"not right after a {k} line") for k in GAP_KINDS},
    **{f"since_{k}": _distance("{:.0f} blocks after a " + k + " line", f"no {k} line before it") for k in SINCE_KINDS},
    **{f"until_{k}": _distance("{:.0f} blocks before a " + k + " line", f"no {k} line after it") for k in UNTIL_KINDS},
    "after_heading_seen": flag('after a "Related stories" kind of heading', 'before any "Related stories" heading'),
    "comments_seen": flag("inside the comment section", "before any comment section"),
    "group_blocks": lambda v: f"{v:.0f} lines in its paragraph",
    "group_chars": lambda v: f"{v:.0f} characters in its paragraph",
    "group_terminal": lambda v: f"{v:.0%} of its paragraph's lines end a sentence",
    "group_first": flag("first line of its paragraph", "not first in its paragraph"),
    "group_last": flag("last line of its paragraph", "not last in its paragraph"),
    "bullet_run": lambda v: f"in a run of {v:.0f} list items" if v else "in no list",
    "short_run": lambda v: f"in a run of {v:.0f} short lines" if v else "not a short line",
    "terminal_run": lambda v: f"in a run of {v:.0f} sentences" if v else "in no run of sentences",
}
_OWN_INDEX = {name: i for i, name in enumerate(OWN_FEATURES)}

Own = tuple[float, ...]
Words = frozenset[str]
Shingles = frozenset[tuple[str, str, str]]
OwnMemo = dict[tuple[str, str], tuple[Own, Words, Shingles]]


class Page(NamedTuple):
    """The blocks of a page and their features, one column per feature name, and each block's words
    (lower case, for the scorer's lexicon)."""

    blocks: tuple[Line, ...]
    language: str | None
    columns: dict[str, list[float]]
    words: list[Words]


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
    kinds_before: list[frozenset[str]] = []
    count, blank, kinds = 0, False, set()
    for line in lines:
        if line.index in absent:
            continue
        if not line.text.strip():
            blank = True
            continue
        if line.index in removed:
            count += 1
            kinds.add(removed[line.index].kind)
            continue
        blocks.append(line)
        removed_before.append(float(count))
        blank_before.append(float(blank))
        kinds_before.append(frozenset(kinds))
        count, blank, kinds = 0, False, set()
    texts = [block.text for block in blocks]
    if language is None and texts:
        language = _language.detect_lines(texts)
    stops = _language.stoplist(language) if language else None
    memo = {} if memo is None else memo
    key = language or ""
    own: list[Own] = []
    words: list[Words] = []
    shingles: list[Shingles] = []
    for text in texts:
        known = memo.get((key, text))
        if known is None:
            known = memo[(key, text)] = _own(text, stops)
        own.append(known[0])
        words.append(known[1])
        shingles.append(known[2])
    columns = {name: [values[i] for values in own] for name, i in _OWN_INDEX.items()}
    if blocks:
        _context(columns, texts, shingles, removed_before, blank_before, kinds_before, count)
    else:
        columns.update({name: [] for name in CONTEXT_FEATURES})
    return Page(tuple(blocks), language, columns, words)


def _own(raw: str, stops: frozenset[str] | None) -> tuple[Own, Words, Shingles]:
    indent = len(raw) - len(raw.lstrip())
    text = raw.strip()
    bullet = BULLET.match(text) is not None
    nested = NESTED_BULLET.match(text) is not None and indent >= NESTED_BULLET_INDENT
    if bullet or nested:
        text = text[2:].lstrip()
    size = len(text) or 1
    cjk = len(CJK.findall(text))
    chars = len(text) + (CJK_WEIGHT - 1) * cjk if stops is None else len(text)
    words = text.split()
    word_count = len(words) or 1
    tokens = WORD.findall(text.lower())
    stopwords = sum(map(stops.__contains__, tokens)) / len(tokens) if stops is not None and tokens else 0.0
    lettered = [word for word in words if word[0].isalpha()]
    title_case = sum(word[0].isupper() for word in lettered) / len(lettered) if lettered else 0.0
    letters = sum(map(str.isalpha, text)) or 1
    capitals = sum(map(str.isupper, text)) / letters
    digits = len(DIGIT.findall(text))
    punctuation = sum(1 for char in text if not char.isalnum() and not char.isspace())
    wide_cells = "  " in text and len(TABLE_CELL_GAP.findall(text)) >= MIN_TABLE_CELLS - 1
    features = (
        float(chars),
        float(len(words)),
        stopwords,
        float(stops is None),
        float(ends_sentence(text)),
        float(text.endswith(":")),
        float(text.endswith(CLAUSE_ENDS)),
        float(bullet),
        float(nested),
        float(NUMBERED.match(text) is not None),
        float(indent),
        float(len(SENTENCE_BREAK.findall(text))),
        text.count(",") / word_count,
        title_case,
        capitals,
        digits / size,
        punctuation / size,
        sum(map(len, words)) / word_count,
        sum(len(word) >= LONG_WORD_CHARS for word in words) / word_count,
        cjk / size,
        float(text[:1].isdigit()),
        float(text[:1].isupper()),
        float(text[-1:] in QUOTE_CLOSERS),
        float(digits > 0 and YEAR.search(text) is not None),
        float(digits > 0 and CLOCK_TIME.search(text) is not None),
        float(LINK.search(text) is not None),
        float("©" in text),
        float(sum(map(text.count, SEPARATORS))),
        float("|" in text),
        float(wide_cells or _is_number_row(text, len(words))),
        float(is_after_article_heading(text)),
        float(is_related_heading(text)),
        float(is_comment_marker(text)),
        float(is_cookie_notice(text)),
    )
    return features, frozenset(tokens), frozenset(zip(tokens, tokens[1:], tokens[2:]))


def _is_number_row(text: str, word_count: int) -> bool:
    """A table row whose cells a converter joined with single spaces: mostly numbers ('1 Kyle Busch 5040 5 1')."""
    if word_count < MIN_TABLE_CELLS or not DIGIT.search(text):
        return False
    numbers = len(NUMBER_CELL.findall(text))
    return numbers >= MIN_TABLE_CELLS and numbers >= NUMBER_ROW_SHARE * word_count


def _context(
    columns: dict[str, list[float]],
    texts: list[str],
    shingles: list[Shingles],
    removed_before: list[float],
    blank_before: list[float],
    kinds_before: list[frozenset[str]],
    removed_at_end: int,
) -> None:
    n = len(texts)
    chars = columns["chars"]
    terminal = columns["terminal"]
    words = columns["words"]
    bullet = columns["bullet"]
    listed = [max(values) for values in zip(bullet, columns["nested_bullet"], columns["numbered"])]

    keys = [" ".join(text.split()) for text in texts]
    copies: dict[str, int] = {}
    for key in keys:
        copies[key] = copies.get(key, 0) + 1
    seen: set[str] = set()
    later = []
    for key in keys:
        later.append(float(key in seen))
        seen.add(key)
    columns["copies"] = [float(copies[key]) for key in keys]
    columns["later_copy"] = later
    # How much of a block the page printed before (a teaser's summary, an article body repeated whole in
    # the page's metadata): the share of its word triples seen in earlier blocks.
    printed: set[tuple[str, str, str]] = set()
    repeated = []
    for block in shingles:
        repeated.append(len(block & printed) / len(block) if block else 0.0)
        printed |= block
    columns["repeated_share"] = repeated

    total = sum(chars) or 1.0
    cumulative = list(accumulate(chars))
    columns["blocks"] = [float(n)] * n
    columns["page_chars"] = [total] * n
    # How much furniture the page still has: a page cleaned once has no rule-removed lines and few
    # short ones, and is judged as the article it is.
    removed_lines = sum(removed_before) + removed_at_end
    columns["page_removed_share"] = [removed_lines / (removed_lines + n)] * n
    columns["page_short_share"] = [sum(c < SHORT_BLOCK_CHARS for c in chars) / n] * n
    columns["page_terminal_share"] = [sum(terminal) / n] * n
    columns["position_before"] = [(c - own) / total for c, own in zip(cumulative, chars)]
    columns["position_after"] = [1.0 - c / total for c in cumulative]

    prose = [c if t and w >= PROSE_MIN_WORDS else 0.0 for c, t, w in zip(chars, terminal, words)]
    prose_total = sum(prose) + 1.0
    prose_cumulative = list(accumulate(prose))
    columns["prose_before"] = [(c - own) / prose_total for c, own in zip(prose_cumulative, prose)]
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
    columns["removed_after"] = removed_before[1:] + [0.0]
    columns["blank_before"] = blank_before
    columns["blank_after"] = blank_before[1:] + [1.0]
    after_kinds = kinds_before[1:] + [frozenset()]
    for kind in GAP_KINDS:
        columns[f"gap_{kind}"] = [float(kind in kinds) for kinds in kinds_before]
    for kind in SINCE_KINDS:
        columns[f"since_{kind}"] = _distances([kind in kinds for kinds in kinds_before], range(n))
    for kind in UNTIL_KINDS:
        columns[f"until_{kind}"] = _distances([kind in kinds for kinds in after_kinds], range(n - 1, -1, -1))

    # A "Related stories" heading or a comment-section marker, not a bulleted menu entry, after some
    # running prose: the article has ended. The flag holds from the next block on.
    headings, comments = columns["after_article_heading"], columns["comment_marker"]
    heading_seen, comments_seen = [], []
    heading_flag = comments_flag = 0.0
    prose_so_far = 0.0
    for j in range(n):
        heading_seen.append(heading_flag)
        comments_seen.append(comments_flag)
        prose_so_far += prose[j]
        if not listed[j]:
            if headings[j] and prose_so_far > HEADING_AFTER_PROSE:
                heading_flag = 1.0
            if comments[j] and prose_so_far > COMMENTS_AFTER_PROSE:
                comments_flag = 1.0
    columns["after_heading_seen"] = heading_seen
    columns["comments_seen"] = comments_seen

    groups = list(accumulate(int(b) for b in blank_before))
    group_blocks: dict[int, int] = {}
    group_chars: dict[int, float] = {}
    group_terminal: dict[int, float] = {}
    for group, c, t in zip(groups, chars, terminal):
        group_blocks[group] = group_blocks.get(group, 0) + 1
        group_chars[group] = group_chars.get(group, 0.0) + c
        group_terminal[group] = group_terminal.get(group, 0.0) + t
    columns["group_blocks"] = [float(group_blocks[g]) for g in groups]
    columns["group_chars"] = [group_chars[g] for g in groups]
    columns["group_terminal"] = [group_terminal[g] / group_blocks[g] for g in groups]
    columns["group_first"] = [float(j == 0 or groups[j - 1] != groups[j]) for j in range(n)]
    columns["group_last"] = [float(j == n - 1 or groups[j + 1] != groups[j]) for j in range(n)]

    columns["bullet_run"] = _run_lengths([bool(b) for b in listed])
    columns["short_run"] = _run_lengths([c < SHORT_BLOCK_CHARS for c in chars])
    columns["terminal_run"] = _run_lengths([bool(t) for t in terminal])


def _window_sums(values: list[float], radius: int) -> list[float]:
    """For each position, the sum of *values* within *radius* positions on either side."""
    n = len(values)
    prefix = [0.0, *accumulate(values)]
    return [prefix[min(j + radius + 1, n)] - prefix[max(j - radius, 0)] for j in range(n)]


def _distances(flags: list[bool], order: range) -> list[float]:
    """For each position, how many positions back along *order* the nearest flag stands (capped)."""
    out = [float(MAX_DISTANCE)] * len(flags)
    last = None
    for j in order:
        if flags[j]:
            last = j
        if last is not None:
            out[j] = float(min(abs(j - last), MAX_DISTANCE))
    return out


def _run_lengths(flags: list[bool]) -> list[float]:
    """For each position, the length of the run of set flags it belongs to (0 outside runs)."""
    out = [0.0] * len(flags)
    start = 0
    for j in range(len(flags) + 1):
        if j < len(flags) and flags[j]:
            continue
        if j > start:
            out[start:j] = [float(j - start)] * (j - start)
        start = j + 1
    return out
