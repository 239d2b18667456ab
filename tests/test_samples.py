"""The sample articles in samples/: cleaning each gives its hand-checked expected text."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAMES = sorted(path.name[: -len(".expected.txt")] for path in SAMPLES.glob("*.expected.txt"))


def _read(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_the_quick_start_sample_exists() -> None:
    assert "markets-rally" in NAMES
    assert len(NAMES) >= 3


@pytest.mark.parametrize("name", NAMES)
def test_sample_cleans_to_expected(name: str) -> None:
    assert newsclean.clean(_read(f"{name}.txt")) == _read(f"{name}.expected.txt")


@pytest.mark.parametrize("name", NAMES)
def test_sample_cleans_to_expected_with_rules_alone(name: str) -> None:
    """Every piece of boilerplate in the samples is a named rule's: the heuristics are not needed for them."""
    assert newsclean.clean(_read(f"{name}.txt"), heuristics=False) == _read(f"{name}.expected.txt")


@pytest.mark.parametrize("name", NAMES)
def test_sample_is_idempotent(name: str) -> None:
    expected = _read(f"{name}.expected.txt")
    assert newsclean.clean(expected) == expected
