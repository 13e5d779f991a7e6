"""The Python API and the report formats: SPEC.md shape, determinism, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import CheckerError, InputError, Source, audit
from checker.report import FORMATTERS

CASE = Path("fixtures/mayoral_turnout_outlier")


def _files() -> list[Path]:
    return sorted(p for p in CASE.iterdir() if p.suffix == ".txt")


def test_report_dict_follows_spec(embedder) -> None:
    doc = audit([CASE], embedder=embedder).to_dict()
    assert doc["schema"] == "checker-report/1"
    assert set(doc["stats"]) >= {"sources", "sentences", "claims", "aligned_pairs", "seconds"}
    for s in doc["sources"]:
        assert set(s) >= {"id", "path", "title", "sentences", "claims"}
    assert doc["conflicts"], "this case has a conflict"
    texts = {p.stem: p.read_text("utf-8") for p in _files()}
    for c in doc["conflicts"]:
        assert set(c) >= {"id", "type", "severity", "score", "subject", "message", "claims"}
        assert c["type"] in ("numeric", "date", "entity", "role", "other")
        assert len(c["id"]) == 12
        for cl in c["claims"]:
            assert texts[cl["source"]][cl["start"] : cl["end"]] == cl["text"]
            assert texts[cl["source"]][cl["quote_start"] : cl["quote_end"]] == cl["quote"]


def test_three_sources_name_majority_and_outlier(embedder) -> None:
    report = audit([CASE], embedder=embedder)
    c = report.conflicts[0]
    assert len(c.claims) == 3
    assert c.majority is not None and len(c.outliers) == 1
    assert "majority" in c.message


def test_same_input_gives_same_bytes_whatever_the_order(embedder) -> None:
    files = _files()
    a = audit(files, embedder=embedder).without_timing()
    b = audit(list(reversed(files)), embedder=embedder).without_timing()
    for fmt in ("json", "md", "csv"):
        assert FORMATTERS[fmt]().format(a) == FORMATTERS[fmt]().format(b)


def test_conflict_ids_survive_edits_elsewhere(embedder, tmp_path: Path) -> None:
    before = {c.id for c in audit(_files(), embedder=embedder).conflicts}
    for p in _files():
        text = p.read_text("utf-8")
        extra = "Officials in the region held an unrelated briefing about road repairs.\n\n"
        (tmp_path / p.name).write_text(extra + text + "\n\nThe weather was mild.\n", "utf-8")
    after = {c.id for c in audit([tmp_path], embedder=embedder).conflicts}
    assert before == after


def test_source_objects_are_accepted(embedder) -> None:
    a = Source(id="a", text="The storm killed 12 people in the coastal town of Varna on Monday.")
    b = Source(id="b", text="The storm killed 19 people in the coastal town of Varna on Monday.")
    report = audit([a, b], embedder=embedder)
    assert [c.message for c in report.conflicts] == ["12 people vs 19 people"]


def test_no_usable_source_raises_input_error(tmp_path: Path) -> None:
    (tmp_path / "blank.md").write_text("\n\n", "utf-8")
    with pytest.raises(InputError, match="no usable source"):
        audit([tmp_path])
    assert issubclass(InputError, CheckerError)


def test_unknown_option_raises(embedder) -> None:
    with pytest.raises(CheckerError, match="unknown option"):
        audit([CASE], embedder=embedder, colour="red")


def test_html_report_escapes_source_text(embedder) -> None:
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    a = Source(id="a<b>", text=f"{evil} Rescuers said 40 miners were trapped in the shaft.")
    b = Source(id="b", text=f"{evil} Rescuers said 45 miners were trapped in the shaft.")
    report = audit([a, b], embedder=embedder)
    assert report.conflicts
    html = FORMATTERS["html"]().format(report)
    # The page's only script is its own (tests/test_report_inert.py checks it by its hash).
    assert html.count("<script") == 1 and "<script>alert" not in html
    assert 'onerror="' not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    md = FORMATTERS["md"]().format(report)
    assert "<script>" not in md


def test_csv_has_one_row_per_claim_of_a_conflict(embedder) -> None:
    report = audit([CASE], embedder=embedder)
    frame = report.to_frame()
    assert len(frame) == sum(len(c.claims) for c in report.conflicts)
