"""Text heuristics that find the article region in a whole scraped page.

Three linear passes over the page's blocks (its non-blank lines that no rule
removed), as written down in docs/algorithm.md:

1. context-free classification of each block from its own features (length,
   stopword density with the page language's stoplist, terminal punctuation,
   list bullets, separator rows): ``good``, ``neargood``, ``short`` or ``bad``;
2. context-sensitive revision from neighbours, as jusText does it: short and
   near-good blocks between good ones become good, between bad ones bad;
3. the article region(s): the contiguous run of blocks with the best score
   (good blocks add their length, bad ones subtract), which lets short
   interruptions (an ad marker, a caption) sit inside the body while menus,
   teasers and footers far from it fall outside; then any other run scoring at
   least half as much, and an introduction just before a region. Comment
   sections, teasers under a "Related stories" heading and paragraphs printed
   twice count for little. An author box at a region's end leaves it; a list of
   data after the last region joins it, and so does a bulleted list a line of the
   region announces; a list of data before every region (a calendar that is the
   whole article) is kept too. The headline is kept when it directly precedes a
   region or such a list.

Removed lines are treated as absent, so a second run over the cleaned text sees
the same body blocks with the same neighbours and keeps them all (idempotence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from newsclean import _language
from newsclean._config import Config
from newsclean._rules import Hit
from newsclean._segment import Line
from newsclean._vocabulary import BULLETS, is_after_article_heading, is_related_heading


class Thresholds(NamedTuple):
    """One preset's thresholds (jusText's names where they mean the same thing)."""

    length_low: int  # chars: shorter blocks are "short" and judged by their neighbours
    length_high: int  # chars: a stopword-rich block at least this long is good on its own
    stopwords_low: float  # stopword density of near-good text
    stopwords_high: float  # stopword density of good text
    sentence_length: int  # chars: a stopword-rich block this long that ends a sentence is good too
    short_cost: float  # region score: cost of a short block (not revised to good) inside the region
    bad_cost: float  # region score: fixed cost of a bad block inside the region
    bad_weight: float  # region score: cost per char of a bad block inside the region
    # Keep the short and near-good blocks inside a region even where their neighbours make them bad
    # (a subheading, a caption), though not runs of short lines.
    keep_inside: bool = False


_BALANCED = Thresholds(
    length_low=70,
    length_high=200,
    stopwords_low=0.30,
    stopwords_high=0.32,
    sentence_length=80,
    short_cost=10.0,
    bad_cost=40.0,
    bad_weight=1.0,
)
PRESET_THRESHOLDS: dict[str, Thresholds] = {
    "balanced": _BALANCED,
    "precision": Thresholds(
        length_low=80,
        length_high=220,
        stopwords_low=0.32,
        stopwords_high=0.35,
        sentence_length=100,
        short_cost=20.0,
        bad_cost=80.0,
        bad_weight=1.5,
    ),
    # The same regions as balanced, and everything inside them that is not bad: never less than balanced.
    "recall": _BALANCED._replace(keep_inside=True),
}

# Without a stoplist (unknown language, script without spaces) a block is judged by
# length and punctuation; CJK characters carry about this many Latin characters' worth of text.
CJK_WEIGHT = 3
LIST_ITEM_MAX_WORDS = 12  # a bulleted line this short without a sentence end is a menu or link list item
MIN_SEPARATORS = 2  # "Home | News | Sport": a row with this many separators is a menu
HEADLINE_MAX_WORDS = 30
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_GAP = 3  # blocks (bylines, dates) allowed between the headline and the body

SHORT_SENTENCE_MIN_WORDS = 5
MAX_SHORT_RUN = 3  # this many short lines in a row are a list, not subheadings between paragraphs
COMMENT_MARKER_MAX_CHARS = 80
COMMENT_NOTE_MAX_CHARS = 200
COMMENTS_DISCOUNT = 0.05  # region score: weight of good text after a comment-section marker
# Region score: weight of a teaser (good text right under a headline or a time stamp, not under other
# good text) once a "Related stories" kind of heading has followed some article text: teasers neither
# extend the article nor break it.
TEASER_DISCOUNT = 0.0
MIN_ARTICLE_SCORE = 150.0  # below this best region score the page has no running prose: relax
# A page may carry its article in more than one region (split by a gallery, a long table, a box of
# links): besides the best region, keep regions scoring at least this share of it (at most MAX_REGIONS).
SECOND_REGION_SHARE = 0.5
MAX_REGIONS = 8
MIN_DATA_LIST = 8  # lines: a list of data after the body is longer than a couple of notes
MAX_DATA_LIST = 400
DATA_LIST_DIGIT_SHARE = 0.6  # dates, times, amounts: three lines in five of a data list hold a number
# A list of data that is the whole article (a calendar): its lines are no longer than this, and a fact
# among them is a line of at least DATA_FACT_MIN_WORDS words with a number; labels in between are few.
DATA_LINE_MAX_WORDS = 20
DATA_FACT_MIN_WORDS = 5
MAX_DATA_LIST_GAP = 2
LIST_INTRO_MIN_WORDS = 3  # a line announcing a list: "Think about it:", not "More:"
MAX_INTRODUCED_ITEMS = 25
AUTHOR_BOX_MAX_BLOCKS = 3  # an author box's bio is the region's last block or close to it
AUTHOR_NAME_WITHIN = 3  # words at the start of a bio that may hold the author's name
# Non-text blocks after an after-article heading that start the page's tail (an inline box is shorter).
TAIL_BLOCKS = 8
INTRO_MAX_GAP = 40  # blocks between an introduction and the region it introduces
COMMENTS_COST = 2000.0  # region score: comments are rarely part of the article; keep the region apart
MIN_TABLE_CELLS = 3  # cells split by runs of spaces, as converters lay out tables
NUMBER_ROW_SHARE = 0.5  # a row with at least this share of number cells is a table row even without wide gaps
SENTENCE_STOPWORDS_DISCOUNT = 0.08  # a block that ends a sentence may have this much lower stopword density

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"
# Reasons of bad blocks that are bad for want of prose (names, labels, data), not as navigation.
_PROSE_POOR = ("few-stopwords", "no-sentence")
_DATA_LINE_REASONS = ("", "short", *_PROSE_POOR)  # near-good, short or prose-poor: nothing marks navigation

_BULLET = re.compile(f"[{re.escape(BULLETS)}]\\s")
_TERMINALS = frozenset(".!?…。！？")  # a line ending in one of these (before closing quotes) ends a sentence
_CLOSERS = "\"'”’»)]"
# A sentence end with a marker glued to it ("...on Tuesday.Advertisement"): the named rules cut the
# marker from the output, and the line still ends a sentence.
_GLUED_TAIL = re.compile(r"[.!?…][\"'”’»)\]]*[A-ZÀ-Þ][^\s.!?]{1,24}$")
_GLUED_TAIL_CHARS = 32
_SEPARATORS = (" | ", " · ", " • ", " / ", " » ", " › ")
# A cookie banner or consent dialog: "cookie" together with the words such notices are made of.
_COOKIE = re.compile(r"\bcookies?\b|\bcookie-", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:accept|consent|website|site|browser|settings|preferences|privacy|policy|we use|"
    r"akzeptier|zustimm|webseite|website|einstellungen|datenschutz|verwende|"
    r"accepte|consentement|paramètres|navigateur|utilis|aceptar|consentimiento|navegador|utiliza)",
    re.IGNORECASE,
)
_TABLE_CELL_GAP = re.compile(r"\S {2,}(?=\S)")
_NUMBER_CELL = re.compile(r"(?<!\S)[-+−]?[$€£]?\d[\d.,:/]*+%?(?!\S)")
# Where comments start, or a comment's own header: the article has ended.
_COMMENT_MARKER = re.compile(
    r"(?:[\w-]+[^\S\n]+){0,2}(?:comments?|kommentare?|commentaires?|comentarios?|commenti|replies)"
    r"(?:[^\S\n]*\(\d+\))?:?|(?:(?:leave|post|add|write)[^\S\n]+a[^\S\n]+(?:comment|reply)\W*|"
    r"(?:hinterlasse|schreibe)[^\S\n]+(?:einen[^\S\n]+kommentar|eine[^\S\n]+antwort)\W*|kommentar[^\S\n]+verfassen\W*|"
    r"laisser[^\S\n]+un[^\S\n]+commentaire\W*|deja[^\S\n]+(?:un|tu)[^\S\n]+comentario\W*|"
    r"lascia[^\S\n]+un[^\S\n]+commento\W*|deixe[^\S\n]+(?:um|seu)[^\S\n]+comentário\W*)"
    # Blog engines print the form's "Cancel reply" link on the heading's line.
    r"(?:(?:cancel[^\S\n]+reply|antworten[^\S\n]+abbrechen|annuler[^\S\n]+la[^\S\n]+réponse|"
    r"cancelar[^\S\n]+(?:la[^\S\n]+)?respuesta|annulla[^\S\n]+risposta|cancelar[^\S\n]+resposta)\W*)?|"
    r"reply|antworten|"
    # A commenter's header is a user name and "says:"; a quote in the body is introduced by "said:".
    r"(?:\d+\.[^\S\n]+)?\S+(?:[^\S\n]+\S+)?[^\S\n]+(?:says|wrote|schreibt|a[^\S\n]+écrit)[^\S\n]*:",
    re.IGNORECASE,
)
# The comment form's note under the comment heading: the comment section has started.
_COMMENT_FORM_NOTE = re.compile(
    r"(?:your|deine|ihre|votre|tu|su|il[^\S\n]+tuo|o[^\S\n]+seu)[^\S\n]+(?:e-?mail|adresse|dirección|indirizzo|endereço)"
    r"[^\n]{0,40}?(?:will[^\S\n]+not[^\S\n]+be[^\S\n]+published|wird[^\S\n]+nicht[^\S\n]+veröffentlicht|"
    r"ne[^\S\n]+sera[^\S\n]+pas[^\S\n]+publiée|no[^\S\n]+(?:será|se[^\S\n]+publicará)|non[^\S\n]+sarà[^\S\n]+pubblicato|"
    r"não[^\S\n]+será[^\S\n]+publicado)\W*(?:(?:required|erforderliche|pflichtfelder|les[^\S\n]+champs|"
    r"los[^\S\n]+campos|i[^\S\n]+campi|(?:os[^\S\n]+)?campos)[^\n]{0,80})?",
    re.IGNORECASE,
)
# Words for the stopword density: numbers ("5,567.19" is three \w runs) would dilute it.
_WORD = re.compile(r"[^\W\d]\w*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# A person's name on a line of its own, maybe introduced ("About Jane Doe", "Über Lisa Borch").
_NAME_LINE = re.compile(
    r"(?:(?i:about|über|à propos de|sobre|sull'autore:?)\s+)?((?:[A-ZÀ-Þ][\w'’.-]*\s+){1,3}[A-ZÀ-Þ][\w'’-]+)"
)
# A blogger's about-me box opens with a greeting and the author's name or role ("Hallo, ich bin ...").
_SELF_INTRODUCTION = re.compile(
    r"(?:hi|hello|hallo|hey|hej|moin|servus|bonjour|salut|hola|ciao|howdy)\b\W{0,6}(?:\w+\W{1,3})?"
    r"(?:i'm|i’m|i am|ich bin|je suis|me llamo|soy|mi chiamo|sono|my name is|mein name ist|ich heiße)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# "— Jane Doe (@jdoe) November 19, 2019": the signature line of an embedded tweet (after its dash).
_TWEET_SIGNATURE = re.compile(r"[^()]{1,80}\(@\w{1,15}\) [^()]{0,20}\d{4}")
# A rank or a time stamp before a headline ("1. ", "10:32 ") or a comment count after it ("(185)"):
# numbers that state no fact.
_ITEM_NUMBERS = re.compile(r"^\s*(?:\d+[.)]|\d{1,2}:\d{2})\s|\(\d+\)\s*$")
_LINK = re.compile(r"https?://|www\.|\S@\S+\.\w")


class _Block(NamedTuple):
    index: int  # line index
    length: int
    klass: str
    reason: str  # why a bad block is bad (rule-name suffix)
    title_like: bool
    sentence: bool = False  # ends with terminal punctuation (set for good and near-good blocks)


_REASONS = {
    "list-item": ("navigation", "a short bulleted item outside sentences: a menu or link list entry"),
    "menu-row": ("navigation", "a row of items split by separators: a menu or breadcrumb"),
    "related-heading": ("related", 'the heading of a list of other articles ("Related stories", "Mehr zum Thema")'),
    "copyright": ("boilerplate", "a short line with a copyright sign"),
    "link": ("boilerplate", "a short line that is mostly a web or e-mail address"),
    "few-stopwords": ("boilerplate", "too few function words for running text (names, labels, headlines)"),
    "no-sentence": ("boilerplate", "no sentence punctuation in a page whose language has no stoplist"),
    "cookie-notice": ("boilerplate", "a cookie banner or consent notice"),
    "comments": ("boilerplate", "a comment-section heading or a commenter's header: the article has ended"),
    "table": ("boilerplate", "a table row outside the article"),
    "short": ("boilerplate", "a short line not standing between body paragraphs"),
    "outside-article": ("boilerplate", "text outside the page's main article region"),
    "author-box": ("byline", "the author's name and a bio under the article"),
    "teaser": ("related", 'the headline of another article under a "Related stories" kind of heading'),
}


BlockMemo = dict[tuple[int, str], _Block]


def classify(
    lines: Sequence[Line], removed: Mapping[int, Hit], config: Config, memo: BlockMemo | None = None
) -> dict[int, Hit]:
    """Return the lines (not already in *removed*) that the heuristics judge boilerplate, with reasons.

    A block's own class depends only on its line and the page language, so a caller judging
    the same lines again (the pipeline's settle rounds) passes the same *memo* to reuse them.
    """
    thresholds = PRESET_THRESHOLDS[config.preset]
    kept: list[Line] = []
    gaps: list[float] = []  # region cost of the rule-removed lines just before each kept line, if any
    headings: list[bool] = []  # whether a "Related stories" kind of heading (kept or removed) precedes it
    gap = 0.0
    heading = False
    for line in lines:
        if not line.text.strip():
            continue
        heading = heading or is_after_article_heading(line.text)
        if line.index in removed:
            # A run of rule-removed lines (a video widget, an ad) is one interruption, whatever its size.
            gap = thresholds.short_cost
            continue
        kept.append(line)
        gaps.append(gap)
        headings.append(heading)
        gap = 0.0
        heading = False
    if not kept:
        return {}
    language = _language.resolve(config.language) if config.language else _language.detect_lines(
        [line.text for line in kept]
    )
    stops = _language.stoplist(language) if language else None
    memo = {} if memo is None else memo
    blocks = []
    for line in kept:
        key = (line.index, language or "")
        block = memo.get(key)
        if block is None:
            block = memo[key] = _classify_block(line.text, line.index, stops, thresholds)
        blocks.append(block)
    repeats = _repeated_paragraphs(kept, blocks, thresholds)
    shaped, final, teasers, regions = _judge(blocks, headings, repeats, gaps, thresholds)
    if regions[0][2] < MIN_ARTICLE_SCORE:
        # No running prose anywhere (a results table, a list of facts, a two-sentence brief):
        # judge again with every long line and every near-good one counted as good, rather
        # than keep nothing.
        blocks = [_relaxed(block) for block in blocks]
        shaped, final, teasers, regions = _judge(blocks, headings, repeats, gaps, thresholds)
    inside = [False] * len(blocks)
    headlines = set()
    author_boxes: set[int] = set()
    data_lists: set[int] = set()
    for run in _data_runs(kept, blocks, headings, regions[0][0]):
        # Such a list is an article only under its own headline; a list of headlines has none.
        headline = _headline(blocks, final, run.start)
        if headline >= 0:
            data_lists.update(run)
            headlines.add(headline)
    for number, (first, last, _) in enumerate(regions):
        box = _author_box(kept, first, last)
        if box is not None:
            author_boxes.update(range(box, last + 1))
            last = box - 1
        elif number == len(regions) - 1:
            data_lists.update(_data_list_after(kept, blocks, headings, last))
        inside[first : last + 1] = [True] * (last + 1 - first)
        headlines.add(_headline(blocks, final, first))
        # A list announced inside the region, or by a sentence right after it (a label there is furniture).
        for position in range(first, min(last + 2, len(kept))):
            introduced = _introduced_list(kept, blocks, position)
            if introduced and (position <= last or blocks[position].klass != SHORT):
                data_lists.update(introduced)
                data_lists.add(position)

    hits: dict[int, Hit] = {}
    for position, (line, block) in enumerate(zip(kept, blocks)):
        body_like = final[position] == GOOD or (thresholds.keep_inside and shaped[position] != BAD)
        if inside[position] and body_like and position not in teasers:
            continue
        if position in data_lists:
            continue
        if position in headlines:
            continue
        if position in author_boxes:
            reason = "author-box"
        elif position in teasers:
            reason = "teaser"
        elif final[position] == GOOD:
            reason = "outside-article"
        elif block.klass == BAD:
            reason = block.reason
        else:
            reason = block.reason if block.klass == SHORT else "few-stopwords"
        kind, why = _REASONS[reason]
        hits[line.index] = Hit(line.start, line.end, f"heuristic-{reason}", kind, why)
    return hits


def _judge(
    blocks: list[_Block], headings: list[bool], repeats: set[int], gaps: list[float], th: Thresholds
) -> tuple[list[str], list[str], set[int], list[tuple[int, int, float]]]:
    """Passes 2 and 3: the classes with short runs made bad, the revised classes, the teaser
    headlines and the article regions."""
    shaped = _with_short_runs_bad(blocks)
    final = _revise(shaped)
    values, teasers = _values(blocks, final, headings, repeats, th)
    return shaped, final, teasers, _regions(values, gaps)


def _data_list_after(kept: Sequence[Line], blocks: list[_Block], headings: list[bool], last: int) -> range:
    """The list of data that ends an article (tour dates, a menu plan, a schedule), or an empty range.

    Such a list is a run of short lines after the last region, most of them holding a number, that
    runs up to an after-article heading ("Related stories") or to the end of the page (as it does in
    the cleaned text, where the heading is gone): no bullets, no menu rows, nothing that marks
    navigation in between.
    """
    stop = last + 1
    with_digits = 0
    while stop < len(blocks) and not headings[stop]:
        if stop - last > MAX_DATA_LIST or (
            blocks[stop].klass == BAD and blocks[stop].reason not in _PROSE_POOR
        ):
            return range(0)
        with_digits += _DIGIT.search(kept[stop].text) is not None
        stop += 1
    run = stop - last - 1
    if run >= MIN_DATA_LIST and with_digits >= DATA_LIST_DIGIT_SHARE * run:
        return range(last + 1, stop)
    return range(0)


def _introduced_list(kept: Sequence[Line], blocks: list[_Block], intro: int) -> range:
    """The bulleted list that a line of the body announces ("The grant will fund:"), or an empty range.

    Its items are short and end no sentence, like a menu's, but the article introduced them. The
    announcing line is in the article region or right after its last paragraph.
    """
    text = kept[intro].text.rstrip()
    if not text.endswith(":") or len(text.split()) < LIST_INTRO_MIN_WORDS or blocks[intro].klass == BAD:
        return range(0)
    if is_after_article_heading(text):  # "More on this story:" announces other articles
        return range(0)
    end = intro + 1
    while end < len(kept) and end - intro <= MAX_INTRODUCED_ITEMS and _BULLET.match(kept[end].text.lstrip()):
        end += 1
    return range(intro + 1, end)


def _data_runs(kept: Sequence[Line], blocks: list[_Block], headings: list[bool], stop: int) -> list[range]:
    """Runs of short factual lines before position *stop*: dates and places, results.

    A calendar or a results list may be the article itself, with no prose around it. Its lines are
    short and unbulleted, none of them good prose on its own, and most hold a number beside a few
    words (a bare rank or a menu label holds fewer words). The numbers of a list of headlines, its
    ranks ("1."), time stamps ("10:32") and comment counts ("(185)"), are no facts, and a list under a
    "Latest news" kind of heading is one of other articles. A run starts and ends with a fact and may
    hold a label or two between facts.
    """
    data = [_is_data_line(kept[position].text, blocks[position]) for position in range(stop)]
    facts = [
        position
        for position, line in enumerate(kept[:stop])
        if data[position]
        and _DIGIT.search(line.text)  # the cheap test first
        and len(line.text.split()) >= DATA_FACT_MIN_WORDS
        and _DIGIT.search(_ITEM_NUMBERS.sub("", line.text))
    ]
    found: list[range] = []
    group: list[int] = []
    beyond = stop + MAX_DATA_LIST_GAP + 2  # closes the last group
    for position in [*facts, beyond]:
        if group and position - group[-1] <= MAX_DATA_LIST_GAP + 1 and all(data[group[-1] : position]):
            group.append(position)
            continue
        if group:
            run = range(group[0], group[-1] + 1)
            under_heading = any(headings[max(run.start - 1, 0) : run.start + 1])
            if len(run) >= MIN_DATA_LIST and len(group) >= DATA_LIST_DIGIT_SHARE * len(run) and not under_heading:
                found.append(run)
        group = [position]
    return found


def _is_data_line(text: str, block: _Block) -> bool:
    if block.klass == GOOD or block.reason not in _DATA_LINE_REASONS:
        return False
    return len(text.split()) <= DATA_LINE_MAX_WORDS and not _BULLET.match(text.lstrip())


def _author_box(kept: Sequence[Line], first: int, last: int) -> int | None:
    """Where an author box at the end of the region starts, or None.

    An author box is a name on a line of its own and a paragraph that starts with that name
    ("Jane Doe" / "Jane joined the paper in 2017..."), or a blogger's greeting ("Hi, I'm David,
    the founder of..."). A list article repeats the name pattern for every entry; only a region
    where it occurs once has an author box.
    """
    tail = range(max(first + 1, last - AUTHOR_BOX_MAX_BLOCKS), last + 1)
    for position in tail:
        # Not the region's first two blocks: a blog post may well open with a greeting.
        if position - first >= 2 and _SELF_INTRODUCTION.match(kept[position].text.strip()):
            return position
    found = [position for position in tail if _introduces(kept[position - 1].text, kept[position].text)]
    if len(found) != 1:
        return None
    for position in range(first + 1, found[0] - 1):
        if _introduces(kept[position - 1].text, kept[position].text):
            return None
    return found[0] - 1


def _introduces(name_line: str, text: str) -> bool:
    """Whether *name_line* is a person's name (maybe after "About") and *text* starts with part of it."""
    match = _NAME_LINE.fullmatch(name_line.strip())
    if match is None:
        return False
    opening = text.split(maxsplit=AUTHOR_NAME_WITHIN)[:AUTHOR_NAME_WITHIN]
    return any(part in opening for part in match.group(1).split())


def _with_short_runs_bad(blocks: list[_Block]) -> list[str]:
    """Classes, with every run of many consecutive short lines (a menu, a list of headlines) made bad.

    A subheading or a caption comes alone or in pairs; only they may be revised into the body.
    Table rows are exempt: a table is a run of short rows that belongs to the body around it.
    """
    classes = [block.klass for block in blocks]
    run_start = 0
    for i in range(len(blocks) + 1):
        if i < len(blocks) and blocks[i].klass == SHORT and blocks[i].reason != "table":
            continue
        if i - run_start >= MAX_SHORT_RUN:
            classes[run_start:i] = [BAD] * (i - run_start)
        run_start = i + 1
    return classes


def _relaxed(block: _Block) -> _Block:
    if block.klass == NEARGOOD or (block.klass == BAD and block.reason in _PROSE_POOR):
        return block._replace(klass=GOOD)
    return block


def _classify_block(raw: str, index: int, stops: frozenset[str] | None, th: Thresholds) -> _Block:
    text = raw.strip()
    bullet = _BULLET.match(text) is not None
    if bullet:
        text = text[2:].lstrip()
    length = len(text)
    terminal = text.rstrip(_CLOSERS)[-1:] in _TERMINALS or _GLUED_TAIL.search(text[-_GLUED_TAIL_CHARS:]) is not None
    words = text.split()
    title_like = HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS and not bullet and not text.endswith(
        (".", ":", ",", ";")
    )
    if stops is None:
        length += (CJK_WEIGHT - 1) * len(_CJK.findall(text))
    if is_related_heading(text):
        return _Block(index, length, BAD, "related-heading", False)
    if bullet and _TWEET_SIGNATURE.fullmatch(text):
        # The dash line under an embedded tweet: it belongs to the quote the article shows.
        return _Block(index, length, NEARGOOD, "", False, True)
    if bullet and len(words) <= LIST_ITEM_MAX_WORDS and not terminal:
        return _Block(index, length, BAD, "list-item", False)
    # str.count runs in C and is much cheaper than a regex scan of every line.
    if sum(map(text.count, _SEPARATORS)) >= MIN_SEPARATORS:
        return _Block(index, length, BAD, "menu-row", False)
    if ("ookie" in text or "OOKIE" in text) and _COOKIE.search(text) and _COOKIE_CONTEXT.search(text):
        return _Block(index, length, BAD, "cookie-notice", False)
    if (length < COMMENT_MARKER_MAX_CHARS and _COMMENT_MARKER.fullmatch(text)) or (
        length < COMMENT_NOTE_MAX_CHARS and _COMMENT_FORM_NOTE.fullmatch(text)
    ):
        return _Block(index, length, BAD, "comments", False)
    wide_cells = "  " in text and len(_TABLE_CELL_GAP.findall(text)) >= MIN_TABLE_CELLS - 1
    if wide_cells or _is_number_row(text, len(words)):
        # A table row: neither prose nor a menu; its neighbours decide.
        return _Block(index, length, SHORT, "table", False)
    if length < th.length_low:
        if "©" in text:
            return _Block(index, length, BAD, "copyright", False)
        if _LINK.search(text):
            return _Block(index, length, BAD, "link", False)
        if terminal and len(words) >= SHORT_SENTENCE_MIN_WORDS:
            # A short sentence ("He declined to comment.") is near-good, not a label: it joins a body
            # it touches instead of needing body on both sides. Too few words to weigh its stopwords.
            return _Block(index, length, NEARGOOD, "", title_like, terminal)
        return _Block(index, length, SHORT, "short", title_like)
    if stops is None:
        if terminal:
            return _Block(index, length, GOOD if length >= th.sentence_length else NEARGOOD, "", title_like, terminal)
        if text.endswith(("、", "，")):
            # A clause whose sentence goes on in the next line (CJK text broken at a comma).
            return _Block(index, length, NEARGOOD, "", title_like)
        return _Block(index, length, NEARGOOD if length >= th.length_high else BAD, "no-sentence", title_like)
    tokens = _WORD.findall(text.lower())
    density = sum(map(stops.__contains__, tokens)) / len(tokens) if tokens else 0.0
    if terminal:
        density += SENTENCE_STOPWORDS_DISCOUNT
    if density >= th.stopwords_high:
        good = length >= th.length_high or (terminal and length >= th.sentence_length)
        return _Block(index, length, GOOD if good else NEARGOOD, "", title_like, terminal)
    if density >= th.stopwords_low:
        return _Block(index, length, NEARGOOD, "", title_like, terminal)
    return _Block(index, length, BAD, "few-stopwords", title_like)


def _is_number_row(text: str, word_count: int) -> bool:
    """A table row whose cells a converter joined with single spaces: mostly numbers ('1 Kyle Busch 5040 5 1')."""
    if word_count < MIN_TABLE_CELLS:
        return False
    numbers = len(_NUMBER_CELL.findall(text))
    return numbers >= MIN_TABLE_CELLS and numbers >= NUMBER_ROW_SHARE * word_count


def _revise(classes: list[str]) -> list[str]:
    """jusText's context-sensitive pass: short and near-good blocks take their neighbours' class.

    Page edges count as bad. Neighbours are found with two linear scans (nearest
    non-short class before and after each block, with and without near-good).
    """
    n = len(classes)
    prev_strict, prev_loose = _nearest(classes, range(n))
    next_strict, next_loose = _nearest(classes, range(n - 1, -1, -1))

    revised = list(classes)
    for i, klass in enumerate(classes):
        if klass != SHORT:
            continue
        before, after = prev_strict[i], next_strict[i]
        if before == after:
            revised[i] = before
        elif (before == BAD and prev_loose[i] == NEARGOOD) or (after == BAD and next_loose[i] == NEARGOOD):
            revised[i] = GOOD
        else:
            revised[i] = BAD
    for i, klass in enumerate(classes):
        if klass == NEARGOOD:
            revised[i] = BAD if prev_strict[i] == BAD and next_strict[i] == BAD else GOOD
    return revised


def _nearest(classes: list[str], order: range) -> tuple[list[str], list[str]]:
    """For each block: the nearest good/bad class and the nearest non-short class met before it in *order*."""
    strict = [BAD] * len(classes)
    loose = [BAD] * len(classes)
    last_strict = last_loose = BAD
    for i in order:
        strict[i], loose[i] = last_strict, last_loose
        klass = classes[i]
        if klass in (GOOD, BAD):
            last_strict = klass
        if klass != SHORT:
            last_loose = klass
    return strict, loose


def _repeated_paragraphs(kept: Sequence[Line], blocks: list[_Block], th: Thresholds) -> set[int]:
    """Positions of paragraphs that already appeared earlier in the page (tooltips, product blurbs)."""
    seen: set[str] = set()
    repeats = set()
    for position, (line, block) in enumerate(zip(kept, blocks)):
        if block.length < th.length_low:
            continue
        text = line.text.strip()
        if text in seen:
            repeats.add(position)
        seen.add(text)
    return repeats


def _values(
    blocks: list[_Block], final: list[str], headings: list[bool], repeats: set[int], th: Thresholds
) -> tuple[list[float], set[int]]:
    """What each block adds to (or costs) the region around it, and the teaser headlines.

    Good blocks add their length; short ones and bad blocks cost; a paragraph printed
    before (*repeats*) counts nothing. Once a comment section has started after some
    article text (before any, "Comments" is a link next to the byline), good text
    counts for little; once a "Related stories" heading has followed article text, so
    do teasers (good text right under a headline, not under other good text, and
    headline-like blocks, which are returned as teaser headlines), while body text
    that goes on after a related box inside the article keeps its weight, until more
    than TAIL_BLOCKS blocks without body text have gone by: the page's tail.
    """
    values: list[float] = []
    teasers: set[int] = set()  # headline-like blocks under the heading: other articles' headlines
    in_comments = False
    in_teasers = False
    good_seen = 0  # length of the good text met so far
    after_text = False  # whether the block before was body text rather than a headline
    after_list = False
    # Blocks since the heading, or since body text that went on after it, that were not body text:
    # past TAIL_BLOCKS of them the page's tail has begun (more teasers, menus, the footer).
    since_text = 0
    for position, (block, klass, heading) in enumerate(zip(blocks, final, headings)):
        if heading and good_seen >= 2 * MIN_ARTICLE_SCORE:
            in_teasers = True
            since_text = 0
        if klass == GOOD and (block.klass == SHORT or position in repeats):
            # A short line revised into the body, or a paragraph the page printed before: it
            # neither extends nor breaks the region around it.
            value = 0.0
        elif klass == GOOD:
            if in_comments:
                value = block.length * COMMENTS_DISCOUNT
            elif in_teasers and block.title_like and not block.sentence:
                value = block.length * TEASER_DISCOUNT
                teasers.add(position)
            elif in_teasers and (not (after_text or after_list) or since_text > TAIL_BLOCKS):
                value = block.length * TEASER_DISCOUNT
            else:
                value = float(block.length)
                since_text = 0
            good_seen += block.length
        elif block.reason == "comments" and good_seen >= MIN_ARTICLE_SCORE:
            value = -COMMENTS_COST
            in_comments = True
        elif block.klass == SHORT:
            # Subheadings, captions and ad markers interrupt a body without ending it.
            value = -th.short_cost
        else:
            value = -(th.bad_cost + th.bad_weight * block.length)
        # A sentence or prose good on its own, not a headline revised into the body.
        after_text = klass == GOOD and (block.klass == GOOD or block.sentence)
        # A teaser's summary stands under its headline (perhaps under a bulleted section label), not under
        # a bulleted list of links.
        after_list = block.reason == "list-item" and position > 0 and blocks[position - 1].reason == "list-item"
        if in_teasers and not after_text:
            since_text += 1
        values.append(value)
    return values, teasers


def _best_run(values: list[float], gaps: list[float], lo: int, hi: int) -> tuple[int, int, float]:
    """The run of blocks within ``[lo, hi)`` with the highest total value (Kadane), and that total.

    Removed lines cost only between two blocks of the run, not before its first. They cost
    little whatever their kind: a body paragraph after a share row or a footer must never be
    lost, however short it is.
    """
    best, best_first, best_last = 0.0, lo, lo - 1
    score, first = 0.0, lo
    for i in range(lo, hi):
        if score - gaps[i] <= 0:
            score, first = values[i], i
        else:
            score += values[i] - gaps[i]
        if score > best:
            best, best_first, best_last = score, first, i
    return best_first, best_last, best


def _regions(values: list[float], gaps: list[float]) -> list[tuple[int, int, float]]:
    """The best run, then, while they score at least a share of it, the best runs left and right of
    those found (each search is one linear pass; at most MAX_REGIONS of them).

    A run that ends at most INTRO_MAX_GAP blocks before a region is its introduction, cut off by a
    table of contents, a gallery or an image credit: any article score keeps it.
    """
    first, last, best = _best_run(values, gaps, 0, len(values))
    regions = [(first, last, best)]
    floor = max(MIN_ARTICLE_SCORE, SECOND_REGION_SHARE * best)
    pending = [(0, first), (last + 1, len(values))]
    while pending and len(regions) < MAX_REGIONS:
        lo, hi = pending.pop()
        if hi <= lo:
            continue
        a, b, score = _best_run(values, gaps, lo, hi)
        is_intro = hi < len(values) and hi - 1 - b <= INTRO_MAX_GAP
        if score >= floor or (is_intro and score >= MIN_ARTICLE_SCORE):
            regions.append((a, b, score))
            pending += [(lo, a), (b + 1, hi)]
    return sorted(regions)


def _headline(blocks: list[_Block], final: list[str], first: int) -> int:
    """Position of the headline just before the region, or -1.

    Bylines and dates may sit between headline and body, and look title-like too;
    the longest title-like block within reach is taken as the headline.
    """
    best, best_length = -1, 0
    for position in range(first - 1, max(first - 1 - HEADLINE_MAX_GAP, -1), -1):
        block = blocks[position]
        if block.title_like and final[position] != GOOD and block.length > best_length:
            best, best_length = position, block.length
    return best
