"""JSON Lines records: clean one string field, keep everything else.

:func:`clean_record` is the per-record rule shared by the command line
(``newsclean --jsonl``) and the Dask integration, so both treat a record the
same way: every other key is kept, in its order; a record that cannot be
cleaned raises :class:`RecordError` (the caller decides whether to pass it
through, skip it or stop). :func:`clean_line` also keeps every number as it
was written (``1e400`` stays ``1e400``, not ``Infinity``; ``12345678901234567.89``
keeps all its digits) and refuses a record with a duplicate key, which a
parsed dict would silently lose.
"""

from __future__ import annotations

import json
from typing import Any

from newsclean._config import Config
from newsclean._sites import SiteModel

REMOVALS_KEY = "newsclean_removals"

class _Number:
    """A JSON number (or ``NaN``/``Infinity``, which Python's parser accepts) as the text it was written as."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _DuplicateKey(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, value in pairs:
        if key in record:
            raise _DuplicateKey(f"duplicate key {key!r}")
        record[key] = value
    return record


_DECODER = json.JSONDecoder(parse_float=_Number, parse_int=_Number, parse_constant=_Number, object_pairs_hook=_object)

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    _Number: "a number",
}


class RecordError(ValueError):
    """A record that cannot be cleaned: not an object, no such field, or the field is not a string."""


def clean_record(
    record: Any,
    field: str = "text",
    config: Config | None = None,
    removals: bool = False,
    html: bool = False,
    sites: SiteModel | None = None,
    site_key: str | None = None,
) -> dict[str, Any]:
    """Return a copy of *record* with ``record[field]`` cleaned.

    Key order is kept. With *removals*, the key ``newsclean_removals`` is added:
    a list of ``{"start", "end", "rule", "kind", "text"}`` (offsets are
    character offsets into the original field value). With *html*, the field
    holds HTML and is cleaned with :func:`newsclean.clean_html` (no removals
    are available then). With a :class:`newsclean.SiteModel` as *sites*, the
    record's field *site_key* names its site (a URL's host, or a name): a
    record without a string there is cleaned alone. Raises :class:`RecordError`
    for a record that cannot be cleaned.
    """
    if not isinstance(record, dict):
        raise RecordError(f"record is {_json_type(record)}, not an object")
    if field not in record:
        raise RecordError(f"record has no field {field!r}")
    value = record[field]
    if not isinstance(value, str):
        raise RecordError(f"field {field!r} is {_json_type(value)}, not a string")
    result = dict(record)
    if html:
        if removals:
            raise ValueError("removals are not available for HTML input")
        import newsclean

        result[field] = getattr(newsclean, "clean_html")(value, config)  # noqa: B009 (defined lazily)
        return result
    from newsclean._config import make_config
    from newsclean._pipeline import run
    from newsclean._sites import site_view

    site = site_view(sites, _site_of(record, sites, site_key))
    explained = run(value, make_config(config, {}), explain=False, site=site)
    result[field] = explained.text
    if removals:
        result[REMOVALS_KEY] = [
            {"start": r.start, "end": r.end, "rule": r.rule, "kind": r.kind, "text": r.text} for r in explained.removals
        ]
    return result


def _site_of(record: dict[str, Any], sites: SiteModel | None, site_key: str | None) -> str | None:
    if sites is None or site_key is None:
        return None
    site = record.get(site_key)
    return site if isinstance(site, str) else None


def _parse(line: bytes) -> Any:
    """The record on a JSON Lines line; :class:`RecordError` saying why there is none."""
    try:
        # As json.loads(bytes) decodes, so that the same lines are accepted.
        return _DECODER.decode(line.decode(json.detect_encoding(line), "surrogatepass"))
    except UnicodeDecodeError as error:
        raise RecordError(f"not valid UTF-8 at byte offset {error.start} of the line") from None
    except _DuplicateKey as error:
        raise RecordError(str(error)) from None
    except ValueError as error:
        raise RecordError(f"not JSON ({error})") from None
    except RecursionError:
        raise RecordError("nested too deeply") from None


def page_of_line(line: bytes, field: str, site_key: str) -> tuple[str, str] | None:
    """The ``(site, text)`` a site model learns from one JSON Lines line (without its newline): only from a
    record :func:`clean_line` cleans, with a string in *site_key*; ``None`` for any other line."""
    try:
        record = _parse(line)
    except RecordError:
        return None
    if not isinstance(record, dict):
        return None
    site, text = record.get(site_key), record.get(field)
    return (site, text) if isinstance(site, str) and isinstance(text, str) else None


def clean_line(
    line: bytes,
    field: str,
    config: Config | None,
    removals: bool = False,
    html: bool = False,
    sites: SiteModel | None = None,
    site_key: str | None = None,
) -> tuple[bytes | None, str | None]:
    """Clean one JSON Lines line (without its newline): ``(output, None)`` or ``(None, why it is bad)``.

    The output is ``json.dumps(record, ensure_ascii=False)`` of the cleaned record, except that numbers
    keep the text they were written as.
    """
    try:
        cleaned = clean_record(_parse(line), field, config, removals, html, sites, site_key)
    except RecordError as error:
        return None, str(error)
    try:
        try:
            return _dumps(cleaned, False).encode("utf-8"), None
        except UnicodeEncodeError:
            # A lone surrogate (legal as a JSON escape) has no UTF-8 form: keep it escaped.
            return _dumps(cleaned, True).encode("ascii"), None
    except RecursionError:
        return None, "nested too deeply"


def _dumps(value: Any, ensure_ascii: bool) -> str:
    """``json.dumps(value, ensure_ascii=...)``, with each :class:`_Number` written as its own text."""
    if isinstance(value, _Number):
        return value.text
    if isinstance(value, (dict, list)):
        try:  # most values hold no number: let the C encoder do them whole
            return json.dumps(value, ensure_ascii=ensure_ascii)
        except TypeError:
            pass
        if isinstance(value, dict):
            pairs = (f"{json.dumps(key, ensure_ascii=ensure_ascii)}: {_dumps(item, ensure_ascii)}" for key, item in value.items())
            return "{" + ", ".join(pairs) + "}"
        return "[" + ", ".join(_dumps(item, ensure_ascii) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ensure_ascii)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_TYPES.get(type(value), type(value).__name__)
