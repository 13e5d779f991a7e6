"""The JSON report of docs/SPEC.md (`checker-report/1`), plus compatible extra fields."""

from __future__ import annotations

import json

from checker.model import Report
from checker.serialize import baseline_to_dict, conflict_to_dict, report_to_dict

__all__ = ["JsonFormatter", "baseline_to_dict", "conflict_to_dict", "report_to_dict"]


class JsonFormatter:
    name = "json"
    suffix = ".json"

    def format(self, report: Report) -> str:
        return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
