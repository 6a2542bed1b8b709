"""ND309 targets-out-of-range: targets the output activation cannot reach."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Fires when the targets fall outside [0, 1] while the loss is binary cross-entropy "
        "(labels of -1 and 1, or regression targets up to 10)."
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
    if targets is None or evidence.gradients.loss.loss != "bce":
        return []
    if targets.low >= 0 and targets.high <= 1:
        return []
    return [
        check.finding(
            f"targets range from {targets.low:g} to {targets.high:g}, but a sigmoid output lives "
            "in (0, 1) and binary cross-entropy expects labels in [0, 1].",
            {"min": targets.low, "max": targets.high},
            line=targets.line,
        )
    ]
