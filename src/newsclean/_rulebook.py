"""The built-in rules: data, one entry per rule, grouped by kind.

Line patterns match a whole line (see ``newsclean._rules``); write them so
that prose merely *mentioning* the same words cannot match: anchor on the
whole line, keep them short, and add a negative test case for every rule.
Patterns must not match a newline: use ``[^\\S\\n]`` rather than ``\\s``, ``[^\\n.]`` rather than
``[^.]`` (``tests/test_rule_patterns.py`` checks every built-in pattern for a class that can).
Where a repeated group could split the same text several ways, make it
possessive (``*+``, ``{1,8}+``) so a long look-alike line fails in linear time.
The order matters: when two line rules match, the first one names the removal.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsclean import _detectors
from newsclean._rules import Rule, first_whole_line_rule

KINDS: dict[str, str] = {
    "ticker": "stock, index, currency and crypto quote widgets and market status lines",
    "ad": "advertisement markers, standalone or glued to a paragraph",
    "share": "share-button text and rows of social network names",
    "copyright": "copyright and licence footers, redistribution and syndication notices, legal link rows",
    "related": '"Keep reading" / "Related" headings and their lists of headlines',
    "media": "video-player residue, photo credits and captions with a credit",
    "byline": "bylines, author avatars and date lines",
    "promo": "newsletter, app and subscription blurbs",
    "navigation": "menus, breadcrumbs and section lists",
    "consent": "cookie and consent banners and their buttons",
    "duplicate": "lines repeated from earlier in the page, such as a headline printed twice",
    "slug": "URL slugs glued to a headline",
    "boilerplate": "text the heuristics find outside the article: short lines, label and teaser text, footers",
    "template": "lines that stand on many pages of the same site (only with a site model: SiteModel, --site-key)",
}

# Building blocks (plain strings, spliced into the patterns below).
_S = r"[^\S\n]"  # one horizontal space
_NUM = r"\d[\d,.]*+"  # 39,375.87 ; possessive so '1,1,1,...' is scanned once
_ARROW = f"[{_detectors.ARROWS}]"  # up and down glyphs, beside a number or instead of its sign
_SIGNED = rf"(?:[-+−±]|{_ARROW}{_S}?){_NUM}%?"
# A quote's change has decimals (1,234.56 or 1.234,56), a percent sign or basis points, and a minus is
# spaced off the price: '70-44' is a score.
_CHANGE = (
    rf"(?:[+±]|{_ARROW}{_S}?|(?<=[^\S\n])[-−])"
    rf"(?:(?:\d[\d,]*+\.\d++|\d[\d.]*+,\d++)(?:%|{_S}?bps?\b)?|\d[\d,.]*+(?:%|{_S}?bps?\b))"
)
# One quote: a name of up to four words, a price (an arrow may stand before it), a signed change with an
# optional '(+0.17%)', an arrow may follow.
_QUOTE_NAME = r"[\w^&'’][\w&/.^'’®™-]*+(?:" + _S + r"[\w&/][\w&/.'’®™-]*+){0,3}?"
_QUOTE = (
    rf"{_QUOTE_NAME}{_S}*+:?{_S}*+(?:{_ARROW}{_S}*+)?[$€£¥]?{_NUM}{_S}*+"
    rf"(?:{_CHANGE}(?:{_S}*+\({_SIGNED}\))?|\({_SIGNED}\))(?:{_S}*+{_ARROW})?"
)
# A yield or rate: its level is a percentage ('10-Yr 4.21% +0.03'). A line of these alone could be a table
# of vote shares: they count only beside a quote of the kind above.
_RATE_QUOTE = rf"{_QUOTE_NAME}{_S}*+:?{_S}*+{_NUM}{_S}?%{_S}*+{_CHANGE}(?:{_S}*+{_ARROW})?"
_SEP = rf"{_S}*+[|·•,;/▪◦●‣∙◆♦■–—]?{_S}*+"
# Quotes run together without spaces, as some converters print a scrolling bar: 'DAX®16.105,83+0,14%TecDAX®...'.
_GLUED_QUOTE = r"[^\W\d_][\w&.'’®™/ -]{0,30}?[$€£¥]?\d[\d.,]*+[-+−±]\d[\d.,]*+%"

# Ad markers, by language; the glued variant (_detectors.AD_GLUED_WORDS) only uses the capitalised forms.
_AD_WORDS = (
    r"advertisement|advertisment|advert|ads?|sponsored|promoted|paid[ \t]+(?:content|post|partnership)|"
    r"anzeige|werbung|reklame|publicit[ée]|publicidad|anuncio|pubblicit[àa]|publicidade|advertentie|"
    r"reclame|реклама|广告|廣告|広告|reklama|annons|mainos"
)

_NETWORK = (
    r"facebook|twitter|x|linkedin|whatsapp|e-?mail|mail|print|reddit|pinterest|telegram|flipboard|messenger|"
    r"tumblr|instagram|youtube|tiktok|threads|bluesky|mastodon|xing|vk|weibo|wechat|line|sms|pocket|"
    r"google\+?|copy" + _S + r"link|share|tweet|comments?|\d+" + _S + r"comments?"
)

# What only a share bar offers (a list of the networks an article is about names none of them).
_SHARE_ACTION = (
    r"share|e-?mail|mail|print|copy" + _S + r"link|tweet|sms|comments?|\d+" + _S + r"comments?|whatsapp|pocket|flipboard"
)

# A cookie banner opens with the site telling it uses cookies, in the languages news comes in most.
_COOKIE_OPENING = (
    r"(?:this|our){S}+(?:web{S}?)?site{S}+(?:uses|is{S}+using){S}+cookies|we{S}+(?:use|are{S}+using){S}+cookies|"
    r"by{S}+(?:continuing{S}+to{S}+(?:use|browse)|using|browsing){S}+(?:this|our){S}+(?:web{S}?)?site|"
    r"wir{S}+(?:verwenden|nutzen|setzen){S}+(?:auf{S}+unserer{S}+(?:web)?(?:seite|site){S}+)?cookies|"
    r"diese{S}+(?:web|internet)?(?:seite|site){S}+(?:verwendet|nutzt|benutzt){S}+cookies|"
    r"(?:ce|notre){S}+site{S}+utilise{S}+(?:des{S}+)?cookies|nous{S}+utilisons{S}+des{S}+cookies|"
    r"en{S}+(?:poursuivant|continuant){S}+votre{S}+navigation|"
    r"(?:este{S}+(?:sitio(?:{S}+web)?|site|sítio|portal)|esta{S}+(?:web|página)){S}+(?:utiliza|usa){S}+cookies|"
    r"(?:utilizamos|usamos){S}+cookies|questo{S}+sito(?:{S}+web)?{S}+(?:utilizza|usa){S}+(?:i{S}+)?cookie|"
    r"(?:utilizziamo|usiamo){S}+(?:i{S}+)?cookie|(?:deze|onze){S}+(?:web)?site{S}+(?:maakt{S}+gebruik{S}+van|gebruikt){S}+cookies|"
    r"(?:wij|we){S}+gebruiken{S}+cookies|(?:ta|nasza){S}+strona(?:{S}+internetowa)?{S}+(?:używa|wykorzystuje|korzysta{S}+z){S}+"
    r"(?:plików{S}+)?cookies?|używamy{S}+(?:plików{S}+)?cookies?"
).replace("{S}", _S)
# ... and speaks of the site, the visit or the reader's consent: a sentence about biscuits does not.
_COOKIE_CONTEXT = (
    r"site|web|browser|brows|experience|consent|agree|accept|privacy|personali[sz]|analy[sz]|traffic|advertis|"
    r"datenschutz|zustimm|einverstanden|akzeptier|nutzung|erfahrung|navigat|expérience|accept|consentimiento|"
    r"navega|experiencia|privacidad|publicidad|preferencias|servicios|publicit|pubblicit|esperienza|navigazione|consenso|"
    r"ervaring|toestemming|zgod|przeglądar"
)
_COOKIE_BUTTON = (
    r"(?:accept|allow|reject|decline|refuse){S}+(?:all{S}+)?cookies|(?:alle{S}+)?cookies{S}+(?:akzeptieren|zulassen|ablehnen)|"
    r"(?:accepter|refuser){S}+(?:tous{S}+les{S}+)?cookies|(?:aceptar|rechazar){S}+(?:todas{S}+(?:las{S}+)?)?cookies|"
    r"(?:accetta|rifiuta){S}+(?:tutti{S}+i{S}+)?cookie|(?:aceitar|rejeitar){S}+(?:todos{S}+os{S}+)?cookies"
).replace("{S}", _S)

_LEGAL = (
    r"terms(?:" + _S + r"(?:of" + _S + r"(?:use|service|sale)|(?:&|and)" + _S + r"conditions))?|"
    r"privacy(?:" + _S + r"(?:policy|notice|statement|settings|centre|center|choices))?|"
    r"your" + _S + r"privacy" + _S + r"choices|cookies?(?:" + _S + r"(?:policy|settings|preferences|notice))?|"
    r"accessibility(?:" + _S + r"statement)?|contact(?:" + _S + r"us)?|about(?:" + _S + r"us)?|"
    r"advertise(?:" + _S + r"with" + _S + r"us)?|sitemap|site" + _S + r"map|imprint|impressum|datenschutz(?:erklärung)?|"
    r"agb|mentions" + _S + r"légales|aviso" + _S + r"legal|careers|jobs|help|faq|rss|"
    r"do" + _S + r"not" + _S + r"sell(?:" + _S + r"or" + _S + r"share)?" + _S + r"my" + _S + r"personal" + _S
    + r"information|ad" + _S + r"choices|corrections|ethics(?:" + _S + r"policy)?|community" + _S + r"guidelines"
)

_NAV_WORD = (
    r"home|homepage|menu|main" + _S + r"menu|search|sign" + _S + r"?in|sign" + _S + r"?up|sign" + _S + r"?out|"
    r"log" + _S + r"?in|log" + _S + r"?out|register|subscribe|account|my" + _S + r"account|profile|close|sections|"
    r"topics|newsletters?|settings|next|previous|prev|more|show" + _S + r"more|load" + _S + r"more|back|"
    r"back" + _S + r"to" + _S + r"top|top|skip" + _S + r"to" + _S + r"(?:main" + _S + r")?content|"
    r"skip" + _S + r"navigation|toggle" + _S + r"navigation|navigation|open" + _S + r"menu|close" + _S + r"menu|"
    r"edition|(?:us|uk|international|global)" + _S + r"edition|live" + _S + r"tv|e-?paper|"
    r"startseite|suche|anmelden|abmelden|accueil|rechercher|se" + _S + r"connecter|inicio|buscar|"
    r"iniciar" + _S + r"sesión|cerca|accedi|início|pesquisar|entrar|zoeken|inloggen|главная|поиск|войти|"
    r"首页|搜索|登录"
)

_MONTH = (
    r"(?:jan|feb|f[ée]v|mar|m[äa]r|apr|avr|abr|may|mai|mag|mei|jun|juin|giu|jul|juil|lug|aug|ao[ûu]|ago|"
    r"sep|set|oct|okt|ott|out|nov|dec|dez|d[ée]c|dic|ene|gen|j[äa]n)\w*+\.?"
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)\w*+\.?,?"
_CLOCK = rf"\d{{1,2}}[:.]\d{{2}}(?:{_S}*+[ap]\.?m\.?)?(?:{_S}++(?-i:[A-Z]{{2,5}}))?"
_DATE = (
    rf"(?:{_WEEKDAY}{_S}++)?(?:\d{{1,2}}\.?{_S}++{_MONTH},?{_S}++\d{{4}}|{_MONTH}{_S}++\d{{1,2}}(?:st|nd|rd|th)?"
    rf"(?:,?{_S}++\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
)

# A name in a byline or credit: capitalised words (case-sensitive even inside an ignore-case rule).
_NAME_WORD = r"(?-i:[A-Z\u00c0-\u024f\u0400-\u042f])[\w.'’-]*+"
_NAME = rf"{_NAME_WORD}(?:(?:{_S}++|{_S}*+,{_S}*+|{_S}++(?:and|&|de|da|van|von|der|la|le|el|al|bin){_S}++){_NAME_WORD}){{0,7}}+"

# A photo credit after 'Photo:': capitalised words, agencies, 'via', '/'.
_CREDIT_WORD = rf"(?:{_NAME_WORD}|via|for|by|and|of|de|courtesy|the|/|[|–—-])"
_CREDIT = rf"{_NAME_WORD}(?:(?:{_S}++|/|,{_S}*+){_CREDIT_WORD}){{0,11}}+"
# The agencies whose names are long enough to find by a fast literal search (see _rules._guard_needles):
# a rule whose every match holds one of them runs only on the lines that do.
_AGENCY_NAME = (
    r"(?:getty" + _S + r"images|reuters|associated" + _S + r"press|shutterstock|istock(?:photo)?|alamy|bloomberg|"
    r"xinhua|anadolu(?:" + _S + r"agency)?|picture" + _S + r"alliance|keystone|kyodo|yonhap|zuma(?:" + _S + r"press)?)"
)
_CREATIVE_COMMONS = rf"creative(?:{_S}|-)commons"
# All agencies: those and the ones with short names.
_AGENCY = rf"(?:{_AGENCY_NAME}|afp|ap|epa(?:-efe)?|dpa|sipa|imago|ansa|efe|tass|pa{_S}(?:wire|images))"


def _slug_matches_following_text(match: re.Match[str]) -> bool:
    """Accept a glued slug only if the text right after it spells the same words."""
    slug = match.group().strip()
    end = match.string.find("\n", match.end())
    rest_of_line = match.string[match.end() : len(match.string) if end < 0 else end]
    words = re.findall(r"\w+", rest_of_line[: len(slug) + 40].lower())
    spelled = "-".join(words)
    if not (spelled.startswith(slug) or (len(words) >= 3 and slug.startswith("-".join(words[:3])))):
        return False
    # As for glued ad markers: what stays must not be a line some rule removes on the next run.
    return not _is_removed_line(rest_of_line)


_MIN_WORDS_BESIDE_GLUED_MARKER = 3


def _glued_marker_leaves_prose(match: re.Match[str]) -> bool:
    """Accept a glued ad marker only if what stays of the line is prose: a few words that no line rule
    would remove on its own. Otherwise cleaning twice would remove more than cleaning once."""
    text = match.string
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    rest = text[start : match.start()] + text[match.end() : len(text) if end < 0 else end]
    if len(re.findall(r"\w+", rest)) < _MIN_WORDS_BESIDE_GLUED_MARKER:
        return False
    return not _is_removed_line(rest)


def _is_removed_line(content: str) -> bool:
    """Whether a built-in line rule removes *content* (one line) whole; the regex is compiled on the
    first glued marker, once, and shared with the compiled rules when no rule is disabled."""
    return first_whole_line_rule(_line_rules(), content) is not None


@lru_cache(maxsize=1)
def _line_rules() -> tuple[Rule, ...]:
    return tuple(rule for rule in RULES if rule.scope == "line")


RULES: tuple[Rule, ...] = (
    # --- ticker -----------------------------------------------------------
    Rule(
        "ticker-widget",
        "ticker",
        "a run of quote lines: index or symbol name, price, change",
        scope="run",
        detect=_detectors.detect_ticker_widget,
    ),
    Rule(
        "ticker-tape",
        "ticker",
        "quotes on one line: 'DOW 39,375.87 +67.87 (+0.17%) NASDAQ ...', 'BTC $64,123 ▲2.1%', '10-Yr 4.21% +0.03'",
        pattern=rf"(?:{_RATE_QUOTE}{_SEP})*+{_QUOTE}{_SEP}(?:(?:{_QUOTE}|{_RATE_QUOTE}){_SEP})*+|(?:{_GLUED_QUOTE}{_S}*+){{2,}}+",
    ),
    Rule(
        "currency-pair",
        "ticker",
        "exchange-rate quotes such as 'EUR/USD 1.0823'",
        pattern=rf"(?:[A-Z]{{3}}/[A-Z]{{3}}{_S}*+:?{_S}*+{_NUM}(?:{_S}++{_SIGNED}(?:{_S}*+\({_SIGNED}\))?)?{_SEP})++",
        ignore_case=False,
    ),
    Rule(
        "market-status",
        "ticker",
        "a market status line such as 'Canada markets closed' or 'Quotes delayed 15 minutes'",
        pattern=rf"(?:[\w.&-]++{_S}++){{0,3}}?(?:stock{_S}++)?markets?{_S}++(?:are{_S}++|is{_S}++)?"
        rf"(?:open|closed|(?:opens?|opening|closes?|closing){_S}++in{_S}++[\w ]{{1,30}})|"
        rf"(?:market{_S}++data|(?:stock{_S}++)?quotes?){_S}++(?:are{_S}++)?delayed{_S}[^\n]{{0,300}}",
    ),
    # --- ad ---------------------------------------------------------------
    Rule(
        "ad-marker",
        "ad",
        "an advertisement marker on a line of its own, in English or another language",
        # A marker may come between dashes or brackets, or as a label ('- Anzeige -', '[Anzeige]', 'Advertisement:').
        pattern=rf"(?:[-–—(\[]{_S}*+)?(?:{_AD_WORDS})(?:{_S}++(?:content|feedback|links?|story|post))?(?:{_S}*+[-–—)\]:])?|"
        rf"skip{_S}++(?:advertisement|ad)|"
        rf"(?:advertisement|anzeige|publicité|ad){_S}*+[-–—:]{_S}*+(?:scroll|continue|weiterlesen)[^\n]{{0,40}}|"
        rf"(?:{_detectors.AD_CONTINUES})[.:…]?|"
        rf"contenu{_S}++sponsoris[ée]|contenido{_S}++patrocinado|contenuto{_S}++sponsorizzato|conte[úu]do{_S}++patrocinado|"
        rf"gesponsorde{_S}++inhoud",
    ),
    Rule(
        "ad-marker-glued",
        "ad",
        "an advertisement marker or 'story continues below advertisement' glued to the end (or start) of a paragraph",
        scope="fragment",
        pattern=rf"(?<=[.!?\"”’)\]。！？]){_S}*+(?:(?:{_detectors.AD_GLUED_WORDS}|(?i:{_detectors.AD_CONTINUES})[.:…]?){_S}*+)++$|"
        rf"^{_S}*+(?:(?:Advertisement|ADVERTISEMENT){_S}*+)++(?=[A-Z“\"‘][a-z])",
        ignore_case=False,
        accept=_glued_marker_leaves_prose,
    ),
    # --- share ------------------------------------------------------------
    Rule(
        "share-icons",
        "share",
        "icon-font class names of share buttons ('icon-facebook icon-twitter')",
        pattern=rf"(?:(?:icon|fa[bsr]?|ico|svg)[-_][\w-]++{_S}*+){{1,12}}+",
    ),
    Rule(
        "share-prompt",
        "share",
        "'Share this article', 'Share on Facebook', 'Copy link', 'Link copied!', 'Follow us' and the like",
        pattern=rf"(?:share(?:{_S}++(?:this|the|full))?(?:{_S}++(?:article|story|page|post|link|video|gallery))?"
        rf"(?:{_S}++(?:on|via|with){_S}++[\w+]++)?|copy{_S}*+link(?:{_S}*+url)?(?:{_S}*+copied!?)?|"
        rf"link{_S}++copied!?|url{_S}*+copied!?|(?:e-?mail|print|send){_S}++this{_S}++(?:article|story|page)|"
        rf"(?:show|hide){_S}++(?:more{_S}++)?sharing{_S}++options|share{_S}++close{_S}++extra{_S}++sharing{_S}++options|"
        rf"teilen|(?:artikel|beitrag|seite){_S}++teilen|diese[nrs]?{_S}++(?:artikel|beitrag|seite){_S}++teilen|"
        rf"teilen{_S}++sie{_S}++dies(?:{_S}++mit)?|teile{_S}++dies(?:{_S}++mit)?|"
        rf"follow{_S}++us(?:{_S}++(?:elsewhere|on{_S}++social{_S}++media|on{_S}++\w++))?|"
        rf"folg(?:en{_S}++sie|e){_S}++uns(?:{_S}++auf{_S}++\w++)?|suivez-nous(?:{_S}++sur{_S}++\w++)?|"
        rf"s[íi]guenos(?:{_S}++en{_S}++\w++)?|seguici(?:{_S}++su{_S}++\w++)?|volg{_S}++ons(?:{_S}++op{_S}++\w++)?|"
        rf"partager(?:{_S}++(?:cet{_S}++article|sur{_S}++\w++))?|compartir|condividi|"
        rf"compartilhar|partilhar|delen|поделиться|分享|drucken|pinnen|pin{_S}++it|imprimer|imprimir|stampa){_S}*+[:!]?",
    ),
    Rule(
        "share-network-row",
        "share",
        "a row of social network names ('Facebook Twitter LinkedIn Email Print')",
        pattern=rf"(?:(?:share|follow{_S}++us)(?:{_S}++(?:on|via))?{_S}*+:?{_S}*+)?"
        rf"(?:(?:{_NETWORK}){_S}*+[|·•,/]?{_S}*+){{2,14}}+",
    ),
    Rule(
        "share-network-column",
        "share",
        "share buttons one per line, three or more: 'Facebook' / 'Twitter' / 'Email' (one of them an action)",
        scope="run",
        detect=_detectors.LineRunDetector(_NETWORK, _SHARE_ACTION, min_lines=3),
    ),
    # --- copyright --------------------------------------------------------
    Rule(
        "copyright-line",
        "copyright",
        "a copyright notice line ('Copyright © 2024 ...', '© ...', '... All rights reserved.')",
        pattern=rf"(?:copyright{_S}*+(?:©|\(c\)|\d{{4}})|©|\(c\){_S}*+\d{{4}})[^\n]{{0,600}}|"
        rf"[^\n]{{0,300}}?(?:all{_S}++rights{_S}++reserved|alle{_S}++rechte{_S}++vorbehalten|"
        rf"tous{_S}++droits{_S}++r[ée]serv[ée]s|todos{_S}++los{_S}++derechos{_S}++reservados|"
        rf"tutti{_S}++i{_S}++diritti{_S}++riservati|todos{_S}++os{_S}++direitos{_S}++reservados|"
        rf"alle{_S}++rechten{_S}++voorbehouden|все{_S}++права{_S}++защищены|版权所有|版權所有)[.!]?",
    ),
    Rule(
        "license-notice",
        "copyright",
        "a licence footer: 'Content on this site is licensed under a Creative Commons licence', "
        "'Dieses Werk ist unter einer Creative Commons-Lizenz lizenziert'",
        # Every form names Creative Commons, so the rule runs only on the lines that hold the word; prose
        # about a licence ("the photo, which is published under a Creative Commons licence, shows...")
        # names no page, site or work as its subject, or goes on after the licence.
        pattern=rf"(?:unless|except)[^\n]{{0,40}}?otherwise[^\n]{{0,200}}?{_CREATIVE_COMMONS}[^\n]{{0,200}}|"
        rf"[^\n]{{0,80}}?\b(?:content|contents|site|website|page|blog|work|texts?|material|articles|posts)\b[^\n]{{0,120}}?"
        rf"\b(?:is|are){_S}++(?:licen[sc]ed|published|available|released){_S}++under{_S}++(?:an?{_S}++|the{_S}++)?"
        rf"{_CREATIVE_COMMONS}[^\n]{{0,200}}|"
        rf"[^\n]{{0,80}}?\b(?:is|are){_S}++(?:licen[sc]ed|published){_S}++under{_S}++(?:an?{_S}++|the{_S}++)?"
        rf"{_CREATIVE_COMMONS}[^\n.,;]{{0,80}}(?:{_S}++except{_S}++where{_S}++otherwise{_S}++noted)?\.?|"
        rf"[^\n]{{0,80}}?\b(?:werk|inhalte?|weblog|blog|beiträge|texte|seite|website|webseite)\b[^\n]{{0,120}}?"
        rf"\b(?:steht|stehen|ist|sind){_S}++unter{_S}++einer{_S}++{_CREATIVE_COMMONS}[^\n]{{0,200}}|"
        rf"(?:contenidos?|contenus?)[^\n]{{0,40}}?(?:bajo|sous){_S}++(?:la{_S}++|una{_S}++)?licen[cs]ia?e?{_S}++"
        rf"{_CREATIVE_COMMONS}[^\n]{{0,200}}",
    ),
    Rule(
        "redistribution-notice",
        "copyright",
        "a wire-service notice: 'This material may not be published, broadcast, rewritten or redistributed.'",
        pattern=rf"(?:this|the|such){_S}++(?:material|content|article|story|text){_S}++may{_S}++not{_S}++be{_S}++"
        rf"(?:published|reproduced|copied|redistributed|distributed|broadcast)[^\n]{{0,300}}|"
        rf"(?:[\w,]++{_S}++){{0,3}}?(?:reproduction|redistribution|republication|reprinting|copying)[^\n]{{0,120}}?"
        rf"(?:without|in{_S}++whole{_S}++or{_S}++in{_S}++part)[^\n]{{0,120}}?(?:prohibited|forbidden|"
        rf"not{_S}++(?:permitted|allowed))[^\n]{{0,80}}",
    ),
    Rule(
        "syndication-note",
        "copyright",
        "'This article originally appeared in ...' and similar syndication notes",
        pattern=rf"(?:this{_S}++(?:article|story|post|piece|column){_S}++(?:(?:was|is){_S}++)?"
        rf"(?:(?:originally|first){_S}++(?:appeared|published|posted)|republished|appeared)"
        rf"{_S}++(?:in|on|by|at|with|from)|"
        rf"a{_S}++version{_S}++of{_S}++this{_S}++(?:article|story){_S}++(?:first{_S}++)?appear(?:ed|s))[^\n]{{1,600}}",
    ),
    Rule(
        "legal-links",
        "copyright",
        "a footer row of legal links ('Terms of Use | Privacy Policy | Cookie Policy')",
        pattern=rf"(?:(?:{_LEGAL}){_S}*+[|·•,/]?{_S}*+){{2,16}}+|privacy{_S}++policy|terms{_S}++of{_S}++(?:use|service)|"
        rf"cookie{_S}++(?:policy|settings)|terms{_S}++(?:&|and){_S}++conditions",
    ),
    # --- related ----------------------------------------------------------
    Rule(
        "related-list",
        "related",
        "a 'Keep reading' / 'Related' heading and the headlines listed under it",
        scope="run",
        detect=_detectors.detect_link_list,
    ),
    Rule(
        "read-more-link",
        "related",
        "a single 'Read more: <headline>' / 'Related: <headline>' link line",
        pattern=rf"(?:read{_S}++more|read{_S}++next|related|see{_S}++also|also{_S}++read|read{_S}++also|"
        rf"recommended|lire{_S}++aussi|[àa]{_S}++lire{_S}++aussi|mehr{_S}++zum{_S}++thema|lesen{_S}++sie{_S}++auch|"
        rf"auch{_S}++interessant|lee{_S}++tambi[ée]n|leer{_S}++m[áa]s|leggi{_S}++anche|leia{_S}++(?:tamb[ée]m|mais)|"
        rf"lees{_S}++ook|читайте{_S}++также)(?:{_S}*+[:|»>›]|{_S}++[-–—]){_S}*+[^\n]{{1,200}}",
    ),
    # --- media ------------------------------------------------------------
    Rule(
        "video-residue",
        "media",
        "a video duration such as '03:07' and the video title after it",
        scope="run",
        detect=_detectors.detect_video_residue,
    ),
    Rule(
        "video-label",
        "media",
        "video-player and image-viewer labels: 'Now playing', 'Watch video', 'Duration 02:13', 'Bild anzeigen'",
        pattern=rf"(?:now{_S}++)?playing|play(?:{_S}++video)?|watch(?:{_S}++(?:now|video|live|the{_S}++video|again))?|"
        rf"videos?|up{_S}++next|autoplay|replay|(?:un)?mute|pause|full{_S}*+screen|"
        rf"video{_S}++(?:duration|length){_S}*+:?{_S}*+\d{{1,2}}:\d{{2}}|duration{_S}*+:?{_S}*+\d{{1,2}}:\d{{2}}|"
        rf"\d{{1,2}}:\d{{2}}{_S}*+/{_S}*+\d{{1,2}}:\d{{2}}|loaded{_S}*+:?{_S}*+\d{{1,3}}(?:\.\d+)?%|"
        rf"(?:bild(?:er)?|fotos?){_S}++(?:anzeigen|vergrößern|ansehen)|(?:view|show|enlarge){_S}++(?:image|photo|gallery)",
    ),
    Rule(
        "photo-credit-caption",
        "media",
        "a caption ending in a photo credit ('... Photo: Name/Agency', '(Photo by .../Getty Images)', '[File: Reuters]')",
        pattern=rf"(?:[^\n]{{0,400}}?[.!?\"”’)]{_S}++|[^\n]{{0,400}}?{_S}[|–—-]{_S}++)?"
        rf"(?:(?:photo|image|picture|credit|foto|bild|photograph|illustration)s?{_S}*+(?:credit{_S}*+)?:|"
        rf"(?:photo|image|picture|foto)s?{_S}++(?:by|courtesy{_S}++of)|image{_S}++copyright){_S}*+{_CREDIT}|"
        rf"[^\n]{{0,400}}?(?:\((?:(?:photo|image|picture|foto){_S}++(?:by|credit|courtesy(?:{_S}++of)?)|"
        rf"{_AGENCY}{_S}++photo)[^\n)]{{2,80}}\)|"
        # A caption that ends with a credit in brackets: '[File: Reuters]', '(REUTERS/Jane Doe)'. A bare
        # '(dpa)' is not one: German reports end their last paragraph with the agency so.
        rf"[(\[]{_S}*+(?:(?:file|photo|image|credit|foto)s?{_S}*+:{_S}*+{_AGENCY}|"
        rf"(?:{_CREDIT}{_S}*+/{_S}*+{_AGENCY_NAME}|{_AGENCY_NAME}{_S}*+/{_S}*+{_CREDIT}))(?:{_S}*+/{_S}*+{_CREDIT})?"
        rf"{_S}*+[)\]])",
    ),
    Rule(
        "caption-label",
        "media",
        "a caption or credit introduced by a label ('Image: ...', 'FILE PHOTO: ...', '(Foto: ...)')",
        # What follows the label starts like a caption or a credit, not in lower case ('Photo: the lights
        # came on' is a sentence).
        pattern=rf"\(?(?:file{_S}++photo|photo|image|picture|pictured|caption|foto|bild|titelbild)s?{_S}*+:"
        rf"(?:{_S}++(?-i:(?![a-zß-ÿ]))[^\n]{{1,400}})?",
    ),
    Rule(
        "agency-credit",
        "media",
        "a bare picture credit: 'AFP via Getty Images', 'Name/Reuters', 'Getty Images'",
        pattern=rf"(?:{_NAME}(?:{_S}*+/{_S}*+|{_S}++via{_S}++))?{_AGENCY}(?:{_S}*+/{_S}*+{_NAME})?|"
        rf"(?:photo|image|foto|bild)s?{_S}*+:{_S}*+{_AGENCY}",
    ),
    # --- byline -----------------------------------------------------------
    Rule(
        "avatar",
        "byline",
        "an author avatar's alt text ('Avatar of Deutsche Welle', 'Photo of Jane Doe')",
        pattern=rf"avatar(?:{_S}++(?:of|for|image))?{_S}++[^\n]{{1,60}}|"
        rf"(?:author{_S}++|profile{_S}++)?(?:photo|picture|image|headshot){_S}++of{_S}++{_NAME}",
    ),
    Rule(
        "byline",
        "byline",
        "'By Jane Doe' (or 'Written by', 'Author:') on a line of its own",
        pattern=rf"(?:(?:written|reported|story|words|posted|text){_S}++)?(?:by|von)(?:{_S}*+:)?{_S}++{_NAME}"
        rf"(?:{_S}*+[|·•–—-]{_S}*+[^\n]{{0,79}}[^\s.!?])?|(?:author|autor|auteur|autore)s?{_S}*+:{_S}*+{_NAME}",
    ),
    Rule(
        "date-line",
        "byline",
        "a date or time line ('03 Jul 2024, 19:11 PM EDT', 'Updated 2 hours ago', '32M ago')",
        pattern=rf"(?:(?:(?:(?:last{_S}++|first{_S}++)?(?:published|updated|posted|modified|date|veröffentlicht|"
        rf"aktualisiert|publié|mis{_S}++à{_S}++jour|publicado|actualizado|pubblicato|aggiornato)(?:{_S}++(?:on|am))?|"
        rf"(?:letzte{_S}++aktualisierung|zuletzt{_S}++aktualisiert|erstellt{_S}++am|stand|ultima{_S}++modifica|"
        rf"dernière{_S}++mise{_S}++à{_S}++jour|última{_S}++(?:actualización|atualização)))"
        rf"{_S}*+[:-]?{_S}*+)?(?:{_CLOCK},?{_S}++)?{_DATE}(?:,?{_S}++(?:at{_S}++|um{_S}++|à{_S}++)?{_CLOCK})?"
        rf"(?:{_S}*+[|·•]{_S}*+)?){{1,2}}+|(?:(?:published|updated|posted){_S}*+:?{_S}*+)?"
        rf"(?:(?:\d{{1,3}}|an?|one){_S}++(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?|"
        rf"\d{{1,3}}{_S}*+(?:[smhdw]|mins?|hrs?)){_S}++ago",
    ),
    # --- consent ----------------------------------------------------------
    Rule(
        "cookie-banner",
        "consent",
        "a cookie banner: 'We use cookies to improve your experience on our website...', 'Wir verwenden Cookies...'",
        pattern=rf"(?=[^\n]{{0,400}}?(?:{_COOKIE_CONTEXT}))(?:{_COOKIE_OPENING})[^\n]*+",
    ),
    Rule(
        "cookie-button",
        "consent",
        "a cookie banner's button: 'Accept all cookies', 'Alle Cookies akzeptieren'",
        pattern=rf"(?:{_COOKIE_BUTTON})",
    ),
    # --- navigation -------------------------------------------------------
    Rule(
        "menu-words",
        "navigation",
        "a line of menu words only: 'Home', 'Menu', 'Search', 'Sign In', 'Log in'",
        pattern=rf"(?:(?:{_NAV_WORD}){_S}*+[|·•/]?{_S}*+){{1,8}}+",
    ),
    Rule(
        "breadcrumb",
        "navigation",
        "a breadcrumb trail starting at Home ('Home > World > Asia')",
        pattern=rf"(?:home|startseite|accueil|inicio){_S}*+(?:[>»/|›]{_S}*+[^\n>»/|›]{{1,40}}){{1,6}}+",
    ),
    Rule(
        "continue-reading",
        "navigation",
        "'Continue reading', 'Click here to read more', 'Read full article' and similar links",
        pattern=rf"(?:continue{_S}++reading(?:{_S}++(?:the{_S}++)?(?:main{_S}++)?(?:story|article|below))?|"
        rf"click{_S}++here(?:{_S}++to{_S}++(?:read|see|view|subscribe|continue|watch)[^\n.!?]{{0,60}})?|"
        rf"read{_S}++(?:the{_S}++)?full{_S}++(?:article|story)(?:{_S}++(?:here|on|at){_S}[^\n.!?]{{0,60}})?|"
        rf"read{_S}++more(?:{_S}++(?:here|below|stories|news))?|show{_S}++(?:more|less)|see{_S}++more|"
        rf"view{_S}++(?:\d++{_S}++)?comments|\d++{_S}++comments?|weiterlesen|lire{_S}++la{_S}++suite|"
        rf"leer{_S}++m[áa]s|continua{_S}++a{_S}++leggere){_S}*+[:.!»>›…]*+",
    ),
    # --- promo ------------------------------------------------------------
    Rule(
        "promo-question",
        "promo",
        "a promotional blurb that asks the reader a question and points to a product",
        pattern=rf"(?:(?:do|did|would|want|have|are){_S}++you|want{_S}++more|looking{_S}++for)[^\n]{{0,200}}\?{_S}++"
        rf"(?:get|sign|subscribe|download|try|join|explore|click|tap|find|read|discover)[^\n]{{0,300}}",
    ),
    Rule(
        "promo-newsletter",
        "promo",
        "newsletter, subscription and app blurbs ('Sign up for our newsletter', 'Download the app')",
        pattern=rf"(?:sign{_S}++up|subscribe|register|join|get|receive|want|stay|keep){_S}[^\n]{{0,120}}?"
        rf"(?:newsletters?|our{_S}++(?:daily|weekly|free|morning|evening)|inbox|e-?mail{_S}++(?:updates|alerts))"
        rf"[^\n]{{0,200}}|"
        # Consent lines of sign-up forms.
        rf"mit{_S}++(?:der|ihrer|deiner){_S}++anmeldung{_S}++(?:stimme|erkläre|erklären|akzeptiere|willige)[^\n]{{0,300}}|"
        rf"ich{_S}++(?:akzeptiere|stimme)[^\n]{{0,40}}?datenschutz[^\n]{{0,300}}|"
        rf"subscribe(?:{_S}++(?:now|today|here))?(?:{_S}++to{_S}++[^\n.!?,;]{{1,60}}[.!]?)?|"
        rf"(?:download|get|install){_S}++(?:the|our){_S}[^\n]{{0,60}}?\bapps?\b(?:{_S}[^\n]{{0,160}})?|"
        rf"already{_S}++a{_S}++(?:subscriber|member)\??[^\n]{{0,80}}|start{_S}++(?:your{_S}++)?free{_S}++trial[^\n]{{0,80}}|"
        rf"support{_S}++(?:our|independent|quality){_S}++journalism[^\n]{{0,200}}|"
        rf"become{_S}++a{_S}++(?:member|subscriber|supporter)[^\n]{{0,100}}|"
        rf"newsletter{_S}++abonnieren|jetzt{_S}++abonnieren|abonnez-vous[^\n]{{0,100}}|suscr[íi]bete[^\n]{{0,100}}|"
        # Paywall notes, app promos that name the reason first, invitations to write to the editor.
        rf"to{_S}++(?:view|read|continue{_S}++reading|access){_S}++(?:the{_S}++full{_S}++(?:story|article)|"
        rf"this{_S}++(?:story|article))(?:,?{_S}*+(?:please{_S}++)?(?:subscribe|sign{_S}++in|log{_S}++in|register)[^\n]{{0,200}})?|"
        rf"for{_S}++(?:the{_S}++)?latest{_S}++(?:news|stories|headlines|updates)[^\n]{{0,60}}?(?:download|get|install){_S}"
        rf"[^\n]{{0,60}}?\bapps?\b(?:{_S}++(?:for|on){_S}[^\n.!?]{{0,40}})?[.!]?|"
        rf"we{_S}++want{_S}++to{_S}++hear{_S}++what{_S}++you{_S}++think[^\n]{{0,60}}?{_S}++submit{_S}++(?:a|your){_S}++"
        rf"letter{_S}++to{_S}++the{_S}++editor[^\n]{{0,160}}|"
        rf"submit{_S}++(?:a|your){_S}++letter{_S}++to{_S}++the{_S}++editor[^\n]{{0,160}}|"
        # The sign-up form's own messages.
        rf"please,?{_S}++fill{_S}++(?:in{_S}++|out{_S}++)?the{_S}++form{_S}++to{_S}++subscribe[^\n]{{0,100}}|"
        rf"fill{_S}++(?:in{_S}++|out{_S}++)?the{_S}++form{_S}++to{_S}++subscribe[^\n]{{0,100}}|"
        rf"you{_S}++have{_S}++(?:been{_S}++)?succ?ess?fully{_S}++subscribed[^\n]{{0,100}}|"
        rf"an{_S}++e-?mail{_S}++with{_S}++an?{_S}++(?:activation|confirmation){_S}++link{_S}++has{_S}++(?:just{_S}++)?"
        rf"been{_S}++sent[^\n]{{0,200}}",
    ),
    Rule(
        "newsletter-call",
        "promo",
        "a call to subscribe that names the newsletter first ('Immer informiert mit dem X-Newsletter. Jetzt anmelden!')",
        # German puts the verb last. It scans for 'newsletter' and so runs only on the lines that hold it.
        pattern=r"[^\n]{0,160}?\bnewsletter\b[^\n]{0,160}?\b(?:anmelden|abonnieren|bestellen)\b[^\n]{0,100}",
    ),
    # --- duplicate / slug -------------------------------------------------
    Rule(
        "repeated-line",
        "duplicate",
        "a headline-like line already seen earlier in the page (the first copy stays)",
        scope="run",
        detect=_detectors.detect_repeated_lines,
        after_heuristics=True,
    ),
    Rule(
        "glued-slug",
        "slug",
        "a URL slug glued to the start of the headline it names",
        scope="fragment",
        pattern=r"^[^\S\n]*[a-z0-9]+(?:-[a-z0-9]+){2,}(?=[A-Z0-9])",
        ignore_case=False,
        accept=_slug_matches_following_text,
    ),
)
