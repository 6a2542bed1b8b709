"""ND204 unguarded-log: log of an output that reaches 0 or 1: inf/NaN loss."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Evaluates your loss function at outputs saturated to exactly 0 or 1 (logits of +-50); "
        "warns when it returns inf or NaN."
    ),
    "why it breaks training": (
        "log(0) = -inf: once training is confident the reported loss is inf or NaN, and any "
        "gradient taken from it is too."
    ),
    "example": "loss = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))",
    "use instead": (
        "np.mean(np.logaddexp(0, Z2) - Y * Z2) from the logits, or np.clip(A2, 1e-12, 1 - 1e-12) "
        "inside the logs."
    ),
    "references": "PyTorch docs, BCEWithLogitsLoss (the log-sum-exp trick).",
}
FIX = (
    "Compute BCE from the logits, np.logaddexp(0, z) - y * z, or clip the outputs: np.clip(A, "
    "1e-12, 1 - 1e-12) inside the log."
)


@rule(
    code="ND204",
    name="unguarded-log",
    summary="log of an output that reaches 0 or 1: inf/NaN loss",
    severity="warning",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    found = evidence.probes.unguarded_log
    if found is None:
        return []
    if found.function is not None:
        return [
            check.finding(
                f"your loss `{found.function}` is {found.value} once outputs saturate to "
                "exactly 0 or 1: log(0) in the cross-entropy.",
                {"loss": found.value, "function": found.function},
                line=found.line,
            )
        ]
    return [
        check.finding(
            f"your loss is {found.value} once an output saturates to exactly 0 or 1: log(0) in "
            "the cross-entropy. Training that reaches confident outputs then reports inf or NaN.",
            {"loss": found.value, "logit": found.logit},
            line=found.line,
        )
    ]
