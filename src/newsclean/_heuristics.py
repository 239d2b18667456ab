"""Text heuristics that find the article region in a whole scraped page.

(Stub: classifies nothing yet; see docs/algorithm.md for the plan.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsclean._config import Config
from newsclean._rules import Hit
from newsclean._segment import Line


def classify(text: str, lines: Sequence[Line], removed: Mapping[int, Hit], config: Config) -> dict[int, Hit]:
    """Return the lines (not already in *removed*) that the heuristics judge boilerplate, with reasons."""
    return {}
