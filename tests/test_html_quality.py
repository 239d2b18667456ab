"""clean_html never scores below trafilatura's default extraction, on either dev corpus (HTML input).

On a fixed sample: all of aeb-dev (aeb metric against gold_body) and every third page of traf-dev
(snippet metric), trafilatura's default extraction and clean_html both run here (about 15 s).
Needs the corpora (../shared/corpora, or --corpora DIR / NEWSCLEAN_CORPORA); the full comparison,
with site-disjoint CV and the untouched pages, is ``python benchmarks/html_quality.py``.
"""

from __future__ import annotations

import sys

import pytest

import newsclean
from conftest import ROOT, need

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import _metrics
    import html_quality
finally:
    sys.path.remove(str(ROOT / "benchmarks"))


@pytest.mark.parametrize(("corpus", "every"), [("aeb-dev", 1), ("traf-dev", 3)])
def test_clean_html_scores_at_least_trafilaturas_default(corpus: str, every: int) -> None:
    import trafilatura

    paths = [need("corpora", name) for name in html_quality.FILES[corpus] if name]
    records = html_quality.load_corpus(paths[0].parent, corpus)[::every]
    score = _metrics.aeb_score if corpus == "aeb-dev" else _metrics.traf_score
    default, _ = score(records, lambda record: trafilatura.extract(record["html"], include_comments=False) or "")
    cleaned, _ = score(records, lambda record: newsclean.clean_html(record["html"]))
    assert cleaned.f1 >= default.f1, (
        f"{corpus}, {len(records)} pages: clean_html F1 {cleaned.f1:.4f} (P {cleaned.precision:.4f}, "
        f"R {cleaned.recall:.4f}) below trafilatura's default {default.f1:.4f}"
    )
