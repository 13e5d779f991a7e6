"""What the CI formats (SARIF, GitHub, JUnit) share: rule descriptions, file paths, versions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from checker.locate import file_path
from checker.model import Conflict, ConflictClaim, Report
from checker.serialize import json_number

# One line per built-in rule code, as linters describe their rules.
RULE_DESCRIPTIONS = {
    "NUM": "Sources give different numbers for the same count or quantity.",
    "AGE": "Sources give one named person different ages.",
    "DATE": "Sources give different dates for the same event.",
    "ROLE": "Sources name different holders of the same single-holder office.",
    "ENT": "Sources put different names in the same slot of a statement, or in two versions of "
    "one sentence.",
    "POL": "One source negates or reverses what another affirms.",
    "NLI": "A natural-language-inference model finds that two aligned sentences contradict.",
}
RULE_NAMES = {
    "NUM": "NumericConflict",
    "AGE": "AgeConflict",
    "DATE": "DateConflict",
    "ROLE": "RoleConflict",
    "ENT": "EntityConflict",
    "POL": "PolarityConflict",
    "NLI": "ContradictionConflict",
}
# A baseline entry records the conflict type, not the rule; "other" is POL or NLI.


def rule_code(c: Conflict) -> str:
    return c.rule or c.type.value.upper()


def tool_version() -> str:
    """The installed package's version, else the one in the source tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("checker")
    except PackageNotFoundError:
        from checker import __version__

        return __version__


def relative_path(path: str) -> str:
    """`path` relative to the current directory with forward slashes, when it lies below it;
    else absolute. Empty stays empty."""
    if not path:
        return ""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(rel).as_posix()


def display_file(path: str) -> str:
    """The file a source path names (records name their .json/.jsonl file), relative to the
    current directory where it can be; "" for no path."""
    return relative_path(file_path(path))


def source_files(report: Report) -> dict[str, str]:
    """Source id -> `display_file` of its path."""
    return {s.id: display_file(s.path) for s in report.sources}


def where(cc: ConflictClaim, file: str) -> str:
    """`file:line:col` (as compilers print it), or as much of it as is known."""
    if not file:
        return f"{cc.source} [{cc.start}:{cc.end}]"
    if not cc.line:
        return file
    return f"{file}:{cc.line}:{cc.column}" if cc.column else f"{file}:{cc.line}"


def json_value(v: Any) -> Any:
    """A claim value as plain JSON (numbers stay numbers)."""
    if isinstance(v, str | int | float | bool) or v is None:
        return json_number(v)
    return str(v)


def known_position(cc: ConflictClaim) -> list[tuple[str, int]]:
    """The sentence's known position fields, each only when those before it are known:
    line, column, end_line, end_column (1-based; end exclusive)."""
    out: list[tuple[str, int]] = []
    if cc.line:
        out.append(("line", cc.line))
        if cc.column:
            out.append(("column", cc.column))
        if cc.end_line:
            out.append(("end_line", cc.end_line))
            if cc.end_column:
                out.append(("end_column", cc.end_column))
    return out
