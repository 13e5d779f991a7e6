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
    for canonical, names, demonyms in table_rows:
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
