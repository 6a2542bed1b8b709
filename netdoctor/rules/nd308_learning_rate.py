"""ND308 learning-rate: the step is too large or too small."""

from __future__ import annotations

from netdoctor.dynamics import (
    finite_losses,
    loss_rises,
    median_update_ratio,
    replay_descends,
    rising_fraction,
    too_small,
)
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Error when the loss rises under training (ends 1.5 times higher than it started, or "
        "rises in over 40 % of the recorded steps and ends higher); warning when each update "
        "moves the weights by under 1e-5 of their norm (about 1e-3 is healthy) and the loss "
        "moves by under 1 %."
    ),
    "why it breaks training": (
        "Too large: each step overshoots the minimum and the loss grows or oscillates. Too "
        "small: nothing happens in any reasonable number of steps."
    ),
    "example": "lr = 30.0 with summed gradients",
    "use instead": "Change the learning rate by factors of 10 until the loss falls steadily.",
    "references": "CS231n course notes, 'Neural Networks Part 3: gradient checks'.",
}
FIX = (
    "Lower the learning rate (divide by 10 until the loss falls), or check the gradient's sign "
    "and scale."
)


@rule(
    code="ND308",
    name="learning-rate",
    summary="the step is too large or too small",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    """Too large: the loss rises. Too small: updates a 1e-5 of the weights, loss unmoved.
    (`causes.py` withdraws "too large" when correct gradients descend from the same start
    and a gradient bug explains the rise.)"""
    training = evidence.training
    if training is None or not training.recording.steps:
        return []
    recording = training.recording
    finite = finite_losses(recording)
    if finite.size < 3 or recording.first_non_finite_step is not None:
        return []
    if loss_rises(recording):
        return [
            check.finding(
                f"the loss rises under training: {finite[0]:.4g} -> {finite[-1]:.4g} over "
                f"{recording.steps_run} steps at learning rate {recording.learning_rate:g}; "
                + (
                    f"it went up in {rising_fraction(finite):.0%} of the recorded steps."
                    if rising_fraction(finite) >= 0.05
                    else "it jumped up within a few steps and stayed there: a step that "
                    "large drives the outputs to where their gradients vanish."
                ),
                {
                    "initial_loss": float(finite[0]),
                    "final_loss": float(finite[-1]),
                    "kind": "too large",
                    "replay_descends": replay_descends(recording, training.replay),
                },
                line=training.rate_line,
            )
        ]
    if too_small(recording, training.weight_names):
        median = median_update_ratio(recording, training.weight_names)
        return [
            check.finding(
                f"each update changes the weights by {median:.2g} of their norm (about 1e-3 is "
                "healthy) and the loss moved by under 1 %: the learning rate "
                f"{recording.learning_rate:g} is too small for this network.",
                {"median_update_to_weight": median, "kind": "too small"},
                severity="warning",
                line=training.rate_line,
                fix="Raise the learning rate by factors of 10 while the loss keeps falling.",
            )
        ]
    return []
