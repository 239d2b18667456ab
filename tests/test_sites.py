"""The site model (newsclean.SiteModel) and the site-template pass, on made-up pages of a made-up site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsclean
from newsclean import _features, _passes, _sites
from newsclean._segment import split_lines
from newsclean._sites import NUMBERS, SiteModel
from sitepages import ARTICLES, DISCLAIMER, FOOTER, MENU, SITE, learned, page


def removed_by_site(explained: newsclean.Explained) -> list[str]:
    return [r.text for r in explained.removals if r.rule == "site-template"]


# --- the model ---------------------------------------------------------------------------------------


def test_a_line_counts_once_per_page_whatever_its_spacing_case_and_numbers() -> None:
    model = SiteModel.learn(
        [
            ("gazette.example", "Read 12 comments\nRead 12 comments\nOnly here\n"),
            ("gazette.example", "  read   3 COMMENTS \nSomething else\n"),
            ("gazette.example", "Read 1,024 comments\r\n\r\n"),
            ("gazette.example", "Updated 24.07.2012 at 12:11\n"),
            ("gazette.example", "Updated 3.11.2012 at 9:05\n"),
        ]
    )
    view = model.view("gazette.example")
    assert view is not None and view.pages == 5
    assert view.counts[_sites.line_hash("Read 12 comments")] == 3
    assert view.counts[_sites.line_hash("Updated 1.1.1999 at 0:00")] == 2
    assert view.counts[_sites.line_hash("Only here")] == 1
    assert _sites.line_hash("   ") not in view.counts  # blank lines are not learned
    assert _sites.line_hash("read 12 comments") == _sites.line_hash("Read  7 Comments")
    assert _sites.line_hash("Read comments") != _sites.line_hash("Read 7 comments")


def test_a_url_stands_for_its_host_and_a_name_for_itself() -> None:
    model = SiteModel.learn(
        [
            ("https://www.gazette.example/a", "x\n"),
            ("http://gazette.example:8080/b?c=1", "x\n"),
            ("  gazette.example ", "x\n"),
            ("The Gazette", "x\n"),
            ("https://sport.gazette.example/c", "x\n"),
        ]
    )
    assert model.sites == ("The Gazette", "gazette.example", "sport.gazette.example")
    assert model.pages("gazette.example") == 3
    assert model.pages("https://gazette.example/anything") == 3
    assert model.pages("unknown.example") == 0


def test_pages_without_a_site_are_not_learned() -> None:
    model = SiteModel.learn([(None, "x\n"), ("", "x\n"), ("   ", "x\n")])
    assert model.sites == ()
    assert repr(model) == "<SiteModel: 0 sites, 0 pages>"


@pytest.mark.parametrize("pair", [(3, "text"), ("site", b"bytes"), ("site", None)])
def test_a_page_that_is_not_a_pair_of_strings_is_refused(pair: tuple[object, object]) -> None:
    with pytest.raises(TypeError, match="a page is a \\(site, text\\) pair of str"):
        SiteModel.learn([pair])  # type: ignore[list-item]


def test_update_and_merge_add_up_to_learning_everything_at_once() -> None:
    pages = [(SITE, page(i)) for i in range(5)] + [("other.example", page(5))]
    whole = SiteModel.learn(pages)
    first, second = SiteModel.learn(pages[:2]), SiteModel.learn(pages[2:])
    merged = first.merge(second)
    assert merged == whole
    assert first == SiteModel.learn(pages[:2])  # merging leaves both models as they were
    first.update(pages[2:])
    assert first == whole
    view = whole.view(SITE)
    assert view is not None and view.pages == 5 and view.counts[_sites.line_hash(FOOTER[0])] == 5
    with pytest.raises(TypeError):
        whole.merge({})  # type: ignore[arg-type]


def test_save_and_load_give_the_same_model_and_the_file_holds_no_text(tmp_path: Path) -> None:
    model = learned([page(i) for i in range(4)])
    path = tmp_path / "sites.json"
    model.save(path)
    assert SiteModel.load(path) == model
    saved = path.read_text(encoding="utf-8")
    assert "Gazette" not in saved.replace("gazette.example", "") and "harbour" not in saved
    data = json.loads(saved)
    assert data["newsclean_site_model"] == 1 and data["sites"]["gazette.example"]["pages"] == 4


def test_a_save_that_fails_leaves_the_old_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sites.json"
    path.write_text("the old model\n", encoding="utf-8")

    def broken(self: SiteModel) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SiteModel, "to_json", broken)
    with pytest.raises(RuntimeError):
        learned([page(0)]).save(path)
    assert path.read_text(encoding="utf-8") == "the old model\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sites.json"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not JSON"),
        ("[1, 2]", "no 'newsclean_site_model' key"),
        ('{"newsclean_site_model": 2, "sites": {}}', "format 2; this newsclean reads format 1"),
        ('{"newsclean_site_model": 1, "max_lines": 0, "sites": {}}', "max_lines must be a whole number of at least 1"),
        ('{"newsclean_site_model": 1, "max_lines": 9, "sites": []}', "'sites' must be an object"),
        ('{"newsclean_site_model": 1, "max_lines": 9, "sites": {"a": {"pages": 2}}}', "site 'a' must be an object"),
        ('{"newsclean_site_model": 1, "max_lines": 9, "sites": {"a": {"pages": 2, "lines": {"xyz": 1}}}}', "'xyz' is not a line hash"),
        (
            '{"newsclean_site_model": 1, "max_lines": 9, "sites": {"a": {"pages": 2, "lines": {"00000000000000ff": 3}}}}',
            "line count 3 is not between 1 and 2",
        ),
    ],
)
def test_loading_what_is_no_model_says_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "sites.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        SiteModel.load(path)


def _letters(number: int) -> str:
    """A number spelt in letters: to the model, all numbers are alike."""
    return "".join(chr(ord("a") + int(digit)) for digit in str(number))


def test_a_site_keeps_its_most_frequent_lines_only() -> None:
    # Every page holds the template line, every other page a promo, and each 30 lines of its own: 3,000
    # distinct lines in all, where the model keeps 100 (200 between prunings).
    pages = []
    for p in range(100):
        own = "".join(f"page {_letters(p)} line {_letters(k)}\n" for k in range(30))
        pages.append((SITE, "Subscribe to the Gazette\n" + ("Win a cruise\n" if p % 2 else "") + own))
    model = SiteModel.learn(pages, max_lines=100)
    view = model.view(SITE)
    assert view is not None and view.pages == 100
    assert len(view.counts) <= 2 * 100
    assert view.counts[_sites.line_hash("Subscribe to the Gazette")] == 100
    assert view.counts[_sites.line_hash("Win a cruise")] == 50
    assert max(count for h, count in view.counts.items() if count < 50) == 1


def test_max_lines_must_be_a_positive_whole_number() -> None:
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="max_lines"):
            SiteModel(max_lines=bad)  # type: ignore[arg-type]


# --- cleaning with it ---------------------------------------------------------------------------------


def test_the_sites_menu_and_footer_go_and_each_removal_says_on_how_many_pages() -> None:
    model = learned([page(i) for i in range(5)])
    explained = newsclean.clean_and_explain(page(0), site=model, site_key=SITE)
    alone = newsclean.clean(page(0))
    assert "Follow the Gazette" in alone and "  * Sport" in alone  # what the page alone cannot tell
    for line in [*MENU[1:], *FOOTER]:
        assert line not in explained.text
    for paragraph in ARTICLES[0][1]:
        assert paragraph in explained.text
    assert ARTICLES[0][0] in explained.text
    reasons = {r.reason for r in explained.removals if r.rule == "site-template"}
    assert reasons == {"on 5 of 5 pages of gazette.example"}
    assert {r.kind for r in explained.removals if r.rule == "site-template"} == {"template"}
    assert newsclean.clean(page(0), site=model, site_key=SITE) == explained.text


def test_a_site_of_two_pages_teaches_nothing() -> None:
    model = learned([page(0), page(1)])
    assert newsclean.clean(page(0), site=model, site_key=SITE) == newsclean.clean(page(0))


def test_a_page_without_a_site_key_or_of_an_unknown_site_is_cleaned_alone() -> None:
    model = learned([page(i) for i in range(5)])
    alone = newsclean.clean(page(0))
    assert newsclean.clean(page(0), site=model) == alone
    assert newsclean.clean(page(0), site=model, site_key="https://elsewhere.example/") == alone
    assert newsclean.clean(page(0), site=None, site_key=SITE) == alone


def test_the_pass_is_switched_off_by_name_or_kind() -> None:
    model = learned([page(i) for i in range(5)])
    alone = newsclean.clean(page(0))
    assert newsclean.clean(page(0), site=model, site_key=SITE, disabled_rules={"site-template"}) == alone
    assert newsclean.clean(page(0), site=model, site_key=SITE, disabled_kinds={"template"}) == alone
    assert newsclean.clean(page(0), site=model, site_key=SITE, heuristics=False) == newsclean.clean(page(0), heuristics=False)


def test_a_line_on_a_small_share_of_the_pages_stays() -> None:
    # On 2 of 6 pages: repeated, but below the share the page's edges need.
    promo = "Tickets for the harbour festival are on sale at the town hall"
    assert NUMBERS.edge_share > 2 / 6
    pages = [page(i, bottom=(promo,) if i < 2 else ()) for i in range(6)]
    model = learned(pages)
    assert promo in newsclean.clean(pages[0])
    assert promo in newsclean.clean(pages[0], site=model, site_key=SITE)


def _share_between_edge_and_inside(pages: int) -> int:
    """A number of pages enough for a line at the page's edges, too few for one inside the article."""
    count = next(k for k in range(2, pages + 1) if k >= NUMBERS.edge_share * pages)
    assert count < NUMBERS.inside_share * pages
    return count


def _pages_with_a_share_between_edge_and_inside() -> int:
    """The fewest pages (the six articles, some printed twice) on which a count of pages is enough for a line at
    the page's edges and too few for one inside the article."""
    return next(
        n
        for n in range(len(ARTICLES), 100)
        if next(k for k in range(2, n + 1) if k >= NUMBERS.edge_share * n) < NUMBERS.inside_share * n
    )


def test_a_sentence_repeated_inside_the_article_on_some_pages_stays() -> None:
    # A sentence the site's reporters often write, on as many pages as the page's edges need.
    sentence = "The harbour board did not respond to a request for comment."
    n = _pages_with_a_share_between_edge_and_inside()
    count = _share_between_edge_and_inside(n)
    pages = [page(i % len(ARTICLES), body={1: sentence} if i < count else None) for i in range(n)]
    model = learned(pages)
    assert sentence in newsclean.clean(pages[0])
    assert sentence in newsclean.clean(pages[0], site=model, site_key=SITE)


def _finder(lines: list[str], counts: list[int], pages: int, keep: list[bool]) -> list[int]:
    """The site-template finder on a page of *lines*, each on *counts* of the site's *pages*, with the region *keep*."""
    page = _features.page_features(split_lines("\n".join(lines) + "\n"), {})
    evidence = _sites.Evidence("gazette.example", pages, {i: c for i, c in enumerate(counts) if c >= 2})
    return _sites.template_lines(page, [0.5] * len(lines), keep, _passes.Context(evidence))


def test_inside_the_article_a_line_needs_more_pages_than_at_its_edges() -> None:
    pages = 10
    count = _share_between_edge_and_inside(pages)
    lines = [
        "Gazette menu: World, Business, Sport",  # 0: above the article
        ARTICLES[0][0],  # 1: the article's first block
        ARTICLES[0][1][0],  # 2: its lead
        "Photo: the harbour at dawn",  # 3: inside
        ARTICLES[0][1][1],  # 4
        "Share this story with a friend",  # 5: inside, the article's last block
        "Most read this week",  # 6: below the article
    ]
    keep = [False, True, True, True, True, True, False]
    shared = [count, 0, 0, count, 0, count, count]
    assert _finder(lines, shared, pages, keep) == [0, 6]
    everywhere = [pages, 0, 0, pages, 0, pages, pages]
    assert _finder(lines, everywhere, pages, keep) == [0, 3, 5, 6]


def test_the_regions_first_block_and_lead_are_never_found_and_a_lone_prose_paragraph_stays() -> None:
    lines = [ARTICLES[1][0], ARTICLES[1][1][0], ARTICLES[1][1][1], ARTICLES[1][1][2], ARTICLES[1][1][3], "Comments"]
    keep = [True, True, True, True, True, False]
    everywhere = [10, 10, 0, 10, 0, 10]
    # The headline (first block) and the lead (first prose) stay; so does the third paragraph, between two of
    # the article's own; the line under the article goes.
    assert _finder(lines, everywhere, 10, keep) == [5]
    # Beside another of the site's lines, a prose paragraph inside the article is the site's (a disclaimer).
    assert _finder(lines, [10, 10, 0, 10, 10, 10], 10, keep) == [3, 4, 5]


def test_a_site_of_fewer_than_three_pages_or_a_line_on_one_page_gives_no_evidence() -> None:
    lines = split_lines("Menu\nAn article sentence that is long enough to count as prose here.\n")
    assert _sites.evidence(_sites.SiteView("a", 2, {_sites.line_hash("Menu"): 2}), lines) is None
    assert _sites.evidence(_sites.SiteView("a", 5, {_sites.line_hash("Menu"): 1}), lines) is None
    found = _sites.evidence(_sites.SiteView("a", 3, {_sites.line_hash("  MENU "): 3}), lines)
    assert found == _sites.Evidence("a", 3, {0: 3})


def test_a_disclaimer_printed_under_every_article_goes() -> None:
    pages = [page(i, bottom=(DISCLAIMER,)) for i in range(len(ARTICLES))]
    model = learned(pages)
    assert DISCLAIMER in newsclean.clean(pages[2])
    explained = newsclean.clean_and_explain(pages[2], site=model, site_key=SITE)
    assert DISCLAIMER not in explained.text
    assert DISCLAIMER in "\n".join(removed_by_site(explained))
    for paragraph in ARTICLES[2][1]:
        assert paragraph in explained.text


def test_a_lead_the_other_pages_print_as_a_teaser_stays_in_its_own_article() -> None:
    # Every page of the site lists the first article's lead under "Most read": on the other pages it
    # is furniture and goes, in its own article it is the lead and stays.
    lead = ARTICLES[0][1][0]
    teaser = ("Most read", ARTICLES[0][0], lead)
    pages = [page(i, bottom=teaser) for i in range(len(ARTICLES))]
    model = learned(pages)
    own = newsclean.clean(pages[0], site=model, site_key=SITE)
    assert own.count(lead) >= 1
    assert own.index(lead) < own.index(ARTICLES[0][1][1])  # its place in the article, not the list's
    other = newsclean.clean_and_explain(pages[3], site=model, site_key=SITE)
    assert lead not in other.text
    for paragraph in ARTICLES[3][1]:
        assert paragraph in other.text


def test_a_paragraph_quoted_on_every_page_stays_where_it_stands_among_the_articles_own() -> None:
    # A standing sentence in the middle of each article (not at its edges, not beside the site's lines).
    line = "Readers can send their questions to the harbour master through the Gazette's letters page."
    pages = [page(i, body={1: line}) for i in range(len(ARTICLES))]
    model = learned(pages)
    for text in pages:
        assert line in newsclean.clean(text, site=model, site_key=SITE)


def test_cleaning_the_output_again_with_the_same_model_removes_nothing_more() -> None:
    pages = [page(i, bottom=(DISCLAIMER, "Most read", ARTICLES[0][0])) for i in range(len(ARTICLES))]
    model = learned(pages)
    for text in pages:
        once = newsclean.clean(text, site=model, site_key=SITE)
        assert newsclean.clean(once, site=model, site_key=SITE) == once


def test_site_and_site_key_are_checked() -> None:
    with pytest.raises(TypeError, match="site must be a newsclean.SiteModel"):
        newsclean.clean("text\n", site="gazette.example", site_key=SITE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="site_key must be"):
        newsclean.clean("text\n", site=SiteModel(), site_key=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="site must be"):
        newsclean.clean_and_explain("text\n", site={}, site_key=None)  # type: ignore[arg-type]


def test_the_passes_are_named_like_rules() -> None:
    assert newsclean.Config(disabled_rules={"site-template", "heuristic-headline"}).disabled_rules == {
        "site-template",
        "heuristic-headline",
    }
    with pytest.raises(ValueError, match="'site-template' is a built-in rule"):
        newsclean.Config(extra_rules=[newsclean.Rule("site-template", "promo", "mine", pattern="x")])
    assert "template" in newsclean.KINDS
