"""Find quantities in a sentence: digits or words, scales, hedges, ranges, units, counted nouns."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker import tables
from checker.addresses import BLOCK_WORD
from checker.heads import head_after
from checker.text import folded, folded_key
from checker.units import ATTACHED_ONLY, CURRENCY_SYMBOLS, MAX_UNIT_WORDS, UNITS, Unit, to_base

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_MULT = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_SCALE_ABBR = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
_WORD = "|".join(sorted([*_SMALL, *_MULT, "dozen"], key=len, reverse=True))
_WORDNUM = (
    r"(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"(?:{_WORD})(?:(?:-|\s+|\s+and\s+)(?:{_WORD}))*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CORE = re.compile(
    rf"(?P<cur>US\$|\$|€|£|¥|\b(?:USD|EUR|GBP)\s?)?"
    rf"(?:(?<![\w.,/:])(?P<dig>{_DIGITS})(?![\d/:]|\.\d|,\d{{3}}|s\b|[a-z]{{3,}})|\b(?P<word>{_WORDNUM})\b)"
    rf"(?P<scale>\s*-?\s*(?:million|billion|trillion|thousand)\b|(?<=\d)\s?(?:bn|mn|tn|trn)\b"
    rf"|(?<=\d)(?:k|m|b)\b(?=[\s.,;:)!?]|$))?",
    re.I,
)
_FEET_INCHES = re.compile(
    r"\b(?P<ft>[1-9])\s*(?:'|’|ft\.?|feet|foot|-foot-),?\s*(?P<in>1[01]|\d)(?:\.\d+)?"
    r"(?:\s*(?:\"|”|''|in\b|inches\b))?",
)
# "5 feet 3 to 5 feet 5", "5-foot-9 to 6-foot": the other end of a range of heights
_HEIGHT_TO = re.compile(
    r"\s*(?:to|-|–)\s*(?:(?P<ft>[1-9])\s*(?:'|’|ft\.?|feet|foot|-foot-?),?\s*)?"
    r"(?P<in>1[01]|\d)?(?![\d.,]\d)(?:\s*(?:\"|”|''|in\b|inches\b))?",
)
_VAGUE = re.compile(
    r"\b(?P<v>tens of thousands|hundreds of thousands|hundreds of millions|dozens|hundreds|"
    r"thousands|millions|billions|scores)\s+of\b",
    re.I,
)
_VAGUE_RANGES = {
    "dozens": (24, 99), "scores": (40, 200), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2e6, 9.99e8), "hundreds of millions": (2e8, 9.99e8), "billions": (2e9, 9.99e11),
}  # fmt: skip
# Hedges before a number, longest first: (lower factor or None, upper factor or None, kind).
_HEDGES = [
    ("no more than", 0.0, 1.0), ("no fewer than", 1.0, math.inf), ("no less than", 1.0, math.inf),
    ("more than", 1.0, math.inf), ("greater than", 1.0, math.inf), ("in excess of", 1.0, math.inf),
    ("upwards of", 1.0, math.inf), ("at least", 1.0, math.inf), ("just over", 1.0, 1.1),
    ("just under", 0.9, 1.0), ("fewer than", 0.0, 1.0), ("less than", 0.0, 1.0),
    ("up to", 0.0, 1.0), ("as many as", 0.0, 1.0), ("at most", 0.0, 1.0), ("as much as", 0.0, 1.0),
    ("close to", 0.85, 1.0), ("an estimated", 0.9, 1.1), ("more or less", 0.9, 1.1),
    ("some", 0.9, 1.1), ("about", 0.9, 1.1), ("around", 0.9, 1.1), ("roughly", 0.9, 1.1),
    ("approximately", 0.9, 1.1), ("approx.", 0.9, 1.1), ("estimated", 0.9, 1.1),
    ("nearly", 0.85, 1.0), ("almost", 0.85, 1.0), ("over", 1.0, math.inf), ("above", 1.0, math.inf),
    ("under", 0.0, 1.0), ("below", 0.0, 1.0), ("only", 1.0, 1.0), ("just", 1.0, 1.0),
]  # fmt: skip
_HEDGE_RE = re.compile(
    r"(?:^|(?<=\s)|(?<=[(“\"]))(?P<h>" + "|".join(re.escape(h) for h, _, _ in _HEDGES) + r")\s+$",
    re.I,
)
_HEDGE_BOUNDS = {h: (lo, hi) for h, lo, hi in _HEDGES}
# Words before a number that make it a past or comparison value, not the current claim.
_SUPERSEDED_RE = re.compile(
    r"\b(?:up|down|rising|falling|increased|decreased|rose|fell|grew|dropped|climbed) from\s+$"
    r"|\b(?:compared (?:with|to)|versus|vs\.?|than|previous(?:ly)?|from)\s+(?:a |an |the )?$",
    re.I,
)
_IDENT_BEFORE = re.compile(r"(?:\b[A-Z][\w-]*|\bNo\.?|#|\bnumber|\bnos?\.)\s*-?\s*$")
_NOT_IDENT = re.compile(
    r"(?:^|\s)(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|The|A|An|In|On|At|About|Some|"
    r"Around|Nearly|Almost|Over|Only|Just|By|From|Of|For|With|And|But|Roughly|More|Fewer|Less|"
    r"Up|To|Approximately|Between|Since|After|Before|Until|Under|Exactly|All|Those|These|Its|"
    r"Their|His|Her|Our|Your|My|Another|Each|Every|Estimated|Upwards|Than)\s*$"
)
_ONE_SKIP_AFTER = re.compile(r"^\s*(?:of|another|who|that|which|hand|thing|way|day|time)\b", re.I)
_ONE_SKIP_BEFORE = re.compile(
    r"\b(?:no|the|any|every|each|this|that|which|someone|anyone)\s+$", re.I
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a sentence; offsets are relative to the sentence text, half-open."""

    start: int
    end: int
    value: float
    low: float
    high: float
    hedge: str = ""
    unit: Unit | None = None
    head: str = ""  # lemma of the counted noun ("memorandum"), or "" for measured units
    of_words: tuple[str, ...] = ()  # what a percentage is of ("weapon", "shipment")
    superseded: bool = False
    modifier: bool = False  # "a 10-year deal": the quantity describes the noun after it

    @property
    def dimension(self) -> str:
        return self.unit.dimension if self.unit else "count"

    def in_base(self) -> tuple[float, float, float]:
        """(value, low, high) converted to the dimension's base unit."""
        if self.unit is None:
            return self.value, self.low, self.high
        return tuple(
            to_base(x, self.unit) if math.isfinite(x) else x  # type: ignore[return-value]
            for x in (self.value, self.low, self.high)
        )


def parse_words(text: str) -> float | None:
    """Value of a run of number words ("two hundred and fifty", "a dozen"); None if not one."""
    total, current = 0.0, 0.0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if w in ("a", "an"):
            current = max(current, 1)
            continue
        if w == "and":
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _MULT:
            total += (current or 1) * _MULT[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def find_quantities(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in `text` (one sentence), except those overlapping the `skip` spans."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = list(skip)
    for m in _FEET_INCHES.finditer(text):
        # "6' 8\"", "6 ft 9 in", "6-foot-8": one height, in inches
        inches = float(m.group("ft")) * 12 + float(m.group("in"))
        low, high, end = inches - 0.45, inches + 0.45, m.end()
        to = _HEIGHT_TO.match(text, end)
        if to and (to.group("ft") or to.group("in")):
            other = float(to.group("ft") or m.group("ft")) * 12 + float(to.group("in") or 0)
            if other > inches:
                high, end = other + 0.45, to.start() + len(to.group(0).rstrip())
        height = Quantity(m.start(), end, (low + high) / 2, low, high, "", UNITS["inch"])
        if not _overlaps(height.start, height.end, taken):
            out.append(height)
            taken.append((height.start, height.end))
    for m in _VAGUE.finditer(text):
        lo, hi = folded(_VAGUE_RANGES, m.group("v"))
        q = _finish(text, m.start(), m.end(), (lo + hi) / 2, lo, hi, None, vague=True)
        if q and not _overlaps(q.start, q.end, taken):
            out.append(q)
            taken.append((q.start, q.end))
    for m in _CORE.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        q = _from_match(text, m)
        if q is not None and not _overlaps(q.start, q.end, taken):
            out.append(q)
            taken.append((q.start, q.end))
    return sorted(out, key=lambda q: q.start)


def _overlaps(s: int, e: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


_BLOCK = re.compile(r"\s+" + BLOCK_WORD + r"\b", re.I)  # "the 14600 block", "the 700 blocks"


def _from_match(text: str, m: re.Match[str]) -> Quantity | None:
    before = text[: m.start()]
    if m.group("dig"):
        raw = m.group("dig")
        value = float(raw.replace(",", ""))
        if not m.group("cur") and _IDENT_BEFORE.search(before) and not _NOT_IDENT.search(before):
            return None  # "Flight 370", "Article 5", "No. 10": a name, not a quantity
        if re.match(r"(?:st|nd|rd|th)\b", text[m.end("dig") :], re.I):
            return None  # an ordinal
        # A block number labels a place: "the 14600 block" is not a rounded 14,550-14,650.
        exact = _BLOCK.match(text, m.end("dig"))
        tol = 0.0 if exact else _rounding(raw)
        half = _half_unit(raw)
        if re.search(r"(?:^|[\s(])[-−–]$", before) and not m.group("cur"):
            value = -value  # "-5 degrees Celsius"
        if re.match(r"\s*(?:½|1/2|and a half)", text[m.end("dig") :]):
            return None  # "4½ miles", "1 1/2 million": fractions are not read
    else:
        raw = m.group("word")
        parsed = parse_words(raw)
        if parsed is None:
            return None
        if raw[:1].isupper() and before.strip() and not re.search(r"[.!?:“\"(]\s*$", before):
            return None  # "Zero Dark Thirty", "Ocean's Eleven": part of a name
        if re.search(r"\bhalf\s+(?:a|an)?\s*$", before, re.I) or re.match(
            r"\s+and\s+(?:a\s+)?half\b", text[m.end() :], re.I
        ):
            return None  # "half a million", "one and a half million": not parsed, not guessed
        if raw.lower() == "one" and (
            _ONE_SKIP_AFTER.match(text[m.end() :]) or _ONE_SKIP_BEFORE.search(before)
        ):
            return None
        value, tol = parsed, 0.0
        half = 0.05 * value
    scale = (m.group("scale") or "").strip(" -").lower()
    if scale:
        factor = _MULT.get(scale) or _SCALE_ABBR.get(scale, 1)
        if m.group("dig"):
            decimals = raw.split(".")[1] if "." in raw else ""
            tol = 0.5 * factor / (10 ** len(decimals)) if factor >= 1_000_000 else tol * factor
            tol = min(tol, 0.05 * value * factor)
            half = 0.5 * factor / (10 ** len(decimals)) if factor >= 1_000_000 else half * factor
        else:
            half *= factor
        value *= factor
    unit = CURRENCY_SYMBOLS.get((m.group("cur") or "").strip().lower())
    return _finish(text, m.start(), m.end(), value, value - tol, value + tol, unit, half=half)


def _half_unit(raw: str) -> float:
    """Half the place value of the last significant digit ("300" gives 50, "8.2" 0.05)."""
    digits = raw.replace(",", "")
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".")[1])
    zeros = len(digits) - len(digits.rstrip("0")) if int(digits) else 0
    return 0.5 * 10**zeros


def _rounding(raw: str) -> float:
    """Half the last significant digit of a round number ("5,600" gives 50), capped at 5%."""
    digits = raw.replace(",", "")
    if "." in digits:
        return 0.0
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros < 2 or int(digits) == 0:
        return 0.0
    return min(0.5 * 10**zeros, 0.05 * int(digits))


def _finish(
    text: str,
    start: int,
    end: int,
    value: float,
    low: float,
    high: float,
    unit: Unit | None,
    vague: bool = False,
    half: float = 0.0,
) -> Quantity | None:
    # "4.1 million" is 4100000, not 4099999.9999999995
    value, low, high = (float(f"{x:.12g}") for x in (value, low, high))
    hedge = ""
    hm = _HEDGE_RE.search(text[:start])
    if hm and not vague:
        hedge = folded_key(_HEDGE_BOUNDS, hm.group("h"))  # "eſtimated" is "estimated"
        lo_f, hi_f = _HEDGE_BOUNDS[hedge]
        if 0.0 < lo_f < 1.0 or 1.0 < hi_f < math.inf:
            # An approximation is as loose as the number's own precision, within 2.5-10%:
            # "about 300" covers 270-330, "about $8.2 billion" only 8.0-8.4 billion.
            rel = min(0.1, max(0.025, half / abs(value))) if value else 0.1
            one_sided = lo_f == 1.0 or hi_f == 1.0  # "nearly", "just over": twice the room
            width = min(0.15, 2 * rel) if one_sided else rel
            lo_f = 1.0 - width if lo_f < 1.0 else lo_f
            hi_f = 1.0 + width if hi_f > 1.0 else hi_f
        low, high = min(low, value * lo_f), max(high, value * hi_f)
        start = hm.start("h")
    superseded = bool(_SUPERSEDED_RE.search(text[:start]))
    # A range "10 to 20", "10-20", "between 10 and 20" widens the interval.
    # "between the 400 and the 700 blocks": after "between" the article may stand before each end.
    between = re.search(r"\bbetween\s+(?:the\s+)?$", text[:start], re.I)
    article = r"(?:the\s+)?" if between else ""
    rm = re.match(
        rf"\s*(?:-|–|to|and)\s*{article}(\d[\d,]*(?:\.\d+)?)\b(?!\s*[,]?\s*\d{{4}})", text[end:]
    )
    if rm and not vague and (between or rm.group(0).strip()[0] in "-–t"):
        other = float(rm.group(1).replace(",", "")) * (value / max(_leading(text[start:end]), 1e-9))
        if other > value:
            high = max(high, other)
            end += rm.end()
            if _BLOCK.match(text, end):  # both ends of a range of blocks are exact
                low = value
    modifier = False
    rest = text[end:]
    # "a 10-year deal", "a five-day visit", "a 45-year-old man"
    cm = re.match(
        r"-(year|month|week|day|hour|minute|mile|kilometre|kilometer|km|metre|meter|"
        r"foot|storey|story|member|point|seat|page|man|person|game)s?(-old)?\b",
        rest,
        re.I,
    )
    if cm:
        end += cm.end()
        if cm.group(2):
            unit = Unit("year of age", "age", 1.0)
        else:
            unit = UNITS.get(cm.group(1).lower(), unit)
            modifier = True
        rest = text[end:]
    elif unit is None and _appositive_age(text[:start], rest, value):
        unit = Unit("year of age", "age", 1.0)  # "Boy, 9, shot", "the woman, 34, was"
    elif unit is None or unit.dimension.startswith("currency"):
        found = _unit_after(rest)
        if found is not None:
            u, n = found
            if unit is None or u.dimension.startswith("currency"):
                unit = u
                end += n
                rest = text[end:]
    head, of_words, n = head_after(rest)
    if head and (unit is None or modifier):
        end += n
    if not head and unit is None:
        head = "_"  # a bare number: comparable only to another bare number in a tight context
    if unit is not None and unit.dimension == "percent":
        head = ""
    return Quantity(
        start,
        end,
        value,
        low,
        high,
        hedge,
        unit,
        head if not unit or modifier else "",
        of_words,
        superseded,
        modifier,
    )


def _leading(s: str) -> float:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", s)
    return float(m.group(0).replace(",", "")) if m else 1.0


def _unit_after(rest: str) -> tuple[Unit, int] | None:
    """The unit right after a number: attached ("5km", "80%") or as following words."""
    attached = re.match(r"(%|°[CF]|[A-Za-z²/]+)", rest)
    if attached:
        word = attached.group(1).lower()
        if word in UNITS:
            return UNITS[word], attached.end()
    words = list(re.finditer(r"\S+", rest[:80]))
    for n in range(min(MAX_UNIT_WORDS, len(words)), 0, -1):
        if n == 1 and not rest[:1].isspace():
            continue
        joined = " ".join(w.group(0) for w in words[:n])
        phrase = joined.lower().rstrip(".,;:)’'\"”")
        # "(2.06 m)": a lone "m" closing a bracket or clause is metres, not millions
        after = rest[words[0].start() + 1 : words[0].start() + 2]
        closes = n == 1 and phrase == "m" and after in (")", ",", ";", "")
        if phrase in UNITS and (phrase not in ATTACHED_ONLY or closes):
            return UNITS[phrase], words[0].start() + len(phrase)
    return None


_PERSON_NOUN_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(sorted(tables.words("age_person_nouns.txt"), key=len, reverse=True))
    + r")s?\s*,\s*$",
    re.I,
)


def _appositive_age(before: str, after: str, value: float) -> bool:
    """A whole number set off by commas right after a word for a person is an age."""
    return (
        0 < value < 120
        and value == int(value)
        and after.lstrip().startswith(",")
        and bool(_PERSON_NOUN_BEFORE.search(before))
    )
