"""CSV through pandas: one row per claim of a conflict."""

from __future__ import annotations

from typing import Any

from checker.model import Report

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


class CsvFormatter:
    name = "csv"
    suffix = ".csv"

    def format(self, report: Report) -> str:
        return str(report_to_frame(report).to_csv(index=False, lineterminator="\n"))
