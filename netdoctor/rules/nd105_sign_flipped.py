"""ND105 sign-flipped: gradient is minus the truth: training climbs the loss."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": "Fires when a gradient equals minus the true one (sum or mean).",
    "why it breaks training": (
        "W -= lr * dW with dW = -gradient climbs the loss: that parameter diverges."
    ),
    "example": "dW2 = -(A1.T @ dZ2)   # or dZ2 = Y - A2 with W -= lr * dW",
    "use instead": "Keep dZ2 = A2 - Y and subtract the gradient in the update.",
    "references": "CS231n course notes, 'Neural Networks Part 3: gradient checks'.",
}
FIX = (
    "Check the sign: with dZ = A - Y the update is W -= lr * dW; if you wrote dZ = Y - A, the "
    "update must add."
)


@rule(
    code="ND105",
    name="sign-flipped",
    summary="gradient is minus the truth: training climbs the loss",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    gradients = evidence.gradients
    return [
        check.finding(
            f"the gradient of {name} is minus the true gradient (residual {residual:.1e}): "
            "an update with it climbs the loss instead of descending it.",
            {"parameter": name, "residual": residual},
            location=gradients.location,
        )
        for name, residual in sorted(gradients.diagnosis.sign_flipped.items())
    ]
