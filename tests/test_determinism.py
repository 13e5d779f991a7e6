"""Determinism: the same sources give the same bytes whatever the argument order, the order
files were created in (directory listing order), PYTHONHASHSEED or the number of threads.

JSON is compared byte for byte except the value of `stats.seconds`, the one field that
measures the run rather than the input (it is zeroed by `Report.without_timing()`); Markdown,
HTML and CSV carry no timing and are compared whole.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

from checker import audit
from checker.report import FORMATTERS

ROOT = Path(__file__).resolve().parent.parent
CASES = ["trade_pacts_md", "transfer_fee_jsonl", "fjord_bridge_html", "mayoral_turnout_outlier"]
FORMATS = ("json", "csv", "md", "html")


def _originals() -> list[Path]:
    files: list[Path] = []
    for case in CASES:
        files += sorted(
            p
            for p in (ROOT / "fixtures" / case).iterdir()
            if p.suffix in (".txt", ".md", ".html", ".json", ".jsonl") and p.name != "expect.json"
        )
    return files


def _lay_out(d: Path, files: list[Path]) -> list[Path]:
    """Copy `files` into `d` in the given order (tmpfs and ext4 list them differently)."""
    if d.exists():
        shutil.rmtree(d)
    d.mkdir()
    out = []
    for p in files:
        target = d / f"{p.parent.name}__{p.name}"
        shutil.copy(p, target)
        out.append(target)
    return out


def _timing_free(text: str) -> str:
    text, n = re.subn(r'"seconds": [0-9.e+-]+', '"seconds": 0', text)
    assert n == 1
    return text


def _cli_run(corpus: list[Path], out: Path, hashseed: str, threads: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONHASHSEED": hashseed,
        "OMP_NUM_THREADS": threads,
        "MKL_NUM_THREADS": threads,
        "TORCH_NUM_THREADS": threads,
    }
    cmd = [sys.executable, "-m", "checker", "audit", *map(str, corpus), "--fail-on", "never"]
    cmd += ["--format", ",".join(FORMATS), "-o", str(out / "report")]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    texts = {f: (out / f"report.{f}").read_text("utf-8") for f in FORMATS}
    texts["json"] = _timing_free(texts["json"])
    return texts


def test_same_sources_give_same_bytes_whatever_order_seed_or_threads(
    tmp_path: Path, embedder
) -> None:
    originals = _originals()
    corpus = tmp_path / "corpus"
    runs: dict[str, dict[str, str]] = {}

    files = _lay_out(corpus, originals)
    (tmp_path / "a").mkdir()
    runs["sorted, hash seed 0, 1 thread"] = _cli_run(files, tmp_path / "a", "0", "1")

    shuffled = originals[:]
    random.Random(3).shuffle(shuffled)
    files = _lay_out(corpus, list(reversed(originals)))  # created in reverse order
    order = {p.name: p for p in files}
    args = [order[f"{p.parent.name}__{p.name}"] for p in shuffled]
    (tmp_path / "b").mkdir()
    runs["shuffled, hash seed 4242, 2 threads"] = _cli_run(args, tmp_path / "b", "4242", "2")

    report = audit([corpus], embedder=embedder).without_timing()  # the directory, walked
    runs["directory in-process"] = {f: FORMATTERS[f]().format(report) for f in FORMATS}
    runs["directory in-process"]["json"] = _timing_free(runs["directory in-process"]["json"])

    first_name, first = next(iter(runs.items()))
    assert '"conflicts": []' not in first["json"], "a corpus with conflicts proves more"
    for name, texts in runs.items():
        for fmt in FORMATS:
            assert texts[fmt] == first[fmt], f"{fmt}: {name} differs from {first_name}"
