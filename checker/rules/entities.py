"""ENT: named entities; near-identical sentences that swap one name for another."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from checker.attribution import attribution
from checker.gazetteer import country_of
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.names import find_names
from checker.rules.base import CompareContext, Document
from checker.rules.pairwise import PairPolicy, pairwise_conflicts
from checker.text import STOPWORDS


class EntityRule:
    """Flags aligned sentences that say the same thing of different places or organisations.

    Only the plain case is flagged: very similar sentences, one name differing on each side,
    in the same slot (the same words before it), and neither source naming the other's entity
    anywhere.
    """

    code = "ENT"
    conflict_type = ConflictType.ENTITY

    def __init__(self, min_sim: float = 0.8) -> None:
        self.min_sim = min_sim

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        if sentence.furniture:
            return []
        text = sentence.text
        who = attribution(text)
        claims = []
        for n in find_names(text):
            before = [w.lower().strip(",;:“”\"'") for w in text[: n.start].split()][-2:]
            slot = " ".join(w for w in before if w)
            kind = "place" if country_of(n.text) else "name"
            claims.append(
                Claim(
                    rule=self.code,
                    kind=ClaimKind.ENTITY,
                    source_id=sentence.source_id,
                    sentence_index=sentence.index,
                    start=sentence.start + n.start,
                    end=sentence.start + n.end,
                    quote=n.text,
                    value=n.key,
                    key=kind,
                    attribution=who,
                    extra=(("slot", slot), ("sentence_start", n.start == 0)),
                )
            )
        return claims

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        names_in: dict[str, set[str]] = defaultdict(set)
        per_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
        for c in claims:
            canon = ctx.names.canonical(c.value)
            names_in[c.source_id].add(canon)
            per_sentence[(c.source_id, c.sentence_index)].add(canon)

        def judge(a: Claim, b: Claim, sim: float) -> tuple[bool, float] | None:
            ca, cb = ctx.names.canonical(a.value), ctx.names.canonical(b.value)
            if ctx.names.same(ca, cb):
                return True, 0.0
            only_a = per_sentence[(a.source_id, a.sentence_index)] - per_sentence[
                (b.source_id, b.sentence_index)
            ]
            only_b = per_sentence[(b.source_id, b.sentence_index)] - per_sentence[
                (a.source_id, a.sentence_index)
            ]
            if only_a != {ca} or only_b != {cb}:
                return None
            if a.key != b.key or a.get("slot") != b.get("slot") or not a.get("slot"):
                return None
            if set(a.get("slot").split()) <= STOPWORDS and sim < 0.85:
                return None
            if any(ctx.names.same(cb, n) for n in names_in[a.source_id]) or any(
                ctx.names.same(ca, n) for n in names_in[b.source_id]
            ):
                return None
            return False, sim

        policy = PairPolicy(
            ctype=self.conflict_type,
            rule=self.code,
            min_sim=self.min_sim,
            judge=judge,
            same_thing=lambda a, b: False,
            agree=lambda a, b: ctx.names.same(a.value, b.value),
            subject=lambda cs: f"{cs[0].key} after “{cs[0].get('slot')}”",
            value=lambda c: c.quote,
        )
        return pairwise_conflicts(claims, ctx, policy)
