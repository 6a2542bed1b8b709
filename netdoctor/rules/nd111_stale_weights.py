"""ND111 stale-weights: a delta computed with weights already updated in this step."""

from __future__ import annotations

from netdoctor.bugs import Bug, Mutation
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "For code that updates its weights itself: reproduces your hidden gradients with a "
        "hidden delta computed from output weights already updated in the same step (by lr times "
        "the summed or the averaged gradient)."
    ),
    "why it breaks training": (
        "The hidden layer is updated for a network that no longer exists; with a large learning "
        "rate the two layers chase each other."
    ),
    "example": "self.W2 -= lr * dW2\ndZ1 = (dZ2 @ self.W2.T) * A1 * (1 - A1)",
    "use instead": "Compute every delta first, then update all the weights.",
    "references": "CS231n course notes, 'Neural Networks Part 3: gradient checks'.",
}
FIX = (
    "Compute every delta before updating any weight in the step (keep the old W2 for dZ1, then "
    "update)."
)


STALE = Bug(
    "ND111",
    "hidden",
    "stale-weights",
    "the hidden delta is computed with output weights already updated in this step",
)


def mutations(arch: Architecture) -> list[Mutation]:
    """The hidden delta computed after the output weights were updated (with any output
    mutation too: `mutants.py` pairs them)."""
    return [Mutation(STALE, stale=True)]


@rule(
    code="ND111",
    name="stale-weights",
    summary="a delta computed with weights already updated in this step",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    return mutant_findings(check, evidence)
