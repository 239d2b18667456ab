"""The language guess and the stoplists it reads from jusText's package data."""

from __future__ import annotations

import justext
import pytest

import newsclean
from newsclean import _language


@pytest.mark.parametrize("language", sorted(justext.get_stoplists()))
def test_stoplists_read_without_justext_are_justexts_own(language: str) -> None:
    assert _language.stoplist(language) == frozenset(word.lower() for word in justext.get_stoplist(language))


def test_every_justext_language_resolves_by_name() -> None:
    assert {_language.resolve(name) for name in justext.get_stoplists()} == set(justext.get_stoplists())
    assert _language.resolve("norwegian_bokmal") == "Norwegian_Bokmal"


def test_the_candidate_index_holds_every_stopword_with_all_its_languages() -> None:
    index = _language._candidate_index()
    expected: dict[str, int] = {}
    for bit, language in enumerate(_language.CANDIDATES):
        for word in _language.stoplist(language):
            expected[word] = expected.get(word, 0) | 1 << bit
    assert index == expected
    german, english = (1 << _language.CANDIDATES.index(name) for name in ("German", "English"))
    assert index["die"] & german and not index["die"] & english


ENGLISH = [
    "The council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers "
    "warned that rust under the main span was spreading faster than they had expected.",
    "Residents who cross the bridge every day said they were worried about longer journeys, and several "
    "shopkeepers on the east bank fear that their customers will drift away to the new mall.",
]
ITALIAN = (
    "Il consiglio comunale ha deciso martedì di chiudere alle auto il vecchio ponte del porto dalla prossima "
    "primavera, dopo che gli ingegneri hanno avvertito che la ruggine si stava diffondendo."
)


def test_a_few_repeated_lines_do_not_outvote_the_pages_prose() -> None:
    # Three copies of one Italian line outweighed two English paragraphs: the page was taken for Italian
    # and its first paragraph went as few-stopwords. Each distinct line now counts once.
    text = "\n\n".join([*ENGLISH, ITALIAN, ITALIAN, ITALIAN]) + "\n"
    kept = newsclean.clean(text)
    assert all(paragraph in kept for paragraph in ENGLISH)
    assert _language.detect(text) == "English"


def test_one_copy_of_each_line_still_weighs_by_its_length() -> None:
    # The same lines once each: the longer language wins, whichever comes first.
    assert _language.detect("\n".join([ITALIAN, *ENGLISH])) == "English"
    assert _language.detect("\n".join([*ENGLISH[:1], ITALIAN, ITALIAN.replace("martedì", "mercoledì")])) == "Italian"
