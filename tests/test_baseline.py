"""Baselines: recorded conflicts are known and never fail the run; fingerprints are stable."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from checker import Severity, audit
from checker.baseline import apply_baseline, baseline_document, load_baseline
from checker.cli import main
from checker.errors import InputError

AIRLINE = Path("fixtures/airline_strike_conflicts")  # three conflicts between two sources
TRADE = Path("fixtures/trade_pacts_md")


@pytest.fixture(autouse=True)
def _loaded(embedder):
    """Share the session's loaded model with the CLI."""


def _copy_case(case: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in case.iterdir():
        if f.suffix in (".txt", ".md", ".html", ".json", ".jsonl") and f.name != "expect.json":
            shutil.copy(f, dest / f.name)
    return dest


def _ids(paths, embedder) -> list[str]:
    return sorted(c.id for c in audit(paths, embedder=embedder).conflicts)


def test_baseline_then_audit_passes_with_every_conflict_known(tmp_path: Path, capsys) -> None:
    base = tmp_path / "checker-baseline.json"
    assert main(["baseline", str(AIRLINE), "-o", str(base), "--no-cache"]) == 0
    doc = json.loads(base.read_text("utf-8"))
    assert doc["schema"] == "checker-baseline/1"
    assert len(doc["conflicts"]) == 3
    assert all(
        set(e) >= {"id", "type", "rule", "severity", "subject", "message", "sources"}
        for e in doc["conflicts"]
    )
    assert "recorded 3 conflicts" in capsys.readouterr().err
    # Without the baseline the run fails; with it every conflict is known and it passes.
    assert main(["audit", str(AIRLINE), "-o", str(tmp_path / "r.md")]) == 1
    assert main(["audit", str(AIRLINE), "--baseline", str(base), "-o", str(tmp_path / "r.md")]) == 0
    assert "3 known, 0 new" in capsys.readouterr().err


def test_a_new_conflict_fails_and_the_old_ones_stay_known(tmp_path: Path, embedder) -> None:
    src = _copy_case(AIRLINE, tmp_path / "src")
    base = tmp_path / "base.json"
    assert main(["baseline", str(src), "-o", str(base)]) == 0
    _copy_case(TRADE, src)  # another event's pair of articles brings its own conflict
    report = audit([src], embedder=embedder, baseline=base)
    assert report.baseline is not None
    assert (report.baseline.known, report.baseline.new) == (3, 1)
    new = [c for c in report.conflicts if not c.known]
    assert {cc.source for cc in new[0].claims} == {"asia_wire", "capital_review"}
    assert main(["audit", str(src), "--baseline", str(base), "-o", str(tmp_path / "r.md")]) == 1


def test_conflicts_that_no_longer_occur_are_listed_as_stale(tmp_path: Path, capsys) -> None:
    src = _copy_case(AIRLINE, tmp_path / "src")
    _copy_case(TRADE, src)
    base = tmp_path / "base.json"
    assert main(["baseline", str(src), "-o", str(base), "-q"]) == 0
    assert capsys.readouterr().err == ""  # --quiet: nothing but errors
    for f in TRADE.glob("*.md"):
        (src / f.name).unlink()
    assert main(["audit", str(src), "--baseline", str(base), "-o", str(tmp_path / "r.md")]) == 0
    err = capsys.readouterr().err
    assert "3 known, 0 new" in err
    assert "1 baseline entries no longer occur" in err and "checker baseline" in err


def test_fingerprints_survive_inserted_paragraphs_and_file_order(tmp_path: Path, embedder) -> None:
    """Ids depend on type, subject, values and source ids, never on offsets or order."""
    before = _ids([AIRLINE], embedder)
    assert len(before) == 3
    src = _copy_case(AIRLINE, tmp_path / "edited")
    filler = (
        "Passengers queued at the information desks for most of the morning.\n\n"
        "A spokesperson for the terminal operator said the shops would stay open.\n\n"
    )
    for f in sorted(src.iterdir()):
        text = f.read_text("utf-8")
        paras = text.split("\n\n")
        middle = len(paras) // 2
        edited = "\n\n".join(
            [paras[0], filler.strip(), *paras[1:middle], filler.strip(), *paras[middle:]]
        )
        f.write_text(edited + "\n\n" + filler, "utf-8")
    files = sorted(src.iterdir())
    assert _ids(list(reversed(files)), embedder) == before
    assert _ids(files, embedder) == before


def test_baseline_file_next_to_the_articles_is_not_read_as_one(tmp_path: Path, capsys) -> None:
    src = _copy_case(AIRLINE, tmp_path / "src")
    base = src / "checker-baseline.json"
    assert main(["baseline", str(src), "-o", str(base)]) == 0
    assert main(["audit", str(src), "--baseline", str(base), "-o", str(tmp_path / "r.md")]) == 0
    err = capsys.readouterr().err
    assert "checker-baseline.json: a checker file (checker-baseline/1), not an article" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist; create it with: checker baseline"),
        ("{not json", "is not valid JSON"),
        ('{"schema": "checker-report/1", "conflicts": []}', "is not a checker-baseline/1"),
        ('{"schema": "checker-baseline/1", "conflicts": [{"type": "numeric"}]}', "no string 'id'"),
    ],
)
def test_a_bad_baseline_exits_2_with_one_line(tmp_path: Path, capsys, content, message) -> None:
    base = tmp_path / "b.json"
    if content is not None:
        base.write_text(content, "utf-8")
    assert main(["audit", str(AIRLINE), "--baseline", str(base)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and str(base) in err
    with pytest.raises(InputError):
        load_baseline(base)


def test_apply_baseline_marks_known_and_counts(tmp_path: Path, embedder) -> None:
    report = audit([AIRLINE], embedder=embedder)
    doc = baseline_document(report)
    doc["conflicts"] = doc["conflicts"][:1] + [{"id": "000000000000", "type": "date"}]
    path = tmp_path / "b.json"
    path.write_text(json.dumps(doc), "utf-8")
    marked, info = apply_baseline(report.conflicts, load_baseline(path))
    assert [c.known for c in marked].count(True) == 1
    assert (info.known, info.new) == (1, 2)
    assert [e.id for e in info.stale] == ["000000000000"]
    # The exit-code count ignores known conflicts.
    assert replace(report, conflicts=marked).count_at_or_above(Severity.LOW) == 2


def test_prune_drops_stale_entries_and_accepts_nothing_new(tmp_path: Path, embedder) -> None:
    src = _copy_case(AIRLINE, tmp_path / "src")
    base = tmp_path / "base.json"
    assert main(["baseline", str(src), "-o", str(base)]) == 0
    doc = json.loads(base.read_text("utf-8"))
    doc["conflicts"] = doc["conflicts"][:2] + [{"id": "0123456789ab", "type": "date"}]
    base.write_text(json.dumps(doc), "utf-8")
    _copy_case(TRADE, src)  # brings a new conflict, which --prune must not accept
    assert main(["baseline", str(src), "--prune", "-o", str(base)]) == 0
    pruned = json.loads(base.read_text("utf-8"))["conflicts"]
    assert sorted(e["id"] for e in pruned) == sorted(e["id"] for e in doc["conflicts"][:2])
    assert main(["baseline", str(src), "--prune", "-o", "-"]) == 2


def test_edited_and_reordered_articles_stay_known_through_the_cli(tmp_path: Path, capsys) -> None:
    src = _copy_case(AIRLINE, tmp_path / "src")
    base = tmp_path / "base.json"
    assert main(["baseline", str(src), "-o", str(base)]) == 0
    for f in src.iterdir():
        f.write_text("An unrelated opening paragraph about the weather.\n\n" + f.read_text("utf-8"))
    files = [str(f) for f in sorted(src.iterdir(), reverse=True)]
    assert main(["audit", *files, "--baseline", str(base), "-o", str(tmp_path / "r.md")]) == 0
    err = capsys.readouterr().err
    assert "3 known, 0 new" in err and "no longer occur" not in err


def test_a_new_article_agreeing_with_one_side_keeps_the_dispute_known(tmp_path: Path, capsys):
    """The id names its sources (SPEC), so a third source changes it; the dispute is the same."""
    src = _copy_case(AIRLINE, tmp_path / "src")
    base = tmp_path / "base.json"
    assert main(["baseline", str(src), "-o", str(base)]) == 0
    shutil.copy(src / "transport_news.txt", src / "transport_news_copy.txt")
    out = tmp_path / "r.json"
    args = ["audit", str(src), "--baseline", str(base), "--format", "json", "-o", str(out)]
    assert main(args) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert doc["conflicts"] and all(c["known"] for c in doc["conflicts"])
    assert any(len({cc["source"] for cc in c["claims"]}) == 3 for c in doc["conflicts"])
    assert "no longer occur" not in capsys.readouterr().err


def test_against_never_calls_reference_only_entries_stale(tmp_path: Path, capsys) -> None:
    accepted = _copy_case(AIRLINE, tmp_path / "accepted")
    base = tmp_path / "base.json"
    assert main(["baseline", str(accepted), "-o", str(base)]) == 0
    recorded = {e["id"] for e in json.loads(base.read_text("utf-8"))["conflicts"]}
    incoming = _copy_case(TRADE, tmp_path / "incoming")
    args = ["audit", "--against", str(accepted), str(incoming), "--baseline", str(base)]
    assert main([*args, "-o", str(tmp_path / "r.md")]) == 1  # the trade pair's own conflict
    err = capsys.readouterr().err
    assert "0 known, 1 new" in err and "no longer occur" not in err
    # Re-recording against the references keeps what it cannot judge, and --prune too.
    for extra in ([], ["--prune"]):
        cmd = ["baseline", "--against", str(accepted), str(incoming), "-o", str(base), *extra]
        assert main(cmd) == 0
        ids = {e["id"] for e in json.loads(base.read_text("utf-8"))["conflicts"]}
        assert recorded <= ids
        assert len(ids) == len(recorded) + 1  # the trade pair's conflict, accepted by the first


def test_reports_written_next_to_the_articles_are_not_audited(tmp_path: Path, embedder) -> None:
    src = _copy_case(AIRLINE, tmp_path / "src")
    before = _ids([src], embedder)
    out = src / "checker"
    assert main(["audit", str(src), "--format", "md,html,json,github", "-o", str(out)]) == 1
    report = audit([src], embedder=embedder)
    assert sorted(s.id for s in report.sources) == ["labour_bulletin", "transport_news"]
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons["checker.md"] == "a checker Markdown report, not an article"
    assert reasons["checker.html"] == "a checker HTML report, not an article"
    assert reasons["checker.github.txt"] == "a checker GitHub annotations report, not an article"
    assert reasons["checker.json"] == "a checker file (checker-report/1), not an article"
    assert sorted(c.id for c in report.conflicts) == before


def test_a_review_merges_into_a_baseline_keeping_decisions_and_notes(
    tmp_path: Path, capsys
) -> None:
    base = tmp_path / "base.json"
    assert main(["baseline", str(AIRLINE), "-o", str(base), "--no-cache"]) == 0
    recorded = json.loads(base.read_text("utf-8"))["conflicts"]
    first, second = recorded[0], recorded[1]
    third = {**recorded[2], "decision": "real", "note": "kept"}
    old = [{**first, "note": "old"}, third]
    base.write_text(json.dumps({"schema": "checker-baseline/1", "conflicts": old}), "utf-8")
    review = tmp_path / "review.json"
    reviewed = [
        {**first, "decision": "real"},
        {**second, "decision": "not a conflict", "note": "n"},
        {k: v for k, v in third.items() if k not in ("decision", "note")},  # known, left alone
    ]
    review.write_text(json.dumps({"schema": "checker-baseline/1", "conflicts": reviewed}), "utf-8")
    capsys.readouterr()
    assert main(["baseline", "--from-review", str(review), "-o", str(base)]) == 0
    assert capsys.readouterr().err.startswith("checker: merged 3 reviewed conflicts into")
    merged = {e["id"]: e for e in json.loads(base.read_text("utf-8"))["conflicts"]}
    assert (merged[first["id"]]["decision"], merged[first["id"]]["note"]) == ("real", "old")
    assert (merged[second["id"]]["decision"], merged[second["id"]]["note"]) == (
        "not a conflict",
        "n",
    )
    assert (merged[third["id"]]["decision"], merged[third["id"]]["note"]) == ("real", "kept")
    # --prune keeps the reviewer's words on the entries it keeps.
    assert main(["baseline", str(AIRLINE), "--prune", "-o", str(base), "--no-cache"]) == 0
    pruned = {e["id"]: e for e in json.loads(base.read_text("utf-8"))["conflicts"]}
    assert pruned[second["id"]]["note"] == "n" and pruned[first["id"]]["decision"] == "real"
    # So does re-recording today's conflicts over it.
    assert main(["baseline", str(AIRLINE), "-o", str(base), "--no-cache"]) == 0
    again = {e["id"]: e for e in json.loads(base.read_text("utf-8"))["conflicts"]}
    assert again == pruned
    assert main(["audit", str(AIRLINE), "--baseline", str(base), "-o", str(tmp_path / "r")]) == 0
    # Without the review, the second conflict is new again.
    base.write_text(json.dumps({"schema": "checker-baseline/1", "conflicts": old}), "utf-8")
    assert main(["audit", str(AIRLINE), "--baseline", str(base), "-o", str(tmp_path / "r")]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["baseline"], "give SOURCE... to audit, or --from-review FILE to merge a review"),
        (["baseline", "--from-review", "nope.json", "seeds"], "give no SOURCE and no --prune"),
        (["baseline", "--from-review", "nope.json"], "baseline nope.json does not exist"),
    ],
)
def test_baseline_without_sources_or_with_both_exits_2(args, message, capsys) -> None:
    assert main([*args, "-o", "-"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
