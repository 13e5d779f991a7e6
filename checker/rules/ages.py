"""AGE: one named person given different ages by different sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from checker.ages import person_ages
from checker.attribution import attribution
from checker.conflicts import build_conflict
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.names import SUFFIXES, cluster_names, normalise
from checker.rules.base import CompareContext, Document


class AgeRule:
    """Flags a person whose age differs between sources.

    The age is bound to the name written next to it ("39-year-old Jose Luis Robles", "Dennis
    Clark III, 27,"), so two ages are compared only when they are of one person: the same
    surname, and names that are one person's (`NameIndex.same`). A source that gives one
    person two ages is not used for that person. Unbound ages ("a 40-year-old man") are left
    to NUM.
    """

    code = "AGE"
    conflict_type = ConflictType.NUMERIC

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        if sentence.furniture:
            return []
        text = sentence.text
        out = []
        for p in person_ages(text):
            lo, hi = min(p.start, p.name_start), max(p.end, p.name_end)
            out.append(
                Claim(
                    rule=self.code,
                    kind=ClaimKind.NUMBER,
                    source_id=sentence.source_id,
                    sentence_index=sentence.index,
                    start=sentence.start + lo,
                    end=sentence.start + hi,
                    quote=text[lo:hi],
                    value=p.age,
                    key="age",
                    unit="year",
                    attribution=attribution(text),
                    extra=(("person", p.name),),
                )
            )
        return out

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        people = _people([c.get("person") for c in claims], ctx)
        stated: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        for c in claims:
            stated[people[c.get("person")]][c.source_id].append(c)
        out = []
        for person, by_source in sorted(stated.items()):
            # one age per source: a source that says two is no evidence either way
            usable = [cs for cs in by_source.values() if len({c.value for c in cs}) == 1]
            groups: dict[int, list[Claim]] = defaultdict(list)
            for cs in usable:
                groups[cs[0].value].extend(cs)
            if len(groups) < 2:
                continue
            ranked = sorted(groups.items(), key=lambda kv: -len({c.source_id for c in kv[1]}))
            out.append(
                build_conflict(
                    ctype=self.conflict_type,
                    rule=self.code,
                    subject=f"age of {_fullest(claims, person, people)}",
                    groups=ranked,
                    score=0.9,
                    sentences=ctx.sentences,
                    source_order=ctx.source_order,
                )
            )
        return out


def _suffix(name: str) -> str:
    """Jr., Sr., II...: a father and a son share the rest of the name."""
    words = normalise(name).split()
    return words[-1] if words and words[-1] in SUFFIXES else ""


def _suffixes_fit(a: str, b: str) -> bool:
    sa, sb = _suffix(a), _suffix(b)
    return not (sa and sb and sa != sb)


def _surname(name: str) -> str:
    words = [w for w in normalise(name).split() if w not in SUFFIXES]
    return words[-1] if words else ""


def _people(names: list[str], ctx: CompareContext) -> dict[str, str]:
    """Each name to a representative of the person it names, the longest names first."""

    def same(n: str, r: str) -> bool:
        return _surname(n) == _surname(r) and _suffixes_fit(n, r) and ctx.names.same(n, r)

    return cluster_names(names, same)


def _fullest(claims: Sequence[Claim], person: str, people: dict[str, str]) -> str:
    return max((c.get("person") for c in claims if people[c.get("person")] == person), key=len)
