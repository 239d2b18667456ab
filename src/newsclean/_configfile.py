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

from newsclean import _config
from newsclean._config import BUILTIN_RULE_NAMES, USER_KIND, Config
from newsclean._rulebook import KINDS
from newsclean._rules import Rule

__all__ = ["ConfigError", "load_config", "loads_config"]

TEXT_SOURCE = "<config>"  # how errors name a config given as text


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message says where and why."""


def load_config(path: str | os.PathLike[str], base: Config | None = None) -> Config:
    """Return the :class:`Config` the TOML file at *path* describes, on top of *base* (default: defaults).

    *path* is always a path (also a pipe such as ``/dev/fd/63``); for TOML text use
    :func:`loads_config`. The options the file sets replace *base*'s, except that its
    disable lists and rules are added to *base*'s. Raise :class:`ConfigError` naming
    the file and key of the first problem.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load_config takes a path (str or os.PathLike), not {type(path).__name__}")
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config file: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: config file is not UTF-8 (byte {error.start})") from None
    return loads_config(text, base, source=str(path))


def loads_config(text: str, base: Config | None = None, source: str = TEXT_SOURCE) -> Config:
    """Return the :class:`Config` the TOML *text* describes, on top of *base*, as :func:`load_config`.

    Errors are :class:`ConfigError`, prefixed with *source* (default ``<config>``).
    """
    if not isinstance(text, str):
        raise TypeError(f"loads_config takes TOML text (str), not {type(text).__name__}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: invalid TOML: {error}") from None
    try:
        return _Reader(source).config(data, base if base is not None else Config())
    except ConfigError:
        raise
    except (TypeError, ValueError) as error:  # the file and *base* do not fit together (a rule name twice)
        raise ConfigError(f"{source}: {error}") from None


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
            "preset": self._value(_config.check_preset),
            "heuristics": self._value(_config.check_bool),
            "language": self._value(_config.check_language),
            "pattern_timeout": self._value(_config.check_timeout),
            "max_line_length": self._value(_config.check_size),
            "max_document_size": self._value(_config.check_size),
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
        if "extra_rules" in values:
            values["extra_rules"] = base.extra_rules + values["extra_rules"]
        if disabled_rules:
            values["disabled_rules"] = base.disabled_rules | disabled_rules
        if disabled_kinds:
            values["disabled_kinds"] = base.disabled_kinds | disabled_kinds
        return base._replace(**values)

    def _value(self, check: Callable[[Any], Any]) -> Callable[[str, Any], dict[str, Any]]:
        """A handler for a key whose value the library's own check (newsclean._config) decides."""

        def handle(key: str, value: Any) -> dict[str, Any]:
            return {key: self._checked(key, check, value)}

        return handle

    def _checked(self, where: str, check: Callable[[Any], Any], value: Any) -> Any:
        try:
            return check(value)
        except (TypeError, ValueError) as error:
            raise self.fail(where, str(error)) from None

    def _check_keys(self, where: str, table: Mapping[str, Any], valid: Mapping[str, object]) -> None:
        for key in table:
            if key not in valid:
                near = difflib.get_close_matches(key, list(valid), n=1)
                hint = f"; did you mean {near[0]!r}?" if near else f"; valid keys: {', '.join(valid)}"
                raise self.fail(f"{where}.{key}" if where else key, f"unknown key{hint}")

    def _names(self, where: str, value: Any) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected an array of names, got {_describe(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail(f"{where}[{i}]", f"expected a string, got {_describe(item)}")
        return value

    def _disable(self, key: str, value: Any) -> dict[str, Any]:
        rules: set[str] = set()
        kinds: set[str] = set()
        for i, name in enumerate(self._names(key, value)):
            # In plain ``disable`` a name that is both a kind and a rule ("byline") means the kind.
            as_kind = key in ("disable", "disable_kinds") and name in _config.RULE_KINDS
            as_rule = key in ("disable", "disable_rules") and name in BUILTIN_RULE_NAMES
            if as_kind:
                kinds.add(name)
            elif as_rule:
                rules.add(name)
            else:
                what = {"disable": "rule or kind", "disable_rules": "rule", "disable_kinds": "kind"}[key]
                valid = set(KINDS) if key == "disable_kinds" else BUILTIN_RULE_NAMES if key == "disable_rules" else BUILTIN_RULE_NAMES | set(KINDS)
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
        name = self._checked(f"{where}.name", _config.check_rule_name, table["name"])
        label = f"{where}.{{}} (rule {name!r})"
        kind = self._checked(label.format("kind"), _config.check_rule_kind, table.get("kind", USER_KIND))
        scope = self._checked(label.format("scope"), _config.check_rule_scope, table.get("scope", "line"))
        ignore_case = self._checked(label.format("ignore_case"), _config.check_bool, table.get("ignore_case", True))
        pattern = self._checked(
            label.format("pattern"), lambda value: _config.check_rule_pattern(value, ignore_case), table["pattern"]
        )
        description = table.get("description", "")
        if not isinstance(description, str):
            raise self.fail(label.format("description"), f"expected a string, got {_describe(description)}")
        return Rule(name, kind, description, scope=scope, pattern=pattern, ignore_case=ignore_case)
