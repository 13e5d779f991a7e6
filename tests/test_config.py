"""Configuration files: found like ruff's, validated by key, overridden by the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.config import find_config, load_config
from checker.errors import OptionError

ROOT = Path(__file__).resolve().parent.parent
AIRLINE = ROOT / "fixtures/airline_strike_conflicts"  # 3 conflicts: numeric, date, role


@pytest.fixture(autouse=True)
def _loaded(embedder):
    """Share the session's loaded model with the CLI."""


def _run(tmp_path: Path, monkeypatch, *args: str) -> tuple[int, dict]:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "r.json"
    rc = main(["audit", str(AIRLINE), "--format", "json", "-o", str(out), *args])
    return rc, (json.loads(out.read_text("utf-8")) if out.exists() else {})


def test_pyproject_table_is_found_from_a_subdirectory(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\ndisable = ["NUM"]\n', "utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert find_config() == Path("../../pyproject.toml")
    rc, doc = _run(sub, monkeypatch)
    assert rc == 1
    assert {c["type"] for c in doc["conflicts"]} == {"date", "role"}


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert find_config() is None


def test_checker_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\ndisable = ["NUM"]\n', "utf-8")
    (tmp_path / "checker.toml").write_text('disable = ["DATE"]\n', "utf-8")
    rc, doc = _run(tmp_path, monkeypatch)
    assert {c["type"] for c in doc["conflicts"]} == {"numeric", "role"}


def test_the_command_line_wins_over_the_file(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "checker.toml").write_text('disable = ["DATE"]\nfail-on = "never"\n', "utf-8")
    rc, doc = _run(tmp_path, monkeypatch)
    assert rc == 0 and len(doc["conflicts"]) == 2
    rc, doc = _run(tmp_path, monkeypatch, "--disable", "NUM", "--fail-on", "low")
    assert rc == 1 and {c["type"] for c in doc["conflicts"]} == {"date", "role"}
    rc, doc = _run(tmp_path, monkeypatch, "--no-config")
    assert rc == 1 and len(doc["conflicts"]) == 3


def test_per_rule_severity_sets_the_exit_code(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "checker.toml").write_text(
        'fail-on = "medium"\n[severity]\nNUM = "low"\nDATE = "low"\nROLE = "low"\n', "utf-8"
    )
    rc, doc = _run(tmp_path, monkeypatch)
    assert rc == 0
    assert {c["severity"] for c in doc["conflicts"]} == {"low"}


def test_baseline_path_is_relative_to_the_config_file(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "ci").mkdir()
    (tmp_path / "checker.toml").write_text('baseline = "ci/known.json"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["baseline", str(AIRLINE)]) == 0  # writes the configured baseline
    assert json.loads((tmp_path / "ci/known.json").read_text("utf-8"))["conflicts"]
    sub = tmp_path / "deeper"
    sub.mkdir()
    rc, doc = _run(sub, monkeypatch)
    assert rc == 0 and len(doc["conflicts"]) == 3  # all three known
    assert all(c["known"] for c in doc["conflicts"])
    assert _run(sub, monkeypatch, "--no-config")[0] == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("top_k = 5\n", "unknown key 'top_k' in checker.toml; did you mean 'top-k'?"),
        ("colour = 'red'\n", "unknown key 'colour' in checker.toml; known keys:"),
        ("threshold = 'high'\n", "'threshold' in checker.toml must be a number"),
        ("top-k = 2.5\n", "'top-k' in checker.toml must be an integer"),
        ("fail-on = 'sometimes'\n", "must be one of high, medium, low, never"),
        ("disable = [1]\n", "'disable' in checker.toml must be a list of strings"),
        ("[severity]\nNUM = 'severe'\n", "NUM must be one of high, medium, low"),
        ("threshold = \n", "checker.toml is not valid TOML"),
        ("format = ['nope']\n", "'format' in checker.toml names no format nope; choose from md"),
    ],
)
def test_bad_config_exits_2_naming_the_key(tmp_path: Path, monkeypatch, capsys, text, message):
    (tmp_path / "checker.toml").write_text(text, "utf-8")
    rc, _ = _run(tmp_path, monkeypatch)
    assert rc == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    with pytest.raises(OptionError):
        load_config(tmp_path / "checker.toml")


def test_unknown_key_in_pyproject_names_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.checker]\nthreshhold = 0.5\n", "utf-8")
    with pytest.raises(OptionError, match=r"'threshhold' in \[tool.checker\] in .*pyproject.toml"):
        load_config(tmp_path / "pyproject.toml")


def test_severity_for_an_unknown_rule_is_an_error(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "checker.toml").write_text("[severity]\nNUMB = 'low'\n", "utf-8")
    rc, _ = _run(tmp_path, monkeypatch)
    assert rc == 2 and "NUMB" in capsys.readouterr().err


def test_a_home_relative_path_in_the_config_is_expanded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "checker.toml").write_text('cache = "~/c.sqlite"\nbaseline = "b.json"\n', "utf-8")
    config = load_config(tmp_path / "checker.toml")
    assert config.get("cache") == str(tmp_path / "home" / "c.sqlite")
    assert config.get("baseline") == str(tmp_path / "b.json")
