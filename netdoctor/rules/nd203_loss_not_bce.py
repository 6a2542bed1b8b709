"""ND203 loss-not-bce: the loss differs from BCE (sign, missing term, reduction)."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Reports which loss the gradients were checked against when it is not BCE: your own loss "
        "function when it is squared error, or, when the file names no loss and its gradients "
        "are exactly those of squared error, MSE (as info, not a bug)."
    ),
    "why it breaks training": (
        "Squared error on a sigmoid output has gradients that vanish when the output saturates "
        "on the wrong side, so learning is slow from confident mistakes; BCE with dZ = A - Y "
        "does not."
    ),
    "example": "d_output = 2 * (y - output) * sigmoid_derivative(output)",
    "use instead": "For 0/1 targets, BCE: dZ2 = A2 - Y.",
    "references": "Nielsen, Neural Networks and Deep Learning, chapter 3 (cross-entropy).",
}
FIX = "If you meant BCE, use the output delta dZ2 = A2 - Y; pass --loss bce to check against BCE."


@rule(
    code="ND203",
    name="loss-not-bce",
    summary="the loss differs from BCE (sign, missing term, reduction)",
    severity="info",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    loss = evidence.gradients.loss
    if loss.loss != "mse":
        return []
    advice = ". For 0/1 targets binary cross-entropy (dZ = A - Y) learns faster from "
    advice += "confident mistakes"
    if loss.linear_output:  # a regression: no labels to speak of
        advice = "" if "linear" in loss.source else "; the output unit is linear (a regression)"
    return [
        check.finding(
            f"checked against {loss.describe()}: {loss.source}{advice}.",
            {"loss": loss.describe(), "source": loss.source},
            fix="If you meant BCE, use the output delta dZ2 = A2 - Y; pass --loss bce to check "
            "against BCE.",
        )
    ]
