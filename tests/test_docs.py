"""The README documents every command and option of the CLI."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def _options(cmd: click.Command) -> list[str]:
    return [opt for p in cmd.params if isinstance(p, click.Option) for opt in p.opts]


def test_readme_names_every_command_and_option() -> None:
    assert isinstance(cli, click.Group)
    for name, cmd in cli.commands.items():
        assert f"checker {name}" in README, name
        for opt in _options(cmd):
            assert opt in README, f"{name} {opt} is not documented in README.md"


def test_readme_quick_start_has_the_two_commands() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    test_cmd = next(line for line in ci.splitlines() if "pytest" in line).strip()
    assert test_cmd in README


SPEC = (Path(__file__).resolve().parent.parent / "docs" / "SPEC.md").read_text("utf-8")


def _keys(doc: object) -> set[str]:
    if isinstance(doc, dict):
        return set(doc) | {k for v in doc.values() for k in _keys(v)}
    if isinstance(doc, list):
        return {k for v in doc for k in _keys(v)}
    return set()


def test_spec_in_the_repository_names_every_field_the_tool_writes(tmp_path: Path, embedder):
    import json

    from checker import audit
    from checker.baseline import baseline_document

    case = Path("fixtures/mayoral_turnout_outlier")  # three sources: majority and outliers
    report = audit([case], embedder=embedder)
    doc = baseline_document(report)
    doc["conflicts"][0].update(decision="not a conflict", note="checked")
    stale = {"id": "0123456789ab", "type": "date", "subject": "gone", "sources": ["x"]}
    base = tmp_path / "b.json"
    base.write_text(json.dumps({**doc, "conflicts": [*doc["conflicts"], stale]}), "utf-8")
    with_baseline = audit([case], embedder=embedder, baseline=base).to_dict()
    assert with_baseline["baseline"]["stale"] and "majority" in with_baseline["conflicts"][0]
    for key in _keys(with_baseline) | _keys(doc):
        assert f'"{key}"' in SPEC or f"`{key}`" in SPEC, f"{key} is not in docs/SPEC.md"
    assert "docs/SPEC.md" in README
