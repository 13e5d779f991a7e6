"""DATE: dates and years given to the same event in aligned sentences."""

from __future__ import annotations

from collections.abc import Sequence

from checker.attribution import attribution
from checker.dates import dates_agree, find_dates
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.rules.base import CompareContext, Document
from checker.rules.pairwise import PairPolicy, pairwise_conflicts
from checker.text import content_lemmas, overlap, tokens

_DATE_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "year",
        "month",
        "week",
        "day",
    ]
)


class DateRule:
    """Flags two sources dating the same event differently.

    min_sim: the least sentence similarity at which dates are compared (the event must match,
    so this is stricter than for numbers); min_context: the least share of shared event words.
    """

    code = "DATE"
    conflict_type = ConflictType.DATE

    def __init__(self, min_sim: float = 0.6, min_context: float = 0.15) -> None:
        self.min_sim = min_sim
        self.min_context = min_context

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        if sentence.furniture:
            return []
        text = sentence.text
        mentions = find_dates(text)
        if not mentions:
            return []
        toks = [t for t in tokens(text) if not any(d.start <= t.start < d.end for d in mentions)]
        context = tuple(sorted(content_lemmas(toks) - _DATE_WORDS))
        who = attribution(text)
        return [
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
                context=context,
                attribution=who,
                extra=(("reporting", d.reporting), ("count", len(mentions))),
            )
            for d in mentions
        ]

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        policy = PairPolicy(
            ctype=self.conflict_type,
            rule=self.code,
            min_sim=self.min_sim,
            judge=self._judge,
            same_thing=lambda a, b: dates_agree(a.value, b.value) is not None,
            agree=lambda a, b: dates_agree(a.value, b.value) is not False,
            subject=_subject,
            value=lambda c: c.value,
        )
        return pairwise_conflicts(claims, ctx, policy)

    def _judge(self, a: Claim, b: Claim, sim: float) -> tuple[bool, float] | None:
        if a.get("reporting") or b.get("reporting"):
            return None
        verdict = dates_agree(a.value, b.value)
        if verdict is None:
            return None
        ctx_overlap = overlap(set(a.context), set(b.context))
        if ctx_overlap < self.min_context:
            return None
        # Sentences with several dates pair them only when the wording is close.
        if (a.get("count", 1) > 1 or b.get("count", 1) > 1) and sim < 0.75:
            return None
        if verdict:
            return True, 0.0
        weekday = a.key == "weekday"
        score = 0.5 * sim + 0.4 * ctx_overlap + (0.0 if weekday else 0.1)
        return False, score


def _subject(claims: Sequence[Claim]) -> str:
    shared = set(claims[0].context)
    for c in claims[1:]:
        if c.source_id != claims[0].source_id:
            shared &= set(c.context)
    words = sorted(shared)[:4]
    return "date of " + (", ".join(words) if words else "event")
