"""The report's pictures, drawn from `Report.plot_data` with matplotlib's Agg backend.

Imported only when a report with pictures is written: `import netdoctor` and
`netdoctor --help` never load matplotlib. Every figure has a title and labelled axes so it
reads without the text around it; `figure.py` keeps titles inside the figure, legends off
the data, and the pixels sharp.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.ticker import MaxNLocator

from netdoctor.activations import parse
from netdoctor.render import run_plots
from netdoctor.render.figure import Drawn, Picture, array, finish, legend_beside, new_figure

if TYPE_CHECKING:
    from netdoctor.report import Report

__all__ = ["Picture", "figures", "pictures"]


# Where a hidden unit's slope is small: (low, high) ranges shaded on the histograms (a
# leaky unit's range is labelled with its own slope, in `_flat_regions`).
FLAT_REGIONS = {
    "relu": [(-np.inf, 0.0, "inactive (slope 0)")],
    "sigmoid": [
        (-np.inf, -5.0, "saturated (slope < 0.007)"),
        (5.0, np.inf, "saturated (slope < 0.007)"),
    ],
    "tanh": [
        (-np.inf, -3.0, "saturated (slope < 0.01)"),
        (3.0, np.inf, "saturated (slope < 0.01)"),
    ],
}


def _flat_regions(activation: str) -> list[tuple[float, float, str]]:
    kind, slope = parse(activation)
    if kind == "leaky_relu":  # `leaky_relu` (0.01) or `leaky_relu(0.2)`
        return [(-np.inf, 0.0, f"leaky (slope {slope:g})")]
    return FLAT_REGIONS.get(kind, [])


def pictures(report: Report) -> list[Picture]:
    """Every figure the report's data supports, as PNGs, in the page's order."""
    return [finish(drawn) for drawn in figures(report)]


def figures(report: Report) -> Iterator[Drawn]:
    """The figures, still open (tests measure them); one at a time, so few are open."""
    data = report.plot_data
    if data.get("gradients"):
        yield _gradient_scatter(data["gradients"], data.get("convention_factor"))
        yield from _heatmaps(data["gradients"])
    if data.get("relative_errors"):
        yield _relative_errors(data["relative_errors"], data.get("tolerance", {}))
    if data.get("pre_activations"):
        yield _pre_activations(data["pre_activations"], data.get("hidden_activation", ""))
    if data.get("decision"):
        yield run_plots.decision(data["decision"])
    if data.get("training", {}).get("steps"):
        yield run_plots.training(data["training"], data.get("hidden_activation"))


def _gradient_scatter(gradients: list[dict[str, Any]], factor: float | None = None) -> Drawn:
    count = len(gradients)
    columns = min(count, 4)
    rows = int(np.ceil(count / columns))
    figure = new_figure(max(2.6 * columns, 6.0), 2.8 * rows + 0.4)
    axes = figure.subplots(rows, columns, squeeze=False)
    for axis, entry in zip(axes.ravel(), gradients, strict=False):
        truth = array(entry["truth"]).ravel()
        axis.set_title(entry["parameter"])
        axis.set_xlabel("true gradient" if factor is None else f"true gradient x {factor:.3g}")
        axis.set_ylabel("your gradient")
        if "user" not in entry:
            axis.text(0.5, 0.5, "no gradient\nof this shape", ha="center", transform=axis.transAxes)
            continue
        user = array(entry["user"]).ravel()
        finite = np.isfinite(user) & np.isfinite(truth)
        span = np.concatenate([truth[finite], user[finite]]) if finite.any() else np.zeros(1)
        low, high = float(span.min()), float(span.max())
        # points that (nearly) coincide still get a visible stretch of the line
        pad = 0.05 * (max(high - low, 0.2 * max(abs(low), abs(high))) or 1.0)
        axis.plot([low - pad, high + pad], [low - pad, high + pad], color="grey", lw=1)
        axis.scatter(truth[finite], user[finite], s=14, color="tab:blue")
        axis.xaxis.set_major_locator(MaxNLocator(4))  # long tick labels must not collide
    for axis in axes.ravel()[count:]:
        axis.set_visible(False)
    # The identity line is explained here, not in a legend that would sit on the points.
    figure.suptitle(
        "Your gradients against the true ones, at your parameters (on the grey line yours = true)"
    )
    return Drawn("gradients.png", "Your gradients against the true ones", figure)


def _heatmaps(gradients: list[dict[str, Any]]) -> Iterator[Drawn]:
    for entry in gradients:
        if entry["kind"] != "weight" or "user" not in entry:
            continue
        truth, user = array(entry["truth"]), array(entry["user"])
        if truth.ndim != 2 or min(truth.shape) < 2 or user.shape != truth.shape:
            continue
        figure = new_figure(10.0, 3.4)
        axes = figure.subplots(1, 3)
        values_all = np.concatenate([truth.ravel(), user.ravel()])
        limit = float(np.nanmax(np.abs(values_all))) if np.isfinite(values_all).any() else 0.0
        limit = limit or 1.0
        for axis, values, title in zip(
            axes, (user, truth, user - truth), ("yours", "true", "yours - true"), strict=True
        ):
            image = axis.imshow(values, cmap="coolwarm", vmin=-limit, vmax=limit, aspect="auto")
            axis.set_title(title)
            axis.set_xlabel("column")
            axis.set_ylabel("row")
            # every index for small matrices, a few for large ones (784 labels overlap)
            axis.xaxis.set_major_locator(MaxNLocator(10, integer=True))
            axis.yaxis.set_major_locator(MaxNLocator(10, integer=True))
        figure.colorbar(image, ax=list(axes), shrink=0.8, label="gradient")
        figure.suptitle(f"Gradient of {entry['parameter']} {truth.shape}, entry by entry")
        name = "".join(c if c.isalnum() else "_" for c in entry["parameter"])
        yield Drawn(f"heatmap_{name}.png", f"Gradient of {entry['parameter']}", figure)


def _relative_errors(errors: list[dict[str, Any]], tolerance: dict[str, float]) -> Drawn:
    """Horizontal bars, one group per parameter: names as long as `self.layers[0].W` read
    level on the left instead of colliding under the bars."""
    parameters = list(dict.fromkeys(e["parameter"] for e in errors))
    points = list(dict.fromkeys(e["point"] for e in errors))
    figure = new_figure(9.0, 1.4 + 0.25 * len(points) * len(parameters) + 0.15 * len(parameters))
    axis = figure.subplots()
    height = 0.8 / max(len(points), 1)
    measured = [e["relative_error"] for e in errors if e["relative_error"]]
    # An error of exactly 0 has no place on a log axis: its bar stops a decade below the
    # smallest value drawn, and says "0" at its end.
    floor = 0.1 * min([*measured, *tolerance.values()] or [1e-16])
    for index, point in enumerate(points):
        values = []
        for parameter in parameters:
            match = next(
                (e for e in errors if e["parameter"] == parameter and e["point"] == point), None
            )
            error = match["relative_error"] if match else None
            values.append(max(error, floor) if error is not None else np.nan)
        positions = np.arange(len(parameters)) + index * height
        axis.barh(positions, values, height=height, label=point)
        for position, value in zip(positions, values, strict=True):
            if value == floor:
                axis.text(floor, position, " 0", va="center", ha="left", fontsize=8)
    axis.set_xscale("log")
    if "disagree" in tolerance:
        axis.axvline(tolerance["disagree"], color="red", ls="--", lw=1, label="disagrees above")
    if "agree" in tolerance:
        axis.axvline(tolerance["agree"], color="green", ls="--", lw=1, label="agrees below")
    # from the shortest bar to the longest bar or tolerance line: the lines are what a bar
    # is read against, so they stay in view even when every error is far below them
    axis.set_xlim(floor / 2, 3 * max([*measured, *tolerance.values(), floor]))
    axis.set_yticks(np.arange(len(parameters)) + height * (len(points) - 1) / 2, parameters)
    axis.invert_yaxis()  # the first parameter on top, as in the table
    axis.set_xlabel("relative error (log scale)")
    axis.set_title("Relative error of each gradient, with the tolerance for your dtype")
    legend_beside(axis)
    return Drawn("relative_error.png", "Relative error per parameter", figure)


def _pre_activations(layers: list[Any], activation: str) -> Drawn:
    count = len(layers)
    figure = new_figure(max(4.0 * count, 6.5) + 1.6, 3.3)
    axes = figure.subplots(1, count, squeeze=False).ravel()
    for index, (axis, values) in enumerate(zip(axes, layers, strict=True)):
        z = array(values)
        z = z[np.isfinite(z)]
        axis.hist(z, bins=40, color="tab:blue")
        low, high = (float(z.min()), float(z.max())) if z.size else (-1.0, 1.0)
        if parse(activation)[0] in ("relu", "leaky_relu"):  # the kink at 0 is the point
            low, high = min(low, 0.0), max(high, 0.0)
        pad = 0.05 * (high - low or 1.0)
        low, high = low - pad, high + pad
        for start, stop, label in _flat_regions(activation):
            left, right = max(start, low), min(stop, high)
            if left < right:
                axis.axvspan(left, right, color="tab:red", alpha=0.15, label=label)
        axis.set_xlim(low, high)  # the data's range, not the shading's
        axis.set_title(f"hidden layer {index + 1} ({activation})")
        axis.set_xlabel("pre-activation z")
        axis.set_ylabel("count (samples x units)")
    shading: dict[str, Any] = {}  # one legend for every panel, right of the last one
    for axis in axes:
        for handle, label in zip(*axis.get_legend_handles_labels(), strict=True):
            shading.setdefault(label, handle)
    legend_beside(axes[-1], shading)
    figure.suptitle("Hidden pre-activations at your parameters (shaded: the unit barely learns)")
    return Drawn("pre_activations.png", "Hidden pre-activations", figure)
