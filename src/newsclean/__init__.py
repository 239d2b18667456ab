"""newsclean: strip boilerplate from scraped news articles given as plain text, keep the article.

>>> import newsclean
>>> page = "Markets rallied on Tuesday as investors cheered the rate cut.Advertisement\\nShare this article\\n"
>>> newsclean.clean(page)
'Markets rallied on Tuesday as investors cheered the rate cut.\\n'
"""

from __future__ import annotations

from typing import Any

from newsclean._assemble import Removal
from newsclean._config import PRESETS, Config, make_config
from newsclean._configfile import ConfigError, load_config, loads_config
from newsclean._html import HtmlExplained, clean_html, clean_html_and_explain
from newsclean._pipeline import Explained, run
from newsclean._rulebook import KINDS, RULES
from newsclean._rules import Rule
from newsclean._sites import SiteModel, site_view
from newsclean._version import __version__

__all__ = [
    "KINDS",
    "PRESETS",
    "RULES",
    "Config",
    "ConfigError",
    "Explained",
    "HtmlExplained",
    "Removal",
    "Rule",
    "SiteModel",
    "__version__",
    "clean",
    "clean_and_explain",
    "clean_html",
    "clean_html_and_explain",
    "load_config",
    "loads_config",
]

def clean(
    text: str,
    config: Config | None = None,
    *,
    site: SiteModel | None = None,
    site_key: str | None = None,
    **overrides: Any,
) -> str:
    """Return *text* without its boilerplate.

    *config* is a :class:`Config`; keyword arguments override its fields, e.g.
    ``clean(text, disabled_kinds={"byline"}, preset="recall")``. Kept lines are
    slices of the input (never rewritten); paragraph breaks are kept.

    With a :class:`SiteModel` as *site* and the page's site (its name, or its
    URL) as *site_key*, lines that stand on many pages of that site are removed
    too (rule ``site-template``, kind ``template``); a site the model learned
    fewer than three pages of, or no *site_key*, cleans the page alone.
    """
    return run(text, make_config(config, overrides), explain=False, site=site_view(site, site_key)).text


def clean_and_explain(
    text: str,
    config: Config | None = None,
    *,
    site: SiteModel | None = None,
    site_key: str | None = None,
    **overrides: Any,
) -> Explained:
    """Like :func:`clean`, and also say what was removed: an :class:`Explained`
    with the cleaned ``text``, every :class:`Removal` (input span, rule, kind,
    removed text, reason) and any ``warnings`` (a user pattern that timed out).
    """
    return run(text, make_config(config, overrides), site=site_view(site, site_key))
