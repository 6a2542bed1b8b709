"""Assertions for test suites: fail with the diagnosis, worded like numpy.testing.

from netdoctor.testing import assert_gradients_correct, assert_no_findings

def test_backprop():
    assert_gradients_correct(backprop, {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, X, Y)

def test_my_file():
    assert_gradients_correct("mynet.py")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from netdoctor.report import Report

__all__ = ["assert_gradients_correct", "assert_no_findings", "failure_message"]


def assert_gradients_correct(
    subject: Callable[..., Any] | str | Path,
    parameters: dict[str, Any] | None = None,
    X: Any = None,
    Y: Any = None,
    *,
    allow: Iterable[str] = (),
    **options: Any,
) -> Report:
    """Fail unless netdoctor finds no error: `subject` is a gradient function or a file.

    For a function, pass its parameters by name and the data; options are those of
    `netdoctor.check_gradients` (forward=, loss=, learning_rate=, seed=). For a file, the
    options of `netdoctor.check` (gradients=, loss=, timeout=, ...). Returns the Report.
    """
    __tracebackhide__ = True
    import netdoctor

    if isinstance(subject, str | Path):
        report = netdoctor.check(subject, **options)
    else:
        if parameters is None or X is None or Y is None:
            raise TypeError("a function needs its parameters (a dict by name), X and Y")
        report = netdoctor.check_gradients(subject, parameters, X, Y, **options)
    assert_no_findings(report, allow=allow, severities=("error",))
    return report


def assert_no_findings(
    report: Report,
    allow: Iterable[str] = (),
    severities: Iterable[str] = ("error", "warning"),
) -> None:
    """Fail when the report has a finding of these severities whose code is not allowed,
    or when the file could not be checked."""
    __tracebackhide__ = True
    allowed = set(allow)
    wanted = set(severities)
    offending = [f for f in report.findings if f.severity in wanted and f.code not in allowed]
    if report.status != "checked" or offending:
        raise AssertionError(failure_message(report, offending))


def failure_message(report: Report, findings: list[Any] | None = None) -> str:
    """The assertion text: what is wrong (counts, worst entry), then each diagnosis."""
    if report.status != "checked":
        error = report.error or {}
        kind, message = error.get("kind"), error.get("message")
        return f"\nnetdoctor could not check {report.file} ({kind}):\n{message}"
    findings = report.findings if findings is None else findings
    checks = report.gradient_checks
    wrong = sorted({c.parameter for c in checks if c.verdict not in ("agrees", "uncheckable")})
    lines = ["", f"Gradients not correct: {report.file}", ""]
    if checks:
        lines.append(
            f"Mismatched parameters: {len(wrong)} / {len({c.parameter for c in checks})}"
            + (f" ({', '.join(wrong)})" if wrong else "")
        )
        worst = max(
            (c for c in checks if c.relative_error is not None),
            key=lambda c: c.relative_error or 0.0,
            default=None,
        )
        if worst is not None and worst.relative_error:
            where = f" at index {tuple(worst.worst_index)}" if worst.worst_index else ""
            scale = f", best scale {worst.scale:.4g}" if worst.scale is not None else ""
            lines.append(
                f"Max relative error: {worst.relative_error:.3g} in {worst.parameter}{where} "
                f"({worst.point}{scale})"
            )
        lines.append("")
    for finding in findings:
        where = ""
        if finding.location is not None and finding.location.line:
            source = f": {finding.location.source}" if finding.location.source else ""
            where = f" (line {finding.location.line}{source})"
        lines.append(f"{finding.severity} {finding.code} {finding.name}{where}")
        lines.append(f"  {finding.message}")
        lines.append(f"  fix: {finding.fix}")
    return "\n".join(lines)
