"""The public API's contract: the docstring example, overrides, and user rules in the disable lists."""

from __future__ import annotations

import doctest
import re

import pytest

import newsclean
from newsclean import Rule

BODY = "The council approved the budget on Tuesday after a long debate about schools and roads.\n"


def test_module_docstring_example_holds() -> None:
    failed, attempted = doctest.testmod(newsclean, verbose=False)
    assert attempted > 0
    assert failed == 0


def test_user_rule_can_be_switched_off_by_name_or_kind() -> None:
    rule = Rule("poll-prompt", "custom", "poll prompt", pattern=r"Vote in our poll on \w+")
    text = "Vote in our poll on Mastodon\n" + BODY
    assert newsclean.clean(text, extra_rules=[rule], heuristics=False) == BODY
    assert newsclean.clean(text, extra_rules=[rule], disabled_rules={"poll-prompt"}, heuristics=False) == text
    assert newsclean.clean(text, extra_rules=[rule], disabled_kinds={"custom"}, heuristics=False) == text


def test_unknown_names_are_refused() -> None:
    with pytest.raises(ValueError, match="no-such-rule"):
        newsclean.clean(BODY, disabled_rules={"no-such-rule"})
    with pytest.raises(ValueError, match="no-such-kind"):
        newsclean.clean(BODY, disabled_kinds={"no-such-kind"})
    with pytest.raises(TypeError, match="unknown option"):
        newsclean.clean(BODY, no_such_option=True)


def test_explained_removals_point_into_the_input() -> None:
    text = "Advertisement\n" + BODY + "Copyright © 2024 Example News Ltd. All rights reserved.\n"
    result = newsclean.clean_and_explain(text)
    assert result.text == BODY
    assert {(r.rule, r.kind) for r in result.removals} >= {("ad-marker", "ad")}
    for removal in result.removals:
        assert text[removal.start : removal.end] == removal.text


def test_what_the_readme_documents_is_public() -> None:
    """The README names no private module or function; the ones it names are public."""
    import newsclean.dask
    import newsclean.jsonl
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"newsclean\._\w+", readme) == []
    assert newsclean.jsonl.clean_record({"text": BODY, "id": 1}) == {"text": BODY, "id": 1}
    with pytest.raises(newsclean.jsonl.RecordError, match="record has no field 'text'"):
        newsclean.jsonl.clean_record({"body": BODY})
    assert newsclean.dask.RecordError is newsclean.jsonl.RecordError
    for name in ("load_config", "loads_config", "ConfigError", "clean_html", "clean_html_and_explain"):
        assert name in newsclean.__all__ and f"newsclean.{name}" in readme, name


@pytest.mark.parametrize("blank", ["\n", "  \n", "\r\n"])
def test_a_paragraph_break_after_a_lone_cr_survives_a_removed_line(blank: str) -> None:
    # Kept line ending in '\r', a removed line, a blank line: '\r' + '\n' would read as one CRLF line end.
    first, second = "The council approved the budget.", "Officials said the rules take effect in March."
    text = f"{first}\rAdvertisement\n{blank}{second}\n"
    cleaned = newsclean.clean(text, heuristics=False)
    assert cleaned.startswith(first) and cleaned.endswith(f"{second}\n")
    between = cleaned[len(first) : -len(second) - 1]
    assert len(re.findall(r"\r\n|\r|\n", between)) == 2, repr(between)  # two line ends: the blank line stays
    assert newsclean.clean(cleaned, heuristics=False) == cleaned
