"""Every built-in line and fragment pattern stays on its line.

The rules run over the whole text at once (one alternation, ``re.MULTILINE``), so a
character class that can match a newline lets a match run on into the next line: a
hard-wrapped prose line ending in "...under a creative" was removed as a licence
footer because ``creative[\\s-]commons`` matched across the line break.
"""

from __future__ import annotations

import re

import pytest

import newsclean

# Escapes outside a class that match a newline. (The rules see the text with every line break made a
# '\n', see newsclean._segment.normalise_newlines: a '\r' is never there.)
_CROSSING_ESCAPES = ("\\s", "\\W", "\\D", "\\n", "\\v")


def newline_crossers(pattern: str) -> list[str]:
    """The pieces of *pattern* (escapes, character classes, dot-all flags) that can match a line break."""
    found: list[str] = []
    position, size = 0, len(pattern)
    while position < size:
        char = pattern[position]
        if char == "\\":
            escape = pattern[position : position + 2]
            if escape in _CROSSING_ESCAPES:
                found.append(escape)
            position += 2
        elif char == "[":
            end = position + 1
            end += pattern.startswith("^", end)
            end += pattern.startswith("]", end)  # a ']' first in a class is a literal
            while pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            chars = pattern[position : end + 1]
            if re.compile(chars).match("\n"):
                found.append(chars)
            position = end + 1
        elif pattern.startswith("(?", position):
            flags = re.match(r"\(\?([a-zA-Z-]*)[:)]", pattern[position:])
            if flags and "s" in flags.group(1).split("-")[0]:
                found.append(flags.group())
            position += 2
        else:
            position += 1
    return found


def test_the_audit_sees_the_traps() -> None:
    assert newline_crossers(r"creative[\s-]commons") == [r"[\s-]"]
    assert newline_crossers(r"a\sb\Wc\Dd") == [r"\s", r"\W", r"\D"]
    assert newline_crossers(r"[^.!?]{0,40}") == ["[^.!?]"]
    assert newline_crossers(r"(?s:.+)|(?is).") == ["(?s:", "(?is)"]
    assert newline_crossers(r"(?<=\s)-") == [r"\s"]
    # What is allowed: horizontal space, classes that exclude the line break, escaped brackets, case flags.
    assert newline_crossers(r"[^\S\n]+[^\n.]{1,9}\[x\]\S\w\d(?i:a)(?-i:B)(?<=[^\S\n])-") == []
    assert newline_crossers(r"[]a][^]\n]\\s") == []


@pytest.mark.parametrize(
    "rule", [rule for rule in newsclean.RULES if rule.pattern is not None], ids=lambda rule: rule.name
)
def test_builtin_pattern_cannot_match_a_line_break(rule: newsclean.Rule) -> None:
    assert rule.pattern is not None
    assert newline_crossers(rule.pattern) == []


@pytest.mark.parametrize(
    "rule", [rule for rule in newsclean.RULES if rule.pattern is not None], ids=lambda rule: rule.name
)
def test_builtin_pattern_in_trie_shape_cannot_match_a_line_break(rule: newsclean.Rule) -> None:
    # The engine runs each pattern as the rule compiler rewrites it (newsclean._pattern), not as written.
    from newsclean._pattern import factored

    assert rule.pattern is not None
    assert newline_crossers(factored(rule.pattern)) == []


def test_the_whole_line_regex_cannot_match_a_line_break_after_its_leading_one() -> None:
    from newsclean._rules import _whole_line_re

    line_rules = tuple(enumerate(rule for rule in newsclean.RULES if rule.scope == "line"))
    compiled = _whole_line_re(line_rules)
    assert compiled is not None and compiled.pattern.startswith("\n")
    assert newline_crossers(compiled.pattern[1:]) == []


def test_a_hard_wrapped_line_ending_in_creative_is_prose() -> None:
    text = (
        "The artists said that all the work in the show is licensed under a creative\n"
        "commons licence, which lets schools copy it freely.\n"
    )
    assert newsclean.clean_and_explain(text, heuristics=False).removals == ()


def test_the_licence_footer_is_still_removed_with_a_space_or_a_hyphen() -> None:
    body = "The council approved the budget on Tuesday after a long debate.\n"
    for footer in (
        "All content on this site is licensed under a Creative Commons Attribution 4.0 licence.",
        "Dieses Werk ist unter einer Creative-Commons-Lizenz lizenziert.",
    ):
        assert newsclean.clean(body + footer + "\n", heuristics=False) == body


def test_lines_of_one_character_that_a_rule_matches_are_known_to_the_engine() -> None:
    # A line of one character skips every line rule at once (pages of 'a' or '•' lines were 16-20 times as
    # slow as text), unless the character is one that some rule matches alone: those must be listed.
    from newsclean._rules import _LINE_PREFIX, _LINE_SUFFIX, SINGLE_CHARACTER_LINES

    alternation = "|".join(
        ("(?i:" if rule.ignore_case else "(?:") + (rule.pattern or "") + ")"
        for rule in newsclean.RULES
        if rule.scope == "line"
    )
    whole_line = re.compile(_LINE_PREFIX + "(?:" + alternation + ")" + _LINE_SUFFIX)
    matched = {chr(code) for code in range(1, 0x10000) if code not in (10, 13) and whole_line.fullmatch(chr(code))}
    assert matched <= set(SINGLE_CHARACTER_LINES)
    body = "The council approved the budget on Tuesday after a long debate.\n"
    for line in ("©", "  © ", "a", "•", "- x", "1"):
        expected = body if line.strip() == "©" else body + line + "\n"
        assert newsclean.clean(body + line + "\n", heuristics=False) == expected, repr(line)
