"""Reading sources: formats, encodings, records, furniture, and what is skipped and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.ingest import decode, ingest

ARTICLE = "The council approved the budget on Monday. It includes 40 new buses for the city.\n"


def test_utf8_bom_is_dropped_and_offsets_point_into_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    src = ingest([tmp_path]).sources[0]
    assert src.text == ARTICLE
    assert src.encoding == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoding_falls_back_and_is_reported(tmp_path: Path, encoding: str) -> None:
    text = "Le café a ouvert ses portes à Genève, où 40 élèves ont été accueillis. " * 3
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    src = ingest([tmp_path]).sources[0]
    assert "café" in src.text and "élèves" in src.text
    assert src.notes and "not valid UTF-8" in src.notes[0]


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-16"))
    assert ingest([tmp_path]).sources[0].text == ARTICLE


def test_binary_is_refused() -> None:
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x89PNG\x00\x00\x00")


def test_json_and_jsonl_records(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(
        json.dumps({"id": "r1", "text": ARTICLE, "title": "Budget", "url": "http://x"}), "utf-8"
    )
    lines = [json.dumps({"id": "r2", "text": ARTICLE}), "{broken", json.dumps({"id": "r3"})]
    (tmp_path / "many.jsonl").write_text("\n".join(lines), "utf-8")
    got = ingest([tmp_path])
    assert sorted(s.id for s in got.sources) == ["r1", "r2"]
    reasons = sorted(s.reason for s in got.skipped)
    assert any("invalid JSON" in r for r in reasons)
    assert any("lacks 'text'" in r for r in reasons)
    assert any(s.path.endswith("many.jsonl:2") for s in got.skipped)


def test_html_main_text_is_extracted(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Budget passes</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav><article><h1>Budget passes</h1>"
        f"<p>{ARTICLE}</p><p>The mayor said the vote was close, with 7 members in favour "
        "and 6 against, after a long debate that ran late into the evening.</p></article>"
        "<footer>Copyright 2024 City Paper</footer></body></html>"
    )
    (tmp_path / "a.html").write_text(page, "utf-8")
    src = ingest([tmp_path]).sources[0]
    assert "40 new buses" in src.text
    assert "Copyright" not in src.text and "Home" not in src.text.split("\n")[0]
    assert src.title == "Budget passes"


def test_unsupported_and_empty_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "b.txt").write_text("  \n", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE + "More.\n", "utf-8")
    got = ingest([tmp_path, tmp_path / "a.txt"])  # a.txt twice: the same file, counted once
    assert [s.id for s in got.sources] == ["a", "a~2"]
    assert "duplicate source id" in got.sources[1].notes[0]
    assert [s.reason.split(":")[0] for s in got.skipped] == [
        "empty",
        "the same file as " + str(tmp_path / "a.txt") + "; counted once",
    ]
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF")
    assert "unsupported file type" in ingest([pdf]).skipped[0].reason


def test_missing_path_raises() -> None:
    with pytest.raises(InputError, match="no such file"):
        ingest(["does/not/exist.txt"])


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [s.id for s in ingest([tmp_path]).sources] == ["a"]


def test_furniture_spans_are_found_but_text_kept(tmp_path: Path) -> None:
    text = "Skip to main content\nSponsor: Acme Bank\n\n" + ARTICLE + "\nRead More\n"
    (tmp_path / "a.txt").write_text(text, "utf-8")
    src = ingest([tmp_path]).sources[0]
    assert src.text == text
    spans = [src.text[s:e] for s, e in src.furniture]
    assert spans == ["Skip to main content", "Sponsor: Acme Bank", "Read More"]


def test_renamed_ids_never_take_an_id_that_exists() -> None:
    from checker.ingest import unique_ids
    from checker.model import Source

    got = unique_ids([Source(id="a", text="x", path=p) for p in ("1", "2")] +
                     [Source(id="a~2", text="y", path="3")])  # fmt: skip
    assert sorted(s.id for s in got) == ["a", "a~2", "a~3"]
    again = unique_ids(got, taken=["a"])  # a second pass against a reference's id
    assert len({s.id for s in again}) == 3 and "a" not in {s.id for s in again}
