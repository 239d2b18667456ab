"""The fitted scorer: an additive model over binned block features.

A model is an intercept plus, for each feature it uses, a step function: sorted bin edges and one
value per bin. A block's score (its log-odds of being article text) is the intercept plus the
value of each feature's bin, so every score splits exactly into what each feature added, and the
explanation of a removal can name the features that weighed most against it.

The parameters are fitted by ``python -m benchmarks.train`` on the two dev corpora and shipped as
``_model.json``; nothing here learns. Scoring a page is one pass per feature over its column, the
bin found by ``bisect`` (in C), so it costs about a microsecond per block and feature.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from importlib import resources
from operator import add
from typing import Any, NamedTuple

MODEL_FORMAT = 1


class Term(NamedTuple):
    """One feature's step function: ``values[bisect_right(edges, x)]``."""

    feature: str
    edges: tuple[float, ...]
    values: tuple[float, ...]


class Additive(NamedTuple):
    """An additive model: ``intercept + sum(term(x) for term in terms)``, a log-odds."""

    intercept: float
    terms: tuple[Term, ...]

    def margins(self, columns: Mapping[str, Sequence[float]], n: int) -> list[float]:
        """The log-odds of each of the *n* rows given as feature *columns*."""
        total = [self.intercept] * n
        for term in self.terms:
            bins = map(partial(bisect_right, term.edges), columns[term.feature])
            total = list(map(add, total, map(term.values.__getitem__, bins)))
        return total

    def contributions(self, columns: Mapping[str, Sequence[float]], row: int) -> list[tuple[float, str, float]]:
        """What each feature added to row *row*'s log-odds: ``(value added, feature, feature value)``."""
        out = []
        for term in self.terms:
            x = columns[term.feature][row]
            out.append((term.values[bisect_right(term.edges, x)], term.feature, x))
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "intercept": self.intercept,
            "terms": [{"feature": t.feature, "edges": list(t.edges), "values": list(t.values)} for t in self.terms],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Additive:
        terms = tuple(
            Term(str(t["feature"]), tuple(map(float, t["edges"])), tuple(map(float, t["values"]))) for t in data["terms"]
        )
        for term in terms:
            if len(term.values) != len(term.edges) + 1 or list(term.edges) != sorted(term.edges):
                raise ValueError(f"model term {term.feature!r}: edges must be sorted, one value more than edges")
        return cls(float(data["intercept"]), terms)


class OperatingPoint(NamedTuple):
    """How a preset turns probabilities into decisions (see ``_regions``)."""

    beta: float  # weight of recall against precision in the per-page F-measure the choice maximises
    floor: float  # never keep a block less likely than this
    ceiling: float  # always keep a block at least this likely


class Model(NamedTuple):
    """Everything fitted: the lexicon, the block scorer, the context revision, the presets' operating points."""

    lexicon: dict[str, float]  # word -> log-odds of article text against boilerplate, for words of many sites
    scorer: Additive
    revision: Additive
    operating_points: dict[str, OperatingPoint]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "lexicon": dict(sorted(self.lexicon.items())),
            "scorer": self.scorer.to_json(),
            "revision": self.revision.to_json(),
            "operating_points": {name: point._asdict() for name, point in self.operating_points.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"model format {data.get('format')!r}; this newsclean reads format {MODEL_FORMAT}")
        points = {name: OperatingPoint(**point) for name, point in data["operating_points"].items()}
        lexicon = {str(word): float(weight) for word, weight in data["lexicon"].items()}
        return cls(lexicon, Additive.from_json(data["scorer"]), Additive.from_json(data["revision"]), points)


# What a block's words say, through the lexicon: their mean, lowest and highest weight, and the share of
# its words the lexicon knows (a block of no known word gets zeros).
LEXICON_FEATURES = ("lexicon_mean", "lexicon_low", "lexicon_high", "lexicon_known")
LEXICON_PHRASES: dict[str, Callable[[float], str]] = {
    "lexicon_mean": lambda v: f"words of boilerplate more than of articles ({v:+.2f})" if v < 0 else f"words of articles ({v:+.2f})",
    "lexicon_low": lambda v: f"a word typical of boilerplate ({v:+.2f})",
    "lexicon_high": lambda v: f"its most article-like word only {v:+.2f}",
    "lexicon_known": lambda v: f"{v:.0%} of its words common on the web",
}


def lexicon_columns(words: Sequence[Iterable[str]], lexicon: Mapping[str, float]) -> dict[str, list[float]]:
    """The lexicon features of blocks given as their sets of (lower-case) words."""
    columns: dict[str, list[float]] = {name: [] for name in LEXICON_FEATURES}
    get = lexicon.get
    for block in words:
        weights = [w for w in map(get, block) if w is not None]
        count = len(block)
        if weights:
            columns["lexicon_mean"].append(sum(weights) / len(weights))
            columns["lexicon_low"].append(min(weights))
            columns["lexicon_high"].append(max(weights))
        else:
            for name in ("lexicon_mean", "lexicon_low", "lexicon_high"):
                columns[name].append(0.0)
        columns["lexicon_known"].append(len(weights) / count if count else 0.0)
    return columns


def probability(margin: float) -> float:
    """The probability a log-odds stands for (overflow-safe)."""
    if margin >= 0:
        return 1.0 / (1.0 + math.exp(-margin))
    z = math.exp(margin)
    return z / (1.0 + z)


_shipped: list[Model] = []
_override: list[Model] = []


def model() -> Model:
    """The model in use: the shipped one (loaded on first use), or one set by :func:`use_model`."""
    if _override:
        return _override[-1]
    if not _shipped:
        text = resources.files("newsclean").joinpath("_model.json").read_text(encoding="utf-8")
        _shipped.append(Model.from_json(json.loads(text)))
    return _shipped[0]


@contextmanager
def use_model(replacement: Model) -> Iterator[Model]:
    """Clean with *replacement* instead of the shipped model inside the ``with`` block (benchmarks, tests)."""
    _override.append(replacement)
    try:
        yield replacement
    finally:
        _override.pop()
