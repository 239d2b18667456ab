"""Clean JSON Lines past one machine with Dask (``pip install 'newsclean[dask]'``).

Records are treated exactly as ``newsclean --jsonl --field FIELD`` treats them
(the same per-record function, :func:`newsclean._jsonl.clean_line`): the field
is replaced by its cleaned text, every other key is kept in its order, and the
record is written with ``json.dumps(record, ensure_ascii=False)``::

    import dask.bag as db
    from distributed import Client, LocalCluster
    import newsclean.dask

    if __name__ == "__main__":  # the workers are new processes that import this file
        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1) as cluster, Client(cluster):
            lines = newsclean.dask.read_lines("pages/*.jsonl", blocksize="16MiB")
            newsclean.dask.write_lines(newsclean.dask.clean_lines(lines, field="text"), "clean/*.jsonl")

:func:`read_lines` and :func:`write_lines` are ``dask.bag.read_text`` and
``Bag.to_textfiles`` set up so that a line that is not UTF-8 reaches
:func:`clean_lines` as a bad record (passed through byte for byte, skipped or
failing, as ``on_error`` says, like the command line) instead of failing the
whole job when Dask decodes its block.

:func:`clean_bag` does the same for a bag of already parsed records. Both only
build the graph; nothing runs until the bag is computed or written. The
:class:`newsclean.Config` (with user rules) pickles to the workers; each worker
compiles the rules once and keeps them.

With a site model, as ``newsclean --jsonl --site-key url``: :func:`learn_sites`
learns each partition's sites and merges the partitions' models (counts of the
same site add up) into one delayed :class:`newsclean.SiteModel`, which
:func:`clean_lines` (or :func:`clean_bag`) takes as *sites*: it is computed
once and sent to every worker that needs it, and each record is cleaned with
its site's counts::

    sites = newsclean.dask.learn_sites(lines, field="text", site_key="url")
    cleaned = newsclean.dask.clean_lines(lines, field="text", sites=sites, site_key="url")

The output equals the command's, which learns the same counts in one pass
(unless a site's model is pruned to its ``max_lines`` most frequent lines,
which may then keep a few rare lines' counts differently).

This module imports Dask only for type checking: ``import newsclean`` never
loads it, and the functions only call methods of the bag they are given.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial, reduce
from typing import TYPE_CHECKING, Any

from newsclean._config import Config
from newsclean._jsonl import RecordError, clean_line, clean_record, page_of_line
from newsclean._sites import SiteModel

if TYPE_CHECKING:
    from dask.bag import Bag

__all__ = ["RecordError", "clean_bag", "clean_lines", "learn_sites", "read_lines", "write_lines"]

ON_ERROR = ("pass", "skip", "fail")


def read_lines(urlpath: Any, blocksize: Any = "16MiB", **kwargs: Any) -> Bag:
    """``dask.bag.read_text(urlpath, blocksize, ...)`` for :func:`clean_lines`: bytes that are not UTF-8 come
    through as surrogate escapes (``errors="surrogateescape"``) instead of failing the job."""
    import dask.bag as db

    return db.read_text(urlpath, blocksize=blocksize, encoding="utf-8", errors="surrogateescape", **kwargs)  # type: ignore[no-any-return,no-untyped-call]


def write_lines(bag: Bag, urlpath: Any, **kwargs: Any) -> Any:
    """Write the lines of :func:`clean_lines` to text files (``Bag.to_textfiles``, one file per partition,
    every line ending in a newline), each byte as it was read: a bad record passed through keeps the very
    bytes of its input line. Returns what ``to_textfiles`` returns."""
    return bag.map(_encode).to_textfiles(urlpath, encoding=None, last_endline=True, **kwargs)  # type: ignore[no-untyped-call]


def _encode(line: str) -> bytes:
    return line.encode("utf-8", "surrogateescape")


def learn_sites(bag: Bag, field: str = "text", site_key: str = "url", split_every: int | None = None) -> Any:
    """A bag of JSON Lines text lines (as :func:`read_lines` gives them) or of parsed records -> a delayed
    :class:`newsclean.SiteModel` (a ``dask.bag.Item``) of their sites, for :func:`clean_lines` and :func:`clean_bag`.

    A record is learned from when *field* and *site_key* hold strings (the site: a URL's host, or a name), as
    ``newsclean --jsonl --site-key SITE_KEY`` learns; every other line or record is left out. Each partition
    learns its own model and the models are merged, *split_every* at a time.
    """
    learn = partial(_learn_partition, field=field, site_key=site_key)
    return bag.reduction(learn, _merge_all, split_every=split_every)  # type: ignore[no-untyped-call]


def _learn_partition(items: Iterable[Any], field: str, site_key: str) -> SiteModel:
    model = SiteModel()
    for item in items:
        if isinstance(item, str):
            line = item.rstrip("\r\n")
            page = page_of_line(_encode(line), field, site_key) if line.strip() else None
        elif isinstance(item, dict):
            site, text = item.get(site_key), item.get(field)
            page = (site, text) if isinstance(site, str) and isinstance(text, str) else None
        else:
            page = None
        if page is not None:
            model.update((page,))
    return model


def _merge_all(models: Iterable[SiteModel]) -> SiteModel:
    return reduce(SiteModel.merge, models, SiteModel())


def _broadcast(sites: Any) -> Any:
    """A site model as one node of the graph (computed once, sent once to each worker), not copied into every task."""
    if sites is None or not isinstance(sites, SiteModel):
        return sites  # already a delayed value (learn_sites) or None
    from dask.delayed import delayed

    return delayed(sites, pure=True)


def clean_bag(
    bag: Bag,
    field: str = "text",
    config: Config | None = None,
    removals: bool = False,
    sites: Any = None,
    site_key: str | None = None,
) -> Bag:
    """A bag of records (dicts) -> a bag of cleaned records.

    A record that is not an object, lacks *field* or whose *field* is not a
    string raises :class:`newsclean.dask.RecordError` when the bag is computed.
    With *removals*, each record gets ``newsclean_removals`` as with
    ``newsclean --jsonl --removals``. With *sites* (a :class:`newsclean.SiteModel`
    or the delayed one of :func:`learn_sites`), each record's *site_key* field
    names its site, as with ``newsclean --jsonl --site-key``.
    """
    # Dask's Bag methods carry no annotations.
    clean = partial(clean_record, field=field, config=config, removals=removals, site_key=site_key)
    return bag.map(clean, sites=_broadcast(sites))  # type: ignore[no-any-return,no-untyped-call]


def clean_lines(
    bag: Bag,
    field: str = "text",
    config: Config | None = None,
    removals: bool = False,
    on_error: str = "pass",
    sites: Any = None,
    site_key: str | None = None,
) -> Bag:
    """A bag of JSON Lines text lines (as ``dask.bag.read_text`` gives them) -> a bag of output lines.

    Blank lines are dropped; a bad line (not UTF-8, not JSON, not an object, a
    duplicate key, no such string field) is passed through unchanged
    (``on_error="pass"``, as the command line does by default), dropped
    (``"skip"``) or raises :class:`RecordError` (``"fail"``). Read the lines with
    :func:`read_lines` so that bytes that are not UTF-8 reach this function, and
    write them with :func:`write_lines` (output lines have no newline). With *sites*
    (the delayed model of :func:`learn_sites`, or a :class:`newsclean.SiteModel`),
    each record's *site_key* field names its site, as with ``newsclean --jsonl
    --site-key``.
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}, not {on_error!r}")
    clean = partial(_clean_text_line, field=field, config=config, removals=removals, on_error=on_error, site_key=site_key)
    return bag.map(clean, sites=_broadcast(sites)).filter(_is_output)  # type: ignore[no-any-return,no-untyped-call]


def _clean_text_line(
    line: str,
    field: str,
    config: Config | None,
    removals: bool,
    on_error: str,
    sites: SiteModel | None = None,
    site_key: str | None = None,
) -> str | None:
    line = line.rstrip("\r\n")
    if not line.strip():
        return None
    # Bytes that were not UTF-8 come as surrogate escapes (read_lines): turned back into those bytes, the
    # line is judged as the command line judges it.
    output, error = clean_line(_encode(line), field, config, removals, sites=sites, site_key=site_key)
    if error is None:
        assert output is not None
        return output.decode("utf-8")
    if on_error == "fail":
        raise RecordError(error)
    return line if on_error == "pass" else None


def _is_output(line: Any) -> bool:
    return line is not None
