"""The ``newsclean`` command: a thin Unix filter over :func:`newsclean.clean`.

Exit codes: 0 success; 1 an input could not be cleaned or a JSON Lines
record was bad (every other input is still written); 2 a usage error (bad
option, unknown rule, bad config file, output would overwrite an input);
130 interrupted (Ctrl-C); 129 and 143 stopped by SIGHUP and SIGTERM; 141 the
reader of the output went away (``| head``).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import difflib
import json
import os
import signal
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager as ContextManager
from contextlib import nullcontext
from typing import Any, BinaryIO, NamedTuple

import newsclean
from newsclean import _io, _pipeline
from newsclean._batch import Progress, WorkerDied, Workers
from newsclean._config import BUILTIN_RULE_NAMES, Config
from newsclean._passes import HEURISTICS
from newsclean._rulebook import KINDS, RULES
from newsclean._sites import SiteModel, site_view

PROG = "newsclean"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141
EXIT_SIGNAL_BASE = 128  # stopped by signal N: exit 128 + N, as a shell reports it
STDIN = "-"
EXCERPT_CHARS = 72  # characters of removed text shown per --explain entry
JSONL_CHUNK = 64  # records sent to a worker at a time with --jobs
MAX_FILE_CHUNK = 16  # documents sent to a worker at a time with --jobs

STDOUT_LAYOUT, FILE_LAYOUT, DIR_LAYOUT, IN_PLACE_LAYOUT = "stdout", "file", "dir", "in-place"
# Started with `<&-` or `>&-`, the interpreter has no sys.stdin / sys.stdout at all.
_STDIN_CLOSED = "standard input is closed"
_STDOUT_CLOSED = "standard output is closed; give an output with -o"


class UsageError(Exception):
    """A command line that cannot run; reported in one line with exit code 2."""


class Options(NamedTuple):
    """What a worker process needs to clean one input (pickled once per worker)."""

    config: Config
    mode: str  # "auto", "text" or "html"
    encoding: str
    errors: str
    explain: str | None  # None, "text" or "json"
    field: str
    removals: bool
    on_error: str
    output_encoding: str
    sites: SiteModel | None = None  # the site model, if any
    site_key: str | None = None  # the JSON Lines field naming each record's site
    site: str | None = None  # the site all the files are pages of


class DocResult(NamedTuple):
    output: bytes | None
    error: str | None = None
    explain: str | None = None
    warnings: tuple[str, ...] = ()


# --- the command line ---------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Strip boilerplate (tickers, ad markers, share buttons, copyright footers, menus...) "
        "from scraped news articles and keep the article. Reads FILEs (or standard input) and writes "
        "the cleaned text to standard output.",
        epilog="Exit status: 0 ok; 1 some input failed or a JSON Lines record was bad (the others are "
        "still written); 2 usage error; 130 interrupted; 143 terminated (129 hung up); 141 output pipe closed.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="input files; none or '-' means standard input")
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {newsclean.__version__}")

    out = parser.add_argument_group("output")
    out.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write to PATH instead of standard output; PATH is a directory (one output per input, same "
        "base name) if it is an existing directory, ends with '/', or several FILEs are given",
    )
    out.add_argument("--in-place", action="store_true", help="clean each FILE in place (atomically)")
    out.add_argument("--explain", action="store_true", help="tell on stderr what was removed, where and by which rule")
    out.add_argument(
        "--explain-format",
        choices=("text", "json"),
        help="text: for people (the default of --explain); json: one JSON object per input on one line of "
        "stderr, for programs (implies --explain)",
    )
    out.add_argument(
        "--output-encoding",
        default="utf-8",
        metavar="ENC",
        help="encoding of the cleaned text (default utf-8, whatever the input's encoding)",
    )

    rules = parser.add_argument_group("rules")
    rules.add_argument("--list-rules", action="store_true", help="list the built-in rules by kind and exit")
    rules.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="NAME",
        help="switch off a kind (e.g. 'ad') or a rule (e.g. 'share-prompt'); a kind wins when a name is both; "
        "repeatable, comma-separated lists accepted",
    )
    rules.add_argument("--disable-rule", action="append", default=[], metavar="RULE", help="switch off one rule")
    rules.add_argument("--disable-kind", action="append", default=[], metavar="KIND", help="switch off a whole kind")
    presets = rules.add_mutually_exclusive_group()
    presets.add_argument(
        "--preset",
        choices=newsclean.PRESETS,
        help="balanced (default); precision: remove more boilerplate; recall: keep all balanced keeps, and subheadings",
    )
    presets.add_argument(
        "--favor-precision", dest="preset", action="store_const", const="precision", help="= --preset precision"
    )
    presets.add_argument(
        "--favor-recall", dest="preset", action="store_const", const="recall", help="= --preset recall"
    )
    rules.add_argument("--no-heuristics", action="store_true", help="run only the named rules, not the text heuristics")
    rules.add_argument(
        "--language", metavar="CODE", help="language of the text: ISO 639-1 (en, de...) or a jusText stoplist name (English); default: detect"
    )
    rules.add_argument(
        "--config",
        metavar="FILE",
        help="read options from a TOML file; options given on the command line add to or override it",
    )
    rules.add_argument(
        "--max-line-length",
        type=_positive,
        metavar="CHARS",
        help="longer lines are kept as they are, without running rules on them (default 20000)",
    )
    rules.add_argument(
        "--max-document-size",
        type=_positive,
        metavar="CHARS",
        help="longer texts are passed through unchanged, with a warning (default 50000000)",
    )

    inp = parser.add_argument_group("input")
    kind = inp.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="mode", action="store_const", const="html", help="inputs are HTML pages")
    kind.add_argument("--text", dest="mode", action="store_const", const="text", help="inputs are plain text")
    inp.add_argument(
        "--encoding",
        default="utf-8",
        metavar="ENC",
        help="encoding of text inputs (default utf-8); a byte-order mark (UTF-8, UTF-16, UTF-32) decides by itself",
    )
    inp.add_argument(
        "-r", "--recursive", action="store_true", help="a directory among the FILEs means every file under it"
    )
    inp.add_argument(
        "--files-from",
        metavar="LIST",
        help="read the names of the inputs from LIST, one per line ('-': standard input), after the FILEs",
    )
    inp.add_argument(
        "--errors",
        choices=("strict", "replace"),
        default="strict",
        help="undecodable bytes: strict (default) refuses the file; replace puts U+FFFD in their place",
    )

    jsonl = parser.add_argument_group("JSON Lines")
    jsonl.add_argument("--jsonl", action="store_true", help="inputs are JSON Lines; clean one string field per record")
    jsonl.add_argument("--field", default="text", help="the field to clean (default: text)")
    jsonl.add_argument("--removals", action="store_true", help="add the key newsclean_removals to each record")
    jsonl.add_argument(
        "--on-error",
        choices=("pass", "skip", "fail"),
        default="pass",
        help="a bad record is reported on stderr and passed through unchanged (pass, default), dropped (skip), "
        "or stops the run (fail); any bad record makes the exit status 1",
    )

    sites = parser.add_argument_group(
        "site model",
        "lines that stand on many pages of the same site (menus, footers, promos) go too: the model of each site "
        "is learned from the whole input first (so the input is read twice; standard input is kept in a "
        "temporary file meanwhile), then every page is cleaned with it",
    )
    sites.add_argument(
        "--site-key",
        metavar="FIELD",
        help="with --jsonl: the field naming each record's site, a URL (its host is the site) or a name; "
        "a record without a string there is cleaned alone",
    )
    sites.add_argument(
        "--site", metavar="NAME", help="without --jsonl: the FILEs are pages of the one site NAME (HTML pages are cleaned alone)"
    )
    sites.add_argument(
        "--sites",
        metavar="FILE",
        help="clean with the site model saved in FILE (by --save-sites) instead of learning one from the input",
    )
    sites.add_argument(
        "--save-sites",
        metavar="FILE",
        help="save the model learned from the input to FILE (JSON, for --sites), before cleaning starts",
    )

    batch = parser.add_argument_group("batch")
    batch.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="use N processes (0: one per CPU); output order is input order",
    )
    parser.set_defaults(mode="auto")
    return parser


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return jobs or os.cpu_count() or 1


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {number}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous_handler = _io.install_interrupt_handler()
    try:
        if args.list_rules:
            if sys.stdout is None:
                raise _Abort(_STDOUT_CLOSED)
            _write_stdout(_list_rules().encode("utf-8"))
            return EXIT_OK
        try:
            config = make_config(args)
            inputs = _inputs(args)
            layout = _check_layout(args, inputs)
            saved_sites = _check_sites(args, config, inputs)
        except UsageError as error:
            _error(str(error))
            return EXIT_USAGE
        if layout == STDOUT_LAYOUT and sys.stdout is None:
            raise _Abort(_STDOUT_CLOSED)
        return _run(args, config, layout, inputs, saved_sites)
    except (_Abort, WorkerDied) as error:
        _message(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt as stop:
        _io.remove_temporaries()
        if isinstance(stop, _io.Stopped):
            _message(f"stopped by {signal.Signals(stop.signum).name}")
            return EXIT_SIGNAL_BASE + stop.signum
        _message("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _io.remove_temporaries()
        _silence_broken_pipe()
        return EXIT_BROKEN_PIPE
    except OSError as error:  # an output that cannot be written (disk full, no permission...)
        _io.remove_temporaries()
        where = f"{error.filename}: " if error.filename else ""
        _message(f"{where}{error.strerror or error}")
        return EXIT_FAILED
    finally:
        _io.remove_temporaries()
        _io.restore_interrupt_handler(previous_handler)


# --- configuration -------------------------------------------------------------


def make_config(args: argparse.Namespace) -> Config:
    """The Config the options describe: the --config file, then the command-line options over it."""
    config = _load_config_file(args.config) if args.config else Config()
    rule_names = set(BUILTIN_RULE_NAMES) | {rule.name for rule in config.extra_rules}
    rules, kinds = set(config.disabled_rules), set(config.disabled_kinds)
    for name in _names(args.disable):
        if name in KINDS:
            kinds.add(name)
        elif name in rule_names:
            rules.add(name)
        else:
            raise UsageError(f"--disable: no rule or kind named {name!r}{_suggest(name, set(KINDS) | rule_names)}")
    for name in _names(args.disable_rule):
        if name not in rule_names:
            raise UsageError(f"--disable-rule: no rule named {name!r}{_suggest(name, rule_names)}")
        rules.add(name)
    for name in _names(args.disable_kind):
        if name not in KINDS:
            raise UsageError(f"--disable-kind: no kind named {name!r}{_suggest(name, set(KINDS))}")
        kinds.add(name)
    changes: dict[str, Any] = {"disabled_rules": rules, "disabled_kinds": kinds}
    if args.preset is not None:
        changes["preset"] = args.preset
    if args.no_heuristics:
        changes["heuristics"] = False
    if args.language is not None:
        changes["language"] = args.language
    if args.max_line_length is not None:
        changes["max_line_length"] = args.max_line_length
    if args.max_document_size is not None:
        changes["max_document_size"] = args.max_document_size
    try:
        return config._replace(**changes)  # the library's own checks: "language: unknown language 'xx'; ..."
    except (TypeError, ValueError) as error:
        raise UsageError(str(error)) from None


def _load_config_file(path: str) -> Config:
    # Read, not tested with isfile(): `--config <(...)` is a pipe (/dev/fd/63).
    try:
        return newsclean.load_config(path)
    except newsclean.ConfigError as error:
        raise UsageError(f"--config: {error}") from None


def _names(values: Sequence[str]) -> Iterator[str]:
    for value in values:
        yield from (name.strip() for name in value.split(",") if name.strip())


def _suggest(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=3)
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    return hint + " (see newsclean --list-rules)"


def _list_rules() -> str:
    out: list[str] = []
    named = [(rule.name, rule.kind, rule.description) for rule in RULES] + list(HEURISTICS)
    width = max(len(name) for name, _, _ in named)
    for kind, description in KINDS.items():
        out.append(f"{kind}: {description}")
        for name, rule_kind, rule_description in named:
            if rule_kind == kind:
                out.append(f"  {name:<{width}}  {rule_description}")
        out.append("")
    return "\n".join(out)


# --- what the inputs are -------------------------------------------------------------


class Input(NamedTuple):
    path: str  # as given, or found under a directory given with -r; "-" is standard input
    name: str  # its output's name in an output directory: the base name, or the path below that directory
    walked: bool = False  # found under a directory given with -r


def _inputs(args: argparse.Namespace) -> list[Input]:
    """The FILEs, then the --files-from list; directories expanded with -r; standard input if nothing is named."""
    paths: list[str] = list(args.files)
    if args.files_from is not None:
        if args.files_from == STDIN and STDIN in paths:
            raise UsageError("standard input cannot hold both the --files-from list and an input")
        paths += _read_list(args.files_from)
    elif not paths:
        paths = [STDIN]
    inputs: list[Input] = []
    for path in paths:
        if args.recursive and path != STDIN and os.path.isdir(path):
            inputs.extend(_walk(path))
        else:
            inputs.append(Input(path, _base_name(path)))
    return inputs


def _read_list(source: str) -> list[str]:
    try:
        raw = _stdin_stream().read() if source == STDIN else _io.read_bytes(source)
    except _io.InputError as error:
        raise UsageError(f"--files-from: {source}: {error}") from None
    # File names are bytes on POSIX: decode them as the OS does, so any name round-trips.
    return [os.fsdecode(line.rstrip(b"\r")) for line in raw.split(b"\n") if line.rstrip(b"\r")]


def _walk(directory: str) -> list[Input]:
    """Every file under *directory* in name order, except hidden ones (and newsclean's own temporaries)."""

    def refuse(error: OSError) -> None:
        raise UsageError(f"{error.filename}: cannot read the directory: {error.strerror or error}")

    found: list[Input] = []
    for root, dirs, files in os.walk(directory, onerror=refuse):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = os.path.join(root, name)
                found.append(Input(path, os.path.relpath(path, directory), walked=True))
    return found


def _base_name(path: str) -> str:
    return os.path.basename(path.rstrip("/" + os.sep))


# --- where the output goes --------------------------------------------------------


def _check_layout(args: argparse.Namespace, inputs: list[Input]) -> str:
    """Decide where outputs go and refuse anything that would overwrite an input."""
    paths = [item.path for item in inputs]
    if paths.count(STDIN) > 1:
        raise UsageError("standard input ('-') can be read only once")
    if args.jsonl and (args.explain or args.explain_format):
        raise UsageError("--explain does not apply to --jsonl; use --removals")
    if args.jsonl and args.output_encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UsageError("--output-encoding does not apply to --jsonl: JSON Lines are always UTF-8")
    if not args.jsonl and (args.removals or args.field != "text"):
        raise UsageError("--removals and --field apply only to --jsonl")
    if args.removals and args.mode == "html":
        raise UsageError("--removals is not available for HTML input")
    try:
        codecs.lookup(args.output_encoding)
    except LookupError:
        raise UsageError(f"--output-encoding: unknown encoding {args.output_encoding!r}") from None
    if args.in_place:
        if args.output is not None:
            raise UsageError("--in-place and --output exclude each other")
        if STDIN in paths:
            raise UsageError("--in-place needs FILEs, not standard input")
        return IN_PLACE_LAYOUT
    if args.output is None:
        return STDOUT_LAYOUT
    output: str = args.output
    as_dir = (
        os.path.isdir(output)
        or output.endswith(("/", os.sep))
        or len(inputs) > 1
        or any(item.walked for item in inputs)
    )
    if not as_dir:
        if any(path != STDIN and _io.same_file(output, path) for path in paths):
            raise UsageError(f"refusing to overwrite the input {output} (use --in-place)")
        return FILE_LAYOUT
    if os.path.exists(output) and not os.path.isdir(output):
        raise UsageError(f"{output} is not a directory (needed for several inputs)")
    if STDIN in paths:
        raise UsageError("standard input cannot be written to an output directory")
    seen: dict[str, str] = {}
    for item in inputs:
        if item.name in seen and not _io.same_file(seen[item.name], item.path):
            target = os.path.join(output, item.name)
            raise UsageError(f"{seen[item.name]} and {item.path} would both be written to {target}")
        seen[item.name] = item.path
        if _io.same_file(os.path.join(output, item.name), item.path):
            raise UsageError(f"refusing to overwrite the input {item.path} (use --in-place)")
    return DIR_LAYOUT


def _target(layout: str, output: str | None, item: Input) -> str:
    if layout == IN_PLACE_LAYOUT:
        return os.path.realpath(item.path)  # through a symlink: rewrite the file it points to, keep the link
    assert output is not None
    target = os.path.join(output, item.name)
    if item.walked:
        os.makedirs(os.path.dirname(target), exist_ok=True)  # the input's subdirectory, mirrored
    return target


def _check_sites(args: argparse.Namespace, config: Config, inputs: list[Input]) -> SiteModel | None:
    """Refuse site-model options that cannot work together; the model --sites names, loaded."""
    if args.site_key is not None and not args.jsonl:
        raise UsageError("--site-key names a field of JSON Lines records (--jsonl); for files give --site NAME")
    if args.site is not None and args.jsonl:
        raise UsageError("--site applies to files; with --jsonl give --site-key FIELD")
    if args.site is not None and not args.site.strip():
        raise UsageError("--site: the site's name is empty")
    keyed = args.site_key is not None or args.site is not None
    if not keyed:
        if args.sites is not None or args.save_sites is not None:
            raise UsageError("--sites and --save-sites need the pages' site: --site-key FIELD (JSON Lines) or --site NAME (files)")
        return None
    if args.sites is not None and args.save_sites is not None:
        raise UsageError("--save-sites saves the model learned from the input, and with --sites none is learned")
    if args.mode == "html":
        raise UsageError("the site model cleans text; it does not apply to --html")
    if not config.heuristics:
        raise UsageError("the site model works with the heuristics, which --no-heuristics (or the config) switches off")
    if args.save_sites is not None:
        if os.path.isdir(args.save_sites):
            raise UsageError(f"--save-sites {args.save_sites} is a directory; give a file name")
        taken = [(item.path, "the input") for item in inputs if item.path != STDIN]
        taken += [(args.output, "the output")] if args.output is not None else []
        for path, what in taken:
            if _io.same_file(args.save_sites, path):
                raise UsageError(f"--save-sites {args.save_sites} would overwrite {what} {path}")
    if args.sites is None:
        return None
    try:
        return SiteModel.load(args.sites)
    except OSError as error:
        raise UsageError(f"--sites: {args.sites}: {error.strerror or error}") from None
    except ValueError as error:
        raise UsageError(f"--sites: {args.sites}: {error}") from None


# --- running -----------------------------------------------------------------------


def _run(args: argparse.Namespace, config: Config, layout: str, inputs: list[Input], saved_sites: SiteModel | None) -> int:
    explain = args.explain_format or ("text" if args.explain else None)
    options = Options(
        config,
        args.mode,
        args.encoding,
        args.errors,
        explain,
        args.field,
        args.removals,
        args.on_error,
        args.output_encoding,
    )
    batch = args.jsonl or len(inputs) > 1
    show_progress = batch and (layout != STDOUT_LAYOUT or not _isatty(sys.stdout)) and _isatty(sys.stderr)
    # Standard input is read before the outputs are opened: for the site model, and so that a document read
    # whole from it is cleaned like any file.
    stdin: BinaryIO | bytes | None = None
    with contextlib.ExitStack() as cleanup:
        if args.jsonl:
            if args.site_key is not None:
                model = saved_sites
                if model is None:
                    # An unnamed temporary file: gone with the process, whatever stops it.
                    spool = None
                    if any(item.path == STDIN for item in inputs):
                        spool = cleanup.enter_context(tempfile.TemporaryFile(prefix="newsclean-stdin-"))
                    model, spooled = _learn_jsonl(inputs, args, spool, show_progress)
                    stdin = spool if spooled else None
                options = options._replace(sites=model, site_key=args.site_key)
        else:
            stdin = _read_stdin() if any(item.path == STDIN for item in inputs) else None
            if args.site is not None:
                model = saved_sites or _learn_documents(inputs, options, args.site, stdin)
                options = options._replace(sites=model, site=args.site)
        if options.sites is not None and saved_sites is None:
            if not options.sites.sites:
                _message("warning: no page named its site: the site model learned nothing")
            if args.save_sites is not None:
                options.sites.save(args.save_sites)
        return _clean_all(args, options, layout, inputs, stdin, show_progress)


def _clean_all(
    args: argparse.Namespace, options: Options, layout: str, inputs: list[Input], stdin: Any, show_progress: bool
) -> int:
    if layout == DIR_LAYOUT:
        os.makedirs(args.output, exist_ok=True)
    shared: ContextManager[BinaryIO]
    if layout == STDOUT_LAYOUT:
        shared = nullcontext(sys.stdout.buffer)
    elif layout == FILE_LAYOUT:
        shared = _io.atomic_writer(args.output)
    else:
        shared = nullcontext(None)  # type: ignore[arg-type]
    runner = _run_jsonl if args.jsonl else _run_documents
    try:
        with shared as out:
            outcome = runner(inputs, options, layout, args, out, show_progress, stdin)
            if layout == FILE_LAYOUT and outcome.inputs_failed:
                raise _KeepOutput  # the one input failed: an existing -o file stays as it was
    except _KeepOutput:
        pass
    if outcome.summary:
        _message(outcome.summary)
    return EXIT_FAILED if outcome.failed else EXIT_OK


class _Outcome(NamedTuple):
    failed: bool  # an input failed or a record was bad: exit status 1
    inputs_failed: int
    summary: str  # a closing line for stderr, or ''


class _KeepOutput(Exception):
    """Leave the -o file untouched: raised inside its writer, which then discards what it wrote."""


def _run_documents(
    inputs: list[Input],
    options: Options,
    layout: str,
    args: argparse.Namespace,
    out: BinaryIO | None,
    show_progress: bool,
    stdin: bytes | None,
) -> _Outcome:
    """Clean whole documents (one per input, *stdin* the bytes of standard input), writing each output as soon as it is ready."""
    items = [(item.path, stdin if item.path == STDIN else None) for item in inputs]
    failures = 0
    chunk = max(1, min(MAX_FILE_CHUNK, len(items) // (args.jobs * 4)))
    jobs = args.jobs if len(items) > 1 else 1
    with (
        Progress(len(items), "file", enabled=show_progress) as progress,
        Workers(clean_document, options, jobs, chunk, weigh=_document_size, warm=warm_worker) as workers,
    ):
        for item, result in zip(inputs, workers.map(items)):
            label = _label(item.path)
            for warning in result.warnings:
                progress.write(f"{PROG}: {label}: warning: {warning}\n")
            if result.error is not None or result.output is None:
                failures += 1
                progress.write(f"{PROG}: {label}: {result.error}\n")
            else:
                if result.explain is not None:
                    progress.write(result.explain)
                if out is not None:
                    write_all(out, result.output)
                    out.flush()
                else:
                    target = _target(layout, args.output, item)
                    try:
                        if layout == IN_PLACE_LAYOUT:
                            _io.check_in_place(target)
                        with _io.atomic_writer(target, mode_from=item.path if layout == IN_PLACE_LAYOUT else None) as handle:
                            write_all(handle, result.output)
                    except _io.InputError as error:
                        failures += 1
                        progress.write(f"{PROG}: {label}: {error}\n")
                    except OSError as error:
                        failures += 1
                        progress.write(f"{PROG}: {target}: cannot write: {error.strerror or error}\n")
            progress.update()
    # With one input its own error line says it all.
    return _Outcome(bool(failures), failures, f"{failures} of {len(items)} inputs failed" if failures and len(items) > 1 else "")


# Enough words of prose for the language guess: cleaning it builds what every page needs (compiled
# rules, stoplists), once per worker process instead of on its first chunk.
_WARM_TEXT = (
    "The council approved the budget on Tuesday after a long debate, and officials said that the new rules\n"
    "would take effect in March, when the first of the payments is due to be made to the schools.\n"
)


def warm_worker(options: Options) -> None:
    """Build the cleaning state for *options* before the first input (runs once per worker)."""
    newsclean.clean(_WARM_TEXT, options.config)


def _document_size(item: tuple[str, bytes | None]) -> int:
    path, data = item
    if data is not None:
        return len(data)
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # the worker reports why it cannot be read


def _line_size(item: tuple[int, bytes]) -> int:
    return len(item[1])


def clean_document(options: Options, item: tuple[str, bytes | None]) -> DocResult:
    """Read, decode and clean one input; never raises for a bad input (runs in workers)."""
    path, data = item
    label = _label(path)
    try:
        if data is None:
            if path == STDIN:
                raise _io.InputError(_STDIN_CLOSED)
            data = _io.read_bytes(path)
        if not data:
            return DocResult(b"")
        text = _decoded(options, path, data)
        if isinstance(text, _HtmlPage):
            return _clean_html(options, label, text.page)
        site = site_view(options.sites, options.site)
        explained = _pipeline.run(text, options.config, explain=bool(options.explain), site=site)
        explain = None
        if options.explain == "json":
            explain = explain_json(label, "text", text, explained.removals, explained.warnings)
        elif options.explain:
            explain = format_explain(label, text, explained.removals)
        return DocResult(_encode(options, explained.text), None, explain, explained.warnings)
    except _io.InputError as error:
        return DocResult(None, str(error))
    except UnicodeEncodeError as error:
        return DocResult(None, f"the cleaned text cannot be written as {error.encoding} ({error.reason})")
    except Exception as error:  # noqa: BLE001 -- a library bug must cost one input, not the rest of the batch
        return DocResult(None, f"internal error, please report it ({type(error).__name__}: {error})")


class _HtmlPage(NamedTuple):
    page: bytes | str


def _decoded(options: Options, path: str, data: bytes) -> str | _HtmlPage:
    """An input's text, or its page for the HTML extractor; :class:`_io.InputError` if it cannot be read."""
    # A byte-order mark names the encoding. UTF-16 and UTF-32 text is full of NUL bytes: it is
    # looked at for NUL characters once decoded.
    bom = _io.bom_encoding(data)
    text = None
    if bom is None:
        _io.check_not_binary(data)
    else:
        text = _io.decode(data, bom, options.errors)
        _io.check_not_binary_text(text)
    if options.mode == "html" or (
        options.mode == "auto"
        and _io.looks_like_html(
            None if path == STDIN else path, data if text is None else text[: _io.HTML_PROBE].encode("utf-8")
        )
    ):
        return _HtmlPage(data if text is None else text)
    return _io.decode(data, options.encoding, options.errors) if text is None else text


def _encode(options: Options, text: str) -> bytes:
    return text.encode(options.output_encoding, "replace" if options.errors == "replace" else "strict")


def _clean_html(options: Options, label: str, page: bytes | str) -> DocResult:
    from newsclean._html import _clean  # the explaining path without the page-text comparison unless asked

    # Without an explicit --encoding the page's own charset declaration decides.
    if isinstance(page, bytes) and options.encoding.lower().replace("_", "-") != "utf-8":
        page = _io.decode(page, options.encoding, options.errors)
    try:
        result = _clean(page, options.config, explain=options.explain is not None)
    except Exception as error:  # noqa: BLE001 -- a page the extractor chokes on is one bad input, not a crash
        return DocResult(None, f"HTML extraction failed ({type(error).__name__}: {error})")
    explain = None
    if options.explain == "json":
        explain = explain_json(
            label, "html", result.extracted, result.removals, result.warnings, result.dropped_by_extractor
        )
    elif options.explain:
        explain = format_explain(
            label, result.extracted, result.removals, " from the extracted text (line numbers of that text)"
        ) + format_dropped(label, result.dropped_by_extractor)
    return DocResult(_encode(options, result.text), None, explain, result.warnings)


def _run_jsonl(
    inputs: list[Input],
    options: Options,
    layout: str,
    args: argparse.Namespace,
    out: BinaryIO | None,
    show_progress: bool,
    stdin: BinaryIO | None,
) -> _Outcome:
    """Clean JSON Lines inputs record by record, streaming (standard input from *stdin* if it was kept)."""
    bad_files = bad_records = 0
    with (
        Progress(None, "record", enabled=show_progress) as progress,
        Workers(clean_jsonl_line, options, args.jobs, JSONL_CHUNK, weigh=_line_size, warm=warm_worker) as workers,
    ):
        for item in inputs:
            path = item.path
            label = _label(path)
            try:
                if layout == IN_PLACE_LAYOUT:
                    _io.check_in_place(path)
                stream: Any = (stdin or _stdin_stream()) if path == STDIN else _open_jsonl(path)
            except _io.InputError as error:
                bad_files += 1
                progress.write(f"{PROG}: {label}: {error}\n")
                continue
            with stream if path != STDIN else nullcontext(stream):
                target_cm: ContextManager[BinaryIO] = (
                    nullcontext(out)
                    if out is not None
                    else _io.atomic_writer(
                        _target(layout, args.output, item), mode_from=path if layout == IN_PLACE_LAYOUT else None
                    )
                )
                with target_cm as target:
                    lines = ((number, line) for number, line in enumerate(stream, 1))
                    for number, output, problem in workers.map(lines):
                        if problem is not None:
                            bad_records += 1
                            action = {"pass": "passed through unchanged", "skip": "skipped", "fail": "stopping"}
                            progress.write(f"{PROG}: {label}:{number}: bad record: {problem}; {action[options.on_error]}\n")
                            if options.on_error == "fail":
                                raise _Abort(f"stopped at the bad record on line {number} of {label}")
                        if output is not None:
                            write_all(target, output)
                            if layout == STDOUT_LAYOUT:  # a reader downstream gets each record at once
                                target.flush()
                        progress.update()
    parts = []
    if bad_records:
        parts.append(f"{bad_records} bad record{'s' if bad_records != 1 else ''}")
    if bad_files and len(inputs) > 1:
        parts.append(f"{bad_files} of {len(inputs)} inputs failed")
    return _Outcome(bool(bad_records or bad_files), bad_files, "; ".join(parts))


class _Abort(Exception):
    pass


# --- learning the site model (the first of two passes) -----------------------------------------


def _learn_jsonl(
    inputs: list[Input], args: argparse.Namespace, spool: BinaryIO | None, show_progress: bool
) -> tuple[SiteModel, bool]:
    """The model of the records' sites, and whether standard input was read (and kept in *spool* for the
    cleaning pass)."""
    from newsclean._jsonl import page_of_line

    model = SiteModel()
    spooled = False
    with Progress(None, "record", enabled=show_progress) as progress:
        for item in inputs:
            try:
                source = _stdin_stream() if item.path == STDIN else _open_jsonl(item.path)
            except _io.InputError:
                continue  # the cleaning pass reports it
            spooled = spooled or item.path == STDIN
            with nullcontext(source) if item.path == STDIN else source:
                for number, raw in enumerate(source, 1):
                    if item.path == STDIN and spool is not None:
                        write_all(spool, raw)
                    line = raw.rstrip(b"\r\n")
                    if number == 1:
                        line = line.removeprefix(b"\xef\xbb\xbf")
                    page = page_of_line(line, args.field, args.site_key)
                    if page is not None:
                        model.update((page,))
                    progress.update()
    if spool is not None:
        spool.seek(0)
    return model, spooled


def _learn_documents(inputs: list[Input], options: Options, site: str, stdin: bytes | None) -> SiteModel:
    """The model of the one site all the text inputs belong to (HTML pages and unreadable inputs are left out)."""
    model = SiteModel()
    for item in inputs:
        try:
            data = stdin if item.path == STDIN else _io.read_bytes(item.path)
            text = _decoded(options, item.path, data) if data else None
        except _io.InputError:
            continue  # the cleaning pass reports it
        if isinstance(text, str):
            model.update(((site, text),))
    return model


def _open_jsonl(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise _io.InputError("no such file") from None
    except IsADirectoryError:
        raise _io.InputError(_io.IS_A_DIRECTORY) from None
    except OSError as error:
        raise _io.InputError(error.strerror or str(error)) from None


def clean_jsonl_line(options: Options, item: tuple[int, bytes]) -> tuple[int, bytes | None, str | None]:
    """Clean one JSON Lines line: ``(line number, output line or None, error or None)`` (runs in workers)."""
    from newsclean._jsonl import clean_line

    number, raw = item
    line = raw.rstrip(b"\r\n")
    if number == 1 and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if not line.strip():
        return number, None, None  # a blank line holds no record
    try:
        output, error = clean_line(
            line, options.field, options.config, options.removals, options.mode == "html", options.sites, options.site_key
        )
    except Exception as problem:  # noqa: BLE001 -- a library bug must cost one record (kept as it was), not the run
        output, error = None, f"internal error, please report it ({type(problem).__name__}: {problem})"
    if error is not None:
        # A bad record is passed through byte for byte, with a newline even if the input lacked one.
        return number, (line + b"\n" if options.on_error == "pass" else None), error
    assert output is not None
    return number, output + b"\n", None


# --- explaining ----------------------------------------------------------------------


def format_explain(label: str, text: str, removals: Sequence[newsclean.Removal], of: str = "") -> str:
    """A person-readable account of *removals*: line numbers, rule, kind, reason and an excerpt."""
    count = len(removals)
    out = [f"{label}: {count} removal{'s' if count != 1 else ''}{of}"]
    starts = _line_starts(text)
    for removal in removals:
        first, last = _lines_of(starts, removal)
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        out.append(f"  {where:<13} {removal.rule} ({removal.kind}): {removal.reason}")
        out.append(f"  {'':<13} | {_excerpt(removal.text)}")
    return "\n".join(out) + "\n"


def format_dropped(label: str, blocks: Sequence[str]) -> str:
    """The page's text blocks the HTML extractor left out, apart from newsclean's own removals."""
    count = len(blocks)
    out = [f"{label}: {count} text block{'s' if count != 1 else ''} of the page left out by the extractor (trafilatura)"]
    out.extend(f"  | {_excerpt(block)}" for block in blocks)
    return "\n".join(out) + "\n"


def explain_json(
    label: str,
    source: str,
    text: str,
    removals: Sequence[newsclean.Removal],
    warnings: Sequence[str],
    dropped: Sequence[str] | None = None,
) -> str:
    """One input's removals as one line of JSON (``--explain-format json``); offsets and lines are of *text*."""
    starts = _line_starts(text)
    entries = []
    for removal in removals:
        first, last = _lines_of(starts, removal)
        entries.append(
            {
                "start": removal.start,
                "end": removal.end,
                "first_line": first,
                "last_line": last,
                "rule": removal.rule,
                "kind": removal.kind,
                "reason": removal.reason,
                "text": removal.text,
            }
        )
    record: dict[str, Any] = {"input": label, "source": source, "removals": entries, "warnings": list(warnings)}
    if dropped is not None:
        record["dropped_by_extractor"] = list(dropped)
    return json.dumps(record, ensure_ascii=False) + "\n"


def _line_starts(text: str) -> list[int]:
    from newsclean._segment import split_lines

    return [line.start for line in split_lines(text)]


def _lines_of(starts: list[int], removal: newsclean.Removal) -> tuple[int, int]:
    """The 1-based first and last line a removal touches."""
    from bisect import bisect_right

    return bisect_right(starts, removal.start), bisect_right(starts, max(removal.start, removal.end - 1))


def _excerpt(text: str) -> str:
    flat = " / ".join(part.strip() for part in text.splitlines() if part.strip())
    flat = "".join(ch if ch.isprintable() else " " for ch in flat)
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"


# --- small helpers -------------------------------------------------------------------


def _stdin_stream() -> BinaryIO:
    if sys.stdin is None:
        raise _io.InputError(_STDIN_CLOSED)
    return sys.stdin.buffer


def _read_stdin() -> bytes | None:
    """Standard input's bytes, or ``None`` when it is closed."""
    return None if sys.stdin is None else sys.stdin.buffer.read()


def _label(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def write_all(stream: BinaryIO, data: bytes) -> None:
    """Write all of *data*: an unbuffered stream (``python -u``) may take only part of it per call."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        view = view[len(view) if written is None else written :]


def _write_stdout(data: bytes) -> None:
    write_all(sys.stdout.buffer, data)
    sys.stdout.flush()


def _write_stderr(text: str) -> None:
    if sys.stderr is None:  # started with 2>&-: the exit status alone tells
        return
    sys.stderr.write(text)
    sys.stderr.flush()


def _message(text: str) -> None:
    try:
        _write_stderr(f"{PROG}: {text}\n")
    except (OSError, ValueError):  # stderr gone (a hung-up terminal): the message must not become a traceback
        pass


def _error(text: str) -> None:
    _write_stderr(f"{PROG}: error: {text}\n")


def _silence_broken_pipe() -> None:
    """Point stdout/stderr at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass
