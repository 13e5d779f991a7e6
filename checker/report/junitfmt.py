"""JUnit XML, as GitLab, Jenkins and GitHub test reporters read it: a test case per conflict."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from checker.model import Conflict, Report
from checker.report.cicommon import rule_code, source_files, where

# Characters XML 1.0 cannot carry, even escaped (control characters, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text)


def _element(
    parent: ET.Element, tag: str, attrs: Mapping[str, str | int], text: str = ""
) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(str(v)) for k, v in attrs.items()})
    if text:
        el.text = xml_text(text)
    return el


def _details(c: Conflict, files: dict[str, str]) -> str:
    lines = [
        f"{c.severity.value} {c.type.value} conflict {c.id} (rule {rule_code(c)}, "
        f"score {c.score:.3f}): {c.message}",
        f"subject: {c.subject}",
    ]
    if c.majority is not None:
        lines.append(f"majority: {c.majority}; outlier(s): {', '.join(c.outliers)}")
    for cc in c.claims:
        said = f" ({cc.attribution})" if cc.attribution else ""
        lines.append(
            f"- {cc.source} at {where(cc, files.get(cc.source, ''))} "
            f'[{cc.start}:{cc.end}]{said}: "{cc.quote}" in: {cc.text}'
        )
    return "\n".join(lines) + "\n"


class JunitFormatter:
    name = "junit"
    suffix = ".junit.xml"

    def format(self, report: Report) -> str:
        files = source_files(report)
        in_conflict = {cc.source for c in report.conflicts for cc in c.claims}
        clean = [s for s in report.sources if not s.reference and s.id not in in_conflict]
        failures = sum(1 for c in report.conflicts if not c.known)
        skipped = len(report.conflicts) - failures
        counts = {
            "tests": len(report.conflicts) + len(clean),
            "failures": failures,
            "errors": 0,
            "skipped": skipped,
        }
        root = ET.Element("testsuites", {"name": "checker"})
        root.attrib.update({k: str(v) for k, v in counts.items()})
        suite = _element(root, "testsuite", {"name": "checker", **counts})
        for c in report.conflicts:
            attrs: dict[str, str | int] = {
                "classname": f"checker.{rule_code(c)}",
                "name": f"{c.id}: {c.subject}",
            }
            first = c.claims[0] if c.claims else None
            if first is not None and (file := files.get(first.source, "")):
                attrs["file"] = file
                if first.line:
                    attrs["line"] = first.line
            case = _element(suite, "testcase", attrs)
            if c.known:
                _element(case, "skipped", {"message": "in baseline"})
            else:
                message = f"{c.message} ({c.subject})" if c.subject else c.message
                failure = {"message": message, "type": c.severity.value}
                _element(case, "failure", failure, _details(c, files))
        for s in clean:
            attrs = {"classname": "checker.source", "name": s.id}
            if file := files.get(s.id, ""):
                attrs["file"] = file
            _element(suite, "testcase", attrs)
        notes = [f"skipped {s.path}: {s.reason}" for s in report.skipped]
        if report.baseline is not None:
            notes += [
                f"stale baseline entry {e.id} ({e.type}, {e.severity}): {e.message}"
                for e in report.baseline.stale
            ]
        if notes:
            _element(suite, "system-out", {}, "\n".join(notes) + "\n")
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
