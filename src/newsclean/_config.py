"""The one immutable configuration object, and how keyword overrides become one."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from newsclean._rules import Rule

PRESETS = ("balanced", "precision", "recall")


class Config(NamedTuple):
    """How newsclean cleans. Immutable; make variants with ``config._replace(...)``
    or pass fields as keyword arguments to :func:`newsclean.clean`.

    preset
        ``"balanced"`` (default), ``"precision"`` (drop more: less boilerplate
        left, a little more body at risk) or ``"recall"`` (keep all that
        balanced keeps, and the subheadings and captions inside the article).
    heuristics
        Run the text heuristics that find the article region; with ``False``
        only the named rules run.
    disabled_rules, disabled_kinds
        Names of built-in rules, or whole kinds, to switch off.
    extra_rules
        The user's own :class:`newsclean.Rule` objects, run after the built-in ones.
    language
        ISO 639-1 code (``"en"``, ``"de"``...) used for the stoplist; ``None``
        detects it from the text.
    pattern_timeout
        Seconds a user pattern may spend on one line before it is skipped
        (and a warning is reported).
    max_line_length
        Lines longer than this many characters are kept as they are: no rule
        or heuristic looks at them (a warning is reported).
    max_document_size
        Texts longer than this many characters are returned unchanged (a
        warning is reported) instead of being cleaned.
    """

    preset: str = "balanced"
    heuristics: bool = True
    disabled_rules: frozenset[str] = frozenset()
    disabled_kinds: frozenset[str] = frozenset()
    extra_rules: tuple[Rule, ...] = ()
    language: str | None = None
    pattern_timeout: float = 1.0
    max_line_length: int = 20_000
    max_document_size: int = 50_000_000


_SET_FIELDS = ("disabled_rules", "disabled_kinds")


def make_config(config: Config | None, overrides: dict[str, Any]) -> Config:
    """Return *config* (or the default) with *overrides* applied and checked."""
    base = config if config is not None else Config()
    if not overrides:
        return base
    unknown = sorted(set(overrides) - set(Config._fields))
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(unknown)}; valid options: {', '.join(Config._fields)}")
    values = dict(overrides)
    for name in _SET_FIELDS:
        if name in values:
            values[name] = _as_names(name, values[name])
    if "extra_rules" in values:
        values["extra_rules"] = tuple(values["extra_rules"])
    return base._replace(**values)


def _as_names(option: str, value: Iterable[str] | str) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    names = frozenset(value)
    if not all(isinstance(name, str) for name in names):
        raise TypeError(f"{option} must be a collection of names")
    return names


def validate(config: Config, rule_names: Iterable[str], kinds: Iterable[str]) -> None:
    """Raise ``ValueError`` naming the first thing in *config* that cannot work."""
    if config.preset not in PRESETS:
        raise ValueError(f"unknown preset {config.preset!r}; choose one of {', '.join(PRESETS)}")
    for option, valid in (("disabled_rules", set(rule_names)), ("disabled_kinds", set(kinds))):
        unknown = sorted(set(getattr(config, option)) - valid)
        if unknown:
            raise ValueError(f"{option}: unknown {', '.join(map(repr, unknown))}; see newsclean --list-rules")
    for rule in config.extra_rules:
        if not isinstance(rule, Rule):
            raise TypeError(f"extra_rules must hold newsclean.Rule objects, not {type(rule).__name__}")
        if rule.scope == "run":
            raise ValueError(f"rule {rule.name!r}: user rules must have scope 'line' or 'fragment'")
        if not isinstance(rule.pattern, str):
            raise TypeError(f"rule {rule.name!r}: pattern must be a str, not {type(rule.pattern).__name__}")
        problem = pattern_error(rule.pattern, rule.ignore_case)
        if problem:
            raise ValueError(f"rule {rule.name!r}: invalid regular expression {rule.pattern!r}: {problem}")
    if isinstance(config.pattern_timeout, bool) or not isinstance(config.pattern_timeout, (int, float)):
        raise TypeError("pattern_timeout must be a number of seconds")
    if not config.pattern_timeout > 0:
        raise ValueError("pattern_timeout must be a positive number of seconds")
    for option in ("max_line_length", "max_document_size"):
        value = getattr(config, option)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{option} must be an int (characters)")
        if value <= 0:
            raise ValueError(f"{option} must be a positive number of characters")


@lru_cache(maxsize=256)
def pattern_error(pattern: str, ignore_case: bool) -> str | None:
    """Why *pattern* does not compile as a user rule (the ``regex`` module), or ``None``.

    Cached: ``validate`` runs on every call to ``clean``.
    """
    import regex  # loaded only when there are user rules to check

    try:
        regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as error:
        return str(error) or type(error).__name__
    return None
