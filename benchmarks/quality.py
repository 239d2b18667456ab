"""Quality of newsclean beside its baselines, on both dev corpora and both converters, in one run.

    python benchmarks/quality.py [--corpora DIR] [--worst N] [--presets] [--html]
    python benchmarks/quality.py --cv [K] [--presets] [--models DIR]
    python benchmarks/quality.py --sites    (the site model on sites-dev: benchmarks/sites.py)

Methods (each reads only the page text a converter produced):

- ``no cleaning``: the whole page text;
- ``punctuation``: keep lines of at least 5 words ending in terminal punctuation;
- ``jusText``: each line wrapped as an html-escaped ``<p>`` paragraph, jusText's
  non-boilerplate paragraphs kept (stoplist of the language newsclean detects);
- ``newsclean``: :func:`newsclean.clean` with the default (balanced) preset
  (``--presets`` adds the precision and recall presets).

Prints one markdown table (F1, precision, recall per corpus / converter / method) and the pages
where newsclean scores worst. newsclean's figures there are in-sample: its model was fitted on these
pages. ``--cv K`` (K = 5 when omitted) adds the figures that count, after the baselines of the same
run: site-disjoint K-fold cross-validation, the untouched sites, the three slices and whether the
targets are met (``benchmarks/cv.py``; needs numpy, ``pip install -e '.[train]'``, and takes a few
minutes). The baselines are fitted on nothing, so their figures here are already out-of-sample.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _metrics  # noqa: E402

import newsclean  # noqa: E402
from newsclean import _language  # noqa: E402

CORPORA = _metrics.CORPORA
_PUNCT_MIN_WORDS = 5
_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*\s*$")

Extractor = Callable[[str], str]


def no_cleaning(text: str) -> str:
    return text


def punctuation_baseline(text: str) -> str:
    return "\n".join(
        line for line in text.splitlines() if len(line.split()) >= _PUNCT_MIN_WORDS and _TERMINAL.search(line)
    )


def justext_baseline(text: str) -> str:
    import justext

    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    language = _language.detect(text) or "English"
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist(language), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def newsclean_with(preset: str) -> Extractor:
    config = newsclean.Config(preset=preset)

    def extract(text: str) -> str:
        return newsclean.clean(text, config)

    return extract



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=_metrics.DEFAULT_CORPORA)
    parser.add_argument("--worst", type=int, default=8, help="how many worst newsclean pages to list per corpus")
    parser.add_argument("--presets", action="store_true", help="also measure the precision and recall presets")
    parser.add_argument("--html", action="store_true", help="also print the HTML front end's section")
    parser.add_argument("--only", choices=sorted(CORPORA), help="measure one corpus only")
    parser.add_argument(
        "--cv", type=int, nargs="?", const=5, metavar="K", help="also site-disjoint K-fold CV (default K: 5)"
    )
    parser.add_argument("--models", type=Path, help="with --cv: keep the fitted models here (reused when present)")
    parser.add_argument("--sites", action="store_true", help="measure the site model instead (benchmarks/sites.py)")
    args = parser.parse_args(argv)
    if args.sites:
        import sites

        return int(sites.main(["--corpora", str(args.corpora)]))

    methods: list[tuple[str, Extractor]] = [
        ("no cleaning", no_cleaning),
        ("punctuation (≥5 words, terminal punct.)", punctuation_baseline),
        ("jusText on lines", justext_baseline),
        ("**newsclean** (in-sample)", newsclean_with("balanced")),
    ]
    if args.presets:
        methods += [("newsclean precision", newsclean_with("precision")), ("newsclean recall", newsclean_with("recall"))]

    rows: list[str] = ["| corpus | converter | method | F1 | precision | recall |", "|---|---|---|---|---|---|"]
    worst: list[str] = []
    for corpus, (filename, score) in CORPORA.items():
        if args.only and corpus != args.only:
            continue
        path = args.corpora / filename
        if not path.exists():
            print(f"skipping {corpus}: {path} not found", file=sys.stderr)
            continue
        records = _metrics.load(path)
        for converter in _metrics.CONVERTERS:
            for name, method in methods:
                cache: dict[str, str] = {}

                def extract(record: dict[str, Any], method: Extractor = method, cache: dict[str, str] = cache) -> str:
                    text = record["scraped"][converter] or ""
                    cache[str(record["id"])] = text
                    return method(text)

                started = time.perf_counter()
                total, pages = score(records, extract)
                elapsed = time.perf_counter() - started
                rows.append(
                    f"| {corpus} | {converter} | {name} | {total.f1:.3f} | {total.precision:.3f} | {total.recall:.3f} |"
                )
                print(f"  {corpus}/{converter}/{name}: {total.f1:.3f} ({elapsed:.1f} s)", file=sys.stderr)
                if name.startswith("**newsclean**") and converter == "inscriptis":
                    ranked = sorted(pages, key=lambda p: _metrics._f1(p.precision, p.recall))[: args.worst]
                    worst.append(f"\nWorst newsclean pages, {corpus} ({converter}):\n")
                    worst.append("| id | url | P | R |\n|---|---|---|---|")
                    worst += [f"| {p.page_id} | {p.url} | {p.precision:.2f} | {p.recall:.2f} |" for p in ranked]
    print("\n".join(rows))
    print("\n".join(worst))
    if args.cv:
        import cv

        print(f"\nSite-disjoint {args.cv}-fold cross-validation (the figures that count):\n", flush=True)
        options = ["--corpora", str(args.corpora), "--folds", str(args.cv)]
        options += ["--presets"] if args.presets else []
        options += ["--models", str(args.models)] if args.models else []
        cv.main(options)

    html_module = Path(__file__).resolve().parent / "html_quality.py"
    if args.html and html_module.exists():
        spec = importlib.util.spec_from_file_location("html_quality", html_module)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            print()
            module.print_html_section(args.corpora)
    return 0


if __name__ == "__main__":
    sys.exit(main())
