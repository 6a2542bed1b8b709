"""SARIF 2.1.0, for code-scanning services: one run, rules from the catalogue, one result
per finding with its file and line. Files that could not be checked become tool
execution notifications, not results (they are not findings in the code)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from netdoctor.rules import all_rules
from netdoctor.version import __version__

if TYPE_CHECKING:
    from netdoctor.report import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(reports: Sequence[Report]) -> str:
    RULES = all_rules()
    codes = sorted(RULES)
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "fullDescription": {
                "text": RULES[code].explanation.get("what it does", RULES[code].summary)
            },
            "help": {"text": RULES[code].explanation.get("use instead", RULES[code].summary)},
        }
        for code in codes
    ]
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        if report.status != "checked":
            error = report.error or {}
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{report.file}: {error.get('message', 'not checked')}"},
                    "descriptor": {"id": str(error.get("kind", "not-checked"))},
                }
            )
            continue
        for finding in report.findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": report.file}}
            if finding.location is not None and finding.location.line:
                location["region"] = {"startLine": finding.location.line}
            results.append(
                {
                    "ruleId": finding.code,
                    "ruleIndex": codes.index(finding.code),
                    "level": LEVELS[finding.severity],
                    "message": {"text": f"{finding.message} Fix: {finding.fix}"},
                    "locations": [{"physicalLocation": location}],
                }
            )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "netdoctor",
                "version": __version__,
                "rules": rules,
            }
        },
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2)
