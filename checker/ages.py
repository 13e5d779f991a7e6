"""A named person's stated age: "39-year-old Jose Luis Robles", "Dennis Clark III, 27,",
"Ana Ruiz (34)", "Tom Lee, age 61". Patterns only; the AGE rule compares them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker import tables
from checker.gazetteer import HONORIFICS, TITLES

# A capitalised word of a name: "Robles", "O'Neal", "McDonald", "Smith-Jones".
_WORD = r"(?:[A-Z][a-z]*['’][A-Z][a-z]+|Ma?c[A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
# A nickname in quotes: "Jonathan “Deago” Kinchen", "Kojuan Lee, aka “Juan,” 20".
_NICK = r"[“\"][A-Z][\w'’. -]{0,24}?,?[”\"]"
_NAME = (
    rf"{_WORD}(?:\s+(?:{_WORD}|[A-Z]\.|{_NICK}))*\s+{_WORD}"
    r"(?:,?\s+(?:Jr\.?|Sr\.?|II|III|IV)\b)?"
)
# "Tyrone Price, aka Price, 26": an alias between the name and the age
_AKA = (
    rf"\s*,?\s+(?:aka|a\.k\.a\.|also known as)\s+(?:{_NICK}|{_WORD}(?:\s+{_WORD})?)"
    r"(?:\s*,\s*|\s+)"
)
# Words that may stand between the age and the name: "a 19-year-old suspect, Tim Ray".
_PERSON_NOUNS = tables.words("age_person_nouns.txt")
_NOUN = r"[a-z]+"
_DIGIT = re.compile(r"\d")

_BEFORE = re.compile(
    rf"(?<![\w.,])(?P<age>\d{{1,3}})(?:[- ](?:year|yr)s?[- ]old|-yo)\b"
    rf"(?:\s+(?P<noun>{_NOUN}))?\s*,?\s+(?P<name>{_NAME})"
)
_AFTER = re.compile(
    rf"(?P<name>{_NAME})(?:{_AKA}|\s*,\s*(?:age[d]?\s+)?|\s+\()(?P<age>\d{{1,3}})"
    r"(?=\)|\s*[,;.](?!\d)|\s+(?:of|from|and|who|was|is|were|has|had)\b)"
)
# Words that make a capitalised run no person: months, weekdays, streets, institutions...
_NOT_NAME = tables.words("age_not_name_words.txt")


def _leading(word: str) -> bool:
    return word in TITLES or word in HONORIFICS or word in _NOT_NAME or word in _PERSON_NOUNS


@dataclass(frozen=True, slots=True)
class PersonAge:
    """An age and the person it is of; offsets are into the text searched."""

    start: int  # of the age's digits
    end: int
    age: int
    name_start: int
    name_end: int
    name: str


def person_ages(text: str) -> list[PersonAge]:
    """Every stated age bound to a person named next to it, in text order; a run of
    capitalised words followed by a person noun ("a 25-year-old Kansas City man") is a
    place or an organisation, not a name."""
    return list(_person_ages(text))


@lru_cache(maxsize=64)  # the NUM and AGE rules both ask, per sentence
def _person_ages(text: str) -> tuple[PersonAge, ...]:
    if not _DIGIT.search(text):
        return ()  # every age is digits (`_BEFORE`, `_AFTER`)
    found: dict[tuple[int, int], PersonAge] = {}
    for m in _BEFORE.finditer(text):
        noun = m.group("noun")
        if noun is not None and noun not in _PERSON_NOUNS:
            continue
        _keep(found, text, m)
    for m in _AFTER.finditer(text):
        _keep(found, text, m)
    return tuple(sorted(found.values(), key=lambda p: p.start))


def _keep(found: dict[tuple[int, int], PersonAge], text: str, m: re.Match[str]) -> None:
    age = int(m.group("age"))
    name = m.group("name").rstrip(",")
    ns = m.start("name")
    ne = ns + len(name)
    if not 0 < age < 110 or (m.start("age"), m.end("age")) in found:
        return
    # "Police Chief John Smith, 54": the title and its office are no part of the name
    while (lead := re.match(r"([A-Za-z]+)\.?\s+", name)) and _leading(lead.group(1).lower()):
        name, ns = name[lead.end() :], ns + lead.end()
    words = re.findall(r"[A-Za-z]+", name)
    if len([w for w in words if len(w) > 1]) < 2 or {w.lower() for w in words} & _NOT_NAME:
        return
    follow = re.match(r"\s+([a-z]+)", text[ne:])
    if follow and follow.group(1) in _PERSON_NOUNS:
        return  # "a 25-year-old Kansas City man": the words name where he is from
    found[(m.start("age"), m.end("age"))] = PersonAge(
        m.start("age"), m.end("age"), age, ns, ne, name
    )
