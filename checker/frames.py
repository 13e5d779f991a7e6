"""Claims as frames: what is stated, of whom, when, its value as an interval, its masked context.

A `Frame` is the view of one typed claim that the pairing step and the same-fact model look
at. It is built from the claim and its sentence alone, so the same claim always gives the same
frame, in an audit and in training.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from checker.model import Claim, Sentence
from checker.names import find_names
from checker.text import tokens

WINDOW = 6  # words each side of the value that say what it is about
MASK = "#"  # stands for the value in the masked context


@dataclass(frozen=True, slots=True)
class Frame:
    """One claim as a frame.

    `attribute`: what is stated (the counted noun or measured dimension, a date's
    granularity); `subjects`: canonical keys of the names in the sentence; `when`: the dates
    the sentence gives (numbers only); `low`/`high`: the value as an interval (for dates,
    both NaN); `window`: the words around the value with the value masked, the text embedded
    for the masked-context similarity; `position`: where the value sits in its sentence, 0..1.
    """

    claim: Claim
    attribute: str
    subjects: frozenset[str]
    when: tuple[str, ...]
    low: float
    high: float
    window: str
    position: float
    sentence_words: int

    @property
    def key(self) -> tuple[str, int]:
        return (self.claim.source_id, self.claim.sentence_index)


def make_frame(claim: Claim, sentence: Sentence) -> Frame:
    """The frame of `claim`, found in `sentence` (offsets of both are into the source text)."""
    text = sentence.text
    q0, q1 = claim.start - sentence.start, claim.end - sentence.start
    toks = tokens(text)
    before = [t.text for t in toks if t.end <= q0][-WINDOW:]
    after = [t.text for t in toks if t.start >= q1][:WINDOW]
    window = " ".join([*before, MASK, *after])
    low = claim.low if claim.low is not None else _as_float(claim.value)
    high = claim.high if claim.high is not None else _as_float(claim.value)
    subjects = frozenset(k for s, e, k in _names(text) if not (s < q1 and q0 < e) and k)
    return Frame(
        claim=claim,
        attribute=claim.key,
        subjects=subjects,
        when=tuple(claim.get("when") or ()),
        low=low,
        high=high,
        window=window,
        position=(q0 + q1) / 2 / max(1, len(text)),
        sentence_words=len(toks),
    )


@lru_cache(maxsize=256)  # each claim of a sentence asks again
def _names(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((n.start, n.end, n.key) for n in find_names(text))


def _as_float(value: object) -> float:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return out
