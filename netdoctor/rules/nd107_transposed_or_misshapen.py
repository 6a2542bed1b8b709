"""ND107 transposed-or-misshapen: gradient shape differs from its parameter's."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from netdoctor.bugs import Bug, Mutation
from netdoctor.evidence import Evidence, ParameterVerdict
from netdoctor.findings import Finding, Location
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

INNER_PRODUCT = (
    "the first layer's weight gradient is np.dot(x, delta) of two vectors: their inner "
    "product, one number, which the update then adds to every weight"
)
FIX_INNER_PRODUCT = (
    "Form the weight gradient as the outer product of the layer's input and its delta: "
    "np.outer(x, delta) (or x[:, None] * delta); np.dot of two 1-D vectors is one number."
)


def _inner_product(inputs: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """Per sample x . delta, summed over the samples, in every entry of an (n, h) matrix:
    what `W1 -= lr * np.dot(x, d_h)` does with 1-D vectors when n == h (XOR's 2-2-1)."""
    n, h = inputs.shape[1], delta.shape[1]
    if n != h:  # numpy raises for np.dot of vectors of different lengths
        return inputs.T @ delta
    return np.full((n, h), float(np.sum(inputs * delta)))


UNTRANSPOSED = (
    "the delta is sent back to a hidden layer through the square weight matrix after it "
    "itself, not its transpose (delta @ W where delta @ W.T belongs)"
)
FIX_UNTRANSPOSED = (
    "Send the delta back through the transpose of the weights after the layer: dZ1 = (dZ2 @ "
    "W2.T) * act'(Z1) (W2.T @ dZ2 with samples as columns). W2 is square, so numpy raised "
    "nothing."
)


def mutations(arch: Architecture) -> list[Mutation]:
    """The inner product for the first layer's weight gradient; and, in networks with
    several hidden layers, a delta sent back through a square weight matrix untransposed
    (the plan places it at each layer where the matrix is square)."""
    bug = Bug("ND107", "weights", "inner-product", INNER_PRODUCT)
    untransposed = Bug("ND107", "hidden", "untransposed-backprop", UNTRANSPOSED)
    return [
        Mutation(bug, first_weight=_inner_product),
        Mutation(untransposed, untransposed=True),
    ]


def _fix(bug: Bug) -> str:
    return FIX_UNTRANSPOSED if bug.key == "untransposed-backprop" else FIX_INNER_PRODUCT


EXPLANATION = {
    "what it does": (
        "Compares each gradient's shape with its parameter's. A transposed gradient or one of "
        "another shape is an error, and so is the transpose reshaped into the weight's shape "
        "(the reshape makes the update run); (h,) for a (1, h) bias, which updates correctly, "
        "is accepted."
    ),
    "why it breaks training": (
        "`W -= lr * dW` with dW transposed either fails or, for square matrices, silently "
        "updates the wrong entries; a (h, 1) bias gradient for a (1, h) bias broadcasts the bias "
        "to (h, h)."
    ),
    "example": "dW1 = dZ1.T @ X   # shape (h, d) for W1 of shape (d, h)",
    "use instead": "dW1 = X.T @ dZ1: the gradient of a parameter always has its shape.",
    "references": "NumPy broadcasting rules (numpy.org/doc/stable/user/basics.broadcasting).",
}
FIX = "Swap the operands of the matrix product: X.T @ dZ (inputs first), not dZ.T @ X."


@rule(
    code="ND107",
    name="transposed-or-misshapen",
    summary="gradient shape differs from its parameter's",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    gradients = evidence.gradients
    findings = [
        replace(f, evidence={**f.evidence, **_wrong(evidence)})
        if f.evidence.get("bug") == "inner-product"
        else f
        for f in mutant_findings(check, evidence, _fix)
    ]
    for verdict in gradients.verdicts:
        if verdict.kind == "shape":
            findings.append(_shape(verdict, gradients.location))
        elif verdict.kind in _TRANSPOSED:
            message, fix = _TRANSPOSED[verdict.kind]
            name, shape = verdict.name, verdict.expected_shape
            findings.append(
                check.finding(
                    message.format(name=name, shape=shape),
                    {"parameter": name, "shape": list(shape), "transposed": True},
                    fix=fix,
                    location=gradients.location,
                )
            )
    return findings


# A transposed gradient that has its weight's shape: (message, fix) by verdict kind
_TRANSPOSED = {
    "square-transposed": (
        "the gradient of {name} is the transpose of the true gradient. {name} is square "
        "{shape}, so the shapes agree and numpy raised nothing.",
        "Swap the operands of the matrix product: X.T @ dZ (inputs first), not dZ.T @ X.",
    ),
    "reshaped-transposed": (
        "the gradient of {name} holds the transpose of the true gradient, reshaped into "
        "{name}'s shape {shape}: the reshape made the update run, but every entry lands on "
        "another weight's place.",
        "Drop the reshape and swap the operands of the matrix product so that it has the "
        "weight's shape by itself: X.T @ dZ (inputs first), not dZ.T @ X.",
    ),
}


def _shape(verdict: ParameterVerdict, location: Location | None) -> Finding:
    claimed_shape = verdict.shape or ()
    shape = verdict.expected_shape
    transposed = len(claimed_shape) == 2 and claimed_shape == shape[::-1]
    what = "the transpose of" if transposed else "a different shape from"
    return check.finding(
        f"the gradient of {verdict.name} has shape {claimed_shape}, {what} the parameter's "
        f"{shape}.",
        {"parameter": verdict.name, "shape": list(claimed_shape), "expected_shape": list(shape)},
        fix=f"A gradient has its parameter's shape: for W of shape {shape} "
        + (
            "swap the operands of the matrix product (X.T @ dZ, not dZ.T @ X)."
            if transposed
            else "check which axes you multiply and sum over."
        ),
        location=location,
    )


def _wrong(evidence: Evidence) -> dict[str, str]:
    """The parameter the inner product spoils (the first layer's weights), whose line the
    finding is placed at."""
    wrong = [v.name for v in evidence.gradients.verdicts if v.kind in ("explained", "disagrees")]
    return {"parameter": wrong[0]} if wrong else {}
