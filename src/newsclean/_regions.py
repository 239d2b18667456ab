"""Region choice: which blocks the article is made of, given their revised probabilities.

A page's text is judged like the benchmarks judge an extractor: by its own precision and recall. So
the blocks kept are the ones that maximise the page's expected F-measure: sorted by probability,
the longest prefix whose expected F-beta (probabilities as the chance that a block's words are
article text, weighted by its words) is highest. Its threshold adapts to the page: on a page whose
best blocks are doubtful (a results table, a short notice among menus) the article is still the
best of them, never nothing; on a page of clear prose the doubtful lines go. Beta is the preset's
operating point: above 1 it favours recall, below 1 precision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate
from operator import mul

from newsclean._features import Page
from newsclean._scoring import Additive, OperatingPoint

# The region choice removes blocks under this name; each removal says its score and why.
SCORER_RULE = "heuristic-score"
SCORER_KIND = "boilerplate"
SCORER_DESCRIPTION = (
    "a block the fitted scorer judges no article text: below its page's threshold of revised probability"
)


def choose(page: Page, probabilities: Sequence[float], point: OperatingPoint) -> list[bool]:
    """Which blocks to keep: the expected-F-beta-optimal set, within the point's floor and ceiling."""
    n = len(probabilities)
    if n == 0:
        return []
    weights = [w + 1.0 for w in page.columns["words"]]
    threshold = _f_optimal_threshold(probabilities, weights, point.beta)
    return [p >= point.ceiling or (p >= threshold and p >= point.floor) for p in probabilities]


def _f_optimal_threshold(probabilities: Sequence[float], weights: Sequence[float], beta: float) -> float:
    """The probability threshold of the expected-F-beta-optimal prefix of the blocks sorted by probability."""
    b2 = beta * beta
    expected = sum(map(mul, probabilities, weights))
    # Stable, so equal probabilities keep page order (as sorting by the negated probability does).
    order = sorted(range(len(probabilities)), key=probabilities.__getitem__, reverse=True)
    # The running sums, left to right as a loop adds them, and each prefix's expected F-beta.
    kept_weight = accumulate(map(weights.__getitem__, order))
    kept_expected = accumulate(map(mul, map(probabilities.__getitem__, order), map(weights.__getitem__, order)))
    f = [(1 + b2) * e / (w + b2 * expected) if w else 0.0 for w, e in zip(kept_weight, kept_expected)]
    # The first prefix with the highest F (max keeps the first of equal ones, as a strict > does).
    best = max(range(len(f)), key=f.__getitem__, default=None)
    return 1.0 if best is None else probabilities[order[best]]


# --- explanations -----------------------------------------------------------------------------
MAX_REASONS = 3


def explain(
    probability: float,
    models: Sequence[tuple[Additive, Mapping[str, Sequence[float]]]],
    position: int,
    phrases: Mapping[str, Callable[[float], str]],
) -> str:
    """Why a block scored low: its probability and the features that weighed most against it.

    *models* pairs each fitted model with its feature columns; *phrases* says each feature's
    value in words.
    """
    against = []
    for additive, columns in models:
        for added, feature, value in additive.contributions(columns, position):
            if added < 0 and feature in phrases:
                against.append((added, feature, value))
    against.sort()
    words = [phrases[feature](value) for _, feature, value in against[:MAX_REASONS]]
    return f"score {probability:.2f}" + (": " + ", ".join(words) if words else "")
