"""ND303 loss-plateau: the loss stops falling far from its floor."""

from __future__ import annotations

from netdoctor.dynamics import finite_losses, plateaued, stuck_since
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule
from netdoctor.tolerances import WARM_UP

EXPLANATION = {
    "what it does": (
        "Fires when the loss falls by under 1 % over the second half of the run while above 0.1, "
        "and the replay with correct gradients reaches less than half of it."
    ),
    "why it breaks training": "Training has stopped making progress the network could make.",
    "example": "loss 0.690 for 1000 steps while the replay reaches 0.0005",
    "use instead": "Fix the gradient findings; then tune the learning rate.",
    "references": "CS231n course notes, 'Neural Networks Part 3: gradient checks'.",
}
FIX = "Fix the gradient findings above; then consider the learning rate."


@rule(
    code="ND303",
    name="loss-plateau",
    summary="the loss stops falling far from its floor",
    severity="warning",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    training = evidence.training
    if training is None or not training.recording.steps:
        return []
    recording, replay = training.recording, training.replay
    finite = finite_losses(recording)
    if finite.size < 3 or recording.first_non_finite_step is not None:
        return []
    if stuck_since(recording) is not None:
        return []  # ND302 tells it (and a learning rate to blame: `causes.py` keeps ND308)
    if not (
        recording.steps_run > WARM_UP
        and finite[-1] > 0.1
        and plateaued(finite)
        and replay is not None
        and replay.final_loss < 0.5 * finite[-1]
    ):
        return []
    return [
        check.finding(
            f"the loss stopped falling at {finite[-1]:.4g} (under 1 % in the second half of the "
            f"run); with correct gradients the same network reaches {replay.final_loss:.3g}.",
            {"loss": float(finite[-1]), "replay_final_loss": replay.final_loss},
        )
    ]
