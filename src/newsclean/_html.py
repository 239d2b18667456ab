"""HTML in, article out: trafilatura extracts the article, newsclean cleans what it leaves.

trafilatura sees the DOM and drops menus, sidebars and footers, but its text
still carries ad markers, share-button text, photo credits, copyright lines and
related-link lists. This module runs trafilatura as :data:`EXTRACTION` says and
then newsclean's one pipeline (:func:`newsclean._pipeline.run`) over the
extracted text.

:data:`EXTRACTION` was chosen by ``benchmarks/html_quality.py`` on both dev
corpora (aeb-dev, English news, and traf-dev, 611 multilingual pages) by
site-disjoint 5-fold cross-validation, among trafilatura's default,
``favor_precision`` and ``favor_recall``, a fallback from one to another at
shares from 0.1 to 0.9, and the rules or none after extraction; the pages of a
fifth of the sites, never used for choosing, are scored apart ("untouched").
F1 (CV / untouched), against trafilatura's default extraction alone:

- aeb-dev: 0.974 / 0.981 against 0.961 / 0.973;
- traf-dev: 0.929 / 0.930 against 0.925 / 0.922.

What was chosen, and why:

- ``favor_precision=True`` first: it keeps less boilerplate than the default.
  But now and then it drops much of the article and keeps a notice beside it;
  so when its extraction holds under 35% of the page's own text,
  ``favor_recall=True`` extracts too, and its text is taken when the precise
  one holds under 70% of it. The second extraction is made only then (on a
  third of the dev pages; taken on one in thirty): clean_html takes about 1.4
  times as long as trafilatura's default extraction alone, 1.1 without it.
- Then the named rules, all of them but ``repeated-line``: trafilatura's text
  still holds ad markers, share rows and credits. ``repeated-line`` is off as a
  rule of the trade, not a measured choice: a line that repeats inside an
  extraction is body text (recipe steps, table rows), not a widget's residue.
- The whole-page text heuristics are off (``heuristics=False``): the extraction
  is already article-only, and they cut body paragraphs from it (F1 on the
  touched pages 0.950 and 0.901 with them, 0.974 and 0.930 without).

When trafilatura finds nothing (an empty extraction) the page's own text,
one line per block, is cleaned instead, with the heuristics on: that is the
whole-page input newsclean was built for. So is a page that nests elements as
deep as the HTML parser's limit (libxml2 silently drops what lies deeper): its
text is then read by Python's own, streaming parser, and a warning says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from newsclean._assemble import Removal
from newsclean._config import Config, make_config
from newsclean._pipeline import Explained, run
from newsclean._rulebook import RULES

# trafilatura's settings by name: its default, favor_precision=True, favor_recall=True.
TRAFILATURA_SETTINGS = ("default", "precision", "recall")


class Extraction(NamedTuple):
    """How :func:`clean_html` extracts and what it runs after: chosen by CV (``benchmarks/html_quality.py``).

    trafilatura runs with the settings *first*. When that extraction holds fewer than *page_ratio*
    times the non-space characters of the page's own text, trafilatura runs again with the settings
    *fallback*, and that extraction is taken instead if the first holds fewer than *ratio* times its
    characters. newsclean's named rules then run on the extraction, except *disabled_rules* and
    *disabled_kinds* (and the user's own); *rules* ``False`` runs none of them.
    """

    first: str
    fallback: str | None
    page_ratio: float
    ratio: float
    rules: bool
    disabled_rules: frozenset[str]
    disabled_kinds: frozenset[str]


EXTRACTION = Extraction(
    first="precision",
    fallback="recall",
    page_ratio=0.35,
    ratio=0.7,
    rules=True,
    disabled_rules=frozenset({"repeated-line"}),
    disabled_kinds=frozenset(),
)
# An extraction with fewer non-space characters than this counts as "found nothing":
# the page's own text is then cleaned as a whole page instead.
MIN_EXTRACTED_CHARS = 1
# Elements whose text is never page text.
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
# Elements that start a new line in the page text.
_BLOCKS = frozenset(
    "address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul".split()
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_NO_TEXT = "no article text found in the HTML"
# libxml2 keeps elements down to this depth (counting <html>) and silently drops what lies deeper.
PARSER_MAX_DEPTH = 256
_TOO_DEEP = (
    f"the page nests elements {PARSER_MAX_DEPTH} or more levels deep, deeper than the HTML parser reads; "
    "its whole text was cleaned instead"
)


class HtmlExplained(NamedTuple):
    """What :func:`newsclean.clean_html_and_explain` did, in two stages.

    text
        The cleaned article (the same as :func:`newsclean.clean_html`).
    extracted
        The text newsclean cleaned: trafilatura's extraction (or, when that was
        empty, the page's own text, one line per block; a warning says so).
        ``removals`` are offsets into this string.
    removals
        What newsclean removed from ``extracted``: :class:`newsclean.Removal`
        records (span, text, rule, kind, reason), in order.
    dropped_by_extractor
        The page's text blocks (one string per block, whitespace collapsed, in
        page order, each once) that are not in ``extracted``: what trafilatura
        left out (menus, teasers, footers...).
    warnings
        Anything worth knowing: an empty page, an empty extraction, newsclean's
        own warnings.
    """

    text: str
    extracted: str
    removals: tuple[Removal, ...]
    dropped_by_extractor: tuple[str, ...]
    warnings: tuple[str, ...]


def clean_html(html: str | bytes, config: Config | None = None, **overrides: Any) -> str:
    """Extract the article from an HTML page with trafilatura, then clean it.

    *html* is ``str`` or ``bytes``; bytes are decoded by trafilatura (the page's
    declared charset, else detection). *config* and keyword overrides are those
    of :func:`newsclean.clean`; trafilatura's extraction is cleaned with the
    named rules only (``heuristics`` applies when trafilatura finds nothing and
    the page's whole text is cleaned instead). An empty page, or one with no
    text, gives ``""``.
    """
    return _clean(html, make_config(config, overrides), explain=False).text


def clean_html_and_explain(html: str | bytes, config: Config | None = None, **overrides: Any) -> HtmlExplained:
    """Like :func:`clean_html`, and say what each stage dropped: an :class:`HtmlExplained`."""
    return _clean(html, make_config(config, overrides), explain=True)


def _clean(html: str | bytes, config: Config, explain: bool) -> HtmlExplained:
    if not isinstance(html, (str, bytes, bytearray)):
        raise TypeError(f"clean_html takes str or bytes, not {type(html).__name__}")
    if isinstance(html, bytearray):
        html = bytes(html)
    if not html.strip():
        return HtmlExplained("", "", (), (), ("empty input",))

    tree = _parse(html)
    if tree is None:
        return HtmlExplained("", "", (), (), (_NO_TEXT,))
    warnings: list[str] = []
    page_lines: list[str] = []
    if _depth(tree) >= PARSER_MAX_DEPTH:
        # What lies deeper is gone from the tree, and trafilatura would extract the rest (or nothing) silently.
        extracted, page_lines = "", _streamed_text_lines(html)
        warnings.append(_TOO_DEEP)
    else:
        chars = visible_chars(tree)  # before trafilatura prunes the tree
        trees = iter([tree])

        def extract(settings: str) -> str:
            # A second extraction needs the page again: parsing it anew costs less than copying the tree.
            page = next(trees, None)
            if page is None:
                page = _parse(html)
            return extract_with(settings, page)

        extracted = choose_extraction(extract, chars)
        empty = _chars(extracted) < MIN_EXTRACTED_CHARS
        if empty or explain:
            page_lines = page_text_lines(_parse(html))  # trafilatura pruned the first tree
        if empty and page_lines:
            warnings.append("trafilatura extracted no article text; the whole page text was cleaned instead")
    extracted, result = clean_extraction(extracted, page_lines, config)
    if not extracted:
        warnings.append(_NO_TEXT)
    warnings.extend(result.warnings)
    if result.text.strip() == "" and extracted.strip():
        warnings.append("newsclean removed all of the extracted text")
    dropped = tuple(_not_in(page_lines, extracted)) if explain else ()
    return HtmlExplained(result.text, extracted, result.removals, dropped, tuple(warnings))


def choose_extraction(extract: Callable[[str], str], page_chars: int, how: Extraction = EXTRACTION) -> str:
    """The extraction :func:`clean_html` cleans, chosen as *how* says (see :class:`Extraction`).

    *extract* gives trafilatura's text for a settings name (one of :data:`TRAFILATURA_SETTINGS`);
    *page_chars* is the number of non-space characters of the page's own text. The fallback
    extraction is only made when the first one is short beside the page's text.
    """
    text = extract(how.first)
    if how.fallback is not None and _chars(text) < how.page_ratio * page_chars:
        other = extract(how.fallback)
        if _chars(text) < how.ratio * _chars(other):
            return other
    return text


def extract_with(settings: str, page: Any) -> str:
    """trafilatura's text of *page* (HTML, or its tree, which trafilatura prunes) with the named *settings*."""
    import trafilatura  # loaded only for HTML: `import newsclean` stays light

    text = trafilatura.extract(
        page,
        include_comments=False,  # comments are not the article
        favor_precision=settings == "precision",
        favor_recall=settings == "recall",
    )
    return text or ""


def clean_extraction(
    extracted: str, page_lines: list[str], config: Config, how: Extraction = EXTRACTION
) -> tuple[str, Explained]:
    """Clean trafilatura's *extracted* text as *how* says; if it is empty, the page's own text instead.

    On an extraction only newsclean's named rules run (see :class:`Extraction`), with the user's own
    disabled rules and kinds, and their own rules; the page's text (*page_lines*, one line per block)
    is cleaned as a whole page, heuristics included (*how*'s disabled rules stay off). Returns the
    text that was cleaned (ending in a newline, or ``""`` when there is none) and the result.
    """
    if _chars(extracted) < MIN_EXTRACTED_CHARS:
        extracted = "\n".join(page_lines)
        inner = config._replace(disabled_rules=config.disabled_rules | how.disabled_rules)
    else:
        disabled_rules = how.disabled_rules if how.rules else frozenset(rule.name for rule in RULES)
        inner = config._replace(
            heuristics=False,
            disabled_rules=config.disabled_rules | disabled_rules,
            disabled_kinds=config.disabled_kinds | how.disabled_kinds,
        )
    if extracted and not extracted.endswith("\n"):
        extracted += "\n"  # a text file's last line ends with a newline; the cleaned text keeps it
    return extracted, run(extracted, inner)


def visible_chars(tree: Any) -> int:
    """The number of non-space characters of the page *tree*'s own text (what :func:`page_text_lines` gives).

    Counted by lxml, in C, from the whole text less that of the invisible elements: twice as fast
    as walking the tree.
    """
    from lxml import etree  # type: ignore[import-untyped]

    body = tree.find(".//body")
    root = body if body is not None else tree
    hidden = sum(
        _chars(etree.tostring(element, method="text", encoding=str, with_tail=False))
        for element in root.iter(*_INVISIBLE)
        if not any(_tag(outer) in _INVISIBLE for outer in element.iterancestors())
    )
    return _chars(etree.tostring(root, method="text", encoding=str)) - hidden


def _chars(text: str) -> int:
    """The number of characters of *text* that are not white space."""
    return len(_SPACE.sub("", text))


def _parse(html: str | bytes) -> Any:
    """The page's lxml tree (bytes decoded as trafilatura does), or ``None``.

    trafilatura refuses a bare fragment (``<p>...</p>`` alone) as not a page; such
    input is parsed again inside ``<html><body>``, as trafilatura's docs advise.
    """
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        if isinstance(html, bytes):
            tree = load_html(b"<html><body>" + html + b"</body></html>")
        else:
            tree = load_html("<html><body>" + html + "</body></html>")
    return tree


def page_text_lines(tree: Any) -> list[str]:
    """The visible text of the page *tree*, one whitespace-collapsed string per block, in page order."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    for piece in _walk(root):
        if piece is None:
            flush()
        else:
            current.append(piece)
    flush()
    return lines


def _walk(root: Any) -> Iterator[str | None]:
    """Text pieces of *root* in document order; ``None`` marks a block boundary.

    An explicit stack, not recursion: a hostile page may nest deeper than
    Python's recursion limit.
    """
    # Stack items: an element to open, or ("close", element) to emit its end and tail.
    stack: list[Any] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            element = item[1]
            if _tag(element) in _BLOCKS:
                yield None
            if element.tail:
                yield element.tail
            continue
        tag = _tag(item)
        if tag in _INVISIBLE or not isinstance(item.tag, str):  # comments, processing instructions
            if item.tail:
                yield item.tail
            continue
        if tag in _BLOCKS:
            yield None
        if item.text:
            yield item.text
        stack.append(("close", item))
        stack.extend(reversed(list(item)))


def _depth(tree: Any) -> int:
    """How deep *tree*'s elements nest (the root is 1)."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _streamed_text_lines(html: str | bytes) -> list[str]:
    """:func:`page_text_lines` read with Python's own HTML parser, which has no depth limit."""
    from html.parser import HTMLParser

    if isinstance(html, bytes):
        from trafilatura.utils import decode_file

        html = decode_file(html)
    lines: list[str] = []
    current: list[str] = []
    hidden: list[str] = []  # open invisible elements (their text is not page text)

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    class _Text(HTMLParser):
        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in _INVISIBLE:
                hidden.append(tag)
            elif tag in _BLOCKS:
                flush()

        def handle_endtag(self, tag: str) -> None:
            if hidden and tag == hidden[-1]:
                hidden.pop()
            elif tag in _BLOCKS:
                flush()

        def handle_data(self, data: str) -> None:
            if not hidden:
                current.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    flush()
    return lines


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _not_in(lines: list[str], extracted: str) -> Iterator[str]:
    """The *lines* not found (whitespace-collapsed) in *extracted*, each once.

    Searching all of *extracted* for every line is quadratic on a big page, so
    most lines are found otherwise: a whole line of *extracted* by a set, a line
    of three words or more where one of its inner words stands as a whole word of
    *extracted* (an index of those) and the text around it matches. A line of one
    or two words may be glued to its neighbours in *extracted* ('2Add water'):
    if its words are not found whole, it is searched for, up to
    :data:`_SHORT_LINE_SEARCHES` such lines per page.
    """
    whole = {" ".join(part.split()) for part in extracted.splitlines()}
    seen: set[str] = set()
    rest: list[str] = []
    for line in lines:
        if line not in seen:
            seen.add(line)
            if line not in whole:
                rest.append(line)
    if not rest:
        return
    haystack = _SPACE.sub(" ", extracted)
    needed = {word for line in rest for word in _WORD.findall(line)}
    where: dict[str, list[int]] = {}
    for match in _WORD.finditer(haystack):
        if match.group() in needed:
            where.setdefault(match.group(), []).append(match.start())
    searches = _SHORT_LINE_SEARCHES
    for line in rest:
        words = list(_WORD.finditer(line))
        if len(words) >= 3:
            found = _found_at_anchor(line, words[1:-1], haystack, where)
        elif words and _found_at_anchor(line, words, haystack, where):
            found = True
        elif searches:
            searches -= 1
            found = line in haystack
        else:
            found = False
        if not found:
            yield line


# Lines of one or two words (or none) searched for in the whole extraction, at most, per page: a menu of
# thousands of entries costs no more than this many searches.
_SHORT_LINE_SEARCHES = 256


def _found_at_anchor(line: str, anchors: list[re.Match[str]], haystack: str, where: dict[str, list[int]]) -> bool:
    """Whether *line* stands in *haystack* where its rarest word among *anchors* stands as a whole word."""
    anchor = min(anchors, key=lambda word: len(where.get(word.group(), ())))
    starts = where.get(anchor.group(), [])
    if len(starts) * len(line) > len(haystack):
        return line in haystack  # common words only: one scan is cheaper
    offset = anchor.start()
    return any(start >= offset and haystack.startswith(line, start - offset) for start in starts)
