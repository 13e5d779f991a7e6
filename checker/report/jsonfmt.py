"""The JSON report of SPEC.md (`checker-report/1`), plus compatible extra fields."""

from __future__ import annotations

import json
import math
from typing import Any

from checker.model import Conflict, Report


def _clean(v: Any) -> Any:
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return int(v)
        return round(v, 6) if math.isfinite(v) else None
    return v


def conflict_to_dict(c: Conflict) -> dict[str, Any]:
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
            }
            for cc in c.claims
        ],
        "rule": c.rule,
    }
    if c.majority is not None:
        out["majority"] = _clean(c.majority)
        out["outliers"] = list(c.outliers)
    return out


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
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
            }
            for s in report.sources
        ],
        "conflicts": [conflict_to_dict(c) for c in report.conflicts],
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


class JsonFormatter:
    name = "json"
    suffix = ".json"

    def format(self, report: Report) -> str:
        return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
