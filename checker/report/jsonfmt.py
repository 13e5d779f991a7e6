"""The JSON report of docs/SPEC.md (`checker-report/1`), plus compatible extra fields."""

from __future__ import annotations

import json
import math
from typing import Any

from checker.baseline import entry_to_dict
from checker.model import BaselineInfo, Conflict, Report


def _clean(v: Any) -> Any:
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
                "value": _clean(cc.value),
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
    }
    if c.majority is not None:
        out["majority"] = _clean(c.majority)
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


class JsonFormatter:
    name = "json"
    suffix = ".json"

    def format(self, report: Report) -> str:
        return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
