"""The one path every front end calls: segment, rules, features, scoring, revision, regions,
passes, assemble."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from newsclean import _features, _language, _limits, _passes, _regions, _revision, _scoring, _sites
from newsclean._assemble import Removal, assemble, cut_lines
from newsclean._config import Config
from newsclean._features import OwnMemo, Page
from newsclean._rulebook import RULES
from newsclean._rules import CompiledRules, Hit, Rule
from newsclean._segment import Line, normalise_newlines, split_lines


class Explained(NamedTuple):
    """The cleaned text, every removal (in input order), and any warnings."""

    text: str
    removals: tuple[Removal, ...]
    warnings: tuple[str, ...] = ()


@lru_cache(maxsize=32)
def _compiled(
    disabled_rules: frozenset[str],
    disabled_kinds: frozenset[str],
    extra_rules: tuple[Rule, ...],
    timeout: float,
) -> CompiledRules:
    active = [r for r in RULES if r.name not in disabled_rules and r.kind not in disabled_kinds]
    user = [r for r in extra_rules if r.name not in disabled_rules and r.kind not in disabled_kinds]
    return CompiledRules(active, user, timeout)


def run(text: str, config: Config, explain: bool = True, site: _sites.SiteView | None = None) -> Explained:
    """Clean *text* with *config* (checked when it was made) and list every removal.

    With *explain*, a removal the scorer made says which features weighed most against it; without,
    only its score (cheaper: what :func:`newsclean.clean` needs). *site* is what a site model learned
    of the text's site.
    """
    if not isinstance(text, str):
        raise TypeError(f"newsclean cleans str, not {type(text).__name__}")
    too_big = _limits.oversized_document(len(text), config.max_document_size)
    if too_big:
        return Explained(text, (), (too_big,))
    ruled = _apply_rules(text, config)
    removed = ruled.removed
    memo: OwnMemo = {}
    # The site's evidence is looked up by each line's text as the rules leave it, which is the text a
    # second run over the output sees: it finds the same evidence.
    context = _passes.Context(_sites.evidence(site, ruled.seen_lines) if config.heuristics else None)
    if config.heuristics:
        removed.update(_judge(ruled.seen_lines, removed, ruled.emptied, config, memo, explain, context))
    removed.update(ruled.compiled.apply_runs(ruled.seen_lines, removed, after_heuristics=True))
    _settle(ruled.compiled, ruled.seen_lines, removed, ruled.emptied, config, memo, explain, context)
    cleaned, removals = assemble(text, ruled.lines, removed, ruled.cuts)
    return Explained(cleaned, tuple(removals), ruled.warnings)


class _Ruled(NamedTuple):
    """A text after the named rules: its lines, what the rules removed and cut, and their warnings."""

    lines: list[Line]
    seen_lines: list[Line]  # as rules and heuristics see them: over-long lines blank, cut lines cut
    removed: dict[int, Hit]
    cuts: dict[int, tuple[str, list[Hit]]]
    emptied: frozenset[int]  # lines the fragment rules cut away whole
    compiled: CompiledRules
    warnings: tuple[str, ...]


def _apply_rules(text: str, config: Config) -> _Ruled:
    lines = split_lines(text)
    # Rules and heuristics see over-long lines as blank; assemble, given the real lines, keeps them.
    seen_text, seen, limit_warnings = _limits.hide_long_lines(text, lines, config.max_line_length)
    compiled = _compiled(config.disabled_rules, config.disabled_kinds, config.extra_rules, config.pattern_timeout)
    hits = compiled.apply(normalise_newlines(seen_text), seen)
    removed = dict(hits.lines)
    cuts = cut_lines(text, lines, removed, hits.fragments)
    # What a cut leaves is judged again, as a whole line and by the heuristics, so that a second
    # run over the output (where the cut is gone) decides the same: cleaning is idempotent.
    seen_lines = list(seen)
    for index, (content, _) in list(cuts.items()):
        rule = compiled.whole_line_rule(content)
        if rule is not None:
            line = lines[index]
            removed[index] = Hit.of(line.start, line.end, rule)
            del cuts[index]
        else:
            seen_lines[index] = seen_lines[index]._replace(text=content)
    # A line cut away whole is gone from the output, not a blank line in it.
    emptied = frozenset(i for i, (content, _) in cuts.items() if not content.strip())
    removed.update(compiled.apply_runs(seen_lines, removed))
    return _Ruled(lines, seen_lines, removed, cuts, emptied, compiled, tuple(hits.warnings) + limit_warnings)


# Removing lines changes the neighbours of those left, so a second run over the output could judge
# some of them again differently. Judging what is left, as that run would see it, until nothing
# changes, makes cleaning idempotent. Most pages settle in one or two rounds; a page whose menus peel
# off a group at a time can take twenty. The rounds stop early only on very large pages: when the
# blocks judged in them would pass SETTLE_WORK_PER_BLOCK times the page's blocks plus SETTLE_WORK,
# which keeps the cost linear in the page (a page of 100,000 short lines does not settle in any
# number of rounds worth paying for). 4 is the least that leaves every dev page idempotent.
MAX_SETTLE_ROUNDS = 64
SETTLE_WORK_PER_BLOCK = 4
SETTLE_WORK = 20_000


def _settle(
    compiled: CompiledRules,
    lines: Sequence[Line],
    removed: dict[int, Hit],
    emptied: frozenset[int],
    config: Config,
    memo: OwnMemo,
    explain: bool,
    context: _passes.Context,
) -> None:
    """Add to *removed* what the context-dependent stages remove from the remaining lines alone."""
    budget = None
    for _ in range(MAX_SETTLE_ROUNDS):
        remaining = [line for line in lines if line.index not in removed and line.text.strip()]
        if budget is None:
            budget = SETTLE_WORK_PER_BLOCK * len(remaining) + SETTLE_WORK
        budget -= len(remaining)
        if budget < 0:
            return
        more = compiled.apply_runs(remaining, {})
        if config.heuristics:
            more.update(_judge(lines, more, removed.keys() | emptied, config, memo, explain, context))
        more.update(compiled.apply_runs(remaining, more, after_heuristics=True))
        if not more:
            return
        removed.update(more)


def _judge(
    lines: Sequence[Line],
    removed: Mapping[int, Hit],
    absent: Collection[int],
    config: Config,
    memo: OwnMemo,
    explain: bool,
    context: _passes.Context,
) -> dict[int, Hit]:
    """The blocks (lines neither *removed* by this round's rules nor *absent*) that are not the article."""
    language = _language.resolve(config.language) if config.language else None
    page = _features.page_features(lines, removed, absent, language, memo)
    if not page.blocks:
        return {}
    model = _scoring.model()
    scored = score(page, model)
    if _regions.SCORER_RULE in config.disabled_rules or _regions.SCORER_KIND in config.disabled_kinds:
        keep = [True] * len(page.blocks)
    else:
        keep = _regions.choose(page, scored.revised, model.operating_points[config.preset])
    active = [p for p in _passes.PASSES if p.name not in config.disabled_rules and p.kind not in config.disabled_kinds]
    outcome = _passes.apply(page, scored.revised, keep, active, context)
    hits: dict[int, Hit] = {}
    for j, (line, kept) in enumerate(zip(page.blocks, outcome.keep)):
        if kept:
            continue
        by = outcome.removed_by.get(j)
        if by is not None:
            reason = by.description if by.reason is None else by.reason(page, j, context)
            hits[line.index] = Hit(line.start, line.end, by.name, by.kind, reason)
            continue
        if explain:
            models = ((model.scorer, scored.scorer_columns), (model.revision, scored.revision_columns))
            reason = _regions.explain(scored.revised[j], models, j, _PHRASES)
        else:
            reason = f"score {scored.revised[j]:.2f}"
        hits[line.index] = Hit(line.start, line.end, _regions.SCORER_RULE, _regions.SCORER_KIND, reason)
    return hits


_PHRASES = {**_features.PHRASES, **_revision.PHRASES}


class Scored(NamedTuple):
    """A page's blocks as the scorer and the revision see them."""

    scores: list[float]
    revised: list[float]
    scorer_columns: dict[str, list[float]]
    revision_columns: dict[str, list[float]]


def score(page: Page, model: _scoring.Model) -> Scored:
    """The scorer's and the revision's probabilities for the page's blocks."""
    n = len(page.blocks)
    base, start = _scoring.own_margins(page, model.scorer)
    scores = _scoring.probabilities(model.scorer.margins(page.columns, n, start, base))
    revised, revision_columns = _revision.revise(page, scores, model.revision)
    return Scored(scores, revised, page.columns, revision_columns)


def page_for_training(text: str, config: Config) -> Page:
    """A text's blocks and features as the first round of :func:`run` sees them (for ``benchmarks.train``)."""
    ruled = _apply_rules(text, config)
    language = _language.resolve(config.language) if config.language else None
    return _features.page_features(ruled.seen_lines, ruled.removed, ruled.emptied, language)
