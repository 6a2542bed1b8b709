"""ND201 no-bias: a layer has no bias: f(0) is pinned, XOR cannot be fit."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": "Warns when a layer has no bias term.",
    "why it breaks training": (
        "Every unit's boundary passes through the origin: the output for x = 0 is fixed "
        "(sigmoid(0) = 0.5 after a ReLU layer) and XOR is out of reach."
    ),
    "example": "A1 = relu(X @ W1)\nA2 = sigmoid(A1 @ W2)",
    "use instead": "A1 = relu(X @ W1 + b1); A2 = sigmoid(A1 @ W2 + b2).",
    "references": "Goodfellow, Bengio, Courville, Deep Learning, section 6.1 (XOR).",
}
FIX = (
    "Add a bias per layer: Z = X @ W + b, with b of shape (1, units), and update it with db = "
    "dZ.sum(axis=0, keepdims=True)."
)


@rule(
    code="ND201",
    name="no-bias",
    summary="a layer has no bias: f(0) is pinned, XOR cannot be fit",
    severity="warning",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    layers = evidence.probes.layers_without_bias
    if not layers:
        return []
    named = ", ".join(map(str, layers))
    if 1 in layers:
        consequence = (
            "every unit's line passes through the origin, so the network's output at x = 0 "
            "is pinned (0.5 after a ReLU layer) and XOR cannot be fit."
        )
    else:  # the first layer has its bias (maybe a constant input): the offset can be learnt
        consequence = (
            "their units' lines pass through the origin of the layer before, so the offset "
            "must be learnt by saturating hidden units, which is slower and less exact."
        )
    return [
        check.finding(
            f"layer(s) {named} have no bias: {consequence}",
            {"layers": list(layers)},
            line=evidence.probes.no_bias_line,
        )
    ]
