"""One conflict of the review page: quotes side by side with the values marked, the sentences
around them collapsed, where each comes from, and the controls to accept or dismiss it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import escape

from checker.baseline import entry_for, entry_to_dict
from checker.model import Conflict, ConflictClaim, SourceSummary
from checker.report.htmlcharts import display

_SAFE_URL = re.compile(r"https?://[^\s\"'<>`\\]+", re.IGNORECASE)


def url_html(url: str) -> str:
    """A link for a plain http(s) URL; anything else (javascript:, data:, markup) as text."""
    if not url:
        return ""
    if _SAFE_URL.fullmatch(url):
        return f'<a href="{escape(url)}" rel="noreferrer noopener">{escape(url)}</a>'
    return f"<code>{escape(url)}</code>"


def _quote(cc: ConflictClaim) -> str:
    a, b = cc.quote_start - cc.start, cc.quote_end - cc.start
    text = cc.text
    if 0 <= a <= b <= len(text):
        return f"{escape(text[:a])}<mark>{escape(text[a:b])}</mark>{escape(text[b:])}"
    return escape(text)


def _where(cc: ConflictClaim) -> str:
    if cc.line:
        return f"line {cc.line}, column {cc.column}"
    return f"characters {cc.start}-{cc.end}"


def side(cc: ConflictClaim, role: str, src: SourceSummary | None) -> str:
    """One source's quote. `role`: "majority", "outlier" or ""."""
    head = [f'<span class="src">{escape(cc.source)}</span>']
    if role:
        head.append(f'<span class="tag">{role}</span>')
    about = []
    if src is not None and src.title:
        about.append(f"<b>{escape(src.title)}</b>")
    if src is not None and src.published:
        about.append(f"published {escape(src.published)}")
    if src is not None and src.url:
        about.append(url_html(src.url))
    where = [escape(_where(cc)), f"value {escape(display(cc.value))}"]
    if cc.attribution:
        where.append(f"attributed to {escape(cc.attribution)}")
    context = ""
    if cc.before or cc.after:
        before = f"<p><i>before:</i> {escape(cc.before)}</p>" if cc.before else ""
        after = f"<p><i>after:</i> {escape(cc.after)}</p>" if cc.after else ""
        context = f"<details><summary>Sentences around it</summary>{before}{after}</details>"
    cls = f"side {role}" if role else "side"
    return (
        f'<div class="{cls}"><div>{" ".join(head)}</div>'
        + (f'<div class="where">{" · ".join(about)}</div>' if about else "")
        + f'<blockquote>{_quote(cc)}</blockquote><div class="where">{" · ".join(where)}</div>'
        f"{context}</div>"
    )


REVIEW_CONTROLS = (
    '<div class="review"><button type="button" class="accept" aria-pressed="false">'
    'Real <kbd>a</kbd></button><button type="button" class="dismiss" aria-pressed="false">'
    "Not a conflict <kbd>d</kbd></button>"
    '<textarea class="note" rows="1" placeholder="Note (optional)" aria-label="Note"></textarea>'
    '<span class="status" aria-live="polite">undecided</span></div>'
)


def section(
    n: int, c: Conflict, sources: dict[str, SourceSummary], reviewed: tuple[str, str] = ("", "")
) -> str:
    """The conflict numbered `n`, with its baseline entry as data for the page's script, and
    the (decision, note) a baseline recorded for it."""
    decision, note = reviewed
    entry = entry_to_dict(replace(entry_for(c), decision=decision, note=note))
    data = json.dumps(entry, ensure_ascii=False, sort_keys=True)
    roles = {cc.source: "" for cc in c.claims}
    if c.majority is not None:
        roles = {cc.source: "outlier" if cc.source in c.outliers else "majority" for cc in c.claims}
    kind = str(getattr(c, "kind", "") or "")
    meta = [
        f'<span class="sev {escape(c.severity.value)}">{escape(c.severity.value)}</span>',
        escape(c.type.value) + (f" ({escape(kind)})" if kind else ""),
        f"score {c.score:.3f}",
        f"subject: {escape(c.subject)}",
        f"rule {escape(c.rule)}" if c.rule else "",
        f"id <code>{escape(c.id)}</code>",
    ]
    if c.majority is not None:
        meta.append(
            f"majority: {escape(display(c.majority))}; outlier: {escape(', '.join(c.outliers))}"
        )
    known = ' <span class="tag">known: in the baseline</span>' if c.known else ""
    cls = "conflict known" if c.known else "conflict"
    return (
        f'<section class="{cls}" id="c-{escape(c.id)}" tabindex="-1" '
        f'data-known="{int(c.known)}" data-entry="{escape(data)}">'
        f"<h3>{n}. {escape(c.message)}{known}</h3>"
        f'<div class="meta">{" · ".join(m for m in meta if m)}</div>'
        '<div class="sides">'
        + "".join(side(cc, roles[cc.source], sources.get(cc.source)) for cc in c.claims)
        + f"</div>{REVIEW_CONTROLS}</section>"
    )
