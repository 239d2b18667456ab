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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Literal, NamedTuple

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
        self._line_order = line_rules
        self._fragment_rules = {_group_name(i): r for i, r in enumerate(fragment_rules)}
        # A rule that can begin anywhere in a line (a lazy scan for a keyword) costs a full scan of every
        # line inside the one alternation; if every match must contain one of a few selective literals,
        # it runs apart, only on the lines where a literal occurs (found by one fast case-folded search).
        guarded: list[int] = []
        plain: list[int] = []
        needles: set[str] = set()
        for i, rule in enumerate(line_rules):
            required = _guard_needles(rule)
            if required is None:
                plain.append(i)
            else:
                guarded.append(i)
                needles |= required
        self._first_line_re, self._line_re = _whole_line_res([(i, line_rules[i]) for i in plain])
        # The guarded rules in one alternation, tried once on each line where any of their literals occurs.
        self._guarded_re = _whole_line_res([(i, line_rules[i]) for i in guarded])[0]
        self._needle_re = re.compile("|".join(map(re.escape, sorted(needles, key=lambda n: (-len(n), n))))) if needles else None
        # When case folding would shift offsets (a rare character such as 'İ'), all rules run in one alternation.
        self._all_first_line_re, self._all_line_re = _whole_line_res(list(enumerate(line_rules)))
        self._fragment_re = (
            re.compile("|".join(_alternative(i, r) for i, r in enumerate(fragment_rules)), re.MULTILINE)
            if fragment_rules
            else None
        )
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
        self._apply_line_rules(text, lines, starts, line_hits)
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
        if self._all_first_line_re is None or not content.strip():
            return None
        match = self._all_first_line_re.match(content)
        if match is None or match.end() != len(content):
            return None
        return self._line_order[int((match.lastgroup or "r")[1:])]

    def _apply_line_rules(self, text: str, lines: Sequence[Line], starts: list[int], line_hits: dict[int, Hit]) -> None:
        # Each line goes to the first rule (in rulebook order) that matches it whole. Rules are
        # independent per line (the line prefix is possessive), so the rules run apart can be merged
        # with the alternation's hits by keeping the lowest rule position.
        folded = _fold(text) if self._needle_re is not None else None
        if folded is None and self._needle_re is not None:
            first_re, line_re = self._all_first_line_re, self._all_line_re
        else:
            first_re, line_re = self._first_line_re, self._line_re
        order: dict[int, int] = {}
        if first_re is not None and line_re is not None:
            first = first_re.match(text)
            matches = chain((first,) if first is not None else (), line_re.finditer(text))
            for match in matches:
                # The newline-led form's match starts one character before its line.
                index = _line_at(starts, match.start() if match is first else match.start() + 1)
                order.setdefault(index, int((match.lastgroup or "r")[1:]))
        if folded is not None and self._needle_re is not None and self._guarded_re is not None:
            search, match_guarded, offset = self._needle_re.search, self._guarded_re.match, 0
            # One lead per line is enough: the guarded alternation then decides for the whole line.
            while (found := search(folded, offset)) is not None:
                index = _line_at(starts, found.start())
                line = lines[index]
                guarded = match_guarded(text, line.start)
                if guarded is not None:
                    position = int((guarded.lastgroup or "r")[1:])
                    if order.get(index, position + 1) > position:
                        order[index] = position
                offset = line.stop
        for index in sorted(order):
            line = lines[index]
            if not line.is_blank:
                line_hits[index] = Hit.of(line.start, line.end, self._line_order[order[index]])

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


def _whole_line_res(rules: list[tuple[int, Rule]]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The whole-line alternation of *rules*: a form for the first line, and one led by the newline before
    every other line, so that the regex engine jumps from newline to newline (a literal prefix) instead of
    trying the alternation at every character."""
    if not rules:
        return None, None
    # The lookahead first: blank lines (often most of a page) and lines of one character fail at once
    # instead of trying every alternative.
    body = (
        f"(?=[^\n]{{2}}|[{re.escape(SINGLE_CHARACTER_LINES)}])(?:"
        + "|".join(_alternative(i, rule) for i, rule in rules)
        + ")"
        + _LINE_SUFFIX
    )
    return re.compile(_LINE_PREFIX + body, re.MULTILINE), re.compile("\n" + _LINE_PREFIX[1:] + body, re.MULTILINE)


# --- literal guards ----------------------------------------------------------------------------
try:  # the regex engine's own parser and case table (private modules of Python >= 3.11)
    from re import _casefix, _parser  # type: ignore[attr-defined]
    from re import _constants as _c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - without them, no rule is guarded: same results, slower
    _casefix = _parser = _c = None

# Case folding that keeps offsets: str.lower() plus the regex engine's own extra case equivalences
# (such as 's' and 'ſ'), so that a literal matched case-insensitively by `re` is found in the folded text.
_EQUIVALENT: dict[int, int] = (
    {code: min(others) for code, others in _casefix._EXTRA_CASES.items() if min(others) < code} if _casefix else {}
)
_HAS_EQUIVALENT = re.compile("[" + "".join(re.escape(chr(code)) for code in _EQUIVALENT) + "]")
_MIN_NEEDLE = 3  # shorter ASCII literals ('ad', 'by') occur in too many lines to be worth a guard


def _fold(text: str) -> str | None:
    folded = text.lower()
    if len(folded) != len(text):
        return None
    return folded.translate(_EQUIVALENT) if _HAS_EQUIVALENT.search(folded) else folded


def _guard_needles(rule: Rule) -> frozenset[str] | None:
    """Folded literals one of which every match of *rule* contains, if the rule is worth guarding:
    it can start with a scan (not a literal) and all its literals are selective."""
    if _parser is None or _casefix is None:
        return None
    try:
        parsed = list(_parser.parse(rule.pattern or "", 0))
    except re.error:
        return None
    if _starts_with_literal(parsed):
        return None
    needles = _required(parsed)
    if not needles:
        return None
    folded = {_fold(needle) for needle in needles}
    if None in folded or not all((len(n) >= _MIN_NEEDLE or not n.isascii()) and "\n" not in n for n in folded if n):
        return None
    return frozenset(n for n in folded if n)


def _starts_with_literal(items: list[tuple[object, object]]) -> bool:
    if not items:
        return False
    op, av = items[0]
    if op is _c.LITERAL:
        return True
    if op is _c.SUBPATTERN:
        return _starts_with_literal(list(av[3]))  # type: ignore[index]
    if op is _c.ATOMIC_GROUP:
        return _starts_with_literal(list(av))  # type: ignore[call-overload]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _starts_with_literal(list(av[2]))  # type: ignore[index]
    if op is _c.BRANCH:
        return all(_starts_with_literal(list(alt)) for alt in av[1])  # type: ignore[index]
    return False


def _required(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """A set of literals one of which every match of the sequence *items* contains (None: none known)."""
    candidates: list[frozenset[str] | None] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))  # type: ignore[arg-type]
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        candidates.append(_required_item(op, av))
    if run:
        candidates.append(frozenset({"".join(run)}))
    known = [c for c in candidates if c]
    # Any required item will do; prefer the one whose shortest literal is longest (fewest false leads).
    return max(known, key=lambda c: (min(map(len, c)), -len(c))) if known else None


def _required_item(op: object, av: object) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _required(list(av[3]))  # type: ignore[index]
    if op is _c.ATOMIC_GROUP:
        return _required(list(av))  # type: ignore[call-overload]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _required(list(av[2])) if av[0] >= 1 else None  # type: ignore[index]
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:  # type: ignore[index]
            required = _required(list(alternative))
            if required is None:
                return None
            union |= required
        return frozenset(union)
    return None
