"""Interrupts and half-written files: SIGINT/SIGTERM exit 130/143 with one line, and the
report from the previous run is left byte for byte as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker import cli_io
from checker.cli import main, write_atomic

ROOT = Path(__file__).resolve().parent.parent
PREVIOUS = b'{"schema": "checker-report/1", "note": "the previous run\'s report"}\n'

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.fixture(scope="module")
def slow_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 articles (copies of the seeds): a run that is still busy seconds after it starts."""
    d = tmp_path_factory.mktemp("slow")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(200):
        for p in seeds:
            shutil.copy(p, d / f"{p.stem}_{i:03d}.txt")
    return d


@pytest.mark.parametrize(
    ("sig", "after", "code"),
    [
        (signal.SIGINT, 0.8, 130),  # while torch and the model are being imported and loaded
        (signal.SIGTERM, 0.8, 143),
        (signal.SIGINT, 5.0, 130),  # while claims are extracted or sentences embedded
        (signal.SIGTERM, 5.0, 143),
    ],
    ids=["sigint-loading", "sigterm-loading", "sigint-working", "sigterm-working"],
)
def test_interrupted_run_keeps_previous_report_and_exits_nonzero(
    slow_corpus: Path, tmp_path: Path, sig: signal.Signals, after: float, code: int
) -> None:
    report = tmp_path / "report.json"
    report.write_bytes(PREVIOUS)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "checker", "audit", str(slow_corpus), "--format", "json"]
    proc = subprocess.Popen(
        [*cmd, "-o", str(report)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    time.sleep(after)
    assert proc.poll() is None, "the run finished before the signal: use a bigger corpus"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err.decode()
    assert err.decode() == "checker: interrupted\n"
    assert out == b""
    assert report.read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary left


def test_sigterm_in_process_returns_143_and_restores_handlers(monkeypatch, capsys) -> None:
    import checker.api

    def slow_audit(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(10)  # the handler raises before this ends
        raise AssertionError("not interrupted")

    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(checker.api, "audit", slow_audit)
    t0 = time.monotonic()
    assert main(["audit", "seeds"]) == 143
    assert time.monotonic() - t0 < 5
    assert capsys.readouterr().err == "checker: interrupted\n"
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before


def test_write_interrupted_before_rename_leaves_previous_file(tmp_path: Path, monkeypatch) -> None:
    report = tmp_path / "report.md"
    report.write_bytes(PREVIOUS)

    def interrupted_replace(src: str, dst: object) -> None:
        raise cli_io.Interrupted(signal.SIGTERM)

    monkeypatch.setattr(cli_io.os, "replace", interrupted_replace)
    with pytest.raises(cli_io.Interrupted):
        write_atomic(report, "# a new report\n" * 10_000)
    assert report.read_bytes() == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    report = tmp_path / "sub" / "report.md"
    write_atomic(report, "first\n")
    write_atomic(report, "second\n")
    assert report.read_text("utf-8") == "second\n"
    assert [p.name for p in report.parent.iterdir()] == ["report.md"]
