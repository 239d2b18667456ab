"""Cheap language guess and stoplists for the text heuristics.

jusText ships stoplists for about 100 languages (it comes with trafilatura).
They are loaded lazily, on the first page that needs them, and cached as
frozensets: importing newsclean must stay cheap.

Detection picks, among a few candidate languages, the stoplist with the most
hits over a sample of the page's words. A page whose best hit-rate is low
(a script without spaces, a language not among the candidates, or no prose at
all) gets ``None``, and the heuristics fall back to length and punctuation.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import repeat

# Candidates for detection: the languages news scrapes come in most, in
# jusText's names. A user can still ask for any jusText language via Config.language.
CANDIDATES = (
    "English",
    "German",
    "French",
    "Spanish",
    "Italian",
    "Portuguese",
    "Dutch",
    "Polish",
    "Czech",
    "Swedish",
    "Danish",
    "Norwegian_Bokmal",
    "Finnish",
    "Hungarian",
    "Romanian",
    "Turkish",
    "Russian",
    "Ukrainian",
    "Greek",
    "Indonesian",
)

# ISO 639-1 codes a user may pass as Config.language.
ISO_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ms": "Malay", "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip

SAMPLE_CHARS = 8_000  # enough words for a stable guess, little enough to stay cheap on long pages
MIN_SAMPLE_WORDS = 20  # below this the guess is noise
LONG_LINE_CHARS = 80  # lines at least this long make the sample
MIN_HIT_RATE = 0.12  # running prose in a listed language scores 0.3-0.5; lists of names score far less

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=None)
def stoplist(language: str) -> frozenset[str]:
    """jusText's stoplist for *language* (a jusText name such as ``"German"``), lowercased."""
    import justext  # deferred: importing it costs tens of milliseconds

    return frozenset(word.lower() for word in justext.get_stoplist(language))


@lru_cache(maxsize=1)
def _candidate_index() -> dict[str, int]:
    """Every candidate stopword -> bit mask of the candidate languages that list it."""
    index: dict[str, int] = {}
    for bit, language in enumerate(CANDIDATES):
        for word in stoplist(language):
            index[word] = index.get(word, 0) | (1 << bit)
    return index


@lru_cache(maxsize=1)
def _size_weights() -> tuple[float, ...]:
    return tuple(1.0 / math.log(len(stoplist(language)) + 2) for language in CANDIDATES)


def resolve(code: str) -> str | None:
    """jusText language name for an ISO 639-1 code or a jusText name; ``None`` if unknown."""
    if code.lower() in ISO_NAMES:
        return ISO_NAMES[code.lower()]
    import justext

    names = {name.lower(): name for name in justext.get_stoplists()}
    return names.get(code.lower())


def detect(text: str) -> str | None:
    """The candidate language whose stoplist hits most words of a sample of *text*, or ``None``."""
    return detect_lines(text.split("\n"))


def detect_lines(lines: Sequence[str]) -> str | None:
    """:func:`detect` for a text given as its lines."""
    # Long lines are more likely prose than menus, names and labels, which any big stoplist matches.
    sample = "\n".join([line for line in lines if len(line) >= LONG_LINE_CHARS])
    if len(sample) < SAMPLE_CHARS // 4:
        sample = "\n".join(lines)
    if len(sample) > SAMPLE_CHARS:
        middle = len(sample) // 2
        sample = sample[max(0, middle - SAMPLE_CHARS // 2) : middle + SAMPLE_CHARS // 2]
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_SAMPLE_WORDS:
        return None
    index = _candidate_index()
    # Few distinct language masks occur: count words per mask (in C), then spread the counts per language.
    counts = [0] * len(CANDIDATES)
    for mask, count in Counter(map(index.get, words, repeat(0))).items():
        while mask:
            low = mask & -mask
            counts[low.bit_length() - 1] += count
            mask ^= low
    # Some stoplists are long and noisy (thousands of words, English ones among them);
    # dividing by the log of the list's size keeps them from outvoting a short, clean list.
    weights = _size_weights()
    best = max(range(len(CANDIDATES)), key=lambda i: counts[i] * weights[i])
    if counts[best] < MIN_HIT_RATE * len(words):
        return None
    return CANDIDATES[best]
