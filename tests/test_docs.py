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
