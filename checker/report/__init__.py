"""Report formatters: small classes with `format(report) -> str`, by name."""

from __future__ import annotations

from checker.report.csvfmt import CsvFormatter
from checker.report.htmlfmt import HtmlFormatter
from checker.report.jsonfmt import JsonFormatter
from checker.report.mdfmt import MarkdownFormatter

FORMATTERS = {
    "md": MarkdownFormatter,
    "html": HtmlFormatter,
    "json": JsonFormatter,
    "csv": CsvFormatter,
}

__all__ = ["FORMATTERS", "CsvFormatter", "HtmlFormatter", "JsonFormatter", "MarkdownFormatter"]
