"""The HTML front end on aeb-dev: trafilatura alone vs trafilatura + newsclean, in one run.

    python benchmarks/html_quality.py [--corpora DIR]

Rows (each reads the page's ``html``, scored against ``gold_body`` with the aeb metric):

- ``trafilatura (default)``: ``trafilatura.extract`` with its default settings;
- ``trafilatura (favor_precision)``: the settings :func:`newsclean.clean_html` uses;
- ``trafilatura + newsclean``: :func:`newsclean.clean_html` (default Config).

``include_comments=False`` everywhere: comments are not the article.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _metrics  # noqa: E402

CORPUS = "aeb-dev.jsonl"


def _trafilatura(**settings: Any) -> Callable[[dict[str, Any]], str]:
    import trafilatura

    def extract(record: dict[str, Any]) -> str:
        return trafilatura.extract(record["html"], include_comments=False, **settings) or ""

    return extract


def _newsclean(record: dict[str, Any]) -> str:
    import newsclean

    return newsclean.clean_html(record["html"])


METHODS: tuple[tuple[str, Callable[[dict[str, Any]], str]], ...] = (
    ("trafilatura (default)", _trafilatura()),
    ("trafilatura (favor_precision)", _trafilatura(favor_precision=True)),
    ("trafilatura + newsclean", _newsclean),
)


def print_html_section(corpora_dir: Path) -> None:
    """Print a markdown table: each method's aeb-dev F1, precision, recall and time."""
    path = Path(corpora_dir) / CORPUS
    print("\n### HTML input (aeb-dev)\n")
    if not path.exists():
        print(f"(skipped: {path} not found)")
        return
    records = [record for record in _metrics.load(path) if record.get("html")]
    print(f"{len(records)} pages; metric: aeb shingle F1 against gold_body\n")
    print("| method | F1 | precision | recall | seconds |")
    print("|---|---|---|---|---|")
    for name, method in METHODS:
        started = time.perf_counter()
        score, _ = _metrics.aeb_score(records, method)
        seconds = time.perf_counter() - started
        print(f"| {name} | {score.f1:.3f} | {score.precision:.3f} | {score.recall:.3f} | {seconds:.1f} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=_metrics.DEFAULT_CORPORA)
    args = parser.parse_args(argv)
    print_html_section(args.corpora)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
