"""Golden reports: each fixture case's report is compared byte for byte, and its hand-written
expectations (expect.json) are checked: every expected conflict found, nothing else flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from expectations import compare_expectations

from checker import audit
from checker.report import FORMATTERS

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (ROOT / "fixtures").iterdir() if (p / "expect.json").is_file())
GOLDEN_FORMATS = ("json", "md")


def _sources(case: Path) -> list[Path]:
    return sorted(
        p.relative_to(ROOT)
        for p in case.iterdir()
        if p.suffix in (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
        and not p.name.startswith(("expect", "report"))
    )


@pytest.fixture(scope="module")
def reports(embedder):
    return {case.name: audit(_sources(case), embedder=embedder).without_timing() for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_expected_conflicts_found_and_nothing_else(case: Path, reports) -> None:
    expect = json.loads((case / "expect.json").read_text("utf-8"))
    missing, unexpected = compare_expectations(expect, reports[case.name].to_dict())
    assert not missing, f"expected conflicts not reported: {missing}"
    assert not unexpected, "unexpected conflicts: " + "; ".join(c["message"] for c in unexpected)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_known_partial_reports_are_part_of_the_true_conflict_and_say_why(case: Path) -> None:
    """A `reported` form may only drop sources of the true conflict, never change its claims."""
    for e in json.loads((case / "expect.json").read_text("utf-8"))["conflicts"]:
        shown = e.get("reported")
        if shown is None:
            continue
        assert shown["why"].strip()
        truth = dict(zip(e["sources"], e["quotes"], strict=True))
        assert len(shown["sources"]) < len(e["sources"])
        for source, quote in zip(shown["sources"], shown["quotes"], strict=True):
            assert truth[source] == quote


@pytest.mark.parametrize("fmt", GOLDEN_FORMATS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_report_matches_golden(case: Path, fmt: str, reports, update_goldens) -> None:
    text = FORMATTERS[fmt]().format(reports[case.name])
    golden = case / f"report.{fmt}.golden"
    if update_goldens:
        golden.write_text(text, "utf-8")
    assert golden.is_file(), f"no golden {golden}; run pytest --update-goldens and review the diff"
    assert text == golden.read_text("utf-8")


def test_seeds_report_shows_both_real_disagreements_and_no_noise(embedder) -> None:
    report = audit(["seeds"], embedder=embedder)
    kinds = sorted((c.type.value, c.subject) for c in report.conflicts)
    assert len(report.conflicts) == 2, [c.message for c in report.conflicts]
    numeric = next(c for c in report.conflicts if c.type.value == "numeric")
    assert {cc.value for cc in numeric.claims} == {11, 12}
    assert "memorand" in numeric.subject
    role = next(c for c in report.conflicts if c.type.value == "role")
    assert role.subject == "president of Vietnam", kinds
    assert role.majority == "To Lam"
    assert role.outliers == ("003_a3e6d3ebfd505169",)
    for c in report.conflicts:
        assert c.severity.value == "high"


def test_committed_seed_reports_match_the_code(embedder) -> None:
    """reports/seeds.* are what the quick start writes (to out/), apart from the run time, so
    they show today's output; regenerate with the quick start's command and -o reports/seeds."""
    report = audit(["seeds"], embedder=embedder)
    md = (ROOT / "reports" / "seeds.md").read_text("utf-8")
    assert FORMATTERS["md"]().format(report) == md
    committed = json.loads((ROOT / "reports" / "seeds.json").read_text("utf-8"))
    now = json.loads(FORMATTERS["json"]().format(report))
    for doc in (committed, now):
        doc["stats"].pop("seconds")
    assert now == committed
    ignored = (ROOT / ".gitignore").read_text("utf-8").split()
    assert "out/" in ignored, "the quick start writes to out/, which git must ignore"
