"""JUnit XML: one test case per checked file, for CI systems and autograders.

A file with an error finding is a failure (message: the verdict; body: every finding with
its line); a file that could not be checked is an error; warnings and info pass.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from netdoctor.findings import Finding
from netdoctor.render.text import verdict_sentence

if TYPE_CHECKING:
    from netdoctor.report import Report


def render_junit(reports: Sequence[Report]) -> str:
    failures = sum(1 for r in reports if r.exit_code == 1)
    errors = sum(1 for r in reports if r.exit_code == 2)
    suites = ET.Element("testsuites", name="netdoctor")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="netdoctor check",
        tests=str(len(reports)),
        failures=str(failures),
        errors=str(errors),
        skipped="0",
    )
    for report in reports:
        case = ET.SubElement(suite, "testcase", classname="netdoctor", name=report.file)
        if report.exit_code == 2:
            error = report.error or {}
            node = ET.SubElement(
                case,
                "error",
                type=str(error.get("kind", "not-checked")),
                message=verdict_sentence(report),
            )
            node.text = str(error.get("message", ""))
        elif report.exit_code == 1:
            node = ET.SubElement(
                case, "failure", type="netdoctor", message=verdict_sentence(report)
            )
            node.text = "\n".join(_finding_line(report, f) for f in report.findings)
        if report.findings and report.exit_code != 1:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_finding_line(report, f) for f in report.findings)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _finding_line(report: Report, finding: Finding) -> str:
    where = f"{report.file}:{finding.location.line}" if finding.location else report.file
    return (
        f"{where}: {finding.severity} {finding.code} {finding.name}: {finding.message} "
        f"Fix: {finding.fix}"
    )
