"""NUM: quantities (counts, money, percentages, measures) and their disagreements."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from checker.addresses import clock_spans, labelled
from checker.ages import person_ages
from checker.attribution import attribution
from checker.dates import dates_agree, find_dates
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.numbers import Quantity, find_quantities
from checker.pairing import claim_key
from checker.predicates import predicate
from checker.rules.base import CompareContext, Document
from checker.rules.pairwise import PairPolicy, pairwise_conflicts
from checker.samefact import judge_pairs
from checker.text import content_lemmas, head_concept, tokens

WINDOW = 6  # words each side of a number that say what it is about


class NumericRule:
    """Flags two sources giving incompatible quantities of the same fact in aligned sentences.

    Whether two quantities state the same fact is the learned same-fact model's decision
    (`checker.samefact`); this rule only says which quantities are comparable at all (same
    dimension and counted noun) and when two values agree (intervals, rounding, hedges).

    min_sim: the least sentence similarity at which numbers are compared.
    min_same: the least same-fact probability for a disagreement to be reported (None: the
    model's own threshold, tuned on the dev split).
    """

    code = "NUM"
    conflict_type = ConflictType.NUMERIC

    def __init__(self, min_sim: float = 0.4, min_same: float | None = None) -> None:
        self.min_sim = min_sim
        self.min_same = min_same

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        if sentence.furniture:
            return []
        text = sentence.text
        dates = find_dates(text)
        # A clock time is no quantity (block numbers are left out by `find_quantities`).
        skip = [(d.start, d.end) for d in dates] + list(clock_spans(text))
        toks = tokens(text)
        who = attribution(text)
        when = tuple(sorted({d.value for d in dates if not d.reporting}))
        claims = []
        ages = {(p.start, p.end): p.name for p in person_ages(text)}
        for q in find_quantities(text, skip):
            value, low, high = q.in_base()
            person = next((n for (s, e), n in ages.items() if s < q.end and q.start < e), "")
            near = [t for t in toks if t.end <= q.start or t.start >= q.end]
            before = [t for t in near if t.end <= q.start][-WINDOW:]
            rest = [t for t in near if t.start >= q.end]
            after = rest[:WINDOW]
            inside = [t for t in toks if q.start <= t.start < q.end]
            context = content_lemmas(before + after) - {q.head, head_concept(q.head)}
            surface = tuple(sorted(_surface(before + after, context).items()))
            claims.append(
                Claim(
                    rule=self.code,
                    kind=ClaimKind.NUMBER,
                    source_id=sentence.source_id,
                    sentence_index=sentence.index,
                    start=sentence.start + q.start,
                    end=sentence.start + q.end,
                    quote=text[q.start : q.end],
                    value=q.value,
                    key=_key(q, text[q.end :]),
                    low=low,
                    high=high,
                    unit=q.unit.name if q.unit else "",
                    context=tuple(sorted(context)),
                    attribution=who,
                    extra=(
                        ("hedge", q.hedge),
                        ("superseded", q.superseded),
                        ("of", q.of_words),
                        ("base", value),
                        ("when", when),
                        ("modifier", q.modifier),
                        ("surface", surface),
                        ("head", q.head),
                        ("trend", _trend(text[: q.start])),
                        ("person", person),
                        ("predicate", predicate(inside, before, rest)),
                    ),
                )
            )
        return claims

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        # a named person's age is AGE's; a link, a telephone number or "Image 12 of 33" only
        # labels (left out here, not in extraction, which the same-fact model was trained on)
        claims = [c for c in claims if not c.get("person") and not labelled(c, ctx.sentences)]
        verdicts = judge_pairs(
            claims,
            ctx,
            comparable=lambda a, b: comparable(a, b) and same_predicate(a, b),
            agree=_agree,
            min_sim=self.min_sim,
            min_same=self.min_same,
        )
        past = _superseded_by_sentence(claims)

        def judge(a: Claim, b: Claim, sim: float) -> tuple[bool, float] | None:
            verdict = verdicts.get((claim_key(a), claim_key(b)))
            if verdict is not None and not verdict[0] and (_was(a, b, past) or _was(b, a, past)):
                return True, verdict[1]  # "37, up from 29" against "29": the earlier figure
            if verdict is not None and not verdict[0] and (_later(a, b) or _later(b, a)):
                return True, verdict[1]  # "the toll rose to 37" against "29": a running total
            return verdict

        policy = PairPolicy(
            ctype=self.conflict_type,
            rule=self.code,
            min_sim=self.min_sim,
            judge=judge,
            # A source that states the other's value elsewhere about the same kind of thing
            # is counting something else here.
            same_thing=_same_kind,
            agree=_agree,
            subject=_subject,
            value=lambda c: c.value,
        )
        return pairwise_conflicts(claims, ctx, policy)


_TREND = re.compile(
    r"\b(?:(?P<up>rose|rises|risen|rising|climbed|climbs|climbing|increased|increases|jumped|"
    r"grew|grows|soared|swelled)|(?P<down>fell|falls|fallen|dropped|drops|declined|decreased|"
    r"shrank|slipped))\s+to\s+(?:about\s+|at\s+least\s+|nearly\s+)?$",
    re.I,
)


def _trend(before: str) -> int:
    """+1 for a value a count rose to ("the toll rose to 37"), -1 for one it fell to."""
    m = _TREND.search(before[-60:])
    if m is None:
        return 0
    return 1 if m.group("up") else -1


def _later(a: Claim, b: Claim) -> bool:
    """Is `a` the later state of a running figure that `b` gives at an earlier one?"""
    trend = a.get("trend") or 0
    va, vb = a.get("base", 0.0) or 0.0, b.get("base", 0.0) or 0.0
    return (trend > 0 and va > vb) or (trend < 0 and va < vb)


def _superseded_by_sentence(claims: Sequence[Claim]) -> dict[tuple[str, int], list[Claim]]:
    out: dict[tuple[str, int], list[Claim]] = {}
    for c in claims:
        if c.get("superseded"):
            out.setdefault((c.source_id, c.sentence_index), []).append(c)
    return out


def _was(a: Claim, b: Claim, past: dict[tuple[str, int], list[Claim]]) -> bool:
    """Does `b`'s sentence give `a`'s value as the figure it replaced ("up from 29")?"""
    return any(
        p.key == b.key and _agree(a, p) for p in past.get((b.source_id, b.sentence_index), ())
    )


def comparable(a: Claim, b: Claim) -> bool:
    """Could these two quantities be one fact at all? Same dimension and counted noun (or a
    bare count, or people under two names), neither a superseded figure, and within a factor
    of ten of each other (15 and 1,700 deaths are different tallies, not one misreported)."""
    if a.rule != b.rule:
        return False
    if a.key != b.key and not _generic_people(a, b) and not _bare_meets(a, b):
        return False
    if a.get("superseded") or b.get("superseded"):
        return False
    of_a, of_b = set(a.get("of") or ()), set(b.get("of") or ())
    if of_a and of_b and not (of_a & of_b):
        return False  # "7 flybys of Venus" and "24 flybys of the Sun" count different things
    if not _same_time(a, b):
        return False  # running totals of two different days ("29 by Wednesday", "37 Thursday")
    va, vb = abs(a.get("base", 0.0) or 0.0), abs(b.get("base", 0.0) or 0.0)
    return not max(va, vb) > 10 * min(va, vb)


def same_predicate(a: Claim, b: Claim) -> bool:
    """False for two counts of people that say different things happened to them ("four
    people shot", "one person killed"; `checker.predicates`). Checked before the same-fact
    model, which was trained without it."""
    pa, pb = a.get("predicate") or "", b.get("predicate") or ""
    return not (pa and pb and pa != pb)


def _same_time(a: Claim, b: Claim) -> bool:
    """False when both sentences are dated and no date of one can be a date of the other."""
    wa, wb = a.get("when") or (), b.get("when") or ()
    if not wa or not wb:
        return True
    return any(dates_agree(x, y) for x in wa for y in wb)


def _bare_meets(a: Claim, b: Claim) -> bool:
    """A bare count ("40 were hurt") may be a count of anything named in the other."""
    dim_a, _, head_a = a.key.partition(":")
    dim_b, _, head_b = b.key.partition(":")
    return dim_a == dim_b == "count" and "_" in (head_a, head_b)


_RELATIVE = re.compile(r"\s+(ago|later|earlier|before|after|afterwards|since|previously)\b", re.I)


def _key(q: Quantity, rest: str) -> str:
    """What a quantity can be compared with: its dimension and counted noun.

    Durations that place an event relative to another ("150 million years ago", "ten
    years later") are keyed by that relation, so they never meet plain durations.
    """
    rel = _RELATIVE.match(rest)
    if q.dimension == "duration" and rel:
        return f"duration:{rel.group(1).lower()}"
    if q.unit is None:
        return f"count:{head_concept(q.head) if q.head else '_'}"
    return f"{q.dimension}:"


_PEOPLE = frozenset(
    [
        "person",
        "man",
        "woman",
        "worker",
        "miner",
        "passenger",
        "resident",
        "victim",
        "student",
        "teacher",
        "soldier",
        "protester",
        "supporter",
        "employee",
        "patient",
        "civilian",
        "migrant",
        "refugee",
        "fan",
        "spectator",
    ]
)


def _generic_people(a: Claim, b: Claim) -> bool:
    """Counts of people under two names: "40,000 people" may be the same crowd as "25,000
    teachers", "nine men" the same miners as "seven miners"; other nouns must match."""
    if not (a.key.startswith("count:") and b.key.startswith("count:")):
        return False
    head_a, head_b = a.key[6:], b.key[6:]
    if head_a not in _PEOPLE or head_b not in _PEOPLE:
        return False
    return bool({head_a, head_b} & {"person", "man", "woman"})


def _same_kind(a: Claim, b: Claim) -> bool:
    """Could these be the same quantity? Same dimension, and the same noun unless one is bare.

    Used to excuse a disagreement: a source that also states the other's value ("a dozen
    killed and 45 injured" against "45 hurt and 12 died") is counting other things.
    """
    dim_a, head_a = a.key.split(":", 1)
    dim_b, head_b = b.key.split(":", 1)
    if dim_a != dim_b or (head_a != head_b and "_" not in (head_a, head_b)):
        return False
    if a.get("superseded") or b.get("superseded"):
        return False  # "down from 33.5 percent" is a past figure, not a second reading
    # "up to 230 km/h" (gusts) says little about sustained winds of 215
    return _bounded(a) and _bounded(b)


def _bounded(c: Claim) -> bool:
    lo, hi = _bounds(c)
    return math.isfinite(hi) and lo > 0 and hi - lo <= 0.25 * abs(c.get("base", c.value) or 1)


def _agree(a: Claim, b: Claim) -> bool:
    if _block_holds(a, b) or _block_holds(b, a):
        return True
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    if a.unit != b.unit:
        # Conversions between units are themselves rounded ("155 miles" for 250 km), and
        # "eight weeks" and "two months" are the same span in everyday speech.
        share = 0.1 if a.key.startswith("duration") and b.key.startswith("duration") else 0.04
        slack = share * max(abs(a.get("base", 0.0)), abs(b.get("base", 0.0)))
        lo_a, hi_a = lo_a - slack, hi_a + slack
    return lo_a <= hi_b and lo_b <= hi_a


_ONE_BLOCK = re.compile(r"\d[\d,]*\s+(?:block|blk)", re.I)  # singular: one block's quote


def _block_holds(block: Claim, other: Claim) -> bool:
    """Is `other`, a bare number, a house number of the hundred that `block` names? "The
    9200 block" is the house numbers 9200-9299, so "at 9210 S. Hosmer Street" (a house number
    reads as a bare count) is inside it; two blocks are two places ("the 14600 block" and "the
    14500 block"), and so are two house numbers."""
    if block.key != "count:block" or other.key != "count:_":
        return False
    if not _ONE_BLOCK.fullmatch(block.quote):
        return False  # "200 blocks away" counts blocks; "the 9200 block" names one
    first = float(block.value)
    return first >= 100 and first % 100 == 0 and first <= float(other.value) < first + 100


def _bounds(c: Claim) -> tuple[float, float]:
    lo = c.low if c.low is not None else float(c.value)
    hi = c.high if c.high is not None else float(c.value)
    return lo, hi


# Words a subject never shows: they say how a sentence runs, not what the number counts.
# fmt: off
_NOT_SUBJECT = frozenset({
    "including", "excluding", "following", "regarding", "concerning", "during", "despite", "amid",
    "among", "against", "without", "within", "also", "just", "only", "about", "around", "nearly",
    "almost", "roughly", "some", "more", "than", "less", "least", "most", "over", "under", "into",
    "after", "before", "since", "until", "like", "such", "each", "every", "other", "both", "all",
    "any", "another", "were", "was", "been", "being", "have", "has", "had", "will", "would",
    "could", "should", "may", "might", "there", "here", "this", "that", "these", "those", "which",
    "who", "whom", "whose", "what", "when", "where",
})
# fmt: on


def _subject(claims: Sequence[Claim]) -> str:
    first = claims[0]
    dimension, head = first.key.split(":", 1)
    head = first.get("head") or head
    what = head if head not in ("", "_") else (first.unit or "number")
    if dimension == "percent":
        of = first.get("of") or ()
        what = "percent of " + " ".join(of[:2]) if of else "percent"
    shared = set(first.context)
    for c in claims[1:]:
        if c.source_id != first.source_id:
            shared &= set(c.context)
    surface = dict(first.get("surface") or ())
    words = _subject_words(str(surface.get(w, w)) for w in shared)
    return f"{what} ({', '.join(words[:4])})" if words else what


def _subject_words(words: Iterable[str]) -> list[str]:
    """The shared context words that identify the fact, sorted: no function words, and names
    (capitalised words) only when no common word is left ("fee (Halvorsen)")."""
    kept = sorted({w for w in words if w.lower() not in _NOT_SUBJECT}, key=str.lower)
    common = [w for w in kept if not w[:1].isupper()]
    return common or kept[:2]


def _surface(toks: list, stems: set[str]) -> dict[str, str]:
    """Map each context stem to the first word that gave it, for readable subjects."""
    out: dict[str, str] = {}
    for t in toks:
        for stem in content_lemmas([t]):
            if stem in stems and stem not in out:
                # A capital at the sentence's start is not a name ("Turnout was 61 percent").
                out[stem] = t.text.lower() if t.start == 0 and t.text[1:].islower() else t.text
    return out
