"""ND106 scale: gradient is c times the truth (sum vs mean is a convention)."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Fits the best scalar c with your gradient = c x the summed true gradient. c = 1 (sum "
        "over samples) and c = 1/m (mean) are both conventions and are reported as info; the "
        "same network using sum for some parameters and mean for others is an error; any other c "
        "(2, 0.5, m) is an error."
    ),
    "why it breaks training": (
        "Different scales in different parameters are different learning rates per layer: one "
        "layer barely moves while another overshoots. A consistent mean only rescales the "
        "learning rate."
    ),
    "example": "dW2 = A1.T @ dZ2 / m   but   dW1 = X.T @ dZ1   # mean for one, sum for the other",
    "use instead": "Divide every gradient by m, or none of them; tune the learning rate to match.",
    "references": "CS231n notes, 'Gradient checks'; the classic exercise (summed gradients).",
}
FIX = "Divide every gradient by m, or none of them."


@rule(
    code="ND106",
    name="scale",
    summary="gradient is c times the truth (sum vs mean is a convention)",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    """A stray factor per parameter; then the reductions: all mean (info), or mixed."""
    gradients = evidence.gradients
    m, location = gradients.m, gradients.location
    findings = [
        check.finding(
            f"the gradient of {v.name} is {v.scale:.4g} times the true (summed) gradient, "
            f"which is neither the sum (1) nor the mean (1/{m}).",
            {"parameter": v.name, "scale": v.scale, "m": m},
            fix="Look for a stray factor (2, 0.5, m) in this gradient; every parameter should "
            "use the same reduction.",
            location=location,
        )
        for v in gradients.of_kind("scaled")
    ]
    reductions = gradients.reductions()
    kinds = set(reductions.values())
    if m <= 1 or not kinds:
        return findings
    if kinds == {"mean"}:
        findings.append(
            check.finding(
                f"your gradients are the mean over the {m} samples (1/m times the summed "
                "gradient). That is a convention, not a bug: the learning rate absorbs it.",
                {"reduction": "mean", "m": m},
                severity="info",
                fix="Nothing to fix. The classic exercise asks for summed gradients; divide by "
                "m in the update instead if you need to match it.",
                location=location,
            )
        )
    elif kinds == {"sum", "mean"}:
        means = sorted(n for n, k in reductions.items() if k == "mean")
        sums = sorted(n for n, k in reductions.items() if k == "sum")
        findings.append(
            check.finding(
                f"mixed reductions: {', '.join(means)} averaged over the {m} samples but "
                f"{', '.join(sums)} summed. Those parameters learn at rates {m}x apart.",
                {"mean": means, "sum": sums, "m": m},
                fix="Divide every gradient by m, or none of them.",
                location=location,
            )
        )
    return findings
