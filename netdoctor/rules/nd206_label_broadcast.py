"""ND206 label-broadcast: labels of shape (m,) against outputs (m,1) broadcast to (m,m)."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Runs your code on your own labels; when labels of shape (m,) make it fail or give (m, "
        "m) arrays, while labels of shape (m, 1) work, it reports the broadcast."
    ),
    "why it breaks training": (
        "A2 - Y with A2 (m, 1) and Y (m,) is an (m, m) matrix: every output is compared with "
        "every label, the loss and gradients are averages over wrong pairs, and the outputs "
        "drift to the label mean (often 0.5)."
    ),
    "example": "y = np.array([0, 1, 1, 0])   # shape (4,), outputs have shape (4, 1)",
    "use instead": "y = np.array([[0], [1], [1], [0]]) or y.reshape(-1, 1).",
    "references": "NumPy docs, 'Broadcasting'.",
}
FIX = "Make the labels a column: y = y.reshape(-1, 1)."


@rule(
    code="ND206",
    name="label-broadcast",
    summary="labels of shape (m,) against outputs (m,1) broadcast to (m,m)",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    gradients = evidence.gradients
    if gradients.label_broadcasts:
        # the delta (`dZ2 = A2 - y`) the gradients are made of, before a printed loss
        line, text, left, right = next(
            (b for b in gradients.label_broadcasts if "log(" not in b[1]),
            gradients.label_broadcasts[0],
        )
        m = max(left[0], right[0])
        return [
            check.finding(
                f"`{text}` meets shapes {left} and {right}: the result has shape ({m}, {m}), "
                f"every one of the {m} outputs against every label, so what this line computes "
                "(a loss you print or stop on, a delta) is an average over wrong pairs.",
                {"line": line, "operation": text, "shapes": [list(left), list(right)]},
                line=line,
            )
        ]
    # A batch of (m,) labels failing where another batch works is a label broadcast; code
    # that runs one sample at a time fails on any batch, whatever the labels' shape.
    if not (gradients.data_failures and gradients.one_dimensional_labels) or gradients.per_sample:
        return []
    shape = gradients.labels_shape or ()
    return [
        check.finding(
            f"your labels have shape {shape}, and your code fails or misbehaves with them, "
            f"while labels of shape ({shape[0] if shape else 'm'}, 1) work: A - Y with A of "
            "shape (m, 1) and Y of shape (m,) broadcasts to (m, m). " + gradients.data_failures[0],
            {"labels_shape": list(shape), "failures": list(gradients.data_failures[:3])},
        )
    ]
