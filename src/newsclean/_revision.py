"""Revision by context: each block's score revised from the scores around it.

jusText revises a paragraph's class from its neighbours' classes; here the revision is fitted too.
From the scorer's probabilities it builds a second set of features (the block's own probability,
the length-weighted mean probability of the blocks around it, its paragraph group's, where it
stands against the page's most article-like run of blocks, its rank in the page) and a second
additive model turns them into the revised probability. Articles come in runs of blocks, furniture
in runs of its own: a short line between two paragraphs rises, a lone good-looking line among
menus falls.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from functools import reduce
from itertools import accumulate, compress, repeat
from operator import add, mul, sub, truediv

from newsclean._features import Page
from newsclean._scoring import Additive, probabilities

WINDOWS = (1, 3, 10)  # blocks on either side
RUN_THRESHOLD = 0.5  # the best run of blocks: the one with the most characters above this probability
MAX_DISTANCE = 30.0  # blocks

FEATURES = (
    "score",
    *(f"score_window_{radius}" for radius in WINDOWS),
    "score@-1",
    "score@+1",
    "group_score",
    "group_best",
    "rank",
    "page_best",
    "page_mean",
    "in_best_run",
    "before_best_run",
    "after_best_run",
    "mass_before",
    "mass_after",
)


# Each feature's value in words, for explanations.
PHRASES: dict[str, Callable[[float], str]] = {
    "score": lambda v: f"its own score {v:.2f}",
    **{f"score_window_{r}": (lambda r: lambda v: f"the blocks within {r} score {v:.2f}")(r) for r in WINDOWS},  # noqa: B023 -- r is bound by the outer lambda
    "score@-1": lambda v: "no block before" if v < 0 else f"the block before scores {v:.2f}",
    "score@+1": lambda v: "no block after" if v < 0 else f"the next block scores {v:.2f}",
    "group_score": lambda v: f"its paragraph scores {v:.2f}",
    "group_best": lambda v: f"its paragraph's best line scores {v:.2f}",
    "rank": lambda v: f"{v:.0%} of the page scores higher",
    "page_best": lambda v: f"the page's best block scores {v:.2f}",
    "page_mean": lambda v: f"the page scores {v:.2f} on average",
    "in_best_run": lambda v: "inside the page's best run of text" if v else "outside the page's best run of text",
    "before_best_run": lambda v: f"{v:.0f} blocks before the page's best run of text",
    "after_best_run": lambda v: f"{v:.0f} blocks after the page's best run of text",
    "mass_before": lambda v: f"{v:.0%} of the page's likely article text before it",
    "mass_after": lambda v: f"{v:.0%} of the page's likely article text after it",
}


def revision_features(page: Page, scores: Sequence[float]) -> dict[str, list[float]]:
    """The revision's feature columns, from the page and the scorer's probabilities *scores*."""
    n = len(scores)
    if n == 0:
        return {name: [] for name in FEATURES}
    chars = [c + 1.0 for c in page.columns["chars"]]
    weighted = list(map(mul, scores, chars))
    columns: dict[str, list[float]] = {"score": list(scores)}
    score_prefix = [0.0, *accumulate(weighted)]
    chars_prefix = [0.0, *accumulate(chars)]
    for radius in WINDOWS:
        # (prefix[min(j + radius + 1, n)] - prefix[max(j - radius, 0)]) for both sums, from shifted slices.
        near_mass = map(sub, _ahead(score_prefix, radius + 1, n), _behind(score_prefix, radius, n))
        near_chars = map(sub, _ahead(chars_prefix, radius + 1, n), _behind(chars_prefix, radius, n))
        columns[f"score_window_{radius}"] = list(map(truediv, near_mass, near_chars))
    columns["score@-1"] = [-1.0, *scores[:-1]]
    columns["score@+1"] = [*scores[1:], -1.0]

    # Paragraph groups: runs of blocks that a blank line starts; each group's mass summed left to right.
    blank_before = page.columns["blank_before"]
    starts = list(compress(range(1, n), blank_before[1:]))
    group_score: list[float] = []
    group_best: list[float] = []
    for lo, hi in zip([0, *starts], [*starts, n]):
        size = hi - lo
        group_score += [reduce(add, weighted[lo:hi], 0.0) / reduce(add, chars[lo:hi], 0.0)] * size
        group_best += [max(0.0, max(scores[lo:hi]))] * size
    columns["group_score"] = group_score
    columns["group_best"] = group_best

    # Stable, so equal scores keep page order (as sorting by the negated score does).
    order = sorted(range(n), key=scores.__getitem__, reverse=True)
    rank = [0.0] * n
    # rank[order[position]] = position / n, stored in C (no Python loop over the blocks).
    deque(map(rank.__setitem__, order, map(truediv, range(n), repeat(n))), maxlen=0)
    columns["rank"] = rank
    columns["page_best"] = [max(scores)] * n
    columns["page_mean"] = [score_prefix[-1] / chars_prefix[-1]] * n

    first, last = _best_run([c * (s - RUN_THRESHOLD) for c, s in zip(chars, scores)])
    columns["in_best_run"] = [0.0] * first + [1.0] * (last - first + 1) + [0.0] * (n - last - 1)
    columns["before_best_run"] = _distances(first, n)[::-1]
    columns["after_best_run"] = _distances(n - 1 - last, n)
    mass = score_prefix[-1] or 1.0
    columns["mass_before"] = [p / mass for p in score_prefix[:n]]
    columns["mass_after"] = [1.0 - p / mass for p in score_prefix[1:]]
    return columns


def _distances(after: int, n: int) -> list[float]:
    """For the *n* positions, how far each of the last *after* stands past the one before them, and
    0 for the others: ``min(max(j - (n - after - 1), 0), MAX_DISTANCE)`` for each position *j*
    (whole numbers as ints, as that expression gives them)."""
    reach = int(MAX_DISTANCE)
    return [0] * (n - after) + list(range(1, min(after, reach) + 1)) + [MAX_DISTANCE] * max(after - reach, 0)


def _ahead(prefix: list[float], shift: int, n: int) -> list[float]:
    """``prefix[min(j + shift, n)]`` for each of the *n* positions *j*."""
    out = prefix[shift : n + 1]
    out += [prefix[n]] * (n - len(out))
    return out


def _behind(prefix: list[float], shift: int, n: int) -> list[float]:
    """``prefix[max(j - shift, 0)]`` for each of the *n* positions *j*."""
    return [prefix[0]] * min(shift, n) + prefix[: max(n - shift, 0)]


def revise(page: Page, scores: Sequence[float], model: Additive) -> tuple[list[float], dict[str, list[float]]]:
    """The revised probabilities of the page's blocks, and the revision's feature columns."""
    columns = revision_features(page, scores)
    return probabilities(model.margins(columns, len(scores))), columns


def _best_run(values: list[float]) -> tuple[int, int]:
    """The run of positions with the highest total value (Kadane); ``(0, -1)`` if none is positive."""
    best, best_first, best_last = 0.0, 0, -1
    total, first = 0.0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, first = value, i
        else:
            total += value
        if total > best:
            best, best_first, best_last = total, first, i
    return best_first, best_last
