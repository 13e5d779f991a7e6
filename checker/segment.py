"""Split a source's text into sentences with half-open character offsets into that text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from checker.furniture import is_credit, is_furniture_line
from checker.model import Sentence, Source

# Tokens that end with a period but rarely end a sentence (compared lower-case, without the dot).
# fmt: off
ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "etc", "inc",
    "corp", "ltd", "co", "gen", "lt", "col", "capt", "sgt", "maj", "adm", "cmdr", "gov", "sen",
    "rep", "rev", "hon", "pres", "supt", "det", "insp", "messrs", "mme", "mlle", "approx", "est",
    "dept", "univ", "assn", "bros", "ave", "blvd", "rd", "u.s", "u.k", "u.n", "e.u", "u.s.a",
    "a.m", "p.m", "i.e", "e.g", "cf", "al", "d.c", "n.y", "l.a",
])
# Abbreviations only when a number follows ("No. 5", "Jan. 26", "Fig. 3"): "said no." and
# "the Sun." end sentences.
ABBREVIATIONS_BEFORE_NUMBER = frozenset([
    "no", "nos", "fig", "figs", "vol", "pp", "ch", "art", "sec", "op", "ed", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
])
# fmt: on
MAX_SENTENCE_CHARS = 1500

_CANDIDATE = re.compile(r"[.!?…]+['\"’”)\]]*(?=\s)")
# A sentence glued to the next with no space ("were hospitalized.Investigators said"), as
# scraped pages often have: a lower-case word, the stop, a capitalised word (not a domain's).
_GLUED = re.compile(
    r"(?<=[a-z]{3})[.!?]['\"’”)\]]*(?!(?:Com|Net|Org|Gov|Edu)\b)"
    r"(?![A-Z]\w*(?:@|\.[a-z]{2,}\b))"  # an e-mail address or a domain ("news.Google.com")
    r"(?=[“‘]?[A-Z][a-z]{2,}\b)"
)
_IN_ADDRESS = re.compile(r"(?:/|@|www\.|\.com?|https?:)\S*$")
_NEXT_START = re.compile(r"\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_BULLET = re.compile(r"^\s*(?:[•·▪‣◦*–—-]|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"[.!?…:;]['\"’”)\]]*\s*$")
_HARD_WRAP_MIN = 40  # a line at least this long, without end punctuation, is wrapped prose


def segment(source: Source) -> tuple[Sentence, ...]:
    """Sentences of `source` in order; each `text == source.text[start:end]`, never blank."""
    spans = [s for block in _blocks(source.text) for s in _split_block(source.text, *block)]
    sentences = []
    for start, end in spans:
        for s, e in _cap_length(source.text, start, end):
            s, e = _trim(source.text, s, e)
            if e > s and any(c.isalnum() for c in source.text[s:e]):
                sentences.append((s, e))
    covered = _Furniture(source.furniture)
    return tuple(
        Sentence(
            source_id=source.id,
            index=i,
            start=s,
            end=e,
            text=source.text[s:e],
            furniture=covered.holds(s, e) or is_credit(source.text[s:e]),
        )
        for i, (s, e) in enumerate(sentences)
    )


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield spans of text that no sentence crosses: paragraphs, headings, list items."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, pos + len(line)))
        pos += len(line)
    block_start: int | None = None
    prev: tuple[int, int] | None = None
    for start, end in lines:
        body = text[start:end]
        if not body.strip():
            if block_start is not None and prev is not None:
                yield block_start, prev[1]
            block_start, prev = None, None
            continue
        if block_start is not None and prev is not None and _breaks(text[prev[0] : prev[1]], body):
            yield block_start, prev[1]
            block_start = None
        if block_start is None:
            block_start = start
        prev = (start, end)
    if block_start is not None and prev is not None:
        yield block_start, prev[1]


def _breaks(prev_line: str, line: str) -> bool:
    """Does a single line break between these two lines end a sentence?"""
    if _BULLET.match(line):
        return True
    stripped = prev_line.strip()
    if is_furniture_line(stripped) or is_furniture_line(line.strip()):
        return True
    if _TERMINAL.search(stripped):
        return True
    # A short line without end punctuation is a heading or a label; a long one is wrapped prose
    # unless the next line plainly starts something new.
    return len(stripped) < _HARD_WRAP_MIN


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    block = text[start:end]
    last = 0
    for m, glued in _stops(block):
        cut = m.end() - _opening_quote(block, m) if glued else m.end()
        if not glued and _NEXT_START.match(block, cut) is None:
            continue
        if _is_abbreviation(block, m.start(), block[m.start() : m.end()]):
            continue
        if re.fullmatch(r"\s*\d{1,3}\.", block[last:cut]):
            continue  # a list number ("1. The bridge...") belongs to its item
        yield start + last, start + cut
        last = cut
    if last < len(block):
        yield start + last, end


def _stops(block: str) -> list[tuple[re.Match[str], bool]]:
    """Candidate sentence ends in order: a stop before a space, or one glued to a capitalised
    word (not inside a web address)."""
    glued = [
        (m, True)
        for m in _GLUED.finditer(block)
        if not _IN_ADDRESS.search(block, max(0, m.start() - 80), m.start())
    ]
    found = [(m, False) for m in _CANDIDATE.finditer(block)] + glued
    return sorted(found, key=lambda f: f[0].start())


def _opening_quote(block: str, m: re.Match[str]) -> int:
    """1 when a glued stop ends in a straight double quote that opens the next sentence
    (`trouble."His mother`): an even number of them before it on its line."""
    if block[m.end() - 1] != '"' or m.end() - m.start() < 2:
        return 0
    line_start = block.rfind("\n", 0, m.start()) + 1
    return 1 if block.count('"', line_start, m.end() - 1) % 2 == 0 else 0


def _is_abbreviation(block: str, dot_at: int, punct: str) -> bool:
    if not punct.startswith("."):
        return False
    m = _WORD_BEFORE.search(block, max(0, dot_at - 80), dot_at)
    if m is None:
        return False
    word = m.group(1).lstrip("\"'“‘([").lower()
    if word in ABBREVIATIONS:
        return True
    if word in ABBREVIATIONS_BEFORE_NUMBER and re.match(r"\s+\d", block[dot_at + 1 :]):
        return True
    # Initials (J. R. R. Tolkien) and dotted abbreviations (U.S., a.m.) do not end sentences.
    if len(word) == 1 and word.isalpha():
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _cap_length(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut run-on text (no punctuation for pages) at spaces so no sentence is huge."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    yield start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "•·▪‣◦"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _in_furniture(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return covered * 2 >= end - start


class _Furniture:
    """Whether furniture spans cover at least half of a sentence. Ingest's spans are sorted
    and disjoint (one per line), so only those that can overlap the sentence are summed:
    summing every span for every sentence made a long article quadratic (a 1 MB page spent
    most of its claim extraction here). Spans in any other shape are summed in full."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self.ordered = all(
            a[0] <= a[1] <= b[0] <= b[1] for a, b in zip(self.spans, self.spans[1:], strict=False)
        )
        self.ends = [e for _, e in self.spans]

    def holds(self, start: int, end: int) -> bool:
        if not self.ordered:
            return _in_furniture(start, end, self.spans)
        i = bisect.bisect_right(self.ends, start)  # the first span ending after `start`
        j = i
        while j < len(self.spans) and self.spans[j][0] < end:
            j += 1
        return _in_furniture(start, end, self.spans[i:j])
