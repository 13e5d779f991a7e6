"""--against: new sources checked against each other and the accepted corpus; progress lines."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker import audit
from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
AIRLINE = Path("fixtures/airline_strike_conflicts")  # transport_news vs labour_bulletin
TRADE = Path("fixtures/trade_pacts_md")  # asia_wire vs capital_review


@pytest.fixture(autouse=True)
def _loaded(embedder):
    """Share the session's loaded model with the CLI."""


def _sources(conflict) -> set[str]:
    return {cc.source for cc in conflict.claims}


def test_only_conflicts_involving_a_new_source_are_reported(embedder) -> None:
    both = audit([AIRLINE, TRADE], embedder=embedder)
    assert any(_sources(c) == {"asia_wire", "capital_review"} for c in both.conflicts)
    # transport_news is new; the other three are accepted. The trade pair's conflict is
    # between two reference sources: not reported. The airline conflicts involve a new one.
    report = audit(
        [AIRLINE / "transport_news.txt"],
        reference=[AIRLINE / "labour_bulletin.txt", TRADE],
        embedder=embedder,
    )
    assert len(report.conflicts) == 3
    assert all("transport_news" in _sources(c) for c in report.conflicts)
    ref = {s.id: s.reference for s in report.sources}
    assert ref == {
        "transport_news": False,
        "labour_bulletin": True,
        "asia_wire": True,
        "capital_review": True,
    }
    # The same conflicts, with the same fingerprints, as in a plain audit of the pair.
    plain = audit([AIRLINE], embedder=embedder)
    assert sorted(c.id for c in report.conflicts) == sorted(c.id for c in plain.conflicts)


def test_new_sources_are_also_compared_with_each_other(embedder) -> None:
    report = audit(list(TRADE.glob("*.md")), reference=[AIRLINE], embedder=embedder)
    assert [_sources(c) for c in report.conflicts] == [{"asia_wire", "capital_review"}]


def test_against_from_the_command_line(tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.md"
    args = ["audit", "--against", str(AIRLINE), str(TRADE), "-o", str(out)]
    assert main(args) == 1
    assert main(["audit", "--against", str(TRADE), str(AIRLINE / "expect.json"), "-o", str(out)])
    assert "no usable source" in capsys.readouterr().err  # the references alone are not audited


def test_a_new_source_with_a_reference_id_is_renamed_and_noted(tmp_path: Path, embedder) -> None:
    (tmp_path / "ref").mkdir()
    (tmp_path / "new").mkdir()
    for d in ("ref", "new"):
        shutil.copy(AIRLINE / "transport_news.txt", tmp_path / d / "transport_news.txt")
    report = audit([tmp_path / "new"], reference=[tmp_path / "ref"], embedder=embedder)
    ids = sorted(s.id for s in report.sources)
    assert ids == ["transport_news", "transport_news~2"]
    renamed = next(s for s in report.sources if s.id == "transport_news~2")
    assert not renamed.reference and any("duplicate source id" in n for n in renamed.notes)


def _stderr_of(args: list[str], *, tty: bool) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "checker", *args]
    if not tty:
        return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True).stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_only_on_a_terminal_and_never_with_quiet(tmp_path: Path) -> None:
    args = ["audit", str(AIRLINE), "--no-cache", "-o", str(tmp_path / "r.md")]
    on_tty = _stderr_of(args, tty=True)
    assert "checker: reading sources 2/2" in on_tty
    assert "checker: embedding sentences" in on_tty
    piped = _stderr_of(args, tty=False)
    assert "\r" not in piped and "embedding" not in piped
    assert "embedding" not in _stderr_of([*args, "--quiet"], tty=True)


def test_a_new_file_inside_the_reference_folder_is_only_new(tmp_path: Path, embedder) -> None:
    """As a pre-commit hook runs it: the changed article, against the folder it lives in."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for f in AIRLINE.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    changed = folder / "transport_news.txt"
    report = audit([changed], reference=[folder], embedder=embedder)
    assert sorted((s.id, s.reference) for s in report.sources) == [
        ("labour_bulletin", True),
        ("transport_news", False),
    ]
    assert len(report.conflicts) == 3


def test_a_bad_new_file_inside_the_reference_folder_is_named_once(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(AIRLINE / "transport_news.txt", folder)
    (folder / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    args = ["audit", str(folder / "bad.txt"), str(folder / "transport_news.txt")]
    assert main([*args, "--against", str(folder), "-o", str(tmp_path / "r.md")]) == 0
    assert capsys.readouterr().err.count("bad.txt") == 1
