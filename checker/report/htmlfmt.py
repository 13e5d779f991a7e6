"""The HTML report: one self-contained review page that works offline, opened from disk.

An overview (counts, pictures), then each conflict's quotes side by side, with filters, an
order, a keyboard path and accept/dismiss decisions that download as a `checker-baseline/1`
file. Everything from a source is escaped; the page's only script is the formatter's own
(`assets/review.js`), allowed by its sha256 in the Content-Security-Policy, which also forbids
every network request. Without the script the page still shows everything.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections import Counter
from html import escape
from importlib import resources

from checker.model import BaselineInfo, ConflictType, Report, Severity
from checker.report.htmlcharts import overview
from checker.report.htmlconflict import section, url_html
from checker.report.mdfmt import none_found


@functools.cache
def asset(name: str) -> str:
    """A packaged file of checker/report/assets, read once."""
    return resources.files("checker.report").joinpath("assets", name).read_text("utf-8")


def script_hash() -> str:
    """The CSP source that allows exactly the page's own script."""
    digest = hashlib.sha256(asset("review.js").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def csp() -> str:
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src {script_hash()}; connect-src 'none'; img-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )


def report_key(report: Report) -> str:
    """Names this report's decisions in the browser's storage: its conflicts' ids."""
    ids = "\n".join(sorted(c.id for c in report.conflicts))
    return hashlib.sha256(ids.encode("utf-8")).hexdigest()[:16]


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options)
    return f'<label>{label} <select id="f-{name}">{opts}</select></label>'


def tools(report: Report) -> str:
    """Filters, order and the download button; shown only when the script runs."""
    by_type = Counter(c.type.value for c in report.conflicts)
    by_sev = Counter(c.severity.value for c in report.conflicts)
    types = [(t.value, f"{t.value} ({by_type[t.value]})") for t in ConflictType if by_type[t.value]]
    sevs = [(s.value, f"{s.value} ({by_sev[s.value]})") for s in Severity]
    srcs = sorted({cc.source for c in report.conflicts for cc in c.claims})
    status = [("", "all"), ("new", "new"), ("known", "known"), ("undecided", "undecided"),
              ("real", "real"), ("dismissed", "not a conflict")]  # fmt: skip
    return (
        '<div class="tools" role="toolbar" aria-label="Filters and order">'
        + _select("type", "Type", [("", "all"), *types])
        + _select("severity", "Severity", [("", "all"), *sevs])
        + _select("source", "Source", [("", "all"), *((s, s) for s in srcs)])
        + _select("status", "Status", status)
        + _select("sort", "Order", [("severity", "severity"), ("subject", "subject")])
        + '<button type="button" id="download">Download baseline</button>'
        '<span id="shown" aria-live="polite"></span> <span id="decided"></span>'
        '<span class="hint"><kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>a</kbd> real, '
        "<kbd>d</kbd> not a conflict, <kbd>n</kbd> note</span></div>"
    )


class HtmlFormatter:
    name = "html"
    suffix = ".html"

    def format(self, report: Report) -> str:
        st = report.stats
        sev = {
            s: sum(1 for c in report.conflicts if c.severity.value == s)
            for s in ("high", "medium", "low")
        }
        by_id = {s.id: s for s in report.sources}
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{csp()}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>checker report</title>",
            f"<style>{asset('review.css')}</style></head><body>",
            f'<main id="review" data-report="{report_key(report)}">',
            "<h1>checker report</h1>",
            f"<p>{len(report.conflicts)} conflict(s) across {st.sources} source(s): "
            f"{sev['high']} high, {sev['medium']} medium, {sev['low']} low. "
            f"{st.sentences} sentences, {st.claims} claims, {st.aligned_pairs} aligned pairs.</p>",
        ]
        if report.conflicts:
            parts.append(overview(report))
        if report.skipped:
            parts.append("<h2>Skipped sources</h2><ul>")
            parts += [
                f'<li><span class="src">{escape(s.path)}</span>: {escape(s.reason)}</li>'
                for s in report.skipped
            ]
            parts.append("</ul>")
        if report.baseline is not None:
            parts += _baseline(report.baseline)
        parts.append("<h2>Conflicts</h2>")
        if not report.conflicts:
            parts.append(f"<p>{escape(none_found(report))}</p>")
        else:
            parts.append(tools(report))
        parts.append('<div id="conflicts">')
        reviewed = (
            {cid: (d, n) for cid, d, n in report.baseline.reviewed} if report.baseline else {}
        )
        parts += [
            section(i, c, by_id, reviewed.get(c.id, ("", "")))
            for i, c in enumerate(report.conflicts, 1)
        ]
        parts.append("</div>")
        parts.append(
            "<h2>Sources</h2><table><tr><th>source</th><th>title</th><th>published</th>"
            "<th>URL</th><th>sentences</th><th>claims</th></tr>"
        )
        for s in report.sources:
            parts.append(
                f'<tr><td class="src">{escape(s.id)}{_ref(s.reference)}</td>'
                f"<td>{escape(s.title)}</td><td>{escape(s.published)}</td>"
                f"<td>{url_html(s.url)}</td>"
                f'<td class="n">{s.sentences}</td><td class="n">{s.claims}</td></tr>'
            )
        parts.append("</table>")
        parts.append("</main>")
        if report.conflicts:
            parts.append(f"<script>{asset('review.js')}</script>")
        parts.append("</body></html>\n")
        return "\n".join(parts)


def _ref(reference: bool) -> str:
    return '<span class="tag">reference</span>' if reference else ""


def _baseline(b: BaselineInfo) -> list[str]:
    parts = [
        "<h2>Baseline</h2>",
        f'<p>Compared with <span class="src">{escape(b.path)}</span>: {b.new} new, '
        f"{b.known} known, {len(b.stale)} stale (recorded, no longer found).</p>",
    ]
    if b.stale:
        parts.append("<ul>")
        for e in b.stale:
            subject = f" ({escape(e.subject)})" if e.subject else ""
            sources = f"; {escape(', '.join(e.sources))}" if e.sources else ""
            note = f" (note: {escape(e.note)})" if e.note else ""
            parts.append(
                f"<li>stale <code>{escape(e.id)}</code> {escape(e.type)} {escape(e.severity)}: "
                f"{escape(e.message)}{subject}{sources}{note}</li>"
            )
        parts.append("</ul>")
    return parts
