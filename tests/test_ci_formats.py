"""CI formats (SARIF, GitHub annotations, JUnit) and the baseline and reference marks in every
format, on real audits of fixture cases and on small hand-built reports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import jsonschema
import pytest

from checker import audit
from checker.cli import main
from checker.model import (
    BaselineEntry,
    BaselineInfo,
    Conflict,
    ConflictClaim,
    ConflictType,
    Report,
    Severity,
    Skipped,
    SourceSummary,
    Stats,
)
from checker.report import FORMATTERS
from checker.report.githubfmt import escape_data, escape_property

ROOT = Path(__file__).resolve().parent.parent
CONFLICTING = Path("fixtures/airline_strike_conflicts")  # NUM, DATE and ROLE conflicts
AGREEING = Path("fixtures/malaria_trial_agree")
SCHEMA = json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text("utf-8"))
STALE = (
    BaselineEntry(
        id="0123456789ab",
        type="numeric",
        severity="high",
        subject="ballots counted",
        message="1,200 ballots vs 1,300 ballots",
        sources=("a", "b"),
    ),
    BaselineEntry(id="ba5e11ne0002", type="other", severity="medium", message="signed vs not"),
)


def _sources(case: Path) -> list[Path]:
    return sorted(
        p
        for p in case.iterdir()
        if p.suffix in (".txt", ".md", ".html", ".json", ".jsonl")
        and not p.name.startswith(("expect", "report"))
    )


def with_baseline(report: Report) -> Report:
    """The first conflict known from a baseline that also holds two conflicts now gone."""
    first, *rest = report.conflicts
    conflicts = (replace(first, known=True), *rest)
    info = BaselineInfo(path="checker-baseline.json", known=1, new=len(rest), stale=STALE)
    return replace(report, conflicts=conflicts, baseline=info)


def make_report(text: str = "Rescuers found 14.", path: str = "a.txt", **conflict) -> Report:
    claims = tuple(
        ConflictClaim(
            source=sid,
            text=text,
            start=0,
            end=len(text),
            quote=text[:4],
            quote_start=0,
            quote_end=4,
            value=v,
            line=1,
            column=1,
            end_line=1,
            end_column=len(text) + 1,
        )
        for sid, v in (("a", 14), ("b", 15))
    )
    c = Conflict(
        **{
            "id": "c0ffee000001",
            "type": ConflictType.NUMERIC,
            "severity": Severity.HIGH,
            "score": 0.9,
            "subject": "survivors",
            "message": "14 survivors vs 15 survivors",
            "claims": claims,
            "rule": "NUM",
            **conflict,
        }
    )
    sources = (
        SourceSummary(id="a", path=path, title="A", sentences=1, claims=1),
        SourceSummary(id="b", path="", title="B", sentences=1, claims=1),
        SourceSummary(id="c", path="c.txt", title="C", sentences=1, claims=0),
    )
    return Report(sources=sources, conflicts=(c,), stats=Stats(3, 3, 2, 1, 0.0))


@pytest.fixture(scope="module")
def report(embedder) -> Report:
    r = audit(_sources(CONFLICTING), embedder=embedder).without_timing()
    assert len(r.conflicts) >= 2, "the fixture case must have conflicts to format"
    return r


@pytest.fixture(scope="module")
def clean_report(embedder) -> Report:
    r = audit(_sources(AGREEING), embedder=embedder).without_timing()
    assert not r.conflicts
    return r


def validate_sarif(text: str) -> dict:
    doc = json.loads(text)
    cls = jsonschema.validators.validator_for(SCHEMA)
    errors = sorted(cls(SCHEMA).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return doc


# --- SARIF -------------------------------------------------------------------------------------


def test_sarif_is_valid_and_has_a_result_per_conflict(report: Report) -> None:
    text = FORMATTERS["sarif"]().format(report)
    assert text == FORMATTERS["sarif"]().format(report)  # deterministic
    doc = validate_sarif(text)
    (run,) = doc["runs"]
    assert doc["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "checker"
    assert run["tool"]["driver"]["version"]
    results = run["results"]
    assert len(results) == len(report.conflicts)
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == sorted({c.rule for c in report.conflicts})
    assert all(r["shortDescription"]["text"] for r in run["tool"]["driver"]["rules"])
    levels = {"high": "error", "medium": "warning", "low": "note"}
    for c, res in zip(report.conflicts, results, strict=True):
        assert res["ruleId"] == c.rule and rules[res["ruleIndex"]] == c.rule
        assert res["level"] == levels[c.severity.value]
        assert c.message in res["message"]["text"] and c.subject in res["message"]["text"]
        assert res["partialFingerprints"] == {"checkerConflict/v1": c.id}
        assert len(res.get("relatedLocations", [])) == len(c.claims) - 1
        assert res["properties"]["severity"] == c.severity.value
        assert "baselineState" not in res
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_regions_point_at_the_sentences_in_the_files(report: Report) -> None:
    run = json.loads(FORMATTERS["sarif"]().format(report))["runs"][0]
    seen = 0
    for res in run["results"]:
        for loc in [*res["locations"], *res.get("relatedLocations", [])]:
            phys = loc["physicalLocation"]
            assert phys["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
            raw = (ROOT / phys["artifactLocation"]["uri"]).read_text("utf-8-sig")
            region = phys["region"]
            line = raw.splitlines()[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 :].startswith(region["snippet"]["text"][:30])
            start, length = region["charOffset"], region["charLength"]
            assert raw[start : start + length] == region["snippet"]["text"]
            seen += 1
    assert seen >= 2 * len(run["results"])


def test_sarif_with_a_baseline_marks_new_and_unchanged_and_lists_stale(report: Report) -> None:
    based = with_baseline(report)
    doc = validate_sarif(FORMATTERS["sarif"]().format(based))
    run = doc["runs"][0]
    states = [r["baselineState"] for r in run["results"]]
    assert states == ["unchanged"] + ["new"] * (len(report.conflicts) - 1)
    # GitHub code scanning rejects an upload with any result that has no location, so the
    # stale entries (conflicts that are gone) are run properties, not "absent" results.
    assert all(r["locations"] for r in run["results"])
    stale = run["properties"]["staleBaselineEntries"]
    assert [e["id"] for e in stale] == [e.id for e in STALE]
    assert stale[0]["subject"] == "ballots counted" and stale[0]["sources"] == ["a", "b"]
    assert run["properties"]["baseline"]["stale"] == len(STALE)


def test_sarif_names_skipped_sources_in_notifications() -> None:
    r = replace(make_report(), skipped=(Skipped("feeds/bad.json", "invalid JSON at line 1"),))
    doc = validate_sarif(FORMATTERS["sarif"]().format(r))
    (inv,) = doc["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is True
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert "feeds/bad.json" in note["message"]["text"] and "invalid JSON" in note["message"]["text"]
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "feeds/bad.json"


def test_sarif_source_without_a_path_gets_a_logical_location() -> None:
    doc = validate_sarif(FORMATTERS["sarif"]().format(make_report(path="dir with space/a.txt")))
    res = doc["runs"][0]["results"][0]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "dir%20with%20space/a.txt"
    )
    related = res["relatedLocations"][0]
    assert "physicalLocation" not in related
    assert related["logicalLocations"][0]["name"] == "b"


def test_crlf_bom_txt_positions_are_exact_in_sarif_and_github(tmp_path: Path, embedder) -> None:
    a = tmp_path / "north_daily.txt"
    b = tmp_path / "south_post.txt"
    # the sentence follows others on its line, after a non-ASCII character: columns count
    # characters, and neither the byte-order mark nor CR LF / CR breaks shift them
    before = "The quake struck before dawn on Tuesday. Café owners said the hotel shook. "
    rescue = "pulled {} survivors from the rubble of the Grand Hotel on Tuesday, the governor said."
    a.write_bytes(
        f"\ufeffHotel collapse in Malatya\r\n\r\n{before}Rescuers {rescue.format(14)}\r\n".encode()
    )
    b.write_bytes(
        f"Hotel collapse in Malatya\r\r{before}\rRescuers {rescue.format(17)}\r".encode("utf-8-sig")
    )
    r = audit([a, b], embedder=embedder)
    num = [c for c in r.conflicts if c.rule == "NUM"]
    assert num, [c.message for c in r.conflicts]
    doc = validate_sarif(FORMATTERS["sarif"]().format(r))
    res = doc["runs"][0]["results"][r.conflicts.index(num[0])]
    for loc in [*res["locations"], *res["relatedLocations"]]:
        phys = loc["physicalLocation"]
        uri = phys["artifactLocation"]["uri"]
        assert uri.startswith("file:///") and "uriBaseId" not in phys["artifactLocation"]
        path = Path(url2pathname(urlparse(uri).path))  # outside the current directory
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
        region = phys["region"]
        assert (region["startLine"], region["startColumn"] > 1) == (
            (3, True) if path == a else (4, False)
        )
        text = region["snippet"]["text"]
        assert text.startswith("Rescuers pulled")
        assert lines[region["startLine"] - 1][region["startColumn"] - 1 :].startswith(text)
        assert region["endLine"] == region["startLine"]
        assert lines[region["endLine"] - 1][: region["endColumn"] - 1].endswith(text)
    github = FORMATTERS["github"]().format(r)
    assert f"file={a.as_posix()},line=3,col={len(before) + 1}," in github
    assert f"file={b.as_posix()},line=4,col=1," in github


# --- GitHub ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain text", "plain text", "plain text"),
        ("100%", "100%25", "100%25"),
        ("%0A stays text", "%250A stays text", "%250A stays text"),
        ("two\nlines", "two%0Alines", "two%0Alines"),
        ("crlf\r\nend", "crlf%0D%0Aend", "crlf%0D%0Aend"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("C:\\dir,x\\a.txt", "C:\\dir,x\\a.txt", "C%3A\\dir%2Cx\\a.txt"),
        ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
    ],
)
def test_github_escaping_matches_the_actions_toolkit(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
    r"title=checker [A-Z]+ \((high|medium|low)\)::\S.*$"
)


def test_github_annotates_each_claim_of_new_conflicts_and_ends_with_a_summary(
    report: Report,
) -> None:
    lines = FORMATTERS["github"]().format(report).splitlines()
    claims = sum(len(c.claims) for c in report.conflicts)
    assert len(lines) == claims + 1
    for line in lines[:-1]:
        assert ANNOTATION.match(line), line
    command = {"high": "error", "medium": "warning", "low": "notice"}
    assert lines[0].startswith(f"::{command[report.conflicts[0].severity.value]} ")
    assert not lines[-1].startswith("::")
    assert f"{len(report.conflicts)} new conflict(s)" in lines[-1]

    based = FORMATTERS["github"]().format(with_baseline(report)).splitlines()
    assert len(based) == claims - len(report.conflicts[0].claims) + 1
    assert report.conflicts[0].id not in "\n".join(based[:-1])
    assert "1 known from the baseline" in based[-1] and "2 stale" in based[-1]


def test_github_escapes_paths_and_messages_and_omits_unknown_positions() -> None:
    r = make_report(path="dir,x/a:b.txt", message="14 vs 15,\nsee: 100%")
    lines = FORMATTERS["github"]().format(r).splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error file=dir%2Cx/a%3Ab.txt,line=1,col=1,")
    assert "::14 vs 15,%0Asee: 100%25" in lines[0]
    assert lines[1].startswith("::error title=checker NUM (high)::")  # source b has no path
    no_pos = replace(
        r.conflicts[0], claims=tuple(replace(cc, line=0) for cc in r.conflicts[0].claims)
    )
    first = FORMATTERS["github"]().format(replace(r, conflicts=(no_pos,))).splitlines()[0]
    assert first.startswith("::error file=dir%2Cx/a%3Ab.txt,title=")


# --- JUnit -------------------------------------------------------------------------------------


def _suite(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "checker"
    return suite


def test_junit_counts_conflicts_as_failures_and_known_as_skipped(report: Report) -> None:
    based = with_baseline(report)
    text = FORMATTERS["junit"]().format(based)
    assert text == FORMATTERS["junit"]().format(based)
    suite = _suite(text)
    cases = suite.findall("testcase")
    in_conflict = {cc.source for c in report.conflicts for cc in c.claims}
    clean = [s for s in report.sources if s.id not in in_conflict]
    n = len(report.conflicts)
    assert suite.get("tests") == str(n + len(clean)) == str(len(cases))
    assert suite.get("failures") == str(n - 1)
    assert suite.get("skipped") == "1"
    assert cases[0].find("skipped").get("message") == "in baseline"
    for c, case in zip(report.conflicts[1:], cases[1:n], strict=True):
        assert case.get("classname") == f"checker.{c.rule}"
        assert case.get("name") == f"{c.id}: {c.subject}"
        failure = case.find("failure")
        assert failure.get("type") == c.severity.value
        for cc in c.claims:
            assert cc.source in failure.text and cc.text in failure.text
            assert f":{cc.line}:{cc.column}" in failure.text
    assert "stale baseline entry 0123456789ab" in suite.find("system-out").text


def test_junit_clean_run_has_one_passing_case_per_source(clean_report: Report) -> None:
    suite = _suite(FORMATTERS["junit"]().format(clean_report))
    cases = suite.findall("testcase")
    assert len(cases) == len(clean_report.sources) >= 2
    assert suite.get("failures") == "0" and suite.get("skipped") == "0"
    assert all(list(case) == [] and case.get("classname") == "checker.source" for case in cases)


def test_junit_strips_characters_xml_forbids() -> None:
    nasty = "Rescuers\x00 found\x07 14\x1b[31m\ufffe survivors\ud800.\tOK"
    r = make_report(text=nasty, message="14 vs 15\x0c", subject="surv\x01ivors")
    text = FORMATTERS["junit"]().format(r)
    suite = _suite(text)  # parses: nothing XML 1.0 forbids is left
    case = suite.find("testcase")
    assert case.get("name") == "c0ffee000001: survivors"
    failure = case.find("failure")
    assert failure.get("message") == "14 vs 15 (survivors)"
    assert "Rescuers found 14[31m survivors.\tOK" in failure.text


def test_junit_reference_sources_are_not_test_cases() -> None:
    r = make_report()
    r = replace(r, sources=(*r.sources[:2], replace(r.sources[2], reference=True)))
    cases = _suite(FORMATTERS["junit"]().format(r)).findall("testcase")
    assert [c.get("classname") for c in cases] == ["checker.NUM"]


# --- baseline and reference in md, html, json -----------------------------------------------------


def test_json_adds_baseline_and_known_only_with_a_baseline(report: Report) -> None:
    plain = report.to_dict()
    assert "baseline" not in plain and all("known" not in c for c in plain["conflicts"])
    assert all("reference" not in s for s in plain["sources"])
    for c in plain["conflicts"]:
        for cc in c["claims"]:
            assert cc["line"] > 0 and cc["column"] > 0 and cc["end_line"] >= cc["line"]
    doc = with_baseline(report).to_dict()
    assert [c["known"] for c in doc["conflicts"]] == [True] + [False] * (len(report.conflicts) - 1)
    assert doc["baseline"]["path"] == "checker-baseline.json"
    assert (doc["baseline"]["known"], doc["baseline"]["new"]) == (1, len(report.conflicts) - 1)
    assert [e["id"] for e in doc["baseline"]["stale"]] == [e.id for e in STALE]
    assert doc["baseline"]["stale"][0]["sources"] == ["a", "b"]


def test_md_and_html_mark_known_conflicts_stale_entries_and_reference_sources(
    report: Report,
) -> None:
    based = with_baseline(report)
    based = replace(based, sources=(replace(based.sources[0], reference=True), *based.sources[1:]))
    md = FORMATTERS["md"]().format(based)
    assert md.count("*(known: in the baseline)*") == 1
    assert "## Baseline" in md and "checker-baseline.json" in md
    assert "0123456789ab" in md and "ba5e11ne0002" in md
    assert f"`{based.sources[0].id}` (reference)" in md
    page = FORMATTERS["html"]().format(based)
    assert page.count('class="conflict known"') == 1
    assert "<h2>Baseline</h2>" in page and "0123456789ab" in page
    assert page.count('<span class="tag">reference</span>') == 1
    assert FORMATTERS["json"]().format(based).count('"reference": true') == 1
    plain_md = FORMATTERS["md"]().format(report)
    assert "known" not in plain_md and "## Baseline" not in plain_md


# --- CLI ---------------------------------------------------------------------------------------


@pytest.fixture()
def _loaded(embedder):
    """Share the session's loaded model with the CLI (same process-wide embedder)."""


@pytest.mark.usefixtures("_loaded")
def test_cli_writes_ci_formats_side_by_side(tmp_path: Path) -> None:
    out = tmp_path / "r"
    assert main(["audit", str(CONFLICTING), "--format", "sarif,github,junit", "-o", str(out)]) == 1
    validate_sarif((tmp_path / "r.sarif").read_text("utf-8"))
    github = (tmp_path / "r.github.txt").read_text("utf-8").splitlines()
    assert github[0].startswith("::") and github[-1].startswith("checker: ")
    _suite((tmp_path / "r.junit.xml").read_text("utf-8"))


@pytest.mark.usefixtures("_loaded")
def test_cli_github_to_stdout_and_bad_format_exit_codes(capsys) -> None:
    assert main(["audit", str(AGREEING), "--format", "github"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("checker: 0 new conflict(s)")
    # expect.json sits in the folder and is not an article: named, with its file
    assert out[:-1] == [
        f"::warning file={AGREEING.as_posix()}/expect.json,title=checker skipped a source::"
        f"{AGREEING.as_posix()}/expect.json: record lacks 'id' and 'text'; "
        'every record needs "id" and "text"'
    ]
    assert main(["audit", str(AGREEING), "--format", "sarif,xml"]) == 2
    err = capsys.readouterr().err
    assert "xml" in err and "junit" in err
