"""Lookup tables for claim extraction: countries, US states, organisations, titles and names.

The tables themselves are data files in checker/data/ (see checker/tables.py); this module
derives the lookup forms (plurals, accents, "saint"/"st." variants) and answers queries.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from checker.tables import rows, words

__all__ = [
    "COUNTRIES",
    "HONORIFICS",
    "MULTI_HOLDER_TITLES",
    "NAME_PARTICLES",
    "ORG_SUFFIXES",
    "TITLES",
    "US_STATES",
    "country_of",
    "dateline_place",
    "us_state_mention",
    "us_state_of",
]


def _fold(text: str) -> str:
    """Drop accents: "côte d'ivoire" -> "cote d'ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Demonyms that take no plural "-s" even though the simple rule below would add one.
_NO_PLURAL = words("demonyms_no_plural.txt")


def _plural(demonym: str) -> str | None:
    """The -s plural of a demonym ("kenyans"); None for "chinese", "dutch", "swiss" and the like."""
    if demonym in _NO_PLURAL or demonym.endswith(("ese", "sh", "ch", "s", "x", "z", "y", "ic")):
        return None
    return demonym + "s"


def _variants(name: str) -> set[str]:
    """Spelling variants of one surface form: accents, apostrophes, "saint"/"st", "and"/"&"."""
    out = {name, _fold(name)}
    for form in list(out):
        if "'" in form:
            out.add(form.replace("'", "\u2019"))
        if form.startswith("saint ") or " saint " in form:
            out.add(form.replace("saint ", "st. "))
            out.add(form.replace("saint ", "st "))
    for form in list(out):
        if " and " in form:
            out.add(form.replace(" and ", " & "))
    return out


def _build(
    table_rows: tuple[tuple[str, ...], ...], skip: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Rows of (canonical, "name|name", "demonym|demonym") -> {lower-case surface: canonical}."""
    table: dict[str, str] = {}
    for canonical, names, demonyms, *_ in table_rows:
        forms = {canonical.lower(), *filter(None, names.split("|"))}
        for demonym in filter(None, demonyms.split("|")):
            forms.add(demonym)
            plural = _plural(demonym)
            if plural:
                forms.add(plural)
        for form in forms - skip:
            for variant in _variants(form):
                table[variant] = canonical
    return table


COUNTRIES: dict[str, str] = _build(rows("countries.tsv"))
US_STATES: dict[str, str] = _build(rows("us_states.tsv"), skip=frozenset({"georgia", "washington"}))
ORG_SUFFIXES: frozenset[str] = words("org_suffixes.txt")
TITLES: dict[str, str] = {
    form: canonical
    for canonical, others in rows("titles.tsv")
    for form in (canonical, *filter(None, others.split("|")))
}
# Offices that many people hold at once in one scope: two holders are not a contradiction.
MULTI_HOLDER_TITLES: frozenset[str] = words("multi_holder_titles.txt")
# Matched against the lower-cased first word of a name with its trailing period removed.
HONORIFICS: frozenset[str] = words("honorifics.txt")
# Lower-case words that may join the capitalised parts of one name ("Ludwig van Beethoven").
NAME_PARTICLES: frozenset[str] = words("name_particles.txt")


@lru_cache(maxsize=1 << 14)  # names recur across sentences and rules
def country_of(text: str) -> str | None:
    """The canonical country a surface form names ("Vietnamese", "U.S.", "Russia's"), else None.

    Case-insensitive; drops surrounding whitespace and a trailing possessive ("'s", "’s" or a
    bare apostrophe), then tries the form as is, without periods, without a leading "the",
    with hyphens as spaces and without accents.
    """
    key = " ".join(text.replace("\u2019", "'").split()).lower()
    if key.endswith("'s"):
        key = key[:-2].rstrip()
    elif key.endswith("'"):
        key = key[:-1].rstrip()
    if not key:
        return None
    bare = " ".join(key.replace(".", "").split())
    candidates = [key, bare]
    for form in (key, bare):
        if form.startswith("the "):
            candidates.append(form[4:])
    candidates += [c.replace("-", " ") for c in candidates]
    candidates += [_fold(c) for c in candidates]
    for candidate in candidates:
        found = COUNTRIES.get(candidate)
        if found is not None:
            return found
    return None


def _state_forms() -> dict[str, str]:
    """Every way a dateline names a state: name, abbreviations, AP style, postal code."""
    forms: dict[str, str] = {}
    for canonical, names, _demonyms, ap, postal in rows("us_states.tsv"):
        for form in (canonical.lower(), *filter(None, names.split("|")), ap):
            if form:
                forms[form] = canonical
                forms[form.replace(".", "").replace(" ", "")] = canonical
        forms[postal] = canonical  # upper case: "IN" and "OR" are words in lower case
    return forms


_STATE_FORMS = _state_forms()
_CAPITALS = {city.lower(): country for city, country in rows("capitals.tsv")}
_US_CITIES = {city.lower(): state for city, state in rows("us_dateline_cities.tsv")}


def us_state_of(text: str) -> str | None:
    """The US state a dateline's region names ("Wash.", "N.Y.", "Calif", "Ohio", "TX"), else
    None. Unlike `US_STATES` this reads the bare "Washington" and "Georgia" as the states, so
    it is only for places already known to be in the US."""
    key = " ".join(text.split()).strip(" ,")
    if key.isupper() and key in _STATE_FORMS:
        return _STATE_FORMS[key]
    low = key.lower()
    return _STATE_FORMS.get(low) or _STATE_FORMS.get(low.replace(".", "").replace(" ", ""))


def dateline_place(city: str, region: str = "") -> tuple[str, str, str]:
    """(city, US state, country) of a dateline: "PUYALLUP", "Wash." -> ("Puyallup",
    "Washington", "United States"); "HANOI" -> ("Hanoi", "", "Vietnam"); "" where unknown.

    A region is read as a country, unless it also names a US state and the city is not one
    of that country's listed cities ("TBILISI, Georgia" is the country, "MACON, Georgia" the
    state).
    """
    name = " ".join(
        "-".join(p.capitalize() for p in w.split("-")) if w.isupper() else w for w in city.split()
    )
    low = name.lower()
    if region:
        country, state = country_of(region), us_state_of(region)
        if country and not (state and _CAPITALS.get(low) != country):
            return name, "", country
        if state:
            return name, state, "United States"
        return name, "", ""
    if low in _US_CITIES:
        return name, _US_CITIES[low], "United States"
    return name, "", _CAPITALS.get(low) or country_of(name) or ""


_AP_FORMS = {ap: canonical for canonical, *_, ap, _postal in rows("us_states.tsv") if ap}


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, str]:
    """Lower-case abbreviations of US state names without their dots ("kan", "calif"), each
    to the state's lower-case name; postal codes are left out ("in", "or" are words)."""
    out: dict[str, str] = {}
    for canonical, names, _demonyms, ap, _postal in rows("us_states.tsv"):
        for form in (*names.split("|"), ap):
            short = form.replace(".", "").strip()
            if short and " " not in short and short != canonical.lower():
                out[short] = canonical.lower()
    return out


def us_state_mention(text: str) -> str | None:
    """The US state a mention in running text names ("California", "Calif.", "Washington
    state", "Wash."), else None; the bare "Washington" and "Georgia" are not read as states."""
    key = " ".join(text.split()).lower()
    return US_STATES.get(key) or _AP_FORMS.get(key)
