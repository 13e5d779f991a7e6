"""File positions: offsets map to the line and column an editor shows, for every kind of source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.ingest import ingest
from checker.locate import file_path, line_column, line_starts, locate
from checker.model import Conflict, ConflictClaim, ConflictType, Severity, Source
from checker.segment import segment

# Line breaks as editors count them; other characters that str.splitlines would also break on
# (\v, \f, \x1c-\x1e, \x85, \u2028, \u2029) are left out so splitlines can be the oracle.
PIECES = ["a", "b", " ", "é", "😀", "\t", "\r", "\n", "\r\n", "\ufeff"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def make_conflict(claims: list[tuple[str, int, int, str]]) -> Conflict:
    """A conflict whose claims quote text[start:end] of the named sources."""
    return Conflict(
        id="c0ffee000001",
        type=ConflictType.NUMERIC,
        severity=Severity.HIGH,
        score=0.9,
        subject="survivors",
        message="14 survivors vs 15 survivors",
        claims=tuple(
            ConflictClaim(
                source=sid,
                text=text,
                start=start,
                end=end,
                quote=text[:5],
                quote_start=start,
                quote_end=start + 5,
                value=1,
            )
            for sid, start, end, text in claims
        ),
        rule="NUM",
    )


def _editor_offset(text: str, line: int, column: int) -> int:
    lines = text.splitlines(keepends=True)
    return sum(len(x) for x in lines[: line - 1]) + column - 1


@given(TEXT, st.data())
def test_line_column_maps_back_to_the_offset_with_mixed_line_endings(text: str, data) -> None:
    offset = data.draw(st.integers(0, len(text)))
    line, column = line_column(line_starts(text), offset)
    assert line >= 1 and column >= 1
    assert _editor_offset(text, line, column) == offset
    lines = text.splitlines(keepends=True)
    assert line <= max(len(lines), 1) + 1
    if offset < len(text) and text[offset] not in "\r\n":
        assert lines[line - 1][column - 1] == text[offset]


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("a\r\nb", 3, (2, 1)),
        ("a\rb", 2, (2, 1)),
        ("a\n\nb", 3, (3, 1)),
        ("a\r\n\rb", 4, (3, 1)),
        ("😀é x", 3, (1, 4)),  # columns count characters, not bytes or UTF-16 units
    ],
)
def test_line_column_table(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert line_column(line_starts(text), offset) == expected


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("a/b.txt", "a/b.txt"),
        ("feed.jsonl:12", "feed.jsonl"),
        ("dir/items.json[3]", "dir/items.json"),
        ("items.json", "items.json"),
        ("odd:name.txt", "odd:name.txt"),
    ],
)
def test_file_path_strips_record_suffixes(path: str, file: str) -> None:
    assert file_path(path) == file


def _sentence_at(path: Path, cc: ConflictClaim) -> str:
    """The file's text from (line, column) to (end_line, end_column), as an editor shows it."""
    raw = path.read_bytes().decode("utf-8-sig")
    a = _editor_offset(raw, cc.line, cc.column)
    b = _editor_offset(raw, cc.end_line, cc.end_column)
    return raw[a:b]


def test_txt_with_bom_and_crlf_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(
        "\ufeffTitle line\r\n\r\nCafé owners spoke. Rescuers found 14.\r\nEnd.".encode()
    )
    src = ingest([path]).sources[0]
    start = src.text.index("Rescuers")
    end = src.text.index("14.") + 3
    (c,) = locate([make_conflict([(src.id, start, end, src.text[start:end])])], [src])
    cc = c.claims[0]
    assert (cc.line, cc.column, cc.end_line, cc.end_column) == (3, 20, 3, 38)
    assert _sentence_at(path, cc) == "Rescuers found 14."


def test_jsonl_record_with_escapes_is_exact(tmp_path: Path) -> None:
    text = 'Intro said "hi".\nThe café had 14 guests 😀 and\ta "quiet" night.'
    rec2 = {"title": "x", "id": "two", "meta": {"text": "decoy"}, "text": text}
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "one", "text": "Other record."})
        + "\r\n\n"
        + json.dumps(rec2, ensure_ascii=True)
        + "\n",
        "utf-8",
    )
    sources = ingest([path]).sources
    src = next(s for s in sources if s.id == "two")
    start = text.index("The café")
    (c,) = locate([make_conflict([(src.id, start, len(text), text[start:])])], sources)
    cc = c.claims[0]
    assert cc.line == 3
    raw_sentence = _sentence_at(path, cc)
    assert json.loads(f'"{raw_sentence}"') == text[start:]


def test_json_list_records_on_one_line_are_told_apart(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    records = [{"id": "a", "text": "Same words here."}, {"id": "b", "text": "Other words, 15."}]
    path.write_text(json.dumps(records), "utf-8")
    sources = ingest([path]).sources
    src = next(s for s in sources if s.id == "b")
    (c,) = locate([make_conflict([(src.id, 0, len(src.text), src.text)])], sources)
    cc = c.claims[0]
    assert cc.line == 1
    assert _sentence_at(path, cc) == "Other words, 15."


def test_html_sentences_are_found_in_the_page() -> None:
    path = Path("fixtures/fjord_bridge_html/nordic_business.html")
    (src,) = ingest([path]).sources
    sentences = [s for s in segment(src) if len(s.text.split()) >= 4]
    conflicts = [make_conflict([(src.id, s.start, s.end, s.text)]) for s in sentences]
    located = [c.claims[0] for c in locate(conflicts, [src])]
    raw = path.read_text("utf-8")
    for cc in located:
        if cc.line:
            at = raw[_editor_offset(raw, cc.line, cc.column) :]
            assert at.startswith(cc.text.split()[0]), (cc.text, at[:60])
    assert sum(1 for cc in located if cc.line and cc.end_line) >= 0.8 * len(located)


def test_source_without_path_or_missing_file_is_unknown(tmp_path: Path) -> None:
    bare = Source(id="bare", text="Rescuers found 14.")
    gone = Source(id="gone", text="Rescuers found 14.", path=str(tmp_path / "gone.html"))
    c = make_conflict([("bare", 0, 18, bare.text), ("gone", 0, 18, gone.text)])
    (out,) = locate([c], [bare, gone])
    assert [(cc.line, cc.column, cc.end_line, cc.end_column) for cc in out.claims] == [
        (0, 0, 0, 0),
        (0, 0, 0, 0),
    ]
