"""The site model on the dev corpora: idempotent on sites-dev, a gain there, and nothing at all on aeb-dev.

Needs the corpora (../shared/corpora, or --corpora DIR / NEWSCLEAN_CORPORA; sites-dev is AGPL data,
read where it lies and never copied); benchmarks/sites.py prints the full figures.
"""

from __future__ import annotations

import gzip
import json
import sys
from typing import Any

import newsclean
from conftest import ROOT, need

CONVERTERS = ("inscriptis", "html_text")
MIN_SITES_GAIN = 0.03  # F1 over clean() alone on sites-dev, inscriptis (benchmarks/sites.py measured about +0.035)


def _metrics() -> Any:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import _metrics
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return _metrics


def _batch_model(records: list[dict[str, Any]], converter: str) -> newsclean.SiteModel:
    return newsclean.SiteModel.learn((r["url"], r["scraped"][converter] or "") for r in records)


def test_on_sites_dev_the_model_gains_and_cleaning_again_removes_nothing_more() -> None:
    path = need("corpora", "sites-dev.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    metrics = _metrics()
    for converter in CONVERTERS:
        model = _batch_model(records, converter)
        outputs = {}
        for record in records:
            once = newsclean.clean(record["scraped"][converter] or "", site=model, site_key=record["url"])
            assert newsclean.clean(once, site=model, site_key=record["url"]) == once, record["url"]
            outputs[record["id"]] = once
        if converter == "inscriptis":
            with_model, _ = metrics.aeb_score(records, lambda r, cleaned=outputs: cleaned[r["id"]])
            alone, _ = metrics.aeb_score(records, lambda r: newsclean.clean(r["scraped"]["inscriptis"] or ""))
            assert with_model.f1 >= alone.f1 + MIN_SITES_GAIN, (with_model, alone)


def test_on_aeb_dev_with_at_most_two_pages_a_site_the_output_is_byte_identical() -> None:
    records = _metrics().load(need("corpora", "aeb-dev.jsonl"))
    for converter in CONVERTERS:
        model = _batch_model(records, converter)
        for record in records:
            text = record["scraped"][converter] or ""
            assert newsclean.clean(text, site=model, site_key=record["url"]) == newsclean.clean(text)
