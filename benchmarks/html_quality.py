"""HTML input on both dev corpora: trafilatura's own settings against clean_html, validated by site.

    python benchmarks/html_quality.py [--corpora DIR] [--folds K]

Corpora: aeb-dev (each page's ``html``; the aeb metric against ``gold_body``) and traf-dev (the HTML of
``traf-dev-html.jsonl.gz`` joined by id; the snippet metric with ``with`` / ``without``), as
``_metrics.py`` defines them. Rows, per corpus:

- ``trafilatura default`` / ``favor_precision`` / ``favor_recall``: ``trafilatura.extract`` alone
  (``include_comments=False``); nothing is fitted, so their in-sample and CV figures are one number;
- ``clean_html``: :func:`newsclean.clean_html` as shipped (in-sample and untouched), and the way its
  configuration is chosen, validated (CV).

How the configuration is chosen. A candidate is a :class:`newsclean._html.Extraction`: trafilatura's
settings tried first; optionally another setting as a fallback, made when the first extraction holds
less than a share of the page's text and taken when the first holds less than a share of the fallback's
(the shares: :data:`RATIOS`); and newsclean's rules after extraction, or none. On a set of pages the
best candidate gains most F1 over trafilatura's default extraction, on average over the corpora, among
the candidates that lose on neither (``clean_html`` must not fall below the default on either corpus);
ties go to the simpler or cheaper candidate, listed first. The pages are split by site (``_folds.py``):
the untouched fifth of the sites is scored apart, in aggregate only; the rest is cut into K
site-disjoint folds. CV: for each fold, the candidate chosen on the other folds is scored on it; the
figures pool all held-out pages. In-sample: the candidate chosen on all touched pages, scored on them;
that candidate is what ``clean_html`` ships, and the run checks that ``clean_html`` gives the very text
the candidate predicts on every page. A second table shows what each kind of choice adds, with the
procedures that choose less (or more: the rules but one kind).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import newsclean
from newsclean._html import (
    EXTRACTION,
    TRAFILATURA_SETTINGS,
    Extraction,
    _chars,
    _parse,
    choose_extraction,
    clean_extraction,
    extract_with,
    page_text_lines,
    visible_chars,
)

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:  # imported by a test, which has put it there (and takes it away)
    sys.path.insert(0, _HERE)

import _folds  # noqa: E402
import _metrics  # noqa: E402

AEB, TRAF = "aeb-dev", "traf-dev"
SETTINGS = TRAFILATURA_SETTINGS
FILES = {AEB: ("aeb-dev.jsonl", None), TRAF: ("traf-dev.jsonl", "traf-dev-html.jsonl.gz")}
LABELS = {"default": "trafilatura default", "precision": "favor_precision", "recall": "favor_recall"}
# Fallback ratios tried: the first extraction is replaced when it holds less than this share of the
# fallback's. The fallback is made when the first holds less than this share of the page's text, or half
# of it (a second extraction is made less often; tried first, so it wins a tie).
RATIOS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.9)
UNTOUCHED = -1  # a page's part when its site is untouched (else its CV fold)


class Page(NamedTuple):
    corpus: str
    record: dict[str, Any]
    html: str
    part: int
    page_lines: list[str]
    chars: int  # non-space characters of its text
    extractions: dict[str, str]  # settings name -> trafilatura's text
    cleaned: str  # what clean_html gives


def load_corpus(corpora: Path, corpus: str) -> list[dict[str, Any]]:
    """The corpus's records that have HTML, with it under ``html`` (traf-dev's joined by id from its own file)."""
    name, html_name = FILES[corpus]
    records = _metrics.load(corpora / name)
    if html_name:
        with gzip.open(corpora / html_name, "rt", encoding="utf-8") as handle:
            html = {row["id"]: row["html"] for row in map(json.loads, handle) if row.get("html")}
        records = [dict(record, html=html[record["id"]]) for record in records if record["id"] in html]
    return [record for record in records if record.get("html")]


def load_pages(corpora: Path) -> dict[str, list[dict[str, Any]]]:
    """Each corpus found in *corpora* (see :func:`load_corpus`); a missing one is skipped, with a note."""
    loaded = {}
    for corpus, names in FILES.items():
        missing = [corpora / name for name in names if name and not (corpora / name).exists()]
        if missing:
            print(f"(skipped {corpus}: {missing[0]} not found)")
        else:
            loaded[corpus] = load_corpus(corpora, corpus)
    return loaded


def extract_pages(loaded: dict[str, list[dict[str, Any]]], folds: int) -> tuple[list[Page], dict[str, float]]:
    """Every page with trafilatura's three extractions, its own text and clean_html's; seconds spent on each.

    Each page is given to the four in turn, so that a busy machine slows them alike.
    """
    seconds = dict.fromkeys([*SETTINGS, "clean_html"], 0.0)
    pages = []
    for corpus, records in loaded.items():
        for record in records:
            site = _folds.site_of(record.get("url") or str(record["id"]))
            part = UNTOUCHED if _folds.untouched(site) else _folds.fold(site, folds)
            texts = {}
            for name in seconds:
                started = time.perf_counter()
                texts[name] = newsclean.clean_html(record["html"]) if name == "clean_html" else extract_with(name, record["html"])
                seconds[name] += time.perf_counter() - started
            tree = _parse(record["html"])
            cleaned = texts.pop("clean_html")
            pages.append(Page(corpus, record, record["html"], part, page_text_lines(tree), visible_chars(tree), texts, cleaned))
    return pages, seconds


def family(firsts: Iterable[str], fallbacks: bool, rules: Iterable[tuple[bool, frozenset[str]]]) -> list[Extraction]:
    """The configurations of a procedure, simplest first (a tie goes to the first).

    *firsts*: trafilatura settings tried first; *fallbacks*: whether a fallback to another setting at
    each ratio of :data:`RATIOS` is tried; *rules*: (run the rules, kinds switched off) pairs.
    ``repeated-line`` never runs on an extraction: that is a guarantee (a line repeated in an article,
    a recipe step or table row, is body), not a tuned choice.
    """
    extractions: list[tuple[str, str | None, float, float]] = [(first, None, 0.0, 0.0) for first in firsts]
    if fallbacks:
        extractions += [
            (first, other, page_ratio, ratio)
            for first in firsts
            for other in SETTINGS
            if other != first
            for ratio in RATIOS
            for page_ratio in (ratio / 2, ratio)
        ]
    return [
        Extraction(*extraction, run_rules, frozenset({"repeated-line"}), kinds)
        for run_rules, kinds in rules
        for extraction in extractions
    ]


def procedures() -> dict[str, list[Extraction]]:
    """The ways of choosing clean_html's configuration compared by CV, each adding choices to the last."""
    rules, none = (True, frozenset[str]()), (False, frozenset[str]())
    but_one = [(True, frozenset({kind})) for kind in sorted({rule.kind for rule in newsclean.RULES} - {"duplicate"})]
    return {
        "nothing chosen: trafilatura default, then the rules": family(["default"], False, [rules]),
        "trafilatura's settings": family(SETTINGS, False, [rules]),
        "settings and a fallback": family(SETTINGS, True, [rules]),
        "settings, fallback, rules or none (**clean_html**)": family(SETTINGS, True, [rules, none]),
        "... or the rules but one kind": family(SETTINGS, True, [rules, none, *but_one]),
    }


CLEAN_HTML = "settings, fallback, rules or none (**clean_html**)"


def describe(how: Extraction) -> str:
    first = LABELS[how.first]
    if how.fallback is not None:
        first += f", else {LABELS[how.fallback]} below {how.ratio:g}x (made below {how.page_ratio:g}x the page)"
    if not how.rules:
        return f"{first}; no rules"
    off = sorted(how.disabled_kinds) + sorted(how.disabled_rules - {"repeated-line"})
    return f"{first}; rules" + (f" but {', '.join(off)}" if off else "")


class Scorer:
    """Per-page metric counts of any text, remembered, and their totals over sets of pages."""

    def __init__(self, pages: list[Page]) -> None:
        self.pages = pages
        self._counts: dict[tuple[int, str], tuple[float, ...]] = {}
        self._outputs: dict[tuple[int, Any], str] = {}
        self._chosen: dict[tuple[int, Any], str] = {}

    def counts(self, index: int, text: str) -> tuple[float, ...]:
        key = (index, text)
        if key not in self._counts:
            page = self.pages[index]
            if page.corpus == AEB:
                self._counts[key] = _metrics.aeb_page(text, page.record["gold_body"])
            else:
                self._counts[key] = _metrics.traf_counts(text, page.record)[:3]
        return self._counts[key]

    def output(self, index: int, how: Extraction) -> str:
        """What clean_html would give for the page with the configuration *how*."""
        page = self.pages[index]
        extraction_key = (index, (how.first, how.fallback, how.page_ratio, how.ratio))
        if extraction_key not in self._chosen:
            self._chosen[extraction_key] = choose_extraction(page.extractions.__getitem__, page.chars, how)
        extracted = self._chosen[extraction_key]
        key = (index, (extracted, how.rules, how.disabled_rules, how.disabled_kinds))
        if key not in self._outputs:
            self._outputs[key] = clean_extraction(extracted, page.page_lines, newsclean.Config(), how)[1].text
        return self._outputs[key]

    def total(self, corpus: str, counts: Iterable[tuple[float, ...]]) -> _metrics.Score:
        rows = list(counts)
        if corpus == AEB:  # precision and recall averaged over pages
            precision = statistics.fmean(row[0] for row in rows)
            recall = statistics.fmean(row[1] for row in rows)
        else:  # snippets pooled over pages
            tp, fn, fp = (sum(row[i] for row in rows) for i in range(3))
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
        return _metrics.Score(_metrics._f1(precision, recall), precision, recall)

    def score(self, indices: list[int], text_of: Callable[[int], str]) -> dict[str, _metrics.Score]:
        """Each corpus's score over the pages *indices*, the text of a page being ``text_of(index)``."""
        by_corpus: dict[str, list[tuple[float, ...]]] = {}
        for index in indices:
            by_corpus.setdefault(self.pages[index].corpus, []).append(self.counts(index, text_of(index)))
        return {corpus: self.total(corpus, counts) for corpus, counts in by_corpus.items()}

    def choose(self, indices: list[int], tried: list[Extraction]) -> Extraction:
        """The best of the configurations *tried* on the pages *indices*.

        Best: the highest mean gain in F1 over trafilatura's default extraction across the corpora,
        among the configurations that lose on neither; if all lose somewhere, the one that loses least.
        """
        baseline = self.score(indices, lambda index: self.pages[index].extractions["default"])
        best, best_key = tried[0], (False, float("-inf"))
        for how in tried:
            scores = self.score(indices, lambda index: self.output(index, how))
            gains = [scores[corpus].f1 - baseline[corpus].f1 for corpus in scores]
            key = (min(gains) >= 0, statistics.fmean(gains) if min(gains) >= 0 else min(gains))
            if key > best_key:
                best, best_key = how, key
        return best

    def cross_validate(
        self, touched: list[int], folds: int, tried: list[Extraction]
    ) -> tuple[dict[int, str], list[Extraction]]:
        """Each touched page's text with the configuration chosen on the other folds; the choice per fold."""
        held_out: dict[int, str] = {}
        chosen = []
        for k in range(folds):
            train = [i for i in touched if self.pages[i].part != k]
            how = self.choose(train, tried)
            chosen.append(how)
            held_out.update((i, self.output(i, how)) for i in touched if self.pages[i].part == k)
        return held_out, chosen


def _cell(score: _metrics.Score | None) -> str:
    return "–" if score is None else f"{score.f1:.3f} ({score.precision:.3f} / {score.recall:.3f})"


def print_html_section(corpora_dir: Path, folds: int = 5) -> None:
    """Print, per corpus, trafilatura's settings and clean_html: in-sample, CV and untouched F1 (P / R)."""
    print(f"\n### HTML input: trafilatura alone and clean_html ({folds}-fold CV by site)\n")
    loaded = load_pages(Path(corpora_dir))
    if not loaded:
        return
    started = time.perf_counter()
    pages, seconds = extract_pages(loaded, folds)
    print(f"(trafilatura's extractions and clean_html: {time.perf_counter() - started:.0f} s)", file=sys.stderr)
    shipped = [page.cleaned for page in pages]

    scorer = Scorer(pages)
    touched = [i for i, page in enumerate(pages) if page.part != UNTOUCHED]
    untouched = [i for i, page in enumerate(pages) if page.part == UNTOUCHED]
    compared = []
    for name, tried in procedures().items():
        held_out, per_fold = scorer.cross_validate(touched, folds, tried)
        chosen = scorer.choose(touched, tried)
        inside = scorer.score(touched, lambda index: scorer.output(index, chosen))
        compared.append((name, len(tried), inside, scorer.score(touched, held_out.__getitem__), chosen))
        if name == CLEAN_HTML:
            clean_html_cv, clean_html_folds, clean_html_chosen = compared[-1][3], per_fold, chosen
        print(f"({name}: chosen)", file=sys.stderr)

    rows: dict[str, tuple[dict[str, _metrics.Score], ...]] = {}
    for settings in SETTINGS:

        def alone(index: int) -> str:
            return pages[index].extractions[settings]

        fixed = scorer.score(touched, alone)
        rows[LABELS[settings]] = (fixed, fixed, scorer.score(untouched, alone))
    rows["**clean_html**"] = (
        scorer.score(touched, shipped.__getitem__),
        clean_html_cv,
        scorer.score(untouched, shipped.__getitem__),
    )
    for corpus, records in loaded.items():
        n_touched = sum(1 for i in touched if pages[i].corpus == corpus)
        metric = "aeb shingle metric against gold_body" if corpus == AEB else "snippets with / without"
        print(f"**{corpus}**: {len(records)} pages, {n_touched} touched, {len(records) - n_touched} untouched; {metric}\n")
        print("| method | in-sample F1 (P / R) | CV F1 (P / R) | untouched F1 (P / R) |")
        print("|---|---|---|---|")
        for name, (inside, cv, apart) in rows.items():
            print(f"| {name} | {_cell(inside.get(corpus))} | {_cell(cv.get(corpus))} | {_cell(apart.get(corpus))} |")
        print()

    print("What each choice adds (F1; `repeated-line` never runs on an extraction):\n")
    print("| chosen on the training folds | candidates | " + " | ".join(f"{c} in-sample | {c} CV" for c in loaded) + " | chosen on all touched pages |")
    print("|---|---|" + "---|---|" * len(loaded) + "---|")
    for name, count, inside, cv, chosen in compared:
        figures = " | ".join(f"{inside[c].f1:.4f} | {cv[c].f1:.4f}" for c in loaded)
        print(f"| {name} | {count} | {figures} | {describe(chosen)} |")
    print("\nclean_html's configuration chosen per held-out fold:\n")
    for k, how in enumerate(clean_html_folds):
        print(f"- fold {k}: {describe(how)}")
    print(f"\nclean_html runs: {describe(EXTRACTION)}")
    if clean_html_chosen != EXTRACTION:
        print(f"**but the configuration chosen on all touched pages is: {describe(clean_html_chosen)}**")
    if EXTRACTION.fallback is not None:
        made = taken = 0
        for page in pages:
            first = page.extractions[EXTRACTION.first]
            made += _chars(first) < EXTRACTION.page_ratio * page.chars
            taken += choose_extraction(page.extractions.__getitem__, page.chars) is not first
        print(f"It makes the fallback extraction on {made} of the {len(pages)} pages and takes it on {taken}.")
    differ = sum(1 for i, text in enumerate(shipped) if text != scorer.output(i, EXTRACTION))
    if differ:
        print(f"**clean_html's text differs from what its configuration gives here on {differ} pages**")
    print(
        f"\nSeconds for all {len(pages)} pages (same run, parsing included): "
        + ", ".join(f"{LABELS.get(name, name)} {value:.1f}" for name, value in seconds.items())
        + f"; clean_html / trafilatura default: {seconds['clean_html'] / seconds['default']:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=_metrics.DEFAULT_CORPORA)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (by site; default 5)")
    args = parser.parse_args(argv)
    print_html_section(args.corpora, args.folds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
