"""The cache's data-only encoding: analyses as JSON, vectors as raw float32 bytes.

Nothing read back can execute: JSON gives back only strings, numbers, booleans, null, lists
and objects, and the decoder rebuilds `Sentence` and `Claim` values field by field, checking
each type, so a row that was tampered with or written by another build is a `ValueError`
(a cache miss), never a crash later in the audit.

A claim's `value` and the values in its `extra` pairs are tagged where JSON alone would lose
the type: tuples `{"T": [...]}`, lists `{"L": [...]}`, dicts `{"D": [[k, v], ...]}`, sets
`{"S": [...]}`, the model's enums `{"E": "Severity", "v": "high"}`, floats that are not
finite `{"F": "nan"}`. Strings, integers, finite floats, booleans and null are themselves.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from checker.model import Claim, ClaimKind, ConflictType, Sentence, Severity

FORMAT = 1  # the "v" of every analysis row
_ENUMS = {cls.__name__: cls for cls in (ClaimKind, ConflictType, Severity)}
_PLAIN = (str, int, bool)
_SCALARS = frozenset({str, int, bool, float, type(None)})
_FLOATS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def encode_value(v: Any) -> Any:
    """A JSON-ready form of `v`; TypeError for a type the cache does not store."""
    t = type(v)
    if v is None or t in _PLAIN:
        return v
    if t is float:
        return v if math.isfinite(v) else {"F": repr(v)}
    if t in _ENUMS.values():
        return {"E": t.__name__, "v": v.value}
    if t is tuple:
        return {"T": [encode_value(x) for x in v]}
    if t is list:
        return {"L": [encode_value(x) for x in v]}
    if t is dict:
        return {"D": [[encode_value(k), encode_value(x)] for k, x in v.items()]}
    if t in (set, frozenset):
        return {"S": [encode_value(x) for x in sorted(v, key=repr)], "f": t is frozenset}
    raise TypeError(f"the cache does not store {t.__name__} values")


def decode_value(v: Any) -> Any:
    """The inverse of `encode_value`; ValueError for anything it would not have written."""
    t = type(v)
    if v is None or t in _PLAIN:
        return v
    if t is float:
        return v
    if t is not dict or len(v) not in (1, 2):
        raise ValueError("not a cached value")
    if "T" in v and len(v) == 1:
        return tuple(decode_value(x) for x in _list(v["T"]))
    if "L" in v and len(v) == 1:
        return [decode_value(x) for x in _list(v["L"])]
    if "D" in v and len(v) == 1:
        pairs = [_list(p) for p in _list(v["D"])]
        if any(len(p) != 2 for p in pairs):
            raise ValueError("not a cached dict")
        return {_hashable(decode_value(k)): decode_value(x) for k, x in pairs}
    if "S" in v and len(v) == 2 and type(v.get("f")) is bool:
        items = [_hashable(decode_value(x)) for x in _list(v["S"])]
        return frozenset(items) if v["f"] else set(items)
    if "E" in v and len(v) == 2 and v["E"] in _ENUMS and type(v.get("v")) is str:
        return _ENUMS[v["E"]](v["v"])
    if "F" in v and len(v) == 1 and v["F"] in _FLOATS:
        return _FLOATS[v["F"]]
    raise ValueError("not a cached value")


def _list(v: Any) -> list[Any]:
    if type(v) is not list:
        raise ValueError("not a cached list")
    return v


def _hashable(v: Any) -> Any:
    try:
        hash(v)
    except TypeError:
        raise ValueError("unhashable key in a cached dict or set") from None
    return v


def _typed(v: Any, *types: type) -> Any:
    if type(v) not in types:
        raise ValueError(f"a cached field of type {type(v).__name__}")
    return v


def _opt_float(v: Any) -> float | None:
    if v is None or type(v) is float:
        return v
    x = decode_value(v)
    if type(x) not in (int, float):
        raise ValueError("a cached bound is not a number")
    return x


def encode_analysis(sentences: tuple[Sentence, ...], claims: tuple[Claim, ...]) -> bytes:
    """One analysis row; TypeError when a claim holds a value the cache does not store."""
    doc = {
        "v": FORMAT,
        "s": [[s.source_id, s.index, s.start, s.end, s.text, s.furniture] for s in sentences],
        "c": [
            [
                c.rule,
                c.kind.value,
                c.source_id,
                c.sentence_index,
                c.start,
                c.end,
                c.quote,
                encode_value(c.value),
                c.key,
                encode_value(c.low),
                encode_value(c.high),
                c.unit,
                list(c.context),
                c.attribution,
                [[k, encode_value(x)] for k, x in c.extra],
            ]
            for c in claims
        ],
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8", "surrogatepass"
    )


def decode_analysis(payload: Any) -> tuple[tuple[Sentence, ...], tuple[Claim, ...]]:
    """Sentences and claims from a row; ValueError for anything `encode_analysis` did not write."""
    if type(payload) is not bytes:
        raise ValueError("an analysis row that is not a blob")
    try:
        doc = json.loads(payload.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, RecursionError) as err:
        raise ValueError(f"undecodable analysis row: {type(err).__name__}") from None
    if type(doc) is not dict or doc.get("v") != FORMAT or set(doc) != {"v", "s", "c"}:
        raise ValueError("an analysis row of another format")
    try:
        sentences = tuple(_sentence(_list(row)) for row in _list(doc["s"]))
        claims = tuple(_claim(_list(row)) for row in _list(doc["c"]))
    except (TypeError, RecursionError) as err:
        raise ValueError(f"a malformed analysis row: {err}") from None
    return sentences, claims


def _sentence(row: list[Any]) -> Sentence:
    source_id, index, start, end, text, furniture = row
    return Sentence(
        source_id=_typed(source_id, str),
        index=_typed(index, int),
        start=_typed(start, int),
        end=_typed(end, int),
        text=_typed(text, str),
        furniture=_typed(furniture, bool),
    )


def _claim(row: list[Any]) -> Claim:
    (rule, kind, source_id, index, start, end, quote, value, key, low, high, unit) = row[:12]
    context, attribution, extra = row[12:]
    # One check for the plain fields: this runs for every claim of a warm run.
    if not (
        type(rule) is str
        and type(kind) is str
        and type(source_id) is str
        and type(index) is int
        and type(start) is int
        and type(end) is int
        and type(quote) is str
        and type(key) is str
        and type(unit) is str
        and type(attribution) is str
        and type(context) is list
        and type(extra) is list
        and all(type(x) is str for x in context)
    ):
        raise ValueError("a cached claim with a field of the wrong type")
    pairs = []
    for pair in extra:
        if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
            raise ValueError("a cached claim detail that is not a (name, value) pair")
        x = pair[1]
        pairs.append((pair[0], x if type(x) in _SCALARS else decode_value(x)))
    return Claim(
        rule=rule,
        kind=ClaimKind(kind),
        source_id=source_id,
        sentence_index=index,
        start=start,
        end=end,
        quote=quote,
        value=value if type(value) in _SCALARS else decode_value(value),
        key=key,
        low=_opt_float(low),
        high=_opt_float(high),
        unit=unit,
        context=tuple(context),
        attribution=attribution,
        extra=tuple(pairs),
    )


def encode_vector(v: np.ndarray) -> bytes:
    return np.ascontiguousarray(v, dtype="<f4").tobytes()


def decode_vector(blob: Any, dim: int | None = None) -> np.ndarray:
    """A float32 vector from raw little-endian bytes; ValueError when the blob is not a whole,
    non-empty, finite vector (of `dim` numbers, when given)."""
    if type(blob) is not bytes or not blob or len(blob) % 4:
        raise ValueError("a vector blob whose length is not a whole number of float32s")
    vec = np.frombuffer(blob, dtype="<f4").astype(np.float32, copy=False)
    if dim is not None and vec.shape != (dim,):
        raise ValueError(f"a vector of {vec.shape[0]} numbers, not {dim}")
    if not np.isfinite(vec).all():
        raise ValueError("a vector holding NaN or infinity")
    return vec
