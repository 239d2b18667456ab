"""Shared vocabulary: the characters and words that rules, features and passes all need.

One place for what a list bullet is, what ends a sentence, which headings announce the
page's furniture, and the words of cookie banners and comment sections, so that no two
stages disagree about them. Patterns here never match across a line break.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- list bullets -----------------------------------------------------------------------------
# The characters converters print as list bullets (inscriptis nests ``*``, then ``+``, then ``o``).
BULLETS = "*•·‣▪◦●+–—-"
BULLET = re.compile(f"[{re.escape(BULLETS)}][^\\S\\n]")
NESTED_BULLET = re.compile(r"o[^\S\n]")  # inscriptis' third list level, after deep indentation
NESTED_BULLET_INDENT = 6

# --- sentence ends ----------------------------------------------------------------------------
TERMINALS = frozenset(".!?…。！？")  # a line ending in one of these (before closing quotes) ends a sentence
CLOSERS = "\"'”’»)]"
# A sentence end with a marker glued to it ("...on Tuesday.Advertisement"): the named rules cut the
# marker from the output, and the line still ends a sentence.
_GLUED_TAIL = re.compile(r"[.!?…][\"'”’»)\]]*[A-ZÀ-Þ][^\s.!?]{1,24}$")
_GLUED_TAIL_CHARS = 32
# A sentence end inside a line, followed by the next sentence's first letter.
SENTENCE_BREAK = re.compile(r"[.!?…。！？][\"'”’»)\]]*[^\S\n]+[\"'“‘«(]?[A-ZÀ-ÞА-Я0-9]")


def ends_sentence(text: str) -> bool:
    """Whether *text* (stripped) ends with terminal punctuation, maybe before closing quotes or a glued marker."""
    return text.rstrip(CLOSERS)[-1:] in TERMINALS or _GLUED_TAIL.search(text[-_GLUED_TAIL_CHARS:]) is not None


# --- words and scripts ------------------------------------------------------------------------
WORD = re.compile(r"[^\W\d]\w*")  # words for the stopword density: numbers would dilute it
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω]")  # capitals of the Latin, Cyrillic and Greek alphabets (a regex is faster than str.isupper per character)
DIGIT = re.compile(r"\d")
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
CLOCK_TIME = re.compile(r"\b\d{1,2}:\d\d\b")
SEPARATORS = (" | ", " · ", " • ", " / ", " » ", " › ")
TABLE_CELL_GAP = re.compile(r"\S {2,}(?=\S)")
NUMBER_CELL = re.compile(r"(?<!\S)[-+−]?[$€£]?\d[\d.,:/]*+%?(?!\S)")

# --- comment sections -------------------------------------------------------------------------
_S = r"[^\S\n]"
COMMENT_MARKER_MAX_CHARS = 80
COMMENT_NOTE_MAX_CHARS = 200
# Where comments start, or a comment's own header.
_COMMENT_MARKER = re.compile(
    rf"(?:[\w-]+{_S}+){{0,2}}(?:comments?|kommentare?|commentaires?|comentarios?|commenti|replies)"
    rf"(?:{_S}*\(\d+\))?:?|(?:(?:leave|post|add|write){_S}+a{_S}+(?:comment|reply)\W*|"
    rf"(?:hinterlasse|schreibe){_S}+(?:einen{_S}+kommentar|eine{_S}+antwort)\W*|kommentar{_S}+verfassen\W*|"
    rf"laisser{_S}+un{_S}+commentaire\W*|deja{_S}+(?:un|tu){_S}+comentario\W*|"
    rf"lascia{_S}+un{_S}+commento\W*|deixe{_S}+(?:um|seu){_S}+comentário\W*)"
    # Blog engines print the form's "Cancel reply" link on the heading's line.
    rf"(?:(?:cancel{_S}+reply|antworten{_S}+abbrechen|annuler{_S}+la{_S}+réponse|"
    rf"cancelar{_S}+(?:la{_S}+)?respuesta|annulla{_S}+risposta|cancelar{_S}+resposta)\W*)?|"
    r"reply|antworten|"
    # A commenter's header is a user name and "says:"; a quote in the body is introduced by "said:".
    rf"(?:\d+\.{_S}+)?\S+(?:{_S}+\S+)?{_S}+(?:says|wrote|schreibt|a{_S}+écrit){_S}*:",
    re.IGNORECASE,
)
# The comment form's note under the comment heading.
_COMMENT_FORM_NOTE = re.compile(
    rf"(?:your|deine|ihre|votre|tu|su|il{_S}+tuo|o{_S}+seu){_S}+(?:e-?mail|adresse|dirección|indirizzo|endereço)"
    rf"[^\n]{{0,40}}?(?:will{_S}+not{_S}+be{_S}+published|wird{_S}+nicht{_S}+veröffentlicht|"
    rf"ne{_S}+sera{_S}+pas{_S}+publiée|no{_S}+(?:será|se{_S}+publicará)|non{_S}+sarà{_S}+pubblicato|"
    rf"não{_S}+será{_S}+publicado)\W*(?:(?:required|erforderliche|pflichtfelder|les{_S}+champs|"
    rf"los{_S}+campos|i{_S}+campi|(?:os{_S}+)?campos)[^\n]{{0,80}})?",
    re.IGNORECASE,
)


def is_comment_marker(text: str) -> bool:
    """A comment-section heading, a commenter's header or the comment form's note (*text* stripped)."""
    return (len(text) < COMMENT_MARKER_MAX_CHARS and _COMMENT_MARKER.fullmatch(text) is not None) or (
        len(text) < COMMENT_NOTE_MAX_CHARS and _COMMENT_FORM_NOTE.fullmatch(text) is not None
    )


# --- headings of the page's furniture ---------------------------------------------------------
# Headings of the lists of headlines news pages print after (or beside) an article. The related-list
# rule removes such a heading with the list under it, so it takes only these unambiguous English ones;
# the heuristics, which merely weigh what follows, take the wider multilingual set.
LIST_HEADINGS = (
    r"keep reading|read more|read next|related(?: articles| stories| news| content| coverage)?|"
    r"more (?:on|from|about) [^.!?]{1,40}|recommended(?: for you)?|you (?:may|might) also like|"
    r"most (?:read|popular|viewed)|trending(?: now)?|top stories|more stories|see also|also read"
)
_MORE_HEADINGS = (
    r"related posts|more (?:in )?[^.!?]{1,40}|read more (?:on|about) [^.!?]{1,40}|further reading|"
    r"other (?:stories|articles)(?: you (?:may|might) (?:like|enjoy))?|recommended (?:stories|articles)|"
    r"you (?:may|might) like|most shared|popular (?:stories|articles|posts|now)|trending (?:news|stories)|"
    r"latest (?:news|stories|articles|posts)|editors?['’]? picks|recent posts|"
    r"mehr zum thema|weitere (?:artikel|beiträge)|das könnte (?:sie|dich|euch) auch interessieren(?: …|\.\.\.)?|"
    r"auch interessant|ähnliche (?:artikel|beiträge|nachrichten|themen)|verwandte (?:artikel|beiträge)|neueste (?:artikel|beiträge)|"
    r"(?:à )?lire aussi|(?:à )?voir aussi|vous aimerez aussi|sur le même sujet|articles similaires|"
    r"(?:también )?te puede interesar|noticias relacionadas|más noticias|leggi anche|articoli correlati|"
    r"(?:ti )?potrebbe(?: anche)? interessar(?:e|ti)|leia também|veja também|leia mais|saiba mais|notícias relacionadas|"
    r"lees ook|gerelateerde artikelen|meer nieuws|"
    r"meistgelesen(?:e artikel)?|lesen sie auch|weitere (?:nachrichten|meldungen|themen)|"
    r"les plus lus|dans la même rubrique|(?:notas|artículos|art[íi]culos) relacionad[oa]s|lo más leído|más leíd[oa]s|"
    r"últimas noticias|i più letti|ultime notizie|mais lidas|artigos relacionados|últimas notícias|"
    r"czytaj (?:także|też)|zobacz (?:także|też)|podobne artykuły|najczęściej czytane|"
    r"about the author|über (?:den autor|die autorin)|zum autor|zur autorin|à propos de l['’]auteur|"
    r"sobre (?:el|o) autor|sull['’]autore"
)
# A menu entry may carry an after-article heading too ("* More Washington Examiner"): its bullet is allowed.
_AFTER_ARTICLE_HEADING = re.compile(
    f"(?:[{re.escape(BULLETS)}][^\\S\\n]+)?(?:{LIST_HEADINGS}|{_MORE_HEADINGS})[^\\S\\n]*[:»›>]?",
    re.IGNORECASE,
)
HEADING_MAX_CHARS = 60


def is_after_article_heading(text: str) -> bool:
    """Whether *text* (one line) is a heading such as "Related stories" or "Mehr zum Thema"."""
    return len(text) <= HEADING_MAX_CHARS and _is_heading(text)


# Menus repeat across pages and rounds: the answer for a short line is cached (bounded).
@lru_cache(maxsize=8192)
def _is_heading(text: str) -> bool:
    return _AFTER_ARTICLE_HEADING.fullmatch(text.strip()) is not None
