"""CSV through pandas: one row per claim of a conflict, formula-like cells made inert."""

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


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made inert with a leading `'`
    (as OWASP advises); numbers and other text unchanged. A carriage return inside a cell
    becomes a line feed, one for one, so the writer quotes the cell (it quotes only the
    characters of its line ending) instead of splitting the row."""
    if not isinstance(cell, str):
        return cell
    if cell.startswith(FORMULA_STARTS):
        cell = "'" + cell
    return cell.replace("\r", "\n")


class CsvFormatter:
    name = "csv"
    suffix = ".csv"

    def format(self, report: Report) -> str:
        import pandas as pd

        frame = report_to_frame(report)
        for column in frame.columns:  # pandas may type text columns object or str
            if not pd.api.types.is_numeric_dtype(frame[column]):
                frame[column] = frame[column].map(neutralise)
        return str(frame.to_csv(index=False, lineterminator="\n"))
