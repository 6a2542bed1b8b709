"""ND112 mutates-arrays: a function changed arrays it was handed."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Gives your gradient function copies of the weights and compares them after the call. A "
        "gradient or forward function that changes the arrays it was handed is reported."
    ),
    "why it breaks training": (
        "The caller's weights change behind its back (often twice per step), and cached forward "
        "values overwritten in place (`a[a > 0] = 1`) corrupt every later use."
    ),
    "example": (
        "def relu_derivative(z):\n    z[z > 0] = 1   # overwrites the cached Z1\n    return z"
    ),
    "use instead": (
        "Return new arrays: `return (z > 0).astype(float)`; update weights only in the training "
        "step."
    ),
    "references": "NumPy docs, 'Copies and views'.",
}
FIX = (
    "Compute new arrays (`W1 - lr * dW1`, `(z > 0).astype(float)`) instead of modifying inputs "
    "in place inside the gradient computation."
)


@rule(
    code="ND112",
    name="mutates-arrays",
    summary="a function changed arrays it was handed",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    gradients = evidence.gradients
    if not gradients.mutated:
        return []
    mutated = list(gradients.mutated)
    return [
        check.finding(
            "computing the gradients changed the arrays it was handed: "
            + ", ".join(mutated)
            + ". Whatever reads them afterwards (your training loop's weights, a cached "
            "forward value, the next backward pass) sees the changed values.",
            {"mutated": mutated},
            fix="Compute new arrays (`W1 - lr * dW1`, `(z > 0).astype(float)`) instead of "
            "modifying inputs in place inside the gradient computation.",
            location=gradients.location,
        )
    ]
