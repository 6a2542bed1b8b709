"""ND301 dead-relu: hidden ReLUs inactive on every sample."""

from __future__ import annotations

from typing import Any

import numpy as np

from netdoctor.dynamics import deaths
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule
from netdoctor.tolerances import DEAD_ERROR, DEAD_WARNING

EXPLANATION = {
    "what it does": (
        "Records your training and counts, per hidden ReLU layer, the units active on under 1 % "
        "of the samples. A layer with over 50 % dead units is an error, from 10 % a warning; "
        "units dead before the first step are found without training. It names the step the "
        "units died and the update that killed them (an update larger than the weights "
        "themselves) and the gradient findings behind it."
    ),
    "why it breaks training": (
        "A ReLU that is negative on every sample has gradient 0: it never changes again. When "
        "all die, the output no longer depends on the input."
    ),
    "example": "b1 = np.full((1, 8), -10.0)   # or one exploding update",
    "use instead": (
        "Correct gradients, a learning rate that keeps updates near 1e-3 of the weights, He "
        "initialisation and biases starting at 0 or slightly positive."
    ),
    "references": (
        "AWS SageMaker Debugger rule 'DeadRelu'; CS231n notes, 'Commonly used activation "
        "functions'."
    ),
}
FIX = (
    "Fix the gradient first; then a smaller learning rate, and biases that start at 0 or "
    "slightly positive, keep ReLUs alive."
)


@rule(
    code="ND301",
    name="dead-relu",
    summary="hidden ReLUs inactive on every sample",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    """Units that die during training (after an explosion, often), else dead at the start."""
    training = evidence.training
    if training is None or not training.recording.steps:
        return []
    died = deaths(training.recording, training.weight_names)
    if died is not None:
        facts: dict[str, Any] = {
            "layer": died.layer,
            "dead_fraction": died.fraction,
            "step": died.step,
            "dead_at_initialisation": died.at_initialisation,
        }
        if died.explosion is not None:
            step, ratio = died.explosion
            facts["explosion"] = {"step": step, "update_to_weight": ratio}
        facts["dead_at_end"] = died.at_end
        # some units died, but the rest learn: the loss fell to under a third of where it
        # started (an NNFS-style net at 97% with three of four units of one layer dead)
        learning = died.at_end < 1.0 and _learned(training.recording.losses())
        return [check.finding(message(facts), facts, severity="warning" if learning else None)]
    for layer, dead in enumerate(training.recording.initial_dead):
        if dead > DEAD_WARNING:
            return [
                check.finding(
                    f"{dead:.0%} of hidden layer {layer + 1}'s ReLUs are dead before training: "
                    "inactive on every sample, they pass no gradient and never recover.",
                    {
                        "layer": layer + 1,
                        "dead_fraction": dead,
                        "step": 0,
                        "at_initialisation": True,
                    },
                    severity="error" if dead > DEAD_ERROR else "warning",
                    line=_line_of(training.negative_bias_lines, layer)
                    or _line_of(training.weight_lines, layer),
                    fix="Start the biases at 0 or a small positive value and scale the weights "
                    "(He initialisation: np.random.randn(n_in, n_out) * np.sqrt(2 / n_in)).",
                )
            ]
    return []


def _learned(losses: Any) -> bool:
    finite = [float(x) for x in losses if np.isfinite(x)]
    return len(finite) > 1 and finite[0] > 0 and finite[-1] < finite[0] / 3


def _line_of(lines: tuple[int | None, ...], layer: int) -> int | None:
    """Where the layer's weights are initialised: the line that made them dead."""
    return lines[layer] if layer < len(lines) else None


def message(facts: dict[str, Any]) -> str:
    """The sentence for deaths during training; `causes.py` rebuilds it with the causes."""
    cause = ""
    if "explosion" in facts:
        explosion = facts["explosion"]
        cause = (
            f", after an update {explosion['update_to_weight']:.3g} times the weights' norm at "
            f"step {explosion['step']}"
        )
    if facts.get("caused_by"):
        cause += f", caused by {' + '.join(facts['caused_by'])}"
    initial = facts["dead_at_initialisation"]
    at_start = f" ({initial:.0%} were dead at initialisation)" if initial else ""
    if facts["dead_at_end"] > facts["dead_fraction"]:
        at_start += f", {facts['dead_at_end']:.0%} by the end"
    return (
        f"{facts['dead_fraction']:.0%} of hidden layer {facts['layer']}'s ReLUs are dead from "
        f"step {facts['step']}{at_start}{cause}: inactive on every sample, they receive no "
        "gradient again."
    )
