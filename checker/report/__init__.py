"""Report formatters: small classes with `format(report) -> str`, by name."""

from __future__ import annotations

from typing import Protocol

from checker.model import Report
from checker.report.csvfmt import CsvFormatter
from checker.report.githubfmt import GithubFormatter
from checker.report.htmlfmt import HtmlFormatter
from checker.report.jsonfmt import JsonFormatter
from checker.report.junitfmt import JunitFormatter
from checker.report.mdfmt import MarkdownFormatter
from checker.report.sariffmt import SarifFormatter


class Formatter(Protocol):
    name: str
    suffix: str

    def format(self, report: Report) -> str:
        """The whole report as text."""
        ...


FORMATTERS: dict[str, type[Formatter]] = {
    "md": MarkdownFormatter,
    "html": HtmlFormatter,
    "json": JsonFormatter,
    "csv": CsvFormatter,
    "sarif": SarifFormatter,
    "github": GithubFormatter,
    "junit": JunitFormatter,
}

__all__ = [
    "FORMATTERS",
    "CsvFormatter",
    "GithubFormatter",
    "HtmlFormatter",
    "JsonFormatter",
    "JunitFormatter",
    "MarkdownFormatter",
    "SarifFormatter",
]
