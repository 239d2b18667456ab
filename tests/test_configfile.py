"""The TOML config file: what it sets, and the error it gives for each kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean
from newsclean import ConfigError, load_config, loads_config

FULL = """
preset = "recall"
heuristics = false
language = "de"
pattern_timeout = 2
max_line_length = 5000
max_document_size = 1000000
disable = ["byline", "repeated-line"]
disable_rules = ["ad-marker"]
disable_kinds = ["ticker"]

[[rules]]
name = "my-footer"
kind = "promo"
scope = "line"
pattern = "Vote in our poll on .*"
ignore_case = true
description = "a poll prompt"

[[rules]]
name = "read-time"
scope = "fragment"
pattern = '\\s*\\d+ min read$'
ignore_case = false
"""


def test_every_key_sets_its_option() -> None:
    config = loads_config(FULL)
    assert config.preset == "recall"
    assert config.heuristics is False
    assert config.language == "de"
    assert config.pattern_timeout == 2.0 and isinstance(config.pattern_timeout, float)
    assert config.max_line_length == 5000
    assert config.max_document_size == 1_000_000
    # In plain `disable`, "byline" is both a kind and a rule name: the kind wins.
    assert config.disabled_kinds == {"byline", "ticker"}
    assert config.disabled_rules == {"repeated-line", "ad-marker"}
    footer, read_time = config.extra_rules
    assert footer == newsclean.Rule("my-footer", "promo", "a poll prompt", pattern="Vote in our poll on .*")
    assert read_time.kind == "custom"  # the default kind of a user rule
    assert read_time.scope == "fragment" and read_time.ignore_case is False
    assert read_time.pattern == r"\s*\d+ min read$"


def test_empty_config_is_the_default() -> None:
    assert loads_config("") == newsclean.Config()
    assert loads_config("# only a comment\n") == newsclean.Config()


def test_loaded_config_cleans(tmp_path: Path) -> None:
    path = tmp_path / "newsclean.toml"
    path.write_text('heuristics = false\n[[rules]]\nname = "poll"\nkind = "promo"\npattern = "Vote in our poll on \\\\w+"\n')
    config = load_config(path)
    text = "The council approved the budget on Monday.\nVote in our poll on Mastodon\n"
    result = newsclean.clean_and_explain(text, config)
    assert result.text == "The council approved the budget on Monday.\n"
    assert [(r.rule, r.kind, r.text) for r in result.removals] == [("poll", "promo", "Vote in our poll on Mastodon")]
    assert load_config(str(path)) == config


def test_base_config_is_extended_not_replaced() -> None:
    base = newsclean.Config(disabled_rules=frozenset({"byline"}), preset="precision")
    config = loads_config('disable_rules = ["date-line"]\n', base=base)
    assert config.disabled_rules == {"byline", "date-line"}
    assert config.preset == "precision"


def test_utf8_bom_in_file_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeffpreset = 'precision'\n".encode())
    assert load_config(path).preset == "precision"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('presets = "recall"', "<config>: presets: unknown key; did you mean 'preset'?"),
        ("colour = 1", "<config>: colour: unknown key; valid keys: preset, heuristics"),
        ('preset = "fast"', "<config>: preset: unknown preset 'fast'; choose one of balanced, precision, recall"),
        ('heuristics = "yes"', "<config>: heuristics: expected true or false, got a string 'yes'"),
        ("heuristics = 1", "<config>: heuristics: expected true or false, got an integer 1"),
        ("language = 7", "<config>: language: expected a language code (str) or None, got an integer 7"),
        ('language = "xx-nonsense"', "<config>: language: unknown language 'xx-nonsense'"),
        ("pattern_timeout = 0", "<config>: pattern_timeout: expected a positive number of seconds, got 0"),
        ("pattern_timeout = true", "<config>: pattern_timeout: expected a number of seconds, got a boolean True"),
        ("pattern_timeout = inf", "<config>: pattern_timeout: expected a positive number of seconds, got inf"),
        ("max_line_length = 1.5", "<config>: max_line_length: expected a positive integer (characters), got a float 1.5"),
        ("max_document_size = -3", "<config>: max_document_size: expected a positive integer (characters), got -3"),
        ('disable = "byline"', "<config>: disable: expected an array of names, got a string 'byline'"),
        ('disable = ["byline", 3]', "<config>: disable[1]: expected a string, got an integer 3"),
        ('disable = ["ad", "bylines"]', "<config>: disable[1]: unknown rule or kind 'bylines'; did you mean 'byline'?"),
        ('disable_kinds = ["repeated-line"]', "<config>: disable_kinds[0]: unknown kind 'repeated-line'"),
        ('disable_rules = ["ticker"]', "<config>: disable_rules[0]: unknown rule 'ticker'"),
        ("rules = 3", "<config>: rules: expected an array of tables ([[rules]]), got an integer 3"),
        ("rules = [1]", "<config>: rules[0]: expected a table, got an integer 1"),
        ('[[rules]]\npattern = "x"', "<config>: rules[0]: missing key 'name'"),
        ('[[rules]]\nname = "a"', "<config>: rules[0]: missing key 'pattern'"),
        ('[[rules]]\nname = " "\npattern = "x"', "<config>: rules[0].name: a rule name cannot be empty"),
        ('[[rules]]\nname = "byline"\npattern = "x"', "<config>: rules[0].name: 'byline' is a built-in rule"),
        (
            '[[rules]]\nname = "a"\npattern = "x"\n[[rules]]\nname = "a"\npattern = "y"',
            "<config>: rules[1].name: duplicate rule name 'a' (also rules[0])",
        ),
        (
            '[[rules]]\nname = "a"\npattern = "x"\n[[rules]]\nname = "b"\npattern = "(x"',
            "<config>: rules[1].pattern (rule 'b'): invalid regular expression '(x': missing )",
        ),
        ('[[rules]]\nname = "a"\npattern = ""', "<config>: rules[0].pattern (rule 'a'): a pattern cannot be empty"),
        ('[[rules]]\nname = "a"\npattern = 5', "<config>: rules[0].pattern (rule 'a'): expected a string, got an integer 5"),
        ('[[rules]]\nname = "a"\npattern = "x"\nkind = "spam"', "<config>: rules[0].kind (rule 'a'): unknown kind 'spam'"),
        ('[[rules]]\nname = "a"\npattern = "x"\nscope = "run"', "<config>: rules[0].scope (rule 'a'): unknown scope 'run'"),
        (
            '[[rules]]\nname = "a"\npattern = "x"\nignore_case = "no"',
            "<config>: rules[0].ignore_case (rule 'a'): expected true or false, got a string 'no'",
        ),
        # Nothing in a config is code: a key that could name a callable is just an unknown key.
        ('[[rules]]\nname = "a"\npattern = "x"\ndetect = "os.system"', "<config>: rules[0].detect: unknown key"),
        ('[[rules]]\nname = "a"\npattern = "x"\naccept = "print"', "<config>: rules[0].accept: unknown key"),
        ('preset = "recall"\npreset = "balanced"', "<config>: invalid TOML: Cannot overwrite a value"),
        ("x = [", "<config>: invalid TOML:"),
    ],
)
def test_each_mistake_names_its_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        loads_config(text)
    assert str(caught.value).startswith(message), str(caught.value)
    assert "\n" not in str(caught.value)


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[rules]]\nname = "ok"\npattern = "x"\n[[rules]]\nname = "x"\npattern = "[a-"\n')
    with pytest.raises(ConfigError, match=r"^.*config\.toml: rules\[1\]\.pattern \(rule 'x'\): invalid regular expression"):
        load_config(path)


def test_unreadable_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.toml: cannot read config file"):
        load_config(tmp_path / "missing.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('description = "caf\xe9"'.encode("latin-1"))
    with pytest.raises(ConfigError, match=r"latin\.toml: config file is not UTF-8"):
        load_config(latin)


def test_config_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        loads_config('preset = "fast"')
