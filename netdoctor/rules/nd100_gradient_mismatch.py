"""ND100 gradient-mismatch: a gradient disagrees with the truth and no known bug explains it."""

from __future__ import annotations

from netdoctor.evidence import USER_POINT, Evidence, ParameterVerdict
from netdoctor.findings import Finding, Location
from netdoctor.rules.nd103_unsimplified_bce_sigmoid import nan_is_unsimplified_bce
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Compares each gradient your code computes with the true gradient of the loss (exact "
        "analytic backprop when your forward pass matches a known architecture, finite "
        "differences otherwise), at your own parameters and at a fresh random point, and reports "
        "a parameter whose gradient disagrees when no more specific rule explains the "
        "difference."
    ),
    "why it breaks training": (
        "Gradient descent only decreases the loss if it follows the gradient. A wrong gradient "
        "makes training slow, stall at a plateau, or diverge; the loss curve rarely says why."
    ),
    "example": "dW1 = X.T @ (dZ2 @ W2.T)   # hidden derivative and a factor forgotten",
    "use instead": (
        "Derive each delta from the one after it: dZ2 = A2 - Y; dW2 = A1.T @ dZ2; dZ1 = (dZ2 @ "
        "W2.T) * act'(Z1); dW1 = X.T @ dZ1; biases sum the deltas over samples."
    ),
    "references": (
        "CS231n notes, 'Gradient checks' (relative error thresholds); Goodfellow et al., Deep "
        "Learning, section 6.5."
    ),
}
FIX = (
    "Re-derive this gradient from the delta of the layer after it; `netdoctor explain ND100` "
    "shows the standard formulas."
)


@rule(
    code="ND100",
    name="gradient-mismatch",
    summary="a gradient disagrees with the truth and no known bug explains it",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    """Per parameter: no gradient, NaN or inf, or a difference no known bug explains."""
    gradients = evidence.gradients
    location = gradients.location
    findings = []
    for verdict in gradients.verdicts:
        if verdict.kind == "missing" and verdict.name in dict(gradients.never_updated):
            continue  # a bias the step never updates: ND108
        if verdict.kind == "missing":
            findings.append(
                check.finding(
                    f"your code returns no gradient for {verdict.name}.",
                    {"parameter": verdict.name},
                    fix="Return a gradient for every parameter, with the parameter's shape.",
                    location=location,
                )
            )
        elif verdict.kind == "not-finite":
            if verdict.point == USER_POINT and nan_is_unsimplified_bce(evidence):
                continue  # ND103's doing, told there
            findings.append(
                check.finding(
                    f"the gradient of {verdict.name} contains NaN or inf at {verdict.point}, "
                    "where the true gradient is finite.",
                    {"parameter": verdict.name, "point": verdict.point},
                    fix="Look for a division by an output that reaches 0 or 1, or a log of 0; "
                    "for a sigmoid output with BCE use dZ = A - Y.",
                    location=location,
                )
            )
        elif verdict.kind == "disagrees":
            findings.append(_mismatch(verdict, location))
    return findings


def _mismatch(verdict: ParameterVerdict, location: Location | None) -> Finding:
    scale = verdict.scale
    return check.finding(
        f"the gradient of {verdict.name} disagrees with the true gradient: relative error "
        f"{verdict.relative_error:.2e} at {verdict.point}"
        + (f" (best fit: {scale:.3g} x the truth)" if scale is not None else "")
        + ".",
        {
            "parameter": verdict.name,
            "point": verdict.point,
            "relative_error": verdict.relative_error,
            "scale": scale,
            "worst_index": list(verdict.worst_index),
            "points": verdict.point_errors,
        },
        fix="Re-derive this gradient from the delta of the layer after it; "
        "`netdoctor explain ND100` shows the standard formulas.",
        location=location,
    )
