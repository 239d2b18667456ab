"""The fast line-rule engine (newline-led alternation + literal guards) decides exactly as a plain
per-line, per-rule evaluation would: each line goes to the first rule, in rulebook order, that matches it whole."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._rulebook import RULES
from newsclean._rules import (
    _LINE_PREFIX,
    _LINE_SUFFIX,
    FOLDS_TO_ANOTHER,
    CompiledRules,
    Rule,
    _alternative,
    _fold,
    _fragment_needles,
    _guard_needles,
    canonical_case,
)
from newsclean._segment import normalise_newlines, split_lines

LINE_RULES = [rule for rule in RULES if rule.scope == "line"]
_ONE_RULE = [re.compile(_LINE_PREFIX + "(?:" + _alternative(i, r) + ")" + _LINE_SUFFIX, re.MULTILINE) for i, r in enumerate(LINE_RULES)]

# Pieces that trigger many rules, plus case-folding traps: 'ſ' matches 's' and 'İ' changes length when lowered.
PIECES = [
    "Copyright 2024 Example Media", "All rights reserved.", "ALL RIGHTS RESERVED", "All rightſ reſerved",
    "Photo: Jane Doe/Reuters", "(Photo by John Roe/Getty Images)", "Markets are closed", "Canada markets closed",
    "Advertisement", "Share this article", "Read more", "Related", "Continue reading", "By Jane Doe",
    "avatar of Jane", "İstanbul", "The council met on Tuesday to discuss the budget.", "  * ", "- ", "\t", " ",
    "©", "photograph", "credit:", "reserved", "Home", "Menu", "Privacy Policy", "Terms of Use", "x", "5",
    "😀", "𝐀dvertisement",  # characters outside the BMP: offsets count code points
    # Issue 15's rule variants: arrows, decimal commas, yields, glued quotes, bracketed markers, the story
    # going on below the ad, a hyphenated Creative-Commons; and lines of one character (the lookahead).
    "DAX ▲ 18.164,06 +0,45%", "10-Yr 4.21% +0.03", "DAX®16.105,83+0,14%", "▼", "[Anzeige]", "- Anzeige -",
    "Story continues below advertisement", "This work is licensed under a Creative-Commons licence.", "•", "a",
]


def _reference(text: str) -> dict[int, str]:
    """Line index -> rule name, by trying every rule alone on every line."""
    normalised = normalise_newlines(text)
    result = {}
    for line in split_lines(text):
        if not line.text.strip():
            continue
        for rule, pattern in zip(LINE_RULES, _ONE_RULE, strict=True):
            if pattern.match(normalised, line.start):
                result[line.index] = rule.name
                break
    return result


_COMPILED = CompiledRules(LINE_RULES)


def _engine(text: str) -> dict[int, str]:
    hits = _COMPILED.apply(normalise_newlines(text), split_lines(text))
    return {index: hit.rule for index, hit in hits.lines.items()}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=4).map(" ".join), max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_engine_matches_per_line_reference(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    assert _engine(text) == _reference(text)


def test_reference_sees_the_traps() -> None:
    # The hand-checked cases the property relies on: folding keeps re's IGNORECASE meaning.
    assert _reference("All rightſ reſerved") == {0: "copyright-line"}
    assert _engine("All rightſ reſerved") == {0: "copyright-line"}
    assert _engine("Foo. All rightſ reſerved") == _reference("Foo. All rightſ reſerved")
    assert _engine("İstanbul\nAll rights reserved") == {1: "copyright-line"}
    assert _engine("The council met on Tuesday to discuss the budget.") == {}


def test_fold_keeps_offsets_and_case_equivalences() -> None:
    assert _fold("Rightſ RESERVED") == "rights reserved"
    assert _fold("İ") is None  # lowering changes the length: no folded copy, the plain alternation runs


def test_folds_to_another_lists_every_such_character() -> None:
    found = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.lower() == c and canonical_case(c) != c)
    assert found == FOLDS_TO_ANOTHER


def test_every_character_re_holds_equal_to_a_needle_character_folds_to_it() -> None:
    # The guard's soundness: where re (IGNORECASE) matches a needle, the folded text holds the folded needle.
    needles = set().union(*(_guard_needles(r) or () for r in LINE_RULES), *(_fragment_needles(r) or () for r in RULES if r.scope == "fragment"))
    assert needles
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for char in sorted(set("".join(needles))):
        for match in re.finditer(re.escape(char), everything, re.IGNORECASE):
            folded = _fold(match.group())
            assert folded is None or folded == _fold(char), (char, match.group())


def test_a_needle_with_a_character_whose_uppercase_is_several_guards_nothing() -> None:
    # 'ΐ' uppercases to three characters; re holds it equal to 'ΐ' (U+1FD3), which folds otherwise.
    assert _guard_needles(Rule("greek", "promo", pattern="[^\\n]{0,9}?\u0390\u03c3\u03c4\u03bf")) is None


def test_guard_needles() -> None:
    scan = Rule("scan", "promo", pattern=r"[^\n]{0,50}?(?:all rights reserved|tous droits)")
    # Spaces are literal here, so each alternative is one literal run.
    assert _guard_needles(scan) == frozenset({"all rights reserved", "tous droits"})
    # A rule that starts with a word is guarded too; one with an unselective literal stays in the alternation.
    assert _guard_needles(Rule("lit", "promo", pattern=r"share (?:this|it)")) == frozenset({"share "})
    assert _guard_needles(Rule("short", "promo", pattern=r"[^\n]{0,50}?(?:a|reuters)")) is None


def test_fragment_rules_run_apart_find_what_their_alternation_finds() -> None:
    first = Rule("first", "ad", scope="fragment", pattern=r"abc")
    second = Rule("second", "ad", scope="fragment", pattern=r"bcd|xyz")
    alternation = re.compile("(?P<first>(?i:abc))|(?P<second>(?i:bcd|xyz))", re.MULTILINE)
    # Apart, without overlaps; and overlapping ('abc' and 'bcd' in 'abcd'), where the alternation decides.
    for text in ("Q abc xyz\nbcd\n", "Qabcd xyz abcd\n"):
        hits = CompiledRules([first, second]).apply(text, split_lines(text)).fragments
        expected = [(m.start(), m.end(), m.lastgroup) for m in alternation.finditer(text)]
        assert [(hit.start, hit.end, hit.rule) for hit in hits] == expected
    # A rule none of whose literals is in the page is left out, and finds nothing anyway.
    assert CompiledRules([first, second]).apply("Q\n", split_lines("Q\n")).fragments == []
