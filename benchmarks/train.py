"""Fit newsclean's scorer and revision on the dev corpora, and write the model file it ships.

    python -m benchmarks.train [--corpora DIR] [--output PATH] [--check]

Every page text of aeb-dev and traf-dev (both converters) goes through newsclean's rules and block
features, exactly as ``newsclean.clean`` sees it, and each block gets a label:

- aeb-dev: the share of the block's 4-token shingles found in the page's gold article body (a block
  too short for a shingle: whether its tokens occur in the gold); weighted by its tokens over the
  page's, so that every page weighs the same, as in the benchmark's per-page average;
- traf-dev: article text if it lies inside (or holds) a ``with`` snippet, boilerplate if a
  ``without`` snippet; blocks in neither are not used; each labelled block weighs 1.

The scorer is fitted on the blocks' features. The revision is fitted on features of the scorer's
probabilities, and those must look as they will on new pages: they come from scorers fitted with
the block's site left out (cross-fitting by site). The result is written as ``_model.json``, the same
bytes on every run with the same data and code. ``--check`` fits and compares with the file instead.

Needs numpy (``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _fit  # noqa: E402
import _folds  # noqa: E402
import _metrics  # noqa: E402

from newsclean import _features, _revision  # noqa: E402
from newsclean._config import Config  # noqa: E402
from newsclean._features import Page  # noqa: E402
from newsclean._pipeline import page_for_training  # noqa: E402
from newsclean._scoring import Model, OperatingPoint  # noqa: E402

MODEL_PATH = Path(__file__).resolve().parent.parent / "src" / "newsclean" / "_model.json"
INNER_FOLDS = 3
AEB_PAGE_WEIGHT = 100.0  # an aeb page's blocks weigh this much in all
TRAF_BLOCK_WEIGHT = 2.0  # a labelled traf block weighs this much
POSITIVE = 0.5  # an aeb block with at least this share of its shingles in the gold is article text
SHINGLE = 4
FIRST_ROUND_THRESHOLD = 0.4  # the blocks a first round of cleaning keeps, for fitting on cleaned pages
# The presets' operating points (see newsclean._regions).
OPERATING_POINTS = {
    "balanced": OperatingPoint(beta=1.0, floor=0.0, ceiling=1.0),
    "precision": OperatingPoint(beta=0.7, floor=0.0, ceiling=1.0),
    "recall": OperatingPoint(beta=1.5, floor=0.0, ceiling=1.0),
}



class Example(NamedTuple):
    """One page text as training sees it."""

    corpus: str
    page_id: str
    site: str
    converter: str
    text: str
    page: Page
    labels: np.ndarray  # per block: 1 article, 0 boilerplate, nan unknown
    weights: np.ndarray
    record: dict[str, Any]


def load_examples(corpora: Path, config: Config | None = None) -> list[Example]:
    """Every page text of both dev corpora (both converters), with its blocks' features and labels."""
    config = config or Config()
    out = []
    for corpus, (filename, _) in _metrics.CORPORA.items():
        for record in _metrics.load(corpora / filename):
            site = _folds.site_of(record.get("url", ""))
            for converter in _metrics.CONVERTERS:
                out.append(_example(corpus, record, site, converter, record["scraped"][converter] or ""))
    return out


def _example(corpus: str, record: dict[str, Any], site: str, converter: str, text: str) -> Example:
    page = page_for_training(text, _CONFIG)
    texts = [block.text for block in page.blocks]
    if corpus == "aeb-dev":
        labels, weights = _aeb_labels(texts, record["gold_body"])
    else:
        labels, weights = _traf_labels(texts, record)
    return Example(corpus, str(record["id"]), site, converter, text, page, labels, weights, record)


_CONFIG = Config()


def _kept_text(page: Page, keep: Sequence[bool]) -> str:
    """The text of the kept blocks, paragraph breaks where the page had them."""
    pieces: list[str] = []
    for block, kept, blank in zip(page.blocks, keep, page.columns["blank_before"]):
        if kept:
            if blank and pieces:
                pieces.append("")
            pieces.append(block.text)
    return "\n".join(pieces) + "\n" if pieces else ""


def _aeb_labels(texts: Sequence[str], gold: str) -> tuple[np.ndarray, np.ndarray]:
    gold_tokens = _metrics.TOKEN.findall(gold)
    gold_shingles = {tuple(gold_tokens[i : i + SHINGLE]) for i in range(len(gold_tokens) - SHINGLE + 1)}
    gold_joined = " " + " ".join(gold_tokens) + " "
    labels, tokens = [], []
    for text in texts:
        words = _metrics.TOKEN.findall(text)
        if len(words) >= SHINGLE:
            shingles = [tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
            share = sum(s in gold_shingles for s in shingles) / len(shingles)
        else:
            share = float(bool(words) and (" " + " ".join(words) + " ") in gold_joined)
        labels.append(float(share >= POSITIVE))
        tokens.append(max(len(words), 1))
    total = sum(tokens) or 1
    return np.array(labels), np.array([AEB_PAGE_WEIGHT * t / total for t in tokens])


def _traf_labels(texts: Sequence[str], record: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    with_ = [s for s in map(_metrics.normalise, record.get("with", [])) if s]
    without = [s for s in map(_metrics.normalise, record.get("without", [])) if s]
    labels = []
    for text in texts:
        block = _metrics.normalise(text)
        label = np.nan
        if len(block) >= 3:
            if any(block in s or s in block for s in with_):
                label = 1.0
            elif any(block in s or s in block for s in without):
                label = 0.0
        labels.append(label)
    return np.array(labels), np.full(len(texts), TRAF_BLOCK_WEIGHT)


def _matrix(columns: dict[str, list[float]], names: Sequence[str]) -> np.ndarray:
    return np.array([columns[name] for name in names], dtype=float).T.reshape(-1, len(names))


def _data(
    pages: Iterable[tuple[dict[str, list[float]], np.ndarray, np.ndarray]], names: Sequence[str]
) -> _fit.Data:
    """Training rows from (feature columns, labels, weights) of each page: the labelled blocks."""
    xs, ys, ws = [], [], []
    for columns, labels, weights in pages:
        known = ~np.isnan(labels)
        if known.any():
            xs.append(_matrix(columns, names)[known])
            ys.append(labels[known])
            ws.append(weights[known])
    return _fit.Data(np.vstack(xs), np.concatenate(ys), np.concatenate(ws))


SCORER_FEATURES = _features.FEATURES
Rows = tuple[dict[str, list[float]], np.ndarray, np.ndarray]  # a page's feature columns, labels, weights


def fit_model(examples: Sequence[Example], inner_folds: int = INNER_FOLDS) -> Model:
    """Fit the scorer and the revision; the presets' operating points.

    What is fitted on a block must not have seen the block: the scores the revision learns from come
    from scorers fitted without the block's site (cross-fitting by site). Cleaning judges its own output
    again until nothing changes (that makes it idempotent), so the model must judge a cleaned page as
    it judged the page: besides every page, it is fitted on each page as a first round of cleaning
    leaves it and as a perfect cleaner would (its article, no boilerplate).
    """
    fold_of = [_folds.inner_fold(e.site, inner_folds) for e in examples]
    rows = [_scorer_rows(e) for e in examples]
    first_scores = _cross_fitted_scores(rows, fold_of, inner_folds)
    rounds = []
    for example, scores in zip(examples, first_scores):
        for keep in ([s >= FIRST_ROUND_THRESHOLD for s in scores], [label != 0 for label in example.labels]):
            if any(keep) and not all(keep):
                text = _kept_text(example.page, keep)
                rounds.append(_example(example.corpus, example.record, example.site, example.converter, text))
    round_folds = [_folds.inner_fold(e.site, inner_folds) for e in rounds]
    everything = [*examples, *rounds]
    all_rows = rows + [_scorer_rows(e) for e in rounds]
    all_folds = fold_of + round_folds
    scores = _cross_fitted_scores(all_rows, all_folds, inner_folds)
    scorer = _fit.fit(_data(all_rows, SCORER_FEATURES), SCORER_FEATURES)
    revision_rows = [
        (_revision.revision_features(e.page, s.tolist()), e.labels, e.weights) for e, s in zip(everything, scores)
    ]
    revision = _fit.fit(_data(revision_rows, _revision.FEATURES), _revision.FEATURES)
    return Model(scorer, revision, dict(OPERATING_POINTS))


def _scorer_rows(example: Example) -> Rows:
    return example.page.columns, example.labels, example.weights


def _cross_fitted_scores(rows: Sequence[Rows], fold_of: Sequence[int], folds: int) -> list[np.ndarray]:
    """Each page's block scores from a scorer fitted without the page's site (folds fitted in parallel)."""
    _JOBS[:] = [[r for r, f in zip(rows, fold_of) if f != fold] for fold in range(folds)]
    # Forked workers see the rows as they are: only the fold number and the fitted model travel.
    with multiprocessing.get_context("fork").Pool(min(folds, os.cpu_count() or 1)) as pool:
        scorers = pool.map(_fit_job, range(folds))
    _JOBS.clear()
    return [_fit.predict(scorers[fold], columns, len(labels)) for (columns, labels, _), fold in zip(rows, fold_of)]


_JOBS: list[list[Rows]] = []


def _fit_job(job: int) -> Any:
    return _fit.fit(_data(_JOBS[job], SCORER_FEATURES), SCORER_FEATURES)


def model_bytes(model: Model) -> bytes:
    """The model file's bytes: JSON, one term a line, so that a refit shows as a readable diff."""
    data = model.to_json()
    lines = ["{", f' "format": {data["format"]},']
    for part in ("scorer", "revision"):
        lines.append(f' "{part}": {{"intercept": {data[part]["intercept"]!r}, "terms": [')
        terms = [json.dumps(term, separators=(",", ":")) for term in data[part]["terms"]]
        lines += [f"  {term}," for term in terms[:-1]] + [f"  {terms[-1]}"] if terms else []
        lines.append(" ]},")
    lines.append(f' "operating_points": {json.dumps(data["operating_points"], sort_keys=True)}')
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=_metrics.DEFAULT_CORPORA)
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--check", action="store_true", help="fit and compare with --output instead of writing it")
    args = parser.parse_args(argv)
    examples = load_examples(args.corpora)
    print(f"{len(examples)} page texts, {sum(len(e.page.blocks) for e in examples)} blocks", file=sys.stderr)
    data = model_bytes(fit_model(examples))
    if args.check:
        same = args.output.exists() and args.output.read_bytes() == data
        print(f"{args.output}: {'identical' if same else 'DIFFERS from a fresh fit'}")
        return 0 if same else 1
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
