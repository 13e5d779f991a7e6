"""ENT: named entities; near-identical sentences that swap one name for another."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from checker import tables
from checker.addresses import labelled
from checker.attribution import attribution
from checker.gazetteer import country_of
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.names import find_names, title_case
from checker.rules.base import CompareContext, Document
from checker.rules.pairwise import PairPolicy, pairwise_conflicts
from checker.rules.swaps import name_swaps
from checker.spelling import spelling_variants
from checker.text import STOPWORDS, lemma, stem

# "in Vientiane", "at the Guildhall": a name right after a locative preposition is a place.
_LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)
_REPORTING = frozenset(["said", "say", "says", "told", "tell", "according", "added", "noted"])
# "You've", "It's": a capitalised function word with a clitic, not a name
_CLITIC = re.compile(r"^(\w+)['’](?:ve|ll|re|d|m|s|t)$", re.I)
# "D-Wash.", "R-Texas": a legislator's party and state, not a name
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z][a-z]{0,9}\.?$")
_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-z'’-]*(?![A-Za-z])")
_CREDIT_SPAN = 3  # a name this many words after a credit word is a credit
# where a clause begins, so a capital letter says nothing: "Winona police: Victim of ..."
_CLAUSE_START = re.compile(r"(?:^|[:;–—(“\"]|\s-)\s*$")


_CREDITS = tables.words("entity_credit_words.txt")


def _stem(word: str) -> str:
    return stem(lemma(word))


def _bare(word: str) -> str:
    """A word lower-cased without the punctuation around it ("" for punctuation alone)."""
    return word.lower().strip(".,;:!?()[]{}“”\"'‘’/|-–—")


def _not_a_name(text: str) -> bool:
    m = _CLITIC.match(text)
    return bool(m and m.group(1).lower() in STOPWORDS) or bool(_PARTY_TAG.match(text))


def _cased(c: Claim) -> bool:
    """Whether the claim's capitals are a sign of a name: not a headline in title case, and
    not one word where a clause begins ("Victim of Friday night shooting died")."""
    return not c.get("title_case") and not (c.get("clause_start") and " " not in c.quote)


def _lower_case_words(sentences: Iterable[Sentence]) -> frozenset[str]:
    """The words the batch writes in lower case somewhere."""
    return frozenset(w for s in sentences for w in _WORD.findall(s.text))


def _common_words(name: str, common: frozenset[str]) -> bool:
    words = [w for w in re.split(r"[\s/]+", name) if any(ch.isalpha() for ch in w)]
    return bool(words) and all(_bare(w) in common for w in words)


class EntityRule:
    """Flags aligned sentences that say the same thing of different places or organisations.

    Only the plain cases are flagged, with neither source naming the other's entity anywhere:
    aligned sentences naming different entities in the same slot (the same two words before
    the name, one of them a content word: "held in", "village of"), and two versions of one
    sentence with one name changed (`checker.rules.swaps`).
    """

    code = "ENT"
    conflict_type = ConflictType.ENTITY

    def __init__(
        self, min_sim: float = 0.55, min_place_sim: float = 0.6, min_swap_sim: float = 0.5
    ) -> None:
        self.min_sim = min_sim
        self.min_place_sim = min_place_sim
        self.min_swap_sim = min_swap_sim

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        if sentence.furniture:
            return []
        text = sentence.text
        who = attribution(text)
        claims = []
        names = find_names(text)
        places = [n for n in names if _LOCATIVE.search(text[: n.start])]
        headline = title_case(text)
        for n in names:
            if _not_a_name(n.text):
                continue
            before = [_bare(w) for w in text[: n.start].split()]
            if _CREDITS & set(before[-_CREDIT_SPAN:]):
                continue
            slot = " ".join(_stem(w) for w in [w for w in before if w][-2:])
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
                    extra=(
                        ("slot", slot),
                        ("clause_start", bool(_CLAUSE_START.search(text[: n.start]))),
                        ("locative", n in places),
                        ("n_places", len(places)),
                        ("title_case", headline),
                    ),
                )
            )
        return claims

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        # a name inside a link, one made of words the sources also write in lower case
        # ("Toddler" and "Young Child Wounded" in headlines; its fullest form, so "Young" of
        # "Cy Young" stays a name), or one only ever capitalised where any word would be, is
        # no name to compare
        common = _lower_case_words(ctx.sentences.values())
        keyed = [(c, ctx.names.canonical(c.value)) for c in claims]
        # a name counts where the batch writes it capitalised in running text at least once
        cased = {k for c, k in keyed if _cased(c)}
        claims = [
            c
            for c, k in keyed
            if k in cased and not labelled(c, ctx.sentences) and not _common_words(k, common)
        ]
        names_in: dict[str, set[str]] = defaultdict(set)
        for c in claims:
            names_in[c.source_id].add(ctx.names.canonical(c.value))

        def judge(a: Claim, b: Claim, sim: float) -> tuple[bool, float] | None:
            slot = a.get("slot")
            if not slot or a.key != b.key:
                return None
            if slot != b.get("slot"):
                if not (a.get("locative") and b.get("locative") and sim >= self.min_place_sim):
                    return None
                if a.key != "place":  # "in the Rose Garden" / "in San Diego": not one slot
                    return None
                # "met in Vientiane" / "the gathering in Phnom Penh": where one event
                # happened, in closely aligned sentences whose other words agree
                if a.get("n_places", 0) != 1 or b.get("n_places", 0) != 1:
                    return None
            elif not set(slot.split()) - STOPWORDS - _REPORTING:
                return None  # "in X" vs "in Y": too loose to be the same slot
            ca, cb = ctx.names.canonical(a.value), ctx.names.canonical(b.value)
            if ctx.names.same(ca, cb) or spelling_variants(ca, cb):
                return True, 0.0
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
        # two versions of one sentence with one name changed come first (see `swaps`): the
        # same names found by the slot comparison are dropped as repeats (`api._compare`)
        return name_swaps(ctx, self.min_swap_sim) + pairwise_conflicts(claims, ctx, policy)
