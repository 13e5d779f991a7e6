"""A self-contained HTML page: summary, then each conflict's quotes side by side, escaped."""

from __future__ import annotations

from html import escape

from checker.model import BaselineInfo, ConflictClaim, Report

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;
color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
.conflict{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.8rem 1rem}
.meta{color:#555;font-size:.9rem}.sev{font-weight:600;padding:0 .4rem;border-radius:4px}
.high{background:#fdd}.medium{background:#fe9}.low{background:#eef}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.8rem}
.side{background:#fafafa;border-left:4px solid #888;padding:.5rem .8rem}
.side.outlier{border-left-color:#c00}
mark{background:#ffe066;padding:0 .1rem}.src{font-family:monospace;font-size:.85rem}
.conflict.known{opacity:.75}.tag{font-size:.8rem;border:1px solid #888;border-radius:4px;
padding:0 .3rem;margin-left:.4rem}
"""


def _side(cc: ConflictClaim, outlier: bool) -> str:
    a, b = cc.quote_start - cc.start, cc.quote_end - cc.start
    text = cc.text
    if 0 <= a <= b <= len(text):
        body = f"{escape(text[:a])}<mark>{escape(text[a:b])}</mark>{escape(text[b:])}"
    else:
        body = escape(text)
    who = f" · {escape(cc.attribution)}" if cc.attribution else ""
    cls = "side outlier" if outlier else "side"
    return (
        f'<div class="{cls}"><div class="src">{escape(cc.source)} '
        f"[{cc.start}:{cc.end}]{who}</div><blockquote>{body}</blockquote></div>"
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
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'\">",
            "<title>checker report</title>",
            f"<style>{_CSS}</style></head><body>",
            "<h1>checker report</h1>",
            f"<p>{len(report.conflicts)} conflict(s) across {st.sources} source(s): "
            f"{sev['high']} high, {sev['medium']} medium, {sev['low']} low. "
            f"{st.sentences} sentences, {st.claims} claims, {st.aligned_pairs} aligned pairs.</p>",
            "<table><tr><th>source</th><th>title</th><th>sentences</th><th>claims</th></tr>",
        ]
        for s in report.sources:
            parts.append(
                f'<tr><td class="src">{escape(s.id)}{_ref(s.reference)}</td>'
                f"<td>{escape(s.title)}</td>"
                f"<td>{s.sentences}</td><td>{s.claims}</td></tr>"
            )
        parts.append("</table>")
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
            parts.append("<p>No conflicts found.</p>")
        for i, c in enumerate(report.conflicts, 1):
            majority = ""
            if c.majority is not None:
                majority = (
                    f" · majority: {escape(str(c.majority))}; outlier: "
                    f"{escape(', '.join(c.outliers))}"
                )
            parts.append(
                f'<section class="{"conflict known" if c.known else "conflict"}" '
                f'id="c-{escape(c.id)}">'
                f"<h3>{i}. {escape(c.message)}"
                + ('<span class="tag">known: in the baseline</span>' if c.known else "")
                + "</h3>"
                f'<div class="meta"><span class="sev {escape(c.severity.value)}">'
                f"{escape(c.severity.value)}</span> {escape(c.type.value)} · score "
                f"{c.score:.3f} · subject: {escape(c.subject)} · id "
                f"<code>{escape(c.id)}</code>{majority}</div>"
                '<div class="sides">'
                + "".join(_side(cc, cc.source in c.outliers) for cc in c.claims)
                + "</div></section>"
            )
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
            parts.append(
                f"<li>stale <code>{escape(e.id)}</code> {escape(e.type)} {escape(e.severity)}: "
                f"{escape(e.message)}{subject}{sources}</li>"
            )
        parts.append("</ul>")
    return parts
