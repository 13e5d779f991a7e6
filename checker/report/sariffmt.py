"""SARIF 2.1.0 for code-scanning tools: one result per conflict, located at its first claim."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker.baseline import entry_to_dict
from checker.locate import file_path
from checker.model import Conflict, ConflictClaim, Report, Severity
from checker.report.cicommon import (
    RULE_DESCRIPTIONS,
    RULE_NAMES,
    display_file,
    json_value,
    known_position,
    rule_code,
    source_files,
    tool_version,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
FINGERPRINT = "checkerConflict/v1"
SRCROOT = "%SRCROOT%"
# Offsets into the text as read are file character offsets only where the text is the file.
_WHOLE_TEXT_FILES = (".txt", ".md")


def artifact_location(file: str) -> dict[str, Any]:
    """A relative path becomes a URI against %SRCROOT% (the directory the tool ran in)."""
    if Path(file).is_absolute():
        return {"uri": Path(file).as_uri()}
    return {"uri": quote(file), "uriBaseId": SRCROOT}


class SarifFormatter:
    name = "sarif"
    suffix = ".sarif"

    def format(self, report: Report) -> str:
        return json.dumps(report_to_sarif(report), ensure_ascii=False, indent=2) + "\n"


def report_to_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict; the same report gives the same document (no timestamps)."""
    files = source_files(report)
    exact = {
        s.id
        for s in report.sources
        if s.path
        and file_path(s.path) == s.path
        and Path(s.path).suffix.lower() in _WHOLE_TEXT_FILES
    }
    codes = {rule_code(c) for c in report.conflicts}
    rules = sorted(codes)
    index = {code: i for i, code in enumerate(rules)}

    results = []
    for c in report.conflicts:
        result = _result(c, files, exact, index)
        if report.baseline is not None:
            result["baselineState"] = "unchanged" if c.known else "new"
        results.append(result)

    notifications: list[dict[str, Any]] = []
    for s in sorted(report.skipped, key=lambda s: (s.path, s.reason)):
        note: dict[str, Any] = {
            "level": "warning",
            "message": {"text": f"skipped {s.path}: {s.reason}"},
        }
        if file := display_file(s.path):
            note["locations"] = [
                {"physicalLocation": {"artifactLocation": artifact_location(file)}}
            ]
        notifications.append(note)
    notifications += [
        {"level": "note", "message": {"text": f"{src.id}: {text}"}}
        for src in report.sources
        for text in src.notes
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "checker",
                "version": tool_version(),
                "rules": [_rule(code) for code in rules],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.baseline is not None:
        run["properties"] = {
            "baseline": {
                "path": report.baseline.path,
                "known": report.baseline.known,
                "new": report.baseline.new,
                "stale": len(report.baseline.stale),
            },
            # Not "absent" results: GitHub code scanning rejects a whole upload with any
            # result that has no location, and a conflict that is gone has none.
            "staleBaselineEntries": [entry_to_dict(e) for e in report.baseline.stale],
        }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(code: str) -> dict[str, Any]:
    text = RULE_DESCRIPTIONS.get(code, f"Conflicting claims found by the {code} rule.")
    rule: dict[str, Any] = {"id": code}
    if code in RULE_NAMES:
        rule["name"] = RULE_NAMES[code]
    rule["shortDescription"] = {"text": text}
    return rule


def _location(cc: ConflictClaim, file: str, exact: bool) -> dict[str, Any]:
    said = f"{cc.source}: {cc.quote}" + (f" ({cc.attribution})" if cc.attribution else "")
    if not file:
        return {
            "logicalLocations": [{"name": cc.source, "kind": "resource"}],
            "message": {"text": f"{said} — {cc.text}"},
        }
    physical: dict[str, Any] = {"artifactLocation": artifact_location(file)}
    if cc.line:
        region: dict[str, Any] = {_REGION[k]: v for k, v in known_position(cc)}
        if exact:
            region["charOffset"] = cc.start
            region["charLength"] = cc.end - cc.start
        region["snippet"] = {"text": cc.text}
        physical["region"] = region
        return {"physicalLocation": physical, "message": {"text": said}}
    return {"physicalLocation": physical, "message": {"text": f"{said} — {cc.text}"}}


def _result(
    c: Conflict, files: dict[str, str], exact: set[str], index: dict[str, int]
) -> dict[str, Any]:
    code = rule_code(c)
    locations = [_location(cc, files.get(cc.source, ""), cc.source in exact) for cc in c.claims]
    result: dict[str, Any] = {
        "ruleId": code,
        "ruleIndex": index[code],
        "level": LEVELS[c.severity],
        "message": {"text": f"{c.message} ({c.subject})" if c.subject else c.message},
        "locations": locations[:1],
    }
    if len(locations) > 1:
        result["relatedLocations"] = [{"id": i, **loc} for i, loc in enumerate(locations[1:], 1)]
    result["partialFingerprints"] = {FINGERPRINT: c.id}
    props: dict[str, Any] = {
        "type": c.type.value,
        "score": c.score,
        "severity": c.severity.value,
        "subject": c.subject,
        "values": [json_value(cc.value) for cc in c.claims],
        "sources": [cc.source for cc in c.claims],
    }
    if c.majority is not None:
        props["majority"] = json_value(c.majority)
        props["outliers"] = list(c.outliers)
    result["properties"] = props
    return result


_REGION = {
    "line": "startLine",
    "column": "startColumn",
    "end_line": "endLine",
    "end_column": "endColumn",
}
