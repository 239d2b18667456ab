"""HTML in, article out: trafilatura extracts the article, newsclean cleans what it leaves.

trafilatura sees the DOM and drops menus, sidebars and footers, but its text
still carries ad markers, share-button text, photo credits, copyright lines and
related-link lists. This module runs trafilatura with the settings measured best
on aeb-dev (see ``benchmarks/html_quality.py``) and then newsclean's one pipeline
(:func:`newsclean._pipeline.run`) over the extracted text.

Settings, measured on aeb-dev (F1 / P / R of the final text):

- ``favor_precision=True`` beat the default and ``favor_recall=True`` both alone
  (0.977 vs 0.964 / 0.967) and after cleaning; ``include_tables=False`` lost recall.
- The whole-page text heuristics are off (``heuristics=False``): the extraction is
  already article-only, and the region heuristics cut body paragraphs from it
  (0.925 with them, 0.978 without).
- The rule ``repeated-line`` is off: trafilatura already drops duplicate
  blocks, so a line that repeats inside its extraction is body text (recipe steps,
  table rows), and the rule removed only such lines there.

When trafilatura finds nothing (an empty or tiny extraction) the page's own text,
one line per block, is cleaned instead, with the heuristics on: that is the
whole-page input newsclean was built for. So is a page that nests elements as
deep as the HTML parser's limit (libxml2 silently drops what lies deeper): its
text is then read by Python's own, streaming parser, and a warning says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from typing import Any, NamedTuple

from newsclean._assemble import Removal
from newsclean._config import Config, make_config
from newsclean._pipeline import run

# Rules switched off on extracted text (see the module docstring for why).
EXTRACTED_DISABLED_RULES = frozenset({"repeated-line"})
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

    import trafilatura  # loaded only for HTML: `import newsclean` stays light

    tree = _parse(html)
    if tree is None:
        return HtmlExplained("", "", (), (), (_NO_TEXT,))
    warnings: list[str] = []
    page_lines: list[str] | None = None
    heuristics = False
    if _depth(tree) >= PARSER_MAX_DEPTH:
        # What lies deeper is gone from the tree, and trafilatura would extract the rest (or nothing) silently.
        extracted, page_lines = "", _streamed_text_lines(html)
        warnings.append(_TOO_DEEP)
    else:
        # trafilatura prunes the tree it is given; the page's own text is read from a copy.
        page = deepcopy(tree)
        extracted = trafilatura.extract(tree, favor_precision=True, include_comments=False) or ""
        if len(extracted.strip()) < MIN_EXTRACTED_CHARS:
            page_lines = page_text_lines(page)
            if page_lines:
                warnings.append("trafilatura extracted no article text; the whole page text was cleaned instead")
    if page_lines is not None:
        if page_lines:
            extracted, heuristics = "\n".join(page_lines), config.heuristics
        else:
            warnings.append(_NO_TEXT)
    if extracted and not extracted.endswith("\n"):
        extracted += "\n"  # a text file's last line ends with a newline; the cleaned text keeps it
    # On trafilatura's extraction only the rules run (see the module docstring);
    # the user's own disabled rules and kinds still apply.
    inner = config._replace(heuristics=heuristics, disabled_rules=config.disabled_rules | EXTRACTED_DISABLED_RULES)
    result = run(extracted, inner)
    warnings.extend(result.warnings)
    if result.text.strip() == "" and extracted.strip():
        warnings.append("newsclean removed all of the extracted text")
    dropped: tuple[str, ...] = ()
    if explain:
        if page_lines is None:
            page_lines = page_text_lines(page)
        dropped = tuple(_not_in(page_lines, extracted))
    return HtmlExplained(result.text, extracted, result.removals, dropped, tuple(warnings))


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
    from lxml import etree  # type: ignore[import-untyped]

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
