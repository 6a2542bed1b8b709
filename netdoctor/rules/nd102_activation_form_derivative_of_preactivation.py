"""ND102 activation-form-derivative-of-preactivation: a*(1-a) fed the pre-activation z."""

from __future__ import annotations

from netdoctor.bugs import Bug, Mutation, loss_factor
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "Reproduces your gradients with a derivative written for the activation, a * (1 - a), "
        "fed the pre-activation z instead."
    ),
    "why it breaks training": (
        "z * (1 - z) is negative for z > 1 and z < 0: the delta changes sign and the update "
        "pushes the weights the wrong way for most units."
    ),
    "example": "dZ1 = (dZ2 @ W2.T) * Z1 * (1 - Z1)",
    "use instead": "dZ1 = (dZ2 @ W2.T) * A1 * (1 - A1) with A1 = sigmoid(Z1).",
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = (
    "Feed the activation-form derivative the activation: a * (1 - a) with a = sigmoid(z), or "
    "write sigmoid(z) * (1 - sigmoid(z)) for z."
)


def mutations(arch: Architecture) -> list[Mutation]:
    """`a * (1 - a)` written for the activation, handed the pre-activation z."""
    found = [
        Mutation(
            Bug(
                "ND102",
                "output",
                "activation-form-of-preactivation",
                "the output delta multiplies by z * (1 - z): a derivative written for the "
                "activation, fed the pre-activation",
            ),
            output=lambda arch, z, a, y: loss_factor(arch) * (a - y) * z * (1.0 - z),
        )
    ]
    if arch.hidden_activation == "sigmoid":
        found.append(
            Mutation(
                Bug(
                    "ND102",
                    "hidden",
                    "activation-form-of-preactivation",
                    "the hidden delta multiplies by Z1 * (1 - Z1): the activation-form "
                    "derivative fed the pre-activation",
                ),
                hidden=lambda z, a: z * (1.0 - z),
            )
        )
    if arch.hidden_activation == "tanh":
        found.append(
            Mutation(
                Bug(
                    "ND102",
                    "hidden",
                    "tanh-activation-form-of-preactivation",
                    "the hidden delta multiplies by 1 - Z1^2: tanh's derivative written for the "
                    "activation (1 - A1^2), fed the pre-activation",
                ),
                hidden=lambda z, a: 1.0 - z * z,
            )
        )
    return found


@rule(
    code="ND102",
    name="activation-form-derivative-of-preactivation",
    summary="a*(1-a) fed the pre-activation z",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    return mutant_findings(check, evidence)
