"""Claims as frames: what is stated, of whom, when, its value as an interval, its masked context.

A `Frame` is the view of one typed claim that the pairing step and the same-fact model look
at. It is built from the claim and its sentence alone, so the same claim always gives the same
frame, in an audit and in training.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.model import Claim, Sentence
from checker.names import find_names
from checker.predicates import CLAUSE_BREAKS
from checker.text import Token, content_lemmas, tokens

WINDOW = 6  # words each side of the value that say what it is about
MASK = "#"  # stands for the value in the masked context
NEAR_CHARS = 60  # a name this close to a value, in its clause, is whom the value is of
# A lifespan in brackets after a name, "(8 September 1838 – 2 March 1881)": the date before
# the dash is a birth, the one after it a death, though no word says so.
LIFE_YEARS = (15, 120)
_DASH = r"\s*[–—-]\s*"
_LIFE_START = re.compile(r"\(\s*(?:c\.|ca\.|circa)?\s*$")
_LIFE_START_END = re.compile(_DASH + r"[^()]{1,40}\)")
_LIFE_END_START = re.compile(r"\([^()]{1,40}?" + _DASH + r"$")
_LIFE_END = re.compile(r"\s*\)")
_BREAKS = CLAUSE_BREAKS | {"(", ")"}  # a bracket ends a value's clause too


@dataclass(frozen=True, slots=True)
class Frame:
    """One claim as a frame.

    `attribute`: what is stated (the counted noun or measured dimension, a date's
    granularity); `subjects`: canonical keys of the names in the sentence; `when`: the dates
    the sentence gives (numbers only); `low`/`high`: the value as an interval (for dates,
    both NaN); `window`: the words around the value with the value masked, the text embedded
    for the masked-context similarity; `position`: where the value sits in its sentence, 0..1;
    `near`: the concepts (`checker.text.content_lemmas`) of the content word nearest the value
    on each side within its clause, names left out ("died" in "died in Taiwan in 1972"), the
    word that binds the value to an event; `concepts`: those of every window word.
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
    near: frozenset[str] = frozenset()
    concepts: frozenset[str] = frozenset()
    near_names: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, int]:
        return (self.claim.source_id, self.claim.sentence_index)


def make_frame(claim: Claim, sentence: Sentence) -> Frame:
    """The frame of `claim`, found in `sentence` (offsets of both are into the source text)."""
    text = sentence.text
    q0, q1 = claim.start - sentence.start, claim.end - sentence.start
    toks = tokens(text)
    before = [t for t in toks if t.end <= q0][-WINDOW:]
    after = [t for t in toks if t.start >= q1][:WINDOW]
    window = " ".join([*(t.text for t in before), MASK, *(t.text for t in after)])
    low = claim.low if claim.low is not None else _as_float(claim.value)
    high = claim.high if claim.high is not None else _as_float(claim.value)
    names = [(s, e, k) for s, e, k in _names(text) if not (s < q1 and q0 < e) and k]
    subjects = frozenset(k for _, _, k in names)
    life, bracket = _lifespan(text, names, q0, q1) if claim.rule == "DATE" else (set(), q0)
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
        near=frozenset(_nearest(reversed(before)) | _nearest(after) | life),
        concepts=frozenset(content_lemmas(before + after) | life),
        near_names=_near_names(text, names, bracket if life else q0, q1),
    )


def _lifespan(
    text: str, names: list[tuple[int, int, str]], q0: int, q1: int
) -> tuple[set[str], int]:
    """For a date that opens or closes a lifespan in brackets right after one of `names`, the
    concept it is a date of ("born", "die") and where its bracket opens, so that name is whom
    the date is of; (empty, q0) for any other value. A lifespan runs LIFE_YEARS years: the
    shorter spans that follow places and offices ("Honolulu (1999 - 2003)") are not one, and
    a span after anything but a name is a term or a run."""
    head, tail = text[:q0], text[q1:]
    if _LIFE_START.search(head) and (m := _LIFE_START_END.match(tail)):
        found, bracket, inside = "born", head.rindex("("), text[q0 : q1 + m.end()]
    elif (m := _LIFE_END_START.search(head)) and _LIFE_END.match(tail):
        found, bracket, inside = "died", m.start(), text[m.start() : q1]
    else:
        return set(), q0
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", inside)]
    if len(years) != 2 or not LIFE_YEARS[0] <= years[1] - years[0] <= LIFE_YEARS[1]:
        return set(), q0
    if not any(e <= bracket and re.fullmatch(r"[\s,]*", text[e:bracket]) for _, e, _ in names):
        return set(), q0
    return content_lemmas(tokens(found)), bracket


def _near_names(text: str, names: list[tuple[int, int, str]], q0: int, q1: int) -> frozenset[str]:
    """The name nearest the value within its clause and NEAR_CHARS, of whom the value is
    said ("Smith, 25", "25-year-old Smith"); empty if none."""
    near = [(q0 - e, k) for s, e, k in names if e <= q0 and _clause(text[e:q0])]
    near += [(s - q1, k) for s, e, k in names if s >= q1 and _clause(text[q1:s])]
    return frozenset([min(near)[1]]) if near else frozenset()


def _clause(between: str) -> bool:
    return len(between) <= NEAR_CHARS and not any(ch in _BREAKS for ch in between)


def _nearest(side: Iterable[Token]) -> set[str]:
    """The concept of the first content word in `side` before a clause break (names, numbers
    and stopwords are passed over); none if the clause ends first."""
    for t in side:
        if t.text in _BREAKS:
            break
        if len(t.text) >= 3 and not t.text[0].isupper() and (found := content_lemmas([t])):
            return found
    return set()


def _names(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((n.start, n.end, n.key) for n in find_names(text))  # found once a sentence


def _as_float(value: object) -> float:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return out
