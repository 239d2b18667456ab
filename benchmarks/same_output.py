"""Whether this checkout cleans every dev text exactly as an earlier commit does.

    python benchmarks/same_output.py --against REV [--corpora DIR] [--limit N]

Runs both versions (this checkout's ``src/`` and REV's, exported with ``git archive``) over every page
of ``aeb-dev.jsonl`` and ``traf-dev.jsonl``, both converters' texts (``scraped.inscriptis`` and
``scraped.html_text``), under the three presets, each version in its own subprocess, and compares the
cleaned text and the removals (offsets, text, rule, kind, reason) run by run. Prints the differing runs
and exits 1 if there is any. A change meant to keep the output (a speed-up) must report none.
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._metrics import CONVERTERS, DEFAULT_CORPORA  # noqa: E402
from benchmarks._versions import CURRENT_SRC, PRELUDE, describe, export_src  # noqa: E402

CORPUS_FILES = ("aeb-dev.jsonl", "traf-dev.jsonl")
PRESETS = ("balanced", "precision", "recall")
MAX_LISTED = 20

# argv: src dir, corpora dir, page limit per corpus (0: all), output file. Writes a pickled dict
# (corpus, page id, converter, preset) -> (text, removals as plain tuples) or ("error", message).
_WORKER = PRELUDE + """
import json, pickle
from pathlib import Path
corpora, limit, out = Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
results = {}
for name in CORPUS_FILES:
    with (corpora / name).open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    for record in records[:limit or None]:
        for converter in CONVERTERS:
            text = record["scraped"][converter] or ""
            for preset in PRESETS:
                key = (name, str(record["id"]), converter, preset)
                try:
                    result = newsclean.clean_and_explain(text, preset=preset)
                except Exception as error:
                    results[key] = ("error", repr(error))
                else:
                    results[key] = (result.text, tuple(tuple(removal) for removal in result.removals))
with open(out, "wb") as handle:
    pickle.dump(results, handle)
"""


def _worker_code() -> str:
    return f"CORPUS_FILES = {CORPUS_FILES!r}\nCONVERTERS = {CONVERTERS!r}\nPRESETS = {PRESETS!r}\n" + _WORKER


def run_versions(sources: list[Path], corpora: Path, limit: int, tmp: Path) -> list[dict[Any, Any]]:
    """Clean every dev run with each version in *sources* (at the same time, one process each)."""
    outputs = [tmp / f"results-{i}.pickle" for i in range(len(sources))]
    processes = [
        subprocess.Popen([sys.executable, "-c", _worker_code(), str(src), str(corpora), str(limit), str(out)])
        for src, out in zip(sources, outputs, strict=True)
    ]
    codes = [process.wait() for process in processes]
    if any(codes):
        raise SystemExit(f"a worker failed (exit codes {codes})")
    results = []
    for out in outputs:
        with out.open("rb") as handle:
            results.append(pickle.load(handle))
    return results


def _difference(ours: Any, theirs: Any) -> str:
    if ours[0] == "error" or theirs[0] == "error":
        return f"ours {ours[1] if ours[0] == 'error' else 'ok'}, theirs {theirs[1] if theirs[0] == 'error' else 'ok'}"
    parts = []
    if ours[0] != theirs[0]:
        parts.append(f"text differs ({len(ours[0])} vs {len(theirs[0])} characters)")
    if ours[1] != theirs[1]:
        mine, old = set(ours[1]), set(theirs[1])
        only_ours = sorted(mine - old)[:2]
        only_theirs = sorted(old - mine)[:2]
        parts.append(
            f"removals differ: {len(mine - old)} only ours {[r[:2] + r[3:4] for r in only_ours]}, "
            f"{len(old - mine)} only theirs {[r[:2] + r[3:4] for r in only_theirs]}"
        )
    return "; ".join(parts)


def compare(ours: dict[Any, Any], theirs: dict[Any, Any]) -> list[str]:
    """One line per run whose text or removals differ (or that only one version has)."""
    lines = []
    for key in sorted(ours.keys() | theirs.keys()):
        if key not in ours or key not in theirs:
            lines.append(f"{'/'.join(key)}: only in {'ours' if key in ours else 'theirs'}")
        elif ours[key] != theirs[key]:
            lines.append(f"{'/'.join(key)}: {_difference(ours[key], theirs[key])}")
    return lines


def check(rev: str, corpora: Path, limit: int = 0) -> tuple[int, list[str]]:
    """The number of runs compared, and the differences between this checkout and *rev*."""
    with tempfile.TemporaryDirectory() as tmp:
        theirs_src = export_src(rev, Path(tmp) / "theirs")
        ours, theirs = run_versions([CURRENT_SRC, theirs_src], corpora, limit, Path(tmp))
    return len(ours.keys() | theirs.keys()), compare(ours, theirs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", required=True, metavar="REV", help="the commit to compare with")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each corpus (0: all)")
    args = parser.parse_args(argv)
    missing = [name for name in CORPUS_FILES if not (args.corpora / name).exists()]
    if missing:
        print(f"no {', '.join(missing)} in {args.corpora}; pass --corpora DIR", file=sys.stderr)
        return 2
    runs, differences = check(args.against, args.corpora, args.limit)
    label = describe(args.against)
    for line in differences[:MAX_LISTED]:
        print(line)
    if len(differences) > MAX_LISTED:
        print(f"... and {len(differences) - MAX_LISTED} more")
    if differences:
        print(f"{len(differences)} of {runs} runs differ from {label} (text or removals)")
        return 1
    print(f"output and removals identical to {label} on all {runs} runs "
          f"({' + '.join(CORPUS_FILES)} x {' + '.join(CONVERTERS)} x {' + '.join(PRESETS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
