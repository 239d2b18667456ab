"""The site model: what repeats across the pages of each site, learned from a batch.

A news pipeline takes many pages from each site, and every page of a site carries the same menus,
footers, promos and legal lines. The model counts, for each site, on how many of its pages each
line stands. Lines are compared normalised (whitespace collapsed, case folded, every number read as
the same number, separators and all, so that dates, times and counters do not make a line new) and
kept as 64-bit hashes of that form, never as text: a model holds no article text and stays small. A
page without a line of text is no page of its site.

Memory is bounded per site: a site keeps at most ``max_lines`` line counts (twice as many between
prunings); when it holds more, only the most frequent are kept, and of lines as frequent the ones
first seen last. A line is so counted exactly once it stands on two pages that come within
``max_lines`` new lines of each other (a dozen pages of a few hundred lines), and from then on it
is dropped only if ``max_lines`` lines are more frequent: a line on a large share of a site's pages
stays. A rare line dropped and met again starts counting afresh: rare lines' counts are lower bounds.
Merging adds the counts of two models site by site, so a batch can be learned in parts (Dask's
partitions) and the parts merged; without pruning the result equals learning the whole batch at once.

The cleaning uses the counts in the ``site-template`` pass (registered in ``_passes``, found here):
a line that stands on a large share of its site's pages is boilerplate, whatever the scorer thought
of it. Its guard rails:

- a site of fewer than :data:`MIN_PAGES` pages teaches nothing, nor a line on one page only, and the
  share of the site's pages matters, not the count;
- a line outside the region the scorer chose (above or below the article) must stand on at least
  :attr:`Numbers.edge_share` of the site's pages, one inside it on at least
  :attr:`Numbers.inside_share` (a paragraph the site prints under every article may go, a sentence
  its reporters often write may not);
- the region's first block and its first paragraph of prose (the lead, which the site may print in
  its lists of articles on every page) are never removed, nor a paragraph of prose inside the region
  that stands among the article's own lines rather than beside the site's.

The two shares are chosen leave-sites-out on sites-dev by ``benchmarks/sites.py --choose``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from newsclean._features import PROSE_MIN_WORDS
from newsclean._segment import Line

if TYPE_CHECKING:
    from newsclean._features import Page
    from newsclean._passes import Context

FORMAT = 1
FORMAT_KEY = "newsclean_site_model"
MAX_LINES = 4096  # line counts kept per site: more than any site's template has lines
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")  # a number, a date or a time of day: '1,024', '24.07.2012', '12:11'
_HASH_BYTES = 8
_HEX_DIGITS = 2 * _HASH_BYTES
_HEX = re.compile(rf"[0-9a-f]{{{_HEX_DIGITS}}}")


def line_hash(line: str) -> int:
    """The hash of a line's normalised form (0 for a blank line)."""
    key = " ".join(_DIGITS.sub("0", line).lower().split())
    if not key:
        return 0
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=_HASH_BYTES).digest()
    return int.from_bytes(digest, "big") or 1


def page_hashes(text: str) -> set[int]:
    """The hashes of the distinct non-blank lines of *text* (lines end at ``\\n``, ``\\r\\n`` or ``\\r``)."""
    found = set(map(line_hash, text.replace("\r", "\n").split("\n")))
    found.discard(0)
    return found


def site_name(key: str) -> str:
    """The site a key names: a URL's host (lower case, without ``www.``), else the key itself, stripped."""
    key = key.strip()
    if "://" in key:
        try:
            host = urlsplit(key).hostname
        except ValueError:  # a malformed URL ('http://[x') is still a name
            host = None
        if host:
            return host.removeprefix("www.")
    return key


class SiteView(NamedTuple):
    """One site's counts, as the cleaning reads them."""

    name: str
    pages: int
    counts: Mapping[int, int]  # line hash -> number of the site's pages holding the line


class _Site:
    __slots__ = ("counts", "pages")

    def __init__(self, pages: int = 0, counts: dict[int, int] | None = None) -> None:
        self.pages = pages
        self.counts: dict[int, int] = {} if counts is None else counts


class SiteModel:
    """What repeats across each site's pages: for every site, how many of its pages hold each line.

    Learn it from a batch of ``(site, text)`` pairs, where *site* is a site's name or a page's URL
    (its host is the site; ``None`` or ``""`` skips the page)::

        model = newsclean.SiteModel.learn((page["url"], page["text"]) for page in batch)
        cleaned = [newsclean.clean(page["text"], site=model, site_key=page["url"]) for page in batch]

    Only hashes of normalised lines are kept (no text), at most *max_lines* per site (the most
    frequent). :meth:`update` adds pages, :meth:`merge` adds two models up (learn in parts, merge),
    :meth:`save` and :meth:`load` keep a model in a JSON file to reuse it in later runs.
    """

    __slots__ = ("_max_lines", "_sites")

    def __init__(self, max_lines: int = MAX_LINES) -> None:
        if isinstance(max_lines, bool) or not isinstance(max_lines, int) or max_lines < 1:
            raise ValueError(f"max_lines must be a positive whole number, not {max_lines!r}")
        self._max_lines = max_lines
        self._sites: dict[str, _Site] = {}

    @classmethod
    def learn(cls, pages: Iterable[tuple[str | None, str]], max_lines: int = MAX_LINES) -> SiteModel:
        """A model of the ``(site, text)`` pairs in *pages* (read once, one page at a time)."""
        model = cls(max_lines)
        model.update(pages)
        return model

    def update(self, pages: Iterable[tuple[str | None, str]]) -> None:
        """Add the ``(site, text)`` pairs in *pages* to this model."""
        for site, text in pages:
            if site is None:
                continue
            if not isinstance(site, str) or not isinstance(text, str):
                raise TypeError(
                    f"a page is a (site, text) pair of str, not ({type(site).__name__}, {type(text).__name__})"
                )
            name = site_name(site)
            hashes = page_hashes(text)
            if name and hashes:
                self._add(name, hashes)

    def _add(self, name: str, hashes: Iterable[int]) -> None:
        site = self._sites.get(name)
        if site is None:
            site = self._sites[name] = _Site()
        site.pages += 1
        counts = site.counts
        for h in hashes:
            counts[h] = counts.get(h, 0) + 1
        if len(counts) > 2 * self._max_lines:
            self._prune(site)

    def _prune(self, site: _Site) -> None:
        """Keep the site's *max_lines* most frequent lines; of lines as frequent, the ones first seen last, which
        have had the least time to be seen again."""
        items = list(site.counts.items())  # in the order they were first seen
        ranked = sorted(range(len(items)), key=lambda i: (-items[i][1], -i))
        kept = {items[i][0] for i in ranked[: self._max_lines]}
        site.counts = {h: count for h, count in items if h in kept}

    def merge(self, other: SiteModel) -> SiteModel:
        """A new model holding the pages of both: counts of the same site add up."""
        if not isinstance(other, SiteModel):
            raise TypeError(f"can merge a SiteModel, not {type(other).__name__}")
        merged = SiteModel(max(self._max_lines, other._max_lines))
        for model in (self, other):
            for name, site in model._sites.items():
                into = merged._sites.get(name)
                if into is None:
                    merged._sites[name] = _Site(site.pages, dict(site.counts))
                    continue
                into.pages += site.pages
                for h, count in site.counts.items():
                    into.counts[h] = into.counts.get(h, 0) + count
        for site in merged._sites.values():
            if len(site.counts) > 2 * merged._max_lines:
                merged._prune(site)
        return merged

    @property
    def sites(self) -> tuple[str, ...]:
        """The names of the sites learned, sorted."""
        return tuple(sorted(self._sites))

    def pages(self, site: str) -> int:
        """How many pages of *site* (a name or a URL) were learned."""
        found = self._sites.get(site_name(site))
        return 0 if found is None else found.pages

    def view(self, site: str) -> SiteView | None:
        """The counts of *site* (a name or a URL), or ``None`` if no page of it was learned."""
        name = site_name(site)
        found = self._sites.get(name)
        return None if found is None else SiteView(name, found.pages, found.counts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SiteModel):
            return NotImplemented
        return self._max_lines == other._max_lines and self._state() == other._state()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def _state(self) -> dict[str, tuple[int, dict[int, int]]]:
        return {name: (site.pages, site.counts) for name, site in self._sites.items()}

    def __repr__(self) -> str:
        pages = sum(site.pages for site in self._sites.values())
        return f"<SiteModel: {len(self._sites)} sites, {pages} pages>"

    # --- JSON ------------------------------------------------------------------------------------

    def to_json(self) -> str:
        """The model as JSON text (what :meth:`save` writes): hashes in hex, the most frequent first."""
        sites = {}
        for name in sorted(self._sites):
            site = self._sites[name]
            ordered = sorted(site.counts.items(), key=lambda item: (-item[1], item[0]))
            sites[name] = {"pages": site.pages, "lines": {f"{h:0{_HEX_DIGITS}x}": count for h, count in ordered}}
        data = {FORMAT_KEY: FORMAT, "max_lines": self._max_lines, "sites": sites}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> SiteModel:
        """A model from the JSON text :meth:`to_json` wrote; ``ValueError`` saying what is wrong otherwise."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise ValueError(f"not a site model: not JSON ({error})") from None
        if not isinstance(data, dict) or FORMAT_KEY not in data:
            raise ValueError(f"not a site model: no {FORMAT_KEY!r} key")
        if data[FORMAT_KEY] != FORMAT:
            raise ValueError(f"site model format {data[FORMAT_KEY]!r}; this newsclean reads format {FORMAT}")
        model = cls(_whole(data.get("max_lines"), "max_lines", 1))
        sites = data.get("sites")
        if not isinstance(sites, dict):
            raise ValueError("site model: 'sites' must be an object")
        for name, entry in sites.items():
            model._sites[name] = _site_from_json(name, entry)
        return model

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model to *path* as JSON; the file is replaced only once the new one is complete."""
        from newsclean import _io

        with _io.atomic_writer(os.fspath(path)) as handle:
            handle.write(self.to_json().encode("utf-8"))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SiteModel:
        """Read a model :meth:`save` wrote (``OSError`` if it cannot be read, ``ValueError`` if it is no model)."""
        with open(path, "rb") as handle:
            return cls.from_json(handle.read())


def site_view(site: SiteModel | None, site_key: str | None) -> SiteView | None:
    """What *site* learned of the site *site_key* names (checked: ``TypeError`` for anything else)."""
    if site is not None and not isinstance(site, SiteModel):
        raise TypeError(f"site must be a newsclean.SiteModel or None, not {type(site).__name__}")
    if site_key is not None and not isinstance(site_key, str):
        raise TypeError(f"site_key must be a site's name or a URL (str) or None, not {type(site_key).__name__}")
    if site is None or site_key is None:
        return None
    return site.view(site_key)


# --- cleaning with it: the site-template pass ----------------------------------------------------

MIN_PAGES = 3  # a site with fewer pages learned teaches nothing
MIN_COUNT = 2  # a line on one page only (the page itself) is not repeated


class Numbers(NamedTuple):
    """The site-template pass's numbers (chosen by ``benchmarks/sites.py --choose``)."""

    edge_share: float  # share of the site's pages a line outside the scorer's region must stand on
    inside_share: float  # share of the site's pages a line inside the scorer's region must stand on


NUMBERS = Numbers(edge_share=0.4, inside_share=0.5)
_override: list[Numbers] = []


@contextmanager
def use_numbers(numbers: Numbers) -> Iterator[Numbers]:
    """Clean with *numbers* instead of :data:`NUMBERS` inside the ``with`` block (benchmarks, tests)."""
    _override.append(numbers)
    try:
        yield numbers
    finally:
        _override.pop()


class Evidence(NamedTuple):
    """What a site model says of one page: on how many of its site's pages each of the page's lines stands."""

    name: str  # the site's
    pages: int  # the site's pages the model learned
    lines: Mapping[int, int]  # line index -> pages holding the line; lines on fewer than MIN_COUNT left out


def evidence(view: SiteView | None, lines: Sequence[Line]) -> Evidence | None:
    """The evidence of *view* on *lines* (as the rules left them), or ``None`` if it has none to give."""
    if view is None or view.pages < MIN_PAGES:
        return None
    get = view.counts.get
    found = {}
    for line in lines:
        count = get(line_hash(line.text), 0) if line.text else 0
        if count >= MIN_COUNT:
            found[line.index] = count
    return Evidence(view.name, view.pages, found) if found else None


def template_lines(page: Page, probabilities: Sequence[float], keep: Sequence[bool], context: Context) -> list[int]:
    """The blocks that stand on a large share of the site's pages, within the guard rails (see the
    module's docstring): the site-template pass's finder, given the region choice *keep*."""
    site = context.site
    if site is None:
        return []
    numbers = _override[-1] if _override else NUMBERS
    kept = [j for j, k in enumerate(keep) if k]
    first, last = (kept[0], kept[-1]) if kept else (-1, -1)
    counts = [site.lines.get(block.index, 0) for block in page.blocks]
    edge = max(MIN_COUNT, numbers.edge_share * site.pages)
    inside = max(MIN_COUNT, numbers.inside_share * site.pages)
    template = [count >= edge for count in counts]
    terminal, words = page.columns["terminal"], page.columns["words"]
    # The region's first block, and its first paragraph of prose (its lead, which the site may print
    # in its lists of articles), are never removed.
    lead = next((j for j in kept if terminal[j] and words[j] >= PROSE_MIN_WORDS), first)
    found = []
    for j, count in enumerate(counts):
        if not template[j] or j in (first, lead):
            continue
        if first < j <= last:
            # A site prints other articles' leads in its lists, and a page's own lead may be one of them:
            # inside the article, a paragraph of prose among lines that are not the site's is kept.
            among_template = (j > 0 and template[j - 1]) or (j + 1 < len(counts) and template[j + 1])
            if count < inside or (terminal[j] and words[j] >= PROSE_MIN_WORDS and not among_template):
                continue
        found.append(j)
    return found


def template_reason(page: Page, j: int, context: Context) -> str:
    """Why the site-template pass removed block *j*: ``on 14 of 20 pages of example.com``."""
    site = context.site
    assert site is not None
    return f"on {site.lines[page.blocks[j].index]} of {site.pages} pages of {site.name}"


def _whole(value: Any, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"site model: {what} must be a whole number of at least {minimum}, not {value!r}")
    return value


def _site_from_json(name: str, entry: Any) -> _Site:
    if not isinstance(entry, dict) or not isinstance(entry.get("lines"), dict):
        raise ValueError(f"site model: site {name!r} must be an object with 'pages' and 'lines'")
    pages = _whole(entry.get("pages"), f"the pages of site {name!r}", 1)
    counts: dict[int, int] = {}
    for key, count in entry["lines"].items():
        if not _HEX.fullmatch(key):
            raise ValueError(f"site model: site {name!r}: {key!r} is not a line hash ({_HEX_DIGITS} hex digits)")
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= pages:
            raise ValueError(f"site model: site {name!r}: line count {count!r} is not between 1 and {pages}")
        counts[int(key, 16)] = count
    return _Site(pages, counts)
