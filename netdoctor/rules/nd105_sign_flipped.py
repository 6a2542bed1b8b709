"""ND105 sign-flipped: gradient is minus the truth: training climbs the loss."""

from __future__ import annotations

from netdoctor import reference
from netdoctor.bugs import Bug, Mutation
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "Reproduces your gradients with the reference backprop whose output delta, or one "
        "hidden layer's delta, has its sign flipped (one finding, at the line that flips it); "
        "otherwise fires for each gradient that equals minus the true one (sum or mean)."
    ),
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


def mutations(arch: Architecture) -> list[Mutation]:
    """The output delta negated (dZ2 = Y - A2 with W -= lr * dW), or a hidden delta."""
    return [
        Mutation(
            Bug(
                "ND105",
                "output",
                "sign-flipped-output-delta",
                "the output delta has its sign flipped (Y - A where A - Y belongs, with the "
                "update subtracting): every gradient points uphill",
            ),
            output=lambda arch, z, a, y: -reference.output_delta(arch, z, a, y),
        ),
        Mutation(
            Bug(
                "ND105",
                "hidden",
                "sign-flipped-hidden-delta",
                "the hidden delta has its sign flipped: the hidden layer's gradients point uphill",
            ),
            hidden=lambda z, a: -reference.hidden_slope(arch, z),
        ),
    ]


@rule(
    code="ND105",
    name="sign-flipped",
    summary="gradient is minus the truth: training climbs the loss",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    gradients = evidence.gradients
    return mutant_findings(check, evidence) + [
        check.finding(
            f"the gradient of {name} is minus the true gradient (residual {residual:.1e}): "
            "an update with it climbs the loss instead of descending it.",
            {"parameter": name, "residual": residual},
            location=gradients.location,
        )
        for name, residual in sorted(gradients.diagnosis.sign_flipped.items())
    ]
