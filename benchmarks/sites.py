"""The site model (issue 16) on sites-dev, leave-sites-out, beside today's clean(); and its other targets.

    python benchmarks/sites.py [--corpora DIR] [--folds 5] [--jobs 2]   (also: python benchmarks/quality.py --sites)
    python benchmarks/sites.py --choose

Each sites-dev page is cleaned as a user's batch would clean it: with the model learned from its
site's pages in the batch (the site is the URL's host; the page itself is among them), once for each
converter's text. The site-template pass has two numbers (``newsclean._sites.Numbers``): the share
of the site's pages a line must stand on at the page's edges, and inside the region the scorer
chose. Every page is cleaned with each pair of a small grid, once; then

- *leave-sites-out*: the sites are split into folds by site (``_folds``), and each fold's pages are
  scored with the pair chosen on the other folds' pages (the best mean F1 of the two converters);
- ``--choose``: the pair chosen on all pages, the numbers to ship (compared with the shipped ones).

The report also checks the issue's other targets: aeb-dev (at most two pages per site) cleaned with
its own batch's model is byte-identical to clean(); traf-dev is not worse; the model of 10,000
pages of one site (made up: a template and random words) takes under 5 MB; learning adds at most
30% to the batch's cleaning time.

sites-dev is AGPL-3.0 data: it is read from ../shared, never copied, and only chooses these numbers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import pickle
import random
import string
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _folds  # noqa: E402
import _metrics  # noqa: E402

import newsclean  # noqa: E402
from newsclean import _sites  # noqa: E402

SITES_FILE = "sites-dev.jsonl.gz"
EDGE_SHARES = (0.2, 0.3, 0.4, 0.5, 0.6)
INSIDE_SHARES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
# Inside the region the scorer chose, a line needs a larger share of the site's pages than at its edges.
GRID = tuple(_sites.Numbers(e, i) for e in EDGE_SHARES for i in INSIDE_SHARES if i > e)
FOLDS = 5
TOLERANCE = 0.001  # of mean F1: differences this small are noise on 484 pages, larger shares are safer
MIN_GAIN = 0.04  # F1 over clean() alone, leave-sites-out
MAX_SITE_LOSS = 0.02  # no site's F1 more than this below clean() alone
MAX_MODEL_BYTES = 5_000_000  # the model of SIZE_PAGES pages of one site
SIZE_PAGES = 10_000
MAX_LEARNING_SHARE = 0.30  # learning time over the batch's cleaning time
TIMING_ROUNDS = 3

Row = dict[str, Any]
PR = tuple[float, float]


def load_sites(corpora: Path) -> list[Row]:
    with gzip.open(corpora / SITES_FILE, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _text(row: Row, converter: str) -> str:
    return row["scraped"][converter] or ""


def learn(rows: Sequence[Row], converter: str) -> newsclean.SiteModel:
    """The batch's model: every page under its URL (the host is its site)."""
    return newsclean.SiteModel.learn((row.get("url") or None, _text(row, converter)) for row in rows)


# --- cleaning every page with every pair of numbers (in worker processes) -------------------------

_rows: list[Row] = []
_models: dict[str, newsclean.SiteModel] = {}


def _start(rows: list[Row]) -> None:
    global _rows
    _rows = rows
    for converter in _metrics.CONVERTERS:
        _models[converter] = learn(rows, converter)


def _scores(numbers: _sites.Numbers | None) -> dict[str, list[PR]]:
    """Per converter, each page's (precision, recall): with the site model and *numbers*, or (None) clean() alone."""
    out: dict[str, list[PR]] = {}
    for converter in _metrics.CONVERTERS:
        pages = []
        for row in _rows:
            text = _text(row, converter)
            if numbers is None:
                cleaned = newsclean.clean(text)
            else:
                with _sites.use_numbers(numbers):
                    cleaned = newsclean.clean(text, site=_models[converter], site_key=row.get("url") or None)
            pages.append(_metrics.aeb_page(cleaned, row["gold_body"]))
        out[converter] = pages
    return out


def score_grid(rows: list[Row], jobs: int, log: Callable[[str], None]) -> tuple[dict[str, list[PR]], dict[_sites.Numbers, dict[str, list[PR]]]]:
    """clean() alone, and the site model with every pair of the grid, on every page."""
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs, _start, (rows,)) as pool:
        results = pool.map(_scores, [None, *GRID], chunksize=1)
    log(f"  {len(GRID)} pairs of numbers and clean() alone on {len(rows)} pages ({time.perf_counter() - started:.0f} s)")
    return results[0], dict(zip(GRID, results[1:]))


def _f1(pages: Sequence[PR]) -> float:
    if not pages:
        return 0.0
    return _metrics._f1(sum(p for p, _ in pages) / len(pages), sum(r for _, r in pages) / len(pages))


def _mean_f1(scores: dict[str, list[PR]], chosen: Sequence[int]) -> float:
    return sum(_f1([pages[i] for i in chosen]) for pages in scores.values()) / len(scores)


def choose(grid: dict[_sites.Numbers, dict[str, list[PR]]], chosen: Sequence[int]) -> _sites.Numbers:
    """The pair with the best mean F1 (over the converters) on the pages *chosen*, where the shares are as
    large as they can be for a loss of at most TOLERANCE: the larger, the less the pass risks."""
    scores = {numbers: _mean_f1(pages, chosen) for numbers, pages in grid.items()}
    best = max(scores.values())
    return max((numbers for numbers, f1 in scores.items() if f1 >= best - TOLERANCE), key=lambda n: (n.inside_share, n.edge_share))


def leave_sites_out(rows: Sequence[Row], grid: dict[_sites.Numbers, dict[str, list[PR]]], folds: int) -> tuple[dict[str, list[PR]], list[_sites.Numbers]]:
    """Each page's scores with the numbers chosen without its fold's sites, and each fold's choice."""
    fold_of = [_folds.fold(_folds.site_of(row["url"]), folds) for row in rows]
    honest: dict[str, list[PR]] = {converter: [(0.0, 0.0)] * len(rows) for converter in _metrics.CONVERTERS}
    choices = []
    for fold in range(folds):
        held = [i for i, f in enumerate(fold_of) if f == fold]
        numbers = choose(grid, [i for i, f in enumerate(fold_of) if f != fold])
        choices.append(numbers)
        for converter in _metrics.CONVERTERS:
            for i in held:
                honest[converter][i] = grid[numbers][converter][i]
    return honest, choices


def per_site(rows: Sequence[Row], pages: Sequence[PR]) -> dict[str, float]:
    by_site: dict[str, list[PR]] = defaultdict(list)
    for row, scores in zip(rows, pages):
        by_site[_sites.site_name(row["url"])].append(scores)
    return {site: _f1(scores) for site, scores in by_site.items()}


# --- the other targets ---------------------------------------------------------------------------


def differing_pages(records: Sequence[Row]) -> tuple[int, int]:
    """aeb-dev: of the page texts cleaned with their batch's model, how many differ from clean() (and how many)."""
    differ = total = 0
    for converter in _metrics.CONVERTERS:
        model = learn(records, converter)
        for row in records:
            text = _text(row, converter)
            differ += newsclean.clean(text, site=model, site_key=row["url"]) != newsclean.clean(text)
            total += 1
    return differ, total


def traf_scores(records: Sequence[Row]) -> dict[str, tuple[float, float]]:
    """traf-dev: F1 of clean() alone and with the batch's model, per converter."""
    out = {}
    for converter in _metrics.CONVERTERS:
        model = learn(records, converter)
        alone, _ = _metrics.traf_score(list(records), lambda row, c=converter: newsclean.clean(_text(row, c)))
        with_model, _ = _metrics.traf_score(
            list(records), lambda row, c=converter, m=model: newsclean.clean(_text(row, c), site=m, site_key=row["url"])
        )
        out[converter] = (alone.f1, with_model.f1)
    return out


def _made_up_pages(count: int, seed: int = 16) -> list[tuple[str, str]]:
    """*count* pages of one site: 150 template lines and 120 lines of random words (a page's own text)."""
    rng = random.Random(seed)
    # Letters only: to the model every number is the same number.
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randrange(2, 11))) for _ in range(5000)]
    template = [" ".join(rng.choices(words, k=6)) for _ in range(150)]
    pages = []
    for _ in range(count):
        own = [" ".join(rng.choices(words, k=rng.randrange(5, 30))) for _ in range(120)]
        pages.append(("https://one.example/", "\n".join(template[:75] + own + template[75:])))
    return pages


class ModelSize(NamedTuple):
    json_bytes: int
    memory_bytes: int  # held by the model once learned (tracemalloc)
    lines: int


def model_size(pages: int = SIZE_PAGES) -> ModelSize:
    made_up = _made_up_pages(pages)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    model = newsclean.SiteModel.learn(made_up)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    view = model.view("one.example")
    return ModelSize(len(model.to_json().encode("utf-8")), held, len(view.counts) if view else 0)


def learning_share(rows: Sequence[Row]) -> dict[str, tuple[float, float]]:
    """Per converter: seconds to learn the batch's model and to clean the batch with clean() alone (best of rounds)."""
    out = {}
    for converter in _metrics.CONVERTERS:
        texts = [_text(row, converter) for row in rows]
        learning = cleaning = float("inf")
        for _ in range(TIMING_ROUNDS):
            started = time.perf_counter()
            learn(rows, converter)
            learning = min(learning, time.perf_counter() - started)
            started = time.perf_counter()
            for text in texts:
                newsclean.clean(text)
            cleaning = min(cleaning, time.perf_counter() - started)
        out[converter] = (learning, cleaning)
    return out


# --- the report ------------------------------------------------------------------------------------


def _cell(pages: Sequence[PR]) -> str:
    precision = sum(p for p, _ in pages) / len(pages)
    recall = sum(r for _, r in pages) / len(pages)
    return f"{_metrics._f1(precision, recall):.3f} ({precision:.3f} / {recall:.3f})"


def _yes(met: bool) -> str:
    return "yes" if met else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=_metrics.DEFAULT_CORPORA)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--jobs", type=int, default=2, help="processes for cleaning the grid (default 2)")
    parser.add_argument("--choose", action="store_true", help="choose the numbers on all sites and compare with the shipped ones")
    parser.add_argument(
        "--cache", type=Path, help="keep the grid's page scores in this file and reuse them (only with the same code and data)"
    )
    args = parser.parse_args(argv)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    rows = load_sites(args.corpora)
    if args.cache is not None and args.cache.exists():
        alone, grid = pickle.loads(args.cache.read_bytes())
    else:
        alone, grid = score_grid(rows, args.jobs, log)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps((alone, grid)))
    everything = list(range(len(rows)))
    if args.choose:
        chosen = choose(grid, everything)
        print("| edge share | inside share | sites-dev F1, inscriptis | html_text |\n|---|---|---|---|")
        for numbers in sorted(grid, key=lambda n: -_mean_f1(grid[n], everything))[:8]:
            cells = " | ".join(_cell(grid[numbers][c]) for c in _metrics.CONVERTERS)
            print(f"| {numbers.edge_share} | {numbers.inside_share} | {cells} |")
        print(f"\nChosen on all {len(rows)} pages: {chosen!r}")
        print(f"Shipped (newsclean._sites.NUMBERS): {_sites.NUMBERS!r}: {'the same' if chosen == _sites.NUMBERS else '**differs**: update it'}")
        return 0

    honest, choices = leave_sites_out(rows, grid, args.folds)
    shipped = grid.get(_sites.NUMBERS)
    met_all = True
    print(f"sites-dev: {len(rows)} pages of {len({_sites.site_name(r['url']) for r in rows})} sites, each cleaned with the model of its site's pages in the batch\n")
    print("| converter | clean() alone | + site model, leave-sites-out | + site model, shipped numbers | gain (leave-sites-out) |")
    print("|---|---|---|---|---|")
    verdicts = ["| target | figure | met |", "|---|---|---|"]
    for converter in _metrics.CONVERTERS:
        gain = _f1(honest[converter]) - _f1(alone[converter])
        in_sample = _cell(shipped[converter]) if shipped else "—"
        print(f"| {converter} | {_cell(alone[converter])} | {_cell(honest[converter])} | {in_sample} | {gain:+.4f} |")
        met = gain >= MIN_GAIN
        met_all &= met
        verdicts.append(f"| sites-dev F1 ≥ clean() + {MIN_GAIN:.2f}, {converter} | {gain:+.4f} | {_yes(met)} |")
        before, after = per_site(rows, alone[converter]), per_site(rows, honest[converter])
        changes = sorted((after[site] - before[site], site) for site in before)
        worse = [f"{site} {change:+.3f}" for change, site in changes if change < -MAX_SITE_LOSS]
        met = not worse
        met_all &= met
        better = sum(change > MAX_SITE_LOSS for change, _ in changes)
        figure = f"{len(worse)} worse: {', '.join(worse)}" if worse else f"worst {changes[0][1]} {changes[0][0]:+.3f}"
        verdicts.append(
            f"| no site more than {MAX_SITE_LOSS} worse, {converter} | {figure} ({better} of {len(changes)} sites "
            f"more than {MAX_SITE_LOSS} better) | {_yes(met)} |"
        )
    print(f"\nNumbers chosen leave-sites-out, per fold: {', '.join(f'({n.edge_share}, {n.inside_share})' for n in choices)}; shipped: ({_sites.NUMBERS.edge_share}, {_sites.NUMBERS.inside_share})\n")

    aeb = _metrics.load(args.corpora / "aeb-dev.jsonl")
    differ, total = differing_pages(aeb)
    met_all &= differ == 0
    verdicts.append(f"| aeb-dev byte-identical to clean() | {differ} of {total} page texts differ | {_yes(differ == 0)} |")
    traf = _metrics.load(args.corpora / "traf-dev.jsonl")
    for converter, (without, with_model) in traf_scores(traf).items():
        met_all &= with_model >= without
        verdicts.append(f"| traf-dev not worse, {converter} | F1 {without:.3f} → {with_model:.3f} | {_yes(with_model >= without)} |")
    size = model_size()
    met = size.json_bytes < MAX_MODEL_BYTES and size.memory_bytes < MAX_MODEL_BYTES
    met_all &= met
    verdicts.append(
        f"| model of {SIZE_PAGES:,} pages of one site < {MAX_MODEL_BYTES / 1e6:.0f} MB | JSON {size.json_bytes / 1e6:.2f} MB, "
        f"memory {size.memory_bytes / 1e6:.2f} MB ({size.lines} lines kept) | {_yes(met)} |"
    )
    for converter, (learning, cleaning) in learning_share(rows).items():
        share = learning / cleaning
        met_all &= share <= MAX_LEARNING_SHARE
        verdicts.append(
            f"| learning adds ≤ {MAX_LEARNING_SHARE:.0%} to the batch's time, {converter} | {learning:.2f} s to learn, "
            f"{cleaning:.2f} s to clean: {share:.1%} | {_yes(share <= MAX_LEARNING_SHARE)} |"
        )
    print("\n".join(verdicts))
    print(f"\nAll targets met: {'yes' if met_all else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
