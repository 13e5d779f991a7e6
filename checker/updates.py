"""Update or contradiction: a later source with a larger toll reports a later state.

When every source of a numeric conflict has a publication date, and the counts only grow
with time (each later-published source holds a value at least as large as every earlier
one, and the values differ), the conflict is an `update` ("two injured" on Monday, "one of
the injured died" on Tuesday: "one killed"), not a contradiction. It is still reported, with
its kind, and its severity is capped at low: it calls for a check, not a correction. A
person's age (AGE) is an update when the later stories are months later and the age larger
by at most the years between them. Two holders of one office or one slot (ROLE, ENT) are an
update when every story naming one of them is months older than every story naming the
other: the office changed hands (an FBI office under a new agent in charge).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from checker.model import Conflict, ConflictKind, ConflictType, Severity, Source

_LINE = re.compile(
    r"^[ \t]*(?:published|posted|date)[ \t]*:[ \t]*(\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?)[ \t]*$",
    re.I | re.M,
)
MIN_AGE_GAP_DAYS = 90  # stories this far apart may straddle a birthday
MIN_SUCCESSION_DAYS = 90  # ... or a change of office holder
HEAD_LINES = 6  # a `Published:` line counts only near the top of a text file


def published_line(text: str) -> str:
    """The ISO date of a `Published: 2024-05-16` line among the first lines ("" if none)."""
    head = "\n".join(text.splitlines()[:HEAD_LINES])
    m = _LINE.search(head)
    return m.group(1)[:10] if m else ""


def iso_day(published: str) -> str:
    """`YYYY-MM-DD` from an ISO-like timestamp ("" when it is not one)."""
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", published or "")
    return m.group(1) if m else ""


def with_kinds(conflicts: Sequence[Conflict], sources: Sequence[Source]) -> list[Conflict]:
    """Each conflict with its kind: `update` when the counts only grow with publication."""
    days = {s.id: iso_day(s.published) for s in sources}
    return [_kind(c, days) for c in conflicts]


def _kind(c: Conflict, days: Mapping[str, str]) -> Conflict:
    if c.type in (ConflictType.ROLE, ConflictType.ENTITY):
        later = _is_succession(c, days)
    elif c.type is ConflictType.NUMERIC:
        later = _is_older(c, days) if c.rule == "AGE" else _is_update(c, days)
    else:
        later = False
    return replace(c, kind=ConflictKind.UPDATE, severity=Severity.LOW) if later else c


def _is_succession(c: Conflict, days: Mapping[str, str]) -> bool:
    """Two names, each only in stories at least MIN_SUCCESSION_DAYS before (or after) every
    story with the other; every side dated."""
    by_name: dict[str, list[str]] = {}
    for cc in c.claims:
        day = days.get(cc.source, "")
        if not day:
            return False
        by_name.setdefault(str(cc.value).casefold(), []).append(day)
    if len(by_name) != 2:
        return False
    first, second = sorted(by_name.values(), key=min)
    gap = _days(max(first), min(second))
    return gap is not None and gap >= MIN_SUCCESSION_DAYS


def _is_older(c: Conflict, days: Mapping[str, str]) -> bool:
    """A person's age given later is larger by no more than the years between the stories
    (a birthday between an arrest and a trial), and the stories are months apart."""
    dated = _dated(c, days)
    if dated is None:
        return False
    for d1, v1 in dated:
        for d2, v2 in dated:
            if d1 > d2 or v1 == v2:
                continue
            gap = _days(d1, d2)
            if gap is None or not (gap >= MIN_AGE_GAP_DAYS and 0 < v2 - v1 <= gap // 365 + 1):
                return False
    return True


def _dated(c: Conflict, days: Mapping[str, str]) -> list[tuple[str, Any]] | None:
    """(publication day, value) of each side; None unless every side is dated and numeric."""
    dated = [(days.get(cc.source, ""), cc.value) for cc in c.claims]
    if any(not d for d, _ in dated) or not all(isinstance(v, int | float) for _, v in dated):
        return None
    return dated


def _days(d1: str, d2: str) -> int | None:
    try:
        return (date.fromisoformat(d2) - date.fromisoformat(d1)).days
    except ValueError:  # "2024-02-31"
        return None


def _is_update(c: Conflict, days: Mapping[str, str]) -> bool:
    dated = _dated(c, days)
    if dated is None:
        return False
    if len({d for d, _ in dated}) < 2:
        return False
    for d1, v1 in dated:
        for d2, v2 in dated:
            if d1 < d2 and v1 > v2:
                return False  # a later source with a smaller figure contradicts
            if d1 == d2 and v1 != v2:
                return False  # the same day, two figures: no later state to explain it
    return True
