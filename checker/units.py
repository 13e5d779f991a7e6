"""Units of measure: surface forms to a dimension and a factor to that dimension's base unit."""

from __future__ import annotations

from dataclasses import dataclass

from checker import tables


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # canonical singular name, e.g. "mile"
    dimension: str  # "length", "mass", "duration", "percent", "currency:USD", ...
    factor: float  # multiply a value in this unit to get the dimension's base unit
    offset: float = 0.0  # for temperatures: base = value * factor + offset


def _number(field: str) -> float:
    """ "0.3048", "1e6" or a fraction "1/86400" (divided here, as the literal 1 / 86400 is)."""
    top, _, bottom = field.partition("/")
    return float(top) / float(bottom) if bottom else float(top)


def _units() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for names, name, dimension, factor, *offset in tables.rows("units.tsv"):
        unit = Unit(name, dimension, _number(factor), _number(offset[0]) if offset else 0.0)
        table.update({n.strip(): unit for n in names.split("|")})
    return table


# Keys are lower-case surface forms; multi-word forms are matched before single words.
UNITS: dict[str, Unit] = _units()

CURRENCY_SYMBOLS: dict[str, Unit] = {
    "$": UNITS["dollar"],
    "us$": UNITS["dollar"],
    "usd": UNITS["dollar"],
    "€": UNITS["euro"],
    "eur": UNITS["euro"],
    "£": UNITS["pounds sterling"],
    "gbp": UNITS["pounds sterling"],
    "¥": UNITS["yen"],
}

# Units so short that they count only when written right after a digit ("5km", "155mm").
ATTACHED_ONLY = frozenset(
    {"m", "g", "l", "in", "mi", "ha", "min", "sec", "yd", "oz", "points", "point"}
)

MAX_UNIT_WORDS = max(len(k.split()) for k in UNITS)


def to_base(value: float, unit: Unit) -> float:
    """Convert a value in `unit` to its dimension's base unit (metres, kilograms, days, ...)."""
    return value * unit.factor + unit.offset
