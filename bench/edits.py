"""Controlled edits and meaning-preserving rewrites of one sentence of an article.

`edit(text, sentences, kind, rng)` changes exactly one value in one sentence: a number
(digits or a number word), a date (a month, a weekday or a year) or an office holder's name
(replaced with a name from `names`, taken from other incidents). `rewrite(text, sentences,
kind, rng)` rewrites one sentence without changing what it states (digits and words for 1-10,
"percent" and "%", "Mr. X" and "X", clause order around ", and", an added "police said", the
thousands separator). Both return a `Change` with the offsets of the changed sentence in the
original and in the new text, or None when no sentence of the article allows that kind.

`sentences` are half-open (start, end) spans of the sentences that may be changed (say, the
article's sentences less page furniture); the generator picks among those that allow the kind
with `rng`, so a seeded `random.Random` gives the same change every run.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]

EDIT_KINDS = ("number", "date", "office")
REWRITE_KINDS = (
    "digits_to_words",
    "words_to_digits",
    "percent",
    "honorific",
    "clause_swap",
    "police_said",
    "thousands",
)


@dataclass(frozen=True, slots=True)
class Change:
    """One changed sentence. `text` is the whole new article; `old`/`new` the replaced
    value (for an edit) or the old and new sentence (for a rewrite)."""

    kind: str
    text: str
    orig_start: int  # the sentence in the original text
    orig_end: int
    start: int  # the same sentence in the new text
    end: int
    old: str
    new: str


# --- finding values in a sentence -------------------------------------------------------

_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_VALUE_WORDS = {v: w for w, v in _WORD_VALUES.items()}
_DIGITS = re.compile(r"(?<![\w.,:/#-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,:/-]\d)")
_YEAR = re.compile(r"(?<![\w.,:/#$-])(?:19[5-9]\d|20[0-3]\d)(?![\w%]|[.,:/-]\d)")
_NUM_WORD = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = re.compile(r"\b(?:" + "|".join(m for m in MONTHS if m != "May") + r"|May(?= \d))\b")
_DAY = re.compile(r"\b(?:" + "|".join(MONTHS) + r") (?P<day>[1-9]|[12]\d|3[01])\b(?!,\d|:)")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
OFFICES = (
    "Police Chief", "Fire Chief", "Chief", "Sheriff", "Mayor", "Gov.", "Governor", "Sen.",
    "Senator", "Rep.", "President", "District Attorney", "State Attorney", "Prosecutor",
    "Coroner", "Medical Examiner", "Superintendent", "Commissioner", "Judge",
)  # fmt: skip
_NAME = r"[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_OFFICE_NAME = re.compile(
    r"\b(?:" + "|".join(re.escape(o) for o in OFFICES) + r") (?P<name>" + _NAME + r")\b"
)
_ADDRESS_AFTER = re.compile(r"^\s+(?:block|[A-Z][a-z]+ (?:St|Street|Ave|Avenue|Road|Rd)\b)")
# "Route 9", "No. 5", "Channel 4", "March 5": a name or a date, not a quantity
_LABEL_BEFORE = re.compile(r"(?:\b[A-Z][\w.]*|#) $")


_NOT_COUNT_AFTER = re.compile(r"^(?:\) ?\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock))", re.I)


def _quantity_at(sentence: str, m: re.Match[str]) -> bool:
    """Is the digit run `m` a quantity (not a year, address, label, day of a month, time of
    day or telephone number)?"""
    after = sentence[m.end() :]
    if _is_year(m.group(0)) or _ADDRESS_AFTER.match(after) or _NOT_COUNT_AFTER.match(after):
        return False
    return m.start() == 0 or not _LABEL_BEFORE.search(sentence[: m.start()])


def _is_year(raw: str) -> bool:
    return _YEAR.fullmatch(raw) is not None


def number_spots(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each number of `sentence` a number edit may change."""
    out = []
    for m in _DIGITS.finditer(sentence):
        raw = m.group(0)
        if not _quantity_at(sentence, m):
            continue
        value = int(raw.replace(",", ""))
        new = value + 2 if value < 10 else value + max(2, value // 5)
        out.append((m.start(), m.end(), f"{new:,}" if "," in raw else str(new)))
    for m in _NUM_WORD.finditer(sentence):
        value = _WORD_VALUES[m.group(0).lower()]
        new = _VALUE_WORDS[value + 2 if value + 2 <= 10 else value - 2]
        out.append((m.start(), m.end(), _same_case(m.group(0), new)))
    return sorted(out)


# What dates a page, not an event: a time stamp or a copyright line.
_STAMP_BEFORE = re.compile(
    r"(?:\b(?:posted|updated|published|modified)\b[^.!?]{0,40}|(?:©|\(c\)|\bcopyright)\s*)$", re.I
)


def date_spots(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each month, weekday or year of `sentence` that dates an
    event: not a block number ("the 2000 block") nor a page's time stamp or copyright."""
    out = []
    for m in _MONTH.finditer(sentence):
        out.append((m.start(), m.end(), MONTHS[(MONTHS.index(m.group(0)) + 1) % 12]))
    for m in _WEEKDAY.finditer(sentence):
        out.append((m.start(), m.end(), WEEKDAYS[(WEEKDAYS.index(m.group(0)) + 2) % 7]))
    for m in _YEAR.finditer(sentence):
        if not _ADDRESS_AFTER.match(sentence[m.end() :]):
            out.append((m.start(), m.end(), str(int(m.group(0)) - 1)))
    for m in _DAY.finditer(sentence):
        day = int(m.group("day"))
        out.append((m.start("day"), m.end("day"), str(day + 2 if day <= 26 else day - 2)))
    return sorted(x for x in out if not _STAMP_BEFORE.search(sentence[: x[0]]))


def office_names(text: str) -> list[str]:
    """Names that follow an office title ("Sheriff Jane Doe") in `text`."""
    return [m.group("name") for m in _OFFICE_NAME.finditer(text)]


def office_spots(
    sentence: str, names: Sequence[str], article: str, rng: random.Random
) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each office holder's name in `sentence`: a name drawn
    from `names`, none of whose words the article uses."""
    words = set(re.findall(r"[A-Za-z]+", article))
    pool = sorted({n for n in names if not set(re.findall(r"[A-Za-z]+", n)) & words})
    if not pool:
        return []
    found = list(_OFFICE_NAME.finditer(sentence))
    return [(m.start("name"), m.end("name"), pool[rng.randrange(len(pool))]) for m in found]


def _same_case(old: str, new: str) -> str:
    return new.capitalize() if old[:1].isupper() else new


# --- edits ------------------------------------------------------------------------------


def edit(
    text: str,
    sentences: Sequence[Span],
    kind: str,
    rng: random.Random,
    names: Sequence[str] = (),
) -> Change | None:
    """One controlled edit of `kind` (`number`, `date`, `office`) in one sentence, or None."""
    if kind not in EDIT_KINDS:
        raise ValueError(f"unknown edit kind {kind!r}")

    def spots(sentence: str) -> list[tuple[int, int, str]]:
        if kind == "number":
            return number_spots(sentence)
        if kind == "date":
            return date_spots(sentence)
        return office_spots(sentence, names, text, rng)

    options = [(s, e, spots(text[s:e])) for s, e in sentences]
    options = [o for o in options if o[2]]
    if not options:
        return None
    s, e, found = options[rng.randrange(len(options))]
    a, b, new = found[rng.randrange(len(found))]
    old = text[s + a : s + b]
    out = text[: s + a] + new + text[s + b :]
    return Change(kind, out, s, e, s, e + len(new) - len(old), old, new)


# --- rewrites ---------------------------------------------------------------------------

_SMALL_DIGIT = re.compile(r"(?<![\w.,:/#$-])(?:[1-9]|10)(?![\w%]|[.,:/-]\d| ?percent)")
_PERCENT_WORD = re.compile(r"(?<=\d) percent\b")
_PERCENT_SIGN = re.compile(r"(?<=\d)%")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\. (?=[A-Z][a-z])")
_BIG_COMMA = re.compile(r"(?<![\w.,:/#-])\d{1,3}(?:,\d{3})+(?![\w%]|[.,:/-]\d)")
_BIG_PLAIN = re.compile(r"(?<![\w.,:/#$-])\d{4,}(?![\w%]|[.,:/-]\d)")
_LOWER_OK = frozenset(
    {
        "the", "a", "an", "police", "officers", "authorities", "investigators", "deputies",
        "witnesses", "there", "this", "that", "one", "two", "three", "four", "five", "six",
        "several", "many", "some",
    }
)  # fmt: skip
_PRONOUN_START = re.compile(r"^(?:he|she|they|it|his|her|their|its|him|them|who|which)\b", re.I)
_SEQUENCE_START = re.compile(r"^(?:then|later|now|so|yet|also|still|even|not)\b", re.I)
_ATTRIBUTED = re.compile(r"\b(?:said|says|told|according|reported|stated)\b|[\"“”]", re.I)


def _digits_to_words(sentence: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _SMALL_DIGIT.finditer(sentence):
        if not _quantity_at(sentence, m):
            continue
        word = _VALUE_WORDS[int(m.group(0))]
        out.append((m.start(), m.end(), word.capitalize() if m.start() == 0 else word))
    return out


def _words_to_digits(sentence: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _NUM_WORD.finditer(sentence):
        tail = sentence[m.end() :]
        if re.match(r"^(?:-| (?:hundred|thousand|million|billion|dozen|of)\b)", tail):
            continue  # "two-thirds", "two hundred", "two of them" stay as written
        if m.start() > 0 and re.search(r"(?:\w-|\d )$", sentence[: m.start()]):
            continue  # "twenty-two", "12 two-bedroom" stay as written
        out.append((m.start(), m.end(), str(_WORD_VALUES[m.group(0).lower()])))
    return out


def _percent(sentence: str) -> list[tuple[int, int, str]]:
    out = [(m.start(), m.end(), "%") for m in _PERCENT_WORD.finditer(sentence)]
    out += [(m.start(), m.end(), " percent") for m in _PERCENT_SIGN.finditer(sentence)]
    return out


def _honorific(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "") for m in _HONORIFIC.finditer(sentence)]


def _thousands(sentence: str) -> list[tuple[int, int, str]]:
    out = [
        (m.start(), m.end(), m.group(0).replace(",", ""))
        for m in _BIG_COMMA.finditer(sentence)
        if _quantity_at(sentence, m)
    ]
    for m in _BIG_PLAIN.finditer(sentence):
        if _quantity_at(sentence, m):
            out.append((m.start(), m.end(), f"{int(m.group(0)):,}"))
    return out


def _clause_swap(sentence: str) -> list[tuple[int, int, str]]:
    """`X, and Y.` -> `Y, and X.` when both halves are plain clauses of four words or more."""
    body = sentence.rstrip()
    if not body.endswith(".") or body.count(", and ") != 1 or _ATTRIBUTED.search(body):
        return []
    first, second = body[:-1].split(", and ")
    if len(first.split()) < 4 or len(second.split()) < 4 or _PRONOUN_START.match(second):
        return []
    if "," in first or "," in second or _SEQUENCE_START.match(second):
        return []
    head = first.split()[0]
    if head.lower() in _LOWER_OK:  # "The police ..." -> "..., and the police ..."
        first = head.lower() + first[len(head) :]
    swapped = f"{second[:1].upper()}{second[1:]}, and {first}."
    return [(0, len(body), swapped)]


def _police_said(sentence: str) -> list[tuple[int, int, str]]:
    body = sentence.rstrip()
    if not body.endswith(".") or _ATTRIBUTED.search(body) or len(body.split()) < 6:
        return []
    if re.search(r"\b(?:[A-Z]\.|Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Co)\.$", body):
        return []  # the full stop belongs to an abbreviation
    return [(len(body) - 1, len(body), ", police said.")]


_REWRITERS: dict[str, Callable[[str], list[tuple[int, int, str]]]] = {
    "digits_to_words": _digits_to_words,
    "words_to_digits": _words_to_digits,
    "percent": _percent,
    "honorific": _honorific,
    "clause_swap": _clause_swap,
    "police_said": _police_said,
    "thousands": _thousands,
}


def rewrite(text: str, sentences: Sequence[Span], kind: str, rng: random.Random) -> Change | None:
    """One meaning-preserving rewrite of `kind` (see `REWRITE_KINDS`) of one sentence, or None."""
    find = _REWRITERS.get(kind)
    if find is None:
        raise ValueError(f"unknown rewrite kind {kind!r}")
    options = [(s, e, find(text[s:e])) for s, e in sentences]
    options = [o for o in options if o[2]]
    if not options:
        return None
    s, e, found = options[rng.randrange(len(options))]
    a, b, new = found[rng.randrange(len(found))]
    sentence = text[s:e]
    changed = sentence[:a] + new + sentence[b:]
    out = text[:s] + changed + text[e:]
    return Change(kind, out, s, e, s, s + len(changed), sentence, changed)
