"""ND104 mse-delta-with-bce: output delta (A-Y)*sigma'(Z) while the loss is BCE."""

from __future__ import annotations

from netdoctor.bugs import Bug, Mutation
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "Reproduces your gradients with the output delta of squared error, (A - Y) * A * (1 - "
        "A), while your file computes a cross-entropy (a log of the outputs, the classic "
        "exercise's signature, or a BCE loss function). A file that names no loss is not "
        "accused: it is checked against squared error instead (ND203, info)."
    ),
    "why it breaks training": (
        "The extra A * (1 - A) vanishes when an output is confidently wrong, exactly when the "
        "cross-entropy gradient is largest: saturated mistakes stop learning."
    ),
    "example": "dZ2 = (A2 - Y) * A2 * (1 - A2)   # with loss = -mean(Y log A2 + ...)",
    "use instead": "dZ2 = A2 - Y.",
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = (
    "With binary cross-entropy and a sigmoid output, the output delta is dZ = A - Y; drop the A "
    "* (1 - A) factor (it belongs to squared error, and vanishes at saturation)."
)


def mutations(arch: Architecture) -> list[Mutation]:
    """The squared-error output delta, in a network whose loss is cross-entropy."""
    if arch.loss != "bce":
        return []
    return [
        Mutation(
            Bug(
                "ND104",
                "output",
                "mse-delta",
                "the output delta is (A - Y) * A * (1 - A), the squared-error delta, while "
                "the loss is binary cross-entropy",
            ),
            output=lambda arch, z, a, y: (a - y) * a * (1.0 - a),
        )
    ]


@rule(
    code="ND104",
    name="mse-delta-with-bce",
    summary="output delta (A-Y)*sigma'(Z) while the loss is BCE",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    return mutant_findings(check, evidence)
