"""The built-in rules: data, one entry per rule, grouped by kind.

Line patterns match a whole line (see ``newsclean._rules``); write them so
that prose merely *mentioning* the same words cannot match: anchor on the
whole line, keep them short, and add a negative test case for every rule.
Patterns must not match a newline: use ``[^\\S\\n]`` rather than ``\\s``.
"""

from __future__ import annotations

import re

from newsclean import _detectors
from newsclean._rules import Rule

KINDS: dict[str, str] = {
    "ticker": "stock, index, currency and crypto quote widgets and market status lines",
    "ad": "advertisement markers, standalone or glued to a paragraph",
    "share": "share-button text and rows of social network names",
    "copyright": "copyright footers, redistribution and syndication notices, legal link rows",
    "related": '"Keep reading" / "Related" headings and their lists of headlines',
    "media": "video-player residue, photo credits and captions with a credit",
    "byline": "bylines, author avatars and date lines",
    "promo": "newsletter, app and subscription blurbs",
    "navigation": "menus, breadcrumbs and section lists",
    "duplicate": "lines repeated from earlier in the page, such as a headline printed twice",
    "slug": "URL slugs glued to a headline",
}

def _slug_matches_following_text(match: re.Match[str]) -> bool:
    """Accept a glued slug only if the text right after it spells the same words."""
    slug = match.group().strip()
    following = match.string[match.end() : match.end() + len(slug) + 40]
    words = re.findall(r"\w+", following.lower())
    return "-".join(words).startswith(slug) or slug.startswith("-".join(words[:3]))


RULES: tuple[Rule, ...] = (
    # --- ticker -----------------------------------------------------------
    Rule(
        "ticker-widget",
        "ticker",
        "a run of quote lines: index or symbol name, price, change",
        scope="run",
        detect=_detectors.detect_ticker_widget,
    ),
    Rule(
        "market-status",
        "ticker",
        "a market status line such as 'Canada markets closed'",
        pattern=r"(?:[A-Z][\w.]*[^\S\n]){0,3}markets?[^\S\n]+(?:are[^\S\n]+)?(?:open|closed|opens?[^\S\n]+in[^\S\n]+[\w ]{1,20})",
    ),
    # --- ad ---------------------------------------------------------------
    Rule(
        "ad-marker",
        "ad",
        "an advertisement marker on a line of its own",
        pattern=r"(?:advertisement|advertisment|advert|ad|ads|sponsored(?:[^\S\n]+content)?|ad[^\S\n]+feedback|"
        r"skip[^\S\n]+advertisement|advertisement[^\S\n]*[-–—][^\S\n]*scroll[^\S\n]+to[^\S\n]+continue|"
        r"story[^\S\n]+continues[^\S\n]+below[^\S\n]+(?:this[^\S\n]+)?advertisement|"
        r"anzeige|werbung|publicité|publicite|publicidad|pubblicità|publicidade|advertentie|reclame|"
        r"реклама|广告|廣告)",
    ),
    Rule(
        "ad-marker-glued",
        "ad",
        "an advertisement marker glued to the end of a sentence",
        scope="fragment",
        pattern=r"(?<=[.!?\"”’)\]])(?:Advertisement|ADVERTISEMENT|Anzeige|ANZEIGE|Publicité|PUBLICITÉ|Publicidad|PUBLICIDAD)(?=[^\S\n]*$)",
        ignore_case=False,
    ),
    # --- share ------------------------------------------------------------
    Rule(
        "share-icons",
        "share",
        "icon-font class names of share buttons",
        pattern=r"(?:icon-[\w-]+[^\S\n]*){1,12}",
    ),
    Rule(
        "share-prompt",
        "share",
        "'Share this article', 'Share on Facebook', 'Copy link' and the like",
        pattern=r"(?:share(?:[^\S\n]+(?:this|the))?(?:[^\S\n]+(?:article|story|page|post|link))?"
        r"(?:[^\S\n]+(?:on|via)[^\S\n]+\w+)?|copy[^\S\n]+link|link[^\S\n]+copied!?|share[^\S\n]+via[^\S\n]+email)"
        r"[^\S\n]*:?",
    ),
    Rule(
        "share-network-row",
        "share",
        "a row of social network names",
        pattern=r"(?:(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|reddit|pinterest|telegram|"
        r"flipboard|messenger|copy[^\S\n]+link|share)[^\S\n]*[|·•,/]?[^\S\n]*){2,10}",
    ),
    # --- copyright --------------------------------------------------------
    Rule(
        "copyright-line",
        "copyright",
        "a copyright notice line",
        pattern=r"(?:copyright|©|\(c\))[^\S\n]*(?:©|\(c\))?[^\S\n]*(?:\d{4}(?:[-–]\d{4})?)?[^\n]{0,200}?"
        r"(?:all[^\S\n]+rights[^\S\n]+reserved\.?)?",
    ),
    Rule(
        "syndication-note",
        "copyright",
        "'This article originally appeared in ...' and similar syndication notes",
        pattern=r"this[^\S\n]+(?:article|story)[^\S\n]+(?:was[^\S\n]+)?(?:originally|first)[^\S\n]+"
        r"(?:appeared|published)[^\S\n]+(?:in|on|by)[^\n]{1,600}",
    ),
    # --- related ----------------------------------------------------------
    Rule(
        "related-list",
        "related",
        "a 'Keep reading' / 'Related' heading and the headlines listed under it",
        scope="run",
        detect=_detectors.detect_link_list,
    ),
    # --- media ------------------------------------------------------------
    Rule(
        "video-residue",
        "media",
        "a video duration such as '03:07' and the video title after it",
        scope="run",
        detect=_detectors.detect_video_residue,
    ),
    Rule(
        "photo-credit-caption",
        "media",
        "a caption ending in a photo credit ('Photo: ... via Reuters', '(Photo by .../Getty Images)')",
        pattern=r"[^\n]{0,400}?(?:\b(?:photo|image|picture|credit)s?(?:graph)?[^\S\n]*:[^\S\n]*[^\n.!?]{2,80}|"
        r"\((?:photo|image|picture)[^\S\n]+by[^\n)]{2,80}\))",
    ),
    # --- byline -----------------------------------------------------------
    Rule(
        "avatar",
        "byline",
        "an author avatar's alt text",
        pattern=r"(?:avatar|photo|picture|image)[^\S\n]+of[^\S\n]+[^\n]{1,60}",
    ),
    Rule(
        "byline",
        "byline",
        "'By Name' on a line of its own",
        pattern=r"by[^\S\n]+[\w.'’-]+(?:[^\S\n]+[\w.'’-]+){0,5}",
    ),
    Rule(
        "date-line",
        "byline",
        "a date or time line",
        pattern=r"(?:(?:published|updated|posted)[^\S\n]*:?[^\S\n]*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?[^\S\n]+)?"
        r"(?:\d{1,2}[^\S\n]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?,?[^\S\n]+\d{4}|"
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?[^\S\n]+\d{1,2}(?:,?[^\S\n]+\d{4})?)"
        r"(?:,?[^\S\n]+(?:at[^\S\n]+)?\d{1,2}[:.]\d{2}(?:[^\S\n]*[ap]\.?m\.?)?(?:[^\S\n]+[A-Z]{2,5})?)?",
    ),
    # --- promo ------------------------------------------------------------
    Rule(
        "promo-question",
        "promo",
        "a promotional blurb that asks the reader a question and points to a product",
        pattern=r"(?:do|did|would|want)[^\S\n]+you[^\n]{0,200}\?[^\S\n]+(?:get|sign|subscribe|download|try|join|explore)[^\n]{0,300}",
    ),
    # --- duplicate / slug -------------------------------------------------
    Rule(
        "repeated-line",
        "duplicate",
        "a line already seen earlier in the page (the first copy stays)",
        scope="run",
        detect=_detectors.detect_repeated_lines,
    ),
    Rule(
        "glued-slug",
        "slug",
        "a URL slug glued to the start of the headline it names",
        scope="fragment",
        pattern=r"^[^\S\n]*[a-z0-9]+(?:-[a-z0-9]+){2,}(?=[A-Z0-9])",
        ignore_case=False,
        accept=_slug_matches_following_text,
    ),
)
