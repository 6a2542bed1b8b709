"""ND302 stuck-at-half: outputs collapse to 0.5 and the loss to ln 2."""

from __future__ import annotations

from typing import Any

import numpy as np

from netdoctor.dynamics import deaths, stuck_since
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.record import Recording
from netdoctor.rules.registry import rule
from netdoctor.tolerances import DEAD_WARNING

EXPLANATION = {
    "what it does": (
        "Fires when, after 50 steps, the outputs' spread stays under 0.01, their mean within "
        "0.05 of 0.5 and the mean loss within 0.01 of ln 2 = 0.693 until the end of the recorded "
        "run; links the findings that caused it and compares with the same training replayed "
        "with correct gradients."
    ),
    "why it breaks training": (
        "The network predicts a coin flip for every input: the hidden layer carries no "
        "information any more (dead, identical or saturated units)."
    ),
    "example": "every output 0.5 and loss 0.6931 from step 3 on",
    "use instead": (
        "Fix the causes listed with the finding. Scaling the hidden output down does not help: a "
        "dead unit's gradient is 0 at any scale."
    ),
    "references": "Goodfellow, Bengio, Courville, Deep Learning, section 8.2.",
}
FIX = (
    "Fix the causes listed first. Scaling the ReLU outputs down (the usual advice) does not "
    "bring dead units back: it only shrinks a gradient that is already 0."
)


@rule(
    code="ND302",
    name="stuck-at-half",
    summary="outputs collapse to 0.5 and the loss to ln 2",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    training = evidence.training
    if training is None or not training.recording.steps:
        return []
    recording = training.recording
    since = stuck_since(recording)
    if since is None:
        return []
    last = recording.steps[-1]
    causes = []
    during = deaths(recording, training.weight_names)
    died = (during.step, during.explosion) if during is not None else _dead_at_start(recording)
    if died is not None:
        causes.append(f"ND301 dead-relu from step {died[0]}")
        if died[1] is not None:
            step, ratio = died[1]
            causes.append(f"after an update {ratio:.3g} times the weights' norm at step {step}")
    elif any(recording.initial_symmetric):
        causes.append("ND307 symmetric-init")
    facts: dict[str, Any] = {
        "from_step": since,
        "output_mean": last.output_mean,
        "output_std": last.output_std,
        "loss": last.loss,
        "caused_by": causes,
    }
    replay = training.replay
    if replay is not None and np.isfinite(replay.final_loss):
        facts["replay_final_loss"] = replay.final_loss
        if replay.with_biases_added and replay.biases_added_final_loss:
            facts["replay_with_biases_final_loss"] = replay.biases_added_final_loss
    return [check.finding(message(facts), facts)]


def _dead_at_start(recording: Recording) -> tuple[int, None] | None:
    """ND301's second reading: a layer over 10 % dead before training."""
    if any(dead > DEAD_WARNING for dead in recording.initial_dead):
        return 0, None
    return None


def message(facts: dict[str, Any]) -> str:
    """The sentence; `causes.py` rebuilds it with the gradient bugs that caused it."""
    causes = facts["caused_by"]
    return (
        f"outputs are stuck at {facts['output_mean']:.3f} (spread {facts['output_std']:.2g}) and "
        f"the loss at {facts['loss']:.4f} (ln 2 = 0.6931) from step {facts['from_step']} on"
        + (f", {', '.join(causes)}" if causes else "")
        + "."
        + _replay_sentence(facts)
    )


def _replay_sentence(facts: dict[str, Any]) -> str:
    if "replay_final_loss" not in facts:
        return ""
    text = (
        f" With correct gradients the same network reaches loss {facts['replay_final_loss']:.3g}; "
        f"yours ends at {facts['loss']:.3g}."
    )
    if "replay_with_biases_final_loss" in facts:
        text += (
            " Without biases it cannot fit this data; with biases added and correct "
            f"gradients it reaches {facts['replay_with_biases_final_loss']:.3g}."
        )
    return text
