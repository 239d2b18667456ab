"""JSON Lines records: clean one string field, keep everything else.

:func:`clean_record` is the per-record rule shared by the command line
(``newsclean --jsonl``) and the Dask integration, so both treat a record the
same way: every other key is kept, in its order; a record that cannot be
cleaned raises :class:`RecordError` (the caller decides whether to pass it
through, skip it or stop).
"""

from __future__ import annotations

import json
from typing import Any

from newsclean._config import Config

REMOVALS_KEY = "newsclean_removals"

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
}


class RecordError(ValueError):
    """A record that cannot be cleaned: not an object, no such field, or the field is not a string."""


def clean_record(
    record: Any,
    field: str = "text",
    config: Config | None = None,
    removals: bool = False,
    html: bool = False,
) -> dict[str, Any]:
    """Return a copy of *record* with ``record[field]`` cleaned.

    Key order is kept. With *removals*, the key ``newsclean_removals`` is added:
    a list of ``{"start", "end", "rule", "kind", "text"}`` (offsets are
    character offsets into the original field value). With *html*, the field
    holds HTML and is cleaned with :func:`newsclean.clean_html` (no removals
    are available then). Raises :class:`RecordError` for a record that cannot
    be cleaned.
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
    from newsclean import clean_and_explain

    explained = clean_and_explain(value, config)
    result[field] = explained.text
    if removals:
        result[REMOVALS_KEY] = [
            {"start": r.start, "end": r.end, "rule": r.rule, "kind": r.kind, "text": r.text} for r in explained.removals
        ]
    return result


def clean_line(
    line: bytes,
    field: str,
    config: Config | None,
    removals: bool = False,
    html: bool = False,
) -> tuple[bytes | None, str | None]:
    """Clean one JSON Lines line (without its newline): ``(output, None)`` or ``(None, why it is bad)``."""
    try:
        record = json.loads(line)
    except UnicodeDecodeError as error:
        return None, f"not valid UTF-8 at byte offset {error.start} of the line"
    except ValueError as error:
        return None, f"not JSON ({error})"
    try:
        cleaned = clean_record(record, field, config, removals, html)
    except RecordError as error:
        return None, str(error)
    try:
        return json.dumps(cleaned, ensure_ascii=False).encode("utf-8"), None
    except UnicodeEncodeError:
        # A lone surrogate (legal as a JSON escape) has no UTF-8 form: keep it escaped.
        return json.dumps(cleaned).encode("ascii"), None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_TYPES.get(type(value), type(value).__name__)
