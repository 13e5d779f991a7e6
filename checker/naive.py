"""The naive comparator the audit is measured against: any two different numbers in similar
sentences.

Every sentence (page furniture left out) is embedded with the same embedder as the audit; two
sentences of different sources whose cosine similarity is at least `NAIVE_SIMILARITY` are
aligned, and an aligned pair is a conflict when both sentences hold numbers and the sets of
their values differ. Numbers are digits (`1,200` is 1200) and the words one to ten and the
tens; nothing else is understood (no units, hedges, dates or names). It exists so that the
audit's figures can be read next to "what a regex and an embedder do".
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from checker.embed import Embedder
from checker.errors import InputError
from checker.ingest import ingest
from checker.model import (
    Conflict,
    ConflictClaim,
    ConflictType,
    Report,
    Sentence,
    Severity,
    Source,
    SourceSummary,
    Stats,
)
from checker.segment import segment

NAIVE_SIMILARITY = 0.6
NAIVE_RULE = "NAIVE"

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])|\b(?:" + "|".join(_WORDS) + r")\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> frozenset[float]:
    """The values of the numbers written in `text`, as the naive comparator reads them."""
    out = set()
    for m in _NUMBER.finditer(text):
        raw = m.group(0)
        word = _WORDS.get(raw.lower())
        out.add(float(word) if word is not None else float(raw.replace(",", "")))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class _Live:
    sentence: Sentence
    numbers: frozenset[float]


def naive_conflicts(
    sources: Sequence[Source], embedder: Embedder, *, threshold: float = NAIVE_SIMILARITY
) -> tuple[Conflict, ...]:
    """Conflicts of the naive comparator between `sources` (one per aligned pair)."""
    live = [
        _Live(s, numbers_in(s.text)) for src in sources for s in segment(src) if not s.furniture
    ]
    with_numbers = [x for x in live if x.numbers]
    if len({x.sentence.source_id for x in with_numbers}) < 2:
        return ()
    vectors = np.asarray(embedder.encode([x.sentence.text for x in with_numbers]), np.float32)
    sims = vectors @ vectors.T
    out: list[Conflict] = []
    for i, a in enumerate(with_numbers):
        for j in range(i + 1, len(with_numbers)):
            b = with_numbers[j]
            if a.sentence.source_id == b.sentence.source_id or sims[i, j] < threshold:
                continue
            if a.numbers == b.numbers:
                continue
            out.append(_conflict(len(out), a, b, float(sims[i, j])))
    return tuple(out)


def _side(x: _Live) -> ConflictClaim:
    s = x.sentence
    value = ", ".join(f"{v:g}" for v in sorted(x.numbers))
    return ConflictClaim(
        source=s.source_id,
        text=s.text,
        start=s.start,
        end=s.end,
        quote=s.text,
        quote_start=s.start,
        quote_end=s.end,
        value=value,
    )


def _conflict(n: int, a: _Live, b: _Live, similarity: float) -> Conflict:
    return Conflict(
        id=f"naive-{n:04d}",
        type=ConflictType.NUMERIC,
        severity=Severity.MEDIUM,
        score=round(similarity, 4),
        subject="numbers",
        message="different numbers in similar sentences",
        claims=(_side(a), _side(b)),
        rule=NAIVE_RULE,
    )


def naive_audit(
    sources: Iterable[str | os.PathLike[str] | Source],
    *,
    embedder: Embedder,
    threshold: float = NAIVE_SIMILARITY,
) -> Report:
    """A report of the naive comparator on `sources`, shaped like the audit's."""
    t0 = time.perf_counter()
    ingested = ingest(list(sources))
    if not ingested.sources:
        raise InputError("no usable source for the naive comparator")
    ordered = sorted(ingested.sources, key=lambda s: s.id)
    conflicts = naive_conflicts(ordered, embedder, threshold=threshold)
    return Report(
        sources=tuple(SourceSummary(s.id, s.path, s.title, 0, 0) for s in ordered),
        conflicts=conflicts,
        stats=Stats(len(ordered), 0, 0, 0, round(time.perf_counter() - t0, 2)),
        skipped=ingested.skipped,
        model=str(getattr(embedder, "name", "")),
    )
