"""ND310 unscaled-inputs: input features on scales that saturate the first layer."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule
from netdoctor.tolerances import UNSCALED_INPUT

EXPLANATION = {
    "what it does": (
        "Warns when an input feature exceeds 100 in magnitude (a threshold where pre-activations "
        "of unit-variance weights are already in the tens to hundreds)."
    ),
    "why it breaks training": (
        "sigmoid and tanh units saturate from the first step, their derivatives are ~0, and the "
        "first layer does not learn."
    ),
    "example": "X = np.array([[1200, 3], [850, 2], ...])   # square metres, rooms",
    "use instead": "X = (X - X.mean(axis=0)) / X.std(axis=0).",
    "references": "LeCun, Bottou, Orr, Muller, 'Efficient BackProp' (1998), section 4.3.",
}
FIX = "Standardise the inputs: X = (X - X.mean(axis=0)) / X.std(axis=0)."


@rule(
    code="ND310",
    name="unscaled-inputs",
    summary="input features on scales that saturate the first layer",
    severity="warning",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    largest = evidence.probes.inputs_largest
    if not largest > UNSCALED_INPUT:  # NaN inputs are ND311's
        return []
    return [
        check.finding(
            f"input features reach {largest:g}: with weights of ordinary size the first layer's "
            "pre-activations are in the hundreds from the first step, so sigmoid and tanh "
            "units saturate and learn nothing.",
            {"max_abs": largest, "threshold": UNSCALED_INPUT},
            line=evidence.probes.inputs_line,
        )
    ]
