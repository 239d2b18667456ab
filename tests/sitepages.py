"""A made-up news site for the site-model tests: its menu, footer and six articles, and its pages."""

from __future__ import annotations

from newsclean import SiteModel

SITE = "https://www.gazette.example/news/"
MENU = ["Harbour Gazette", "  * World", "  * Business", "  * Sport", "  * Culture"]
FOOTER = [
    "Follow the Gazette on Mastodon and Bluesky",
    "About us | Contact | Jobs at the Gazette",
    "All material on this site belongs to the Harbour Gazette Company",
]
DISCLAIMER = "The Gazette's reporters follow the editors' code, and corrections are printed on page two every day."
ARTICLES = [
    (
        "Council approves the new harbour budget",
        [
            "The city council approved the harbour budget on Tuesday after a debate that lasted well into the evening.",
            "Officials said the money would pay for new cranes, a longer pier and repairs to the sea wall that was damaged last winter.",
            "The opposition argued that the plan left too little for the fishing fleet, which has shrunk by a third in ten years.",
            "A final vote on the dredging contract is expected in March, when the first payments fall due.",
        ],
    ),
    (
        "Ferry timetable changes from next month",
        [
            "The ferry company will run fewer crossings on weekday mornings from the first of next month, it said on Monday.",
            "Passengers who travel before eight will be able to use an extra evening service instead, according to the new timetable.",
            "The union representing the crews said it had not been consulted and would raise the matter with the harbour board.",
            "The company blamed rising fuel prices and a shortage of trained engineers for the change.",
        ],
    ),
    (
        "Old lighthouse to reopen as a museum",
        [
            "The old lighthouse on the north mole will reopen in the spring as a small museum of the town's maritime history.",
            "Volunteers have spent two years restoring the lamp room, the keeper's quarters and the spiral staircase.",
            "The museum will show logbooks, charts and photographs lent by families whose relatives kept the light.",
            "Entry will be free for children, and the trust hopes to welcome ten thousand visitors in its first year.",
        ],
    ),
    (
        "Fish market moves to the east quay",
        [
            "The morning fish market will move to the east quay in the autumn, freeing the old hall for a covered food court.",
            "Traders said the new site has better cold storage but is further from the bus station and the town centre.",
            "The harbour master promised more parking and a shuttle bus on market days to make up for the longer walk.",
            "The old hall, built in 1898, is a listed building and its facade will be kept as it is.",
        ],
    ),
    (
        "Rowing club celebrates its centenary",
        [
            "The town rowing club marked its hundredth year on Saturday with a regatta that drew crews from four countries.",
            "Its oldest member, who first rowed for the club in 1961, started the final race from the judges' launch.",
            "The club plans to spend the money raised during the weekend on two new boats and a ramp for disabled rowers.",
            "Membership has doubled since the club opened a junior section five years ago, its chairwoman said.",
        ],
    ),
    (
        "School choir wins the county prize",
        [
            "The choir of the harbour primary school won the county prize on Friday, singing three sea shanties and a hymn.",
            "Its conductor said the children had rehearsed every lunch break since the spring, even during the exams.",
            "The prize money will pay for a trip to the national final, which takes place in the capital in June.",
            "Parents packed the hall for a second performance on Saturday morning, and the mayor sent a letter of thanks.",
        ],
    ),
]


def page(i: int, top: tuple[str, ...] = (), body: dict[int, str] | None = None, bottom: tuple[str, ...] = ()) -> str:
    """Article *i* of the site between its menu and footer; *body* puts a line after the given paragraph."""
    headline, paragraphs = ARTICLES[i]
    lines = [*MENU, *top, "", headline, ""]
    for k, paragraph in enumerate(paragraphs):
        lines += [paragraph, ""]
        if body and k in body:
            lines += [body[k], ""]
    lines += [*bottom, *FOOTER]
    return "\n".join(lines) + "\n"


def learned(pages: list[str], site: str = SITE) -> SiteModel:
    """The model of *pages*, all of *site*."""
    return SiteModel.learn((site, text) for text in pages)
