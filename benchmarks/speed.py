"""Throughput and scale of newsclean, beside jusText and trafilatura, in one markdown table.

    python benchmarks/speed.py [--corpora DIR] [--batch-mb 100] [--against REV [--rounds 5] [--check-output]]

Measured on ``aeb-dev.jsonl`` (``scraped.inscriptis`` texts, single process):
ms/doc and MB/s against jusText on the same lines and trafilatura on the same
pages' HTML, and the CPython floor of any per-line stopword heuristic; growth from 1 KB to 10 MB of concatenated real pages (log-log
slope); hostile shapes against a normal text of the same size; peak memory of a
streaming JSON Lines batch (10 MB and ``--batch-mb``); ``import newsclean`` time
and which heavy modules it pulls in; a cold ``newsclean SEED`` (a fresh process on each seed file).
With ``--against REV``: pages per second of this checkout against REV's ``src/`` (exported with
``git archive``), both run alternately (A B A B) in subprocesses of this interpreter, as the median of
the per-round ratios, and the cold start of both; ``--check-output`` also cleans every dev text with
both (see ``same_output.py``) and reports whether text and removals are identical.
Every target prints PASS or FAIL.
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import same_output  # noqa: E402
from benchmarks._metrics import DEFAULT_CORPORA, load  # noqa: E402
from benchmarks._versions import CURRENT_SRC, PRELUDE, describe, export_src  # noqa: E402

MB = 1_000_000
TARGET_JUSTEXT_RATIO = 20  # newsclean at most 1/20 of jusText's time
TARGET_MB_PER_S = 10.0
TARGET_MAX_SLOPE = 1.2  # linear growth: log-log slope ~1 (quadratic would be ~2)
TARGET_HOSTILE_RATIO = 10.0
TARGET_MEMORY_GROWTH = 1.5  # peak RSS of the big batch at most 1.5x the small one
SCALING_SIZES = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)
HOSTILE_SIZE = MB
HEAVY_MODULES = ("trafilatura", "lxml", "justext", "dask", "distributed", "numpy", "pandas", "regex", "htmldate", "courlan")
REPEATS = 3
TARGET_SPEEDUP = 2.0  # issue 13: twice the pages per second of 1ae19c0 on aeb-dev
TARGET_COLD_START = 0.12  # seconds for a cold `newsclean SEED`
SEEDS = ROOT.parent / "shared" / "seeds"
COLD_ROUNDS = 5


def _best_time(func: Callable[[], object], repeats: int = REPEATS) -> float:
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


_WORD = re.compile(r"\w+")


def _stopword_counts(text: str, stopwords: frozenset[str]) -> list[int]:
    return [sum(map(stopwords.__contains__, _WORD.findall(line.lower()))) for line in text.split("\n") if line.strip()]


def _justext_html(text: str) -> str:
    return "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines()) + "</body></html>"


def _filler(texts: list[str], size: int) -> str:
    """Real pages concatenated (repeated as needed) and cut at a line end near *size* characters."""
    pieces: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            pieces.append(text if text.endswith("\n") else text + "\n")
            total += len(pieces[-1])
            if total >= size:
                break
    joined = "".join(pieces)[:size]
    cut = joined.rfind("\n")
    return joined[: cut + 1] if cut > size // 2 else joined


def _fit_slope(points: list[tuple[int, float]]) -> float:
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(seconds) for _, seconds in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def _hostile(texts: list[str]) -> dict[str, str]:
    rng = random.Random(4)
    words = [w for text in texts[:20] for w in text.split() if w.isalpha()]
    line = next(ln for text in texts for ln in text.splitlines() if 60 <= len(ln) <= 120)
    symbols = "0123456789.,;:-+%$()/ "
    digits_lines = []
    total = 0
    while total < HOSTILE_SIZE:
        row = "".join(rng.choice(symbols) for _ in range(rng.randint(20, 100))) + "\n"
        digits_lines.append(row)
        total += len(row)
    bullets = []
    total = 0
    while total < HOSTILE_SIZE:
        row = f"  * {rng.choice(words)} {rng.choice(words)}\n"
        bullets.append(row)
        total += len(row)
    return {
        "one 1 MB line": _filler(texts, HOSTILE_SIZE).replace("\n", " ")[:HOSTILE_SIZE],
        "100 000 two-word lines": "".join(f"{rng.choice(words)} {rng.choice(words)}\n" for _ in range(100_000)),
        "50 000 copies of one line": (line + "\n") * 50_000,
        "1 MB of digits and punctuation": "".join(digits_lines),
        "1 MB of bullets (`  * item`)": "".join(bullets),
        "1 MB of one-character lines (`a`, `•`)": "a\n•\n" * (HOSTILE_SIZE // 4),
    }


_STREAM_LOOP = """
import json, sys
import newsclean
from newsclean.jsonl import clean_record
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        out.write(json.dumps(clean_record(json.loads(line), "text"), ensure_ascii=False) + "\\n")
"""

_PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _has_jsonl_cli() -> bool:
    try:
        help_text = subprocess.run(
            [sys.executable, "-m", "newsclean", "--help"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "--jsonl" in help_text


def _make_batch(path: Path, records: list[dict[str, Any]], size: int) -> None:
    total = 0
    with path.open("w", encoding="utf-8") as out:
        while total < size:
            for record in records:
                line = json.dumps({"id": f"{record['id']}-{total}", "text": record["scraped"]["inscriptis"] or ""}, ensure_ascii=False)
                out.write(line + "\n")
                total += len(line.encode()) + 1
                if total >= size:
                    break


def _peak_rss_mb(command: list[str]) -> float:
    """Peak RSS (MB) of *command* run as the only child of a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", _PEAK_RSS, *command], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def _import_time() -> tuple[float, list[str]]:
    code = (
        "import sys, time; start = time.perf_counter(); import newsclean; elapsed = time.perf_counter() - start; "
        f"print(elapsed); print(','.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))"
    )
    best, heavy = math.inf, ""
    for _ in range(REPEATS):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
        best, heavy = min(best, float(out[0])), out[1]
    return best, [m for m in heavy.split(",") if m]


JOBS_PAGES = 500
JOBS_ROUNDS = 3
TARGET_JOBS_SPEEDUP = 1.7  # `-j 2` against `-j 1` on a 2-core machine


def jobs_scaling(corpora: Path, pages: int = JOBS_PAGES, rounds: int = JOBS_ROUNDS) -> dict[str, float]:
    """``newsclean -j 2`` against ``-j 1`` on *pages* files of the dev corpora's texts (written to a temporary
    directory), run alternately ``rounds`` times: the median wall seconds and CPU seconds (the command and
    its workers) of each, the median per-round ratio of wall times, and the load average when it started
    (other processes on the machine take cores that ``-j 2`` would use)."""
    import resource

    texts: list[str] = []
    for name in ("aeb-dev.jsonl", "traf-dev.jsonl"):
        texts += [t for r in load(corpora / name) if (t := r["scraped"]["inscriptis"] or "").strip()]
    load_average = os.getloadavg()[0]
    wall: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for i in range(pages):
            name = f"page{i:04}.txt"
            (Path(tmp) / name).write_text(texts[i % len(texts)], encoding="utf-8")
            names.append(name)
        for _ in range(rounds):
            for jobs in (1, 2):
                command = [sys.executable, "-m", "newsclean", "-j", str(jobs), "-o", f"out{jobs}/", *names]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, cwd=tmp, check=True, stdout=subprocess.DEVNULL)
                wall[jobs].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[jobs].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    ratios = sorted(one / two for one, two in zip(wall[1], wall[2]))
    median = rounds // 2
    return {
        "wall1": sorted(wall[1])[median],
        "wall2": sorted(wall[2])[median],
        "cpu1": sorted(cpu[1])[median],
        "cpu2": sorted(cpu[2])[median],
        "speedup": ratios[median],
        "load": load_average,
    }


# argv: src dir, corpus. Prints the pages per second of the best of three passes over the corpus's texts.
_THROUGHPUT = PRELUDE + """
import json, time
with open(sys.argv[2], encoding="utf-8") as handle:
    texts = [json.loads(line)["scraped"]["inscriptis"] or "" for line in handle if line.strip()]
for text in texts[:5]:
    newsclean.clean(text)
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for text in texts:
        newsclean.clean(text)
    best = min(best, time.perf_counter() - start)
print(len(texts) / best)
"""


def _pages_per_second(src: Path, corpus: Path) -> float:
    out = subprocess.run([sys.executable, "-c", _THROUGHPUT, str(src), str(corpus)], capture_output=True, text=True, check=True)
    return float(out.stdout)


def _against(src: Path, corpus: Path, rounds: int) -> tuple[float, list[float], float, float]:
    """Median of the per-round ratios of pages per second (this checkout / *src*), the ratios, and the
    median pages per second of each, running the two alternately (A B A B) so that the machine's load
    weighs on both alike."""
    ratios, ours, theirs = [], [], []
    for _ in range(rounds):
        ours.append(_pages_per_second(CURRENT_SRC, corpus))
        theirs.append(_pages_per_second(src, corpus))
        ratios.append(ours[-1] / theirs[-1])
    return statistics.median(ratios), ratios, statistics.median(ours), statistics.median(theirs)


def _cold_starts(sources: list[Path]) -> list[list[float]]:
    """Seconds of each cold `newsclean SEED` (a fresh interpreter, as the command runs) per source,
    alternating the sources run by run. As after `pip install`, the modules' bytecode is there: one
    untimed run per source writes it (even where PYTHONDONTWRITEBYTECODE is set)."""
    seeds = sorted(SEEDS.glob("*.txt"))
    command = "import sys; from newsclean.cli import main; sys.exit(main())"
    base = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    envs = [{**base, "PYTHONPATH": str(src)} for src in sources]
    for env in envs:
        subprocess.run([sys.executable, "-c", command, str(seeds[0])], env=env, stdout=subprocess.DEVNULL, check=True)
    times: list[list[float]] = [[] for _ in sources]
    for _ in range(COLD_ROUNDS):
        for seed in seeds:
            for env, measured in zip(envs, times, strict=True):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", command, str(seed)], env=env, stdout=subprocess.DEVNULL, check=True)
                measured.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--batch-mb", type=int, default=100, help="size of the big JSON Lines batch (MB)")
    parser.add_argument("--against", metavar="REV", help="also compare pages per second and cold start with this commit")
    parser.add_argument("--rounds", type=int, default=5, help="A B rounds for --against (default 5)")
    parser.add_argument(
        "--check-output", action="store_true", help="with --against: check that every dev text cleans identically"
    )
    args = parser.parse_args(argv)
    if args.check_output and not args.against:
        parser.error("--check-output needs --against REV")
    corpus = args.corpora / "aeb-dev.jsonl"
    if not corpus.exists():
        print(f"no corpus at {corpus}; pass --corpora DIR", file=sys.stderr)
        return 2

    import justext
    import trafilatura

    import newsclean

    records = load(corpus)
    texts = [r["scraped"]["inscriptis"] or "" for r in records]
    size_mb = sum(len(t.encode()) for t in texts) / MB
    docs = len(texts)
    rows: list[tuple[str, str, str, str]] = []  # measure, value, target, verdict
    verdicts: list[bool] = []

    def row(measure: str, value: str, target: str = "", ok: bool | None = None) -> None:
        rows.append((measure, value, target, "" if ok is None else _verdict(ok)))
        if ok is not None:
            verdicts.append(ok)

    # --- throughput --------------------------------------------------------------
    for text in texts[:5]:
        newsclean.clean(text)  # warm the compiled-rules cache
    ours = _best_time(lambda: [newsclean.clean(t) for t in texts])
    stoplist = justext.get_stoplist("English")
    pages = [_justext_html(t) for t in texts]
    theirs = _best_time(lambda: [justext.justext(p, stoplist) for p in pages])
    htmls = [r["html"] for r in records]
    traf = _best_time(lambda: [trafilatura.extract(h) for h in htmls], repeats=1)
    mb_s = size_mb / ours
    row(f"newsclean, aeb-dev ({docs} docs, {size_mb:.2f} MB)", f"{ours * 1000 / docs:.2f} ms/doc, {mb_s:.1f} MB/s",
        f">= {TARGET_MB_PER_S:g} MB/s", mb_s >= TARGET_MB_PER_S)
    row("jusText, same lines as `<p>`", f"{theirs * 1000 / docs:.2f} ms/doc, {size_mb / theirs:.1f} MB/s; "
        f"newsclean takes 1/{theirs / ours:.1f} of its time", f"<= 1/{TARGET_JUSTEXT_RATIO}",
        theirs / ours >= TARGET_JUSTEXT_RATIO)
    row("trafilatura, same pages' HTML", f"{traf * 1000 / docs:.2f} ms/doc; newsclean takes 1/{traf / ours:.1f} of its time")
    # How fast any per-line stopword heuristic can be in CPython: split the lines and count each
    # line's stopwords, nothing else (no rules, no context). newsclean cannot beat this floor.
    english = frozenset(word.lower() for word in stoplist)
    floor = _best_time(lambda: [_stopword_counts(t, english) for t in texts])
    row("floor: per-line stopword count only (CPython)", f"{floor * 1000 / docs:.2f} ms/doc, {size_mb / floor:.1f} MB/s")

    # --- scaling -----------------------------------------------------------------
    points = []
    for size in SCALING_SIZES:
        text = _filler(texts, size)
        repeats = REPEATS if size <= MB else 1
        seconds = _best_time(lambda: newsclean.clean(text), repeats)
        points.append((len(text), seconds))
        row(f"scaling: {size / 1000:g} KB", f"{seconds * 1000:.1f} ms ({len(text) / seconds / MB:.1f} MB/s)")
    slope = _fit_slope(points)
    row("scaling: log-log slope 1 KB..10 MB", f"{slope:.2f}", f"~1 (<= {TARGET_MAX_SLOPE})", slope <= TARGET_MAX_SLOPE)

    # --- hostile shapes ----------------------------------------------------------
    for name, text in _hostile(texts).items():
        normal = _filler(texts, len(text))
        seconds = _best_time(lambda: newsclean.clean(text), 1)
        reference = _best_time(lambda: newsclean.clean(normal), 1)
        ratio = seconds / reference
        row(f"hostile: {name}", f"{seconds * 1000:.0f} ms, {ratio:.2f}x a normal text of {len(text) / MB:.2f} MB",
            f"<= {TARGET_HOSTILE_RATIO:g}x", ratio <= TARGET_HOSTILE_RATIO)

    # --- memory ------------------------------------------------------------------
    use_cli = _has_jsonl_cli()
    with tempfile.TemporaryDirectory() as tmp:
        peaks = []
        for batch_mb in (10, args.batch_mb):
            source, target = Path(tmp) / f"in-{batch_mb}.jsonl", Path(tmp) / f"out-{batch_mb}.jsonl"
            _make_batch(source, records, batch_mb * MB)
            if use_cli:
                command = [sys.executable, "-m", "newsclean", "--jsonl", "--field", "text", "-o", str(target), str(source)]
            else:
                command = [sys.executable, "-c", _STREAM_LOOP, str(source), str(target)]
            start = time.perf_counter()
            peak = _peak_rss_mb(command)
            elapsed = time.perf_counter() - start
            peaks.append(peak)
            how = "`newsclean --jsonl`" if use_cli else "streaming loop"
            row(f"memory: {batch_mb} MB JSON Lines batch ({how})", f"peak RSS {peak:.0f} MB, {elapsed:.1f} s")
            source.unlink()
        growth = peaks[1] / peaks[0]
        row(f"memory: {args.batch_mb} MB vs 10 MB", f"{growth:.2f}x", f"flat (<= {TARGET_MEMORY_GROWTH:g}x)",
            growth <= TARGET_MEMORY_GROWTH)

    # --- -j scaling --------------------------------------------------------------
    jobs = jobs_scaling(args.corpora)
    row(f"`-j 2` vs `-j 1`, {JOBS_PAGES} pages of aeb-dev and traf-dev (`-o DIR/`, median of {JOBS_ROUNDS} rounds)",
        f"{jobs['wall1']:.2f} s vs {jobs['wall2']:.2f} s: {jobs['speedup']:.2f}x (CPU {jobs['cpu1']:.2f} s vs "
        f"{jobs['cpu2']:.2f} s; load average {jobs['load']:.1f} at the start)",
        f">= {TARGET_JOBS_SPEEDUP:g}x", jobs["speedup"] >= TARGET_JOBS_SPEEDUP)

    # --- against an earlier commit, cold start ---------------------------------------
    label = describe(args.against) if args.against else ""
    differences: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        sources = [CURRENT_SRC]
        if args.against:
            theirs_src = export_src(args.against, Path(tmp))
            sources.append(theirs_src)
            ratio, ratios, ours_pps, theirs_pps = _against(theirs_src, corpus, args.rounds)
            row(f"pages/s against {label} (aeb-dev, A B x {args.rounds}, median of ratios)",
                f"{ratio:.2f}x ({ours_pps:.0f} vs {theirs_pps:.0f} pages/s; rounds {', '.join(f'{r:.2f}' for r in ratios)})",
                f">= {TARGET_SPEEDUP:g}x", ratio >= TARGET_SPEEDUP)
        if SEEDS.is_dir():
            colds = _cold_starts(sources)
            names = ["this checkout", label]
            for name, times in zip(names, colds, strict=False):
                median = statistics.median(times)
                row(f"cold `newsclean SEED`, {name} ({len(times)} runs over the seeds)",
                    f"median {median * 1000:.0f} ms, min {min(times) * 1000:.0f} ms",
                    f"<= {TARGET_COLD_START * 1000:.0f} ms" if name == "this checkout" else "",
                    median <= TARGET_COLD_START if name == "this checkout" else None)
        if args.check_output:
            runs, differences = same_output.check(args.against, args.corpora)
            row(f"output against {label} (all dev texts x converters x presets)",
                f"{runs - len(differences)} of {runs} runs identical" + (" (differences below)" if differences else ""),
                "identical", not differences)

    # --- import ------------------------------------------------------------------
    seconds, heavy = _import_time()
    row("`import newsclean` (fresh interpreter)", f"{seconds * 1000:.0f} ms; heavy modules loaded: {', '.join(heavy) or 'none'}",
        "no heavy module", not heavy)

    print("| measure | value | target | |")
    print("|---|---|---|---|")
    for measure, value, target, verdict in rows:
        print(f"| {measure} | {value} | {target} | {verdict} |")
    if differences:
        print(f"\nRuns whose text or removals differ from {label}:")
        print("\n".join(f"- {line}" for line in differences))
    print(f"\n{sum(verdicts)}/{len(verdicts)} targets met")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
