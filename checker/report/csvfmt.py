"""CSV through pandas: one row per claim of a conflict."""

from __future__ import annotations

from checker.model import Report
from checker.serialize import COLUMNS, report_to_frame

__all__ = ["COLUMNS", "CsvFormatter", "report_to_frame"]


class CsvFormatter:
    name = "csv"
    suffix = ".csv"

    def format(self, report: Report) -> str:
        return str(report_to_frame(report).to_csv(index=False, lineterminator="\n"))
