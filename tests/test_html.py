"""The HTML front end: trafilatura extracts, newsclean cleans what it leaves."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

import newsclean
from newsclean import HtmlExplained, Removal
from newsclean._html import Extraction, choose_extraction

PARA_1 = (
    "The city council voted on Tuesday to extend the tram line to the northern suburbs, "
    "ending a debate that had lasted almost four years."
)
PARA_2 = (
    "Work is expected to start next spring, and the first trams should run on the new "
    "section before the end of 2027, the mayor told reporters after the vote."
)
PARA_3 = (
    "Opponents had argued that the money would be better spent on buses, which they say "
    "could serve more neighbourhoods for the same price."
)
# Prose that merely mentions ads, sharing and copyright: body text, must stay.
NEGATIVE = (
    "Local shops said they would share the cost of the advertisement campaign, and a "
    "lawyer warned that copyright on the tram design belongs to the manufacturer."
)


def _page(article: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>Council backs tram extension</title></head><body>"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
        '<li><a href="/sport">Sport</a></li></ul></nav>'
        f"<article><h1>Council backs tram extension</h1>{article}</article>"
        "<footer><p>About us | Contact | Privacy policy</p></footer>"
        "</body></html>"
    )


BOILERPLATE_ARTICLE = (
    f"<p>{PARA_1}</p>"
    "<p>Advertisement</p>"
    f"<p>{PARA_2}</p>"
    "<p>Share this article</p>"
    f"<p>{PARA_3}</p>"
    f"<p>{NEGATIVE}</p>"
    "<p>© 2024 Example Media Group. All rights reserved.</p>"
)


def _normal(text: str) -> str:
    return " ".join(text.split())


def test_ad_share_and_copyright_go_body_stays() -> None:
    page = _page(BOILERPLATE_ARTICLE)
    explained = newsclean.clean_html_and_explain(page)
    # trafilatura alone keeps the boilerplate: that is what newsclean is there for.
    assert "Share this article" in explained.extracted
    assert "All rights reserved" in explained.extracted
    text = newsclean.clean_html(page)
    assert text == explained.text
    for paragraph in (PARA_1, PARA_2, PARA_3, NEGATIVE):
        assert paragraph in text
    for boilerplate in ("Advertisement\n", "Share this article", "All rights reserved"):
        assert boilerplate not in text + "\n"
    assert not any(line.strip() == "Advertisement" for line in text.splitlines())
    # Paragraph order is kept.
    assert text.index(PARA_1) < text.index(PARA_2) < text.index(PARA_3) < text.index(NEGATIVE)


def test_explain_provenance() -> None:
    page = _page(BOILERPLATE_ARTICLE)
    explained = newsclean.clean_html_and_explain(page)
    assert isinstance(explained, HtmlExplained)
    assert explained._fields == ("text", "extracted", "removals", "dropped_by_extractor", "warnings")
    # newsclean's removals are spans of the extracted text, with a rule and kind each.
    assert explained.removals
    for removal in explained.removals:
        assert isinstance(removal, Removal)
        assert explained.extracted[removal.start : removal.end] == removal.text
    removed = {_normal(removal.text): removal.kind for removal in explained.removals}
    assert removed.get("Advertisement") == "ad"
    assert removed.get("Share this article") == "share"
    assert any("All rights reserved" in text for text in removed)
    # What trafilatura dropped: the menu and the footer, not the body.
    dropped = explained.dropped_by_extractor
    assert "Home" in dropped and "Sport" in dropped
    assert "About us | Contact | Privacy policy" in dropped
    assert not any(PARA_1 in block or PARA_2 in block for block in dropped)
    assert len(dropped) == len(set(dropped))
    assert explained.warnings == ()


def test_bytes_and_str_give_the_same_article() -> None:
    page = _page(BOILERPLATE_ARTICLE, head='<meta charset="utf-8">')
    assert newsclean.clean_html(page.encode("utf-8")) == newsclean.clean_html(page)
    assert newsclean.clean_html(bytearray(page.encode("utf-8"))) == newsclean.clean_html(page)


@pytest.mark.parametrize(
    ("encoding", "head"),
    [
        ("latin-1", '<meta charset="iso-8859-1">'),
        ("cp1252", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'),
    ],
)
def test_non_utf8_bytes_decoded_by_the_page_charset(encoding: str, head: str) -> None:
    body_1 = (
        "Die Bürger von München stimmten am Sonntag über die neue Straßenbahnlinie ab, "
        "die quer durch die Stadt führen soll."
    )
    body_2 = "Die Wahlbeteiligung lag bei über sechzig Prozent, höher als bei den letzten drei Abstimmungen."
    if encoding == "cp1252":
        body_2 += " „Ein großer Tag“ – sagte der Bürgermeister."
    page = _page(f"<p>{body_1}</p><p>{body_2}</p>", head=head).encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        page.decode("utf-8")  # really not UTF-8
    text = newsclean.clean_html(page)
    assert body_1 in text
    assert body_2 in text
    assert "\ufffd" not in text


def test_broken_html_is_recovered_and_cleaned() -> None:
    broken = (
        f"<html><body><div><p>{PARA_1}<p>Advertisement<p><b>{PARA_2}</div></span>"
        f"<p>{PARA_3}<table><tr><td>"
    )
    text = newsclean.clean_html(broken)
    for paragraph in (PARA_1, PARA_2, PARA_3):
        assert paragraph in text
    assert not any(line.strip() == "Advertisement" for line in text.splitlines())


def test_fragment_without_html_element_is_cleaned() -> None:
    # trafilatura refuses bare fragments; they are parsed inside <html><body>.
    fragment = f"<p>{PARA_1}</p><p>Advertisement</p><p>{PARA_2}</p>"
    text = newsclean.clean_html(fragment)
    assert PARA_1 in text and PARA_2 in text
    assert not any(line.strip() == "Advertisement" for line in text.splitlines())
    assert newsclean.clean_html(fragment.encode("utf-8")) == text


@pytest.mark.parametrize("empty", ["", "   \n\t ", b"", b" \r\n "])
def test_empty_input_gives_empty_text(empty: str | bytes) -> None:
    assert newsclean.clean_html(empty) == ""
    explained = newsclean.clean_html_and_explain(empty)
    assert explained.text == "" and explained.extracted == "" and explained.removals == ()
    assert explained.warnings == ("empty input",)


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Only a title</title></head><body><script>var a = 1;</script></body></html>",
        "<html><body><div></div><p>   </p></body></html>",
        "<html><body><img src='a.png'><br><hr></body></html>",
    ],
)
def test_page_without_text_gives_a_clear_empty_result(page: str | bytes) -> None:
    explained = newsclean.clean_html_and_explain(page)
    assert explained.text == ""
    assert explained.extracted == ""
    assert explained.warnings == ("no article text found in the HTML",)
    assert newsclean.clean_html(page) == ""


def test_garbage_bytes_do_not_crash() -> None:
    explained = newsclean.clean_html_and_explain(b"\x00\x01\xff<<<>>>\x80")
    assert isinstance(explained.text, str)
    assert "\x00" not in explained.text


def test_output_ends_with_a_newline() -> None:
    text = newsclean.clean_html(_page(f"<p>{PARA_1}</p><p>{PARA_2}</p>"))
    assert text.endswith(PARA_2 + "\n")
    assert not text.endswith("\n\n")


def test_empty_extraction_falls_back_to_the_page_text() -> None:
    # All the text sits in a comments block: trafilatura extracts nothing from it, with any settings.
    page = f"<html><body><div id='comments' class='comments'><p>{PARA_1}</p><p>Advertisement</p></div></body></html>"
    explained = newsclean.clean_html_and_explain(page)
    assert any("trafilatura extracted no article text" in warning for warning in explained.warnings)
    assert explained.extracted == f"{PARA_1}\nAdvertisement\n"
    assert explained.text.strip() == PARA_1
    assert [removal.kind for removal in explained.removals] == ["ad"]


def test_config_and_overrides_apply() -> None:
    page = _page(BOILERPLATE_ARTICLE)
    kept = newsclean.clean_html(page, disabled_kinds={"share"})
    assert "Share this article" in kept
    config = newsclean.Config(disabled_rules=frozenset({"repeated-line"}))
    assert newsclean.clean_html(page, config) == newsclean.clean_html(page)
    with pytest.raises(ValueError):
        newsclean.clean_html(page, disabled_kinds={"no-such-kind"})
    with pytest.raises(TypeError):
        newsclean.clean_html(page, no_such_option=True)


def test_not_html_type_is_refused() -> None:
    with pytest.raises(TypeError):
        newsclean.clean_html(42)  # type: ignore[arg-type]


def test_repeated_body_lines_are_kept() -> None:
    # In an extraction a repeated line is body text (table rows, recipe steps), not widget residue.
    step = "Stir the sauce for two minutes over a low heat."
    article = (
        f"<p>{PARA_1}</p><h2>Monday</h2><p>{step}</p><h2>Tuesday</h2><p>{step}</p><p>{PARA_2}</p>"
    )
    text = newsclean.clean_html(_page(article))
    assert text.count(step) == 2


def test_import_does_not_load_trafilatura() -> None:
    code = "import sys, newsclean; assert 'trafilatura' not in sys.modules; newsclean.clean('x')"
    code += "; assert 'trafilatura' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- which extraction is cleaned ------------------------------------------------------------------


def _extractor(texts: dict[str, str], made: list[str]) -> Callable[[str], str]:
    def extract(settings: str) -> str:
        made.append(settings)
        return texts[settings]

    return extract


def _how() -> Extraction:
    return Extraction("precision", "default", 0.1, 0.2, True, frozenset(), frozenset())


def test_a_first_extraction_that_lost_the_article_gives_way_to_the_fallback() -> None:
    notice = "Reprint only with permission."
    article = " ".join([PARA_1, PARA_2, PARA_3])
    made: list[str] = []
    texts = {"precision": notice, "default": article}
    page_chars = len("".join((article + " Home News Sport About us Contact").split()))
    assert choose_extraction(_extractor(texts, made), page_chars, _how()) == article
    assert made == ["precision", "default"]


def test_a_short_first_extraction_stays_when_the_fallback_is_not_much_longer() -> None:
    # A short article on a page full of menus: short beside the page, but the other settings find no more.
    made: list[str] = []
    texts = {"precision": PARA_1, "default": PARA_1 + " Share this article"}
    page_chars = 20 * len(PARA_1)
    assert choose_extraction(_extractor(texts, made), page_chars, _how()) == PARA_1
    assert made == ["precision", "default"]


def test_the_fallback_boundaries_are_strict() -> None:
    texts = {"precision": "x" * 20, "default": "y" * 101}
    made: list[str] = []
    # Exactly a tenth of the page's text is not short: the fallback is not even made.
    assert choose_extraction(_extractor(texts, made), 200, _how()) == "x" * 20
    assert made == ["precision"]
    assert choose_extraction(_extractor(texts, made), 201, _how()) == "y" * 101
    # Exactly a fifth of the fallback's text is not short either.
    texts["default"] = "y" * 100
    assert choose_extraction(_extractor(texts, []), 201, _how()) == "x" * 20


def test_the_fallback_extraction_is_made_only_when_the_first_is_short_beside_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsclean._html as html_module

    made: list[str] = []
    extract_with = html_module.extract_with

    def counted(settings: str, page: object) -> str:
        made.append(settings)
        return extract_with(settings, page)

    monkeypatch.setattr(html_module, "extract_with", counted)
    text = newsclean.clean_html(_page(BOILERPLATE_ARTICLE))
    assert PARA_1 in text
    assert made == [html_module.EXTRACTION.first]


def test_an_article_that_favor_precision_finds_nothing_of_is_taken_from_favor_recall() -> None:
    # All the text sits in a <footer>: favor_precision (and the default) extract nothing, favor_recall
    # does; the page's whole text is not needed.
    page = f"<html><body><footer><p>{PARA_1}</p><p>Advertisement</p></footer></body></html>"
    explained = newsclean.clean_html_and_explain(page)
    assert explained.warnings == ()
    assert explained.extracted == f"{PARA_1}\nAdvertisement\n"
    assert explained.text == f"{PARA_1}\n"
    assert [removal.rule for removal in explained.removals] == ["ad-marker"]


def test_clean_html_cleans_the_fallback_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    # What one unseen page did: favor_precision kept only a reprint notice, the article was lost.
    import newsclean._html as html_module

    extract_with = html_module.extract_with

    def lost(settings: str, page: object) -> str:
        return "Reprint only with permission." if settings == "precision" else extract_with(settings, page)

    monkeypatch.setattr(html_module, "extract_with", lost)
    explained = newsclean.clean_html_and_explain(_page(BOILERPLATE_ARTICLE))
    assert "Reprint" not in explained.extracted
    for paragraph in (PARA_1, PARA_2, PARA_3, NEGATIVE):
        assert paragraph in explained.text
    assert "Share this article" in explained.extracted and "Share this article" not in explained.text


# --- explain on big pages, deep pages -----------------------------------------------------------


def test_dropped_blocks_are_the_page_blocks_not_in_the_extraction() -> None:
    from newsclean._html import _not_in

    # The extractor may glue blocks together ('2Add water', 'AndersenJ. Pollersbeck') or put a block
    # inside a longer line: those are in the extraction all the same.
    extracted = "1Add water to the juice and stir. 2Bake for 40 minutes.\nJ. AndersenJ. Pollersbeck\nThe end.\n"
    lines = [
        "Home", "Add water to the juice and stir.", "Bake for 40 minutes.", "J. Andersen", "J. Pollersbeck",
        "water to the", "Home", "Bake for 45 minutes.", "•", "The end.", "Share this",
    ]  # fmt: skip
    assert list(_not_in(lines, extracted)) == ["Home", "Bake for 45 minutes.", "•", "Share this"]


def _dropped_blocks_of_a_big_page(_: object) -> int:
    from newsclean._html import _not_in

    words = ["the", "council", "approved", "the", "budget", "on", "tuesday", "after", "a", "long", "debate"]
    extracted = "\n".join(" ".join(words[(i + j) % len(words)] for j in range(30)) + f" item {i}." for i in range(25_000))
    menu = [f"Section {i} of the site menu" for i in range(100_000)]  # none of them in the 5 MB extraction
    return len(list(_not_in(menu, extracted)))


def test_explaining_a_big_page_is_linear() -> None:
    # Searching the whole extraction for each of the page's blocks took minutes here (quadratic); it is a
    # hang guard with a generous limit, not a timing: linear work takes about a second.
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply_async(_dropped_blocks_of_a_big_page, (None,)).get(timeout=60) == 100_000


ARTICLE = f"<p>{PARA_1}</p><p>{PARA_2}</p><p>{PARA_3}</p>"


@pytest.mark.parametrize("depth", [254, 300, 3000])
def test_an_article_nested_past_the_parsers_depth_limit_is_not_lost(depth: int) -> None:
    page = (
        "<html><head><script>var menu = '<p>not text</p>';</script></head><body>"
        + "<div>" * depth + ARTICLE + "</div>" * depth + "</body></html>"
    )  # fmt: skip
    for source in (page, page.encode()):
        explained = newsclean.clean_html_and_explain(source)
        for paragraph in (PARA_1, PARA_2, PARA_3):
            assert paragraph in explained.text
        assert "not text" not in explained.extracted
        assert any("levels deep" in warning for warning in explained.warnings)


def test_a_page_within_the_depth_limit_is_extracted_as_usual() -> None:
    page = "<html><body>" + "<div>" * 200 + ARTICLE + "</div>" * 200 + "</body></html>"
    explained = newsclean.clean_html_and_explain(page)
    assert PARA_1 in explained.text and PARA_3 in explained.text
    assert explained.warnings == ()
