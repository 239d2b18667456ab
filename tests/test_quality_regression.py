"""Quality floor: newsclean on the aeb dev corpus (inscriptis text) must keep F1 >= 0.90.

Needs the corpora (../shared/corpora, or --corpora DIR / NEWSCLEAN_CORPORA; the measuring data
is never copied into the project); benchmarks/quality.py prints the full table.
"""

from __future__ import annotations

import sys

import newsclean
from conftest import ROOT, need

MIN_AEB_F1 = 0.90


def test_aeb_dev_f1_stays_above_the_floor() -> None:
    aeb = need("corpora", "aeb-dev.jsonl")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import _metrics
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    records = _metrics.load(aeb)
    score, _ = _metrics.aeb_score(records, lambda record: newsclean.clean(record["scraped"]["inscriptis"] or ""))
    assert score.f1 >= MIN_AEB_F1, f"aeb-dev F1 {score.f1:.3f} (P {score.precision:.3f}, R {score.recall:.3f})"
