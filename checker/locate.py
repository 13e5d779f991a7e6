"""File positions of quoted sentences: 1-based line and column in the file as written on disk.

Offsets (`start`/`end`) point into a source's text as the tool read it; editors and CI
annotations want lines and columns in the file. Line breaks are CR LF, CR or LF (as editors and
SARIF count them); columns count characters (Unicode code points), 1-based; a byte-order mark
is not a column. An end position is the one just after the sentence's last character, like `end`.

- `.txt`/`.md`: exact, straight from the source text (ingest keeps every line break as written
  and drops only the byte-order mark).
- `.jsonl`/`.json` records: exact when the record's `"text"` string can be found in the file
  (its escapes are mapped character by character), else 0.
- HTML: best effort: the sentence searched in the page's visible text (tags and comments
  skipped, entities decoded, whitespace collapsed); else the start of its opening words; else 0.
- Sources without a path, or whose file cannot be read again: 0 (unknown).
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from checker.files import SMALL_FILE_BYTES, read_regular_file
from checker.model import Conflict, ConflictClaim, Source

Position = tuple[int, int, int, int]  # line, column, end_line, end_column; 0 = unknown
UNKNOWN: Position = (0, 0, 0, 0)

_JSONL_RECORD = re.compile(r"^(?P<file>.+\.jsonl):(?P<n>\d+)$", re.IGNORECASE)
_JSON_RECORD = re.compile(r"^(?P<file>.+\.json)\[(?P<n>\d+)\]$", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` begins; breaks are CR LF, CR or LF."""
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def line_column(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of character `offset`, given `line_starts` of the text."""
    i = bisect.bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1


def file_path(path: str) -> str:
    """The file a source was read from: `a.jsonl:3` and `a.json[2]` (records) name `a.jsonl`
    and `a.json`; any other path is returned as it is."""
    m = _JSONL_RECORD.match(path) or _JSON_RECORD.match(path)
    return m.group("file") if m else path


def locate(conflicts: Iterable[Conflict], sources: Iterable[Source]) -> tuple[Conflict, ...]:
    """The conflicts with each claim's `line`/`column`/`end_line`/`end_column` filled in."""
    by_id = {s.id: s for s in sources}
    files: dict[str, _File | None] = {}
    texts: dict[str, list[int]] = {}  # line starts of txt/md sources' own text, by id
    cache: dict[tuple[str, int, int], Position] = {}
    out = []
    for c in conflicts:
        claims = []
        for cc in c.claims:
            key = (cc.source, cc.start, cc.end)
            if key not in cache:
                src = by_id.get(cc.source)
                cache[key] = _position(src, cc, files, texts) if src is not None else UNKNOWN
            line, col, end_line, end_col = cache[key]
            claims.append(replace(cc, line=line, column=col, end_line=end_line, end_column=end_col))
        out.append(replace(c, claims=tuple(claims)))
    return tuple(out)


def _position(
    src: Source, cc: ConflictClaim, files: dict[str, _File | None], texts: dict[str, list[int]]
) -> Position:
    if not src.path:
        return UNKNOWN
    path = file_path(src.path)
    suffix = Path(path).suffix.lower()
    if suffix in (".txt", ".md"):
        if src.id not in texts:
            texts[src.id] = line_starts(src.text)
        return _span(texts[src.id], cc.start, cc.end)
    if path not in files:
        files[path] = _File.read(path)
    file = files[path]
    if file is None:
        return UNKNOWN
    if suffix in (".html", ".htm"):
        return _html_position(file, cc, len(src.text))
    if suffix in (".json", ".jsonl"):
        return _record_position(file, src, cc)
    return UNKNOWN


def _span(starts: Sequence[int], start: int, end: int) -> Position:
    return (*line_column(starts, start), *line_column(starts, end))


class _File:
    """A source file read again and decoded as ingest does, with its line starts."""

    max_bytes = SMALL_FILE_BYTES  # sources are far smaller (--max-bytes); a bound all the same

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.starts = line_starts(raw)
        self._visible: _Visible | None = None

    @classmethod
    def read(cls, path: str) -> _File | None:
        from checker.ingest import decode

        try:
            raw, _ = decode(read_regular_file(path, cls.max_bytes))
        except (OSError, ValueError):  # gone, replaced by a pipe, grown past the limit
            return None
        return cls(raw)

    @property
    def visible(self) -> _Visible:
        if self._visible is None:
            self._visible = _Visible(self.raw)
        return self._visible


# --- JSON records ------------------------------------------------------------------------------

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_STRUCTURE = re.compile(r'["{}\[\],:]')


def _tokens(raw: str, a: int, b: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of JSON strings (kind '"') and structural characters in raw[a:b]."""
    i = a
    while True:
        m = _STRUCTURE.search(raw, i, b)
        if m is None:
            return
        i = m.start()
        if raw[i] == '"':
            s = _STRING.match(raw, i, b)
            if s is None:
                return
            yield i, s.end(), '"'
            i = s.end()
        else:
            yield i, i + 1, raw[i]
            i += 1


def _array_element(raw: str, n: int) -> tuple[int, int] | None:
    """The span of element `n` of the top-level JSON array in `raw`."""
    depth, start, index = 0, -1, 0
    for i, j, kind in _tokens(raw, 0, len(raw)):
        if kind in "{[":
            depth += 1
            if depth == 1:
                start = j
                continue
        elif kind in "}]":
            depth -= 1
            if depth == 0:
                return (start, i) if index == n else None
        elif kind == "," and depth == 1:
            if index == n:
                return start, i
            index, start = index + 1, j
    return None


def _text_literal(raw: str, a: int, b: int) -> tuple[int, int] | None:
    """The span of the string value of the record's own (depth 1) "text" key in raw[a:b]."""
    depth, found, key_ok = 0, None, False
    last: tuple[int, int] | None = None
    for i, j, kind in _tokens(raw, a, b):
        if kind in "{[":
            depth += 1
        elif kind in "}]":
            depth -= 1
        elif kind == ":":
            key_ok = depth == 1 and last is not None and raw[last[0] : last[1]] == '"text"'
            continue
        elif kind == '"':
            if key_ok:
                found = (i, j)  # the last "text" key wins, as in json.loads
            last = (i, j)
        key_ok = False
    return found


def _cleaned(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


def _literal_offsets(raw: str, start: int, end: int) -> list[int]:
    """Raw offset of each decoded character of the JSON string raw[start:end], then its end."""
    out: list[int] = []
    i, stop = start + 1, end - 1
    while i < stop:
        out.append(i)
        if raw[i] != "\\":
            i += 1
        elif raw[i + 1] != "u":
            i += 2
        else:
            hi = int(raw[i + 2 : i + 6], 16)
            pair = raw[i + 6 : i + 8] == "\\u" and 0xD800 <= hi < 0xDC00
            i += 12 if pair and 0xDC00 <= int(raw[i + 8 : i + 12], 16) < 0xE000 else 6
    out.append(stop)
    return out


def _record_position(file: _File, src: Source, cc: ConflictClaim) -> Position:
    raw, starts = file.raw, file.starts
    jsonl = _JSONL_RECORD.match(src.path)
    json_list = _JSON_RECORD.match(src.path)
    if jsonl:
        line = int(jsonl.group("n"))
        # ingest splits .jsonl files on LF only, so count records the same way
        a = 0
        for _ in range(line - 1):
            a = raw.find("\n", a) + 1
            if a == 0:
                return UNKNOWN
        b = raw.find("\n", a)
        span: tuple[int, int] | None = (a, len(raw) if b < 0 else b)
    elif json_list:
        span = _array_element(raw, int(json_list.group("n")))
    else:
        span = (0, len(raw))
    if span is None:
        return UNKNOWN
    literal = _text_literal(raw, *span)
    if literal is not None:
        try:
            value = json.loads(raw[literal[0] : literal[1]])
        except ValueError:
            value = None
        # ingest replaced lone surrogates with "?", one for one
        if isinstance(value, str) and _cleaned(value) == src.text:
            offsets = _literal_offsets(raw, *literal)
            if len(offsets) == len(src.text) + 1 and 0 <= cc.start <= cc.end <= len(src.text):
                return _span(starts, offsets[cc.start], offsets[cc.end])
    # the record at least: its first line, column unknown
    first = span[0] + len(raw[span[0] : span[1]]) - len(raw[span[0] : span[1]].lstrip())
    return line_column(starts, first)[0], 0, 0, 0


# --- HTML --------------------------------------------------------------------------------------

_HIDDEN = re.compile(
    r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)"
    r"|<(script|style|head|title|noscript|template|svg)\b[^>]*>.*?(?:</\1\s*>|$)"
    r"|<[A-Za-z/!?][^>]*>?",
    re.DOTALL | re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_SPACE = re.compile(r"\s+")


class _Visible:
    """An HTML page's visible text with whitespace collapsed, and each character's raw span."""

    def __init__(self, raw: str) -> None:
        chars: list[str] = []
        lo: list[int] = []
        hi: list[int] = []
        i = 0
        for m in re.finditer(r"[<&]", raw):
            if m.start() < i:
                continue
            self._text(raw, i, m.start(), chars, lo, hi)
            i = m.start()
            if raw[i] == "<":
                tag = _HIDDEN.match(raw, i)
                end = tag.end() if tag else i + 1
                chars.append(" " if tag else "<")  # a tag separates words; a lone "<" is text
                lo.append(i)
                hi.append(end)
                i = end
            else:
                ent = _ENTITY.match(raw, i)
                end = ent.end() if ent else i + 1
                for ch in html.unescape(raw[i:end]):
                    chars.append(ch)
                    lo.append(i)
                    hi.append(end)
                i = end
        self._text(raw, i, len(raw), chars, lo, hi)
        # collapse whitespace runs to one space, keeping the first character's span
        text: list[str] = []
        self.lo: list[int] = []
        self.hi: list[int] = []
        prev_space = True
        for ch, a, b in zip(chars, lo, hi, strict=True):
            space = ch.isspace()
            if space and prev_space:
                continue
            text.append(" " if space else ch)
            self.lo.append(a)
            self.hi.append(b)
            prev_space = space
        self.text = "".join(text)

    @staticmethod
    def _text(raw: str, a: int, b: int, chars: list[str], lo: list[int], hi: list[int]) -> None:
        chars.extend(raw[a:b])
        lo.extend(range(a, b))
        hi.extend(range(a + 1, b + 1))

    def find(self, needle: str, ratio: float) -> int:
        """The occurrence of `needle` nearest to `ratio` of the way through the page; -1: none."""
        hits: list[int] = []
        i = self.text.find(needle)
        while i >= 0 and len(hits) < 64:
            hits.append(i)
            i = self.text.find(needle, i + 1)
        if not hits:
            return -1
        size = max(len(self.text), 1)
        return min(hits, key=lambda h: abs(h / size - ratio))


def _html_position(file: _File, cc: ConflictClaim, text_len: int) -> Position:
    page, starts = file.visible, file.starts
    ratio = cc.start / max(text_len, 1)
    words = cc.text.split()
    if not words:
        return UNKNOWN
    sentence = " ".join(words)
    i = page.find(sentence, ratio)
    if i >= 0:
        a, b = page.lo[i], page.hi[i + len(sentence) - 1]
        return _span(starts, a, b)
    # the page may hold words the extracted text left out (a byline inside the sentence's
    # span): find the opening words, then the closing words soon after them
    opening = " ".join(words[:6])
    i = page.find(opening, ratio)
    if i < 0:
        return UNKNOWN
    start = line_column(starts, page.lo[i])
    closing = " ".join(words[-6:])
    j = page.text.find(closing, i + len(opening) if len(words) > 6 else i)
    if j < 0 or j - i > 2 * len(sentence) + 200:
        return (*start, 0, 0)
    return (*start, *line_column(starts, page.hi[j + len(closing) - 1]))
