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
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any, NamedTuple

from newsclean._features import OWN_INDEX, Page

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

    def margins(
        self,
        columns: Mapping[str, Sequence[float]],
        n: int,
        start: int = 0,
        base: Sequence[float] | None = None,
        stop: int | None = None,
    ) -> list[float]:
        """The log-odds of each of the *n* rows given as feature *columns*.

        With *base* (each row's margins after the first *start* terms, as ``margins(..., stop=start)``
        gives them), only the terms after those are added: the same sums, in the same order, as a full
        pass. With *stop*, only the terms before it.
        """
        total = [self.intercept] * n if base is None else list(base)
        for term in self.terms[start:stop]:
            column, edges, values = columns[term.feature], term.edges, term.values
            if n and column[0] == column[-1] and column.count(column[0]) == n:
                # A page-wide value (the page's size, its share of short lines): one bin for all rows.
                added = values[bisect_right(edges, column[0])]
                total = [t + added for t in total]
            else:
                # A comprehension: faster in CPython than chained maps with a partial.
                total = [t + values[bisect_right(edges, x)] for t, x in zip(total, column)]
        return total

    def leading_terms(self, features: Collection[str]) -> int:
        """How many of the first terms read only *features*."""
        count = 0
        for term in self.terms:
            if term.feature not in features:
                break
            count += 1
        return count

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


def own_margins(page: Page, model: Additive) -> tuple[list[float], int]:
    """Each block's log-odds so far after *model*'s leading terms that read only own features, and
    how many terms that is.

    Own features stay the same across a page's rounds, so these partial sums are kept per distinct
    text (in its memo entry) and only the terms after them are summed per round. They are summed in
    the model's own order from its intercept, so every margin is the same float as a full pass gives.
    """
    count = model.leading_terms(OWN_INDEX)
    if len(page.own) != len(page.blocks):  # a page built without entries: start from the intercept
        return [model.intercept] * len(page.blocks), 0
    new = [entry for entry in page.own if entry.margin[0] is not model]
    if new:
        # Summed column by column over the new texts, as the scorer sums a page (the cheaper way).
        features = {term.feature for term in model.terms[:count]}
        columns = {name: [entry.values[OWN_INDEX[name]] for entry in new] for name in features}
        for entry, margin in zip(new, model.margins(columns, len(new), stop=count)):
            entry.margin = (model, margin)
    return [entry.margin[1] for entry in page.own], count


class OperatingPoint(NamedTuple):
    """How a preset turns probabilities into decisions (see ``_regions``)."""

    beta: float  # weight of recall against precision in the per-page F-measure the choice maximises
    floor: float  # never keep a block less likely than this
    ceiling: float  # always keep a block at least this likely


class Model(NamedTuple):
    """Everything fitted: the block scorer, the context revision, the presets' operating points."""

    scorer: Additive
    revision: Additive
    operating_points: dict[str, OperatingPoint]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "scorer": self.scorer.to_json(),
            "revision": self.revision.to_json(),
            "operating_points": {name: point._asdict() for name, point in self.operating_points.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"model format {data.get('format')!r}; this newsclean reads format {MODEL_FORMAT}")
        points = {name: OperatingPoint(**point) for name, point in data["operating_points"].items()}
        return cls(Additive.from_json(data["scorer"]), Additive.from_json(data["revision"]), points)


def probability(margin: float) -> float:
    """The probability a log-odds stands for (overflow-safe)."""
    if margin >= 0:
        return 1.0 / (1.0 + math.exp(-margin))
    z = math.exp(margin)
    return z / (1.0 + z)


def probabilities(margins: Iterable[float]) -> list[float]:
    """:func:`probability` of each margin (inlined: a call per block costs more than the arithmetic)."""
    exp = math.exp
    return [1.0 / (1.0 + exp(-m)) if m >= 0 else (z := exp(m)) / (1.0 + z) for m in margins]


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
