"""The one immutable configuration object, and the one validator every front end goes through.

A :class:`Config` is checked when it is made (``Config(...)``, ``config._replace(...)``,
keyword overrides to :func:`newsclean.clean`, unpickling): the library, the command
line and the config file all get the same ``TypeError`` or ``ValueError``, naming
the option, the bad value and what is allowed. Collections of names or rules are
accepted as sets, lists or tuples and normalised to ``frozenset`` / ``tuple``, so a
``Config`` stays hashable.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from typing import Any, NamedTuple, Self

from newsclean import _language
from newsclean._passes import PASSES
from newsclean._rulebook import KINDS, RULES
from newsclean._rules import Rule

PRESETS = ("balanced", "precision", "recall")
USER_KIND = "custom"  # the kind of a user rule that fits none of the built-in kinds
USER_SCOPES = ("line", "fragment")
# The structural passes are switched off by name like the rules.
BUILTIN_RULE_NAMES = frozenset(rule.name for rule in RULES) | frozenset(item.name for item in PASSES)
RULE_KINDS = frozenset(KINDS) | {USER_KIND}
_SHOWN_CHARS = 60  # of a bad value's repr in a message


class _Fields(NamedTuple):
    preset: str = "balanced"
    heuristics: bool = True
    disabled_rules: frozenset[str] = frozenset()
    disabled_kinds: frozenset[str] = frozenset()
    extra_rules: tuple[Rule, ...] = ()
    language: str | None = None
    pattern_timeout: float = 1.0
    max_line_length: int = 20_000
    max_document_size: int = 50_000_000


class Config(_Fields):
    """How newsclean cleans. Immutable and hashable; make variants with
    ``config._replace(field=value)`` or pass fields as keyword arguments to
    :func:`newsclean.clean`. Every value is checked when the ``Config`` is made:
    a bad one raises ``TypeError`` or ``ValueError`` naming the option.

    preset
        ``"balanced"`` (default), ``"precision"`` (drop more: less boilerplate
        left, a little more body at risk) or ``"recall"`` (keep all that
        balanced keeps, and the subheadings and captions inside the article).
    heuristics
        Run the text heuristics that find the article region; with ``False``
        only the named rules run.
    disabled_rules, disabled_kinds
        Names of rules (built-in or in ``extra_rules``), or whole kinds, to
        switch off: a set, list or tuple of names (or one name).
    extra_rules
        The user's own :class:`newsclean.Rule` objects (scope ``"line"`` or
        ``"fragment"``, a kind from :data:`newsclean.KINDS` or ``"custom"``, a
        name no built-in rule has), run after the built-in ones.
    language
        ISO 639-1 code (``"en"``, ``"de"``...) or jusText stoplist name
        (``"English"``) used for the stoplist; ``None`` detects it from the text.
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

    __slots__ = ()

    def __new__(
        cls,
        preset: str = "balanced",
        heuristics: bool = True,
        disabled_rules: Iterable[str] = frozenset(),
        disabled_kinds: Iterable[str] = frozenset(),
        extra_rules: Iterable[Rule] = (),
        language: str | None = None,
        pattern_timeout: float = 1.0,
        max_line_length: int = 20_000,
        max_document_size: int = 50_000_000,
    ) -> Config:
        rules = _option("extra_rules", check_user_rules, extra_rules)
        known_rules = BUILTIN_RULE_NAMES | {rule.name for rule in rules}
        return super().__new__(
            cls,
            _option("preset", check_preset, preset),
            _option("heuristics", check_bool, heuristics),
            _option("disabled_rules", lambda names: check_names(names, known_rules, "rule"), disabled_rules),
            _option("disabled_kinds", lambda names: check_names(names, RULE_KINDS, "kind"), disabled_kinds),
            rules,
            _option("language", check_language, language),
            _option("pattern_timeout", check_timeout, pattern_timeout),
            _option("max_line_length", check_size, max_line_length),
            _option("max_document_size", check_size, max_document_size),
        )

    def _replace(self, **changes: Any) -> Self:
        """This Config with *changes* to some fields, checked like a new one."""
        # namedtuple's own _replace() builds through _make(), which skips __new__ and its checks.
        return type(self)(**{**self._asdict(), **changes})


def make_config(config: Config | None, overrides: dict[str, Any]) -> Config:
    """Return *config* (or the default) with *overrides* applied (and so checked)."""
    if config is None:
        base = _DEFAULT
    elif isinstance(config, Config):
        base = config
    else:
        raise TypeError(
            f"config must be a newsclean.Config or None, not {type(config).__name__}; "
            "pass single options as keyword arguments, e.g. clean(text, preset='recall')"
        )
    if not overrides:
        return base
    unknown = sorted(set(overrides) - set(Config._fields))
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(unknown)}; valid options: {', '.join(Config._fields)}")
    return base._replace(**overrides)


# --- the checks, one per kind of value ------------------------------------------------------
# Each returns the normalised value or raises TypeError / ValueError with a message that names
# the bad value and what is allowed; the caller puts the option's name (or config-file key) first.


def _option(option: str, check: Callable[[Any], Any], value: Any) -> Any:
    try:
        return check(value)
    except (TypeError, ValueError) as error:
        raise type(error)(f"{option}: {error}") from None


_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    (list, "a list"),
    (tuple, "a tuple"),
    (dict, "a dict"),
    (set, "a set"),
)


def shown(value: object) -> str:
    """A bad value as a message shows it: what it is and its (shortened) repr."""
    text = repr(value)
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1] + "…"
    if value is None:
        return "None"
    kind = next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), type(value).__name__)
    return f"{kind} {text}"


def check_preset(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected one of {', '.join(map(repr, PRESETS))}, got {shown(value)}")
    if value not in PRESETS:
        raise ValueError(f"unknown preset {value!r}; choose one of {', '.join(PRESETS)}")
    return value


def check_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {shown(value)}")
    return value


def check_language(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a language code (str) or None, got {shown(value)}")
    if not _known_language(value):
        raise ValueError(
            f"unknown language {value!r}; use an ISO 639-1 code such as 'en' or 'de', "
            "or a jusText stoplist name such as 'English'"
        )
    return value


@lru_cache(maxsize=64)
def _known_language(code: str) -> bool:
    # Cached: a name that is not an ISO code makes resolve() list jusText's stoplists.
    return bool(code.strip()) and _language.resolve(code) is not None


def check_timeout(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number of seconds, got {shown(value)}")
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"expected a positive number of seconds, got {value}")
    return float(value)


def check_size(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a positive integer (characters), got {shown(value)}")
    if value <= 0:
        raise ValueError(f"expected a positive integer (characters), got {value}")
    return value


def check_names(value: Any, known: frozenset[str], what: str) -> frozenset[str]:
    """One name or a set, list or tuple of names, all *known*, as a frozenset."""
    if isinstance(value, str):
        names = frozenset((value,))
    elif isinstance(value, frozenset):
        names = value
    elif isinstance(value, (set, list, tuple)):
        try:
            names = frozenset(value)
        except TypeError:  # a list holding lists
            raise TypeError(f"expected {what} names (str), got {shown(value)}") from None
    else:
        raise TypeError(f"expected a {what} name or a set, list or tuple of them, got {shown(value)}")
    if names <= known:  # the usual case, checked first: nothing to report
        return names
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"expected {what} names (str), got {shown(name)} among them")
    unknown = sorted(names - known)
    close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(map(repr, unknown))
    raise ValueError(f"unknown {what}{'s' if len(unknown) > 1 else ''} {listed}{hint} (see newsclean --list-rules)")


def check_user_rules(value: Any) -> tuple[Rule, ...]:
    """A Rule, or a set, list or tuple of them, each fit to be a user rule, names unique."""
    if isinstance(value, Rule):
        rules: tuple[Rule, ...] = (value,)
    elif isinstance(value, (tuple, list, set, frozenset)):
        rules = tuple(value)
    else:
        raise TypeError(f"expected newsclean.Rule objects (a list or tuple of them), got {shown(value)}")
    seen: set[str] = set()
    for rule in rules:
        if not isinstance(rule, Rule):
            raise TypeError(f"expected newsclean.Rule objects, got {shown(rule)} among them")
        _user_rule_field(rule, "name", check_rule_name, rule.name)
        if rule.name in seen:
            raise ValueError(f"rule {rule.name!r}: name: two rules are named {rule.name!r}")
        seen.add(rule.name)
        _user_rule_field(rule, "kind", check_rule_kind, rule.kind)
        _user_rule_field(rule, "scope", check_rule_scope, rule.scope)
        _user_rule_field(rule, "ignore_case", check_bool, rule.ignore_case)
        _user_rule_field(rule, "pattern", partial(check_rule_pattern, ignore_case=rule.ignore_case), rule.pattern)
    return rules


def _user_rule_field(rule: Rule, field: str, check: Callable[[Any], Any], value: Any) -> None:
    try:
        check(value)
    except (TypeError, ValueError) as error:
        raise type(error)(f"rule {rule.name!r}: {field}: {error}") from None


def check_rule_name(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {shown(value)}")
    if not value.strip():
        raise ValueError("a rule name cannot be empty")
    if value in BUILTIN_RULE_NAMES:
        raise ValueError(f"{value!r} is a built-in rule; choose another name")
    return value


def check_rule_kind(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {shown(value)}")
    if value not in RULE_KINDS:
        raise ValueError(f"unknown kind {value!r}; use one of {', '.join(KINDS)} or {USER_KIND!r}")
    return value


def check_rule_scope(value: Any) -> str:
    if value not in USER_SCOPES:
        raise ValueError(f"unknown scope {value!r}; a user rule has scope 'line' or 'fragment'")
    return str(value)


def check_rule_pattern(value: Any, ignore_case: bool) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {shown(value)}")
    if not value:
        raise ValueError("a pattern cannot be empty")
    problem = pattern_error(value, ignore_case)
    if problem:
        raise ValueError(f"invalid regular expression {value!r}: {problem}")
    return value


@lru_cache(maxsize=256)
def pattern_error(pattern: str, ignore_case: bool) -> str | None:
    """Why *pattern* does not compile as a user rule (the ``regex`` module), or ``None``.

    Cached: a Config is checked every time one is made.
    """
    import regex  # loaded only when there are user rules to check

    try:
        regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as error:
        return str(error) or type(error).__name__
    return None


_DEFAULT = Config()  # made once: clean(text) with no config and no overrides checks nothing
