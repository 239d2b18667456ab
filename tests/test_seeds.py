"""Acceptance: every expectation in the seeds' expectations.json holds (../shared/seeds, or --seeds DIR)."""

from __future__ import annotations

import json
import re

import pytest

import newsclean
from conftest import data_path, need


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cases() -> list[tuple[str, str, str]]:
    expectations_file = data_path("seeds", "expectations.json")
    if not expectations_file.exists():
        return [("", "", "")]  # one test, which says what is missing
    expectations = json.loads(expectations_file.read_text(encoding="utf-8"))
    return [
        (name, check, snippet)
        for name, expected in expectations.items()
        if name.endswith(".txt")
        for check in ("keep", "drop", "once")
        for snippet in expected.get(check, [])
    ]


@pytest.mark.parametrize(("name", "check", "snippet"), _cases())
def test_seed_expectation(name: str, check: str, snippet: str) -> None:
    need("seeds", "expectations.json")
    cleaned = _normalise(newsclean.clean(need("seeds", name).read_text(encoding="utf-8")))
    wanted = _normalise(snippet)
    if check == "keep":
        assert wanted in cleaned
    elif check == "drop":
        assert wanted not in cleaned
    else:
        assert cleaned.count(wanted) == 1
