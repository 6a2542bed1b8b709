"""ND309 targets-out-of-range: targets the output activation cannot reach."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Fires when the targets fall outside [0, 1] while the output is a sigmoid: under binary "
        "cross-entropy, or under squared error when your forward pass is the reference "
        "network with its sigmoid output (labels of -1 and 1, or regression targets up to 10)."
    ),
    "why it breaks training": (
        "A sigmoid never reaches -1 or 10: the loss has no minimum there, the weights grow "
        "without bound and the outputs saturate."
    ),
    "example": "y = np.array([[-1], [1], [1], [-1]])",
    "use instead": "Labels in {0, 1} (y = (y + 1) / 2), or a linear output for regression.",
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = (
    "Use 0/1 labels for classification (map -1 to 0), or a linear output with squared error for "
    "regression; scale regression targets into [0, 1] otherwise."
)


@rule(
    code="ND309",
    name="targets-out-of-range",
    summary="targets the output activation cannot reach",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    targets = evidence.probes.targets
    bce = evidence.gradients.loss.loss == "bce"
    linear = evidence.gradients.loss.linear_output  # a regression's
    sigmoid_output = bce or (evidence.gradients.hidden is not None and not linear)
    if targets is None or not sigmoid_output:
        return []
    if not (targets.low < 0 or targets.high > 1):  # NaN targets are ND311's
        return []
    expects = (
        "binary cross-entropy expects labels in [0, 1]"
        if bce
        else "squared error pulls the outputs toward values they never reach"
    )
    return [
        check.finding(
            f"targets range from {targets.low:g} to {targets.high:g}, but a sigmoid output lives "
            f"in (0, 1) and {expects}.",
            {"min": targets.low, "max": targets.high},
            line=targets.line,
        )
    ]
