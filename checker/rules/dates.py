"""DATE: dates and years given to the same event in aligned sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.addresses import address_spans, in_address, labelled
from checker.attribution import attribution
from checker.dates import MONTHS, WEEKDAYS, dates_agree, find_dates
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.pairing import claim_key
from checker.predicates import date_event
from checker.rules.base import CompareContext, Document
from checker.rules.pairwise import PairPolicy, pairwise_conflicts
from checker.samefact import judge_pairs
from checker.text import content_lemmas, tokens

_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"year", "month", "week", "day"}


class DateRule:
    """Flags two sources dating the same event differently.

    Whether two dates are given to the same event is the learned same-fact model's decision
    (`checker.samefact`). min_sim: the least sentence similarity at which dates are compared;
    min_same: the least same-fact probability (None: the model's tuned threshold).
    """

    code = "DATE"
    conflict_type = ConflictType.DATE

    def __init__(self, min_sim: float = 0.45, min_same: float | None = None) -> None:
        self.min_sim = min_sim
        self.min_same = min_same

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        if sentence.furniture:
            return []
        text = sentence.text
        addresses = address_spans(text)
        mentions = [d for d in find_dates(text) if not in_address(d.start, d.end, addresses)]
        if not mentions:
            return []
        every = tokens(text)
        toks = [t for t in every if not any(d.start <= t.start < d.end for d in mentions)]
        whole = content_lemmas(toks) - _DATE_WORDS
        events = _lifespan_events(text, mentions)
        who = attribution(text)
        claims = []
        for i, d in enumerate(mentions):
            # With several dates in a sentence, each is about the words around it.
            if len(mentions) > 1:
                near = [t for t in toks if d.start - 60 <= t.start and t.end <= d.end + 40]
                context = content_lemmas(near) - _DATE_WORDS
            else:
                context = set(whole)
            context |= events.get(i, set())
            before = [t for t in toks if t.end <= d.start]
            after = [t for t in toks if t.start >= d.end]
            inside = [t for t in every if d.start <= t.start < d.end]  # `toks` has none
            claims.append(
                Claim(
                    rule=self.code,
                    kind=ClaimKind.DATE,
                    source_id=sentence.source_id,
                    sentence_index=sentence.index,
                    start=sentence.start + d.start,
                    end=sentence.start + d.end,
                    quote=text[d.start : d.end],
                    value=d.value,
                    key=d.granularity,
                    context=tuple(sorted(context)),
                    attribution=who,
                    extra=(
                        ("reporting", d.reporting),
                        ("count", len(mentions)),
                        ("event", date_event(inside, before, after)),
                    ),
                )
            )
        return claims

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        claims = [c for c in claims if not labelled(c, ctx.sentences)]  # years in links
        agree = _dates_agree
        verdicts = judge_pairs(
            claims,
            ctx,
            comparable=lambda a, b: comparable(a, b) and same_event(a, b),
            agree=agree,
            min_sim=self.min_sim,
            min_same=self.min_same,
        )
        policy = PairPolicy(
            ctype=self.conflict_type,
            rule=self.code,
            min_sim=self.min_sim,
            judge=lambda a, b, sim: verdicts.get((claim_key(a), claim_key(b))),
            same_thing=lambda a, b: dates_agree(a.value, b.value) is not None,
            agree=agree,
            subject=_subject,
            value=lambda c: c.value,
        )
        return pairwise_conflicts(claims, ctx, policy)


def _dates_agree(a: Claim, b: Claim) -> bool:
    return dates_agree(a.value, b.value) is not False


def comparable(a: Claim, b: Claim) -> bool:
    """Could these two dates be given to one event at all? Comparable granularity, neither
    only the date something was said, and not a pair of opposed events (a birth, a death)."""
    if a.rule != b.rule or a.get("reporting") or b.get("reporting"):
        return False
    if dates_agree(a.value, b.value) is None:
        return False
    return not _different_events(set(a.context), set(b.context))


def same_event(a: Claim, b: Claim) -> bool:
    """False for dates of events of different classes ("died Wednesday", "made a court
    appearance Thursday"; `checker.predicates.date_event`); "arrested and charged Friday"
    is a date of both, and meets "arrested Thursday". Checked before the same-fact
    model, which was trained without it, as `numeric.same_predicate` is."""
    ea, eb = a.get("event") or "", b.get("event") or ""
    return not (ea and eb and not set(ea.split("|")) & set(eb.split("|")))


# Events that are never the same event: a birth is not a death, an opening not a closing.
_OPPOSED_EVENTS = [
    (content_lemmas(tokens(a)), content_lemmas(tokens(b)))
    for a, b in [
        ("born birth", "died death dies killed"),
        ("opened opening opens launched", "closed closing closes shut"),
        ("founded established formed created", "dissolved disbanded abolished"),
        ("began begins started starts", "ended ends finished"),
        ("arrived arrives", "left departed leaves"),
        ("elected appointed", "resigned ousted dismissed"),
        ("married", "divorced"),
    ]
]


def _different_events(a: set[str], b: set[str]) -> bool:
    for first, second in _OPPOSED_EVENTS:
        if (a & first and b & second and not b & first) or (
            a & second and b & first and not b & second
        ):
            return True
    return False


_BORN = content_lemmas(tokens("born"))
_DIED = content_lemmas(tokens("died"))
_RANGE_BETWEEN = re.compile(r"\s*(?:[-–—]|to|until)\s*$")


def _lifespan_events(text: str, mentions: Sequence) -> dict[int, set[str]]:
    """ "(8 September 1838 – 2 March 1881)": the first date is a birth, the second a death."""
    out: dict[int, set[str]] = {}
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.granularity not in ("day", "year") or b.granularity not in ("day", "year"):
            continue
        if not _RANGE_BETWEEN.match(text[a.end : b.start]):
            continue
        if "(" not in text[max(0, a.start - 40) : a.start]:
            continue
        out[i] = set(_BORN)
        out[i + 1] = set(_DIED)
    return out


def _subject(claims: Sequence[Claim]) -> str:
    shared = set(claims[0].context)
    for c in claims[1:]:
        if c.source_id != claims[0].source_id:
            shared &= set(c.context)
    words = sorted(shared)[:4]
    return "date of " + (", ".join(words) if words else "event")
