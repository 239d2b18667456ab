"""The two dev corpora's own metrics, and their loaders (shared by the benchmark scripts).

aeb (article-extraction-benchmark): tokens are ``\\w+`` runs; 4-token shingles of
output and gold with their counts; per page TP/FP/FN are the multiset overlaps,
normalised by their sum; precision and recall are averaged over pages (nothing
predicted and nothing expected scores 1); F1 from the two averages.

traf (trafilatura's evaluation): on whitespace-normalised output, a ``with``
snippet found is a TP, missing a FN; a ``without`` snippet found is a FP.
Precision/recall/F1 over all snippets of all pages.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

DEFAULT_CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
CONVERTERS = ("inscriptis", "html_text")

# The benchmark's tokens and whitespace; training labels blocks with the same definitions.
TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


class Score(NamedTuple):
    f1: float
    precision: float
    recall: float


class PageScore(NamedTuple):
    page_id: str
    url: str
    precision: float
    recall: float


def load(path: Path) -> list[dict[str, Any]]:
    """All records of a JSON Lines corpus file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def aeb_page(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of one page under the aeb shingle metric."""
    got, want = _shingles(predicted), _shingles(gold)
    if not got and not want:
        return 1.0, 1.0
    tp = sum((got & want).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def aeb_score(
    records: list[dict[str, Any]], extract: Callable[[dict[str, Any]], str]
) -> tuple[Score, list[PageScore]]:
    """Average aeb precision/recall over pages; also return per-page scores."""
    pages = []
    for record in records:
        precision, recall = aeb_page(extract(record), record["gold_body"])
        pages.append(PageScore(str(record["id"]), record.get("url", ""), precision, recall))
    precision = sum(p.precision for p in pages) / len(pages)
    recall = sum(p.recall for p in pages) / len(pages)
    return Score(_f1(precision, recall), precision, recall), pages


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def traf_counts(predicted: str, record: dict[str, Any]) -> tuple[int, int, int, int]:
    """TP, FN, FP, TN of one traf page."""
    text = normalise(predicted)
    tp = fn = fp = tn = 0
    for snippet in record.get("with", []):
        if normalise(snippet) in text:
            tp += 1
        else:
            fn += 1
    for snippet in record.get("without", []):
        if normalise(snippet) in text:
            fp += 1
        else:
            tn += 1
    return tp, fn, fp, tn


def traf_score(
    records: list[dict[str, Any]], extract: Callable[[dict[str, Any]], str]
) -> tuple[Score, list[PageScore]]:
    """Snippet precision/recall over the whole corpus; per-page scores for finding the worst pages."""
    total_tp = total_fn = total_fp = 0
    pages = []
    for record in records:
        tp, fn, fp, _ = traf_counts(extract(record), record)
        total_tp, total_fn, total_fp = total_tp + tp, total_fn + fn, total_fp + fp
        page_p = tp / (tp + fp) if tp + fp else 1.0
        page_r = tp / (tp + fn) if tp + fn else 1.0
        pages.append(PageScore(str(record["id"]), record.get("url", ""), page_p, page_r))
    precision = total_tp / (total_tp + total_fp) if total_tp + total_fp else 0.0
    recall = total_tp / (total_tp + total_fn) if total_tp + total_fn else 0.0
    return Score(_f1(precision, recall), precision, recall), pages


# Each corpus: its file and its metric.
CORPORA = {"aeb-dev": ("aeb-dev.jsonl", aeb_score), "traf-dev": ("traf-dev.jsonl", traf_score)}


def scraped(converter: str) -> Callable[[dict[str, Any]], str]:
    """The record's page text as the given converter dumped it."""

    def text(record: dict[str, Any]) -> str:
        return record["scraped"][converter] or ""

    return text


def iter_texts(records: list[dict[str, Any]], converter: str = "inscriptis") -> Iterator[str]:
    for record in records:
        yield record["scraped"][converter] or ""
