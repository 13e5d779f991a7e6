"""Read sources (txt, md, html, json, jsonl) into `Source` values; name every file left out."""

from __future__ import annotations

import codecs
import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import InputError
from checker.files import read_regular_file
from checker.furniture import find_furniture, is_furniture_line
from checker.htmltext import html_main_text
from checker.model import Skipped, Source
from checker.report.mdfmt import is_markdown_report
from checker.updates import published_line

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
# A 2 MB article is ~300,000 words, far beyond any news article; claim extraction runs about
# 5 to 10 s per MB (linear), and embedding grows with it, so a larger file is rarely an article
# and would keep a CI job for minutes.
DEFAULT_MAX_BYTES = 2_000_000
# Alignment pairs every sentence with its neighbours in every other source, so work grows with
# the square of the number of sources; 1,000 is where the memory figure is measured (README).
DEFAULT_MAX_SOURCES = 3_000  # the largest batch measured in bench/: 1.3 GB peak


@dataclass(frozen=True, slots=True)
class Ingested:
    """What ingestion produced: the usable sources and the ones left out, with reasons."""

    sources: tuple[Source, ...]
    skipped: tuple[Skipped, ...]


def ingest(
    items: Iterable[str | os.PathLike[str] | Source],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Ingested:
    """Read files, directories (walked, sorted) and ready `Source` objects.

    A path that does not exist raises `InputError`; a file that exists but cannot be
    used is returned in `skipped` with the reason, and the rest is still read.
    """
    sources: list[Source] = []
    skipped: list[Skipped] = []
    seen: dict[object, str] = {}  # each file once, however many paths lead to it
    for item in items:
        if isinstance(item, Source):
            sources.append(_with_furniture(item))
            continue
        path = Path(item)
        if not path.exists():
            raise InputError(f"{path}: no such file or directory; check the path")
        files = _walk(path, skipped) if path.is_dir() else [path]
        for file in files:
            key = _identity(file)
            if key in seen:
                skipped.append(Skipped(str(file), f"the same file as {seen[key]}; counted once"))
                continue
            seen[key] = str(file)
            got, bad = _read_file(file, explicit=not path.is_dir(), max_bytes=max_bytes)
            sources.extend(got)
            skipped.extend(bad)
    return Ingested(unique_ids(sources), tuple(skipped))


def _identity(file: Path) -> object:
    """What makes two paths the same file: device and inode (symlinks, hard links, `a/../a`),
    else the real path."""
    try:
        st = os.stat(file)
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.realpath(file)


def _walk(root: Path, skipped: list[Skipped]) -> list[Path]:
    found: list[Path] = []
    seen_dirs: set[tuple[int, int]] = set()

    def onerror(err: OSError) -> None:
        skipped.append(Skipped(str(err.filename or root), f"cannot list directory: {err.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        try:
            st = os.stat(dirpath)
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:  # a symlink loop: walk each real directory once
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            file = Path(dirpath) / name
            if file.suffix.lower() in SUFFIXES:
                found.append(file)
    return found


def _read_file(path: Path, *, explicit: bool, max_bytes: int) -> tuple[list[Source], list[Skipped]]:
    suffix = path.suffix.lower()
    where = str(path)
    if suffix not in SUFFIXES:
        exts = ", ".join(sorted(SUFFIXES))
        return [], [
            Skipped(where, f"unsupported file type {suffix or '(none)'}; use one of {exts}")
        ]
    try:
        data = read_regular_file(path, max_bytes)
    except OSError as err:
        return [], [Skipped(where, f"cannot read file: {err.strerror or err}")]
    except ValueError as err:
        return [], [Skipped(where, str(err))]
    try:
        text, encoding = decode(data)
    except ValueError as err:
        return [], [Skipped(where, str(err))]
    if suffix in RECORD_SUFFIXES:
        return _read_records(path, text, encoding)
    if own := checker_output(text):  # a report written next to the articles it audited
        return [], [Skipped(where, f"a checker {own} report, not an article")]
    if suffix in HTML_SUFFIXES:
        try:
            text, title, published = html_main_text(text)
        except ValueError as err:
            return [], [Skipped(where, str(err))]
    else:
        title, published = _first_line_title(text), ""
    if not text.strip():
        return [], [Skipped(where, "empty: no text to audit")]
    notes = () if encoding in ("utf-8", "utf-8-sig") else (_encoding_note(encoding),)
    src = Source(
        id=path.stem,
        text=text,
        path=where,
        title=title,
        encoding=encoding,
        notes=notes,
        published=published,
    )
    return [_with_furniture(src)], []


def _encoding_note(encoding: str) -> str:
    return f"not valid UTF-8; decoded as {encoding}"


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM dropped), UTF-16/32 by BOM, else the detected legacy encoding.

    Raises ValueError for data that looks binary.
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as err:
                raise ValueError(f"starts with a {enc} byte-order mark but is not {enc}") from err
    head = data[:8192]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise ValueError(
            "binary file (contains NUL bytes), not text; if it is text, save it as UTF-8"
        )
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    if controls > max(4, len(head) // 20):  # over 5% control bytes: not prose
        raise ValueError(
            f"binary file ({controls} control bytes in the first {len(head):,}), not text; "
            "if it is text, save it as UTF-8"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _detect_legacy(data)
    return data.decode(enc, errors="replace"), enc


_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1a\x1b")  # tabs, line ends, form feed, DOS EOF, ESC


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: NULs in every other byte (ASCII-heavy text)."""
    head = data[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = max(1, len(head) // 2)
    if len(data) % 2:
        return None
    # ASCII-heavy UTF-16 has NULs in one byte of each pair; a few in the other ("一" is 4E00)
    enc = ""
    if odd > half // 3 and even * 10 <= odd:
        enc = "utf-16-le"
    elif even > half // 3 and odd * 10 <= even:
        enc = "utf-16-be"
    if not enc:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 0x20 and c not in "\t\n\r\x0b\x0c" for c in text[:4096]):
        return None
    return text, enc


_LATIN_FAMILY = ("cp125", "iso8859", "latin", "mac", "windows-125", "ascii")


def _detect_legacy(data: bytes) -> str:
    """The most likely legacy encoding: Windows-1252 for Western text (the usual culprit),
    else what charset detection finds (Cyrillic, Greek, CJK...)."""
    detected = ""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            detected = str(best.encoding).replace("_", "-").lower()
    except Exception:  # detection is a best effort
        log.debug("charset detection failed", exc_info=True)
    if detected and not detected.startswith(_LATIN_FAMILY) and detected != "utf-8":
        return detected
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def checker_output(text: str) -> str:
    """The format of a report that checker itself wrote ("" for anything else)."""
    head = text.lstrip("\ufeff")[:600]
    if head.startswith("# checker report\n") and is_markdown_report(text.lstrip("\ufeff")):
        return "Markdown"
    if head.startswith("<!DOCTYPE html>") and "<title>checker report</title>" in head:
        return "HTML"
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if (
        lines
        and lines[-1].startswith("checker: ")
        and all(ln.startswith("::") for ln in lines[:-1])
    ):
        return "GitHub annotations"
    return ""


def _read_records(path: Path, text: str, encoding: str) -> tuple[list[Source], list[Skipped]]:
    where = str(path)
    records: list[tuple[str, object]] = []
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                records.append((f"{where}:{n}", json.loads(line)))
            except json.JSONDecodeError as err:
                reason = f"invalid JSON: {err.msg} (column {err.colno}); fix or remove the line"
                records.append((f"{where}:{n}", ValueError(reason)))
            except (ValueError, RecursionError) as err:
                records.append((f"{where}:{n}", ValueError(f"unreadable JSON: {err}"[:200])))
    else:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as err:
            reason = f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
            return [], [Skipped(where, f"{reason}; fix the file or give it as .txt")]
        except (ValueError, RecursionError) as err:
            return [], [Skipped(where, f"unreadable JSON: {err}"[:200])]
        schema = doc.get("schema") if isinstance(doc, dict) else None
        if isinstance(schema, str) and schema.startswith("checker-") and "text" not in doc:
            # A baseline or report kept next to the articles: not an article itself.
            return [], [Skipped(where, f"a checker file ({schema}), not an article")]
        items = doc if isinstance(doc, list) else [doc]
        for n, rec in enumerate(items):
            records.append((where if len(items) == 1 else f"{where}[{n}]", rec))
    sources: list[Source] = []
    skipped: list[Skipped] = []
    notes = () if encoding in ("utf-8", "utf-8-sig") else (_encoding_note(encoding),)
    for at, rec in records:
        if isinstance(rec, Exception):
            skipped.append(Skipped(at, str(rec)))
            continue
        src = _record_source(at, rec, notes)
        if isinstance(src, Skipped):
            skipped.append(src)
        else:
            sources.append(src)
    if not records:
        skipped.append(Skipped(where, "empty: no records"))
    return sources, skipped


def _record_source(at: str, rec: object, notes: tuple[str, ...]) -> Source | Skipped:
    if not isinstance(rec, dict):
        return Skipped(at, 'a record must be a JSON object with "id" and "text"')
    missing = [k for k in ("id", "text") if rec.get(k) is None or rec.get(k) == ""]
    if missing:
        lacks = " and ".join(repr(k) for k in missing)
        return Skipped(at, f'record lacks {lacks}; every record needs "id" and "text"')
    wrong = [
        k for k in ("id", "text") if isinstance(rec[k], bool) or not isinstance(rec[k], str | int)
    ]
    if wrong:
        return Skipped(at, f"{' and '.join(repr(k) for k in wrong)} must be a string")
    text = str(rec["text"])
    if not text.strip():
        return Skipped(at, "empty: the record's text is blank")
    return _with_furniture(
        Source(
            id=str(rec["id"]),
            text=text,
            path=at,
            title=str(rec.get("title") or ""),
            url=str(rec.get("url") or ""),
            published=str(rec.get("published") or ""),
            notes=notes,
        )
    )


def _first_line_title(text: str) -> str:
    """The first line that reads like a headline (not page furniture)."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if len(line.split()) >= 3 and not is_furniture_line(line):
            return line[:200]
    return ""


def _clean(text: str) -> str:
    """Replace lone surrogates (undecodable file names, "\\ud800" in JSON) with "?", one for one,
    so every later encoding works and offsets stay the same."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _with_furniture(src: Source) -> Source:
    src = replace(
        src,
        id=_clean(src.id),
        text=_clean(src.text),
        path=_clean(src.path),
        title=_clean(src.title),
        url=_clean(src.url),
        published=_clean(src.published) or published_line(src.text),
    )
    if src.furniture:
        return src
    return replace(src, furniture=tuple(find_furniture(src.text)))


def unique_ids(sources: Sequence[Source], taken: Iterable[str] = ()) -> tuple[Source, ...]:
    """Rename repeated ids `id~2`, `id~3`, ... (and ids already `taken` by other sources).

    A new name is never one that some source already has or gets, so ids stay unique even
    when a source is itself called `a~2`.
    """
    ordered = sorted(sources, key=lambda s: (s.id, s.path))
    used = set(taken)
    reserved = used | {s.id for s in ordered}
    out: list[Source] = []
    # Same ids are numbered in path order, so the argument order never changes who is "~2".
    for src in ordered:
        if src.id in used:
            n = 2
            while f"{src.id}~{n}" in reserved or f"{src.id}~{n}" in used:
                n += 1
            new_id = f"{src.id}~{n}"
            note = f"duplicate source id {src.id!r}; renamed {new_id!r}"
            src = replace(src, id=new_id, notes=(*src.notes, note))
        used.add(src.id)
        out.append(src)
    return tuple(out)
