"""ROLE: who holds which office, scoped by country or organisation, compared across sources."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache, partial

from checker.attribution import attribution
from checker.conflicts import build_conflict
from checker.dates import MONTHS, WEEKDAYS
from checker.gazetteer import MULTI_HOLDER_TITLES, ORG_SUFFIXES, TITLES, country_of
from checker.model import Claim, ClaimKind, Conflict, ConflictType, Sentence
from checker.names import normalise
from checker.rules.base import CompareContext, Document


def _trie(words: list[str]) -> str:
    """An alternation of `words` as a prefix tree: the same matches as the words longest
    first (two words matching at one place are prefixes of each other, and the longer one is
    tried first), but each position costs a few branches instead of one per word."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


_TITLE = _trie(sorted(TITLES))
_T = rf"(?P<title>(?i:{_TITLE}))"
_ANY_TITLE = re.compile(rf"(?i:{_TITLE})")
_NAMEWORD = r"(?:[A-Z][\w’'-]*[\w]|[A-Z]\.)"
_PARTICLE = r"(?:(?:bin|bint|al|de|van|von|da|di|del|la|le)\s+)?"
_NAME = rf"(?P<name>{_NAMEWORD}(?:\s+{_PARTICLE}{_NAMEWORD}){{0,3}})"
_SCOPEWORDS = r"(?:[A-Z][\w.’'-]*\s+(?:(?:of|for|and|de|del|des|du)\s+)?){0,5}[A-Z][\w.’'-]*"
# Before a title the scope is lazy, so "South Africa's Foreign Minister" keeps the whole title.
_SCOPE_BEFORE = r"(?:[A-Z][\w.’'-]*\s+){0,3}?[A-Z][\w.’'-]*"
_MODS = (
    r"(?:(?i:new|newly[- ]elected|newly[- ]appointed|current|incumbent|acting|interim|sitting|"
    r"long-serving|then|former|late|ex|outgoing|previous|future|next|elected)[- ]+)*"
)
_NEG_MODS = re.compile(
    r"\b(?:former|ex|late|then|onetime|one-time|erstwhile|previous|past|future|next|would-be|"
    r"prospective|candidate|deputy|vice|assistant|elect|hopeful|predecessor|successor)\b[\s-]*\S*\s*$",
    re.I,
)
_PATTERNS = [
    # "Nguyen Phu Trong, the new president of Vietnam"
    (
        "after-of",
        re.compile(
            rf"{_NAME},\s+(?:(?:the|a|its|their)\s+)?(?P<mods>{_MODS}){_T}\s+of\s+"
            rf"(?:the\s+)?(?P<scope>{_SCOPEWORDS})"
        ),
    ),
    # "Jane Roe, Acme's chief executive"
    (
        "after-poss",
        re.compile(
            rf"{_NAME},\s+(?:the\s+)?(?P<scope>{_SCOPE_BEFORE})[’']s\s+"
            rf"(?P<mods>{_MODS}){_T}\b"
        ),
    ),
    # "the president of Kenya, William Ruto"
    (
        "of-name",
        re.compile(
            rf"(?P<mods>{_MODS}){_T}\s+of\s+(?:the\s+)?(?P<scope>{_SCOPEWORDS}),\s+"
            rf"{_NAME}"
        ),
    ),
    # "X is the president of Y"
    (
        "is-of",
        re.compile(
            rf"{_NAME}\s+(?:is|was|became|remains|has been|serves as)\s+(?:the\s+)?"
            rf"(?P<mods>{_MODS}){_T}\s+of\s+(?:the\s+)?(?P<scope>{_SCOPEWORDS})"
        ),
    ),
    # "President Xi of China"
    ("name-of", re.compile(rf"\b{_T}\s+{_NAME}\s+of\s+(?:the\s+)?(?P<scope>{_SCOPEWORDS})")),
    # "Vietnamese President To Lam", "South Korea's National Security Adviser Chang Ho-jin"
    (
        "before",
        re.compile(rf"(?P<scope>{_SCOPE_BEFORE})(?:[’']s)?\s+(?P<mods>{_MODS}){_T},?\s+{_NAME}"),
    ),
    # "President Lam": scope from the context, if any
    ("bare", re.compile(rf"(?P<mods>{_MODS})\b{_T}\s+{_NAME}")),
]
_ORG_TITLES = frozenset(
    {
        "chief executive",
        "chairman",
        "chair",
        "director",
        "manager",
        "head coach",
        "coach",
        "captain",
        "founder",
        "owner",
        "general secretary",
        "secretary-general",
        "president",
        "chief financial officer",
        "chief operating officer",
        "managing director",
        "chief",
        "head",
        "rector",
        "dean",
        "commissioner",
        "editor",
    }
)
# Offices of a city, region or institution: any proper name can scope them.
_LOCAL_TITLES = frozenset(
    {
        "mayor",
        "governor",
        "police chief",
        "police commissioner",
        "chief minister",
        "premier",
        "first minister",
        "rector",
        "vice-chancellor",
        "archbishop",
        "bishop",
        "sheriff",
        "district attorney",
        "chief constable",
        "fire chief",
        "head coach",
        "manager",
        "principal",
        "headteacher",
        "chief justice",
        "speaker",
        "chancellor",
        "emir",
        "king",
        "queen",
    }
)
_TRAVELLING_TITLES = frozenset(
    {
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "emperor",
        "leader",
        "supreme leader",
        "pope",
        "secretary-general",
        "general secretary",
        "emir",
        "sultan",
        "crown prince",
        "vice president",
        "secretary of state",
    }
)
_STOP_SCOPE = (
    frozenset(
        [
            "the",
            "a",
            "an",
            "in",
            "on",
            "at",
            "and",
            "but",
            "or",
            "of",
            "for",
            "to",
            "by",
            "with",
            "from",
            "as",
            "after",
            "before",
            "during",
            "per",
            "said",
            "meanwhile",
            "however",
            "earlier",
            "later",
            "last",
        ]
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)
_LOCATIVE = re.compile(r"\b(?:in|In)\s+(?P<place>(?:[A-Z][\w.’'-]*\s*){1,3})")


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
        if not _ANY_TITLE.search(text):  # every pattern needs a title; most sentences lack one
            return found
        for form, pat in _PATTERNS:
            for m in pat.finditer(text):
                claim = self._claim(sentence, m, form, taken, doc)
                if claim is not None:
                    found.append(claim)
                    taken.append((m.start("name"), m.end("name")))
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
        name, ne = _trim_name(name, ns)
        holder = normalise(name)
        if not holder or country_of(name) or holder in TITLES:
            return None
        title = TITLES[m.group("title").lower()]
        if title.endswith("elect"):
            return None  # an office-holder to be, not the holder
        if title in MULTI_HOLDER_TITLES:
            return None
        mods = (m.groupdict().get("mods") or "").lower()
        before = text[: m.start("title")]
        if re.search(r"\b(?:former|ex|late|then|previous|future|next|outgoing)\b", mods) or (
            _NEG_MODS.search(before[-30:]) and form != "after-of"
        ):
            return None
        if re.match(r"-?elect\b", text[m.end("title") :]):
            return None
        scope, explicit = "", False
        if "scope" in m.groupdict() and m.group("scope"):
            scope = _scope(m.group("scope"), title)
            explicit = bool(scope)
            if form == "before" and not scope:
                return None  # "Meanwhile President X": handled by the bare form
        doc_scope = ""
        if not scope:
            scope = _locative_scope(text[: m.start()])
            # Heads of state and government travel: "President Macron arrived in Kyiv" in an
            # article about Ukraine is France's president, so they never take the article's
            # country; cabinet posts named bare in a national story do.
            if not scope and doc is not None and title not in _TRAVELLING_TITLES:
                doc_scope = _dominant_country(doc)
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
        resolved = _resolve_scopes(claims, ctx)
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
            holders: dict[str, list[Claim]] = defaultdict(list)
            for c, _ in items:
                if c.source_id in usable:
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


def _trim_name(name: str, start: int) -> tuple[str, int]:
    words = name.split()
    while words and (words[-1].lower() in _STOP_SCOPE or country_of(words[-1])):
        words.pop()
    trimmed = " ".join(words)
    trimmed = re.sub(r"[’']s$", "", trimmed)
    return trimmed, start + len(trimmed)


def _scope(raw: str, title: str) -> str:
    words = raw.replace("’s", "").replace("'s", "").strip(" .,;:").split()
    for i in range(len(words)):  # the longest suffix that names a country
        country = country_of(" ".join(words[i:]))
        if country:
            return country
    words = [w for w in words if w.lower().strip(".,") not in _STOP_SCOPE]
    while words and words[0].lower() in ("the",):
        words = words[1:]
    if not words:
        return ""
    org = " ".join(words)
    if words[-1].lower().strip(".") in ORG_SUFFIXES or title in _ORG_TITLES:
        return org
    if title in _LOCAL_TITLES and not any(w.lower() in _STOP_SCOPE for w in words):
        return org  # "Rotterdam Mayor ...", "the governor of Lagos"
    return ""


def _shown(shown: dict[tuple[str, int], str], c: Claim) -> str:
    return shown[(c.source_id, c.start)]


def _locative_scope(before: str) -> str:
    """'And in Vietnam, President Lam ...': a country named just before an unscoped title."""
    found = [country_of(m.group("place").strip(" ,")) for m in _LOCATIVE.finditer(before)]
    places = [p for p in found if p]
    return places[-1] if len(set(places)) == 1 else ""


def _resolve_scopes(
    claims: Sequence[Claim], ctx: CompareContext
) -> list[tuple[Claim, str, bool | None]]:
    """Give an unscoped title the scope the same person has elsewhere for that title.

    The flag is True for a scope said in the claim, False for one taken from the sentence or
    another source, None for one taken from what the article is about.
    """
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in claims:
        if c.get("explicit"):
            known[(c.key, ctx.names.canonical(c.value))].add(c.get("scope"))
    out: list[tuple[Claim, str, bool | None]] = []
    for c in claims:
        scope = c.get("scope")
        if c.get("explicit"):
            out.append((c, scope, True))
            continue
        canon = ctx.names.canonical(c.value)
        scopes = known.get((c.key, canon), set())
        if len(scopes) == 1:
            out.append((c, next(iter(scopes)), False))
        elif scope and not scopes:
            out.append((c, scope, False))
        elif c.get("doc_scope") and not any(k[1] == canon for k in known):
            # The article is plainly about one country and this person holds no office
            # elsewhere: the title is that country's.
            out.append((c, c.get("doc_scope"), None))
    return _merge_org_scopes(out)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _merge_org_scopes(
    items: list[tuple[Claim, str, bool | None]],
) -> list[tuple[Claim, str, bool | None]]:
    """ "Brightwater" and "Brightwater Foods" are one organisation: use the shorter name."""
    scopes = sorted({s for _, s, _ in items if s and not country_of(s)}, key=len)
    canon: dict[str, str] = {}
    for s in scopes:
        words = s.lower().split()
        for shorter in scopes:
            if len(shorter) < len(s) and words[: len(shorter.split())] == shorter.lower().split():
                canon[s] = canon.get(shorter, shorter)
                break
            if shorter.isupper() and shorter == _initials(s):  # "SANSA"
                canon[s] = canon.get(shorter, shorter)
                break
    return [(c, canon.get(s, s), e) for c, s, e in items]


_CAPRUN = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")


@lru_cache(maxsize=1024)
def _dominant_country_of(source_id: str, text_hash: int, texts: tuple[str, ...]) -> str:
    counts: Counter[str] = Counter()
    for text in texts:
        for m in _CAPRUN.finditer(text):
            words = m.group(0).split()
            i = 0
            while i < len(words):
                for n in (3, 2, 1):
                    country = country_of(" ".join(words[i : i + n]))
                    if country:
                        counts[country] += 1
                        i += n
                        break
                else:
                    i += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or ranked[0][1] * 2 < sum(counts.values()):
        return ""
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""
    return ranked[0][0]


def _dominant_country(doc: Document) -> str:
    """The country an article is plainly about: named most, and in half of all mentions.

    Kept on the document once found: building (and hashing) the tuple of its sentences for
    every title without a scope made a long article quadratic."""
    known = doc.__dict__.get("_dominant_country")
    if known is None:
        texts = tuple(s.text for s in doc.sentences if not s.furniture)
        known = _dominant_country_of(doc.source.id, hash(doc.source.text), texts)
        doc.__dict__["_dominant_country"] = known
    return str(known)


def _clusters(holders: list[str], ctx: CompareContext) -> dict[str, str]:
    """Map each canonical holder to a representative; names that are the same person meet."""
    reps: list[str] = []
    out: dict[str, str] = {}
    for h in sorted(set(holders), key=lambda h: (-len(h), h)):
        for r in reps:
            if ctx.names.same(h, r):
                out[h] = r
                break
        else:
            reps.append(h)
            out[h] = h
    return out


def _display(claims: Sequence[Claim]) -> str:
    return max((c.value for c in claims), key=lambda v: (len(v), v))
