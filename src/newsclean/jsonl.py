"""JSON Lines records, as ``newsclean --jsonl`` and :mod:`newsclean.dask` clean them.

:func:`clean_record` returns a copy of a parsed record with one string field
cleaned and every other key kept in its order; with ``removals=True`` it adds
``newsclean_removals`` (:data:`REMOVALS_KEY`). A record that cannot be cleaned
(not an object, no such field, a field that is not a string) raises
:class:`RecordError`; the caller decides whether to pass it through, skip it or stop::

    import json
    import sys

    from newsclean.jsonl import RecordError, clean_record

    for line in open("pages.jsonl", encoding="utf-8"):
        try:
            print(json.dumps(clean_record(json.loads(line), field="text"), ensure_ascii=False))
        except RecordError as error:
            print(f"bad record: {error}", file=sys.stderr)
"""

from __future__ import annotations

from newsclean._jsonl import REMOVALS_KEY, RecordError, clean_record

__all__ = ["REMOVALS_KEY", "RecordError", "clean_record"]
