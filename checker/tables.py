"""The lookup tables shipped in checker/data/: word lists and tab-separated rows, read once.

A `.txt` table holds one entry per line; a `.tsv` table one row per line, fields separated by
tabs (empty fields kept). In both, blank lines and lines starting with "#" are skipped, so each
file can say what it holds and where its entries come from.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType


def _lines(name: str) -> list[str]:
    text = files("checker").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of the word list `checker/data/<name>` (one per line, surrounding spaces
    dropped)."""
    return frozenset(line.strip() for line in _lines(name))


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of the table `checker/data/<name>`, in file order, each a tuple of its fields."""
    return tuple(tuple(line.split("\t")) for line in _lines(name))


@cache
def pairs(name: str) -> Mapping[str, str]:
    """A two-column table as a read-only {first field: second field}, in file order."""
    return MappingProxyType({row[0]: row[1] for row in rows(name)})
