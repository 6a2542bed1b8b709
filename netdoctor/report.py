"""The Report: everything one check of one file concluded, as plain data.

It is built in the child process that runs the user's code and travels to the parent as
JSON, so it holds only JSON-able values. Renderers read it; nothing here draws or prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from netdoctor.findings import Finding, sort_findings

Status = Literal["checked", "not-checked"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_NOT_CHECKED = 2


@dataclass
class GradientCheck:
    """The verdict on one parameter's gradient at one evaluation point."""

    parameter: str
    point: str  # "your parameters" or "a fresh random point"
    truth: str  # "reference" (exact analytic backprop) or "numeric" (finite differences)
    verdict: (
        str  # "agrees", "disagrees", "uncertain", "uncheckable", "missing", "shape", "not-finite"
    )
    relative_error: float | None
    scale: float | None  # best scalar c with user ~= c * truth
    shape: list[int] | None
    expected_shape: list[int]
    worst_index: list[int] | None = None
    user_norm: float | None = None
    truth_norm: float | None = None
    # "mean", "x0.5": the factor every gradient shares, when this one agrees up to it
    # (relative_error is then the error against that many times the truth)
    convention: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def shown_verdict(self) -> str:
        """The verdict as a table shows it: "agrees (x0.5, convention)"."""
        if self.convention is None:
            return self.verdict
        return f"{self.verdict} ({self.convention}, convention)"


@dataclass
class Report:
    """One file's check: findings first, and the evidence behind them."""

    file: str
    status: Status = "checked"
    findings: list[Finding] = field(default_factory=list)
    subject: dict[str, Any] = field(default_factory=dict)
    gradient_checks: list[GradientCheck] = field(default_factory=list)
    skipped_statements: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: dict[str, Any] | None = None
    version: str = ""
    plot_data: dict[str, Any] = field(default_factory=dict)  # numbers for the pictures
    training: dict[str, Any] = field(default_factory=dict)  # the recorded run and its replay
    isolation: str | None = None  # how the user's code ran (netdoctor/isolation.py)

    @property
    def exit_code(self) -> int:
        """0 when no finding is an error, 1 when one is, 2 when the file could not be checked."""
        if self.status != "checked":
            return EXIT_NOT_CHECKED
        if any(f.severity == "error" for f in self.findings):
            return EXIT_FINDINGS
        return EXIT_OK

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        return {
            "netdoctor": self.version,
            "file": self.file,
            "status": self.status,
            "exit_code": self.exit_code,
            "summary": self.counts(),
            "findings": [f.to_dict() for f in sort_findings(self.findings)],
            "subject": self.subject,
            "gradient_checks": [c.to_dict() for c in self.gradient_checks],
            "skipped_statements": self.skipped_statements,
            "notes": self.notes,
            "error": self.error,
            "training": self.training,
            "plot_data": self.plot_data,
            "isolation": self.isolation,
        }

    def _repr_html_(self) -> str:
        """Jupyter shows the HTML report, pictures included."""
        from netdoctor.render.documents import render_html

        return render_html(self)

    def _repr_markdown_(self) -> str:
        from netdoctor.render.documents import render_markdown

        return render_markdown(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=False, allow_nan=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        return cls(
            file=data["file"],
            status=data.get("status", "checked"),
            findings=[Finding.from_dict(f) for f in data.get("findings", [])],
            subject=dict(data.get("subject") or {}),
            gradient_checks=[GradientCheck(**c) for c in data.get("gradient_checks", [])],
            skipped_statements=list(data.get("skipped_statements") or []),
            notes=list(data.get("notes") or []),
            error=data.get("error"),
            version=data.get("netdoctor", ""),
            plot_data=dict(data.get("plot_data") or {}),
            training=dict(data.get("training") or {}),
            isolation=data.get("isolation"),
        )

    @classmethod
    def not_checked(cls, file: str, kind: str, message: str, **details: Any) -> Report:
        """A file that could not be checked: missing, unparsable, no network, timed out."""
        return cls(
            file=file, status="not-checked", error={"kind": kind, "message": message, **details}
        )
