"""CSV through pandas: one row per claim of a conflict, formula-like cells made inert."""

from __future__ import annotations

from typing import Any

from checker.model import Report
from checker.serialize import COLUMNS, report_to_frame

__all__ = ["COLUMNS", "CsvFormatter", "report_to_frame"]


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
