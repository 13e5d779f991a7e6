"""Street addresses and clock times: numbers that name a place or a time, not a quantity.

"the 1400 block of Main Street", "at 3320 W. Oak Ave." and "Route 9" are where something
happened, and "at 10:30 p.m." when; a link, a telephone number and "Image 12 of 33" only
label. A count or a date read from them is noise that no comparison can repair.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from checker.model import Claim, Sentence

_STREET = (
    r"(?:street|st|avenue|ave|road|rd|drive|dr|boulevard|blvd|lane|ln|way|court|ct|place|pl|"
    r"parkway|pkwy|highway|hwy|terrace|circle|cir|trail|pike)\.?"
)
BLOCK_WORD = r"(?:blocks?|blk)"  # "the 1400 block", "the 700 blocks"; numbers.py reads it too
_ADDRESS = re.compile(
    r"\b\d[\d,]*\s+" + BLOCK_WORD + r"\b"  # the 1400 block
    r"|\b\d{2,6}\s+(?:[NSEW]\.?\s+|north\s+|south\s+|east\s+|west\s+)?"
    r"(?:[A-Z][\w'-]*\s+){1,3}" + _STREET + r"(?=\W|$)"  # 3320 W. Oak Ave.
    r"|\b(?:route|highway|interstate|county road|state road|i-|us-?|sr-?)\s*\d+\b",  # Route 9
    re.I,
)
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|o'clock\b)", re.I)


# Numbers that only label: a link, a telephone number (also one in letters, "214-373-TIPS",
# and the emergency number, "911 calls", "9-1-1"), a gallery's "Image 12 of 33".
_LINK = r"\S*(?:://|www\.)\S*"
_OTHER_LABELS = (
    r"(?<![\w-])(?:\(?\d{3}\)?[\s.-]?)?\d{3}-\d{4}(?![\w-])"
    r"|(?<![\w-])(?:1-)?\d{3}-\d{3}-(?-i:[A-Z]{4})(?![\w-])"
    r"|(?<![\w-])9-1-1(?![\w-])"  # the emergency number spelt out; "911" only as a call:
    r"|\b(?:call(?:s|ed|ing)?|dial(?:s|ed|led|ing)?|to)\s+911\b(?![.,]\d)"
    r"|(?<![\w$£€.,/-])911\s+(?:calls?|callers?|dispatch\w*|operators?|cent(?:er|re)s?|"
    r"emergenc\w*|lines?|system)\b"
    r"|\b(?:image|photo|picture|slide|video)\s+\d+\s+(?:of\s+/?\s*)?\d+\b"
    r"|\b\d+\s+of\s+/?\s*\d+\s+(?=image|photo|caption)"
)
_LABEL = re.compile(f"{_LINK}|{_OTHER_LABELS}", re.I)
# The same without links: `_LINK` tries every start of every word (its leading \S* runs to
# the word's end and back), and it needs "://" or "www." to match at all.
_LABEL_NO_LINK = re.compile(_OTHER_LABELS, re.I)


def has_link(text: str) -> bool:
    """Could `text` hold a link (`_LINK`: "://" or "www." in any case)?"""
    return "://" in text or "www." in text.lower()


@lru_cache(maxsize=64)
def label_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Half-open spans of links, telephone numbers and gallery counters in `text`."""
    pattern = _LABEL if has_link(text) else _LABEL_NO_LINK
    return tuple((m.start(), m.end()) for m in pattern.finditer(text))


@lru_cache(maxsize=64)
def clock_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Half-open spans of clock times ("10 p.m.", "9:30 a.m.") in `text`."""
    return tuple((m.start(), m.end()) for m in _CLOCK.finditer(text))


@lru_cache(maxsize=64)  # the NUM and DATE rules both ask, per sentence
def address_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Half-open spans of street addresses and clock times in `text`."""
    found = [*_ADDRESS.finditer(text), *_CLOCK.finditer(text)]
    return tuple(sorted((m.start(), m.end()) for m in found))


def labelled(claim: Claim, sentences: Mapping[tuple[str, int], Sentence]) -> bool:
    """Is the claim's quote in a label of its sentence (`label_spans`)?"""
    s = sentences.get((claim.source_id, claim.sentence_index))
    if s is None:
        return False
    start, end = claim.start - s.start, claim.end - s.start
    return in_address(start, end, label_spans(s.text))


def in_address(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start < b and a < end for a, b in spans)
