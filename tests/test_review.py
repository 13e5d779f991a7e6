"""The review page as a fact-checker uses it, in headless Chromium (Playwright): decide, note,
download the baseline, and `checker audit --baseline` on it; filters, order, the keyboard path,
decisions kept across a reload; and the load and filter time of a page of 1,000 conflicts."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from synthetic import synthetic_report
from test_report_inert import chromium

from checker import audit
from checker.cli import main
from checker.report import FORMATTERS

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    exe = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is missing in CI: it is in the 'test' extra")
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:
    page = tmp_path_factory.mktemp("review") / "seeds.html"
    page.write_text(FORMATTERS["html"]().format(audit(["seeds"], embedder=embedder)), "utf-8")
    return page


def _open(browser, page: Path, context=None):
    ctx = context or browser.new_context(accept_downloads=True)
    tab = ctx.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(page.as_uri())
    tab.wait_for_selector("#review[data-ready='1']", timeout=10_000)
    return ctx, tab, errors


def _shown(tab) -> list[str]:
    return tab.eval_on_selector_all(
        "section.conflict", "els => els.filter(e => !e.hidden).map(e => e.id)"
    )


def test_dismiss_note_download_then_the_cli_knows_them(
    browser, seeds_page: Path, tmp_path: Path, capsys
) -> None:
    ctx, tab, errors = _open(browser, seeds_page)
    ids = _shown(tab)
    assert len(ids) == 2
    first, second = (tab.locator(f"#{i}") for i in ids)
    first.locator("button.dismiss").click()
    first.locator("textarea.note").fill("11 vs 12: one source counts a signed annex")
    assert first.locator(".status").inner_text() == "not a conflict"
    tab.locator("body").click(position={"x": 1, "y": 1})  # out of the note
    tab.keyboard.press("j")
    tab.keyboard.press("j")  # the keyboard path: to the second conflict, accept it
    tab.keyboard.press("a")
    assert second.locator(".status").inner_text() == "real"
    assert "1 real, 1 not a conflict, 0 undecided" in tab.locator("#decided").inner_text()
    with tab.expect_download() as dl:
        tab.locator("#download").click()
    review = tmp_path / "review.json"
    dl.value.save_as(review)
    assert errors == []
    doc = json.loads(review.read_text("utf-8"))
    assert doc["schema"] == "checker-baseline/1"
    by_id = {e["id"]: e for e in doc["conflicts"]}
    assert sorted(by_id) == sorted(i.removeprefix("c-") for i in ids)
    dismissed = by_id[ids[0].removeprefix("c-")]
    assert dismissed["decision"] == "not a conflict"
    assert dismissed["note"] == "11 vs 12: one source counts a signed annex"
    assert by_id[ids[1].removeprefix("c-")]["decision"] == "real"

    # Reloaded, the page remembers (localStorage on a file page).
    tab.reload()
    tab.wait_for_selector("#review[data-ready='1']")
    assert first.locator(".status").inner_text() == "not a conflict"
    assert first.locator("textarea.note").input_value().startswith("11 vs 12")
    ctx.close()

    out = str(tmp_path / "r.md")
    capsys.readouterr()
    assert main(["audit", "seeds", "--baseline", str(review), "-o", out, "--no-cache"]) == 0
    assert "2 known, 0 new" in capsys.readouterr().err
    # Only the dismissed one recorded: the other is new and fails the run.
    one = tmp_path / "one.json"
    one.write_text(json.dumps({**doc, "conflicts": [dismissed]}), "utf-8")
    assert main(["audit", "seeds", "--baseline", str(one), "-o", out, "--no-cache"]) == 1
    # Merged into an (empty) baseline, the decisions and notes stay.
    base = tmp_path / "baseline.json"
    assert main(["baseline", "--from-review", str(one), "-o", str(base)]) == 0
    merged = json.loads(base.read_text("utf-8"))["conflicts"]
    assert [(e["id"], e["decision"], e["note"]) for e in merged] == [
        (dismissed["id"], "not a conflict", dismissed["note"])
    ]


def test_filters_change_what_is_shown(browser, seeds_page: Path) -> None:
    ctx, tab, errors = _open(browser, seeds_page)
    both = _shown(tab)
    tab.select_option("#f-type", "role")
    role = _shown(tab)
    assert len(role) == 1 and tab.locator(f"#{role[0]}").inner_text().count("president") >= 1
    assert tab.locator("#shown").inner_text() == "Showing 1 of 2 conflicts."
    tab.select_option("#f-type", "")
    tab.select_option("#f-source", "003_a3e6d3ebfd505169")  # only in the role conflict
    assert _shown(tab) == role
    tab.select_option("#f-source", "")
    tab.select_option("#f-status", "known")  # no baseline: nothing is known
    assert _shown(tab) == []
    tab.select_option("#f-status", "new")
    assert _shown(tab) == both
    tab.select_option("#f-severity", "low")
    assert _shown(tab) == []
    assert errors == []
    ctx.close()


def test_a_page_of_1000_conflicts_loads_and_filters_without_a_wait(browser, tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_text(FORMATTERS["html"]().format(synthetic_report()), "utf-8")
    t0 = time.perf_counter()
    ctx, tab, errors = _open(browser, page)
    load = time.perf_counter() - t0
    ready = tab.evaluate("performance.now()")  # since navigation started, in ms
    timing = tab.evaluate(
        """() => {
        const t0 = performance.now();
        const f = document.getElementById('f-severity');
        f.value = 'high'; f.dispatchEvent(new Event('change'));
        void document.body.offsetHeight;  // layout included
        const t1 = performance.now();
        const s = document.getElementById('f-sort');
        s.value = 'subject'; s.dispatchEvent(new Event('change'));
        void document.body.offsetHeight;
        return [t1 - t0, performance.now() - t1];
    }"""
    )
    filter_ms, sort_ms = timing
    shown = _shown(tab)
    assert len(shown) == 334 and errors == []
    print(
        f"\n1,000 conflicts: {page.stat().st_size / 1e6:.1f} MB, opened and ready in "
        f"{load:.2f} s (page {ready:.0f} ms), filter {filter_ms:.0f} ms, sort {sort_ms:.0f} ms"
    )
    assert load < 10 and filter_ms < 1000 and sort_ms < 2000
    # Sorted by subject: "day 10" before "day 100" before "day 2"...
    subjects = tab.eval_on_selector_all(
        "section.conflict:not([hidden])", "els => els.map(e => JSON.parse(e.dataset.entry).subject)"
    )
    assert subjects == sorted(subjects, key=str.lower)
    ctx.close()


def test_a_report_with_a_reviewed_baseline_opens_with_the_verdicts(
    browser, tmp_path: Path, embedder
) -> None:
    from checker.baseline import baseline_document

    doc = baseline_document(audit(["seeds"], embedder=embedder))
    first, second = doc["conflicts"]
    first.update(decision="not a conflict", note="the annex")
    base = tmp_path / "reviewed.json"
    base.write_text(json.dumps(doc), "utf-8")
    page = tmp_path / "known.html"
    page.write_text(FORMATTERS["html"]().format(audit(["seeds"], embedder=embedder, baseline=base)))
    ctx, tab, errors = _open(browser, page)  # a new context: nothing in its storage
    judged, plain = tab.locator(f"#c-{first['id']}"), tab.locator(f"#c-{second['id']}")
    assert judged.locator(".status").inner_text() == "not a conflict"
    assert judged.locator("textarea.note").input_value() == "the annex"
    assert plain.locator(".status").inner_text() == "undecided"
    tab.select_option("#f-status", "known")
    assert len(_shown(tab)) == 2
    judged.locator("button.dismiss").click()  # undone here: the download says so
    with tab.expect_download() as dl:
        tab.locator("#download").click()
    out = tmp_path / "again.json"
    dl.value.save_as(out)
    entries = {e["id"]: e for e in json.loads(out.read_text("utf-8"))["conflicts"]}
    assert sorted(entries) == sorted([first["id"], second["id"]])  # both known: both kept
    assert "decision" not in entries[first["id"]] and entries[first["id"]]["note"] == "the annex"
    assert errors == []
    ctx.close()
