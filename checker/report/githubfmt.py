"""GitHub Actions workflow commands: an annotation per claim of each new conflict."""

from __future__ import annotations

from checker.model import Conflict, ConflictClaim, Report, Severity
from checker.report.cicommon import display_file, known_position, rule_code, source_files

COMMANDS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions toolkit does (`escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value as the Actions toolkit does (`escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    """`::name key=value,...::message`, every part escaped."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


_KEYS = {"line": "line", "column": "col", "end_line": "endLine", "end_column": "endColumn"}


def _message(c: Conflict, cc: ConflictClaim) -> str:
    others = "; ".join(f'{o.source} says "{o.quote}"' for o in c.claims if o is not cc)
    subject = f" ({c.subject})" if c.subject else ""
    return f'{c.message}{subject}: {cc.source} says "{cc.quote}"; {others} [{c.id}]'


class GithubFormatter:
    name = "github"
    suffix = ".github.txt"

    def format(self, report: Report) -> str:
        files = source_files(report)
        lines = []
        for s in sorted(report.skipped, key=lambda s: (s.path, s.reason)):
            where: dict[str, str | int] = {"file": display_file(s.path)} if s.path else {}
            where["title"] = "checker skipped a source"
            lines.append(command("warning", where, f"{s.path}: {s.reason}"))
        new = [c for c in report.conflicts if not c.known]
        for c in new:
            title = f"checker {rule_code(c)} ({c.severity.value})"
            for cc in c.claims:
                props: dict[str, str | int] = {}
                if file := files.get(cc.source, ""):
                    props["file"] = file
                    props |= {_KEYS[k]: v for k, v in known_position(cc)}
                props["title"] = title
                lines.append(command(COMMANDS[c.severity], props, _message(c, cc)))
        count = {s: sum(1 for c in new if c.severity is s) for s in Severity}
        summary = (
            f"checker: {len(new)} new conflict(s) across {report.stats.sources} source(s): "
            f"{count[Severity.HIGH]} high, {count[Severity.MEDIUM]} medium, "
            f"{count[Severity.LOW]} low"
        )
        if report.baseline is not None:
            summary += (
                f"; {len(report.conflicts) - len(new)} known from the baseline "
                f"{report.baseline.path}, {len(report.baseline.stale)} stale baseline entries"
            )
        if report.skipped:
            summary += f"; {len(report.skipped)} source(s) skipped"
        lines.append(summary + ".")
        return "\n".join(lines) + "\n"
