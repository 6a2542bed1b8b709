"""The report's pictures, drawn from `Report.plot_data` with matplotlib's Agg backend.

Imported only when a report with pictures is written: `import netdoctor` and
`netdoctor --help` never load matplotlib. Every figure has a title and labelled axes so it
reads without the text around it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

if TYPE_CHECKING:
    from netdoctor.report import Report


# Where a hidden unit's slope is small: (low, high) ranges shaded on the histograms.
FLAT_REGIONS = {
    "relu": [(-np.inf, 0.0, "inactive (slope 0)")],
    "leaky_relu": [(-np.inf, 0.0, "leaky (slope 0.01)")],
    "sigmoid": [(-np.inf, -5.0, "saturated (slope < 0.007)"), (5.0, np.inf, None)],
    "tanh": [(-np.inf, -3.0, "saturated (slope < 0.01)"), (3.0, np.inf, None)],
}


@dataclass(frozen=True)
class Picture:
    name: str  # file name, e.g. "gradients.png"
    title: str
    png: bytes


def _array(values: Any) -> np.ndarray:
    return np.array(
        [[np.nan if v is None else v for v in row] for row in values]
        if values and isinstance(values[0], list)
        else [np.nan if v is None else v for v in values],
        dtype=np.float64,
    )


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def pictures(report: Report) -> list[Picture]:
    data = report.plot_data
    drawn: list[Picture] = []
    if data.get("gradients"):
        drawn.append(_gradient_scatter(data["gradients"], data.get("convention_factor")))
        drawn += _heatmaps(data["gradients"])
    if data.get("relative_errors"):
        drawn.append(_relative_errors(data["relative_errors"], data.get("tolerance", {})))
    if data.get("pre_activations"):
        drawn.append(_pre_activations(data["pre_activations"], data.get("hidden_activation", "")))
    if data.get("decision"):
        drawn.append(_decision(data["decision"]))
    if data.get("training", {}).get("steps"):
        drawn.append(_training(data["training"]))
    return drawn


def _training(curves: dict[str, Any]) -> Picture:
    steps = np.array(curves["steps"], dtype=np.float64)
    figure, axes = plt.subplots(1, 3, figsize=(12, 3.4), layout="constrained")
    loss = _array(curves["loss"])
    axes[0].plot(steps, loss, label="your training")
    replay = _array(curves.get("replay_loss") or [])
    if replay.size:
        axes[0].plot(steps[: replay.size], replay, ls="--", label="with correct gradients")
    axes[0].axhline(np.log(2), color="grey", lw=0.8, ls=":", label="ln 2 (coin flip)")
    axes[0].set_title("loss")
    axes[0].set_ylabel("mean loss")
    axes[0].legend(fontsize=7)
    axes[1].plot(steps, _array(curves["output_std"]), color="tab:green")
    axes[1].set_title("spread of the outputs")
    axes[1].set_ylabel("standard deviation")
    axes[2].plot(steps, _array(curves["dead_fraction"]), color="tab:red")
    axes[2].set_ylim(-0.05, 1.05)
    axes[2].set_title("dead ReLUs (worst layer)")
    axes[2].set_ylabel("fraction of units")
    for axis in axes:
        axis.set_xscale("symlog", linthresh=10)  # the first steps, where things break, stay visible
        axis.set_xlabel("training step (log scale after 10)")
    figure.suptitle("Your recorded training")
    return Picture("training.png", "Your recorded training", _png(figure))


def _gradient_scatter(gradients: list[dict[str, Any]], factor: float | None = None) -> Picture:
    count = len(gradients)
    columns = min(count, 4)
    rows = int(np.ceil(count / columns))
    figure, axes = plt.subplots(
        rows, columns, figsize=(3.2 * columns, 3.0 * rows), squeeze=False, layout="constrained"
    )
    for axis, entry in zip(axes.ravel(), gradients, strict=False):
        truth = _array(entry["truth"]).ravel()
        axis.set_title(entry["parameter"])
        axis.set_xlabel("true gradient" if factor is None else f"true gradient x {factor:.3g}")
        axis.set_ylabel("your gradient")
        if "user" not in entry:
            axis.text(0.5, 0.5, "no gradient\nof this shape", ha="center", transform=axis.transAxes)
            continue
        user = _array(entry["user"]).ravel()
        finite = np.isfinite(user) & np.isfinite(truth)
        span = np.concatenate([truth[finite], user[finite]]) if finite.any() else np.zeros(1)
        low, high = float(span.min()), float(span.max())
        pad = 0.05 * (high - low or 1.0)
        axis.plot(
            [low - pad, high + pad], [low - pad, high + pad], color="grey", lw=1, label="y = x"
        )
        axis.scatter(truth[finite], user[finite], s=14, color="tab:blue")
        axis.legend(loc="upper left", fontsize=7)
    for axis in axes.ravel()[count:]:
        axis.set_visible(False)
    figure.suptitle(
        "Your gradients against the true ones, at your parameters (on the line = right)"
    )
    return Picture("gradients.png", "Your gradients against the true ones", _png(figure))


def _heatmaps(gradients: list[dict[str, Any]]) -> list[Picture]:
    drawn = []
    for entry in gradients:
        if entry["kind"] != "weight" or "user" not in entry:
            continue
        truth, user = _array(entry["truth"]), _array(entry["user"])
        if truth.ndim != 2 or min(truth.shape) < 2 or user.shape != truth.shape:
            continue
        figure, axes = plt.subplots(1, 3, figsize=(10, 3.4), layout="constrained")
        limit = float(np.nanmax(np.abs(np.concatenate([truth.ravel(), user.ravel()])))) or 1.0
        for axis, values, title in zip(
            axes, (user, truth, user - truth), ("yours", "true", "yours - true"), strict=True
        ):
            image = axis.imshow(values, cmap="coolwarm", vmin=-limit, vmax=limit, aspect="auto")
            axis.set_title(title)
            axis.set_xlabel("column")
            axis.set_ylabel("row")
            axis.set_xticks(range(values.shape[1]))
            axis.set_yticks(range(values.shape[0]))
        figure.colorbar(image, ax=axes, shrink=0.8, label="gradient")
        figure.suptitle(f"Gradient of {entry['parameter']} {truth.shape}, entry by entry")
        name = "".join(c if c.isalnum() else "_" for c in entry["parameter"])
        drawn.append(
            Picture(f"heatmap_{name}.png", f"Gradient of {entry['parameter']}", _png(figure))
        )
    return drawn


def _relative_errors(errors: list[dict[str, Any]], tolerance: dict[str, float]) -> Picture:
    parameters = list(dict.fromkeys(e["parameter"] for e in errors))
    points = list(dict.fromkeys(e["point"] for e in errors))
    figure, axis = plt.subplots(
        figsize=(max(5.0, 1.2 * len(parameters) + 2), 3.6), layout="constrained"
    )
    width = 0.8 / max(len(points), 1)
    floor = 1e-17
    for index, point in enumerate(points):
        values = []
        for parameter in parameters:
            match = next(
                (e for e in errors if e["parameter"] == parameter and e["point"] == point), None
            )
            error = match["relative_error"] if match else None
            values.append(max(error, floor) if error is not None else np.nan)
        positions = np.arange(len(parameters)) + index * width
        axis.bar(positions, values, width=width, label=point)
    axis.set_yscale("log")
    if "disagree" in tolerance:
        axis.axhline(tolerance["disagree"], color="red", ls="--", lw=1, label="disagrees above")
    if "agree" in tolerance:
        axis.axhline(tolerance["agree"], color="green", ls="--", lw=1, label="agrees below")
    axis.set_xticks(np.arange(len(parameters)) + width * (len(points) - 1) / 2, parameters)
    axis.set_xlabel("parameter")
    axis.set_ylabel("relative error (log scale)")
    axis.set_title("Relative error of each gradient, with the tolerance for your dtype")
    axis.legend(fontsize=7)
    return Picture("relative_error.png", "Relative error per parameter", _png(figure))


def _pre_activations(layers: list[Any], activation: str) -> Picture:
    figure, axes = plt.subplots(
        1, len(layers), figsize=(4.2 * len(layers), 3.2), squeeze=False, layout="constrained"
    )
    for index, (axis, values) in enumerate(zip(axes.ravel(), layers, strict=True)):
        z = _array(values)
        z = z[np.isfinite(z)]
        axis.hist(z, bins=40, color="tab:blue")
        low, high = (float(z.min()), float(z.max())) if z.size else (-1.0, 1.0)
        for start, stop, label in FLAT_REGIONS.get(activation, []):
            left, right = max(start, low - 1), min(stop, high + 1)
            if left < right:
                axis.axvspan(left, right, color="tab:red", alpha=0.15, label=label)
        axis.set_title(f"hidden layer {index + 1} ({activation})")
        axis.set_xlabel("pre-activation z")
        axis.set_ylabel("count (samples x units)")
        if axis.get_legend_handles_labels()[0]:
            axis.legend(fontsize=7)
    figure.suptitle("Hidden pre-activations at your parameters (shaded: the unit barely learns)")
    return Picture("pre_activations.png", "Hidden pre-activations", _png(figure))


def _decision(decision: dict[str, Any]) -> Picture:
    xs, ys, output = _array(decision["x"]), _array(decision["y"]), _array(decision["output"])
    X, Y = _array(decision["X"]), _array(decision["Y"])
    figure, axis = plt.subplots(figsize=(4.8, 4.0), layout="constrained")
    filled = axis.contourf(xs, ys, output, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.8)
    axis.contour(xs, ys, output, levels=[0.5], colors="black", linewidths=1)
    figure.colorbar(filled, ax=axis, label="network output")
    for label, marker in ((0.0, "o"), (1.0, "s")):
        chosen = Y == label
        axis.scatter(
            X[chosen, 0],
            X[chosen, 1],
            marker=marker,
            edgecolor="black",
            color="white",
            label=f"label {label:g}",
        )
    axis.set_xlabel("input 1")
    axis.set_ylabel("input 2")
    axis.set_title("Decision boundary at your parameters (black: output 0.5)")
    axis.legend(fontsize=7, loc="upper right")
    return Picture("decision_boundary.png", "Decision boundary", _png(figure))
