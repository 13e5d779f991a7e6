"""Build `Conflict` values: fingerprints, severities, majority and outliers, messages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

from checker.model import Claim, Conflict, ConflictClaim, ConflictType, Sentence, Severity

# A conflict's severity follows its score; some types are capped because they are less certain.
SEVERITY_CUTS = {Severity.HIGH: 0.72, Severity.MEDIUM: 0.5}
TYPE_CAP = {ConflictType.ENTITY: Severity.MEDIUM, ConflictType.OTHER: Severity.MEDIUM}


def severity_for(score: float, ctype: ConflictType) -> Severity:
    if score >= SEVERITY_CUTS[Severity.HIGH]:
        sev = Severity.HIGH
    elif score >= SEVERITY_CUTS[Severity.MEDIUM]:
        sev = Severity.MEDIUM
    else:
        sev = Severity.LOW
    cap = TYPE_CAP.get(ctype)
    if cap is not None and sev.rank < cap.rank:
        sev = cap
    return sev


def fingerprint(
    ctype: ConflictType, subject: str, values: Sequence[Any], sources: Sequence[str]
) -> str:
    """Stable id from type, normalised subject, values and source ids (never offsets)."""
    subj = re.sub(r"\W+", " ", subject.lower()).strip()
    vals = sorted({_norm_value(v) for v in values})
    srcs = sorted(set(sources))
    blob = "\x1f".join([ctype.value, subj, "|".join(vals), "|".join(srcs)])
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]


def dispute_key(conflict: Conflict) -> str:
    """The fingerprint without source ids: type, subject and values. It stays the same when a
    further source joins one side of the same dispute."""
    return fingerprint(conflict.type, conflict.subject, [cc.value for cc in conflict.claims], [])


def _norm_value(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).lower()


def build_conflict(
    *,
    ctype: ConflictType,
    rule: str,
    subject: str,
    groups: Sequence[tuple[Any, Sequence[Claim]]],
    score: float,
    sentences: dict[tuple[str, int], Sentence] | Any,
    label: Callable[[Claim], str] = lambda c: c.quote,
    source_order: Sequence[str] = (),
) -> Conflict:
    """A conflict from groups of agreeing claims: [(value, claims holding it), ...].

    Each source contributes its first claim; with three or more sources the value held by
    most sources is the majority and the sources holding the others are the outliers.
    """
    order = {s: i for i, s in enumerate(source_order)}
    picked: list[tuple[Any, Claim]] = []
    seen_sources: set[str] = set()
    for value, claims in groups:
        for c in sorted(claims, key=lambda c: (order.get(c.source_id, 0), c.start)):
            if c.source_id in seen_sources:
                continue
            seen_sources.add(c.source_id)
            picked.append((value, c))
    picked.sort(key=lambda vc: (order.get(vc[1].source_id, 0), vc[1].start))
    counts: dict[str, int] = {}
    for value, _ in picked:
        counts[_norm_value(value)] = counts.get(_norm_value(value), 0) + 1
    majority: Any = None
    outliers: tuple[str, ...] = ()
    if len(seen_sources) >= 3:
        best = max(counts.values())
        leaders = [v for v, n in counts.items() if n == best]
        if len(leaders) == 1:
            majority = next(v for v, _ in picked if _norm_value(v) == leaders[0])
            outliers = tuple(c.source_id for v, c in picked if _norm_value(v) != leaders[0])
    # One label per distinct value: the most-held value first, then in source order.
    first_seen: dict[str, tuple[int, int, str]] = {}
    for rank, (value, c) in enumerate(picked):
        nv = _norm_value(value)
        if nv not in first_seen:
            first_seen[nv] = (-counts[nv], rank, label(c))
    labels = [lab for _, _, lab in sorted(first_seen.values())]
    message = " vs ".join(labels)
    if majority is not None:
        message += f" (majority: {_display(majority)}; outlier: {', '.join(outliers)})"
    sides = tuple(_conflict_claim(c, v, sentences) for v, c in picked)
    cid = fingerprint(ctype, subject, [v for v, _ in picked], [c.source_id for _, c in picked])
    score = round(max(0.0, min(1.0, score)), 3)
    return Conflict(
        id=cid,
        type=ctype,
        severity=severity_for(score, ctype),
        score=score,
        subject=subject,
        message=message,
        claims=sides,
        rule=rule,
        majority=majority,
        outliers=outliers,
    )


def _display(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _conflict_claim(c: Claim, value: Any, sentences: Any) -> ConflictClaim:
    s: Sentence = sentences[(c.source_id, c.sentence_index)]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return ConflictClaim(
        source=c.source_id,
        text=s.text,
        start=s.start,
        end=s.end,
        quote=c.quote,
        quote_start=c.start,
        quote_end=c.end,
        value=value,
        attribution=c.attribution,
        before=_neighbour(sentences, c.source_id, c.sentence_index - 1),
        after=_neighbour(sentences, c.source_id, c.sentence_index + 1),
    )


def _neighbour(sentences: Any, source: str, index: int) -> str:
    s = sentences.get((source, index)) if index >= 0 else None
    return s.text if s is not None and not s.furniture else ""


def sort_conflicts(conflicts: Sequence[Conflict]) -> tuple[Conflict, ...]:
    """Severity, then score (highest first), then id: the same input gives the same order."""
    unique = {c.id: c for c in conflicts}
    return tuple(sorted(unique.values(), key=lambda c: (c.severity.rank, -c.score, c.id)))


def without_repeats(conflicts: Sequence[Conflict]) -> list[Conflict]:
    """The conflicts less any whose every side quotes words an earlier conflict already
    quotes in the same source: one disagreement found twice (by two rules, or two ways) is
    reported once, as first found. Conflicts between whole sentences (POL, NLI: a negation,
    an inference) say something else than a value in them, and are always kept."""
    kept: list[Conflict] = []
    quoted: dict[str, list[tuple[int, int]]] = {}
    for c in conflicts:
        if all(cc.quote_start == cc.start and cc.quote_end == cc.end for cc in c.claims):
            kept.append(c)
            continue
        if all(
            any(s < cc.quote_end and cc.quote_start < e for s, e in quoted.get(cc.source, ()))
            for cc in c.claims
        ):
            continue
        kept.append(c)
        for cc in c.claims:
            quoted.setdefault(cc.source, []).append((cc.quote_start, cc.quote_end))
    return kept
