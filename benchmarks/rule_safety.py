"""Do the named rules remove article text? A check of the rules alone on the dev corpora.

    python benchmarks/rule_safety.py [--corpora DIR] [--rule NAME ...]

Runs ``clean_and_explain(text, heuristics=False)`` on every page of aeb-dev and traf-dev, as both
converters printed it, and looks for article text the rules removed: a ``gold_body`` paragraph (aeb)
or a ``with`` snippet (traf) that is in the input but no longer in the output. Each such loss is
blamed on the rules whose removals share words with it; the report counts them per rule (all rules,
or the ones named) and prints every loss blamed on them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks._metrics import CONVERTERS, DEFAULT_CORPORA, load  # noqa: E402

_WORDS = re.compile(r"\w+")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _shares_words(removed: str, article: str, window: int = 3) -> bool:
    """Whether *removed* and *article* share a run of *window* words (or *removed* is shorter and inside)."""
    words = _WORDS.findall(removed.lower())
    target = " ".join(_WORDS.findall(article.lower()))
    if len(words) < window:
        return bool(words) and f" {' '.join(words)} " in f" {target} "
    return any(" ".join(words[i : i + window]) in target for i in range(len(words) - window + 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--rule", action="append", default=[], help="report losses blamed on this rule (repeatable)")
    args = parser.parse_args(argv)

    import newsclean

    watched = set(args.rule) or {rule.name for rule in newsclean.RULES}
    checked = Counter()  # article pieces present in the input, per corpus
    lost = Counter()  # ... and missing from the output, per corpus
    blamed = Counter()  # losses per watched rule
    examples: list[str] = []
    for corpus, key in (("aeb-dev", "gold_body"), ("traf-dev", "with")):
        for record in load(args.corpora / f"{corpus}.jsonl"):
            pieces = record[key].splitlines() if key == "gold_body" else record[key]
            pieces = [_normal(piece) for piece in pieces if len(_normal(piece)) >= 3]
            for converter in CONVERTERS:
                text = record["scraped"].get(converter) or ""
                source = _normal(text)
                explained = newsclean.clean_and_explain(text, heuristics=False)
                output = _normal(explained.text)
                for piece in pieces:
                    if piece not in source:
                        continue
                    checked[corpus] += 1
                    if piece in output:
                        continue
                    lost[corpus] += 1
                    rules = {r.rule for r in explained.removals if r.rule in watched and _shares_words(r.text, piece)}
                    for rule in rules:
                        blamed[rule] += 1
                    if rules:
                        examples.append(f"{corpus} {converter} {record['id'][:12]} {sorted(rules)}: {piece[:140]!r}")
    for corpus in ("aeb-dev", "traf-dev"):
        what = "gold_body paragraphs" if corpus == "aeb-dev" else "`with` snippets"
        print(f"{corpus}: {checked[corpus]} {what} in the inputs (both converters), {lost[corpus]} missing after the rules")
    print(f"blamed on the {'named' if args.rule else ''} rules: {sum(blamed.values())}")
    for rule, count in blamed.most_common():
        print(f"  {rule}: {count}")
    for example in examples:
        print("  " + example)
    return 0


if __name__ == "__main__":
    sys.exit(main())
