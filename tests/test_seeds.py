"""Acceptance: every expectation in ../shared/seeds/expectations.json holds."""

from __future__ import annotations

import json
import re

import pytest

import newsclean
from conftest import SEEDS

pytestmark = pytest.mark.skipif(not (SEEDS / "expectations.json").exists(), reason="../shared/seeds not present")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cases() -> list[tuple[str, str, str]]:
    if not (SEEDS / "expectations.json").exists():
        return []
    expectations = json.loads((SEEDS / "expectations.json").read_text(encoding="utf-8"))
    return [
        (name, check, snippet)
        for name, expected in expectations.items()
        if name.endswith(".txt")
        for check in ("keep", "drop", "once")
        for snippet in expected.get(check, [])
    ]


@pytest.mark.parametrize(("name", "check", "snippet"), _cases())
def test_seed_expectation(name: str, check: str, snippet: str) -> None:
    cleaned = _normalise(newsclean.clean((SEEDS / name).read_text(encoding="utf-8")))
    wanted = _normalise(snippet)
    if check == "keep":
        assert wanted in cleaned
    elif check == "drop":
        assert wanted not in cleaned
    else:
        assert cleaned.count(wanted) == 1
