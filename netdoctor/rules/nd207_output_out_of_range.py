"""ND207 output-out-of-range: outputs outside (0,1) fed to BCE."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Fires when your forward pass returns values outside [0, 1] while the loss is binary "
        "cross-entropy."
    ),
    "why it breaks training": "log of a negative number or of a value above 1 is NaN.",
    "example": "A2 = A1 @ W2 + b2   # no sigmoid on the output",
    "use instead": "A2 = sigmoid(A1 @ W2 + b2).",
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = "Apply the sigmoid to the output layer: A2 = sigmoid(Z2)."


@rule(
    code="ND207",
    name="output-out-of-range",
    summary="outputs outside (0,1) fed to BCE",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    outputs = evidence.probes.outputs
    if outputs is None or evidence.gradients.loss.loss != "bce":
        return []
    if outputs.low >= 0 and outputs.high <= 1:
        return []
    return [
        check.finding(
            f"your forward pass returns values from {outputs.low:.3g} to {outputs.high:.3g}, "
            "outside (0, 1), and they are fed to binary cross-entropy, whose log needs "
            "probabilities.",
            {"min": outputs.low, "max": outputs.high},
            line=outputs.line,
        )
    ]
