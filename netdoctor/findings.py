"""Findings: what a rule concludes, in a form every renderer and the JSON contract share.

Findings are plain data (no arrays, no callables) so that they cross the process boundary
between the child that runs user code and the parent that renders the report.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Location:
    """A place in the user's file: where the wrong value is formed, or the function involved."""

    path: str
    line: int
    source: str | None = None
    # in a notebook: the cell (counted from the top, from 1) and the line within it
    cell: int | None = None
    cell_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        found = asdict(self)
        if self.cell is None:  # a script: no cell keys
            del found["cell"], found["cell_line"]
        return found

    @property
    def place(self) -> str:
        """`path:line`, and in a notebook the cell and its line as well."""
        where = f"{self.path}:{self.line}"
        return where if self.cell is None else f"{where} (cell {self.cell}, line {self.cell_line})"


@dataclass
class Finding:
    """One diagnosis: a rule's code, how bad it is, what it saw, and how to fix it."""

    code: str
    name: str
    severity: Severity
    message: str
    fix: str
    location: Location | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence,
            "fix": self.fix,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        location = data.get("location")
        return cls(
            code=data["code"],
            name=data["name"],
            severity=data["severity"],
            message=data["message"],
            fix=data.get("fix", ""),
            location=Location(**location) if location else None,
            evidence=dict(data.get("evidence") or {}),
        )


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; by code within a severity, stable otherwise."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code))


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy arrays and scalars
        return jsonable(value.tolist())
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value
