"""A report as plain data: the JSON document of SPEC.md and the rows of its table.

The formatters in checker/report/ and `Report.to_dict()`/`Report.to_frame()` all read these, so
the dependency runs one way: report -> serialize -> (nothing of checker at run time); model.py
imports no formatter.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: importing model here would make a circle
    from checker.model import BaselineEntry, BaselineInfo, Conflict, Report


def entry_to_dict(e: BaselineEntry) -> dict[str, Any]:
    """A baseline entry as the baseline file (and the reports' stale lists) write it."""
    return {
        "id": e.id,
        "type": e.type,
        "rule": e.rule,
        "severity": e.severity,
        "subject": e.subject,
        "message": e.message,
        "sources": list(e.sources),
        "key": e.key,
        **({"decision": e.decision} if e.decision else {}),
        **({"note": e.note} if e.note else {}),
    }


def json_number(v: Any) -> Any:
    """A value as the JSON writes it: whole floats as ints, others to 6 places, inf/nan as null."""
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return int(v)
        return round(v, 6) if math.isfinite(v) else None
    return v


def conflict_to_dict(c: Conflict, *, with_baseline: bool = False) -> dict[str, Any]:
    """One conflict; `known` only when the run was compared with a baseline."""
    out: dict[str, Any] = {
        "id": c.id,
        "type": c.type.value,
        "severity": c.severity.value,
        "score": c.score,
        "subject": c.subject,
        "message": c.message,
        "claims": [
            {
                "source": cc.source,
                "text": cc.text,
                "start": cc.start,
                "end": cc.end,
                "quote": cc.quote,
                "value": json_number(cc.value),
                "quote_start": cc.quote_start,
                "quote_end": cc.quote_end,
                "attribution": cc.attribution,
                "line": cc.line,
                "column": cc.column,
                "end_line": cc.end_line,
                "end_column": cc.end_column,
            }
            for cc in c.claims
        ],
        "rule": c.rule,
        "kind": c.kind.value,
    }
    if c.majority is not None:
        out["majority"] = json_number(c.majority)
        out["outliers"] = list(c.outliers)
    if with_baseline:
        out["known"] = c.known
    return out


def baseline_to_dict(baseline: BaselineInfo) -> dict[str, Any]:
    return {
        "path": baseline.path,
        "known": baseline.known,
        "new": baseline.new,
        "stale": [entry_to_dict(e) for e in baseline.stale],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": report.schema,
        "sources": [
            {
                "id": s.id,
                "path": s.path,
                "title": s.title,
                "sentences": s.sentences,
                "claims": s.claims,
                **({"encoding": s.encoding} if s.encoding not in ("utf-8", "utf-8-sig") else {}),
                **({"notes": list(s.notes)} if s.notes else {}),
                **({"reference": True} if s.reference else {}),
            }
            for s in report.sources
        ],
        "conflicts": [
            conflict_to_dict(c, with_baseline=report.baseline is not None) for c in report.conflicts
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "stats": {
            "sources": report.stats.sources,
            "sentences": report.stats.sentences,
            "claims": report.stats.claims,
            "aligned_pairs": report.stats.aligned_pairs,
            "seconds": report.stats.seconds,
        },
        "model": report.model,
    }
    if report.baseline is not None:
        doc["baseline"] = baseline_to_dict(report.baseline)
    return doc


COLUMNS = [
    "conflict_id", "type", "severity", "score", "subject", "message", "source", "quote",
    "value", "quote_start", "quote_end", "start", "end", "attribution", "majority", "outlier",
    "text",
]  # fmt: skip


def report_to_frame(report: Report) -> Any:
    import pandas as pd

    rows = []
    for c in report.conflicts:
        for cc in c.claims:
            rows.append(
                {
                    "conflict_id": c.id,
                    "type": c.type.value,
                    "severity": c.severity.value,
                    "score": c.score,
                    "subject": c.subject,
                    "message": c.message,
                    "source": cc.source,
                    "quote": cc.quote,
                    "value": cc.value,
                    "quote_start": cc.quote_start,
                    "quote_end": cc.quote_end,
                    "start": cc.start,
                    "end": cc.end,
                    "attribution": cc.attribution,
                    "majority": "" if c.majority is None else c.majority,
                    "outlier": cc.source in c.outliers,
                    "text": cc.text,
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)
