"""Project configuration: a `checker.toml`, or the `[tool.checker]` table of `pyproject.toml`.

Keys are the long option names of `checker audit` (kebab-case), plus `severity`, a table of
rule code to a fixed severity. Options given on the command line win over the file. The
file is found in the current directory or the nearest parent that has one (`checker.toml`
before `pyproject.toml` in the same directory), as ruff and Vale look for theirs. Paths in
the file (`baseline`, `cache`) are relative to the file's directory.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.backends import BACKENDS, DEVICES
from checker.errors import OptionError
from checker.files import read_text

FILE_NAMES = ("checker.toml", "pyproject.toml")
SEVERITIES = ("high", "medium", "low")
FAIL_ON = (*SEVERITIES, "never")


def _number(kind: type) -> Callable[[str, Any], Any]:
    def check(key: str, v: Any) -> Any:
        if isinstance(v, bool) or not isinstance(v, int | float) or (kind is int and v != int(v)):
            raise ValueError(f"must be {'an integer' if kind is int else 'a number'}")
        return kind(v)

    return check


def _string(key: str, v: Any) -> str:
    if not isinstance(v, str) or not v:
        raise ValueError("must be a non-empty string")
    return v


def _choice(options: tuple[str, ...]) -> Callable[[str, Any], str]:
    def check(key: str, v: Any) -> str:
        if not isinstance(v, str) or v.lower() not in options:
            raise ValueError(f"must be one of {', '.join(options)}")
        return v.lower()

    return check


def _strings(key: str, v: Any) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
        raise ValueError("must be a list of strings")
    return tuple(v)


def _formats(key: str, v: Any) -> str:
    from checker.report import FORMATTERS

    names = _strings(key, v)
    if bad := [n for n in names if n not in FORMATTERS]:
        raise ValueError(f"names no format {', '.join(bad)}; choose from {', '.join(FORMATTERS)}")
    return ",".join(names)


def _cache(key: str, v: Any) -> str | bool:
    if v is False:
        return False
    return _string(key, v)


def _severity(key: str, v: Any) -> dict[str, str]:
    if not isinstance(v, dict):
        raise ValueError('must be a table of rule code to severity, e.g. {ENT = "low"}')
    out = {}
    for code, sev in v.items():
        if not isinstance(sev, str) or sev.lower() not in SEVERITIES:
            raise ValueError(f"{code} must be one of {', '.join(SEVERITIES)}")
        out[code.upper()] = sev.lower()
    return out


# Key -> validator. Paths are resolved against the file's directory after validation.
KEYS: dict[str, Callable[[str, Any], Any]] = {
    "format": _formats,
    "fail-on": _choice(FAIL_ON),
    "model": _string,
    "backend": _choice(BACKENDS),
    "device": _choice(DEVICES),
    "threshold": _number(float),
    "top-k": _number(int),
    "nli": _string,
    "disable": _strings,
    "severity": _severity,
    "baseline": _string,
    "cache": _cache,
    "max-bytes": _number(int),
    "max-sources": _number(int),
}
PATH_KEYS = frozenset({"baseline", "cache"})


@dataclass(frozen=True)
class Config:
    """Validated settings from one file; `values` uses the keys of `KEYS`."""

    path: str = ""
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def find_config(start: str | os.PathLike[str] = ".") -> Path | None:
    """The nearest `checker.toml`, or `pyproject.toml` with a [tool.checker] table."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        for name in FILE_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return Path(os.path.relpath(candidate))
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(read_text(pyproject))
    except (OSError, ValueError):  # TOMLDecodeError is a ValueError
        return False
    return isinstance(data.get("tool"), dict) and "checker" in data["tool"]


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a config file; raises `OptionError` naming the file and the key."""
    p = Path(path)
    try:
        text = read_text(p)
    except OSError as err:
        raise OptionError(f"cannot read config {p}: {err.strerror or err}") from None
    except ValueError as err:  # a pipe, a device, too big, not UTF-8
        raise OptionError(f"cannot read config {p}: {err}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise OptionError(f"config {p} is not valid TOML: {err}") from None
    where = str(p)
    table: Any = data
    if p.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("checker", {}) if isinstance(tool, dict) else None
        where = f"[tool.checker] in {p}"
    if not isinstance(table, dict):
        raise OptionError(f"{where} must be a table of settings")
    values: dict[str, Any] = {}
    for key, raw in table.items():
        check = KEYS.get(key)
        if check is None:
            near = difflib.get_close_matches(key.replace("_", "-"), list(KEYS), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; known keys: {', '.join(KEYS)}"
            raise OptionError(f"unknown key {key!r} in {where}{hint}")
        try:
            value = check(key, raw)
        except ValueError as err:
            raise OptionError(f"{key!r} in {where} {err}") from None
        if key in PATH_KEYS and isinstance(value, str):
            value = str(p.parent / Path(value).expanduser())
        values[key] = value
    return Config(path=str(p), values=values)
