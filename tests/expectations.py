"""Match a report against a fixture's hand-written `expect.json` (shared by tests and tools)."""

from __future__ import annotations

from typing import Any


def _matches(expected: dict[str, Any], conflict: dict[str, Any]) -> bool:
    if expected["type"] != conflict["type"]:
        return False
    for source, quote in zip(expected["sources"], expected["quotes"], strict=True):
        if not any(
            c["source"] == source and quote.lower() in c["quote"].lower()
            for c in conflict["claims"]
        ):
            return False
    return True


def as_reported(expected: dict[str, Any]) -> dict[str, Any]:
    """The form in which the tool is known to report an expected conflict.

    An entry states the conflict a careful fact-checker would flag; where the shipped model is
    known to report only part of it (fewer sources), the entry says so in `reported`
    ({"sources", "quotes", "why"}) and that part is what must be found."""
    shown = expected.get("reported")
    return expected if shown is None else {"type": expected["type"], **shown}


def compare_expectations(
    expect: dict[str, Any], report: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(expected conflicts not reported, reported conflicts not expected)."""
    conflicts = report["conflicts"]
    wanted = [as_reported(e) for e in expect["conflicts"]]
    missing = [e for e in wanted if not any(_matches(e, c) for c in conflicts)]
    unexpected = [c for c in conflicts if not any(_matches(e, c) for e in wanted)]
    return missing, unexpected
