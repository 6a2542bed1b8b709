"""Helpers several gradient rules share: the findings of a proved bug mutant."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import Rule

if TYPE_CHECKING:
    from netdoctor.bugs import Bug


def mutant_findings(
    rule: Rule, evidence: Evidence, fix: Callable[[Bug], str] | None = None
) -> list[Finding]:
    """One finding per bug of `rule`'s code in the mutant that reproduces the gradients.

    `fix` chooses the fix text for the bug found (where it sits, what the loss is), for
    rules whose one fixed text would send some users the wrong way; the rule's own fix
    otherwise.
    """
    gradients = evidence.gradients
    diagnosis = gradients.diagnosis
    if diagnosis.mutant is None:
        return []
    explained = sorted(diagnosis.explained)
    findings = []
    for bug in diagnosis.mutant.bugs:
        if bug.code != rule.code:
            continue
        others = [b.code for b in diagnosis.mutant.bugs if b is not bug]
        message = (
            f"{bug.description}. Your gradients of {', '.join(explained)} equal the "
            f"true ones with exactly this mistake put in (relative residual "
            f"{max(diagnosis.explained.values()):.1e}; against the truth "
            f"{max(diagnosis.truth_residuals.values()):.2g})"
            + (f", together with {', '.join(others)}." if others else ".")
        )
        findings.append(
            rule.finding(
                message,
                {
                    "bug": bug.key,
                    "place": bug.place,
                    "parameters": explained,
                    "mutant_residual": max(diagnosis.explained.values()),
                    "truth_residual": max(diagnosis.truth_residuals.values()),
                    "with": others,
                },
                severity=bug.severity,  # type: ignore[arg-type]
                fix=None if fix is None else fix(bug),
                location=gradients.location,
            )
        )
    return findings
