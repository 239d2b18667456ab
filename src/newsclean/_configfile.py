"""Read a :class:`~newsclean.Config` from a TOML file.

The file is data only: it is parsed with :mod:`tomllib`, every key and type is
checked, and user patterns are compiled (never executed as code). Every error
is a :class:`ConfigError` whose message names the file and the key, e.g.
``config.toml: rules[2].pattern (rule 'my-footer'): invalid regular expression ...``.
The schema is documented in ``docs/config.md``.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from newsclean import _language
from newsclean._config import PRESETS, Config, pattern_error
from newsclean._pipeline import check_config
from newsclean._rulebook import KINDS, RULES
from newsclean._rules import Rule

__all__ = ["ConfigError", "load_config", "parse_config"]

CUSTOM_KIND = "custom"  # the kind of a user rule that fits none of the built-in kinds
USER_SCOPES = ("line", "fragment")
TEXT_SOURCE = "<config>"  # how errors name a config given as text

_RULE_NAMES = frozenset(rule.name for rule in RULES)


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message says where and why."""


def load_config(source: str | os.PathLike[str], base: Config | None = None) -> Config:
    """Return the :class:`Config` a TOML config describes, on top of *base* (default: defaults).

    *source* is a path (a :class:`pathlib.Path`, or a ``str`` without newline and
    ``=``) or the TOML text itself (a ``str`` holding a newline or ``=``, or empty).
    Raise :class:`ConfigError` naming the file and key of the first problem.
    """
    if isinstance(source, str) and ("\n" in source or "=" in source or not source.strip()):
        return parse_config(source, TEXT_SOURCE, base)
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config file: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: config file is not UTF-8 (byte {error.start})") from None
    return parse_config(text, str(path), base)


def parse_config(text: str, source: str = TEXT_SOURCE, base: Config | None = None) -> Config:
    """Return the :class:`Config` the TOML *text* describes; errors are prefixed with *source*."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: invalid TOML: {error}") from None
    config = _Reader(source).config(data, base if base is not None else Config())
    try:
        check_config(config)  # the library's own checks, in case *base* brought something invalid
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{source}: {error}") from None
    return config


_TOML_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
)


def _describe(value: object) -> str:
    for kind, name in _TOML_TYPES:
        if isinstance(value, kind):
            shown = repr(value) if not isinstance(value, (list, dict)) else ""
            return f"{name} {shown}".rstrip()
    return type(value).__name__  # dates and times


class _Reader:
    """Checks one parsed config; ``where`` strings build the key path of each message."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> ConfigError:
        return ConfigError(f"{self.source}: {where}: {message}" if where else f"{self.source}: {message}")

    def config(self, data: Mapping[str, Any], base: Config) -> Config:
        handlers: dict[str, Callable[[str, Any], dict[str, Any]]] = {
            "preset": self._preset,
            "heuristics": lambda key, value: {key: self._bool(key, value)},
            "language": self._language,
            "pattern_timeout": self._timeout,
            "max_line_length": lambda key, value: {key: self._positive_int(key, value)},
            "max_document_size": lambda key, value: {key: self._positive_int(key, value)},
            "disable": self._disable,
            "disable_rules": self._disable,
            "disable_kinds": self._disable,
            "rules": self._rules,
        }
        self._check_keys("", data, handlers)
        values: dict[str, Any] = {}
        disabled_rules: set[str] = set()
        disabled_kinds: set[str] = set()
        for key, value in data.items():
            for field, got in handlers[key](key, value).items():
                if field == "disabled_rules":
                    disabled_rules |= got
                elif field == "disabled_kinds":
                    disabled_kinds |= got
                else:
                    values[field] = got
        if disabled_rules:
            values["disabled_rules"] = base.disabled_rules | disabled_rules
        if disabled_kinds:
            values["disabled_kinds"] = base.disabled_kinds | disabled_kinds
        if "extra_rules" in values:
            values["extra_rules"] = base.extra_rules + values["extra_rules"]
        return base._replace(**values)

    def _check_keys(self, where: str, table: Mapping[str, Any], valid: Mapping[str, object]) -> None:
        for key in table:
            if key not in valid:
                near = difflib.get_close_matches(key, list(valid), n=1)
                hint = f"; did you mean {near[0]!r}?" if near else f"; valid keys: {', '.join(valid)}"
                raise self.fail(f"{where}.{key}" if where else key, f"unknown key{hint}")

    def _bool(self, where: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"expected true or false, got {_describe(value)}")
        return value

    def _str(self, where: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"expected a string, got {_describe(value)}")
        return value

    def _positive_int(self, where: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, f"expected a positive integer, got {_describe(value)}")
        if value <= 0:
            raise self.fail(where, f"expected a positive integer, got {value}")
        return value

    def _preset(self, key: str, value: Any) -> dict[str, Any]:
        preset = self._str(key, value)
        if preset not in PRESETS:
            raise self.fail(key, f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
        return {key: preset}

    def _language(self, key: str, value: Any) -> dict[str, Any]:
        code = self._str(key, value)
        if _language.resolve(code) is None:
            raise self.fail(key, f"unknown language {code!r}; use an ISO 639-1 code such as 'en' or 'de'")
        return {key: code}

    def _timeout(self, key: str, value: Any) -> dict[str, Any]:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"expected a number of seconds, got {_describe(value)}")
        if not 0 < value < float("inf"):
            raise self.fail(key, f"expected a positive number of seconds, got {value}")
        return {key: float(value)}

    def _names(self, where: str, value: Any) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected an array of names, got {_describe(value)}")
        return [self._str(f"{where}[{i}]", item) for i, item in enumerate(value)]

    def _disable(self, key: str, value: Any) -> dict[str, Any]:
        rules: set[str] = set()
        kinds: set[str] = set()
        for i, name in enumerate(self._names(key, value)):
            # In plain ``disable`` a name that is both a kind and a rule ("byline") means the kind.
            as_kind = key in ("disable", "disable_kinds") and name in KINDS
            as_rule = key in ("disable", "disable_rules") and name in _RULE_NAMES
            if as_kind:
                kinds.add(name)
            elif as_rule:
                rules.add(name)
            else:
                what = {"disable": "rule or kind", "disable_rules": "rule", "disable_kinds": "kind"}[key]
                valid = set(KINDS) if key == "disable_kinds" else _RULE_NAMES if key == "disable_rules" else _RULE_NAMES | set(KINDS)
                near = difflib.get_close_matches(name, sorted(valid), n=1)
                hint = f"; did you mean {near[0]!r}?" if near else "; see newsclean --list-rules"
                raise self.fail(f"{key}[{i}]", f"unknown {what} {name!r}{hint}")
        return {"disabled_rules": rules, "disabled_kinds": kinds}

    def _rules(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, list):
            raise self.fail(key, f"expected an array of tables ([[rules]]), got {_describe(value)}")
        rules: list[Rule] = []
        first_seen: dict[str, int] = {}
        for i, table in enumerate(value):
            rule = self._rule(f"{key}[{i}]", table)
            if rule.name in first_seen:
                raise self.fail(f"{key}[{i}].name", f"duplicate rule name {rule.name!r} (also {key}[{first_seen[rule.name]}])")
            first_seen[rule.name] = i
            rules.append(rule)
        return {"extra_rules": tuple(rules)}

    _RULE_KEYS = ("name", "kind", "scope", "pattern", "ignore_case", "description")

    def _rule(self, where: str, table: Any) -> Rule:
        if not isinstance(table, dict):
            raise self.fail(where, f"expected a table, got {_describe(table)}")
        self._check_keys(where, table, dict.fromkeys(self._RULE_KEYS))
        for required in ("name", "pattern"):
            if required not in table:
                raise self.fail(where, f"missing key {required!r}")
        name = self._str(f"{where}.name", table["name"]).strip()
        if not name:
            raise self.fail(f"{where}.name", "a rule name cannot be empty")
        if name in _RULE_NAMES:
            raise self.fail(f"{where}.name", f"{name!r} is a built-in rule; choose another name")
        label = f"{where}.{{}} (rule {name!r})"
        kind = self._str(label.format("kind"), table.get("kind", CUSTOM_KIND))
        if kind != CUSTOM_KIND and kind not in KINDS:
            raise self.fail(label.format("kind"), f"unknown kind {kind!r}; use one of {', '.join(KINDS)} or {CUSTOM_KIND!r}")
        scope = self._str(label.format("scope"), table.get("scope", "line"))
        if scope not in USER_SCOPES:
            raise self.fail(label.format("scope"), f"unknown scope {scope!r}; use 'line' or 'fragment'")
        pattern = self._str(label.format("pattern"), table["pattern"])
        if not pattern:
            raise self.fail(label.format("pattern"), "a pattern cannot be empty")
        ignore_case = self._bool(label.format("ignore_case"), table.get("ignore_case", True))
        problem = pattern_error(pattern, ignore_case)
        if problem:
            raise self.fail(label.format("pattern"), f"invalid regular expression {pattern!r}: {problem}")
        description = self._str(label.format("description"), table.get("description", ""))
        return Rule(name, kind, description, scope=scope, pattern=pattern, ignore_case=ignore_case)  # type: ignore[arg-type]
