"""Which network and which loss the user's code implements, told from its own outputs.

The truth is only as good as the architecture it is computed for. The user's forward pass
is compared with the reference forward for every hidden activation at two points (their
parameters and a fresh one, so a dead layer cannot make sigmoid look like anything); the
user's loss function is compared with BCE and MSE, sum or mean, with or without 1/2.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from netdoctor import activations, reference
from netdoctor.activations import activate, stable_sigmoid
from netdoctor.subject import ParameterValues, Subject
from netdoctor.tolerances import dtype_tolerance

LOSS_CANDIDATES: tuple[tuple[str, str, bool], ...] = (
    ("bce", "sum", False),
    ("bce", "mean", False),
    ("mse", "sum", False),
    ("mse", "mean", False),
    ("mse", "sum", True),
    ("mse", "mean", True),
)


SQUARED_SOURCE = "squared-error gradients, and the file names no loss"


@dataclass(frozen=True)
class LossChoice:
    loss: str
    reduction: str
    mse_half: bool
    source: str  # how it was chosen, in words
    # the user's own loss value, computed from their forward pass's outputs: with logits
    # read as the output (`LOGITS_SOURCE`), proof that the sigmoid is applied in the loss
    from_forward: bool = False
    # squared error of a linear output unit (a regression), not of a sigmoid's
    linear_output: bool = False

    @property
    def named(self) -> bool:
        """Whether the file (or --loss) says which loss it is, rather than a default or a
        reading of the gradients: fix texts may say "your loss is ..." only then."""
        return self.source not in ("default", SQUARED_SOURCE)

    def describe(self) -> str:
        if self.loss == "bce":
            return f"binary cross-entropy ({self.reduction} over samples)"
        half = "1/2 " if self.mse_half else ""
        return f"squared error, {half}{self.reduction} over samples"


def canonical_params(subject: Subject, values: ParameterValues) -> reference.DenseParams:
    weights, biases = subject.structure.canonical(values)
    return reference.DenseParams(weights=weights, biases=biases)


def architecture(
    hidden: str, loss: LossChoice | None = None, reduction: str = "sum"
) -> reference.Architecture:
    kind, slope = activations.parse(hidden)  # `leaky_relu(0.1)`: the slope is the arch's
    if loss is None:
        return reference.Architecture(
            hidden_activation=kind, reduction=reduction, leaky_slope=slope
        )
    return reference.Architecture(
        hidden_activation=kind,
        loss=loss.loss,
        reduction=reduction,
        mse_half=loss.mse_half,
        leaky_slope=slope,
        output="linear" if loss.linear_output else "sigmoid",
    )


DOUBLED_SOURCE = "your forward pass, but for the sigmoid it applies twice (ND202)"


def identify_activation(subject: Subject, points: list[ParameterValues]) -> tuple[str | None, str]:
    """The hidden activation whose reference forward reproduces the user's forward."""
    if subject.forward is None:
        return None, "no forward pass to compare"
    forward: Callable[[ParameterValues], np.ndarray] = subject.forward
    try:
        outputs = [forward(point) for point in points]
    except Exception as error:  # the user's forward raised: the caller reports it
        return None, f"your forward pass raised {type(error).__name__}: {error}"
    tolerance = dtype_tolerance(subject.user_dtype)
    if subject.structure.n_layers == 1:
        return "sigmoid", "your forward pass (logistic regression: no hidden layer)"
    candidates = activations.CANDIDATES
    hidden = _reproducing(subject, points, outputs, candidates, tolerance, logits=False)
    if hidden is not None:
        return hidden, "your forward pass"
    hidden = _reproducing(subject, points, outputs, candidates, tolerance, logits=True)
    if hidden is not None:
        # `return z2`, the sigmoid applied by the caller or inside the loss: the
        # network's output is the sigmoid of what the forward pass returns
        subject.forward = _with_sigmoid(forward)
        return hidden, LOGITS_SOURCE
    doubled = double_activation(subject, points)
    if doubled is not None and doubled[0] == "output":
        # The network the user meant: the truth is its gradient, and the doubled output
        # (ND202) is the bug that mutant reproduction can then prove in the gradients.
        return doubled[2], DOUBLED_SOURCE
    return None, "your forward pass matches no reference architecture"


def _reproducing(
    subject: Subject,
    points: list[ParameterValues],
    outputs: list[np.ndarray],
    candidates: tuple[str, ...],
    tolerance: float,
    logits: bool,
) -> str | None:
    """The first hidden activation whose reference forward gives the user's outputs (with
    `logits`, the output layer's values before its sigmoid) at every point."""
    for hidden in candidates:
        arch = architecture(hidden)
        passes = (
            reference.forward(arch, canonical_params(subject, point), subject.X) for point in points
        )
        if all(
            _close(forward.logits if logits else forward.output, output, tolerance)
            for forward, output in zip(passes, outputs, strict=True)
        ):
            return hidden
    return None


def _with_sigmoid(
    forward: Callable[[ParameterValues], np.ndarray],
) -> Callable[[ParameterValues], np.ndarray]:
    def probabilities(point: ParameterValues) -> np.ndarray:
        return stable_sigmoid(np.asarray(forward(point), dtype=np.float64))

    probabilities.returns_logits = forward  # type: ignore[attr-defined]
    return probabilities


LOGITS_SOURCE = "your forward pass (it returns the output's logits)"


def without_logits_reading(subject: Subject) -> None:
    """Back to the forward pass as written: its output is the network's output (a linear
    output fed to a cross-entropy is ND207's bug, not logits the user squashes later)."""
    original = getattr(subject.forward, "returns_logits", None)
    if original is not None:
        subject.forward = original


def identify_output_loss(subject: Subject) -> LossChoice | None:
    """A loss function of (outputs, targets) alone, called on made-up outputs.

    Code without a separate forward pass (an update step that does everything) may still
    define `mse_loss(a2, y)`; handing it outputs in (0.1, 0.9) in the data's row or column
    shape tells which loss it is.
    """
    if subject.output_loss is None:
        return None
    name, function = subject.output_loss
    rng = np.random.default_rng(7)
    Y = np.asarray(subject.Y, dtype=np.float64)
    A = rng.uniform(0.1, 0.9, size=Y.shape)
    for outputs, targets in ((A, Y), (A.T, Y.T), (A.ravel(), Y.ravel())):
        try:
            with np.errstate(all="ignore"):
                value = float(function(outputs.copy(), targets.copy()))
        except Exception:
            continue
        for loss, reduction, half in LOSS_CANDIDATES:
            arch = reference.Architecture(loss=loss, reduction=reduction, mse_half=half)
            want = reference.loss_from_output(arch, A, Y)
            if np.isfinite(value) and abs(value - want) <= 1e-7 * max(1.0, abs(want)):
                return LossChoice(loss, reduction, half, f"your loss function `{name}`")
    return None


def identify_loss(subject: Subject, points: list[ParameterValues]) -> LossChoice | None:
    """The user's own loss, fingerprinted against BCE and MSE variants: their loss function,
    else the loss their training loop computes, else a loss(outputs, targets) function."""
    if subject.forward is None:
        return identify_output_loss(subject)
    if subject.loss is not None:
        name = next((f.name for f in subject.functions if f.role == "loss"), "loss")
        try:
            values = [subject.loss(point) for point in points]
        except Exception:
            return None
        return _fingerprint(subject, points, values, f"your loss function `{name}`")
    found = None
    if subject.loop_loss is not None:
        found = _loop_loss(subject, points, subject.loop_loss)
    return found or identify_output_loss(subject)


def loop_loss_of_reference(
    subject: Subject, points: list[ParameterValues], hidden: str
) -> LossChoice | None:
    """Without a forward pass (one function computes the step), the loss the loop computes
    (`G, l = step(P, X, y)` returning `((a - y) ** 2).mean()`), fingerprinted against the
    outputs of the reference network the gradients were read as: `hidden` units."""
    if subject.loop_loss is None:
        return None
    arch = architecture(hidden)
    outputs = [
        reference.forward(arch, canonical_params(subject, point), subject.X).output
        for point in points
    ]
    return _loop_loss(subject, points, subject.loop_loss, outputs)


def _loop_loss(
    subject: Subject,
    points: list[ParameterValues],
    losses: Callable[[ParameterValues], list[tuple[str, int, float]]],
    outputs: list[np.ndarray] | None = None,
) -> LossChoice | None:
    """The first loss-named number the loop computes at every point that fingerprints."""
    try:
        found = [{name: (line, value) for name, line, value in losses(p)} for p in points]
    except Exception:
        return None
    # the first the loop assigns that fingerprints, a number at every point (`output_errors`
    # of a method whose `return 0.5 * np.sum(output_errors ** 2)` is the loss comes first)
    for name in found[0]:
        if not all(name in at for at in found):
            continue
        source = f"the `{name}` your training loop computes (line {found[0][name][0]})"
        choice = _fingerprint(subject, points, [at[name][1] for at in found], source, outputs)
        if choice is not None:
            return choice
    return None


def _fingerprint(
    subject: Subject,
    points: list[ParameterValues],
    values: list[float],
    source: str,
    outputs: list[np.ndarray] | None = None,
) -> LossChoice | None:
    """The candidate loss whose value at each point, from the user's forward outputs (or
    `outputs` given), is the user's own value there."""
    if outputs is None:
        assert subject.forward is not None  # identify_loss returns earlier without one
        try:
            outputs = [subject.forward(point) for point in points]
        except Exception:
            return None
    tolerance = max(dtype_tolerance(subject.user_dtype), 1e-7)
    squares = [
        sum(float(np.sum(w * w)) for w in canonical_params(subject, p).weights) for p in points
    ]
    for penalised in (False, True):  # `L = mse(o) + lam / 2 * (np.sum(W1**2) + ...)` next
        for loss, reduction, half in LOSS_CANDIDATES:
            arch = reference.Architecture(loss=loss, reduction=reduction, mse_half=half)
            expected = [reference.loss_from_output(arch, output, subject.Y) for output in outputs]
            if penalised:
                expected = _with_penalty(values, expected, squares)
            if expected and all(
                np.isfinite(value) and abs(value - want) <= tolerance * max(1.0, abs(want))
                for value, want in zip(values, expected, strict=True)
            ):
                return LossChoice(loss, reduction, half, source, from_forward=True)
    return None


def _with_penalty(values: list[float], expected: list[float], squares: list[float]) -> list[float]:
    """The candidate's values plus d x the weights' summed squares, d > 0 fitted at the
    first point (the others must agree); [] when no such penalty is there to fit."""
    if len(values) < 2 or not squares[0] > 0:
        return []
    decay = (values[0] - expected[0]) / squares[0]
    if not (np.isfinite(decay) and decay > 0):
        return []
    return [want + decay * square for want, square in zip(expected, squares, strict=True)]


def _close(expected: np.ndarray, actual: np.ndarray, tolerance: float) -> bool:
    actual = np.asarray(actual, dtype=np.float64).reshape(expected.shape)
    return bool(
        np.allclose(actual, expected, rtol=max(tolerance, 1e-9), atol=max(tolerance, 1e-12))
    )


def double_activation(
    subject: Subject, points: list[ParameterValues]
) -> tuple[str, str, str] | None:
    """(place, doubled activation, hidden activation) when the user's forward equals a
    reference with one activation applied twice: sigmoid(sigmoid(z)) at the output, or
    act(act(z)) in the hidden layers."""
    assert subject.forward is not None  # identify_loss returns earlier without one
    try:
        outputs = [subject.forward(point) for point in points]
    except Exception:
        return None
    tolerance = dtype_tolerance(subject.user_dtype)
    for hidden in activations.CANDIDATES:  # a leaky ReLU of slope 0.05 too
        for place in ("output", "hidden"):
            if place == "hidden" and (subject.structure.n_layers == 1 or _idempotent(hidden)):
                continue  # (relu(relu(z)) is relu(z): no second application to see)
            if all(
                _close(doubled_forward(subject, point, hidden, place), output, tolerance)
                for point, output in zip(points, outputs, strict=True)
            ):
                return place, hidden if place == "hidden" else "sigmoid", hidden
    return None


def _idempotent(hidden: str) -> bool:
    """Whether applying the activation twice changes nothing (identity, ReLU)."""
    z = np.linspace(-3.0, 3.0, 13)
    with np.errstate(all="ignore"):
        once = activate(hidden, z)
        return bool(np.allclose(activate(hidden, once), once))


def doubled_forward(
    subject: Subject, point: ParameterValues, hidden: str, place: str
) -> np.ndarray:
    params = canonical_params(subject, point)
    current = np.asarray(subject.X, dtype=np.float64)
    last = len(params.weights) - 1
    with np.errstate(all="ignore"):
        for layer, (w, b) in enumerate(zip(params.weights, params.biases, strict=True)):
            z = current @ w + (0.0 if b is None else b)
            if layer == last:
                current = stable_sigmoid(z)
                if place == "output":
                    current = stable_sigmoid(current)
            else:
                current = activate(hidden, z)
                if place == "hidden":
                    current = activate(hidden, current)
    return current


LINEAR_SOURCE = (
    "your output is linear (values or targets outside (0, 1)) and the file names no loss"
)


def linear_output(subject: Subject, points: list[ParameterValues]) -> bool:
    """A regression's output: values outside [0, 1] at the user's point, or targets
    outside [0, 1]. With no loss in the file, squared error is what such an output is
    trained with, not cross-entropy."""
    if subject.forward is None:
        return False
    try:
        output = np.asarray(subject.forward(points[0]), dtype=np.float64)
    except Exception:  # the user's forward raising is reported where the checks run it
        return False
    beyond = bool(np.isfinite(output).all() and ((output < 0) | (output > 1)).any())
    return beyond or targets_beyond_unit(subject)  # (one sample's output may be in (0, 1))


def targets_beyond_unit(subject: Subject) -> bool:
    """Targets outside [0, 1] beside a forward pass returning logits: a regression's
    (`y = 2 * x1 - x2`), which no sigmoid output reaches. With one sample a pass, the
    output layer's fit cannot tell a linear output's delta from a sigmoid's (one number,
    any factor), so the targets decide."""
    every = subject.Y if subject.all_targets is None else subject.all_targets
    targets = np.asarray(every, dtype=np.float64)
    finite = targets[np.isfinite(targets)]
    return bool(finite.size and ((finite < 0) | (finite > 1)).any())


def traced_hidden_activation(subject: Subject, values: ParameterValues) -> tuple[str, str] | None:
    """The hidden activation a one-function step computes on its way, when no gradient of
    it tells (a bug in the output delta spoils them all): the one candidate whose values at
    the first layer, at these parameters, one of the step's lines holds (`A1 =
    np.tanh(Z1)`), as (activation, where it was read). None when none or several do."""
    layers = _held_activations(subject, values, 1)
    if not layers or len(layers[0]) != 1:
        return None
    hidden, line = layers[0][0]
    return hidden, f"the hidden layer your gradient code computes (line {line})"


def _held_activations(
    subject: Subject, values: ParameterValues, layers: int
) -> list[list[tuple[str, int]]]:
    """For the first `layers` hidden layers in order, the candidate activations whose values
    there, at these parameters, a line of the step holds (with the line). Each layer's
    inputs are the previous one's values under its one candidate, so the walk stops after a
    layer with none or several. Empty when the step raises."""
    from netdoctor.trace import Trace, first_line_equal_to

    try:
        trace = subject.traced("claimed", values)
        params = canonical_params(subject, values)
    except Exception:  # the user's code raised: nothing read here
        return []
    m = subject.X.shape[0]
    found: list[list[tuple[str, int]]] = []
    inputs = subject.X
    with np.errstate(all="ignore"):
        for layer in range(layers):
            bias = params.biases[layer]
            z = inputs @ params.weights[layer] + (0.0 if bias is None else bias)
            # the whole batch's values, not one sample's
            whole = Trace([x for x in trace.assignments if np.size(x.value) == z.size])
            held = []
            for hidden in activations.CANDIDATES:
                a = activate(hidden, z)
                if np.allclose(a, z):
                    continue  # every unit active: a ReLU's values are the pre-activations
                line = first_line_equal_to(whole, [a], m)
                if line is not None:
                    held.append((hidden, line.line))
            found.append(held)
            if len(held) != 1:
                break
            inputs = activate(held[0][0], z)
    return found


MIXED_ACTIVATIONS = (
    "your hidden layers use different activations ({} in one, {} in the next): netdoctor's "
    "reference network has one activation for every hidden layer, and your step has no "
    "forward pass of its own to take finite differences of, so no gradient is checked "
    "(rather than every one called wrong). A `forward(X)` function (or --forward NAME) "
    "lets netdoctor check them numerically."
)


def refuse_mixed_activations(subject: Subject, values: ParameterValues) -> None:
    """Raise StructureError when a step without a forward pass computes its hidden layers
    with different activations (tanh, then ReLU): no truth fits it."""
    from netdoctor.structure import StructureError

    hidden_layers = subject.structure.n_layers - 1
    if hidden_layers < 2:
        return
    layers = _held_activations(subject, values, hidden_layers)
    if len(layers) < hidden_layers or any(len(held) != 1 for held in layers):
        return
    seen = [held[0][0] for held in layers]
    if len(set(seen)) > 1:
        first, second = next((a, b) for a, b in itertools.pairwise(seen) if a != b)
        raise StructureError(MIXED_ACTIVATIONS.format(first, second))
