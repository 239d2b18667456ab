"""Look-alike prose for the heuristics triggered by vocabulary, as the rules have look-alike cases.

A news paragraph that *discusses* cookies and consent, comments, newsletters or "related" things is
body: it must survive wherever it stands in a real-looking article (between paragraphs, at the end).
The positive cases next to them check that the real thing (a consent banner, a comment section, a
newsletter blurb, a "Related stories" list) still goes. Everything goes through the public API with the
default configuration, heuristics on.
"""

from __future__ import annotations

import pytest

from test_heuristics import kept_lines, page

MENU = ["  * Home", "  * News", "  * Politics", "  * Business", "  * Sport", "  * Weather"]
HEADLINE = "Regional ferry line to run through the winter for the first time"
BODY = [
    "The ferry company said on Monday that boats between the two harbours would keep running through the "
    "winter for the first time in forty years, after the regional government agreed to cover the losses.",
    "Passengers who cross the strait every day had asked for the change for years, and the mayors of both "
    "towns told a meeting on Sunday that the empty winter months had cost local shops dearly.",
    "The company will use its two newest boats, which can sail in rougher weather, and expects about half "
    "as many passengers as in summer, when the crossing is crowded with tourists and their cars.",
    "Tickets will cost the same as in summer, the company said, and season passes bought before the end "
    "of October will be valid on the winter timetable too, without any extra charge.",
]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use"]


# News paragraphs that talk about the things boilerplate is made of.
LOOKALIKES = [
    # Cookies and consent (the consent rules, and consent words among the scorer's features).
    "Regulators said on Tuesday that the ferry company's website had set advertising cookies without asking "
    "for consent, and that it would have to change its booking pages by the end of the year.",
    "Privacy campaigners welcomed the decision, saying that browser settings which block tracking cookies "
    "should be the rule and that no site should be allowed to hide the button to refuse them.",
    "Die Datenschutzbehörde verlangt, dass die Webseite der Reederei vor dem Setzen von Cookies die "
    "Zustimmung der Nutzer einholt, und hat ein Bußgeld von zwei Millionen Euro verhängt.",
    "La CNIL a rappelé que chaque site doit recueillir le consentement des internautes avant de déposer des "
    "cookies publicitaires, et a donné trois mois à la compagnie pour modifier ses pages.",
    "The café on the pier sold more cookies than ever on the first winter crossing, and its website, which "
    "takes orders for the boat, crashed twice before noon under the rush.",
    # Comments (the comment-section markers).
    "Comments from passengers at the meeting were mostly positive, although several asked why the boats "
    "would not run after nine in the evening, when the last trains arrive from the city.",
    "The mayor, who did not reply to questions about the cost, wrote on her website that the winter line "
    "was a test and that it would be judged by the number of tickets sold by March.",
    "Readers can leave a comment on the plans on the regional government's website until the end of the "
    "month, and every comment will be read before the timetable is fixed, officials said.",
    # Newsletters, sign-ups and subscriptions (the promo rules, and the short-line heuristics).
    "The company's newsletter, which goes to every season-pass holder, said that the winter timetable would "
    "be published in the first week of October, together with the new prices for cars.",
    "Subscribers to the harbour authority's text alerts will be told when a crossing is cancelled because of "
    "storms, a service that about four thousand people signed up for last winter.",
    "Keep an eye on the weather: the company warned that crossings could be cancelled at short notice on "
    "stormy days, and that passengers would get their money back within a week.",
    # "Related", "more", "popular", "latest" (the after-article headings).
    "Related costs, such as extra crew and heating on the boats, will be shared between the company and "
    "the regional government, according to the agreement signed on Friday.",
    "More passengers are expected in December, when the Christmas markets on both sides of the strait draw "
    "visitors, and the company may add a third boat at weekends if the demand is there.",
    "The most popular crossing in summer, the early morning boat, will be moved an hour later in winter, "
    "so that it does not leave the harbour in the dark.",
    "Latest figures from the harbour authority show that about six hundred people crossed each day last "
    "October, before the boats stopped for the winter.",
]


@pytest.mark.parametrize("paragraph", LOOKALIKES, ids=lambda p: p[:40])
def test_lookalike_paragraph_between_body_paragraphs_survives(paragraph: str) -> None:
    kept = kept_lines(page(MENU, HEADLINE, BODY[:2], paragraph, BODY[2:], FOOTER))
    assert paragraph in kept
    assert set(BODY) <= kept


@pytest.mark.parametrize("paragraph", LOOKALIKES, ids=lambda p: p[:40])
def test_lookalike_paragraph_ending_the_body_survives(paragraph: str) -> None:
    kept = kept_lines(page(MENU, HEADLINE, BODY, paragraph, FOOTER))
    assert paragraph in kept
    assert set(BODY) <= kept


# Short lines that read like furniture but belong to the article: a quote's introduction, a subheading.
SHORT_LOOKALIKES = [
    "The harbour master says:",
    "Most popular crossings",
    "More boats at weekends",
    "Comments from the mayors",
]


@pytest.mark.parametrize("line", SHORT_LOOKALIKES, ids=lambda line: line[:40])
def test_short_body_line_that_looks_like_furniture_does_not_end_the_article(line: str) -> None:
    kept = kept_lines(page(MENU, HEADLINE, BODY[:2], line, BODY[2:], FOOTER))
    assert set(BODY) <= kept


def test_a_teaser_and_a_popular_posts_heading_between_body_paragraphs_do_not_end_the_article() -> None:
    # A teaser line and an after-article heading inside the body: the paragraph after them is still the
    # article, not the page's tail.
    box = ["Storm warning issued for the coast", "Popular Posts"]
    kept = kept_lines(page(MENU, HEADLINE, BODY[:3], box, BODY[3:], FOOTER))
    assert set(BODY) <= kept


# --- the real thing still goes -----------------------------------------------------------------


BANNERS = [
    [
        "We use cookies to improve your experience on our website. By continuing to browse the site you "
        "agree to our use of cookies, as described in our privacy policy and in the cookie settings.",
        "Accept all",
    ],
    [
        "Wir verwenden Cookies, um Inhalte zu personalisieren und die Zugriffe auf unsere Webseite zu "
        "analysieren. Mit einem Klick auf Akzeptieren stimmen Sie der Verwendung zu.",
    ],
    [
        "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous "
        "acceptez leur utilisation et nos paramètres de confidentialité.",
    ],
]


@pytest.mark.parametrize("banner", BANNERS, ids=lambda banner: banner[0][:30])
def test_a_consent_banner_goes(banner: list[str]) -> None:
    kept = kept_lines(page(MENU, HEADLINE, BODY, banner, FOOTER))
    assert set(BODY) <= kept
    assert not kept & set(banner)


def test_a_comment_section_goes() -> None:
    comments = [
        "3 Comments",
        "seafarer says:",
        "About time. I have waited every winter for the boats to come back and now I can finally visit my mother.",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]
    kept = kept_lines(page(MENU, HEADLINE, BODY, comments, FOOTER))
    assert set(BODY) <= kept
    assert not kept & set(comments)


def test_a_newsletter_blurb_goes() -> None:
    blurb = "Sign up for our daily newsletter to get the latest news from the coast in your inbox."
    kept = kept_lines(page(MENU, HEADLINE, BODY, blurb, FOOTER))
    assert set(BODY) <= kept
    assert blurb not in kept


@pytest.mark.parametrize("heading", ["Related stories", "Mehr zum Thema", "Most popular", "Latest news"])
def test_a_related_heading_and_its_teasers_go(heading: str) -> None:
    teasers = [
        "  * Storm warning issued for the coast",
        "  * Train drivers plan new strike",
        "  * Museum opens its doors at night",
    ]
    kept = kept_lines(page(MENU, HEADLINE, BODY, heading, teasers, FOOTER))
    assert set(BODY) <= kept
    assert heading not in kept
    assert not kept & {teaser.strip() for teaser in teasers}
