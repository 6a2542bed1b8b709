"""The figures of the recorded run: the training curves and the decision boundary before
and after it.

Panels appear only where they mean something: the dead-ReLU panel for ReLU layers, the
saturation panel for sigmoid and tanh layers, the spread of the outputs only when there
is more than one output to spread. The step axis starts at step 0 and ends at the last
recorded step (a symlog axis left to itself shows a phantom negative region).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize

from netdoctor.render.figure import Drawn, array, legend_beside, new_figure

RELU_LIKE = ("relu",)  # a leaky unit is never dead (record.layer_health)
SQUASHING = ("sigmoid", "tanh")
LINEAR_STEPS = 10  # the step axis is linear up to here, logarithmic after
FEW_POINTS = 10  # up to this many recorded steps, each one is drawn as a dot


def training(curves: dict[str, Any], hidden: str | None) -> Drawn:
    """Loss over the whole width (with the replay and the every-output-0.5 level), and
    below it the panels this network's activation and data make meaningful."""
    hidden = curves.get("hidden_activation") or hidden
    steps = array(curves["steps"])
    # a run that broke within a few steps has too few points for a line to show
    marker = "o" if steps.size <= FEW_POINTS else None
    extra = []
    if curves.get("samples", 2) > 1:
        extra.append("spread")
    if hidden in RELU_LIKE and curves.get("dead_fraction"):
        extra.append("dead")
    if hidden in SQUASHING and curves.get("saturated_fraction"):
        extra.append("saturated")
    layout = [["loss"] * max(len(extra), 1)] + ([extra] if extra else [])
    figure = new_figure(10.0, 3.0 + 2.6 * bool(extra))
    axes = figure.subplot_mosaic(layout)
    _loss(axes["loss"], steps, curves, marker)
    if "spread" in axes:
        axes["spread"].plot(steps, array(curves["output_std"]), color="tab:green", marker=marker)
        axes["spread"].set_title("spread of the outputs over the samples")
        axes["spread"].set_ylabel("standard deviation")
    if "dead" in axes:
        _fraction(axes["dead"], steps, curves["dead_fraction"], "dead ReLUs (worst layer)", marker)
    if "saturated" in axes:
        title = f"saturated {hidden} units (worst layer)"
        _fraction(axes["saturated"], steps, curves["saturated_fraction"], title, marker)
    last = float(np.nanmax(steps)) if steps.size else 0.0
    for axis in axes.values():
        if last > LINEAR_STEPS:
            # the first steps, where things break, stay visible
            axis.set_xscale("symlog", linthresh=LINEAR_STEPS)
            axis.set_xlabel(f"training step (log scale after {LINEAR_STEPS})")
        else:
            axis.set_xlabel("training step")
        axis.set_xlim(0.0, max(last, 1.0))
    figure.suptitle("Your recorded training")
    return Drawn("training.png", "Your recorded training", figure)


def _loss(axis: Any, steps: np.ndarray, curves: dict[str, Any], marker: str | None) -> None:
    axis.plot(steps, array(curves["loss"]), label="your training", marker=marker)
    replay = array(curves.get("replay_loss") or [])
    if replay.size:
        axis.plot(
            steps[: replay.size], replay, ls="--", label="with correct gradients", marker=marker
        )
    coin_flip = curves.get("coin_flip_loss")
    if coin_flip is not None:
        axis.axhline(coin_flip, color="grey", lw=0.8, ls=":", label="every output 0.5")
    axis.set_title("loss")
    axis.set_ylabel("mean loss")
    legend_beside(axis)


def _fraction(
    axis: Any, steps: np.ndarray, values: list[Any], title: str, marker: str | None
) -> None:
    axis.plot(steps, array(values), color="tab:red", marker=marker)
    axis.set_ylim(-0.05, 1.05)  # a fraction's whole range: 0 and 1 both mean something
    axis.set_title(title)
    axis.set_ylabel("fraction of units")


def decision(data: dict[str, Any]) -> Drawn:
    """The network's output over the data's plane at the user's parameters and, when the
    training was recorded, after it: a boundary only means something once trained."""
    xs, ys = array(data["x"]), array(data["y"])
    X, Y = array(data["X"]), array(data["Y"])
    panels = [("before training (your parameters)", array(data["output"]))]
    after = data.get("after")
    if after:
        steps = after["steps"]
        panels.append(
            (f"after {steps} step{'s' * (steps != 1)} of your training", array(after["output"]))
        )
    figure = new_figure(1.9 + 3.8 * len(panels), 3.9)
    axes = figure.subplots(1, len(panels), squeeze=False, sharex=True, sharey=True).ravel()
    levels = np.linspace(0.0, 1.0, 11)
    for axis, (title, output) in zip(axes, panels, strict=True):
        if np.isfinite(output).any():
            axis.contourf(xs, ys, output, levels=levels, cmap="RdBu_r", alpha=0.8)
            finite = output[np.isfinite(output)]
            if finite.min() < 0.5 < finite.max():
                axis.contour(xs, ys, output, levels=[0.5], colors="black", linewidths=1)
        else:
            axis.text(0.5, 0.5, "outputs not finite", ha="center", transform=axis.transAxes)
        for label, marker in ((0.0, "o"), (1.0, "s")):
            chosen = Y == label
            if chosen.any():
                axis.scatter(
                    X[chosen, 0],
                    X[chosen, 1],
                    marker=marker,
                    edgecolor="black",
                    color="white",
                    label=f"label {label:g}",
                )
        axis.set_xlim(xs[0], xs[-1])
        axis.set_ylim(ys[0], ys[-1])
        axis.set_title(title)
        axis.set_xlabel("input 1")
    axes[0].set_ylabel("input 2")
    scale = ScalarMappable(Normalize(0.0, 1.0), cmap="RdBu_r")
    figure.colorbar(scale, ax=list(axes), label="network output")
    legend_beside(axes[-1])
    figure.suptitle("Decision boundary over your data (black line: output 0.5)")
    return Drawn("decision_boundary.png", "Decision boundary", figure)
