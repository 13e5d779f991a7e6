"""The review page's overview: counts by type and severity, and two inline SVG pictures (a
source x source matrix of conflict counts, a per-subject tally of who says which value), each
with a table that says the same for screen readers. Everything from a source is escaped."""

from __future__ import annotations

from collections import Counter
from html import escape
from itertools import combinations
from typing import Any

from checker.model import Conflict, ConflictType, Report, Severity

MAX_SOURCES = 24  # sources drawn in a picture; the tables list them all
MAX_SUBJECTS = 40  # subjects drawn in the tally
CELL = 22
LABEL = 210  # width of the row labels, in px
# Colours of the tally: the majority value, the outliers, further values without a majority.
MAJORITY, OUTLIER, ABSENT = "#2b8a3e", "#c92a2a", "#f1f3f5"
PALETTE = ("#1c7ed6", "#f08c00", "#7048e8", "#0ca678", "#d6336c", "#5c940d")


def display(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def counts_table(report: Report) -> str:
    """Conflicts by type (rows) and severity (columns), with totals."""
    by = Counter((c.type, c.severity) for c in report.conflicts)
    sevs = list(Severity)
    head = "".join(f"<th>{s.value}</th>" for s in sevs)
    rows = []
    for t in ConflictType:
        n = sum(by[(t, s)] for s in sevs)
        if not n:
            continue
        cells = "".join(f'<td class="n">{by[(t, s)]}</td>' for s in sevs)
        rows.append(f'<tr><th>{t.value}</th>{cells}<td class="n">{n}</td></tr>')
    totals = "".join(f'<td class="n">{sum(by[(t, s)] for t in ConflictType)}</td>' for s in sevs)
    rows.append(f'<tr><th>all</th>{totals}<td class="n">{len(report.conflicts)}</td></tr>')
    return (
        '<figure><figcaption id="counts-cap">Conflicts by type and severity</figcaption>'
        '<table aria-labelledby="counts-cap"><tr><th>type</th>'
        f"{head}<th>all</th></tr>{''.join(rows)}</table></figure>"
    )


def _involved(conflicts: tuple[Conflict, ...]) -> Counter[str]:
    return Counter(s for c in conflicts for s in {cc.source for cc in c.claims})


def drawn_sources(report: Report) -> list[str]:
    """The sources a picture shows: those in most conflicts, at most MAX_SOURCES, in id order."""
    involved = _involved(report.conflicts)
    top = sorted(involved, key=lambda s: (-involved[s], s))[:MAX_SOURCES]
    return sorted(top)


def pair_counts(conflicts: tuple[Conflict, ...]) -> Counter[tuple[str, str]]:
    """Conflicts per unordered pair of sources (a, b), a < b."""
    out: Counter[tuple[str, str]] = Counter()
    for c in conflicts:
        for a, b in combinations(sorted({cc.source for cc in c.claims}), 2):
            out[(a, b)] += 1
    return out


def _shade(n: int, most: int) -> str:
    if not n:
        return "#ffffff"
    t = 0.25 + 0.75 * n / most
    r, g, b = (int(255 - t * (255 - v)) for v in (0xC9, 0x2A, 0x2A))
    return f"#{r:02x}{g:02x}{b:02x}"


def matrix(report: Report) -> str:
    """Source x source matrix of conflict counts (SVG), and the same as a table."""
    srcs = drawn_sources(report)
    pairs = pair_counts(report.conflicts)
    if len(srcs) < 2:
        return ""
    most = max(pairs.values(), default=1)
    n = len(srcs)
    width, height = LABEL + n * CELL + 10, 20 + n * CELL + 10
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="matrix-cap" '
        'aria-describedby="matrix-table">'
    ]
    for j in range(n):
        svg.append(
            f'<text x="{LABEL + j * CELL + CELL // 2}" y="14" text-anchor="middle">{j + 1}</text>'
        )
    for i, a in enumerate(srcs):
        y = 20 + i * CELL
        svg.append(
            f'<text x="{LABEL - 6}" y="{y + 15}" text-anchor="end">{i + 1} '
            f"{escape(_cut(a, 26))}</text>"
        )
        for j, b in enumerate(srcs):
            x = LABEL + j * CELL
            k = 0 if a == b else pairs[(min(a, b), max(a, b))]
            fill = "#e9ecef" if a == b else _shade(k, most)
            svg.append(
                f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" fill="{fill}" '
                'stroke="#ced4da"/>'
            )
            if k:
                colour = "#ffffff" if k * 2 > most else "#1b1b1b"
                svg.append(
                    f'<text x="{x + CELL // 2 - 1}" y="{y + 15}" text-anchor="middle" '
                    f'style="fill:{colour}">{k}</text>'
                )
    svg.append("</svg>")
    total = len(_involved(report.conflicts))
    note = f" ({n} of {total} sources, those in most conflicts)" if total > n else ""
    rows = [
        f'<tr><th>{escape(a)}</th><th>{escape(b)}</th><td class="n">{k}</td></tr>'
        for (a, b), k in sorted(pairs.items(), key=lambda ab: (-ab[1], ab[0]))
    ]
    return (
        f'<figure><figcaption id="matrix-cap">Conflicts between each pair of sources{note}'
        f"</figcaption>{''.join(svg)}"
        '<details id="matrix-table"><summary>The same as a table</summary>'
        "<table><tr><th>source</th><th>source</th><th>conflicts</th></tr>"
        f"{''.join(rows)}</table></details></figure>"
    )


def tally_rows(report: Report, conflict: Conflict) -> list[tuple[str, str, list[str]]]:
    """(value, role, sources) for each value of a conflict, then ("", "not mentioned", the
    report's other sources). Role: "majority", "outlier" or "" when no value has a majority."""
    by_value: dict[str, list[str]] = {}
    for cc in conflict.claims:
        by_value.setdefault(display(cc.value), []).append(cc.source)
    majority = display(conflict.majority) if conflict.majority is not None else None
    rows = []
    for value, srcs in by_value.items():
        role = "" if majority is None else ("majority" if value == majority else "outlier")
        rows.append((value, role, srcs))
    said = {cc.source for cc in conflict.claims}
    absent = [s.id for s in report.sources if s.id not in said]
    rows.append(("", "not mentioned", absent))
    return rows


def tally(report: Report) -> str:
    """For each disputed subject, which source says which value (SVG), and as a table."""
    if not report.conflicts:
        return ""
    srcs = drawn_sources(report)
    shown = report.conflicts[:MAX_SUBJECTS]
    n = len(srcs)
    legend_x = LABEL + n * CELL + 8
    width, height = legend_x + 260, 20 + len(shown) * CELL + 10
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="tally-cap" '
        'aria-describedby="tally-table">'
    ]
    for j in range(n):
        svg.append(
            f'<text x="{LABEL + j * CELL + CELL // 2}" y="14" text-anchor="middle">{j + 1}</text>'
        )
    for i, c in enumerate(shown):
        y = 20 + i * CELL
        svg.append(
            f'<text x="{LABEL - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(_cut(c.subject, 28))}</text>"
        )
        colour: dict[str, str] = {}
        legend = []
        for k, (value, role, _) in enumerate(tally_rows(report, c)[:-1]):
            colour[value] = {"majority": MAJORITY, "outlier": OUTLIER}.get(
                role, PALETTE[k % len(PALETTE)]
            )
            legend.append(f"{_cut(value, 18)}{' (majority)' if role == 'majority' else ''}")
        said = {cc.source: display(cc.value) for cc in c.claims}
        for j, s in enumerate(srcs):
            fill = colour[said[s]] if s in said else ABSENT
            svg.append(
                f'<rect x="{LABEL + j * CELL}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" '
                f'rx="4" fill="{fill}" stroke="#ced4da"/>'
            )
        svg.append(f'<text x="{legend_x}" y="{y + 15}">{escape(" vs ".join(legend))}</text>')
    svg.append("</svg>")
    rows = []
    for c in report.conflicts:
        for value, role, who in tally_rows(report, c):
            label = f"{escape(value)}{f' ({role})' if role and value else ''}" if value else role
            rows.append(
                f"<tr><td>{escape(c.subject)}</td><td>{label}</td>"
                f"<td>{escape(', '.join(who)) or '-'}</td></tr>"
            )
    more = (
        f" (the first {len(shown)} of {len(report.conflicts)})"
        if len(report.conflicts) > len(shown)
        else ""
    )
    return (
        f'<figure><figcaption id="tally-cap">Who says which value, by subject{more}: '
        '<span style="color:#2b8a3e">majority</span>, <span style="color:#c92a2a">outlier</span>, '
        "grey: not mentioned; columns are the sources numbered as in the matrix</figcaption>"
        f"{''.join(svg)}"
        '<details id="tally-table"><summary>The same as a table</summary>'
        "<table><tr><th>subject</th><th>value</th><th>sources</th></tr>"
        f"{''.join(rows)}</table></details></figure>"
    )


def overview(report: Report) -> str:
    return (
        '<section aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>'
        f'<div class="overview">{counts_table(report)}{matrix(report)}{tally(report)}</div>'
        "</section>"
    )
