"""Units of measure: surface forms to a dimension and a factor to that dimension's base unit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # canonical singular name, e.g. "mile"
    dimension: str  # "length", "mass", "duration", "percent", "currency:USD", ...
    factor: float  # multiply a value in this unit to get the dimension's base unit
    offset: float = 0.0  # for temperatures: base = value * factor + offset


def _u(names: str, name: str, dimension: str, factor: float, offset: float = 0.0) -> dict:
    unit = Unit(name, dimension, factor, offset)
    return {n.strip(): unit for n in names.split("|")}


# Keys are lower-case surface forms; multi-word forms are matched before single words.
UNITS: dict[str, Unit] = {
    **_u("%|percent|per cent|pct", "percent", "percent", 1.0),
    **_u("percentage point|percentage points|points|point", "percentage point", "pp", 1.0),
    **_u("mile|miles|mi", "mile", "length", 1609.344),
    **_u("nautical mile|nautical miles", "nautical mile", "length", 1852.0),
    **_u("km|kms|kilometre|kilometres|kilometer|kilometers", "kilometre", "length", 1000.0),
    **_u("m|metre|metres|meter|meters", "metre", "length", 1.0),
    **_u("cm|centimetre|centimetres|centimeter|centimeters", "centimetre", "length", 0.01),
    **_u("mm|millimetre|millimetres|millimeter|millimeters", "millimetre", "length", 0.001),
    **_u("ft|foot|feet", "foot", "length", 0.3048),
    **_u("in|inch|inches", "inch", "length", 0.0254),
    **_u("yard|yards|yd|yds", "yard", "length", 0.9144),
    **_u("kg|kgs|kilo|kilos|kilogram|kilograms|kilogramme|kilogrammes", "kilogram", "mass", 1.0),
    **_u("g|gram|grams|gramme|grammes", "gram", "mass", 0.001),
    **_u("tonne|tonnes|metric ton|metric tons|ton|tons", "tonne", "mass", 1000.0),
    **_u("lb|lbs|pound|pounds", "pound", "mass", 0.45359237),
    **_u("oz|ounce|ounces", "ounce", "mass", 0.028349523),
    **_u(
        "sq km|square kilometre|square kilometres|square kilometer|square kilometers|km2|km²",
        "square kilometre",
        "area",
        1e6,
    ),
    **_u("square mile|square miles|sq mi", "square mile", "area", 2_589_988.1),
    **_u("hectare|hectares|ha", "hectare", "area", 10_000.0),
    **_u("acre|acres", "acre", "area", 4046.856),
    **_u(
        "square metre|square metres|square meter|square meters|m2|m²", "square metre", "area", 1.0
    ),
    **_u("litre|litres|liter|liters|l", "litre", "volume", 1.0),
    **_u("gallon|gallons", "gallon", "volume", 3.785411784),
    **_u("barrel|barrels|bbl", "barrel", "volume", 158.987),
    **_u("second|seconds|sec|secs", "second", "duration", 1 / 86400),
    **_u("minute|minutes|min|mins", "minute", "duration", 1 / 1440),
    **_u("hour|hours|hr|hrs", "hour", "duration", 1 / 24),
    **_u("day|days", "day", "duration", 1.0),
    **_u("week|weeks", "week", "duration", 7.0),
    **_u("fortnight|fortnights", "fortnight", "duration", 14.0),
    **_u("month|months", "month", "duration", 30.4375),
    **_u("year|years", "year", "duration", 365.25),
    **_u("decade|decades", "decade", "duration", 3652.5),
    **_u("century|centuries", "century", "duration", 36525.0),
    **_u("mph|miles per hour|miles an hour", "mile per hour", "speed", 1.609344),
    **_u(
        "km/h|kmh|kph|kilometres per hour|kilometers per hour|kilometres an hour|"
        "kilometers an hour",
        "kilometre per hour",
        "speed",
        1.0,
    ),
    **_u("knot|knots", "knot", "speed", 1.852),
    **_u(
        "°c|degrees celsius|degrees c|celsius|degrees centigrade",
        "degree Celsius",
        "temperature",
        1.0,
    ),
    **_u(
        "°f|degrees fahrenheit|degrees f|fahrenheit",
        "degree Fahrenheit",
        "temperature",
        5 / 9,
        -160 / 9,
    ),
    **_u("mw|megawatt|megawatts", "megawatt", "power", 1.0),
    **_u("gw|gigawatt|gigawatts", "gigawatt", "power", 1000.0),
    **_u("kw|kilowatt|kilowatts", "kilowatt", "power", 0.001),
    **_u("dollar|dollars|usd", "dollar", "currency:USD", 1.0),
    **_u("euro|euros|eur", "euro", "currency:EUR", 1.0),
    **_u("yuan|renminbi|rmb", "yuan", "currency:CNY", 1.0),
    **_u("yen", "yen", "currency:JPY", 1.0),
    **_u("rupee|rupees", "rupee", "currency:INR", 1.0),
    **_u("ruble|rubles|rouble|roubles", "rouble", "currency:RUB", 1.0),
    **_u("pounds sterling|sterling|gbp", "pound sterling", "currency:GBP", 1.0),
}

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
