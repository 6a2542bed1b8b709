"""ND202 double-activation-forward: an activation applied twice in the forward pass."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Compares your forward pass with reference networks in which one activation is applied "
        "twice (sigmoid(sigmoid(z)) at the output, act(act(z)) in a hidden layer); fires when "
        "one of them reproduces your outputs."
    ),
    "why it breaks training": (
        "sigmoid(sigmoid(z)) only spans (0.5, 0.73): labels of 0 are out of reach and the loss "
        "cannot fall below a floor. A doubled hidden activation changes the layer's range and "
        "its derivative no longer matches."
    ),
    "example": "A2 = sigmoid(sigmoid(Z2))   # or: A2 = sigmoid(Z2); output = sigmoid(A2)",
    "use instead": "A2 = sigmoid(Z2), and use A2 as the output.",
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = (
    "Apply {activation} once: compute the activation from z, and do not pass an already "
    "activated value through it again."
)


@rule(
    code="ND202",
    name="double-activation-forward",
    summary="an activation applied twice in the forward pass",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    found = evidence.probes.double_activation
    if found is None:
        return []
    where = "output" if found.place == "output" else "hidden layer"
    activation = found.activation
    return [
        check.finding(
            f"your forward pass applies {activation} twice to the {where}: it equals the "
            f"reference network with {activation}({activation}(z)) there. "
            + (
                "The outputs can only range over (0.5, 0.73), so a 0 label is never reached."
                if found.place == "output"
                else "The layer's range and slope are not what its derivative assumes."
            ),
            {"place": found.place, "activation": activation},
            fix=FIX.format(activation=activation),
            line=found.line,
        )
    ]
