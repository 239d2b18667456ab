"""The one path every front end calls: segment, rules, heuristics, assemble."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from newsclean import _heuristics, _limits
from newsclean._assemble import Removal, assemble
from newsclean._config import Config, validate
from newsclean._rulebook import KINDS, RULES
from newsclean._rules import CompiledRules, Rule
from newsclean._segment import normalise_newlines, split_lines


class Explained(NamedTuple):
    """The cleaned text, every removal (in input order), and any warnings."""

    text: str
    removals: tuple[Removal, ...]
    warnings: tuple[str, ...] = ()


RULE_NAMES = frozenset(rule.name for rule in RULES)


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


def check_config(config: Config) -> None:
    validate(config, RULE_NAMES, KINDS)


def run(text: str, config: Config) -> Explained:
    """Clean *text* with *config* (already validated) and explain every removal."""
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
    if config.heuristics:
        removed.update(_heuristics.classify(seen_text, seen_lines, removed, config))
    cleaned, removals = assemble(text, lines, removed, hits.fragments)
    return Explained(cleaned, tuple(removals), tuple(hits.warnings) + limit_warnings)
