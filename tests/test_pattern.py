"""The rule compiler's reader of patterns: trie-shaped alternations match exactly as written (the same
texts, tried in the same order), and the literals it calls required are in every match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._pattern import (
    Atom,
    Group,
    Literal,
    Repeat,
    Unsupported,
    factored,
    parse,
    required_literals,
)
from newsclean._rulebook import RULES
from newsclean._rules import CompiledRules, Rule
from newsclean._segment import split_lines

PATTERNS = [rule for rule in RULES if rule.pattern]
CASE_LINES = sorted(
    {
        line
        for path in (Path(__file__).parent / "rule_cases").glob("*.json")
        for case in json.loads(path.read_text(encoding="utf-8")).get("cases", [])
        for line in case["input"].split("\n")
        if line.strip()
    }
)


def trie(words: list[str]) -> str:
    return factored("|".join(map(re.escape, words)))


def _unfactored(alternatives: tuple[tuple[object, ...], ...]) -> str:
    def item(node: object) -> str:
        if isinstance(node, (Literal, Atom)):
            return node.source
        if isinstance(node, Group):
            return node.opening + _unfactored(node.alternatives) + ")"
        assert isinstance(node, Repeat)
        return item(node.item) + node.quantifier

    return "|".join("".join(map(item, alternative)) for alternative in alternatives)


@pytest.mark.parametrize("rule", PATTERNS, ids=lambda rule: rule.name)
def test_every_builtin_pattern_is_read_whole(rule: object) -> None:
    pattern = rule.pattern  # type: ignore[attr-defined]
    assert _unfactored(parse(pattern)) == pattern


@pytest.mark.parametrize("rule", PATTERNS, ids=lambda rule: rule.name)
def test_factored_builtin_pattern_matches_as_written(rule: object) -> None:
    flags = re.IGNORECASE if rule.ignore_case else 0  # type: ignore[attr-defined]
    written = re.compile(rule.pattern, flags | re.MULTILINE)  # type: ignore[attr-defined]
    trie_shaped = re.compile(factored(rule.pattern), flags | re.MULTILINE)  # type: ignore[attr-defined]
    for line in CASE_LINES:
        for start in range(min(len(line), 40)):
            ours, theirs = trie_shaped.match(line, start), written.match(line, start)
            assert (ours and (ours.span(), ours.groups())) == (theirs and (theirs.span(), theirs.groups())), line


def test_word_lists_of_the_rulebook_are_factored() -> None:
    menu = next(rule for rule in RULES if rule.name == "menu-words").pattern
    assert menu is not None and "home(?:page)??" in factored(menu)


def test_trie_shares_prefixes() -> None:
    assert trie(["home", "homepage", "help"]) == "h(?:ome(?:page)??|elp)"
    assert trie(["previous", "prev"]) == "prev(?:ious)?"
    assert factored("advertisement|advert|ads?") == "ad(?:vert(?:isement)?|s?)"


def test_trie_keeps_the_order_re_tries_alternatives_in() -> None:
    # Inside an atomic group the first alternative that matches is kept: 'home' before 'homepage'
    # means a line 'homepage' is not matched whole, written either way.
    for words in (["home", "homepage"], ["homepage", "home"], ["b", "a", "ab", "abc", "a"]):
        written = re.compile(f"(?>{'|'.join(words)})$")
        shaped = re.compile(f"(?>{trie(words)})$")
        for text in ("home", "homepage", "a", "ab", "abc", "b"):
            assert bool(shaped.match(text)) == bool(written.match(text)), (words, text)


def test_an_ending_word_keeps_later_words_from_moving_before_it() -> None:
    # After the shared 'a', 'bd' stays behind the empty ending that re tries between 'abc' and 'abd'.
    assert trie(["abc", "a", "abd"]) == "a(?:bc||bd)"


def test_case_equivalent_first_letters_are_not_reordered() -> None:
    # With IGNORECASE 's' and 'ſ' match the same text: 'st' may not move before 'ſx'.
    assert trie(["s", "ſx", "st"]) == "s|ſx|st"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abſ", min_size=0, max_size=4), min_size=1, max_size=6),
    st.text("abſS", max_size=5),
)
def test_trie_tries_words_in_the_written_order(words: list[str], text: str) -> None:
    for flags in (0, re.IGNORECASE):
        written = re.compile("(?>" + "|".join(map(re.escape, words)) + ")", flags)
        shaped = re.compile("(?>" + trie(words) + ")", flags)
        ours, theirs = shaped.match(text), written.match(text)
        assert (ours and ours.span()) == (theirs and theirs.span())


def test_required_literals() -> None:
    assert required_literals(parse(r"[^\n]{0,50}?(?:all rights reserved|tous droits)")) == {"all rights reserved", "tous droits"}
    assert required_literals(parse(r"ads?")) == {"ad"}
    assert required_literals(parse(r"(?:foo)?bar|baz")) == {"bar", "baz"}
    assert required_literals(parse(r"x|\d+")) is None  # one alternative needs no literal
    assert required_literals(parse(r"(?=abc)\w+")) is None  # a lookahead consumes nothing


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?P=x)", r"(?i)abc", r"(?#c)a", r"(?x:a b)", r"a)", r"[abc", r"\N{DASH}"])
def test_unsupported_syntax_is_refused(pattern: str) -> None:
    with pytest.raises(Unsupported):
        parse(pattern)


def test_a_rule_in_syntax_the_reader_does_not_know_runs_as_written() -> None:
    rule = Rule("bye", "promo", pattern=r"bye(?# a comment) bye")
    text = "The council met.\nbye bye\n"
    hits = CompiledRules([rule]).apply(text, split_lines(text))
    assert {index: hit.rule for index, hit in hits.lines.items()} == {1: "bye"}
