"""One line per finding, for editors, CI logs and GitHub: `--format concise` and `github`.

concise is ruff's concise format, `path:line:col: CODE message`, so editors' and CI's
problem matchers that read ruff or compiler output jump to the line. netdoctor knows the
line of a finding, not the column: the column is always 1. A finding without a line
(training findings concern the run, not one statement) is placed at line 1, as ruff
places a file-level diagnostic. Findings come in the text report's order: errors first.

github is GitHub Actions' workflow commands (`::error file=...,line=...::message`): the
runner turns each into an annotation on the file and line in the pull request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from netdoctor.findings import Finding, sort_findings

if TYPE_CHECKING:
    from netdoctor.report import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def concise_lines(report: Report) -> list[str]:
    """`path:line:1: NDxxx message` per finding; one `not checked` line for a file that
    could not be checked, at the line of the error when it has one."""
    if report.status != "checked":
        error = report.error or {}
        return [
            f"{report.file}:{error.get('line') or 1}:1: not checked "
            f"({error.get('kind', 'error')}): {_first_line(report)}"
        ]
    return [
        f"{_path(report, f)}:{_line(f)}:1: {f.code} {_one_line(f.message)}"
        for f in sort_findings(report.findings)
    ]


def github_lines(report: Report) -> list[str]:
    """One workflow command per finding: error, warning, or notice for info; the title is
    the code and the rule's name, the message the finding and its fix."""
    if report.status != "checked":
        error = report.error or {}
        properties = {"file": report.file}
        if error.get("line"):
            properties["line"] = str(error["line"])
        properties["title"] = f"not checked ({error.get('kind', 'error')})"
        return [_command("error", properties, _message(report))]
    return [
        _command(
            COMMANDS[f.severity],
            {"file": _path(report, f), "line": str(_line(f)), "title": f"{f.code} {f.name}"},
            f"{f.message}\nfix: {f.fix}",
        )
        for f in sort_findings(report.findings)
    ]


def summary_line(reports: Sequence[Report]) -> str:
    """The last line, as ruff ends: "All checks passed!" or what was found, by severity,
    and how many files could not be checked."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for report in reports:
        for severity, count in report.counts().items():
            counts[severity] += count
    total = sum(counts.values())
    unchecked = sum(1 for r in reports if r.status != "checked")
    if not total and not unchecked:
        return "All checks passed!"
    text = (
        "No findings."
        if not total
        else (
            f"Found {_plural(total, 'finding')} ({_plural(counts['error'], 'error')}, "
            f"{_plural(counts['warning'], 'warning')}, {counts['info']} info)."
        )
    )
    if unchecked:
        text += f" {_plural(unchecked, 'file')} not checked."
    return text


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also `:` and `,`, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, str], message: str) -> str:
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {joined}::{escape_data(message)}"


def _path(report: Report, finding: Finding) -> str:
    return finding.location.path if finding.location and finding.location.path else report.file


def _line(finding: Finding) -> int:
    return finding.location.line if finding.location and finding.location.line else 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _message(report: Report) -> str:
    """Why a file was not checked, without the path it starts with (the line has it)."""
    message = str((report.error or {}).get("message", "")).strip() or "not checked"
    return re.sub(rf"^{re.escape(report.file)}(:\d+)?: ", "", message)


def _first_line(report: Report) -> str:
    return _message(report).splitlines()[0]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
