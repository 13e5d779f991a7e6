"""ROLE: who holds which office, scoped by country or organisation, compared across sources."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import partial

from checker import tables
from checker.attribution import attribution
from checker.conflicts import build_conflict
from checker.gazetteer import MULTI_HOLDER_TITLES, TITLES, country_of
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.names import cluster_names, normalise
from checker.pairing import ClaimKey, claim_key
from checker.rules.article_place import article_scope
from checker.rules.base import CompareContext, Document
from checker.rules.pairwise import near_copy
from checker.rules.relations import relation_claims
from checker.rules.role_patterns import NEEDS, NEG_MODS, PATTERNS, has_title
from checker.rules.role_scope import (
    FOR_TITLES,
    TRAVELLING_TITLES,
    locative_scope,
    resolve_scopes,
    scope_of,
    trim_name,
)
from checker.text import folded

_NOT_HOLDER_WORDS = tables.words("role_not_holder_words.txt")


def _met(guard: re.Pattern[str], text: str, met: dict[int, bool]) -> bool:
    found = met.get(id(guard))  # by identity: a pattern's hash reads its whole text
    if found is None:
        found = met[id(guard)] = guard.search(text) is not None
    return found


class RoleRule:
    """Flags different people named as holder of one single-holder office in one scope."""

    code = "ROLE"
    conflict_type = ConflictType.ROLE

    def extract(self, sentence: Sentence, doc: Document) -> list[Claim]:
        if sentence.furniture:
            return []
        text = sentence.text
        found: list[Claim] = []
        taken: list[tuple[int, int]] = []
        if has_title(text):  # every office pattern needs a title; most sentences lack one
            met: dict[int, bool] = {}  # a guard shared by forms is searched once
            for form, pat in PATTERNS:
                if not all(_met(need, text, met) for need in NEEDS.get(form, ())):
                    continue
                for m in pat.finditer(text):
                    claim = self._claim(sentence, m, form, taken, doc)
                    if claim is not None:
                        found.append(claim)
                        taken.append((m.start("name"), m.end("name")))
        found += relation_claims(sentence, doc, taken)
        return sorted(found, key=lambda c: c.start)

    def _claim(
        self,
        sentence: Sentence,
        m: re.Match[str],
        form: str,
        taken: list[tuple[int, int]],
        doc: Document | None,
    ) -> Claim | None:
        text = sentence.text
        ns, ne = m.start("name"), m.end("name")
        if any(ns < b and a < ne for a, b in taken):
            return None
        name = m.group("name")
        name, ne = trim_name(name, ns)
        holder = normalise(name)
        if len(holder) < 2 or country_of(name) or holder in TITLES:
            return None  # "Police Chief C.": an initial is no name to compare
        if _NOT_HOLDER_WORDS & set(holder.split()):
            return None  # "Sheriff Department": the office, not its holder
        title = folded(TITLES, m.group("title"))
        if title.endswith("elect"):
            return None  # an office-holder to be, not the holder
        if title in MULTI_HOLDER_TITLES:
            return None
        mods = (m.groupdict().get("mods") or "").lower()
        before = text[: m.start("title")]
        if re.search(r"\b(?:former|ex|late|then|previous|future|next|outgoing)\b", mods) or (
            NEG_MODS.search(before[-30:]) and form != "after-of"
        ):
            return None
        if re.match(r"-?elect\b", text[m.end("title") :]):
            return None
        if m.groupdict().get("prep") == "for" and title not in FOR_TITLES:
            return None  # "minister for trade": "for" names the portfolio, not the scope
        scope, explicit = "", False
        if "scope" in m.groupdict() and m.group("scope"):
            scope = scope_of(m.group("scope"), title)
            explicit = bool(scope)
            if form == "before" and not scope:
                return None  # "Meanwhile President X": handled by the bare form
        doc_scope = ""
        if not scope:
            scope = locative_scope(text[: m.start()])
            # From the dateline or what the article is about; heads of state and government
            # travel ("President Macron arrived in Kyiv"), so they take it only from a
            # dateline in an article that names no other country.
            if not scope and doc is not None:
                doc_scope = article_scope(doc, title, title in TRAVELLING_TITLES)
        start = sentence.start + min(m.start("title"), ns)
        end = sentence.start + max(m.end("title"), ne)
        return Claim(
            rule=self.code,
            kind=ClaimKind.ROLE,
            source_id=sentence.source_id,
            sentence_index=sentence.index,
            start=start,
            end=end,
            quote=sentence.text[start - sentence.start : end - sentence.start],
            value=name,
            key=title,
            attribution=attribution(text),
            extra=(
                ("scope", scope),
                ("explicit", explicit),
                ("holder", holder),
                ("doc_scope", doc_scope),
            ),
        )

    def compare(self, claims: Sequence[Claim], ctx: CompareContext) -> list[Conflict]:
        offices = [c for c in claims if not c.get("relation")]
        resolved = resolve_scopes(offices, ctx) + _relatives(claims, ctx)
        groups: dict[tuple[str, str], list[tuple[Claim, bool | None]]] = defaultdict(list)
        for c, scope, explicit in resolved:
            groups[(c.key, scope)].append((c, explicit))
        out = []
        for (title, scope), items in sorted(groups.items()):
            by_source: dict[str, set[str]] = defaultdict(set)
            for c, _ in items:
                by_source[c.source_id].add(ctx.names.canonical(c.value))
            clusters = _clusters([h for hs in by_source.values() for h in hs], ctx)
            usable = {s for s, hs in by_source.items() if len({clusters[h] for h in hs}) == 1}
            # A source naming two holders is ambiguous, except where one of its sentences is
            # another source's sentence in a second version with the holder changed.
            copies = _changed_copies([c for c, _ in items], usable, clusters, ctx)
            # a source with a sentence in two versions is quoted there, and only there
            quoted = {c.source_id for c, _ in items if claim_key(c) in copies}
            holders: dict[str, list[Claim]] = defaultdict(list)
            for c, _ in items:
                if claim_key(c) in copies or (c.source_id in usable and c.source_id not in quoted):
                    holders[clusters[ctx.names.canonical(c.value)]].append(c)
            if len(holders) < 2 or len({c.source_id for cs in holders.values() for c in cs}) < 2:
                continue
            all_explicit = all(e for _, e in items)
            from_document = any(e is None for _, e in items)
            group_list = sorted(holders.values(), key=lambda cs: -len({c.source_id for c in cs}))
            shown = {(c.source_id, c.start): _display(cs) for cs in group_list for c in cs}
            subject = f"{title} of {scope}"
            out.append(
                build_conflict(
                    ctype=self.conflict_type,
                    rule=self.code,
                    subject=subject,
                    groups=[(_display(cs), cs) for cs in group_list],
                    score=0.92 if all_explicit else 0.62 if from_document else 0.8,
                    sentences=ctx.sentences,
                    label=partial(_shown, shown),
                    source_order=ctx.source_order,
                )
            )
        return out


def _changed_copies(
    claims: Sequence[Claim], usable: set[str], clusters: dict[str, str], ctx: CompareContext
) -> set[ClaimKey]:
    """Claims of sources that name several holders whose sentence is a near copy of another
    source's sentence naming a different holder (the two versions of one sentence), with
    that other claim."""
    out: set[ClaimKey] = set()
    holder = lambda c: clusters[ctx.names.canonical(c.value)]  # noqa: E731
    for a in claims:
        if a.source_id in usable:
            continue
        for b in claims:
            if b.source_id != a.source_id and holder(b) != holder(a) and near_copy(a, b, ctx):
                out.update((claim_key(a), claim_key(b)))
    return out


def _relatives(
    claims: Sequence[Claim], ctx: CompareContext
) -> list[tuple[Claim, str, bool | None]]:
    """Relation claims with the person they are relative to as their scope: the fullest name
    of that person across sources ("Okafor" and "Ana Okafor" are one)."""
    relations = [c for c in claims if c.get("relation")]
    anchors = _clusters([ctx.names.canonical(c.get("scope")) for c in relations], ctx)
    shown: dict[str, str] = {}
    for c in relations:
        rep = anchors[ctx.names.canonical(c.get("scope"))]
        shown[rep] = max(shown.get(rep, ""), c.get("scope"), key=lambda v: (len(v), v))
    return [
        (c, shown[anchors[ctx.names.canonical(c.get("scope"))]], bool(c.get("explicit")))
        for c in relations
    ]


def _shown(shown: dict[tuple[str, int], str], c: Claim) -> str:
    return shown[(c.source_id, c.start)]


def _clusters(holders: list[str], ctx: CompareContext) -> dict[str, str]:
    """Map each canonical holder to a representative; names that are the same person meet."""
    return cluster_names(holders, ctx.names.same)


def _display(claims: Sequence[Claim]) -> str:
    return max((c.value for c in claims), key=lambda v: (len(v), v))
