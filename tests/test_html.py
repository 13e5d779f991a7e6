"""The HTML review page without a browser: what each conflict shows, the overview's tables, and
the neighbouring sentences the model now carries."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from synthetic import synthetic_report

from checker import audit
from checker.model import ConflictKind, Source
from checker.report import FORMATTERS
from checker.report.htmlcharts import pair_counts, tally_rows
from checker.report.htmlconflict import url_html

HTML = FORMATTERS["html"]()


def test_each_quote_carries_the_sentences_around_it(embedder) -> None:
    texts = {
        "a": "The storm reached the coast at dawn. Officials said 40 people were rescued from "
        "the flooded valley. Roads stayed closed.",
        "b": "Rain fell all night. Officials said 55 people were rescued from the flooded valley. "
        "Schools reopened on Friday.",
    }
    report = audit([Source(id=k, text=v) for k, v in texts.items()], embedder=embedder)
    (conflict,) = report.conflicts
    a, b = conflict.claims
    assert (a.before, a.after) == ("The storm reached the coast at dawn.", "Roads stayed closed.")
    assert (b.before, b.after) == ("Rain fell all night.", "Schools reopened on Friday.")
    html = HTML.format(report)
    assert "<details><summary>Sentences around it</summary>" in html
    assert f"<i>before:</i> {escape(a.before)}" in html and "<mark>40 people</mark>" in html


def test_a_conflict_shows_its_kind() -> None:
    report = synthetic_report(3, 3)
    first = report.conflicts[0]
    update = replace(first, kind=ConflictKind.UPDATE)
    html = HTML.format(replace(report, conflicts=(update, *report.conflicts[1:])))
    assert f"{first.type.value} (update)" in html
    assert "(update)" not in HTML.format(report)
    assert f"{first.type.value} (contradiction)" in HTML.format(report)


def test_only_plain_web_urls_become_links() -> None:
    assert url_html("https://example.org/a?b=1") == (
        '<a href="https://example.org/a?b=1" rel="noreferrer noopener">'
        "https://example.org/a?b=1</a>"
    )
    for bad in ("javascript:alert(1)", 'https://x.org/" onclick="x', "data:text/html,<b>"):
        assert url_html(bad) == f"<code>{escape(bad)}</code>"


def test_the_overview_says_in_tables_what_the_pictures_draw() -> None:
    report = synthetic_report(30, 4)
    html = HTML.format(report)
    assert html.count("<svg") == 2 and html.count("The same as a table") == 2
    assert 'role="img" aria-labelledby="matrix-cap"' in html
    pairs = pair_counts(report.conflicts)
    assert sum(pairs.values()) == 30
    (a, b), n = pairs.most_common(1)[0]
    assert f'<tr><th>{a}</th><th>{b}</th><td class="n">{n}</td></tr>' in html
    rows = tally_rows(report, report.conflicts[0])
    assert [r[1] for r in rows] == ["", "", "not mentioned"]
    assert rows[-1][2] == sorted(rows[-1][2]) and len(rows[-1][2]) == 2


def test_three_sources_tally_majority_outlier_and_not_mentioned(embedder) -> None:
    report = audit(["seeds"], embedder=embedder)
    role = next(c for c in report.conflicts if c.type.value == "role")
    rows = tally_rows(report, role)
    assert [(v, r, len(s)) for v, r, s in rows] == [
        ("To Lam", "majority", 2),
        ("Nguyen Phu Trong", "outlier", 1),
        ("", "not mentioned", 0),
    ]
    html = HTML.format(report)
    assert "<td>To Lam (majority)</td>" in html and "<td>not mentioned</td><td>-</td>" in html


def test_no_conflict_no_script_and_one_source_says_why(embedder) -> None:
    one = audit([Source(id="a", text="Officials said 40 people were rescued.")], embedder=embedder)
    html = HTML.format(one)
    assert "<script" not in html and "<svg" not in html
    assert "No conflicts found: only one source, nothing to compare it with." in html
