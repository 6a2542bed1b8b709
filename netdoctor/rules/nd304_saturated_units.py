"""ND304 saturated-units: sigmoid/tanh units pinned at their rails."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule
from netdoctor.tolerances import SATURATED_LAYER

EXPLANATION = {
    "what it does": (
        "At the end of the recorded run, counts the sigmoid/tanh units whose slope is under 1e-4 "
        "of its maximum on 99 % of samples; warns when over half a layer is. (The threshold is "
        "looser than the 1e-7 of cloud debuggers: 1e-4 already means learning 10,000 times "
        "slower, which users see as 'stuck'.)"
    ),
    "why it breaks training": "A pinned unit passes almost no gradient to the layer below.",
    "example": "tanh(X @ W1) with weights in the hundreds",
    "use instead": "Scale the inputs, initialise with variance 1/n_in, lower the learning rate.",
    "references": (
        "Glorot and Bengio, 'Understanding the difficulty of training deep feedforward neural "
        "networks' (2010)."
    ),
}
FIX = (
    "Scale the inputs, initialise with variance 1/n_in, and use a smaller learning rate; "
    "consider ReLU or tanh."
)


@rule(
    code="ND304",
    name="saturated-units",
    summary="sigmoid/tanh units pinned at their rails",
    severity="warning",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    training = evidence.training
    if training is None or not training.recording.steps:
        return []
    last = training.recording.steps[-1]
    for layer, saturated in enumerate(last.saturated_fraction):
        if saturated > SATURATED_LAYER:
            return [
                check.finding(
                    f"{saturated:.0%} of hidden layer {layer + 1}'s units are saturated at the "
                    "end of training (slope under 1e-4 of its maximum on every sample): they "
                    "have stopped learning.",
                    {"layer": layer + 1, "saturated_fraction": saturated},
                )
            ]
    return []
