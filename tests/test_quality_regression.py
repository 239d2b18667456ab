"""Quality floor: newsclean on the aeb dev corpus (inscriptis text) must keep F1 >= 0.90.

Runs only where ../shared/corpora is present (the measuring data is never copied
into the project); benchmarks/quality.py prints the full table.
"""

from __future__ import annotations

import sys

import pytest

import newsclean
from conftest import CORPORA, ROOT

AEB = CORPORA / "aeb-dev.jsonl"
MIN_AEB_F1 = 0.90

pytestmark = pytest.mark.skipif(not AEB.exists(), reason="../shared/corpora not present")


def test_aeb_dev_f1_stays_above_the_floor() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import _metrics
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    records = _metrics.load(AEB)
    score, _ = _metrics.aeb_score(records, lambda record: newsclean.clean(record["scraped"]["inscriptis"] or ""))
    assert score.f1 >= MIN_AEB_F1, f"aeb-dev F1 {score.f1:.3f} (P {score.precision:.3f}, R {score.recall:.3f})"
