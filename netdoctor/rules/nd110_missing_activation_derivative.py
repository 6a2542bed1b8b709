"""ND110 missing-activation-derivative: the hidden delta lacks the activation's derivative."""

from __future__ import annotations

import numpy as np

from netdoctor.bugs import Bug, Mutation
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "Reproduces your hidden gradients with the activation's derivative left out of the "
        "hidden delta."
    ),
    "why it breaks training": (
        "The first layer learns as if the hidden layer were linear: dead ReLUs keep receiving "
        "updates, saturated units are pushed further, and the network cannot fit anything a "
        "linear model cannot."
    ),
    "example": "dZ1 = dZ2 @ W2.T",
    "use instead": "dZ1 = (dZ2 @ W2.T) * act'(Z1).",
    "references": "CS231n course notes, 'Neural Networks Part 3: gradient checks'.",
}
FIX = (
    "Multiply the back-propagated error by the hidden activation's derivative: dZ1 = (dZ2 @ "
    "W2.T) * act'(Z1)."
)


def mutations(arch: Architecture) -> list[Mutation]:
    """The hidden delta without the activation's derivative (preferred over a ReLU-form
    derivative on sigmoid activations, which gives the same ones)."""
    return [
        Mutation(
            Bug(
                "ND110",
                "hidden",
                "missing-derivative",
                f"the hidden delta lacks the {arch.hidden_activation} derivative",
            ),
            hidden=lambda z, a: np.ones_like(z),
            preferred=True,
        )
    ]


@rule(
    code="ND110",
    name="missing-activation-derivative",
    summary="the hidden delta lacks the activation's derivative",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    return mutant_findings(check, evidence)
