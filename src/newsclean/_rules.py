"""Rules as data, and the engine that applies a set of them to a text.

A rule has a name, a kind and a one-line description, and one of three scopes:

``line``
    ``pattern`` must match a whole line (leading/trailing whitespace and a list
    bullet are allowed around it); the line is removed.
``fragment``
    ``pattern`` matches a span inside a line (an ad marker glued to a sentence);
    the span is removed, the rest of the line stays. An optional ``accept``
    callable, given the match, can veto it.
``run``
    ``detect`` is given all lines and yields ``(first, stop)`` index ranges of
    lines to remove together (a ticker widget, a repeated headline).

Built-in patterns are compiled once (on first use) with their word alternations
in trie shape (see ``newsclean._pattern``). A line rule every match of which
holds one of its literals (a word of two or more letters) runs only on the lines
that hold one, found for all rules at once by an Aho-Corasick pass over the
case-folded text; the other line rules run as one alternation tried at each line
start. A fragment rule runs only on pages that hold one of its literals. User
patterns run with the ``regex`` module under a time limit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Literal, NamedTuple

import ahocorasick  # type: ignore[import-not-found]  # a C extension without type information

from newsclean._pattern import (
    Unsupported,
    factored,
    parse,
    required_literals,
)
from newsclean._segment import Line

Scope = Literal["line", "fragment", "run"]
RunDetector = Callable[[Sequence[Line]], Iterable[tuple[int, int]]]
FragmentFilter = Callable[["re.Match[str]"], bool]

# Around a line pattern: indentation, an optional list bullet, trailing space.
# Possessive quantifiers keep a long run of spaces from being re-scanned once per alternative.
_LINE_PREFIX = r"^[^\S\n]*+(?:[*•·‣▪◦●–—-][^\S\n]++)?+"
_LINE_SUFFIX = r"[^\S\n]*+$"
# The only characters that a built-in line rule matches as a line of their own (tests/test_rule_patterns.py
# tries them all): any other line of one character skips the line rules at once.
SINGLE_CHARACTER_LINES = "©"


@dataclass(frozen=True)
class Rule:
    """A named boilerplate rule.

    Users create their own with a name, a kind and a ``pattern`` (scope ``line``
    or ``fragment``); built-in ``run`` rules use a ``detect`` function instead.
    """

    name: str
    kind: str
    description: str = ""
    scope: Scope = "line"
    pattern: str | None = None
    ignore_case: bool = True
    detect: RunDetector | None = field(default=None, compare=False)
    # A run rule that judges what is left after the heuristics (repeats among the kept lines only).
    after_heuristics: bool = False
    accept: FragmentFilter | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.scope not in ("line", "fragment", "run"):
            raise ValueError(f"rule {self.name!r}: scope must be line, fragment or run, not {self.scope!r}")
        if self.scope == "run":
            if self.detect is None:
                raise ValueError(f"rule {self.name!r}: a run rule needs a detect function")
        elif not self.pattern:
            raise ValueError(f"rule {self.name!r}: a {self.scope} rule needs a pattern")


class Hit(NamedTuple):
    """A span of the input that a rule (or a heuristic) removes, and why."""

    start: int
    end: int
    rule: str
    kind: str
    reason: str

    @classmethod
    def of(cls, start: int, end: int, rule: Rule) -> Hit:
        return cls(start, end, rule.name, rule.kind, rule.description)


class RuleHits(NamedTuple):
    """What the rules found: whole lines, spans inside lines, and any warnings."""

    lines: dict[int, Hit]  # line index -> the first rule that removes it
    fragments: list[Hit]
    warnings: list[str]


def _group_name(i: int) -> str:
    return f"r{i}"


def _alternative(i: int, rule: Rule) -> str:
    flags = "(?i:" if rule.ignore_case else "(?:"
    return f"(?P<{_group_name(i)}>{flags}{_source(rule.pattern or '')}))"


class CompiledRules:
    """A set of rules compiled for repeated use; cheap to pickle (patterns recompile)."""

    def __init__(self, builtin: Sequence[Rule], user: Sequence[Rule] = (), timeout: float = 1.0) -> None:
        self.builtin = tuple(builtin)
        self.user = tuple(user)
        self.timeout = timeout
        line_rules = [r for r in self.builtin if r.scope == "line"]
        fragment_rules = [r for r in self.builtin if r.scope == "fragment"]
        self.run_rules = [r for r in self.builtin if r.scope == "run"]
        self._line_order = tuple(line_rules)
        # A rule that can begin anywhere in a line (a lazy scan for a keyword) costs a full scan of every
        # line inside the one alternation; if every match must contain one of a few selective literals,
        # it runs apart, only on the lines where one of its literals occurs.
        guarded: list[tuple[int, frozenset[str]]] = []
        plain: list[int] = []
        for i, rule in enumerate(line_rules):
            required = _guard_needles(rule)
            if required is None:
                plain.append(i)
            else:
                guarded.append((i, required))
        self._plain = tuple((i, line_rules[i]) for i in plain)
        self._guarded = tuple(i for i, _ in guarded)  # bit k of a line's mask stands for rule self._guarded[k]
        self._guarded_res: list[re.Pattern[str] | None] = [None] * len(guarded)
        # A fragment rule runs only on pages that hold one of its literals (if it has any): most pages
        # hold no ad marker. Bit len(guarded) + j stands for fragment rule j. See _fragment_matches.
        self._fragment_order = tuple(fragment_rules)
        fragment_needles = [_fragment_needles(rule) for rule in fragment_rules]
        self._fragment_bits = tuple(
            None if needles is None else 1 << (len(guarded) + j) for j, needles in enumerate(fragment_needles)
        )
        # Where all those literals occur in the folded text: one pass of an Aho-Corasick automaton.
        masks: dict[str, int] = {}
        for bit, needles in enumerate([needles for _, needles in guarded] + fragment_needles):
            for needle in needles or ():
                masks[needle] = masks.get(needle, 0) | 1 << bit
        self._automaton = _automaton(masks)
        if self.user:
            import regex  # only user rules need it: importing newsclean stays light

        self._user = [
            (rule, regex.compile(rule.pattern or "", regex.IGNORECASE if rule.ignore_case else 0)) for rule in self.user
        ]

    def __reduce__(self) -> tuple[object, ...]:
        return (CompiledRules, (self.builtin, self.user, self.timeout))

    def apply(self, text: str, lines: Sequence[Line]) -> RuleHits:
        """Run the line, fragment and user rules over *text* (newline-normalised, see
        ``normalise_newlines``); ``run`` rules go after the cuts, see :meth:`apply_runs`."""
        line_hits: dict[int, Hit] = {}
        fragments: list[Hit] = []
        warnings: list[str] = []
        starts = [line.start for line in lines]
        folded = _fold(text)
        # Line index -> mask of the rules (see __init__) one of whose literals the line holds.
        leads: dict[int, int] = {}
        if folded is not None and self._automaton is not None:
            get = leads.get
            for end, (length, mask) in self._automaton.iter(folded):
                index = bisect_right(starts, end - length + 1) - 1  # _line_at, inlined: once per literal found
                leads[index] = get(index, 0) | mask
        self._apply_line_rules(text, folded, lines, starts, leads, line_hits)
        page_mask = 0
        for mask in leads.values():
            page_mask |= mask
        for match, rule in self._fragment_matches(text, folded, page_mask):
            start, end = match.span()
            if start == end or "\n" in match.group():
                continue
            if _line_at(starts, start) in line_hits:
                continue
            if rule.accept is None or rule.accept(match):
                fragments.append(Hit.of(start, end, rule))
        if self._user:
            self._apply_user(text, lines, line_hits, fragments, warnings)
        return RuleHits(line_hits, fragments, warnings)

    def _fragment_matches(self, text: str, folded: str | None, page_mask: int) -> list[tuple[re.Match[str], Rule]]:
        """What the one alternation of the fragment rules finds in *text*, in order, each match with its rule.

        A rule none of whose literals occurs in the text cannot match, so it is left out. The others run
        apart (each with its own literal prefix, much faster than their alternation) as long as no two of
        their matches overlap or are empty: then the alternation would have found the same matches.
        """
        rules = self._fragment_order
        live = tuple(i for i, bit in enumerate(self._fragment_bits) if bit is None or folded is None or page_mask & bit)
        found = sorted(
            ((match.start(), i, match) for i in live for match in _fragment_alternation(rules, (i,)).finditer(text)),
            key=lambda item: item[:2],
        )
        end = -1
        for start, _, match in found:
            if start < end or match.end() == start:
                if len(live) > 1:
                    matches = _fragment_alternation(rules, live).finditer(text)
                    return [(match, rules[int((match.lastgroup or "r")[1:])]) for match in matches]
                break
            end = match.end()
        return [(match, rules[i]) for _, i, match in found]

    def apply_runs(
        self, lines: Sequence[Line], removed: Mapping[int, Hit], after_heuristics: bool = False
    ) -> dict[int, Hit]:
        """The lines (by ``Line.index``) that ``run`` rules of the given stage remove, besides *removed*.

        *lines* may be a subsequence of the page (what is left of it); detectors see the lines in
        *removed*, and those an earlier detector removed, as blank.
        """
        found: dict[int, Hit] = {}
        view = [line.blanked() if line.index in removed else line for line in lines]
        for rule in self.run_rules:
            if rule.after_heuristics != after_heuristics:
                continue
            assert rule.detect is not None
            newly = []
            for first, stop in rule.detect(view):
                for position in range(first, stop):
                    line = view[position]
                    if line.index not in found and line.text.strip():
                        found[line.index] = Hit.of(line.start, line.end, rule)
                        newly.append(position)
            for position in newly:
                view[position] = view[position].blanked()
        return found

    def whole_line_rule(self, content: str) -> Rule | None:
        """The first built-in line rule that matches *content* (one line) whole, if any."""
        if not content.strip():
            return None
        position = first_whole_line_rule(self._line_order, content)
        return None if position is None else self._line_order[position]

    def _apply_line_rules(
        self,
        text: str,
        folded: str | None,
        lines: Sequence[Line],
        starts: list[int],
        leads: dict[int, int],
        line_hits: dict[int, Hit],
    ) -> None:
        # Each line goes to the first rule (in rulebook order) that matches it whole. Rules are
        # independent per line (the line prefix is possessive), so the rules run apart can be merged
        # with the alternation's hits by keeping the lowest rule position.
        # The whole-line regexes are led by the newline before each line (see _whole_line_re): with one
        # put before the text, a line's newline stands at the line's own offset in the text.
        padded = "\n" + text
        if folded is None and self._guarded:
            # Folding would shift offsets (a rare character such as 'İ'): all rules run in one alternation.
            line_re = _whole_line_re(tuple(enumerate(self._line_order)))
        else:
            line_re = self._plain_re
        order: dict[int, int] = {}
        if line_re is not None:
            for match in line_re.finditer(padded):
                order.setdefault(_line_at(starts, match.start()), int((match.lastgroup or "r")[1:]))
        guarded, compiled = self._guarded, self._guarded_res
        for index, mask in leads.items():
            best = order.get(index, len(self._line_order))
            k = 0
            while mask:  # the guarded rules whose literal the line holds, lowest bit (first rule) first
                if mask & 1:
                    position = guarded[k] if k < len(guarded) else best  # a fragment rule's bit ends it
                    if position >= best:
                        break
                    rule_re = compiled[k] or self._compile_guarded(k)
                    if rule_re.match(padded, lines[index].start):
                        order[index] = position
                        break
                mask >>= 1
                k += 1
        for index in sorted(order):
            line = lines[index]
            if not line.is_blank:
                line_hits[index] = Hit.of(line.start, line.end, self._line_order[order[index]])

    @cached_property
    def _plain_re(self) -> re.Pattern[str] | None:
        return _whole_line_re(self._plain)

    def _compile_guarded(self, k: int) -> re.Pattern[str]:
        """The whole-line regex of guarded rule *k*, compiled on the first line that holds its literal."""
        position = self._guarded[k]
        compiled = _whole_line_re(((position, self._line_order[position]),))
        assert compiled is not None  # one rule given
        self._guarded_res[k] = compiled
        return compiled

    def _apply_user(
        self,
        text: str,
        lines: Sequence[Line],
        line_hits: dict[int, Hit],
        fragments: list[Hit],
        warnings: list[str],
    ) -> None:
        for rule, pattern in self._user:
            try:
                for line in lines:
                    if line.index in line_hits or line.is_blank:
                        continue
                    content = text[line.start : line.end]
                    if rule.scope == "line":
                        stripped = content.strip()
                        if pattern.fullmatch(stripped, timeout=self.timeout):
                            line_hits[line.index] = Hit.of(line.start, line.end, rule)
                    else:
                        for match in pattern.finditer(content, timeout=self.timeout):
                            if match.end() > match.start():
                                fragments.append(Hit.of(line.start + match.start(), line.start + match.end(), rule))
            except TimeoutError:
                warnings.append(
                    f"rule {rule.name!r} took longer than {self.timeout:g} s on line {line.index + 1} and was skipped"
                )


def _line_at(starts: Sequence[int], offset: int) -> int:
    """Index of the line containing *offset*."""
    return bisect_right(starts, offset) - 1


@lru_cache(maxsize=64)
def _whole_line_re(rules: tuple[tuple[int, Rule], ...]) -> re.Pattern[str] | None:
    """The whole-line alternation of *rules* (position, rule), led by the newline before the line: the
    regex engine then jumps from newline to newline (a literal prefix) instead of trying the alternation
    at every character. Match it on the text with a newline put before it. Group ``r<position>`` tells
    which rule matched."""
    if not rules:
        return None
    # The lookahead first: blank lines (often most of a page) and lines of one character fail at once
    # instead of trying every alternative.
    body = (
        f"(?=[^\n]{{2}}|[{re.escape(SINGLE_CHARACTER_LINES)}])(?:"
        + "|".join(_alternative(i, rule) for i, rule in rules)
        + ")"
        + _LINE_SUFFIX
    )
    return re.compile("\n" + _LINE_PREFIX[1:] + body, re.MULTILINE)


def first_whole_line_rule(rules: tuple[Rule, ...], content: str) -> int | None:
    """The position in *rules* of the first line rule that matches *content* (one line) whole, if any.
    The regex is compiled once per set of rules, on first use."""
    line_re = _whole_line_re(tuple(enumerate(rules)))
    match = line_re.match("\n" + content) if line_re is not None else None
    if match is None or match.end() != len(content) + 1:
        return None
    return int((match.lastgroup or "r")[1:])


def _automaton(masks: dict[str, int]) -> ahocorasick.Automaton | None:
    """An automaton that finds every occurrence of the literals in *masks*, reporting (last index,
    (length, mask)); None if there are none."""
    if not masks:
        return None
    automaton = ahocorasick.Automaton()
    for needle, mask in masks.items():
        automaton.add_word(needle, (len(needle), mask))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=16)
def _fragment_alternation(rules: tuple[Rule, ...], live: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_alternative(i, rules[i]) for i in live), re.MULTILINE)


# --- literal guards ----------------------------------------------------------------------------


@cache
def _source(pattern: str) -> str:
    """*pattern* with its word alternations in trie shape (as written if the reader does not know its
    syntax: a user's pattern, say). Asked when a rule is compiled."""
    try:
        return factored(pattern)
    except Unsupported:
        return pattern


@cache
def _needles(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of *pattern* contains (None: not known)."""
    try:
        return required_literals(parse(pattern))
    except Unsupported:
        return None


_MIN_NEEDLE = 2  # a one-character ASCII literal ('.', ':', 'x') is in nearly every line: no guard

# Case folding that keeps offsets and re's IGNORECASE meaning: str.lower(), then the few lowercase
# characters that re holds equal to another one with the same uppercase ('ſ' and 's', 'ς' and 'σ') made
# that one. These are all such characters (tests/test_line_engine.py derives the list from str.upper and
# str.lower over all of Unicode, and fails if a Python release changes it).
FOLDS_TO_ANOTHER = (
    "\u00b5\u0131\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e9b\u1fbe"
)


def canonical_case(char: str) -> str:
    """The character re's IGNORECASE treats *char* (a lowercase character) as: its uppercase's lowercase."""
    upper = char.upper()
    if len(upper) == 1:
        lower = upper.lower()
        if len(lower) == 1:
            return lower
    return char


_EQUIVALENT = {ord(char): canonical_case(char) for char in FOLDS_TO_ANOTHER}
_HAS_EQUIVALENT = re.compile(f"[{FOLDS_TO_ANOTHER}]")


def _fold(text: str) -> str | None:
    """*text* case-folded character by character, or None if lowering it changes its length ('İ')."""
    folded = text.lower()
    if len(folded) != len(text):
        return None
    return folded.translate(_EQUIVALENT) if not folded.isascii() and _HAS_EQUIVALENT.search(folded) else folded


def _folded_needles(needles: frozenset[str] | None) -> frozenset[str] | None:
    """*needles* folded as the text is, or None if one cannot be found so: it holds a line break, or a
    character whose uppercase is several ('ΐ'), which re may hold equal to a character folded otherwise."""
    if not needles:
        return None
    folded = set()
    for needle in needles:
        if "\n" in needle or any(len(char.upper()) != 1 for char in needle):
            return None
        result = _fold(needle)
        if result is None:
            return None
        folded.add(result)
    return frozenset(folded)


def _guard_needles(rule: Rule) -> frozenset[str] | None:
    """Folded literals one of which every match of *rule* contains, if all of them are selective: the
    rule then runs only on the lines that hold one (even a rule that starts with a word costs a try at
    every line in the alternation)."""
    needles = _folded_needles(_needles(rule.pattern or ""))
    if needles is None or not all(len(n) >= _MIN_NEEDLE or not n.isascii() for n in needles):
        return None
    return needles


def _fragment_needles(rule: Rule) -> frozenset[str] | None:
    """Folded literals one of which every match of the fragment *rule* contains (None: not known)."""
    return _folded_needles(_needles(rule.pattern or ""))
