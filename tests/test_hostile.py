"""Hostile input: adversarial shapes, catastrophic user patterns, odd characters, limits.

The hang guards run their work in a forked child and fail if it has not finished
within a generous time limit: they catch catastrophic backtracking (which would
take hours), they do not measure speed.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import re
import time
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

import pytest
import regex

import newsclean
from newsclean._rules import CompiledRules
from newsclean._segment import normalise_newlines, split_lines

HANG_LIMIT = 60.0  # seconds; linear work on these inputs takes well under one
LINE_SHAPE_SIZE = 100_000  # characters of a one-line adversarial shape
MULTILINE_SHAPE_SIZE = 60_000  # characters of a many-line shape
HUGE_LINE_SIZE = 1_000_000

# Repeated to fill one line: runs of one character class, and pieces of the built-in
# patterns that a greedy engine could split many ways ("icon-icon-icon-...", "1,1,1,...").
LINE_TOKENS = (
    " ", "\t", "\u00a0", "1", "1 ", "1,", "1.", "12:", "+1%", ".)", ".,;:!?-", "©", "the ", "A ", "-a",
    "a-", "icon-", "icon-x ", "by x ", "share ", "facebook | ", "copyright ", "photo: ", "(photo by ",
    "jan 1 ", "do you ", "advertisement ", "- ", "a@b.", "   |   ", "中文",
)
# Ends every run: a character after which no pattern can match, so a backtracking engine tries everything.
TAIL = "!"
# Repeated as whole lines.
MULTILINE_TOKENS = (
    "\n",
    "a\r\n",
    "a\r",
    "Apple\n189.98\n+1.23 (+0.65%)\n",
    "Keep reading\n- A headline\n03:07\nVideo title\n",
    "A headline that is printed again and again\n",
    "The council met on Tuesday and approved the budget for next year.\n",
)


def _adversarial_line_shapes() -> Iterator[tuple[str, str]]:
    for token in LINE_TOKENS:
        yield f"{token!r}*n", token * (LINE_SHAPE_SIZE // len(token))


def _pattern_objects() -> list[tuple[str, Any]]:
    """Every compiled pattern at module level in newsclean (detectors, heuristics, ...)."""
    found: list[tuple[str, Any]] = []
    for info in pkgutil.iter_modules(newsclean.__path__):
        if info.name.startswith("__"):
            continue  # __main__ would run the command
        module = importlib.import_module(f"newsclean.{info.name}")
        for name, value in vars(module).items():
            values = value.values() if isinstance(value, dict) else value if isinstance(value, (tuple, list)) else [value]
            for item in values:
                if isinstance(item, (re.Pattern, regex.Pattern)):
                    found.append((f"{info.name}.{name}", item))
    return found


MODULE_PATTERNS = _pattern_objects()
PATTERN_RULES = [rule for rule in newsclean.RULES if rule.pattern is not None]
NO_LIMIT = 10**12  # max_line_length that lets every rule see even a 1 MB line


def test_the_guard_sees_the_patterns() -> None:
    # The guard is only as good as what it runs: the detectors' patterns must be among them.
    names = {name for name, _ in MODULE_PATTERNS}
    assert {"_detectors._PRICE", "_detectors._CHANGE", "_detectors._LIST_HEADING", "_vocabulary._AFTER_ARTICLE_HEADING"} <= names
    assert len(PATTERN_RULES) >= 10


# --- the guard -------------------------------------------------------------------


def _child(connection: Connection, job: Callable[[Callable[[str], None]], None]) -> None:
    try:
        job(lambda step: connection.send(("step", step)))
        connection.send(("done", ""))
    except BaseException:  # noqa: BLE001 - report anything to the parent
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()


def _finishes(job: Callable[[Callable[[str], None]], None], limit: float = HANG_LIMIT) -> None:
    """Run *job* in a forked child; fail if it raises or has not finished within *limit* seconds.

    *job* is given a ``step(name)`` callback so that a hang names the step it hung in.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, job), daemon=True)
    child.start()
    sender.close()
    deadline = time.monotonic() + limit
    step = "start"
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not receiver.poll(remaining):
                pytest.fail(f"did not finish within {limit:g} s; hung in step: {step}")
            try:
                what, detail = receiver.recv()
            except EOFError:
                pytest.fail(f"child died in step {step} (exit code {child.exitcode})")
            if what == "step":
                step = detail
            elif what == "error":
                pytest.fail(f"step {step} raised:\n{detail}")
            else:
                return
    finally:
        if child.is_alive():
            child.kill()
        child.join()


def _run_everything(text: str, step: Callable[[str], None]) -> None:
    lines = split_lines(text)
    normalised = normalise_newlines(text)
    for rule in newsclean.RULES:  # each rule compiled alone, exactly as the engine runs it
        step(f"rule {rule.name}")
        CompiledRules([rule]).apply(normalised, lines)
    first_line = lines[0].text if lines else ""
    for name, pattern in MODULE_PATTERNS:
        # Anchored, as the detectors and heuristics apply them to one line. (Some are not meant
        # for an unanchored search over a long line: _vocabulary._COMMENT_MARKER only ever
        # fullmatches short lines; clean() below runs every pattern the way it is really used.)
        step(f"pattern {name}")
        pattern.fullmatch(first_line)
        pattern.match(first_line)
    step("clean() with the default config")
    newsclean.clean(text)
    step("clean() without the line-length limit")
    newsclean.clean(text, max_line_length=NO_LIMIT)


@pytest.mark.parametrize(("label", "body"), list(_adversarial_line_shapes()), ids=[label for label, _ in _adversarial_line_shapes()])
def test_every_pattern_and_clean_finish_on_adversarial_line(label: str, body: str) -> None:
    _finishes(lambda step: _run_everything(body + TAIL, step))


@pytest.mark.parametrize("token", MULTILINE_TOKENS, ids=[repr(token) for token in MULTILINE_TOKENS])
def test_every_pattern_and_clean_finish_on_many_lines(token: str) -> None:
    body = token * (MULTILINE_SHAPE_SIZE // len(token))
    _finishes(lambda step: _run_everything(body, step))


@pytest.mark.parametrize("token", ["the ", "-a", "icon-", "1,", "\u00a0", "share "])
def test_one_megabyte_line_finishes(token: str) -> None:
    line = token * (HUGE_LINE_SIZE // len(token)) + "!"

    def job(step: Callable[[str], None]) -> None:
        step("clean() with the default limit")
        result = newsclean.clean_and_explain(f"Headline\n{line}\nThe end of it.\n")
        assert line in result.text  # over max_line_length: kept as it is
        step("clean() with rules running on the whole line")
        newsclean.clean(line, max_line_length=NO_LIMIT)
        newsclean.clean(line, max_line_length=NO_LIMIT, heuristics=False)

    _finishes(job)


# --- user patterns ---------------------------------------------------------------

CATASTROPHIC = r"(a|a)+$"  # 2**n ways to fail on "aaa...a!"; the regex module does not defuse this one


def test_catastrophic_user_pattern_is_cut_off_and_the_rest_still_runs() -> None:
    text = (
        "The council approved the budget on Tuesday.\n"
        + "a" * 60
        + "!\n"
        + "Advertisement\n"
        + "Vote in our poll on Mastodon\n"
        + "The vote was close.\n"
    )
    rules = (
        newsclean.Rule("slow", "custom", "catastrophic on purpose", pattern=CATASTROPHIC),
        newsclean.Rule("poll", "promo", "poll prompt", pattern=r"Vote in our poll on \w+"),
    )

    def job(step: Callable[[str], None]) -> None:
        step("clean_and_explain")
        result = newsclean.clean_and_explain(text, extra_rules=rules, pattern_timeout=0.2, heuristics=False)
        assert result.text == "The council approved the budget on Tuesday.\n" + "a" * 60 + "!\nThe vote was close.\n"
        assert [removal.rule for removal in result.removals] == ["ad-marker", "poll"]
        assert len(result.warnings) == 1
        assert "'slow'" in result.warnings[0] and "line 2" in result.warnings[0]

    _finishes(job, limit=30)


def test_catastrophic_fragment_pattern_is_cut_off() -> None:
    rule = newsclean.Rule("slow-fragment", "custom", scope="fragment", pattern=r"(x|x)+y")

    def job(step: Callable[[str], None]) -> None:
        step("clean_and_explain")
        result = newsclean.clean_and_explain("Some text " + "x" * 60 + "\n", extra_rules=[rule], pattern_timeout=0.2)
        assert any("'slow-fragment'" in warning for warning in result.warnings)

    _finishes(job, limit=30)


def test_nested_quantifier_user_pattern_finishes() -> None:
    # The textbook (a+)+$: the regex module handles it without needing the time limit.
    rule = newsclean.Rule("nested", "custom", pattern=r"(a+)+$")

    def job(step: Callable[[str], None]) -> None:
        step("clean_and_explain")
        result = newsclean.clean_and_explain("a" * 5000 + "!\n" + "a" * 30 + "\n", extra_rules=[rule], heuristics=False)
        assert result.text == "a" * 5000 + "!\n"
        assert result.warnings == ()

    _finishes(job, limit=30)


@pytest.mark.parametrize("pattern", ["(abc", "[a-", "a{2,1}", "*a", "(?P<1>a)", "\\"])
def test_invalid_user_pattern_is_a_clear_value_error(pattern: str) -> None:
    rule = newsclean.Rule("broken", "custom", pattern=pattern)
    with pytest.raises(ValueError, match=r"^extra_rules: rule 'broken': pattern: invalid regular expression "):
        newsclean.clean("text\n", extra_rules=[rule])


def test_non_string_user_pattern_is_a_type_error() -> None:
    rule = newsclean.Rule("bytes", "custom", pattern=b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^extra_rules: rule 'bytes': pattern: expected a string, got bytes b'abc'"):
        newsclean.clean("text\n", extra_rules=[rule])


# --- characters and line endings -------------------------------------------------

CONTROL_CHARACTERS = "".join(chr(code) for code in [*range(9), 11, 12, *range(14, 32), 127, 0x85, 0x2028, 0x2029])


def test_nul_and_control_characters_never_crash_and_stay_in_kept_lines() -> None:
    body = "The council approved\x00 the budget\x1b on Tuesday after a long debate.\x0b"
    text = f"{body}\n{CONTROL_CHARACTERS}\nAdvertisement\n\x00\n{body}\x0c\n"
    for heuristics in (True, False):
        result = newsclean.clean_and_explain(text, heuristics=heuristics)
        for removal in result.removals:
            assert text[removal.start : removal.end] == removal.text
    assert newsclean.clean(text, heuristics=False).startswith(body + "\n")
    for char in CONTROL_CHARACTERS:
        newsclean.clean(char)
        newsclean.clean(char * 1000)
        newsclean.clean(f"Advertisement{char}\nShare this article{char}\n")


def test_lone_surrogates_and_odd_code_points_do_not_crash() -> None:
    text = "Body text with a lone surrogate \ud800 and a private use \ue000 char.\n\ufeffAdvertisement\n\U0010ffff\n"
    result = newsclean.clean_and_explain(text, heuristics=False)
    assert result.text.startswith("Body text with a lone surrogate \ud800")


def test_crlf_line_endings_are_preserved() -> None:
    text = "Markets rallied on Tuesday.\r\nAdvertisement\r\nShare this article\r\n\r\nSecond paragraph here.\r\n"
    assert newsclean.clean(text, heuristics=False) == "Markets rallied on Tuesday.\r\n\r\nSecond paragraph here.\r\n"


def test_cr_line_endings_are_preserved() -> None:
    text = "Markets rallied on Tuesday.\rAdvertisement\rShare this article\r\rSecond paragraph here.\r"
    assert newsclean.clean(text, heuristics=False) == "Markets rallied on Tuesday.\r\rSecond paragraph here.\r"


def test_mixed_line_endings_are_each_preserved() -> None:
    text = "First paragraph.\r\nAdvertisement\nSecond paragraph.\rThird paragraph.\n"
    assert newsclean.clean(text, heuristics=False) == "First paragraph.\r\nSecond paragraph.\rThird paragraph.\n"


def test_missing_final_newline_is_not_added() -> None:
    assert newsclean.clean("Advertisement\nThe last line", heuristics=False) == "The last line"


def test_only_whitespace_and_empty_inputs() -> None:
    for text in ("", "\n", "\r\n", "\r", "   ", "\t\n\t\n", "\u00a0\n"):
        assert newsclean.clean(text) == ""


def test_bytes_are_refused_with_a_type_error() -> None:
    with pytest.raises(TypeError, match="cleans str, not bytes"):
        newsclean.clean(b"Advertisement\n")  # type: ignore[arg-type]


# --- limits ------------------------------------------------------------------------


def test_a_line_over_max_line_length_is_kept_as_is_and_reported() -> None:
    long_line = "Word " * 30 + "end.Advertisement"  # the glued marker would be cut if rules saw the line
    text = f"Advertisement\n{long_line}\nShare this article\nA short closing line.\n"
    result = newsclean.clean_and_explain(text, max_line_length=100, heuristics=False)
    assert result.text == f"{long_line}\nA short closing line.\n"
    assert [removal.rule for removal in result.removals] == ["ad-marker", "share-prompt"]
    assert result.warnings == (
        f"1 line(s) longer than max_line_length=100 characters kept as they are, without applying rules "
        f"(first: line 2, {len(long_line)} characters)",
    )
    # With the limit above the line, the rules see it again.
    assert "end.\n" in newsclean.clean(text, max_line_length=1000, heuristics=False)


def test_a_long_line_is_invisible_to_the_heuristics_too() -> None:
    junk = "x" * 200
    for preset in newsclean.PRESETS:
        assert junk in newsclean.clean(f"Menu\n{junk}\nFooter\n", max_line_length=100, preset=preset)


def test_a_line_at_the_limit_is_still_cleaned() -> None:
    text = "Advertisement\nBody.\n"
    assert newsclean.clean(text, max_line_length=len("Advertisement"), heuristics=False) == "Body.\n"
    assert newsclean.clean(text, max_line_length=len("Advertisement") - 1, heuristics=False) == text


def test_a_document_over_max_document_size_passes_through_with_a_warning() -> None:
    text = "Advertisement\nBody text.\n"
    result = newsclean.clean_and_explain(text, max_document_size=len(text) - 1)
    assert result.text == text
    assert result.removals == ()
    assert result.warnings == (
        f"text is {len(text)} characters long, over max_document_size={len(text) - 1}: returned unchanged "
        "(split it into articles, or raise the limit)",
    )
    assert newsclean.clean(text, max_document_size=len(text), heuristics=False) == "Body text.\n"


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        ("max_line_length", 0, ValueError),
        ("max_line_length", -5, ValueError),
        ("max_line_length", 1.5, TypeError),
        ("max_line_length", True, TypeError),
        ("max_document_size", 0, ValueError),
        ("max_document_size", "50MB", TypeError),
        ("pattern_timeout", 0, ValueError),
        ("pattern_timeout", "1", TypeError),
    ],
)
def test_limit_options_are_checked(option: str, value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=option):
        newsclean.clean("text", **{option: value})


def test_default_limits() -> None:
    config = newsclean.Config()
    assert config.max_line_length == 20_000
    assert config.max_document_size == 50_000_000
