"""Idempotence on every dev text: each page of aeb-dev and traf-dev, both converters' texts, every preset.

Needs the corpora (../shared/corpora, or --corpora DIR / NEWSCLEAN_CORPORA). The fitted scorer judges
a cleaned page afresh, and some pages (a mega-menu peeling off a group a round) take many settle rounds
to reach the output a second run keeps as it is; this checks that they all get there.
"""

from __future__ import annotations

import json

import pytest

import newsclean
from conftest import need

CONVERTERS = ("inscriptis", "html_text")


@pytest.mark.parametrize("corpus", ["aeb-dev.jsonl", "traf-dev.jsonl"])
def test_cleaning_every_dev_text_again_changes_nothing(corpus: str) -> None:
    path = need("corpora", corpus)
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    changed = []
    for record in records:
        for converter in CONVERTERS:
            text = record["scraped"][converter] or ""
            for preset in newsclean.PRESETS:
                once = newsclean.clean(text, preset=preset)
                if newsclean.clean(once, preset=preset) != once:
                    changed.append((record["url"], converter, preset))
    assert not changed, f"{len(changed)} runs change when cleaned again, e.g. {changed[:3]}"
