"""Two spellings of one name: transliterations, abbreviations written out, possessives, and
the kind of institution that ends a name ("Stanford Hospital" / "Stanford Medical Center")."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from checker import tables
from checker.gazetteer import state_abbreviations


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, ...]]:
    table = {k: tuple(v.split("|")) for k, v in tables.pairs("name_abbreviations.tsv").items()}
    for short, full in state_abbreviations().items():
        table[short] = (*table.get(short, ()), full)
    return table


_FACILITY_KINDS = sorted(tables.words("facility_kinds.txt"), key=len, reverse=True)
_POSSESSIVE = re.compile(r"[’']s$")


def _without_kind(name: str) -> str:
    """A lower-case name less the kind of institution that ends it ("stanford medical
    center" -> "stanford"); the name itself when none does, or nothing would be left."""
    for kind in _FACILITY_KINDS:
        if name.endswith(" " + kind) and name[: -len(kind)].strip():
            return name[: -len(kind)].strip()
    return name


@lru_cache(maxsize=1 << 14)
def _readings(name: str) -> tuple[frozenset[str], ...]:
    """The words of each way to read a lower-case name with its abbreviations written out,
    possessives as their name ("sheriff's office" holds "sheriff"), the name as written
    first."""
    table = _abbreviations()
    out: list[tuple[str, ...]] = [()]
    for w in (_POSSESSIVE.sub("", w) for w in name.replace(".", " ").split()):
        out = [(*o, f) for o in out for f in (w, *table.get(w, ()))][:64]
    return tuple(frozenset(" ".join(o).split()) for o in out)


def _one_institution(a: str, b: str) -> bool:
    """Two names of one institution that differ only in the kind ending each: "stanford
    hospital" / "stanford medical center"; not "cook county hospital" / "cook county jail",
    nor "university hospital" / "vanderbilt university medical center"."""
    ka, kb = _without_kind(a), _without_kind(b)
    return ka != a and kb != b and ka == kb


def spelling_variants(a: str, b: str) -> bool:
    """Two spellings of one name ("Muammar"/"Moammar", "Gadhafi"/"Qaddafi"): every word of
    one close to the word in the same place of the other (lower-case names); or one name,
    its abbreviations written out, equal to or within the other ("n. 7th ave" / "n. 7th
    avenue", "kan" / "kansas", "street" / "st. dispatch": a sentence break lost after an
    abbreviation)."""
    ra, rb = _readings(a), _readings(b)
    if any(x <= y or y <= x for x in ra for y in rb) or _one_institution(a, b):
        return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    return all(fuzz.ratio(x, y) >= 70 for x, y in zip(wa, wb, strict=True))
