"""Proper names in a sentence, and their canonical forms across sources (rapidfuzz)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from checker import tables
from checker.gazetteer import HONORIFICS, NAME_PARTICLES, TITLES

# A capitalised word: one with inner capitals ("McDonald", "DeShawn", "GoFundMe"; or only
# "Mc" would be taken and "Donald" be a second name), with an abbreviation's full stop or
# hyphenated and apostrophised parts ("Jones-Smith", "O'Neil"), or an initial ("J."). Acronyms
# are no names here: a station, an agency or a state's postal code ("WSMV", "CA") is not a
# person's or a place's name to compare, so a capital before a capital starts no word, and a
# name starts at a word's start (not at an acronym's last capital: "CNN's Jake Tapper" is
# "Jake Tapper", "DON'T" and "25-YEAR-OLD" hold none). Only II, III and IV end a name as a
# generation's numeral ("Dennis Clark III", "World War II", not "... I"; "Henry VIII" reads
# "Henry").
_CAP = r"(?:[A-Z](?![A-Z])[a-zà-ÿ]*(?:[A-Z][a-zà-ÿ]+)*\.?(?:[-’'][A-Za-zà-ÿ]+)*|[A-Z]\.)"
_PARTICLE = r"(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + r")"
_GENERATION = r"(?:\s+(?:II|III|IV)\b)?"  # "Dennis Clark III", not "Dennis Clark I"
NAME_RE = re.compile(rf"\b{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,4}}{_GENERATION}")
# Capitalised words that start a sentence or a clause without being names.
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "And",
        "But",
        "Or",
        "So",
        "If",
        "In",
        "On",
        "At",
        "As",
        "By",
        "For",
        "From",
        "Of",
        "To",
        "With",
        "Without",
        "After",
        "Before",
        "During",
        "Since",
        "Until",
        "When",
        "While",
        "Where",
        "Who",
        "Whom",
        "Whose",
        "Which",
        "What",
        "Why",
        "How",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "You",
        "I",
        "Our",
        "Their",
        "His",
        "Her",
        "My",
        "Your",
        "There",
        "Here",
        "Then",
        "Than",
        "Also",
        "However",
        "Meanwhile",
        "Earlier",
        "Later",
        "Yesterday",
        "Today",
        "Tomorrow",
        "According",
        "Per",
        "Some",
        "Many",
        "Most",
        "All",
        "Both",
        "Each",
        "Every",
        "Any",
        "No",
        "Not",
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "Last",
        "Next",
        "First",
        "Second",
        "Third",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Instead",
        "Still",
        "Yet",
        "Even",
        "Only",
        "Just",
        "Despite",
        "Although",
        "Though",
        "Because",
        "Among",
        "Under",
        "Over",
        "Upon",
        "Into",
        "Through",
        "Against",
        "Between",
        "Within",
        "About",
        "Around",
        "Read",
        "See",
        "More",
        "Such",
        "Other",
        "Another",
        "Once",
        "Twice",
        "Now",
        "Then",
        "Why",
        "Let",
        "Please",
        "Yes",
        "Oh",
        "Well",
    ]
)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A proper name; offsets relative to the sentence text, half-open, honorifics excluded."""

    start: int
    end: int
    text: str
    key: str  # canonical lower-case form without honorifics or possessive


@lru_cache(maxsize=1 << 16)  # every comparison of names asks again
def normalise(name: str) -> str:
    """Lower-case a name and drop honorifics, titles, possessives and dots ("Mr. Putin's")."""
    name = re.sub(r"[’']s$", "", name.strip())
    words = [w.strip(".,") for w in name.replace("’", "'").split()]
    while words and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() in TITLES):
        words = words[1:]
    return " ".join(w.lower() for w in words if w)


_MINOR = tables.words("title_case_minor_words.txt")
_TITLE_CASE_SHARE = 0.8  # of a sentence's words (less minor ones) capitalised: a headline


@lru_cache(maxsize=4096)  # each sentence is asked by ENT's extraction and each swap pair it is in
def title_case(text: str) -> bool:
    """A headline written in title case ("Man Found Guilty in Shooting"), where every word
    is capitalised and a capital letter is no sign of a name. A line ending in a full stop is
    running text, however many names it holds ("Xi Jinping and Joe Biden met Vladimir
    Putin.")."""
    if text.rstrip(" ”’\"')").endswith("."):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _MINOR]
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words)


def find_names(text: str) -> list[NameMention]:
    """Capitalised word runs that look like names; sentence-initial function words dropped."""
    return list(_find_names(text))


@lru_cache(maxsize=1 << 14)  # extraction reads each sentence's names, and compare again
def _find_names(text: str) -> tuple[NameMention, ...]:
    out = []
    for m in NAME_RE.finditer(text):
        start, end = m.start(), m.end()
        words = list(re.finditer(r"\S+", m.group(0)))
        # Drop leading function words and honorifics so "In Hanoi" gives "Hanoi".
        while words and (
            words[0].group(0).rstrip(".") in _NOT_NAMES
            or words[0].group(0).lower().rstrip(".") in HONORIFICS
        ):
            words = words[1:]
        if not words:
            continue
        start = m.start() + words[0].start()
        end = m.start() + words[-1].end()
        surface = text[start:end].rstrip(".")
        if text[start:end].endswith(".") and not re.search(r"\b[A-Z]\.$", text[start:end]):
            end -= 1
        key = normalise(surface)
        if not key or len(key) < 2 or key.upper() == key and len(key) < 2:
            continue
        out.append(NameMention(start, start + len(surface), surface, key))
    return tuple(out)


class NameIndex:
    """Canonical names across sources: "Putin", "Mr. Putin" and "Vladimir Putin" are one.

    A short form maps to the unique longer name that contains all its words; spelling variants
    ("Zelensky"/"Zelenskyy") meet by fuzzy ratio. Ambiguous short forms map to themselves.
    """

    def __init__(self, names: Iterable[str], threshold: float = 90.0) -> None:
        self.threshold = threshold
        keys = sorted({k for k in map(normalise, names) if k}, key=lambda k: (-len(k), k))
        self._canon: dict[str, str] = {}
        # The fuller names so far, in order, indexed so that one key is compared only with
        # the names that could match it: by word (supersets) and by length (fuzzy ratios),
        # each length bucket holding (indices, strings) for one C-level rapidfuzz call.
        self._fulls: list[str] = []
        self._by_word: dict[str, list[int]] = {}
        self._by_len: dict[int, tuple[list[int], list[str]]] = {}
        self._by_last_len: dict[int, tuple[list[int], list[str]]] = {}
        for key in keys:  # longest first: each key joins an existing fuller name if it fits
            match = self._match(key)
            if match is None:
                self._add(key)
                self._canon[key] = key
            else:
                self._canon[key] = match

    def _add(self, full: str) -> None:
        n = len(self._fulls)
        self._fulls.append(full)
        words = full.split()
        for w in set(words):
            self._by_word.setdefault(w, []).append(n)
        for table, text in ((self._by_len, full), (self._by_last_len, words[-1])):
            ids, texts = table.setdefault(len(text), ([], []))
            ids.append(n)
            texts.append(text)

    def _first_fuzzy(self, key: str, table: dict[int, tuple[list[int], list[str]]]) -> int:
        """The least index whose string has a ratio >= threshold with `key` (or a large
        number). Only lengths that allow it are scored: an Indel ratio is at most
        100 * (1 - |a - b| / (a + b))."""
        slack = 1.0 - self.threshold / 100.0
        n = len(key)
        best = 1 << 62
        for m, (ids, texts) in table.items():
            if abs(m - n) > slack * (m + n) + 1e-9:  # with n >= 5, this also means m >= 5
                continue
            scores = process.cdist(
                [key], texts, scorer=fuzz.ratio, score_cutoff=self.threshold, dtype=np.float64
            )[0]
            hits = np.flatnonzero(scores >= self.threshold)
            if len(hits):
                best = min(best, ids[int(hits[0])])
        return best

    def _match(self, key: str) -> str | None:
        """The first fuller name (in order) that `key` belongs to, as the linear scan
        "supersets, else the first fuzzy match" would find it."""
        words = set(key.split())
        lists = sorted((self._by_word.get(w, []) for w in words), key=len)
        others = [set(lst) for lst in lists[1:]]
        supersets = [i for i in lists[0] if all(i in o for o in others)]
        if len(supersets) == 1:
            return self._fulls[supersets[0]]
        if len(supersets) > 1:
            return None
        if len(key) < 5:
            return None
        best = self._first_fuzzy(key, self._by_len)
        if " " not in key:
            # A shorter spelling variant of a fuller name's last word ("Zelensky" in
            # "Volodymyr Zelenskyy").
            best = min(best, self._first_fuzzy(key, self._by_last_len))
        return self._fulls[best] if best < len(self._fulls) else None

    def canonical(self, name: str) -> str:
        key = normalise(name)
        return self._canon.get(key, key)

    def same(self, a: str, b: str) -> bool:
        """One person's names: equal once canonical, or the words of one within the other's,
        where short given names count as their full form and initials and Jr./III are
        dropped ("Mike Simpson" and "Michael Simpson", "Sid Gautreaux III" and "Sid J.
        Gautreaux")."""
        ca, cb = self.canonical(a), self.canonical(b)
        if ca == cb:
            return True
        wa, wb = set(_words(ca)), set(_words(cb))
        if wa <= wb or wb <= wa:
            return True
        ka, kb = _core(ca), _core(cb)
        return ka <= kb or kb <= ka


def cluster_names(names: Iterable[str], same: Callable[[str, str], bool]) -> dict[str, str]:
    """Each name to a representative of the person it names: the names longest first, each
    joining the first representative `same` says it names, else becoming one."""
    reps: list[str] = []
    out: dict[str, str] = {}
    for n in sorted(set(names), key=lambda n: (-len(n), n)):
        out[n] = next((r for r in reps if same(n, r)), n)
        if out[n] == n:
            reps.append(n)
    return out


def _nicknames() -> dict[str, str]:
    out: dict[str, str] = {}
    for formal, shorts in tables.rows("nicknames.tsv"):
        for short in shorts.split("|"):
            out.setdefault(short, formal)
    return out


_NICKNAMES = _nicknames()
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])  # generational: "Jr.", "III"


def _words(canonical: str) -> list[str]:
    """A canonical name's words, a hyphenated surname as its parts ("rivera-camacho")."""
    return [w for w in re.split(r"[\s-]+", canonical) if w]


def _core(canonical: str) -> frozenset[str]:
    """A canonical name's words without initials and generational suffixes, short given
    names as their full form ("mike j. simpson jr" -> {"michael", "simpson"})."""
    words = _words(canonical)
    kept = [w for w in words if len(w) > 1 and w not in SUFFIXES] or words
    return frozenset(_NICKNAMES.get(w, w) for w in kept)
