"""Site-disjoint cross-validation of newsclean's fitted parts, and the untouched part.

    python benchmarks/cv.py [--corpora DIR] [--folds 5]   (also: python benchmarks/quality.py --cv 5)

Every quality figure that counts is measured on pages from sites the fit never saw:

- *CV*: the touched dev pages (see ``_folds``) are split into K folds by site; for each fold the
  model is fitted (``benchmarks.train.fit_model``) on the other folds and the fold's pages are
  cleaned with it;
- *untouched*: a fixed fifth of the sites, never fitted on, tuned on or looked at page by page; the
  model is fitted on all touched pages and these are cleaned with it;
- *in-sample*: the shipped model on every page (what it was fitted on: flattering, for reference).

Every page so gets an honest output (CV or untouched). The three slices of the issue are measured
on those: aeb-dev's short articles (gold under 200 words) and list-heavy articles (at least 40% of
the gold's lines of 8 words or fewer), and the pages of both corpora without a stoplist language.
Only aggregate figures of the untouched part are ever printed.

Needs numpy (``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import _folds  # noqa: E402
import _metrics  # noqa: E402

import newsclean  # noqa: E402
from benchmarks import train  # noqa: E402
from newsclean import _language, _scoring  # noqa: E402

FOLDS = 5
SHORT_WORDS = 200
LIST_LINE_WORDS = 8
LIST_SHARE = 0.4
# The quality targets (issue "Find the article on sites never seen before"): CV (F1, recall) and untouched F1.
TARGETS = {"aeb-dev": ((0.93, 0.95), 0.92), "traf-dev": ((0.90, 0.0), 0.89)}
# The slices as commit 1ae19c0 (the hand-tuned heuristics) scored them, in-sample, F1 with inscriptis /
# html_text; measured with this file's slice definitions on that commit's clean(). The target is 0.05
# above each, where that is possible: aeb-dev has 3 pages without a stoplist language, and they scored
# 0.96 already (reported, no target).
BEFORE = {
    "aeb short": (0.877, 0.869),
    "aeb list-heavy": (0.886, 0.884),
    "aeb no stoplist": (0.961, 0.956),
    "traf no stoplist": (0.566, 0.609),
}
NO_TARGET = frozenset({"aeb no stoplist"})
SLICE_GAIN = 0.05

Key = tuple[str, str, str]  # corpus, page id, converter


class Outputs(NamedTuple):
    """Cleaned text of every page text, per preset: honest (CV or untouched) and in-sample."""

    honest: dict[str, dict[Key, str]]
    in_sample: dict[str, dict[Key, str]]
    untouched: set[Key]


def run(
    examples: Sequence[train.Example],
    folds: int,
    presets: Sequence[str],
    log: Callable[[str], None],
    models: Path | None = None,
) -> Outputs:
    """Clean every page with a model fitted without its site (and the shipped one, in-sample).

    With *models*, the fitted models are read from (or, when missing, written to) that directory, so
    that variants of what comes after the scorer can be compared on the same fits.
    """
    honest: dict[str, dict[Key, str]] = {preset: {} for preset in presets}
    in_sample: dict[str, dict[Key, str]] = {preset: {} for preset in presets}
    untouched = {_key(e) for e in examples if _folds.untouched(e.site)}
    touched = [e for e in examples if not _folds.untouched(e.site)]
    groups: list[tuple[str, list[train.Example], list[train.Example]]] = []
    for fold in range(folds):
        held = [e for e in touched if _folds.fold(e.site, folds) == fold]
        groups.append((f"fold {fold + 1}/{folds}", [e for e in touched if _folds.fold(e.site, folds) != fold], held))
    groups.append(("untouched", touched, [e for e in examples if _folds.untouched(e.site)]))
    for name, fit_on, clean_these in groups:
        started = time.perf_counter()
        saved = models / f"{name.replace('/', '-').replace(' ', '-')}.json" if models else None
        if saved is not None and saved.exists():
            model = _scoring.Model.from_json(json.loads(saved.read_text(encoding="utf-8")))
        else:
            model = train.fit_model(fit_on)
            if saved is not None:
                saved.parent.mkdir(parents=True, exist_ok=True)
                saved.write_bytes(train.model_bytes(model))
        with _scoring.use_model(model):
            for preset in presets:
                config = newsclean.Config(preset=preset)
                for example in clean_these:
                    honest[preset][_key(example)] = newsclean.clean(example.text, config)
        log(f"  {name}: fitted on {len(fit_on)} page texts, cleaned {len(clean_these)} ({time.perf_counter() - started:.0f} s)")
    for preset in presets:
        config = newsclean.Config(preset=preset)
        for example in examples:
            in_sample[preset][_key(example)] = newsclean.clean(example.text, config)
    return Outputs(honest, in_sample, untouched)


def _key(example: train.Example) -> Key:
    return example.corpus, example.page_id, example.converter


class Figure(NamedTuple):
    f1: float
    precision: float
    recall: float
    pages: int


def score(
    corpus: str, records: Sequence[dict[str, Any]], converter: str, outputs: dict[Key, str], keys: set[Key] | None
) -> Figure | None:
    """The corpus metric over the records whose key is in *keys* (all if None) and has an output."""
    chosen = [r for r in records if (corpus, str(r["id"]), converter) in outputs]
    if keys is not None:
        chosen = [r for r in chosen if (corpus, str(r["id"]), converter) in keys]
    if not chosen:
        return None
    _, metric = _metrics.CORPORA[corpus]
    total, _ = metric(chosen, lambda r: outputs[(corpus, str(r["id"]), converter)])
    return Figure(total.f1, total.precision, total.recall, len(chosen))


def slices(records: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[str, set[Key]]]:
    """The issue's slices: name -> (corpus, keys of the page texts in it)."""
    short: set[Key] = set()
    listed: set[Key] = set()
    no_stoplist: dict[str, set[Key]] = {"aeb-dev": set(), "traf-dev": set()}
    for corpus, rows in records.items():
        for record in rows:
            for converter in _metrics.CONVERTERS:
                key = (corpus, str(record["id"]), converter)
                if _language.detect(record["scraped"][converter] or "") is None:
                    no_stoplist[corpus].add(key)
                if corpus != "aeb-dev":
                    continue
                gold = record["gold_body"]
                if len(_metrics.TOKEN.findall(gold)) < SHORT_WORDS:
                    short.add(key)
                lines = [line for line in gold.splitlines() if line.strip()]
                if lines and sum(len(line.split()) <= LIST_LINE_WORDS for line in lines) >= LIST_SHARE * len(lines):
                    listed.add(key)
    return {
        "aeb short": ("aeb-dev", short),
        "aeb list-heavy": ("aeb-dev", listed),
        "aeb no stoplist": ("aeb-dev", no_stoplist["aeb-dev"]),
        "traf no stoplist": ("traf-dev", no_stoplist["traf-dev"]),
    }


def _cell(figure: Figure | None) -> str:
    return "—" if figure is None else f"{figure.f1:.3f} ({figure.precision:.3f} / {figure.recall:.3f})"


def report(outputs: Outputs, records: dict[str, list[dict[str, Any]]], presets: Sequence[str]) -> tuple[list[str], bool]:
    """The CV / untouched / in-sample table, the targets and the slices; and whether all targets are met."""
    lines = [
        "| corpus | converter | preset | **CV** | untouched | in-sample |",
        "|---|---|---|---|---|---|",
    ]
    verdicts = ["| corpus | converter | CV F1 | CV recall | untouched F1 | target | met |", "|---|---|---|---|---|---|---|"]
    met_all = True
    for corpus, rows in records.items():
        for converter in _metrics.CONVERTERS:
            for preset in presets:
                honest = outputs.honest[preset]
                cv = score(corpus, rows, converter, honest, set(honest) - outputs.untouched)
                untouched = score(corpus, rows, converter, honest, outputs.untouched)
                in_sample = score(corpus, rows, converter, outputs.in_sample[preset], None)
                lines.append(
                    f"| {corpus} | {converter} | {preset} | {_cell(cv)} | {_cell(untouched)} | {_cell(in_sample)} |"
                )
                if preset != "balanced" or cv is None or untouched is None:
                    continue
                (min_f1, min_recall), min_untouched = TARGETS[corpus]
                met = cv.f1 >= min_f1 and cv.recall >= min_recall and untouched.f1 >= min_untouched
                met_all = met_all and met
                target = f"CV F1 ≥ {min_f1:.2f}" + (f", R ≥ {min_recall:.2f}" if min_recall else "")
                target += f"; untouched ≥ {min_untouched:.2f}"
                verdicts.append(
                    f"| {corpus} | {converter} | {cv.f1:.3f} | {cv.recall:.3f} | {untouched.f1:.3f} | {target} | "
                    f"{'yes' if met else '**no**'} |"
                )
    lines += ["", "Targets (balanced preset):", ""] + verdicts
    lines += ["", "Slices (balanced preset, honest outputs: CV, or untouched for untouched sites):", ""]
    lines += ["| slice | converter | pages | F1 (P / R) | 1ae19c0 | target | met |", "|---|---|---|---|---|---|---|"]
    for name, (corpus, keys) in slices(records).items():
        for index, converter in enumerate(_metrics.CONVERTERS):
            figure = score(corpus, records[corpus], converter, outputs.honest["balanced"], keys)
            before = BEFORE[name][index]
            if figure is None:
                continue
            if name in NO_TARGET:
                lines.append(f"| {name} | {converter} | {figure.pages} | {_cell(figure)} | {before:.3f} | — | |")
                continue
            met = figure.f1 >= before + SLICE_GAIN
            met_all = met_all and met
            lines.append(
                f"| {name} | {converter} | {figure.pages} | {_cell(figure)} | {before:.3f} | "
                f"≥ {before + SLICE_GAIN:.3f} | {'yes' if met else '**no**'} |"
            )
    return lines, met_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=_metrics.DEFAULT_CORPORA)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--presets", action="store_true", help="also the precision and recall presets")
    parser.add_argument("--models", type=Path, help="keep the fitted models in this directory (reused when present)")
    args = parser.parse_args(argv)
    presets = list(newsclean.PRESETS) if args.presets else ["balanced"]
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    started = time.perf_counter()
    examples = train.load_examples(args.corpora)
    records = {corpus: _metrics.load(args.corpora / filename) for corpus, (filename, _) in _metrics.CORPORA.items()}
    log(f"  features of {len(examples)} page texts ({time.perf_counter() - started:.0f} s)")
    outputs = run(examples, args.folds, presets, log, args.models)
    lines, met = report(outputs, records, presets)
    print("\n".join(lines))
    print(f"\nAll targets met: {'yes' if met else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
