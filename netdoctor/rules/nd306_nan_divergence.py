"""ND306 nan-divergence: loss or weights become NaN/inf at a named step."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Records the step at which the loss or the weights first become inf or NaN, then re-runs "
        "that step with numpy's errors raised to name the first operation that overflowed, "
        "divided by zero or produced NaN, with its line."
    ),
    "why it breaks training": "Once a weight is NaN every output and gradient is NaN.",
    "example": "d_out = (-(y / out) + (1 - y) / (1 - out)) * out * (1 - out)   # out == 1.0",
    "use instead": "dZ = A - Y, a stable sigmoid, and a smaller learning rate.",
    "references": "NumPy docs, 'numpy.errstate'.",
}
FIX = (
    "Compute the output delta as A - Y (no division by A or 1 - A), use a stable sigmoid, and "
    "lower the learning rate if the weights grow without bound."
)


@rule(
    code="ND306",
    name="nan-divergence",
    summary="loss or weights become NaN/inf at a named step",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    training = evidence.training
    if training is None or training.recording.first_non_finite_step is None:
        return []
    step = training.recording.first_non_finite_step
    operation = training.non_finite_operation
    if operation is None:
        return [check.finding(f"training produced inf or NaN at step {step}.", {"step": step})]
    line, text = operation
    return [
        check.finding(
            f"training produced inf or NaN at step {step}; the first operation to produce it "
            f"is line {line}: `{text}`.",
            {"step": step, "line": line},
            line=line,
        )
    ]
