"""The README's CI recipes work as written: the GitHub Actions workflow's checker command lines,
the configuration example, and the pre-commit hooks (the local one run by pre-commit itself)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker.config import load_config

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
AIRLINE = ROOT / "fixtures/airline_strike_conflicts"
TRADE = ROOT / "fixtures/trade_pacts_md"
AGREE = ROOT / "fixtures/malaria_trial_agree"


def _block(lang: str, first_line: str) -> str:
    for m in re.finditer(rf"```{lang}\n(.*?)```", README, re.S):
        if m.group(1).startswith(first_line):
            return m.group(1)
    raise AssertionError(f"no ```{lang} block starting {first_line!r} in README.md")


def _env(tmp: Path) -> dict[str, str]:
    bindir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "CHECKER_CACHE_DIR": str(tmp / "cache"),
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
    }


def _newsroom(tmp: Path) -> Path:
    """articles/accepted (already published) and articles/incoming (today's batch)."""
    acc, inc = tmp / "articles/accepted", tmp / "articles/incoming"
    acc.mkdir(parents=True)
    inc.mkdir(parents=True)
    shutil.copy(AIRLINE / "labour_bulletin.txt", acc)
    for f in TRADE.glob("*.md"):
        shutil.copy(f, acc)
    shutil.copy(AIRLINE / "transport_news.txt", inc)
    return tmp


def test_the_github_workflow_command_lines_run_as_written(tmp_path: Path) -> None:
    workflow = yaml.safe_load(_block("yaml", "# .github/workflows/checker.yml"))
    steps = workflow["jobs"]["audit"]["steps"]
    commands = [s["run"] for s in steps if str(s.get("run", "")).startswith("checker ")]
    assert len(commands) == 2
    work = _newsroom(tmp_path)
    env = _env(tmp_path)
    # Accept one of today's three conflicts in the baseline; the other two are new.
    base = subprocess.run(
        ["checker", "baseline", "--against", "articles/accepted", "articles/incoming", "-o", "-"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    doc = json.loads(base.stdout)
    assert len(doc["conflicts"]) == 3
    doc["conflicts"] = doc["conflicts"][:1]
    (work / "checker-baseline.json").write_text(json.dumps(doc), "utf-8")

    annotate = subprocess.run(
        commands[0], shell=True, cwd=work, env=env, capture_output=True, text=True
    )
    assert annotate.returncode == 1, annotate.stderr
    lines = [ln for ln in annotate.stdout.splitlines() if ln.startswith("::")]
    assert lines and all(re.match(r"::(error|warning|notice) file=articles/", ln) for ln in lines)
    assert "1 known, 2 new" in annotate.stderr
    # Conflicts among the accepted articles (the trade pair) are not reported.
    assert "asia_wire" not in annotate.stdout and "capital_review" not in annotate.stdout

    sarif = subprocess.run(
        commands[1], shell=True, cwd=work, env=env, capture_output=True, text=True
    )
    assert sarif.returncode == 0, sarif.stderr
    log = json.loads((work / "checker.sarif").read_text("utf-8"))
    states = sorted(r.get("baselineState") for r in log["runs"][0]["results"])
    assert states == ["new", "new", "unchanged"]


def test_the_configuration_example_is_valid(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(_block("toml", "[tool.checker]"), "utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    assert config.get("fail-on") == "medium" and config.get("severity") == {"ENT": "low"}
    assert config.get("baseline") == str(tmp_path / "ci/checker-baseline.json")


def test_the_published_hook_matches_the_readme_and_runs_as_pre_commit_would(
    tmp_path: Path,
) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    config = yaml.safe_load(_block("yaml", "# .pre-commit-config.yaml\nrepos:\n  - repo: https"))
    (used,) = config["repos"][0]["hooks"]
    hook = hooks[used["id"]]
    assert hook["language"] == "python" and hook["entry"].startswith("checker audit")
    work = _newsroom(tmp_path)
    (work / "checker-baseline.json").write_text(
        '{"schema": "checker-baseline/1", "conflicts": []}', "utf-8"
    )
    changed = ["articles/incoming/transport_news.txt", "README.md"]
    (work / "README.md").write_text("# notes\n", "utf-8")
    pattern = re.compile(used.get("files", hook.get("files", "")))
    assert re.search(hook["files"], "articles/incoming/transport_news.txt")
    files = [f for f in changed if pattern.search(f)]
    assert files == ["articles/incoming/transport_news.txt"]
    cmd = [*shlex.split(hook["entry"]), *used["args"], *files]
    run = subprocess.run(cmd, cwd=work, env=_env(tmp_path), capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "transport_news" in run.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_the_local_pre_commit_hook_runs_under_pre_commit(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    work = _newsroom(tmp_path / "repo")
    (work / ".pre-commit-config.yaml").write_text(
        _block("yaml", "# .pre-commit-config.yaml\nrepos:\n  - repo: local"), "utf-8"
    )
    shutil.copy(AGREE / "health_desk.txt", work / "articles/incoming")
    env = _env(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=work, env=env, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, env=env, check=True)

    def pre_commit(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--files", *files],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )

    bad = pre_commit("articles/incoming/transport_news.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "checker" in bad.stdout and "Failed" in bad.stdout
    good = pre_commit("articles/incoming/health_desk.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
