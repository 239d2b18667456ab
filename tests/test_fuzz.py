"""Property tests: arbitrary text through the library, arbitrary bytes through the command."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean

_TERMINATOR = re.compile(r"\r\n|\r|\n")

# Lines that look like what newsclean removes, prose it must keep, and the near misses between.
POOL = (
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored content",
    "Share this article",
    "Facebook Twitter LinkedIn Email",
    "icon-facebook icon-twitter",
    "Copyright 2024 Example Media. All rights reserved.",
    "© 2023 The Daily Example",
    "By Jane Doe",
    "Published: 12 March 2024, 10:15 GMT",
    "Keep reading",
    "- A headline about something else",
    "03:07",
    "Apple",
    "189.98",
    "+1.23 (+0.65%)",
    "Canada markets closed",
    "Photo: Jane Doe via Reuters",
    "Do you want to know more? Sign up for our newsletter",
    "Home | News | Sport | Weather",
    "markets-rally-on-tuesdayMarkets rally on Tuesday",
    "Markets rallied on Tuesday as investors welcomed the rate decision.Advertisement",
    "The council approved the budget on Tuesday after a long debate about schools and roads.",
    "Analysts said the advertisement campaign had been shared widely on Facebook.",
    "The copyright dispute went to court, where the judge said that it was not clear.",
    "He said: “We will share the results with everyone in the town next week.”",
    "Sie sagte, dass die Stadt im nächsten Jahr mehr Geld für die Schulen ausgeben werde.",
    "市议会周二批准了明年的预算。",
    "",
    "   ",
)

lines_of_text = st.lists(
    st.one_of(st.sampled_from(POOL), st.text(max_size=80)),
    max_size=30,
)
terminators = st.sampled_from(("\n", "\n", "\n", "\r\n", "\r", "\n\n"))


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page: pool lines and arbitrary text, joined by a mix of line terminators."""
    lines = draw(lines_of_text)
    pieces = []
    for line in lines:
        pieces.append(line)
        pieces.append(draw(terminators))
    if pieces and draw(st.booleans()):
        pieces.pop()  # no final terminator
    return "".join(pieces)


texts = st.one_of(st.text(), pages())

LIBRARY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@LIBRARY
@given(texts, st.sampled_from(newsclean.PRESETS), st.booleans())
def test_clean_never_fails_and_only_keeps_input_lines(text: str, preset: str, heuristics: bool) -> None:
    result = newsclean.clean_and_explain(text, preset=preset, heuristics=heuristics)
    for line in _TERMINATOR.split(result.text):
        assert line in text
    for removal in result.removals:
        assert text[removal.start : removal.end] == removal.text
        assert removal.rule and removal.kind
    assert len(result.text) <= len(text)


@LIBRARY
@given(texts, st.sampled_from(newsclean.PRESETS))
def test_rules_alone_are_idempotent(text: str, preset: str) -> None:
    once = newsclean.clean(text, preset=preset, heuristics=False)
    assert newsclean.clean(once, preset=preset, heuristics=False) == once


@LIBRARY
@given(texts, st.sampled_from(newsclean.PRESETS))
def test_clean_is_idempotent(text: str, preset: str) -> None:
    once = newsclean.clean(text, preset=preset)
    assert newsclean.clean(once, preset=preset) == once


# --- the command ---------------------------------------------------------------------

COMMAND = [sys.executable, "-m", "newsclean"]
CLI = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

encoded_pages = pages().map(lambda page: page.encode("utf-8"))
raw_bytes = st.one_of(
    st.binary(max_size=3000),
    encoded_pages,
    # Valid UTF-8 with stray bytes spliced in: a BOM, lone continuation bytes, NUL, a Latin-1 é.
    st.tuples(encoded_pages, st.sampled_from((b"\xef\xbb\xbf", b"\x80", b"\xff\xfe", b"\x00", b"\xe9", b"\xc3")), encoded_pages).map(
        b"".join
    ),
)


# Byte-order marks that name an encoding other than UTF-8, longest first.
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _refused_as_binary(data: bytes, errors: str) -> bool:
    """Whether the command must refuse *data* as binary: a NUL in the first KB, as bytes, or as characters
    after a UTF-16/UTF-32 byte-order mark. Raises UnicodeDecodeError if such a text does not decode."""
    wide = next((encoding for mark, encoding in _WIDE_BOMS if data.startswith(mark)), None)
    if wide is None:
        return b"\x00" in data[:1024]
    return "\x00" in data.decode(wide, errors).removeprefix("\ufeff")[:1024]


def _run(arguments: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(COMMAND + arguments, input=data, capture_output=True, timeout=120, check=False)


@CLI
@given(raw_bytes)
def test_command_with_errors_replace_cleans_any_bytes(data: bytes) -> None:
    done = _run(["--errors", "replace"], data)
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    if _refused_as_binary(data, "replace"):  # the command refuses binary input in one line
        assert (done.returncode, done.stdout) == (1, b"")
        assert done.stderr.startswith(b"newsclean: <stdin>: binary input") and done.stderr.count(b"\n") == 1
        return
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    done.stdout.decode("utf-8")  # the output is valid UTF-8


@CLI
@given(raw_bytes)
def test_command_in_strict_mode_cleans_or_gives_one_clean_error(data: bytes) -> None:
    done = _run([], data)
    message = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in message, message
    try:
        binary = _refused_as_binary(data, "strict")
        if not data.startswith(tuple(mark for mark, _ in _WIDE_BOMS)):
            data.decode("utf-8")
    except UnicodeDecodeError:
        decodable = False
    else:
        decodable = not binary
    if decodable:
        assert done.returncode == 0, message
    else:
        assert done.returncode != 0
        assert len(message.strip().splitlines()) == 1, message
        assert message.startswith("newsclean: "), message
