"""Compare claims on aligned sentence pairs and group the disagreements into conflicts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from checker.conflicts import build_conflict
from checker.model import Claim, Conflict, ConflictType
from checker.pairing import ClaimKey, claim_key
from checker.rules.base import CompareContext

NEAR_COPY = 90.0  # rapidfuzz ratio of two versions of one sentence, values masked


@dataclass(frozen=True)
class PairPolicy:
    """How one rule decides, for two claims on aligned sentences, what they say."""

    ctype: ConflictType
    rule: str
    min_sim: float
    # (claim a, claim b, sentence similarity) -> None if not about the same thing, else
    # (agree?, score of a disagreement in 0..1)
    judge: Callable[[Claim, Claim, float], tuple[bool, float] | None]
    same_thing: Callable[[Claim, Claim], bool]  # same key anywhere in a source (for vetoes)
    agree: Callable[[Claim, Claim], bool]
    subject: Callable[[Sequence[Claim]], str]
    value: Callable[[Claim], Any]
    label: Callable[[Claim], str] = lambda c: c.quote


def pairwise_conflicts(
    claims: Sequence[Claim], ctx: CompareContext, policy: PairPolicy
) -> list[Conflict]:
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_sentence[(c.source_id, c.sentence_index)].append(c)
        by_source[c.source_id].append(c)
    parent: dict[ClaimKey, ClaimKey] = {}

    def find(k: ClaimKey) -> ClaimKey:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: ClaimKey, b: ClaimKey) -> None:
        parent[find(a)] = find(b)

    conflict_edges: list[tuple[Claim, Claim, float]] = []
    claim_of: dict[ClaimKey, Claim] = {}
    for sa, sb, sim in ctx.aligned_pairs():
        if sim < policy.min_sim or sa[0] == sb[0] or sa not in by_sentence or sb not in by_sentence:
            continue
        verdicts = []
        for ca in by_sentence.get(sa, ()):
            for cb in by_sentence.get(sb, ()):
                verdict = policy.judge(ca, cb, sim)
                if verdict is not None:
                    verdicts.append((ca, cb, *verdict))
        # A claim that agrees with a claim of the other sentence is matched there; its
        # disagreements with the other numbers in that sentence are about other things.
        satisfied = {claim_key(c) for ca, cb, agree, _ in verdicts if agree for c in (ca, cb)}
        for ca in by_sentence.get(sa, ()):
            for cb in by_sentence.get(sb, ()):
                if policy.same_thing(ca, cb) and policy.agree(ca, cb):
                    satisfied.update((claim_key(ca), claim_key(cb)))
        for ca, cb, agree, score in verdicts:
            claim_of[claim_key(ca)], claim_of[claim_key(cb)] = ca, cb
            if agree:
                union(claim_key(ca), claim_key(cb))
                continue
            if claim_key(ca) in satisfied or claim_key(cb) in satisfied:
                continue
            # A source that says the other's value elsewhere about the same thing is
            # counting something else here, not contradicting; unless the two sentences are
            # one sentence in two versions with a value changed, where the change is the news.
            if not near_copy(ca, cb, ctx) and (
                _vetoed(ca, cb, by_source, policy) or _vetoed(cb, ca, by_source, policy)
            ):
                continue
            union(claim_key(ca), claim_key(cb))
            conflict_edges.append((ca, cb, score))
    components: dict[ClaimKey, list[tuple[Claim, Claim, float]]] = defaultdict(list)
    for ca, cb, score in conflict_edges:
        components[find(claim_key(ca))].append((ca, cb, score))
    # Each source is represented by its claim in the strongest disagreement.
    best: dict[ClaimKey, float] = defaultdict(float)
    for ca, cb, score in conflict_edges:
        for k in (claim_key(ca), claim_key(cb)):
            best[k] = max(best[k], score)
    members: dict[ClaimKey, list[Claim]] = defaultdict(list)
    for k, c in sorted(claim_of.items(), key=lambda kc: (-best[kc[0]], kc[0])):
        members[find(k)].append(c)
    out = []
    for root, edges in components.items():
        groups = _value_groups(_one_per_source(members[root]), policy.agree)
        if len(groups) < 2:
            continue
        score = max(s for _, _, s in edges)
        out.append(
            build_conflict(
                ctype=policy.ctype,
                rule=policy.rule,
                subject=policy.subject([e[0] for e in edges] + [e[1] for e in edges]),
                groups=[(policy.value(g[0]), g) for g in groups],
                score=score,
                sentences=ctx.sentences,
                label=policy.label,
                source_order=ctx.source_order,
            )
        )
    return out


def near_copy(a: Claim, b: Claim, ctx: CompareContext) -> bool:
    """Are the two sentences one sentence in two versions (wire copy, an edit), the same but
    for the two values? Compared as text with each value masked."""
    sa = ctx.sentences.get((a.source_id, a.sentence_index))
    sb = ctx.sentences.get((b.source_id, b.sentence_index))
    if sa is None or sb is None:
        return False
    return fuzz.ratio(_masked(a, sa.text, sa.start), _masked(b, sb.text, sb.start)) >= NEAR_COPY


def _masked(c: Claim, text: str, start: int) -> str:
    return (text[: c.start - start] + "#" + text[c.end - start :]).lower()


def _vetoed(
    claim: Claim, other: Claim, by_source: dict[str, list[Claim]], policy: PairPolicy
) -> bool:
    """Does `claim`'s source state `other`'s value, about the same thing, anywhere?"""
    return any(
        policy.same_thing(c, other) and policy.agree(c, other)
        for c in by_source.get(claim.source_id, ())
    )


def _one_per_source(claims: Sequence[Claim]) -> list[Claim]:
    """Keep each source's first claim (callers order claims by strength)."""
    seen: set[str] = set()
    out = []
    for c in claims:
        if c.source_id not in seen:
            seen.add(c.source_id)
            out.append(c)
    return out


def _value_groups(
    claims: Sequence[Claim], agree: Callable[[Claim, Claim], bool]
) -> list[list[Claim]]:
    """Greedy clusters of mutually agreeing claims, largest first (ties: first seen)."""
    groups: list[list[Claim]] = []
    for c in claims:
        for g in groups:
            if all(agree(c, x) for x in g):
                g.append(c)
                break
        else:
            groups.append([c])
    groups.sort(key=lambda g: -len({c.source_id for c in g}))
    return groups
