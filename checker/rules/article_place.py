"""Where an article is: its dateline ("PUYALLUP, Wash. —") and the state or country it names most.

Unscoped titles ("Gov. Ferris", "Mayor Ortiz", "President Lam") take their scope from these.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from checker import tables
from checker.gazetteer import country_of, dateline_place, us_state_mention
from checker.rules.base import Document

# Titles held in a city or a state; any other single-holder title is a country's.
_LEVELS = tables.pairs("role_title_levels.tsv")
_CAPRUN = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")
# "PUYALLUP, Wash. —", "HANOI (Reuters) -", "Boise, Idaho (AP) —": a city in capitals (or any
# city with a region after it), an optional region and agency, then a dash.
_CITY_CAPS = r"[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,3}"
_CITY_ANY = r"[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}"
_REGION = r"[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*){0,2}"
_AGENCY = r"(?:\s*\([^()\n]{1,40}\))?"
_DASH = r"\s*(?:—|–|--|-)\s"
_DATELINE = re.compile(
    rf"(?P<city>{_CITY_CAPS})(?:,\s+(?P<region>{_REGION}))?{_AGENCY}{_DASH}"
    rf"|(?P<city2>{_CITY_ANY}),\s+(?P<region2>{_REGION}){_AGENCY}{_DASH}"
)
_NOT_CITIES = frozenset(
    ["BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "VIDEO", "LIVE", "PHOTOS", "ALERT",
     "OPINION", "ANALYSIS", "CORRECTION", "NOTE"]
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """Where an article is; each part "" where unknown."""

    city: str = ""
    state: str = ""  # a US state
    country: str = ""


def title_level(title: str) -> str:
    """ "city", "state" or "country": where a canonical title is held."""
    return _LEVELS.get(title, "country")


def dateline(doc: Document) -> Place:
    """The place of the article's dateline, read at the start of its first few sentences."""
    return _dateline_of(tuple(s.text for s in doc.sentences[:4]))


@lru_cache(maxsize=1024)
def _dateline_of(starts: tuple[str, ...]) -> Place:
    for text in starts:
        m = _DATELINE.match(text)
        if m is None:
            continue
        city = m.group("city") or m.group("city2")
        region = m.group("region") or m.group("region2") or ""
        if _NOT_CITIES & set(city.upper().split()) or len(city.replace(".", "")) < 3:
            continue
        name, state, country = dateline_place(city, region)
        if not (state or country):
            continue  # "Smith, Jones -", "NASA -": no place anyone knows
        return Place(name, state, country)
    return Place()


def _mentions(texts: tuple[str, ...], lookup: Callable[[str], str | None]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        for m in _CAPRUN.finditer(text):
            words = m.group(0).split()
            i = 0
            while i < len(words):
                for n in (3, 2, 1):
                    place = lookup(" ".join(words[i : i + n]))
                    if place:
                        counts[place] += 1
                        i += n
                        break
                else:
                    i += 1
    return counts


def _dominant(counts: Counter[str]) -> str:
    """The place named most, at least twice and in half of all mentions, with no tie."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or ranked[0][1] * 2 < sum(counts.values()):
        return ""
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""
    return ranked[0][0]


@lru_cache(maxsize=1024)
def _country_counts(source_id: str, text_hash: int, texts: tuple[str, ...]) -> Counter[str]:
    return _mentions(texts, country_of)


@lru_cache(maxsize=1024)
def _state_counts(source_id: str, text_hash: int, texts: tuple[str, ...]) -> Counter[str]:
    return _mentions(texts, us_state_mention)


def _texts(doc: Document) -> tuple[str, tuple[str, ...]]:
    """Kept on the document once built: building (and hashing) the tuple of its sentences
    for every title without a scope made a long article quadratic."""
    known = doc.__dict__.get("_live_texts")
    if known is None:
        known = doc.source.id, tuple(s.text for s in doc.sentences if not s.furniture)
        doc.__dict__["_live_texts"] = known
    return known


def dominant_country(doc: Document) -> str:
    """The country an article is plainly about: named most, and in half of all mentions."""
    sid, texts = _texts(doc)
    return _dominant(_country_counts(sid, hash(doc.source.text), texts))


def dominant_state(doc: Document) -> str:
    """The US state an article is plainly about, as `dominant_country` reads countries."""
    sid, texts = _texts(doc)
    return _dominant(_state_counts(sid, hash(doc.source.text), texts))


def article_scope(doc: Document, title: str, travelling: bool) -> str:
    """The scope an unscoped `title` takes from its article, or "".

    City offices (mayor, police chief) take the dateline's city; state offices (governor)
    the dateline's state, else the state the article is about; other offices the country
    the article is about, else the dateline's. Heads of state and government travel
    ("President Macron arrived in Kyiv"), so they take the dateline's country only when the
    article names no other country.
    """
    level = title_level(title)
    place = dateline(doc)
    if level == "city":
        return place.city
    if level == "state":
        return place.state or dominant_state(doc)
    if travelling:
        sid, texts = _texts(doc)
        named = set(_country_counts(sid, hash(doc.source.text), texts))
        return place.country if place.country and named <= {place.country} else ""
    return dominant_country(doc) or place.country
