"""Stress probes: evaluate the user's code where training goes, not only where it starts.

Bugs such as the unsimplified BCE-sigmoid derivative (ND103) are exact at moderate
outputs and become inf/NaN once outputs saturate; an unguarded log (ND204) and a naive
`1 / (1 + exp(-z))` (ND205) fail the same way. Each probe builds a point of the user's
shapes whose output logits are large, runs the user's code there and reports what broke,
at the line the tracer saw break it. Data rules (ND201, ND207, ND309, ND310) live here too:
they need no gradients, only the network's shape and the data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import numpy as np

from netdoctor import naming, reference
from netdoctor.activations import activate
from netdoctor.discover.common import UserCodeError
from netdoctor.evidence import (
    DoubleActivation,
    ExpOverflow,
    ProbeEvidence,
    UnguardedLog,
    Unsimplified,
    ValueRange,
)
from netdoctor.floats import overflow_raises
from netdoctor.identify import (
    LossChoice,
    architecture,
    canonical_params,
    double_activation,
    doubled_forward,
)
from netdoctor.squashed_loss import squashed_before_the_loss
from netdoctor.subject import ParameterValues, Subject
from netdoctor.tolerances import EXTREME_LOGIT, SATURATED_LOGIT
from netdoctor.trace import Trace, first_line_building, first_non_finite


def saturated_point(
    subject: Subject, start: ParameterValues, logit: float, hidden: str | None = None
) -> ParameterValues:
    """`start` with the last layer scaled so the largest output logit is |logit|.

    A negative `logit` flips the last layer too: the two signs saturate opposite samples.
    """
    weights, biases = subject.structure.canonical(start)
    largest = _largest_output_logit(subject, weights, biases, hidden)
    factor = logit / largest if largest > 1e-12 else logit  # the sign of logit flips the layer
    weights = [*weights[:-1], weights[-1] * factor]
    if biases[-1] is not None:
        biases = [*biases[:-1], biases[-1] * factor]
    return subject.cast_like_user(subject.structure.from_canonical(weights, biases))


# The largest output logit at a point, by (subject, hidden activation, the point's bytes):
# every probe scales the same fresh point, and each scaling needed a full reference forward
# pass (at 784-512-1, m = 10,000, about a second each) for this one number. Keyed by the
# values themselves, so a point the user's code changed in place is measured again.
_LARGEST: dict[tuple[int, str | None, bytes], float] = {}


def _largest_output_logit(
    subject: Subject, weights: list[np.ndarray], biases: list[np.ndarray | None], hidden: str | None
) -> float:
    digest = hashlib.blake2b(digest_size=16)
    for array in (*weights, *biases):
        if array is not None:
            value = np.ascontiguousarray(array, dtype=np.float64)
            digest.update(str(value.shape).encode())
            digest.update(value.tobytes())
    key = (id(subject), hidden, digest.digest())
    if key not in _LARGEST:
        arch = architecture(hidden or "sigmoid")  # `leaky_relu(0.1)`: the slope is the arch's
        passed = reference.forward(arch, _params(weights, biases), subject.X)
        _LARGEST[key] = float(np.max(np.abs(passed.pre_activations[-1]), initial=0.0))
    return _LARGEST[key]


def _params(weights: list[np.ndarray], biases: list[np.ndarray | None]) -> reference.DenseParams:
    return reference.DenseParams(weights=list(weights), biases=list(biases))


def first_non_finite_line(
    subject: Subject, role: str, args: tuple[Any, ...], gradients_only: bool = False
) -> int | None:
    """The line where NaN or inf starts when the user's `role` callable (`Subject.traced`)
    runs on `args`. With `gradients_only`, a loss the step computes
    on the way (`cost = ... np.log(1 - AL)`, printed, never differentiated) is passed over
    for the first value that feeds the gradients (`dAL = -(Y / AL - ...)`)."""
    try:
        with np.errstate(all="ignore"):
            trace = subject.traced(role, *args)
    except Exception:
        return None
    if gradients_only:
        kept = [
            a
            for a in trace.assignments
            if not naming.LOSS_VALUE.match(a.name.split(".")[-1])
            and not naming.LOSS_VALUE.match(a.function)
        ]
        started = first_non_finite(Trace(kept, trace.calls)) or first_non_finite(trace)
    else:
        started = first_non_finite(trace)
    return started.line if started is not None else None


def unsimplified_bce(
    subject: Subject, start: ParameterValues, hidden: str | None, loss: LossChoice
) -> Unsimplified | None:
    """ND103: finite where outputs are moderate, inf/NaN where they saturate."""
    if loss.loss != "bce" or hidden is None:
        return None
    try:  # the point of ND103: finite at moderate outputs; NaN everywhere is another story
        moderate = subject.claimed(start).gradients
    except UserCodeError:
        return None
    if not all(np.all(np.isfinite(np.asarray(v, dtype=np.float64))) for v in moderate.values()):
        return None
    for sign in (1.0, -1.0):
        found = _unsimplified_at(
            subject, saturated_point(subject, start, sign * SATURATED_LOGIT), hidden, loss
        )
        if found:
            return found
    return None


def _unsimplified_at(
    subject: Subject, point: ParameterValues, hidden: str, loss: LossChoice
) -> Unsimplified | None:
    try:
        claimed = subject.claimed(point).gradients
    except UserCodeError:
        return None
    arch = architecture(hidden, loss, reduction="sum")
    truth = reference.backward(arch, canonical_params(subject, point), subject.X, subject.Y)
    if not all(np.all(np.isfinite(g)) for g in truth.weight_gradients):
        return None
    broken = sorted(
        name
        for name, value in claimed.items()
        if not np.all(np.isfinite(np.asarray(value, dtype=np.float64)))
    )
    if not broken:
        return None
    line = first_non_finite_line(subject, "claimed", (point,), gradients_only=True)
    return Unsimplified(tuple(broken), SATURATED_LOGIT, line)


def exp_overflow(
    subject: Subject, start: ParameterValues, hidden: str | None
) -> ExpOverflow | None:
    """ND205: a naive sigmoid overflowing in exp at large negative logits."""
    calls = [subject.claimed]
    if subject.forward is not None:
        calls.insert(0, subject.forward)  # type: ignore[arg-type]
    # run, never answered from memory (`memo.py`): the overflow is what is looked for
    calls = [getattr(call, "__wrapped__", call) for call in calls]
    points = [saturated_point(subject, start, sign * EXTREME_LOGIT, hidden) for sign in (1.0, -1.0)]
    for call, point in ((c, p) for p in points for c in calls):
        try:
            with overflow_raises():
                call(point)
        except UserCodeError as error:
            if isinstance(error.error, FloatingPointError) and error.frames:
                line, function, text = error.frames[-1]
                if "exp" not in text:
                    return None
                return ExpOverflow(text.strip(), function, line, EXTREME_LOGIT)
        except Exception:
            return None
    return None


def unguarded_log(
    subject: Subject, start: ParameterValues, hidden: str | None
) -> UnguardedLog | None:
    """ND204: the user's loss is inf/NaN once an output reaches 0 or 1."""
    if subject.loss is None:
        return _unguarded_output_loss(subject)
    value, point = 0.0, start
    for sign in (1.0, -1.0):
        point = saturated_point(subject, start, sign * SATURATED_LOGIT, hidden)
        try:
            value = subject.loss(point)
        except Exception:
            return None
        if not np.isfinite(value):
            break
    if np.isfinite(value):
        return None
    loss_function = next((f for f in subject.functions if f.role == "loss"), None)
    line = first_non_finite_line(subject, "loss", (point,))
    if line is None and loss_function is not None:
        line = loss_function.line
    return UnguardedLog(str(value), line, None, SATURATED_LOGIT)


def _unguarded_output_loss(subject: Subject) -> UnguardedLog | None:
    """The same for a loss(outputs, targets): hand it outputs of exactly 1 - Y, for targets
    a sigmoid can reach (outputs outside [0, 1] would make any log NaN: ND309's story)."""
    if subject.output_loss is None:
        return None
    name, function = subject.output_loss
    Y = np.asarray(subject.Y, dtype=np.float64)
    if Y.size == 0 or Y.min() < 0 or Y.max() > 1:
        return None
    for outputs, targets in ((1.0 - Y, Y), ((1.0 - Y).T, Y.T)):
        try:
            with np.errstate(all="ignore"):
                value = float(function(outputs.copy(), targets.copy()))
        except Exception:
            continue
        if np.isfinite(value):
            return None
        line = first_non_finite_line(subject, "output_loss", (outputs.copy(), targets.copy()))
        return UnguardedLog(str(value), line, name, None)
    return None


def structure_and_data(
    subject: Subject, loss: LossChoice, start: ParameterValues | None = None
) -> dict[str, Any]:
    """Facts for ND201 (no bias), ND207 (outputs outside (0, 1)), ND309 (targets) and
    ND310 (input scale), as ProbeEvidence fields."""
    Y = np.asarray(subject.Y, dtype=np.float64)
    X = np.asarray(subject.X, dtype=np.float64)
    rows = X if subject.all_inputs is None else np.asarray(subject.all_inputs, dtype=np.float64)
    missing = tuple(
        layer + 1
        for layer in range(subject.structure.n_layers)
        if not subject.structure.has_bias(layer) and not (layer == 0 and _has_bias_column(rows))
    )
    facts: dict[str, Any] = {
        "layers_without_bias": missing,
        "no_bias_line": subject.parameter_lines.get(
            subject.structure.weight_slot(missing[0] - 1).name
        )
        if missing
        else None,
        "targets": _finite_range(Y, subject.labels_line),
        "inputs_largest": float(np.max(np.abs(X[np.isfinite(X)]), initial=0.0)),
        "non_finite_inputs": int(np.size(X) - np.count_nonzero(np.isfinite(X))),
        "non_finite_targets": int(np.size(Y) - np.count_nonzero(np.isfinite(Y))),
        "inputs_line": subject.inputs_line,
    }
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
        if output is not None and output.size:
            line = next((f.line for f in subject.functions if f.role == "forward"), None)
            facts["outputs"] = ValueRange(float(output.min()), float(output.max()), line)
    return facts


def _has_bias_column(X: np.ndarray) -> bool:
    """A constant, non-zero input feature (the classic `[0, 0, 1]` rows) is the first
    layer's bias: its weights are the bias."""
    if X.ndim != 2 or X.shape[0] < 2:
        return False
    first = X[0]
    return bool(np.any(np.all(X == first, axis=0) & (first != 0)))


def _finite_range(values: np.ndarray, line: int | None) -> ValueRange | None:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    return ValueRange(float(finite.min()), float(finite.max()), line)


def probe_evidence(
    subject: Subject,
    start: ParameterValues,
    hidden: str | None,
    loss: LossChoice,
    unsimplified_proved: bool,
    doubled_output: bool = False,
) -> ProbeEvidence:
    """Every probe, at the fresh point `start`; a probe that crashes is a note, never a
    crashed check. `unsimplified_proved`: a bug mutant already shows ND103.
    `doubled_output`: the hidden activation was recognised through a forward pass that
    applies the output's sigmoid twice, so ND202's probe runs though `hidden` is known."""
    _LARGEST.clear()  # keys hold id(subject): valid for this subject's probes only
    try:
        return _probe_evidence(subject, start, hidden, loss, unsimplified_proved, doubled_output)
    finally:
        _LARGEST.clear()


def _probe_evidence(
    subject: Subject,
    start: ParameterValues,
    hidden: str | None,
    loss: LossChoice,
    unsimplified_proved: bool,
    doubled_output: bool,
) -> ProbeEvidence:
    found: dict[str, Any] = {}
    probes: list[tuple[str, Callable[[], Any]]] = [
        ("unguarded_log", lambda: unguarded_log(subject, start, hidden)),
        ("exp_overflow", lambda: exp_overflow(subject, start, hidden)),
    ]
    if not unsimplified_proved:
        probes.insert(0, ("unsimplified", lambda: unsimplified_bce(subject, start, hidden, loss)))
    for field_name, probe in probes:
        try:
            found[field_name] = probe()
        except Exception as error:  # a crashing probe is a result, not a crashed check
            subject.notes.append(f"a probe could not run: {type(error).__name__}: {error}")
    try:
        found.update(structure_and_data(subject, loss, start))
    except Exception as error:
        subject.notes.append(f"a probe could not run: {type(error).__name__}: {error}")
    if subject.forward is not None and (hidden is None or doubled_output):
        found["double_activation"] = _double_activation(subject, [subject.initial, start])
    if found.get("double_activation") is None:  # the loss of a sigmoid squashed again
        found["double_activation"] = squashed_before_the_loss(subject)
    return ProbeEvidence(**found)


def _double_activation(subject: Subject, points: list[ParameterValues]) -> DoubleActivation | None:
    """ND202: the forward equals a reference with one activation applied twice; the line
    that applies it the second time."""
    try:
        found = double_activation(subject, points)
    except Exception:
        return None
    if found is None:
        return None
    place, activation, hidden = found
    forward = next((f for f in subject.functions if f.role == "forward"), None)
    line = forward.line if forward else None
    try:
        trace = subject.traced("forward", subject.initial)
        doubled = doubled_forward(subject, subject.initial, hidden, place)
        single = doubled_forward(subject, subject.initial, hidden, "none")
        own = forward.name.split(".")[-1] if forward else None
        functions: tuple[str | None, ...] = (own, "<module>")
        if place == "hidden":  # the first layer's values, wherever they are formed twice
            params = canonical_params(subject, subject.initial)
            z = np.asarray(subject.X, dtype=np.float64) @ params.weights[0]
            single = activate(hidden, z + (0.0 if params.biases[0] is None else params.biases[0]))
            doubled, functions = activate(hidden, single), (None,)  # the first formed
            trace = trace.bound_to_names()
        # the forward's own frame; a loop's pass replayed from `train` runs as `<module>`
        for function in (*functions, None):  # then wherever the pass squashes it again
            # (`a3 = sigmoid(z3)` in the cost function the loop calls, on `feedForward`'s
            # already squashed output), by a name: `sigmoid`'s own return holds it first
            built = first_line_building(
                trace if function is not None else trace.bound_to_names(),
                doubled,
                single,
                subject.X.shape[0],
                in_function=function,
            )
            if built is not None:
                line = built.line
                break
    except Exception:
        pass
    return DoubleActivation(place, activation, line)
