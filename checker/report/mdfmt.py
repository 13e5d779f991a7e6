"""Markdown: a summary, then each conflict with both quotes, sources and offsets."""

from __future__ import annotations

import re

from checker.model import BaselineInfo, Conflict, Report
from checker.shown import shown


def none_found(report: Report) -> str:
    """The line in place of the conflicts when there are none (plain text)."""
    if report.stats.sources == 1:
        return "No conflicts found: only one source, nothing to compare it with."
    return "No conflicts found."


def _md(text: str) -> str:
    """Quote source text so Markdown and HTML in it stay inert, and terminal control
    sequences (this report often goes to a terminal) show as visible escapes."""
    out = text.replace("\\", "\\\\")
    for ch in "\n\r\t":
        out = out.replace(ch, " ")
    for ch in "`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return shown(out)


def _code(text: str, table: bool = False) -> str:
    """`text` as one code span, whatever backticks it holds: the fence is longer than any run
    inside (CommonMark), so an id like "a`<img onerror=...>`" cannot close it and become HTML."""
    text = shown(text.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    if table:
        text = text.replace("|", "\\|")  # GFM splits cells before reading code spans
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _bold_quote(text: str, start: int, end: int, quote_start: int, quote_end: int) -> str:
    a, b = quote_start - start, quote_end - start
    if not 0 <= a <= b <= len(text):
        return _md(text)
    return f"{_md(text[:a])}**{_md(text[a:b])}**{_md(text[b:])}"


class MarkdownFormatter:
    name = "md"
    suffix = ".md"

    def format(self, report: Report) -> str:
        st = report.stats
        lines = [
            "# checker report",
            "",
            f"{len(report.conflicts)} conflict(s) across {st.sources} source(s): "
            f"{_count(report, 'high')} high, {_count(report, 'medium')} medium, "
            f"{_count(report, 'low')} low."
            + (_baseline_counts(report.baseline) if report.baseline is not None else ""),
            "",
            "| source | title | sentences | claims |",
            "|---|---|---|---|",
        ]
        for s in report.sources:
            sid = _code(s.id, table=True) + (" (reference)" if s.reference else "")
            lines.append(f"| {sid} | {_md(s.title)} | {s.sentences} | {s.claims} |")
        if report.skipped:
            lines += ["", "## Skipped sources", ""]
            lines += [f"- {_code(s.path)}: {_md(s.reason)}" for s in report.skipped]
        notes = [(s.id, n) for s in report.sources for n in s.notes]
        if notes:
            lines += ["", "## Notes", ""]
            lines += [f"- {_code(sid)}: {_md(n)}" for sid, n in notes]
        if report.baseline is not None:
            lines += _baseline(report.baseline)
        lines += ["", "## Conflicts", ""]
        if not report.conflicts:
            lines.append(none_found(report))
        for i, c in enumerate(report.conflicts, 1):
            lines += self._conflict(i, c)
        lines += [
            "",
            "---",
            f"{st.sentences} sentences, {st.claims} claims, {st.aligned_pairs} aligned pairs.",
            "",
        ]
        return "\n".join(lines)

    def _conflict(self, i: int, c: Conflict) -> list[str]:
        out = [
            f"### {i}. {_md(c.message)}" + (" *(known: in the baseline)*" if c.known else ""),
            "",
            f"- **type** {c.type.value} · **kind** {c.kind.value} · **severity** "
            f"{c.severity.value} · **score** "
            f"{c.score:.3f} · **id** {_code(c.id)}",
            f"- **subject** {_md(c.subject)}",
        ]
        if c.majority is not None:
            out.append(
                f"- **majority** {_md(str(c.majority))}; **outlier** "
                + ", ".join(_code(o) for o in c.outliers)
            )
        out.append("")
        for cc in c.claims:
            who = f" ({_md(cc.attribution)})" if cc.attribution else ""
            out.append(
                f"> **{_code(cc.source)}** [{cc.start}:{cc.end}]{who}: "
                + _bold_quote(cc.text, cc.start, cc.end, cc.quote_start, cc.quote_end)
            )
            out.append(">")
        if out[-1] == ">":
            out.pop()
        out.append("")
        return out


def _count(report: Report, severity: str) -> int:
    return sum(1 for c in report.conflicts if c.severity.value == severity)


def _baseline_counts(b: BaselineInfo) -> str:
    return f" Baseline: {b.new} new, {b.known} known, {len(b.stale)} stale."


def _baseline(b: BaselineInfo) -> list[str]:
    lines = [
        "",
        "## Baseline",
        "",
        f"Compared with {_code(b.path)}: {b.new} new, {b.known} known, "
        f"{len(b.stale)} stale (recorded, no longer found).",
    ]
    if b.stale:
        lines.append("")
    for e in b.stale:
        sources = ", ".join(_code(s) for s in e.sources)
        lines.append(
            f"- stale {_code(e.id)} {_md(e.type)} {_md(e.severity)}: {_md(e.message)}"
            + (f" ({_md(e.subject)})" if e.subject else "")
            + (f"; {sources}" if sources else "")
        )
    return lines


_HEAD = re.compile(
    r"# checker report\n\n(?P<conflicts>\d+) conflict\(s\) across (?P<sources>\d+) source\(s\): "
    r"\d+ high, \d+ medium, \d+ low\.[^\n]*\n\n"
    r"\| source \| title \| sentences \| claims \|\n\|---\|---\|---\|---\|\n"
)
_TAIL = re.compile(r"\n\n---\n\d+ sentences, \d+ claims, \d+ aligned pairs\.\n\Z")
_ROW = re.compile(r"^\| .* \| \d+ \| \d+ \|$", re.MULTILINE)
_CONFLICT = re.compile(r"^### \d+\. ", re.MULTILINE)


def is_markdown_report(text: str) -> bool:
    """Whether `text` is a whole report this formatter wrote: its heading, summary line and
    source table, a row per source, the Conflicts section with as many conflicts as the
    summary counts, and the closing statistics line. A heading alone is not enough, so an
    article cannot opt out of an audit by starting with "# checker report"."""
    head = _HEAD.match(text)
    if head is None or _TAIL.search(text) is None or "\n## Conflicts\n\n" not in text:
        return False
    table_end = text.find("\n\n", head.end())
    rows = len(_ROW.findall(text, head.end(), table_end if table_end >= 0 else len(text)))
    body = text[text.index("\n## Conflicts\n\n") :]
    conflicts = len(_CONFLICT.findall(body))
    return rows == int(head["sources"]) and conflicts == int(head["conflicts"])
