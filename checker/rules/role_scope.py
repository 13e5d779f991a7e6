"""Where an office is held: the scope said with a title, or taken from its sentence or article."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from checker import tables
from checker.dates import MONTHS, WEEKDAYS
from checker.gazetteer import ORG_SUFFIXES, country_of, us_state_of
from checker.model import Claim
from checker.rules.article_place import title_level
from checker.rules.base import CompareContext

# Titles that any organisation's name can scope ("Acme's chief executive").
ORG_TITLES = tables.words("role_org_titles.txt")
# Offices of a city, region or institution: any proper name can scope them.
LOCAL_TITLES = tables.words("role_local_titles.txt")
# Heads of state and government travel: never scoped by the country an article is about.
TRAVELLING_TITLES = tables.words("role_travelling_titles.txt")
# Titles whose scope may follow "for" ("the head coach for the Tigers, Dale Ames"); after
# other titles "for" names a portfolio ("minister for trade").
FOR_TITLES = frozenset({"head coach"})
STOP_SCOPE = tables.words("role_stop_scope.txt") | frozenset(MONTHS) | frozenset(WEEKDAYS)
LOCATIVE = re.compile(r"\b(?:in|In)\s+(?P<place>(?:[A-Z][\w.’'-]*\s*){1,3})")


def trim_name(name: str, start: int) -> tuple[str, int]:
    """A matched name without trailing scope words or a possessive, and its new end offset."""
    words = name.split()
    while words and (words[-1].lower() in STOP_SCOPE or country_of(words[-1])):
        words.pop()
    trimmed = " ".join(words)
    trimmed = re.sub(r"[’']s$", "", trimmed)
    return trimmed, start + len(trimmed)


def scope_of(raw: str, title: str) -> str:
    """The scope a title states ("Kenyan" -> "Kenya", "Acme Corp"), or "" when it names none."""
    words = raw.replace("’s", "").replace("'s", "").strip(" .,;:").split()
    if title_level(title) == "state":  # "Wash. Gov.", "Washington state Gov.": the state
        state = us_state_of(" ".join(words))
        if state:
            return state
    for i in range(len(words)):  # the longest suffix that names a country
        country = country_of(" ".join(words[i:]))
        if country:
            return country
    words = [w for w in words if w.lower().strip(".,") not in STOP_SCOPE]
    while words and words[0].lower() in ("the",):
        words = words[1:]
    if not words:
        return ""
    org = " ".join(words)
    if words[-1].lower().strip(".") in ORG_SUFFIXES or title in ORG_TITLES:
        return org
    if title in LOCAL_TITLES and not any(w.lower() in STOP_SCOPE for w in words):
        return org  # "Rotterdam Mayor ...", "the governor of Lagos"
    return ""


def locative_scope(before: str) -> str:
    """'And in Vietnam, President Lam ...': a country named just before an unscoped title."""
    found = [country_of(m.group("place").strip(" ,")) for m in LOCATIVE.finditer(before)]
    places = [p for p in found if p]
    return places[-1] if len(set(places)) == 1 else ""


def resolve_scopes(
    claims: Sequence[Claim], ctx: CompareContext
) -> list[tuple[Claim, str, bool | None]]:
    """Give an unscoped title the scope the same person has elsewhere for that title.

    Failing that, a title takes its sentence's place, then its article's (the dateline, the
    state or country it names most), then, for a city or state office, the one place the
    same source gives its other offices of that level. The flag is True for a scope said in
    the claim, False for one taken from the sentence or another source, None for one taken
    from what the article is about.
    """
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    # The places a source's city or state offices are said to be in ("Puyallup Police Chief
    # ..."): an unscoped office of that level in that source takes the one place it names.
    local: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in claims:
        if c.get("explicit"):
            known[(c.key, ctx.names.canonical(c.value))].add(c.get("scope"))
            if title_level(c.key) != "country":
                local[(c.source_id, title_level(c.key))].add(c.get("scope"))
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
        elif len(places := local.get((c.source_id, title_level(c.key)), set())) == 1 and not any(
            k[1] == canon for k in known
        ):
            out.append((c, next(iter(places)), None))
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
