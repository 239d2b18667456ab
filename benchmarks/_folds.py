"""Sites, folds and the untouched part: how the benchmarks split the dev pages for honest validation.

Pages of one site share a template, so validation splits by site: a page's site is its URL's
registrable domain (archived pages count as the archived site's; traf-dev's ``hard::`` ids name the
site before the first ``-``). A site's hash puts it in one of five parts for good: the first part is
*untouched* (never fitted on, tuned on or looked at page by page; reported apart), the rest is split
into K cross-validation folds by the same hash.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

UNTOUCHED_PARTS = 5  # one site in this many is untouched
_ARCHIVED = re.compile(r"/web/\d+[a-z_]*/(?:https?://)?([^/]+)")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


def site_of(url: str) -> str:
    """The site a page belongs to: its registrable domain (approximately: two labels, three under co.uk)."""
    if "::" in url and "://" not in url:
        host = re.sub(r"\.html?$", "", url.split("::", 1)[1].split("-")[0])
    else:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host == "web.archive.org":
            archived = _ARCHIVED.search(parts.path)
            host = archived.group(1) if archived else host
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _hash(site: str, salt: str = "") -> int:
    return int(hashlib.sha256((salt + site).encode("utf-8")).hexdigest(), 16)


def untouched(site: str) -> bool:
    """Whether the site belongs to the untouched part of the dev data."""
    return _hash(site) % UNTOUCHED_PARTS == 0


def fold(site: str, folds: int) -> int:
    """The site's cross-validation fold (among the touched sites)."""
    return (_hash(site) // UNTOUCHED_PARTS) % folds


def inner_fold(site: str, folds: int) -> int:
    """The site's fold for cross-fitting inside a training set (independent of :func:`fold`)."""
    return _hash(site, "inner:") % folds
