"""The pairing step: which two claims may state the same fact, and the features that say so.

Candidates come from the alignment: two frames of one rule in aligned sentences of different
sources, comparable by type (the rule's `comparable`). Every candidate gets the same feature
vector, in an audit and in training (`checker.train`), so the learned same-fact model sees at
run time exactly what it was fitted on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from checker.dates import dates_agree
from checker.frames import Frame, make_frame
from checker.model import Claim, Sentence
from checker.text import overlap

SentenceKey = tuple[str, int]
ClaimKey = tuple[str, int, int]  # (source id, start, end) identifies a claim

# The features, in the order of the model's columns. All are symmetric in the two claims.
FEATURES = (
    "sentence_similarity",  # cosine of the two sentences
    "window_similarity",  # cosine of the masked contexts (the words around each value)
    "context_overlap",  # share of content lemmas around the values in common
    "context_shared",  # how many (at most 5)
    "window_tokens",  # Jaccard of the lower-cased window words
    "same_attribute",  # same counted noun / dimension / granularity
    "bare_attribute",  # one of them counts nothing named ("40 were hurt")
    "same_unit",
    "of_clash",  # both say what they are a share or count of, and nothing in common
    "time_state",  # both sentences dated: +1 the dates agree, -1 they cannot; 0 otherwise
    "subject_overlap",  # share of the sentences' names in common
    "subject_missing",  # one sentence names nobody
    "claims_min",  # comparable claims in the sentence with fewer
    "claims_max",  # ... and in the one with more
    "best_match",  # 1: each is the other's closest window in its sentence; 0.5: one way
    "hedged",  # either value is hedged ("about", "at least") or a range
    "position_gap",  # how far apart the values sit in their sentences (0..1)
    "length_ratio",  # shorter sentence's words / longer's
    "is_date",
    "attribute_class",  # what kind of value: count, money, percent, duration, measure, date part
    "attributed",  # how many of the two sentences are attributed ("police said")
    "near_shared",  # share of each value's nearest words found around the other; -1: none
    "near_names",  # both values bound to a name: +1 a name in common, -1 none; 0 otherwise
)

_CLASSES = {
    "count": 0,
    "currency": 1,  # dimensions "currency:USD", ...
    "percent": 2,
    "duration": 3,
    "year": 5,
    "month": 6,
    "day": 7,
    "weekday": 8,
}


def claim_key(c: Claim) -> ClaimKey:
    return (c.source_id, c.start, c.end)


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two frames that may state the same fact, in sentences of similarity `sim`."""

    a: Frame
    b: Frame
    sim: float


def frames_in(
    claims: Iterable[Claim],
    sentences: Mapping[SentenceKey, Sentence],
    keep: Callable[[Claim], bool] = lambda c: True,
) -> dict[SentenceKey, list[Frame]]:
    """The frames of `claims`, by sentence, in order of position."""
    out: dict[SentenceKey, list[Frame]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (c.source_id, c.start, c.end)):
        key = (c.source_id, c.sentence_index)
        if key in sentences and keep(c):
            out[key].append(make_frame(c, sentences[key]))
    return out


def propose(
    frames: Mapping[SentenceKey, Sequence[Frame]],
    pairs: Iterable[tuple[SentenceKey, SentenceKey, float]],
    comparable: Callable[[Claim, Claim], bool],
    min_sim: float = 0.0,
) -> list[Candidate]:
    """Candidates from sentence pairs (aligned ones in an audit): comparable frames only."""
    out = []
    for sa, sb, sim in pairs:
        if sim < min_sim:
            continue
        for fa in frames.get(sa, ()):
            for fb in frames.get(sb, ()):
                if comparable(fa.claim, fb.claim):
                    out.append(Candidate(fa, fb, sim))
    return out


def window_texts(frames: Mapping[SentenceKey, Sequence[Frame]]) -> list[str]:
    """The distinct masked windows to embed, in a stable order."""
    return sorted({f.window for fs in frames.values() for f in fs})


def features(
    cands: Sequence[Candidate],
    vectors: Mapping[str, np.ndarray],
    frames: Mapping[SentenceKey, Sequence[Frame]],
    comparable: Callable[[Claim, Claim], bool],
) -> np.ndarray:
    """One row of `FEATURES` per candidate. `vectors` maps each window to its unit vector;
    a window without one falls back on the sentence similarity."""
    rows = np.zeros((len(cands), len(FEATURES)), dtype=np.float64)
    best: dict[tuple[int, int], int] = {}  # (id(frame), id(sentence list)) -> index of best
    for i, cd in enumerate(cands):
        a, b = cd.a, cd.b
        wsim = _cos(vectors, a.window, b.window, cd.sim)
        ca, cb = a.claim, b.claim
        ctx_a, ctx_b = set(ca.context), set(cb.context)
        dim_a, _, head_a = a.attribute.partition(":")
        dim_b, _, head_b = b.attribute.partition(":")
        of_a, of_b = set(ca.get("of") or ()), set(cb.get("of") or ())
        sa = frames.get(a.key, ())
        sb = frames.get(b.key, ())
        na = sum(1 for f in sa if comparable(f.claim, cb))
        nb = sum(1 for f in sb if comparable(ca, f.claim))
        ab = _best(best, a, sb, vectors, comparable) is b
        ba = _best(best, b, sa, vectors, comparable) is a
        wt_a, wt_b = _words(a.window), _words(b.window)
        rows[i] = (
            cd.sim,
            wsim,
            overlap(ctx_a, ctx_b),
            min(5, len(ctx_a & ctx_b)),
            len(wt_a & wt_b) / max(1, len(wt_a | wt_b)),
            float(a.attribute == b.attribute),
            float(head_a in ("", "_") or head_b in ("", "_")),
            float(ca.unit == cb.unit),
            float(bool(of_a and of_b and not of_a & of_b)),
            _time_state(a, b),
            overlap(set(a.subjects), set(b.subjects)),
            float(not a.subjects or not b.subjects),
            min(na, nb),
            max(na, nb),
            (ab + ba) / 2,
            float(bool(ca.get("hedge") or cb.get("hedge")) or _wide(a) or _wide(b)),
            abs(a.position - b.position),
            min(a.sentence_words, b.sentence_words) / max(1, a.sentence_words, b.sentence_words),
            float(ca.rule == "DATE"),
            float(_CLASSES.get(dim_a if ca.rule == "NUM" else ca.key, 4)),
            float(bool(ca.attribution)) + float(bool(cb.attribution)),
            _near_shared(a, b),
            _near_names(a, b),
        )
    return rows


def _cos(vectors: Mapping[str, np.ndarray], x: str, y: str, default: float) -> float:
    vx, vy = vectors.get(x), vectors.get(y)
    if vx is None or vy is None:
        return default
    return float(np.dot(vx, vy))


def _best(
    memo: dict[tuple[int, int], int],
    f: Frame,
    others: Sequence[Frame],
    vectors: Mapping[str, np.ndarray],
    comparable: Callable[[Claim, Claim], bool],
) -> Frame | None:
    """The frame among `others` whose window is closest to `f`'s (ties: the first)."""
    key = (id(f), id(others))
    if key not in memo:
        scores = [
            (_cos(vectors, f.window, o.window, 0.0), -j)
            for j, o in enumerate(others)
            if comparable(f.claim, o.claim)
        ]
        memo[key] = -max(scores)[1] if scores else -1
    j = memo[key]
    return others[j] if j >= 0 else None


def _words(window: str) -> set[str]:
    return {w.lower() for w in window.split() if w.isalpha()}


def _time_state(a: Frame, b: Frame) -> float:
    if not a.when or not b.when:
        return 0.0
    return 1.0 if any(dates_agree(x, y) for x in a.when for y in b.when) else -1.0


def _near_shared(a: Frame, b: Frame) -> float:
    """Of the words that bind each value to its event (`Frame.near`), the share found among
    the other value's window words, words of one stem ("survived", "survivors") meeting by
    their first five letters; -1 when neither value has one."""
    total = len(a.near) + len(b.near)
    if not total:
        return -1.0
    return (_found(a.near, b.concepts) + _found(b.near, a.concepts)) / total


def _near_names(a: Frame, b: Frame) -> float:
    if not a.near_names or not b.near_names:
        return 0.0
    return 1.0 if a.near_names & b.near_names else -1.0


def _found(words: frozenset[str], among: frozenset[str]) -> int:
    prefixes = {w[:5] for w in among}
    return sum(1 for w in words if w in among or (len(w) >= 5 and w[:5] in prefixes))


def _wide(f: Frame) -> bool:
    lo, hi = f.low, f.high
    return bool(np.isfinite(lo) and np.isfinite(hi) and hi > lo)
