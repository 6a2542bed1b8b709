"""ND113 linear-output-delta: output delta A-Y while the loss is squared error on a sigmoid."""

from __future__ import annotations

from netdoctor.bugs import Bug, Mutation
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "Reproduces your gradients with the output delta A - Y, while your loss is squared "
        "error (your loss function, or the loss your training loop computes) on a sigmoid "
        "output. A - Y is the derivative of squared error for a linear output, and the "
        "derivative of cross-entropy for a sigmoid one: with a sigmoid and squared error, "
        "the chain rule also multiplies by sigma'(Z) = A (1 - A)."
    ),
    "why it breaks training": (
        "Your network then descends cross-entropy, not the squared error you print: the "
        "loss you watch is not the one being minimised, and gradient checks against your "
        "own loss fail. It often still learns, which hides the mismatch."
    ),
    "example": "loss = np.mean((A2 - Y) ** 2)\ndZ2 = A2 - Y   # the sigmoid's A2 (1 - A2) left out",
    "use instead": (
        "dZ2 = (A2 - Y) * A2 * (1 - A2) for squared error; or, better for 0/1 targets, keep "
        "dZ2 = A2 - Y and compute the cross-entropy loss "
        "-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))."
    ),
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = (
    "Either train the loss you compute, squared error through the sigmoid: multiply the output "
    "delta by A * (1 - A), dZ2 = (A2 - Y) * A2 * (1 - A2); or keep dZ2 = A2 - Y, which is "
    "right for binary cross-entropy, and compute that loss: "
    "-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))."
)


def mutations(arch: Architecture) -> list[Mutation]:
    """A linear output's squared-error delta, A - Y, in a network with a sigmoid output."""
    if arch.loss != "mse":
        return []
    return [
        Mutation(
            Bug(
                "ND113",
                "output",
                "linear-output-delta",
                "the output delta is A - Y, a linear output's squared-error delta (or "
                "cross-entropy's), while the loss is squared error on a sigmoid output: "
                "the factor A * (1 - A) is missing",
            ),
            output=lambda arch, z, a, y: a - y,
        )
    ]


@rule(
    code="ND113",
    name="linear-output-delta",
    summary="output delta A-Y while the loss is squared error on a sigmoid output",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    return mutant_findings(check, evidence)
