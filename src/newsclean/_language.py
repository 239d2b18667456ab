"""Cheap language guess and stoplists for the text heuristics.

jusText ships stoplists for about 100 languages (it comes with trafilatura).
They are read lazily from its package data, on the first page that needs them,
and cached as frozensets; the jusText module itself (which pulls in lxml) is
not imported: importing newsclean and cleaning a first page must stay cheap.

Detection picks, among a few candidate languages, the stoplist with the most
hits over a sample of the page's words. A page whose best hit-rate is low
(a script without spaces, a language not among the candidates, or no prose at
all) gets ``None``, and the heuristics fall back to length and punctuation.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib.util import find_spec
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


@cache
def _stoplists_dir() -> str | None:
    """jusText's directory of stoplists (``<Language>.txt``), found without importing jusText."""
    spec = find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), "stoplists")
    return path if os.path.isdir(path) else None


@cache
def stoplist(language: str) -> frozenset[str]:
    """jusText's stoplist for *language* (a jusText name such as ``"German"``), lowercased."""
    directory = _stoplists_dir()
    if directory is not None:
        try:
            with open(os.path.join(directory, f"{language}.txt"), "rb") as handle:
                data = handle.read()
        except OSError:
            pass
        else:
            if not data:
                return frozenset()
            # As justext.get_stoplist reads it (lines split as bytes, each lowercased), in a few C calls.
            return frozenset(b"\n".join(data.splitlines()).decode("utf-8").lower().split("\n"))
    import justext  # a layout this reader does not know: ask jusText (importing it costs tens of milliseconds)

    return frozenset(word.lower() for word in justext.get_stoplist(language))


@cache
def _candidate_index() -> dict[str, int]:
    """Every candidate stopword -> bit mask of the candidate languages that list it."""
    index: dict[str, int] = {}
    for bit, language in enumerate(CANDIDATES):
        stops = stoplist(language)
        shared = stops & index.keys()
        for word in shared:
            index[word] |= 1 << bit
        index.update(dict.fromkeys(stops - shared, 1 << bit))
    return index


@cache
def _size_weights() -> tuple[float, ...]:
    return tuple(1.0 / math.log(len(stoplist(language)) + 2) for language in CANDIDATES)


def resolve(code: str) -> str | None:
    """jusText language name for an ISO 639-1 code or a jusText name; ``None`` if unknown."""
    if code.lower() in ISO_NAMES:
        return ISO_NAMES[code.lower()]
    directory = _stoplists_dir()
    if directory is not None:
        names = [os.path.splitext(name) for name in os.listdir(directory)]
        stoplists = {stem for stem, extension in names if extension == ".txt"}
    else:
        import justext

        stoplists = set(justext.get_stoplists())
    return {name.lower(): name for name in stoplists}.get(code.lower())


def detect(text: str) -> str | None:
    """The candidate language whose stoplist hits most words of a sample of *text*, or ``None``."""
    return detect_lines(text.split("\n"))


def detect_lines(lines: Sequence[str]) -> str | None:
    """:func:`detect` for a text given as its lines."""
    # Each distinct line counts once, by its words: three copies of a widget's or a headline's line must
    # not outvote the page's prose.
    distinct = list(dict.fromkeys(lines))
    # Long lines are more likely prose than menus, names and labels, which any big stoplist matches.
    sample = "\n".join([line for line in distinct if len(line) >= LONG_LINE_CHARS])
    if len(sample) < SAMPLE_CHARS // 4:
        sample = "\n".join(distinct)
    if len(sample) > SAMPLE_CHARS:
        middle = len(sample) // 2
        sample = sample[max(0, middle - SAMPLE_CHARS // 2) : middle + SAMPLE_CHARS // 2]
    return _detect_sample(sample)


# The pipeline detects again on each settle round; a round that removed only short lines leaves the
# same sample, whose guess is kept here (the key is at most SAMPLE_CHARS long).
@lru_cache(maxsize=64)
def _detect_sample(sample: str) -> str | None:
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_SAMPLE_WORDS:
        return None
    # Few distinct language masks occur: count words per mask (in C), then spread the counts per language.
    counts = [0] * len(CANDIDATES)
    for mask, count in Counter(map(_candidate_index().get, words, repeat(0))).items():
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
