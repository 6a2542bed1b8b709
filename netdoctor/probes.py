"""Stress probes: evaluate the user's code where training goes, not only where it starts.

Bugs such as the unsimplified BCE-sigmoid derivative (ND103) are exact at moderate
outputs and become inf/NaN once outputs saturate; an unguarded log (ND204) and a naive
`1 / (1 + exp(-z))` (ND205) fail the same way. Each probe builds a point of the user's
shapes whose output logits are large, runs the user's code there and reports what broke,
at the line the tracer saw break it. Data rules (ND201, ND207, ND309, ND310) live here too:
they need no gradients, only the network's shape and the data.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from netdoctor import reference
from netdoctor.discover.common import UserCodeError
from netdoctor.findings import Finding, new_finding
from netdoctor.floats import overflow_raises
from netdoctor.identify import LossChoice, architecture, canonical_params
from netdoctor.subject import ParameterValues, Subject
from netdoctor.trace import trace_call

SATURATED_LOGIT = 50.0  # sigmoid(50) is exactly 1.0 in float64
# Logits training does reach. exp(100) is fine in float64 (overflow starts at 709), so a
# float64 naive sigmoid is not flagged; in float32 exp overflows from 88.7 on.
EXTREME_LOGIT = 100.0
UNSCALED_INPUT = 100.0  # features beyond this saturate a first layer at ordinary init


def saturated_point(
    subject: Subject, start: ParameterValues, logit: float, hidden: str | None = None
) -> ParameterValues:
    """`start` with the last layer scaled so the largest output logit is |logit|.

    A negative `logit` flips the last layer too: the two signs saturate opposite samples.
    """
    weights, biases = subject.structure.canonical(start)
    passed = reference.forward(
        reference.Architecture(hidden or "sigmoid"), _params(weights, biases), subject.X
    )
    largest = float(np.max(np.abs(passed.pre_activations[-1]), initial=0.0))
    factor = logit / largest if largest > 1e-12 else logit  # the sign of logit flips the layer
    weights = [*weights[:-1], weights[-1] * factor]
    if biases[-1] is not None:
        biases = [*biases[:-1], biases[-1] * factor]
    return subject.cast_like_user(subject.structure.from_canonical(weights, biases))


def _params(weights: list[np.ndarray], biases: list[np.ndarray | None]) -> reference.DenseParams:
    return reference.DenseParams(weights=list(weights), biases=list(biases))


def _finding(
    code: str, severity: str, message: str, fix: str, line: int | None, evidence: dict[str, Any]
) -> Finding:
    return new_finding(code, severity, message, fix, evidence, line=line)


def _first_non_finite_line(subject: Subject, run: Any) -> int | None:
    try:
        with np.errstate(all="ignore"):
            trace = trace_call(run, subject.path)
    except Exception:
        return None
    for assignment in trace.assignments:
        if not np.all(np.isfinite(assignment.value)):
            return assignment.line
    return None


def unsimplified_bce(
    subject: Subject, start: ParameterValues, hidden: str | None, loss: LossChoice
) -> list[Finding]:
    """ND103: finite where outputs are moderate, inf/NaN where they saturate."""
    if loss.loss != "bce" or hidden is None:
        return []
    try:  # the point of ND103: finite at moderate outputs; NaN everywhere is another story
        moderate = subject.claimed(start).gradients
    except UserCodeError:
        return []
    if not all(np.all(np.isfinite(np.asarray(v, dtype=np.float64))) for v in moderate.values()):
        return []
    for sign in (1.0, -1.0):
        found = _unsimplified_at(
            subject, saturated_point(subject, start, sign * SATURATED_LOGIT), hidden, loss
        )
        if found:
            return found
    return []


def _unsimplified_at(
    subject: Subject, point: ParameterValues, hidden: str, loss: LossChoice
) -> list[Finding]:
    try:
        claimed = subject.claimed(point).gradients
    except UserCodeError:
        return []
    arch = architecture(hidden, loss, reduction="sum")
    truth = reference.backward(arch, canonical_params(subject, point), subject.X, subject.Y)
    if not all(np.all(np.isfinite(g)) for g in truth.weight_gradients):
        return []
    broken = sorted(
        name
        for name, value in claimed.items()
        if not np.all(np.isfinite(np.asarray(value, dtype=np.float64)))
    )
    if not broken:
        return []
    line = _first_non_finite_line(subject, lambda: subject.claimed(point))
    return [
        _finding(
            "ND103",
            "warning",
            "your gradients are right while outputs are moderate, but once an output "
            f"saturates (logit {SATURATED_LOGIT:g}, output exactly 0 or 1) the gradients of "
            f"{', '.join(broken)} become NaN or inf while the true ones are finite: the BCE "
            "derivative dL/dA = -(Y/A) + (1-Y)/(1-A) divides by zero before sigma'(Z) = 0 "
            "multiplies it.",
            "Compute the output delta directly: dZ = A - Y (it is the simplified product of "
            "dL/dA and sigma'(Z)), and never divide by A or 1 - A.",
            line,
            {"parameters": broken, "logit": SATURATED_LOGIT},
        )
    ]


def exp_overflow(subject: Subject, start: ParameterValues, hidden: str | None) -> list[Finding]:
    """ND205: a naive sigmoid overflowing in exp at large negative logits."""
    calls = [subject.claimed]
    if subject.forward is not None:
        calls.insert(0, subject.forward)  # type: ignore[arg-type]
    points = [saturated_point(subject, start, sign * EXTREME_LOGIT, hidden) for sign in (1.0, -1.0)]
    for call, point in ((c, p) for p in points for c in calls):
        try:
            with overflow_raises():
                call(point)
        except UserCodeError as error:
            if isinstance(error.error, FloatingPointError) and error.frames:
                line, function, text = error.frames[-1]
                if "exp" not in text:
                    return []
                return [
                    _finding(
                        "ND205",
                        "warning",
                        f"`{text.strip()}` in `{function}` overflows at an output logit of "
                        f"-{EXTREME_LOGIT:g}, which training reaches: exp overflows from 88.7 "
                        "on in float32 (709 in float64). The sigmoid is still 0 but numpy "
                        "warns, and any later inf - inf or 0 * inf becomes NaN.",
                        "Use a stable sigmoid: np.where(z >= 0, 1 / (1 + np.exp(-z)), "
                        "np.exp(z) / (1 + np.exp(z))), or scipy.special.expit.",
                        line,
                        {"function": function, "logit": EXTREME_LOGIT},
                    )
                ]
        except Exception:
            return []
    return []


def unguarded_log(subject: Subject, start: ParameterValues, hidden: str | None) -> list[Finding]:
    """ND204: the user's loss is inf/NaN once an output reaches 0 or 1."""
    if subject.loss is None:
        return _unguarded_output_loss(subject)
    value, point = 0.0, start
    for sign in (1.0, -1.0):
        point = saturated_point(subject, start, sign * SATURATED_LOGIT, hidden)
        try:
            value = subject.loss(point)
        except Exception:
            return []
        if not np.isfinite(value):
            break
    if np.isfinite(value):
        return []
    loss_function = next((f for f in subject.functions if f.role == "loss"), None)
    line = _first_non_finite_line(subject, lambda: subject.loss(point))  # type: ignore[misc]
    if line is None and loss_function is not None:
        line = loss_function.line
    return [
        _finding(
            "ND204",
            "warning",
            f"your loss is {value} once an output saturates to exactly 0 or 1: log(0) in the "
            "cross-entropy. Training that reaches confident outputs then reports inf or NaN.",
            "Compute BCE from the logits, np.logaddexp(0, z) - y * z, or clip the outputs: "
            "np.clip(A, 1e-12, 1 - 1e-12) inside the log.",
            line,
            {"loss": str(value), "logit": SATURATED_LOGIT},
        )
    ]


def _unguarded_output_loss(subject: Subject) -> list[Finding]:
    """The same for a loss(outputs, targets): hand it outputs of exactly 1 - Y."""
    if subject.output_loss is None:
        return []
    name, function = subject.output_loss
    Y = np.asarray(subject.Y, dtype=np.float64)
    for outputs, targets in ((1.0 - Y, Y), ((1.0 - Y).T, Y.T)):
        try:
            with np.errstate(all="ignore"):
                value = float(function(outputs.copy(), targets.copy()))
        except Exception:
            continue
        if np.isfinite(value):
            return []
        line = _first_non_finite_line(
            subject, lambda a=outputs, y=targets: function(a.copy(), y.copy())
        )
        return [
            _finding(
                "ND204",
                "warning",
                f"your loss `{name}` is {value} once outputs saturate to exactly 0 or 1: "
                "log(0) in the cross-entropy.",
                "Compute BCE from the logits, np.logaddexp(0, z) - y * z, or clip the outputs: "
                "np.clip(A, 1e-12, 1 - 1e-12) inside the log.",
                line,
                {"loss": str(value), "function": name},
            )
        ]
    return []


def structure_and_data(
    subject: Subject, loss: LossChoice, start: ParameterValues | None = None
) -> list[Finding]:
    """ND201 (no bias), ND207 (outputs outside (0, 1)), ND309 (targets), ND310 (input scale)."""
    findings: list[Finding] = []
    missing = [
        layer + 1
        for layer in range(subject.structure.n_layers)
        if not subject.structure.has_bias(layer)
    ]
    if missing:
        findings.append(
            _finding(
                "ND201",
                "warning",
                f"layer(s) {', '.join(map(str, missing))} have no bias: every unit's line passes "
                "through the origin, so the network's output at x = 0 is pinned (0.5 after a "
                "ReLU layer) and XOR cannot be fit.",
                "Add a bias per layer: Z = X @ W + b, with b of shape (1, units), and update it "
                "with db = dZ.sum(axis=0, keepdims=True).",
                subject.parameter_lines.get(subject.structure.weight_slot(missing[0] - 1).name),
                {"layers": missing},
            )
        )
    Y = np.asarray(subject.Y, dtype=np.float64)
    if loss.loss == "bce" and (Y.min() < 0 or Y.max() > 1):
        findings.append(
            _finding(
                "ND309",
                "error",
                f"targets range from {Y.min():g} to {Y.max():g}, but a sigmoid output lives in "
                "(0, 1) and binary cross-entropy expects labels in [0, 1].",
                "Use 0/1 labels for classification (map -1 to 0), or a linear output with "
                "squared error for regression; scale regression targets into [0, 1] otherwise.",
                subject.labels_line,
                {"min": float(Y.min()), "max": float(Y.max())},
            )
        )
    X = np.asarray(subject.X, dtype=np.float64)
    largest = float(np.max(np.abs(X), initial=0.0))
    if largest > UNSCALED_INPUT:
        findings.append(
            _finding(
                "ND310",
                "warning",
                f"input features reach {largest:g}: with weights of ordinary size the first "
                "layer's pre-activations are in the hundreds from the first step, so sigmoid "
                "and tanh units saturate and learn nothing.",
                "Standardise the inputs: X = (X - X.mean(axis=0)) / X.std(axis=0).",
                subject.inputs_line,
                {"max_abs": largest, "threshold": UNSCALED_INPUT},
            )
        )
    if subject.forward is not None and loss.loss == "bce":
        # The user's point, a fresh one, and one with output logits of +-5: an output
        # without its sigmoid leaves (0, 1) there even when small weights hide it.
        points = [subject.initial]
        if start is not None:
            points += [start, *(saturated_point(subject, start, 5.0 * sign) for sign in (1, -1))]
        try:
            output = np.concatenate(
                [np.asarray(subject.forward(p), dtype=np.float64).ravel() for p in points]
            )
        except Exception:
            output = None
        if output is not None and (output.min() < 0 or output.max() > 1):
            findings.append(
                _finding(
                    "ND207",
                    "error",
                    f"your forward pass returns values from {output.min():.3g} to "
                    f"{output.max():.3g}, outside (0, 1), and they are fed to binary "
                    "cross-entropy, whose log needs probabilities.",
                    "Apply the sigmoid to the output layer: A2 = sigmoid(Z2).",
                    next((f.line for f in subject.functions if f.role == "forward"), None),
                    {"min": float(output.min()), "max": float(output.max())},
                )
            )
    return findings
