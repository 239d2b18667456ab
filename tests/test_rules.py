"""The built-in rules, case by case, from the data in tests/rule_cases/*.json.

Each case names the rule it is about. A positive case gives the expected cleaned
text and must be cleaned by that rule (and only by rules of its kind); a negative
case is prose that merely looks like boilerplate and must come back unchanged.
Heuristics are off throughout, so every removal here is a named rule's.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import Rule

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"
MIN_CASES_PER_SIDE = 2


def _load(name: str) -> list[dict[str, Any]]:
    return json.loads((CASES_DIR / name).read_text(encoding="utf-8"))["cases"]


def _all_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.json")):
        if path.name != "known_failures.json":
            cases.extend(_load(path.name))
    return cases


CASES = _all_cases()
POSITIVE = [case for case in CASES if "expected" in case]
NEGATIVE = [case for case in CASES if case.get("unchanged")]
RULES_BY_NAME = {rule.name: rule for rule in newsclean.RULES}


def _id(case: dict[str, Any]) -> str:
    return f"{case['rule']}: {case['label']}"


def test_case_files_are_well_formed() -> None:
    labels = Counter(_id(case) for case in CASES)
    assert not [label for label, count in labels.items() if count > 1], "duplicate case labels"
    for case in CASES:
        assert case["rule"] in RULES_BY_NAME, f"{_id(case)}: unknown rule"
        assert ("expected" in case) != bool(case.get("unchanged")), f"{_id(case)}: needs 'expected' xor 'unchanged'"


def test_every_builtin_rule_has_positive_and_negative_cases() -> None:
    positives = Counter(case["rule"] for case in POSITIVE)
    negatives = Counter(case["rule"] for case in NEGATIVE)
    for rule in newsclean.RULES:
        assert positives[rule.name] >= MIN_CASES_PER_SIDE, f"{rule.name}: too few positive cases"
        assert negatives[rule.name] >= MIN_CASES_PER_SIDE, f"{rule.name}: too few negative cases"


def test_every_rule_is_described() -> None:
    for rule in newsclean.RULES:
        assert rule.kind in newsclean.KINDS
        assert rule.description and "\n" not in rule.description


@pytest.mark.parametrize("case", POSITIVE, ids=_id)
def test_positive_case(case: dict[str, Any]) -> None:
    explained = newsclean.clean_and_explain(case["input"], heuristics=False)
    assert explained.text == case["expected"]
    rules = {removal.rule for removal in explained.removals}
    assert case["rule"] in rules, f"removed by {sorted(rules)}, not {case['rule']}"
    kind = RULES_BY_NAME[case["rule"]].kind
    assert {removal.kind for removal in explained.removals} == {kind}
    for removal in explained.removals:
        assert case["input"][removal.start : removal.end] == removal.text


@pytest.mark.parametrize("case", NEGATIVE, ids=_id)
def test_negative_case(case: dict[str, Any]) -> None:
    explained = newsclean.clean_and_explain(case["input"], heuristics=False)
    assert explained.removals == ()
    assert explained.text == case["input"]


@pytest.mark.parametrize("case", POSITIVE, ids=_id)
def test_disabling_the_rule_keeps_the_text(case: dict[str, Any]) -> None:
    explained = newsclean.clean_and_explain(case["input"], heuristics=False, disabled_rules={case["rule"]})
    assert case["rule"] not in {removal.rule for removal in explained.removals}


@pytest.mark.parametrize("kind", sorted({RULES_BY_NAME[case["rule"]].kind for case in POSITIVE}))
def test_disabling_a_kind_keeps_its_boilerplate(kind: str) -> None:
    for case in POSITIVE:
        if RULES_BY_NAME[case["rule"]].kind != kind:
            continue
        removed = newsclean.clean_and_explain(case["input"], heuristics=False).removals
        explained = newsclean.clean_and_explain(case["input"], heuristics=False, disabled_kinds={kind})
        assert kind not in {removal.kind for removal in explained.removals}, _id(case)
        if "shadowed_by" in case:
            # The same line is also another kind's boilerplate ('Subscribe' is a menu word and a promo).
            assert case["shadowed_by"] in {removal.rule for removal in explained.removals}, _id(case)
            continue
        # Another kind may still claim some of it (a repeated video title is also a duplicate), not all of it.
        pieces = [line.strip() for removal in removed for line in removal.text.splitlines() if line.strip()]
        assert any(piece in explained.text for piece in pieces), _id(case)


def test_a_disabled_rule_leaves_its_line_in_place() -> None:
    text = "The vote passed.\n\nShare this article\n"
    assert newsclean.clean(text, heuristics=False) == "The vote passed.\n"
    assert newsclean.clean(text, heuristics=False, disabled_rules={"share-prompt"}) == text


# --- user rules ---------------------------------------------------------------


def test_user_line_rule_removes_a_whole_line() -> None:
    rule = Rule("house-promo", "promo", "the site's own promo line", pattern=r"listen to our podcast[^\n]*")
    text = "The vote passed.\nListen to our podcast on any app\nThe count took two days.\n"
    explained = newsclean.clean_and_explain(text, heuristics=False, extra_rules=[rule])
    assert explained.text == "The vote passed.\nThe count took two days.\n"
    assert [(r.rule, r.kind, r.text) for r in explained.removals] == [
        ("house-promo", "promo", "Listen to our podcast on any app")
    ]


def test_user_line_rule_must_match_the_whole_line() -> None:
    rule = Rule("house-promo", "promo", pattern=r"listen to our podcast")
    text = "Critics said: listen to our podcast is a bad slogan.\n"
    assert newsclean.clean(text, heuristics=False, extra_rules=[rule]) == text


def test_user_fragment_rule_removes_a_span() -> None:
    rule = Rule("tracking-tag", "ad", "a tracking tag glued to a sentence", scope="fragment", pattern=r"\[trk:\d+\]")
    text = "The vote passed.[trk:123]\nThe count took two days.\n"
    explained = newsclean.clean_and_explain(text, heuristics=False, extra_rules=(rule,))
    assert explained.text == "The vote passed.\nThe count took two days.\n"
    assert [(r.rule, r.text, r.start) for r in explained.removals] == [("tracking-tag", "[trk:123]", 16)]


def test_user_rule_respects_case_flag() -> None:
    rule = Rule("shouting", "promo", pattern=r"BREAKING", ignore_case=False)
    assert newsclean.clean("Breaking\nThe vote passed.\n", heuristics=False, extra_rules=[rule]) == (
        "Breaking\nThe vote passed.\n"
    )
    assert newsclean.clean("BREAKING\nThe vote passed.\n", heuristics=False, extra_rules=[rule]) == "The vote passed.\n"


def test_user_rule_is_switched_off_with_its_kind() -> None:
    rule = Rule("house-promo", "promo", pattern=r"listen to our podcast")
    text = "Listen to our podcast\nThe vote passed.\n"
    assert newsclean.clean(text, heuristics=False, extra_rules=[rule]) == "The vote passed.\n"
    assert newsclean.clean(text, heuristics=False, extra_rules=[rule], disabled_kinds={"promo"}) == text


# --- known failures -----------------------------------------------------------

KNOWN_FAILURES = _load("known_failures.json")


@pytest.mark.parametrize("case", KNOWN_FAILURES, ids=_id)
@pytest.mark.xfail(strict=True, reason="a known limitation, listed in tests/rule_cases/known_failures.json")
def test_known_failure(case: dict[str, Any]) -> None:
    explained = newsclean.clean_and_explain(case["input"], heuristics=False)
    assert explained.text == case["expected"]
    assert case["rule"] in {removal.rule for removal in explained.removals}
