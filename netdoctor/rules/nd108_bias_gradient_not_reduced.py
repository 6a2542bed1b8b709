"""ND108 bias-gradient-not-reduced: a bias gradient not summed over samples, or missing."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Fires when a bias gradient has one row per sample and its sum over the samples is the "
        "true gradient, or when an in-place bias update crashes on your own batch because of "
        "such a gradient."
    ),
    "why it breaks training": (
        "b -= lr * dZ broadcasts the bias to shape (m, n): each sample gets its own bias, the "
        "network no longer has the shape it had, and new data of another size fails."
    ),
    "example": "db1 = dZ1",
    "use instead": "db1 = np.sum(dZ1, axis=0, keepdims=True).",
    "references": "CS231n course notes, 'Neural Networks Part 3: gradient checks'.",
}
FIX = "Sum the delta over the samples: db = np.sum(dZ, axis=0, keepdims=True)."


@rule(
    code="ND108",
    name="bias-gradient-not-reduced",
    summary="a bias gradient not summed over samples, or missing",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    """Seen in the gradients (one row per sample), or as the in-place update that fails."""
    gradients = evidence.gradients
    m = gradients.m
    findings = [
        check.finding(
            f"the gradient of {v.name} has shape {v.shape}, one row per sample: the bias "
            f"gradient was not summed over the {m} samples (its sum over them is right). "
            f"An update with it broadcasts {v.name} to shape {v.shape}.",
            {
                "parameter": v.name,
                "shape": list(v.shape or ()),
                "expected_shape": list(v.expected_shape),
            },
            fix=f"Sum the delta over the samples: d{v.name} = np.sum(dZ, axis={v.summed_axis}, "
            "keepdims=True).",
        )
        for v in gradients.of_kind("not-reduced")
    ]
    findings += [
        check.finding(
            f"the gradient of {v.name} has one entry per sample (shape {v.shape}), each the "
            "sum of that sample's deltas: the bias gradient was summed over the units instead "
            f"of over the {m} samples.",
            {
                "parameter": v.name,
                "shape": list(v.shape or ()),
                "expected_shape": list(v.expected_shape),
                "summed_over": "units",
            },
            fix="Sum the delta over the samples, the axis that runs over them: "
            "np.sum(dZ, axis=0, keepdims=True) in row layout (X of shape (m, features)), "
            "axis=1 in column layout.",
        )
        for v in gradients.of_kind("wrong-axis")
    ]
    findings += [
        check.finding(
            f"every unit of {v.name} gets one and the same gradient: the deltas were summed "
            "over the samples and the units together (`np.sum(dZ)` with no axis), so each "
            "unit's bias moves by the whole layer's error, not by its own.",
            {
                "parameter": v.name,
                "shape": list(v.shape or ()),
                "expected_shape": list(v.expected_shape),
                "summed_over": "samples and units",
            },
            fix="Sum over the samples only: np.sum(dZ, axis=0, keepdims=True) in row layout "
            "(X of shape (m, features)), axis=1 in column layout.",
        )
        for v in gradients.of_kind("summed-all")
    ]
    findings += [
        check.finding(
            f"the gradient of {v.name} is one sample's delta: the bias gradient was taken "
            f"from a single row of the layer's delta (`dZ[0]`), or set anew for each sample "
            f"(`db = delta` where `db += delta` belongs), instead of summed over the {m} "
            "samples.",
            {
                "parameter": v.name,
                "shape": list(v.shape or ()),
                "expected_shape": list(v.expected_shape),
                "summed_over": "one sample",
            },
            fix="Sum the delta over the samples: np.sum(dZ, axis=0) in row layout (X of shape "
            "(m, features)), axis=1 in column layout.",
        )
        for v in gradients.of_kind("one-sample")
    ]
    findings += [
        check.finding(
            f"the gradient of {v.name} is all zeros: the bias gradient is missing (zeros "
            "stand where the layer's delta summed over the samples belongs), so the step "
            "never moves it and the layer learns without a bias.",
            {"parameter": v.name, "shape": list(v.shape or ()), "missing": True},
            fix="Compute it from the layer's delta: db = dZ.sum(axis=0) (row layout; axis=1 "
            "with samples as columns), or in the course's layout the first column of "
            "Delta / m, not zeros.",
        )
        for v in gradients.of_kind("zero-bias")
    ]
    findings += [
        check.finding(
            f"your step never updates {name}: the forward pass uses it (the step's result "
            "changes with it), but its gradient is never applied, so it keeps its initial "
            "value and the layer learns without a bias.",
            {"parameter": name, "never_updated": True},
            fix=f"Compute its gradient with the other biases' and update it: {name} -= lr * "
            "dZ.sum(axis=0, keepdims=True) (the delta of its layer).",
            line=line,
        )
        for name, line in gradients.never_updated
    ]
    crash = gradients.bias_update_crash
    if findings or crash is None or not gradients.data_failures:
        return findings
    if gradients.one_dimensional_labels:
        return []  # the labels' shape is the story (ND206)
    if gradients.per_sample and not gradients.own_run_raised:
        # checked one sample at a time, as the code is written (`np.array(inputs_list,
        # ndmin=2).T`), its gradients right: one sample's delta is its sum. Only a batch,
        # which nothing in the file hands it (its own run did not fail), would fail: a
        # warning, not a bug.
        return [
            check.finding(
                f"your code takes one sample per call, and its gradients are right that way; "
                f"handed a batch, `{crash.text}` would fail (non-broadcastable output "
                f"operand): the gradient of {crash.parameter} is not summed over samples.",
                {"parameter": crash.parameter, "line": crash.line, "per_sample": True},
                severity="warning",
                fix="Only for batches: sum the delta over the samples, "
                "db = np.sum(dZ, axis=0, keepdims=True) (axis=1 with samples as columns).",
                line=crash.line,
            )
        ]
    return [
        check.finding(
            f"`{crash.text}` fails on a batch of samples (non-broadcastable output operand): "
            f"the gradient of {crash.parameter} has one row per sample instead of being summed "
            "over them. Your code only runs one sample at a time.",
            {"parameter": crash.parameter, "line": crash.line},
            fix="Sum the delta over the samples: db = np.sum(dZ, axis=0, keepdims=True).",
            line=crash.line,
        )
    ]
