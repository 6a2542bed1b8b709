"""Causal chains between findings: a gradient bug -> an explosion -> dead units -> 0.5.

The training rules report what the run shows; this module links them to the gradient
findings that explain them. It reads findings (codes and their evidence), never message
text, and rebuilds a linked finding's sentence with the rule's own `message`.
"""

from __future__ import annotations

from dataclasses import replace

from netdoctor.findings import Finding
from netdoctor.rules import nd301_dead_relu, nd302_stuck_at_half


def link_causes(findings: list[Finding]) -> list[Finding]:
    findings = _broadcast_first(findings)
    gradient_causes = sorted(
        {
            f.code
            for f in findings
            if (
                f.code.startswith("ND1")
                or f.evidence.get("gradients")
                or f.evidence.get("explains")
            )
            and f.severity != "info"
        }
    )
    if gradient_causes:
        # The gradient bug makes the loss rise, not the learning rate.
        findings = [f for f in findings if not (f.code == "ND308" and _rise_explained(f))]
    if any(f.code == "ND308" for f in findings):
        # A plateau under a learning rate that is too large or too small is the rate's doing.
        findings = [f for f in findings if f.code != "ND303"]
    if any(f.code == "ND113" for f in findings):
        # ND203's advice ("for BCE use dZ = A - Y") is what the user already wrote; ND113
        # says both ways out.
        findings = [f for f in findings if f.code != "ND203"]
    if any(f.code == "ND311" for f in findings):
        findings = [_caused_by_data(f) if f.code == "ND306" else f for f in findings]
    if not gradient_causes:
        return findings
    linked = []
    for finding in findings:
        if finding.code == "ND301" and not finding.evidence.get("at_initialisation"):
            evidence = {**finding.evidence, "caused_by": gradient_causes}
            finding = replace(finding, message=nd301_dead_relu.message(evidence), evidence=evidence)
        elif finding.code == "ND302":
            chain = [*finding.evidence["caused_by"], f"caused by {' + '.join(gradient_causes)}"]
            evidence = {**finding.evidence, "caused_by": chain}
            finding = replace(
                finding, message=nd302_stuck_at_half.message(evidence), evidence=evidence
            )
        linked.append(finding)
    return linked


def _caused_by_data(finding: Finding) -> Finding:
    """NaN in training from NaN in the data: the data is the cause to fix."""
    return replace(
        finding,
        message=finding.message + " The data itself holds NaN or inf (ND311): fix that first.",
        evidence={**finding.evidence, "caused_by": ["ND311"]},
    )


def _rise_explained(finding: Finding) -> bool:
    return finding.evidence.get("kind") == "too large" and bool(
        finding.evidence.get("replay_descends")
    )


def _broadcast_first(findings: list[Finding]) -> list[Finding]:
    """Labels of shape (m,) meeting outputs (m, 1) in the step's delta (ND206 at that line)
    make every gradient built from it wrong, whatever else the code does: those findings
    are its consequences, named in its evidence, and one root cause is one finding. A
    broadcast only in a printed loss (`np.log(...)`) leaves the gradients their own."""
    broadcast = next(
        (
            f
            for f in findings
            if f.code == "ND206" and "log(" not in str(f.evidence.get("operation", "log("))
        ),
        None,
    )
    following = [f for f in findings if f.code.startswith("ND1") and f.severity == "error"]
    if broadcast is None or not following:
        return findings
    codes = sorted({f.code for f in following})
    evidence = {**broadcast.evidence, "explains": codes}
    message = (
        f"{broadcast.message} Every gradient made from it is wrong too ({', '.join(codes)} "
        "below it, not reported apart): fix this line first."
    )
    linked = replace(broadcast, message=message, evidence=evidence)
    return [linked if f is broadcast else f for f in findings if f not in following]
