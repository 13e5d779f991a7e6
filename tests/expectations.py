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


def compare_expectations(
    expect: dict[str, Any], report: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(expected conflicts not reported, reported conflicts not expected)."""
    conflicts = report["conflicts"]
    missing = [e for e in expect["conflicts"] if not any(_matches(e, c) for c in conflicts)]
    unexpected = [c for c in conflicts if not any(_matches(e, c) for e in expect["conflicts"])]
    return missing, unexpected
