"""Fitting newsclean's additive models: boosted stumps over binned features (numpy only).

The model is a sum of one step function per feature (see ``newsclean._scoring``). It is fitted by
gradient boosting on the logistic loss where every round adds one stump: the single feature and
threshold whose split most reduces the loss, with a small learning rate. Features are binned once
(weighted quantiles, edges rounded to four significant digits), so a round costs two histograms per
feature. Everything is deterministic: no sampling, stable sorts, ties broken by feature order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from newsclean._scoring import Additive, Term

MAX_BINS = 32
ROUNDS = 600
LEARNING_RATE = 0.1
L2 = 1.0  # on each leaf's sum of hessians
MIN_LEAF_WEIGHT = 20.0  # a stump's smaller side holds at least this much sample weight
DIGITS = 6  # significant digits of the values written to the model file


class Data(NamedTuple):
    """Training rows: features (rows x features), labels (0/1), sample weights."""

    x: np.ndarray
    y: np.ndarray
    w: np.ndarray


def edges_of(column: np.ndarray, weights: np.ndarray, max_bins: int = MAX_BINS) -> np.ndarray:
    """Bin edges for one feature: midpoints between its values if few, else weighted quantiles."""
    values = np.unique(column)
    if len(values) <= max_bins:
        edges = (values[:-1] + values[1:]) / 2
    else:
        order = np.argsort(column, kind="stable")
        cumulative = np.cumsum(weights[order])
        cumulative /= cumulative[-1]
        cuts = np.searchsorted(cumulative, np.linspace(0, 1, max_bins + 1)[1:-1])
        edges = np.unique(column[order][cuts])
    return np.array(sorted({_round(float(e), 4) for e in edges}))


def _round(value: float, digits: int = DIGITS) -> float:
    return float(f"{value:.{digits}g}")


def fit(
    data: Data,
    features: Sequence[str],
    rounds: int = ROUNDS,
    learning_rate: float = LEARNING_RATE,
    min_leaf: float = MIN_LEAF_WEIGHT,
) -> Additive:
    """An additive model of the log-odds of ``data.y``, one term per feature that any stump used."""
    x, y, w = data
    n_rows, n_features = x.shape
    edges = [edges_of(x[:, f], w) for f in range(n_features)]
    bins = [np.searchsorted(edges[f], x[:, f], side="right") for f in range(n_features)]
    sizes = np.array([len(e) + 1 for e in edges])
    width = int(sizes.max())
    tables = np.zeros((n_features, width))
    counts = np.zeros((n_features, width))
    for f in range(n_features):
        counts[f, : sizes[f]] = np.bincount(bins[f], weights=w, minlength=sizes[f])
    count_left = np.cumsum(counts, axis=1)[:, :-1]
    count_right = counts.sum(axis=1, keepdims=True) - count_left
    # A split after bin k of feature f is possible where both sides hold enough weight.
    possible = (np.arange(width - 1)[None, :] < (sizes - 1)[:, None]) & (count_left >= min_leaf) & (count_right >= min_leaf)
    positive = float((w * y).sum())
    base = float(np.log(positive / (float(w.sum()) - positive)))
    margin = np.full(n_rows, base)
    used: set[int] = set()
    gs = np.zeros((n_features, width))
    hs = np.zeros((n_features, width))
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-margin))
        g = (p - y) * w
        h = p * (1.0 - p) * w
        for f in range(n_features):
            gs[f, : sizes[f]] = np.bincount(bins[f], weights=g, minlength=sizes[f])
            hs[f, : sizes[f]] = np.bincount(bins[f], weights=h, minlength=sizes[f])
        g_left, h_left = np.cumsum(gs, axis=1)[:, :-1], np.cumsum(hs, axis=1)[:, :-1]
        g_all, h_all = gs.sum(axis=1, keepdims=True), hs.sum(axis=1, keepdims=True)
        g_right, h_right = g_all - g_left, h_all - h_left
        gain = g_left**2 / (h_left + L2) + g_right**2 / (h_right + L2) - g_all**2 / (h_all + L2)
        gain[~possible] = -1.0
        # argmax over the flattened array: the first best split, in feature order, on ties.
        f, k = divmod(int(np.argmax(gain)), width - 1)
        if gain[f, k] <= 0:
            break
        left = -g_left[f, k] / (h_left[f, k] + L2)
        right = -g_right[f, k] / (h_right[f, k] + L2)
        step = np.where(np.arange(width) <= k, left, right) * learning_rate
        tables[f] += step
        margin += step[bins[f]]
        used.add(f)
    intercept = base
    terms = []
    for f in sorted(used):
        # Centre each step function on the training rows, so that a term says what its feature adds
        # to an average block (the explanations read the terms).
        mean = float((counts[f] * tables[f]).sum() / counts[f].sum())
        intercept += mean
        values = tuple(_round(float(v - mean)) for v in tables[f, : sizes[f]])
        terms.append(Term(features[f], tuple(float(e) for e in edges[f]), values))
    return Additive(_round(intercept), tuple(terms))


def predict(model: Additive, columns: dict[str, list[float]], n: int) -> np.ndarray:
    """The model's probabilities for *n* rows given as feature columns."""
    return 1.0 / (1.0 + np.exp(-np.array(model.margins(columns, n))))
