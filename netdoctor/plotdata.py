"""The numbers behind the report's pictures, computed where the user's code runs.

Plots are drawn later, in the parent and only when asked (`--out`, `--format html`);
this module only gathers arrays into JSON-able lists: the user's and the true gradients
at the user's point, relative errors against the tolerance, hidden pre-activations, and
for 2-D inputs the network's output over a grid around the data, at the user's
parameters and, when the training was recorded, at the parameters it ended with. Sizes
are capped so a large network does not bloat the JSON.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from netdoctor import reference
from netdoctor.activations import ACTIVATIONS, base
from netdoctor.compare import tolerance_for
from netdoctor.identify import architecture, canonical_params
from netdoctor.subject import ParameterValues, Subject
from netdoctor.verify import Verification

MAX_ENTRIES = 4000  # per array kept for scatter plots and heatmaps
MAX_SAMPLES = 2000  # pre-activation values per hidden layer
GRID = 60  # decision-boundary resolution per axis


def _capped(array: Any) -> Any:
    """Nested lists (2-D arrays keep their rows), inf/NaN as None, at most MAX_ENTRIES."""
    values = np.asarray(array, dtype=np.float64)
    if values.size > MAX_ENTRIES:
        values = values.reshape(-1)[:MAX_ENTRIES]
    if values.ndim > 2:
        values = values.reshape(values.shape[0], -1)
    return _finite_or_none(values.tolist())


def _finite_or_none(value: Any) -> Any:
    if isinstance(value, list):
        return [_finite_or_none(v) for v in value]
    return value if np.isfinite(value) else None


def plot_data(
    subject: Subject,
    verification: Verification,
    trained: ParameterValues | None = None,
    trained_steps: int = 0,
) -> dict[str, Any]:
    """The pictures' numbers; `trained` are the parameters after `trained_steps` recorded
    steps of the user's training, for the decision boundary after it."""
    data: dict[str, Any] = {}
    if not verification.points:
        return data
    user_point = verification.points[0]
    tolerance = tolerance_for(subject.user_dtype)
    # Gradients right up to the convention (a mean, a shared 0.5) are drawn against the
    # truth times that factor: on the line means right.
    factor = verification.evidence.convention_factor() if verification.evidence else None
    by_convention = {c.parameter for c in verification.checks if c.convention is not None}
    if by_convention and factor is not None:
        data["convention_factor"] = factor
    gradients = []
    for slot in subject.structure.slots:
        claimed = user_point.claimed.get(slot.name)
        truth = np.asarray(user_point.truth[slot.name], dtype=np.float64)
        if factor is not None and slot.name in by_convention:
            truth = truth * factor
        entry: dict[str, Any] = {"parameter": slot.name, "kind": slot.kind, "truth": _capped(truth)}
        if claimed is not None and np.size(claimed) == truth.size:
            entry["user"] = _capped(np.asarray(claimed, dtype=np.float64).reshape(truth.shape))
        gradients.append(entry)
    data["gradients"] = gradients
    data["tolerance"] = {"agree": tolerance.agree, "disagree": tolerance.disagree}
    data["relative_errors"] = [
        {"parameter": c.parameter, "point": c.point, "relative_error": c.relative_error}
        for c in verification.checks
    ]
    hidden = verification.identity.get("hidden_activation")
    if hidden is not None and base(hidden) in ACTIVATIONS:
        # no second panel when no step was applied (the first step made inf/NaN)
        after = (trained, trained_steps) if trained is not None and trained_steps > 0 else None
        data.update(_forward_pictures(subject, user_point.values, hidden, after))
    return data


def _forward_pictures(
    subject: Subject,
    values: dict[str, Any],
    hidden: str,
    after: tuple[ParameterValues, int] | None,
) -> dict[str, Any]:
    arch = architecture(hidden)
    params = canonical_params(subject, values)
    passed = reference.forward(arch, params, subject.X)
    pictures: dict[str, Any] = {
        "hidden_activation": hidden,
        "pre_activations": [
            _capped(z.reshape(-1)[:MAX_SAMPLES]) for z in passed.pre_activations[:-1]
        ],
    }
    X = np.asarray(subject.X, dtype=np.float64)
    if X.shape[1] == 2:
        low, high = X.min(axis=0), X.max(axis=0)
        span = high - low
        # a quarter of the data's range around it; one point (per-sample training) has no
        # range, so it gets one unit each side instead of a plane 1e-9 wide
        margin = np.where(span > 1e-6, 0.25 * span, 1.0)
        xs = np.linspace(low[0] - margin[0], high[0] + margin[0], GRID)
        ys = np.linspace(low[1] - margin[1], high[1] + margin[1], GRID)
        grid_x, grid_y = np.meshgrid(xs, ys)
        points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
        pictures["decision"] = {
            "x": _capped(xs),
            "y": _capped(ys),
            "output": _grid_output(arch, params, points),
            "X": _capped(X),
            "Y": _capped(np.asarray(subject.Y).reshape(-1)),
        }
        if after is not None:
            trained, steps = after
            output = _grid_output(arch, canonical_params(subject, trained), points)
            pictures["decision"]["after"] = {"steps": steps, "output": output}
    return pictures


def _grid_output(arch: reference.Architecture, params: reference.DenseParams, points: Any) -> Any:
    with np.errstate(all="ignore"):  # weights blown up in training: outputs become None
        output = reference.forward(arch, params, points).output
    return _capped(np.asarray(output, dtype=np.float64).reshape(GRID, GRID))
