"""The lookup tables in checker/data/: shipped with the package, read once, well formed."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from checker import tables
from checker.gazetteer import COUNTRIES, TITLES, country_of
from checker.units import UNITS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "checker" / "data"


def test_every_data_file_is_declared_as_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["checker"]
    for path in DATA.iterdir():
        assert any(fnmatch(f"data/{path.name}", p) for p in patterns), path.name


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_word_lists_have_one_clean_entry_a_line(path: Path) -> None:
    entries = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    assert entries, "an empty table"
    assert all(e and e == e.strip() for e in entries)
    assert len(entries) == len(set(entries)), "a duplicate entry"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.tsv")), ids=lambda p: p.name)
def test_tsv_tables_have_one_row_width(path: Path) -> None:
    rows = tables.rows(path.name)
    assert rows
    widths = {len(r) for r in rows}
    # units.tsv has an optional last field (the temperature offset)
    assert len(widths) == 1 or (path.name == "units.tsv" and widths == {4, 5}), widths


def test_tables_are_read_once() -> None:
    assert tables.words("stopwords.txt") is tables.words("stopwords.txt")
    assert tables.rows("countries.tsv") is tables.rows("countries.tsv")


def test_derived_lookups_come_from_the_files() -> None:
    assert country_of("Kenyans") == "Kenya"  # plural derived from the demonym
    assert country_of("Côte d’Ivoire") == country_of("cote d'ivoire") == "Ivory Coast"
    assert COUNTRIES["vatican"] == "Vatican City"
    assert TITLES["vice-president"] == "vice president"
    assert UNITS["°f"].factor == 5 / 9 and UNITS["°f"].offset == -160 / 9
    assert UNITS["second"].factor == 1 / 86400
