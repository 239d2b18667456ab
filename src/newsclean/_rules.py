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

Built-in line and fragment patterns are compiled once into one alternation per
scope and run over the whole text in a single pass; user patterns run with the
``regex`` module under a time limit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

import regex

from newsclean._segment import Line

Scope = Literal["line", "fragment", "run"]
RunDetector = Callable[[Sequence[Line]], Iterable[tuple[int, int]]]
FragmentFilter = Callable[["re.Match[str]"], bool]

# Around a line pattern: indentation, an optional list bullet, trailing space.
# Possessive quantifiers keep a long run of spaces from being re-scanned once per alternative.
_LINE_PREFIX = r"^[^\S\n]*+(?:[*•·‣▪◦●–—-][^\S\n]++)?+"
_LINE_SUFFIX = r"[^\S\n]*+$"


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
    return f"(?P<{_group_name(i)}>{flags}{rule.pattern}))"


class CompiledRules:
    """A set of rules compiled for repeated use; cheap to pickle (patterns recompile)."""

    def __init__(self, builtin: Sequence[Rule], user: Sequence[Rule] = (), timeout: float = 1.0) -> None:
        self.builtin = tuple(builtin)
        self.user = tuple(user)
        self.timeout = timeout
        line_rules = [r for r in self.builtin if r.scope == "line"]
        fragment_rules = [r for r in self.builtin if r.scope == "fragment"]
        self.run_rules = [r for r in self.builtin if r.scope == "run"]
        self._line_rules = {_group_name(i): r for i, r in enumerate(line_rules)}
        self._fragment_rules = {_group_name(i): r for i, r in enumerate(fragment_rules)}
        self._line_re = (
            re.compile(
                _LINE_PREFIX + "(?:" + "|".join(_alternative(i, r) for i, r in enumerate(line_rules)) + ")" + _LINE_SUFFIX,
                re.MULTILINE,
            )
            if line_rules
            else None
        )
        self._fragment_re = (
            re.compile("|".join(_alternative(i, r) for i, r in enumerate(fragment_rules)), re.MULTILINE)
            if fragment_rules
            else None
        )
        self._user = [
            (rule, regex.compile(rule.pattern or "", regex.IGNORECASE if rule.ignore_case else 0)) for rule in self.user
        ]

    def __reduce__(self) -> tuple[object, ...]:
        return (CompiledRules, (self.builtin, self.user, self.timeout))

    def apply(self, text: str, lines: Sequence[Line]) -> RuleHits:
        """Run every rule over *text* (newline-normalised, see ``normalise_newlines``)."""
        line_hits: dict[int, Hit] = {}
        fragments: list[Hit] = []
        warnings: list[str] = []
        starts = [line.start for line in lines]
        if self._line_re is not None:
            for match in self._line_re.finditer(text):
                index = _line_at(starts, match.start())
                if index not in line_hits and not lines[index].is_blank:
                    line = lines[index]
                    line_hits[index] = Hit.of(line.start, line.end, self._line_rules[match.lastgroup or ""])
        for rule in self.run_rules:
            assert rule.detect is not None
            for first, stop in rule.detect(lines):
                for index in range(first, stop):
                    if index not in line_hits and not lines[index].is_blank:
                        line = lines[index]
                        line_hits[index] = Hit.of(line.start, line.end, rule)
        if self._fragment_re is not None:
            for match in self._fragment_re.finditer(text):
                start, end = match.span()
                if start == end or "\n" in match.group():
                    continue
                rule = self._fragment_rules[match.lastgroup or ""]
                if _line_at(starts, start) in line_hits:
                    continue
                if rule.accept is None or rule.accept(match):
                    fragments.append(Hit.of(start, end, rule))
        if self._user:
            self._apply_user(text, lines, line_hits, fragments, warnings)
        return RuleHits(line_hits, fragments, warnings)

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
