"""Find dates in a sentence: full dates, month and year, years, weekdays; normalise them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.text import folded

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?P<year>1[0-9]\d\d|20\d\d|2100)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b"),
    # "19 September", not the "19" of "the 19 Sept. 11 hijackers" (then "Sept. 11" is the date)
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b|\b(?!\.?\s+[0-3]?\d\b))"),
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MON}\s+{_DAY}\b(?![,:]?\s*\d)"),
    re.compile(rf"\b{_MON},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"),
]
# A bare year needs a cue, so that "2000 troops" stays a number.
_YEAR_CUE = re.compile(
    r"(?:\b(?:in|since|by|from|until|till|before|after|during|through|of|early|late|mid|"
    r"spring|summer|autumn|fall|winter|year|season|and|or|to|the|between)\s+|[-–(]|^)"
    r"(?P<year>1[0-9]\d\d|20\d\d)(?!\s*(?:%|percent|[a-z]*\s*(?:people|troops|soldiers|"
    r"jobs|units|cases|deaths|homes|tons|tonnes|miles|km|kilometres|dollars|euros|"
    r"workers|members|votes|residents|patients|students|km|metres|meters|feet|blocks?))"
    r"|\d|[,.]\d|s\b)",
    re.I,
)
_ANY_YEAR = re.compile(r"1[0-9]\d\d|20\d\d")  # what `_YEAR_CUE` cannot match without
_REPORTING = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){0,2}|stated|reported|added|announced|tweeted|wrote|noted|"
    r"confirmed|according to \w+)\s+(?:on\s+|late\s+|early\s+|last\s+)?$",
    re.I,
)
# A date that dates a statement: "in a Monday afternoon press conference", "Friday's
# statement", "a Monday morning email from the agency said" (an email or a tweet only when
# it is said to say something: "a Monday email threatening him" is an event).
_REPORTING_AFTER = re.compile(
    r"(?:[’']s)?\s+(?:(?:morning|afternoon|evening|night)\s+)?"
    r"(?:(?:(?:press|news)\s+(?:conference|release|briefing)|statement|briefing)s?\b"
    r"|(?:e-?mail|tweet)s?\b(?:\s+[\w'’.-]+){0,5}?\s+(?:said|says|stated)\b)",
    re.I,
)
# A sentence that opens with the date of a statement: "On Thursday, the coroner's office said
# ...". Its subject is a few words with no relative clause ("a gunman who authorities said
# had a grudge"), and "said" is not an aside ("On Sunday, police said, the gunman ...").
_OPENS = re.compile(r"^\W*(?:(?:on|late|early)\s+)?$", re.I)
_SAID_NEXT = re.compile(
    r"(?:\s+(?:morning|afternoon|evening|night))?,\s+"
    r"(?:(?!(?:who|that|which|whom|whose)\b)[\w'’.-]+\s+){1,5}?"
    r"(?:said|says|told|stated)\b(?!\s*,)",
    re.I,
)
# A page's time stamp: "Posted: Sunday, August 2, 2015", "Updated on May 3".
_STAMP = re.compile(
    r"\b(?:posted|published|updated|modified)\s*(?::\s*|\s+on\s+)"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in a sentence; offsets relative to the sentence text, half-open.

    `value` is ISO-like: "2024-06-19", "2024-06", "2024", "--06-19" (no year), or a weekday
    name. `reporting` is True when the date only says when something was said.
    """

    start: int
    end: int
    value: str
    granularity: str  # "day", "month", "year", "monthday", "weekday"
    reporting: bool = False


def find_dates(text: str) -> list[DateMention]:
    """Dates in `text` (one sentence) in order, offsets into it."""
    return list(_find_dates(text))


@lru_cache(maxsize=64)  # the DATE and NUM rules both ask, one after the other, per sentence
def _find_dates(text: str) -> tuple[DateMention, ...]:
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            d = _from_match(m)
            if d is None:
                continue
            before = text[: m.start()]
            reporting = bool(
                _REPORTING.search(before)
                or _STAMP.search(before)
                or _REPORTING_AFTER.match(text, m.end())
                or (_OPENS.match(before) is not None and bool(_SAID_NEXT.match(text, m.end())))
            )
            out.append(DateMention(m.start(), m.end(), d[0], d[1], reporting))
            taken.append((m.start(), m.end()))
    for m in _YEAR_CUE.finditer(text) if _ANY_YEAR.search(text) else ():
        s, e = m.start("year"), m.end("year")
        if any(s < b and a < e for a, b in taken):
            continue
        out.append(DateMention(s, e, m.group("year"), "year"))
        taken.append((s, e))
    for m in _YEAR_SPAN.finditer(text):
        # "during the conflict in 1969-1998": a period, not the date of an event
        if "(" in text[max(0, m.start() - 3) : m.start()]:
            continue  # "(1743–1804)": a lifespan, whose ends are dates
        out = [
            DateMention(d.start, d.end, "period:" + d.value, "period", d.reporting)
            if m.start() <= d.start < m.end()
            else d
            for d in out
        ]
    return tuple(sorted(out, key=lambda d: d.start))


_YEAR_SPAN = re.compile(r"\b(?:1[0-9]\d\d|20\d\d)\s*[-–—]\s*(?:1[0-9]\d\d|20\d\d)\b")


def _from_match(m: re.Match[str]) -> tuple[str, str] | None:
    groups = m.groupdict()
    if groups.get("wd"):
        return groups["wd"].lower(), "weekday"
    if groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        mon = groups.get("mon")
        if not mon:
            return None
        month = folded(MONTHS, mon.rstrip("."))
        if mon.lower() == "may" and not groups.get("day") and not groups.get("year"):
            return None
    day = int(groups["day"]) if groups.get("day") else None
    year = groups.get("year")
    if day is not None and not 1 <= day <= 31:
        return None
    if year and day:
        return f"{year}-{month:02d}-{day:02d}", "day"
    if year:
        return f"{year}-{month:02d}", "month"
    if day:
        return f"--{month:02d}-{day:02d}", "monthday"
    return None


def dates_agree(a: str, b: str) -> bool | None:
    """True if two normalised dates can be the same day, False if not, None if incomparable."""
    if a.startswith("period:") or b.startswith("period:"):
        return None
    if a in WEEKDAYS or b in WEEKDAYS:
        return (a == b) if (a in WEEKDAYS and b in WEEKDAYS) else None
    pa, pb = _parts(a), _parts(b)
    common = [k for k in range(3) if pa[k] is not None and pb[k] is not None]
    if not common:
        return None
    # A bare year against a full date compares the years; a month-day against a full date
    # compares month and day.
    return all(pa[k] == pb[k] for k in common)


def _parts(v: str) -> tuple[str | None, str | None, str | None]:
    if v.startswith("--"):
        _, _, m, d = v.split("-")
        return None, m, d
    bits = v.split("-")
    return (bits[0], bits[1] if len(bits) > 1 else None, bits[2] if len(bits) > 2 else None)
