"""The one path every front end calls: segment, rules, heuristics, assemble."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from newsclean import _heuristics, _limits
from newsclean._assemble import Removal, assemble, cut_lines
from newsclean._config import Config
from newsclean._rulebook import RULES
from newsclean._rules import CompiledRules, Hit, Rule
from newsclean._segment import Line, normalise_newlines, split_lines


class Explained(NamedTuple):
    """The cleaned text, every removal (in input order), and any warnings."""

    text: str
    removals: tuple[Removal, ...]
    warnings: tuple[str, ...] = ()


@lru_cache(maxsize=32)
def _compiled(
    disabled_rules: frozenset[str],
    disabled_kinds: frozenset[str],
    extra_rules: tuple[Rule, ...],
    timeout: float,
) -> CompiledRules:
    active = [r for r in RULES if r.name not in disabled_rules and r.kind not in disabled_kinds]
    user = [r for r in extra_rules if r.name not in disabled_rules and r.kind not in disabled_kinds]
    return CompiledRules(active, user, timeout)


def run(text: str, config: Config) -> Explained:
    """Clean *text* with *config* (checked when it was made) and explain every removal."""
    if not isinstance(text, str):
        raise TypeError(f"newsclean cleans str, not {type(text).__name__}")
    too_big = _limits.oversized_document(len(text), config.max_document_size)
    if too_big:
        return Explained(text, (), (too_big,))
    lines = split_lines(text)
    # Rules and heuristics see over-long lines as blank; assemble, given the real lines, keeps them.
    seen_text, seen_lines, limit_warnings = _limits.hide_long_lines(text, lines, config.max_line_length)
    compiled = _compiled(config.disabled_rules, config.disabled_kinds, config.extra_rules, config.pattern_timeout)
    hits = compiled.apply(normalise_newlines(seen_text), seen_lines)
    removed = dict(hits.lines)
    cuts = cut_lines(text, lines, removed, hits.fragments)
    # What a cut leaves is judged again, as a whole line and by the heuristics, so that a second
    # run over the output (where the cut is gone) decides the same: cleaning is idempotent.
    seen_lines = list(seen_lines)
    for index, (content, _) in list(cuts.items()):
        rule = compiled.whole_line_rule(content)
        if rule is not None:
            line = lines[index]
            removed[index] = Hit.of(line.start, line.end, rule)
            del cuts[index]
        else:
            seen_lines[index] = seen_lines[index]._replace(text=content)
    removed.update(compiled.apply_runs(seen_lines, removed))
    memo: _heuristics.BlockMemo = {}
    if config.heuristics:
        removed.update(_heuristics.classify(seen_lines, removed, config, memo))
    removed.update(compiled.apply_runs(seen_lines, removed, after_heuristics=True))
    _settle(compiled, seen_lines, removed, config, memo)
    cleaned, removals = assemble(text, lines, removed, cuts)
    return Explained(cleaned, tuple(removals), tuple(hits.warnings) + limit_warnings)


# Removing lines changes the neighbours of those left, so a second run over the output could judge
# some of them again differently. Judging what is left, as that run would see it, until nothing
# changes, makes cleaning idempotent; it settles in one or two rounds on real pages.
MAX_SETTLE_ROUNDS = 8


def _settle(
    compiled: CompiledRules, lines: Sequence[Line], removed: dict[int, Hit], config: Config, memo: _heuristics.BlockMemo
) -> None:
    """Add to *removed* what the context-dependent stages remove from the remaining lines alone."""
    for _ in range(MAX_SETTLE_ROUNDS):
        remaining = [line for line in lines if line.index not in removed and line.text.strip()]
        more = compiled.apply_runs(remaining, {})
        if config.heuristics:
            more.update(_heuristics.classify(remaining, more, config, memo))
        more.update(compiled.apply_runs(remaining, more, after_heuristics=True))
        if not more:
            return
        removed.update(more)
