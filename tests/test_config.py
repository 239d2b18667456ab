"""Config: checked when it is made, with one validator for the library, the command line and the config file."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import newsclean
from clitools import run_inprocess
from newsclean import Config, Rule

BODY = "The council approved the budget on Tuesday after a long debate about schools and roads.\n"
POLL = Rule("poll-prompt", "promo", "poll prompt", pattern=r"Vote in our poll on \w+")


@pytest.mark.parametrize("names", [{"byline"}, ["byline"], ("byline",), frozenset({"byline"}), "byline"])
def test_name_collections_of_any_kind_are_normalised(names: Any) -> None:
    config = Config(disabled_rules=names, disabled_kinds=names)
    assert config.disabled_rules == frozenset({"byline"}) and isinstance(config.disabled_rules, frozenset)
    assert config.disabled_kinds == frozenset({"byline"}) and isinstance(config.disabled_kinds, frozenset)
    assert hash(config) == hash(Config(disabled_rules=frozenset({"byline"}), disabled_kinds=frozenset({"byline"})))
    # ... and the config cleans as the keyword arguments do (this used to fail inside a cache: unhashable type).
    text = "By Jane Doe\n" + BODY
    assert newsclean.clean(text, config, heuristics=False) == newsclean.clean(
        text, disabled_rules=names, disabled_kinds=names, heuristics=False
    )


@pytest.mark.parametrize("rules", [[POLL], (POLL,), {POLL}, POLL])
def test_extra_rules_of_any_collection_become_a_tuple(rules: Any) -> None:
    config = Config(extra_rules=rules)
    assert config.extra_rules == (POLL,)
    assert newsclean.clean("Vote in our poll on Mastodon\n" + BODY, config, heuristics=False) == BODY


def test_config_is_immutable_hashable_and_pickles() -> None:
    config = Config(preset="recall", disabled_kinds=["ad"], extra_rules=[POLL], language="de")
    with pytest.raises(AttributeError):
        config.preset = "balanced"  # type: ignore[misc]
    assert {config: 1}[Config(preset="recall", disabled_kinds={"ad"}, extra_rules=(POLL,), language="de")] == 1
    assert pickle.loads(pickle.dumps(config)) == config
    assert config._replace(preset="precision") == Config(
        preset="precision", disabled_kinds={"ad"}, extra_rules=[POLL], language="de"
    )


BAD: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"preset": "x"}, ValueError, "preset: unknown preset 'x'; choose one of balanced, precision, recall"),
    ({"preset": 3}, TypeError, "preset: expected one of 'balanced', 'precision', 'recall', got an integer 3"),
    ({"heuristics": "no"}, TypeError, "heuristics: expected true or false, got a string 'no'"),
    ({"heuristics": 0}, TypeError, "heuristics: expected true or false, got an integer 0"),
    ({"language": "xx"}, ValueError, "language: unknown language 'xx'; use an ISO 639-1 code such as 'en'"),
    ({"language": ""}, ValueError, "language: unknown language ''"),
    ({"language": 5}, TypeError, "language: expected a language code (str) or None, got an integer 5"),
    ({"disabled_rules": ["bylin"]}, ValueError, "disabled_rules: unknown rule 'bylin'; did you mean 'byline'?"),
    ({"disabled_rules": [["x"]]}, TypeError, "disabled_rules: expected rule names (str), got a list [['x']]"),
    ({"disabled_rules": [1]}, TypeError, "disabled_rules: expected rule names (str), got an integer 1 among them"),
    ({"disabled_rules": 7}, TypeError, "disabled_rules: expected a rule name or a set, list or tuple of them"),
    ({"disabled_kinds": {"ads"}}, ValueError, "disabled_kinds: unknown kind 'ads'; did you mean 'ad'?"),
    ({"extra_rules": ["x"]}, TypeError, "extra_rules: expected newsclean.Rule objects, got a string 'x' among them"),
    ({"extra_rules": "x"}, TypeError, "extra_rules: expected newsclean.Rule objects (a list or tuple of them)"),
    (
        {"extra_rules": [Rule("mine", "spam", pattern="x")]},
        ValueError,
        "extra_rules: rule 'mine': kind: unknown kind 'spam'; use one of ticker, ad,",
    ),
    (
        {"extra_rules": [Rule("byline", "byline", pattern="x")]},
        ValueError,
        "extra_rules: rule 'byline': name: 'byline' is a built-in rule; choose another name",
    ),
    (
        {"extra_rules": [POLL, Rule("poll-prompt", "promo", pattern="y")]},
        ValueError,
        "extra_rules: rule 'poll-prompt': name: two rules are named 'poll-prompt'",
    ),
    (
        {"extra_rules": [Rule("mine", "custom", pattern="(x")]},
        ValueError,
        "extra_rules: rule 'mine': pattern: invalid regular expression '(x': missing )",
    ),
    ({"pattern_timeout": 0}, ValueError, "pattern_timeout: expected a positive number of seconds, got 0"),
    ({"pattern_timeout": float("inf")}, ValueError, "pattern_timeout: expected a positive number of seconds, got inf"),
    ({"pattern_timeout": "1"}, TypeError, "pattern_timeout: expected a number of seconds, got a string '1'"),
    ({"max_line_length": 0}, ValueError, "max_line_length: expected a positive integer (characters), got 0"),
    ({"max_document_size": 1.5}, TypeError, "max_document_size: expected a positive integer (characters), got a float"),
]


@pytest.mark.parametrize(("options", "error", "message"), BAD, ids=[str(case[0]) for case in BAD])
def test_a_bad_value_fails_when_the_config_is_made(options: dict[str, Any], error: type[Exception], message: str) -> None:
    for make in (
        lambda: Config(**options),
        lambda: Config()._replace(**options),
        lambda: newsclean.clean(BODY, **options),
        lambda: newsclean.clean_html("<p>x</p>", **options),
    ):
        with pytest.raises(error) as caught:
            make()
        assert str(caught.value).startswith(message), str(caught.value)


def test_a_rule_of_scope_run_is_no_user_rule() -> None:
    run_rule = Rule("mine", "custom", scope="run", detect=lambda lines: ())
    with pytest.raises(ValueError, match=r"^extra_rules: rule 'mine': scope: unknown scope 'run'; a user rule has"):
        Config(extra_rules=[run_rule])


def test_a_user_rule_can_be_disabled_by_name_and_custom_is_a_kind() -> None:
    mine = Rule("mine", "custom", pattern="x")
    assert Config(extra_rules=[mine], disabled_rules={"mine"}).disabled_rules == {"mine"}
    assert Config(disabled_kinds={"custom"}).disabled_kinds == {"custom"}
    with pytest.raises(ValueError, match="unknown rule 'mine'"):
        Config(disabled_rules={"mine"})  # without the rule it names


def test_a_dict_is_not_a_config() -> None:
    with pytest.raises(TypeError, match=r"^config must be a newsclean.Config or None, not dict; pass single options"):
        newsclean.clean(BODY, {"preset": "recall"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="config must be a newsclean.Config"):
        newsclean.clean_html("<p>x</p>", {"preset": "recall"})  # type: ignore[arg-type]


def test_a_jusText_language_name_works_as_its_code() -> None:
    text = "Der Rat hat am Dienstag den Haushalt nach einer langen Debatte über Schulen und Straßen beschlossen.\n"
    assert Config(language="german").language == "german"
    assert newsclean.clean_and_explain(text * 3, language="german") == newsclean.clean_and_explain(text * 3, language="de")


# The same bad values through the three front ends: the same words after each one's own prefix.
FRONT_ENDS = [
    ("preset", "x", "--preset", None),  # argparse refuses an unknown --preset itself
    ("language", "xx", "--language", "unknown language 'xx'; use an ISO 639-1 code"),
    ("language", "english-ish", "--language", "unknown language 'english-ish'"),
]


@pytest.mark.parametrize(("option", "value", "flag", "words"), FRONT_ENDS)
def test_library_command_and_config_file_give_the_same_error(option: str, value: str, flag: str, words: str | None) -> None:
    with pytest.raises(ValueError) as library:
        Config(**{option: value})
    with pytest.raises(newsclean.ConfigError) as config_file:
        newsclean.loads_config(f'{option} = "{value}"\n')
    library_words = str(library.value).removeprefix(f"{option}: ")
    assert str(config_file.value) == f"<config>: {option}: {library_words}"
    cli = run_inprocess([flag, value], stdin=BODY.encode())
    assert cli.returncode == 2
    if words is not None:
        assert words in library_words
        assert cli.stderr.decode() == f"newsclean: error: {option}: {library_words}\n"


def test_command_accepts_a_jusText_language_name() -> None:
    cli = run_inprocess(["--language", "english", "--no-heuristics"], stdin=BODY.encode())
    assert (cli.returncode, cli.stdout) == (0, BODY.encode())
