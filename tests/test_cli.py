"""The command line, run in-process through `main(argv)`: exit codes, formats, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli, main

CONFLICTING = Path("fixtures/trade_pacts_md")
AGREEING = Path("fixtures/malaria_trial_agree")


@pytest.fixture(autouse=True)
def _loaded(embedder):
    """Share the session's loaded model with the CLI (same process-wide embedder)."""


def test_audit_exits_1_when_conflicts_at_or_above_fail_on(capsys) -> None:
    assert main(["audit", str(CONFLICTING)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("# checker report")
    assert "14" in out and "15" in out


def test_audit_exits_0_when_nothing_conflicts(capsys) -> None:
    assert main(["audit", str(AGREEING)]) == 0
    assert "No conflicts found." in capsys.readouterr().out


def test_fail_on_never_exits_0_even_with_conflicts(tmp_path: Path) -> None:
    # Never `-o /dev/null` here: as root, an older writer replaced the device with a file.
    out = tmp_path / "r.md"
    assert main(["audit", str(CONFLICTING), "--fail-on", "never", "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("# checker report")


def test_fail_on_high_ignores_lower_severities(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    rc = main(["audit", str(CONFLICTING), "--format", "json", "-o", str(out), "--fail-on", "high"])
    doc = json.loads(out.read_text("utf-8"))
    has_high = any(c["severity"] == "high" for c in doc["conflicts"])
    assert rc == (1 if has_high else 0)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_every_format_writes_a_file(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["audit", str(CONFLICTING), "--format", fmt, "-o", str(out)]) == 1
    text = out.read_text("utf-8")
    assert text
    if fmt == "json":
        assert json.loads(text)["schema"] == "checker-report/1"
    if fmt == "csv":
        assert text.splitlines()[0].startswith("conflict_id,type,severity")
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>")


def test_missing_path_exits_2_with_one_line_naming_it(capsys) -> None:
    assert main(["audit", "no/such/dir"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "no/such/dir" in err


def test_only_unusable_sources_exit_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty.txt").write_text("   \n", "utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    assert main(["audit", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no usable source" in err and "empty.txt" in err


def test_bad_option_value_exits_2(capsys) -> None:
    assert main(["audit", str(AGREEING), "--threshold", "7"]) == 2
    assert "threshold" in capsys.readouterr().err
    assert main(["audit", str(AGREEING), "--format", "xml"]) == 2
    assert main(["audit", str(AGREEING), "--disable", "NOPE"]) == 2


def test_unusable_source_is_named_and_rest_audited(tmp_path: Path, capsys) -> None:
    for p in CONFLICTING.iterdir():
        if p.suffix == ".md":
            (tmp_path / p.name).write_text(p.read_text("utf-8"), "utf-8")
    (tmp_path / "broken.json").write_text("{not json", "utf-8")
    out = tmp_path / "r.json"
    assert main(["audit", str(tmp_path), "--format", "json", "-o", str(out)]) == 1
    doc = json.loads(out.read_text("utf-8"))
    assert [s["path"].endswith("broken.json") for s in doc["skipped"]] == [True]
    assert "invalid JSON" in doc["skipped"][0]["reason"]
    assert "broken.json" in capsys.readouterr().err


def test_help_answers_and_shows_examples() -> None:
    result = CliRunner().invoke(cli, ["audit", "--help"])
    assert result.exit_code == 0
    for word in ("--format", "--fail-on", "--model", "--threshold", "--top-k", "Examples"):
        assert word in result.output


def test_unloadable_model_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["audit", str(AGREEING), "--model", str(tmp_path / "nothing-here")]) == 2
    assert "cannot load model" in capsys.readouterr().err


def test_a_closed_standard_output_is_an_error_not_a_lost_report(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [sys.executable, "-m", "checker", "audit", str(AGREEING), "--no-cache"]
    closed = {"stdout": subprocess.DEVNULL, "preexec_fn": lambda: os.close(1)}
    run = subprocess.run(cmd, cwd=root, env=env, stderr=subprocess.PIPE, text=True, **closed)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1] == (
        "checker: error: standard output is closed; write the report with -o FILE"
    )


def test_exit_1_on_a_terminal_says_why_in_one_line(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = ["-o", str(tmp_path / "r.md"), "--no-cache"]
    assert main(["audit", str(CONFLICTING), *out]) == 1
    assert "exit 1" not in capsys.readouterr().err, "piped: only the notices"
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert main(["audit", str(CONFLICTING), *out]) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == "checker: 1 conflict, 1 high: exit 1 because --fail-on low"
    assert main(["audit", str(CONFLICTING), *out, "--quiet"]) == 1
    assert "exit 1" not in capsys.readouterr().err
    assert main(["audit", str(AGREEING), *out]) == 0
    assert "exit" not in capsys.readouterr().err


def test_a_single_source_says_there_is_nothing_to_compare(tmp_path: Path, capsys) -> None:
    one = next(p for p in sorted(CONFLICTING.iterdir()) if p.suffix == ".md")
    assert main(["audit", str(one), "--no-cache"]) == 0
    captured = capsys.readouterr()
    assert "No conflicts found: only one source, nothing to compare it with." in captured.out
    assert captured.err == (
        f"checker: only one source ({one.stem}): nothing to compare it with; give two or more "
        "articles about the same event\n"
    )


@pytest.mark.parametrize(
    ("output", "written"),
    [
        ("out.md", ["out.html", "out.md"]),
        ("out.html", ["out.html", "out.md"]),
        ("out", ["out.html", "out.md"]),
        ("out.v2", ["out.v2.html", "out.v2.md"]),
    ],
)
def test_several_formats_take_a_path_with_a_matching_suffix(
    tmp_path: Path, output: str, written: list[str]
) -> None:
    args = ["audit", str(CONFLICTING), "--format", "md,html", "-o", str(tmp_path / output)]
    assert main([*args, "--no-cache"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == written


def test_several_formats_refuse_a_suffix_of_another_format(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.json"
    assert main(["audit", str(CONFLICTING), "--format", "md,html", "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"checker: error: -o {out} ends in .json but the formats are md,html; give a path "
        f"without suffix, e.g. -o {tmp_path / 'out'}\n"
    )
    assert list(tmp_path.iterdir()) == []
