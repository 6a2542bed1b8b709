"""ND305 vanishing-or-exploding-gradient: gradient norms shrink or grow by orders of magnitude."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule
from netdoctor.tolerances import EXPLODING, VANISHING

EXPLANATION = {
    "what it does": (
        "Warns when the first layer's gradient norm is under 1e-3 or over 70 times the last "
        "layer's at some recorded step (the ratios used by training debuggers)."
    ),
    "why it breaks training": (
        "One layer learns orders of magnitude faster than another: the slow one barely moves, "
        "the fast one overshoots."
    ),
    "example": "saturated tanh units: first-layer gradient 1e-12 of the output layer's",
    "use instead": "Xavier or He initialisation, scaled inputs, non-saturating activations.",
    "references": "AWS SageMaker Debugger rules 'VanishingGradient' and 'ExplodingTensor'.",
}
# A last layer's gradient this far below its first step's has reached a minimum (the
# penalty of an L2 term balancing the data's pull), not vanished: its ratio says nothing.
SETTLED = 1e-3
FIX = "Initialise each layer with variance 1/n_in (Xavier) or 2/n_in (He), and scale the inputs."


@rule(
    code="ND305",
    name="vanishing-or-exploding-gradient",
    summary="gradient norms shrink or grow by orders of magnitude",
    severity="warning",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    training = evidence.training
    names = training.weight_names if training is not None else ()
    if training is None or len(names) < 2:
        return []
    steps = training.recording.steps
    start = steps[0].gradient_norms.get(names[-1], 0.0) if steps else 0.0
    for record in steps:
        first_norm = record.gradient_norms.get(names[0], 0.0)
        last_norm = record.gradient_norms.get(names[-1], 0.0)
        if last_norm < SETTLED * start:
            continue  # at a minimum (an L2 penalty balancing the data): a ratio of noise
        if first_norm > 0 and last_norm > 0:
            ratio = first_norm / last_norm
            if ratio < VANISHING or ratio > EXPLODING:
                kind = "vanishing" if ratio < VANISHING else "exploding"
                return [
                    check.finding(
                        f"at step {record.step} the first layer's gradient is {ratio:.2g} times "
                        f"the last layer's ({kind}): the layers learn at very different speeds.",
                        {"step": record.step, "ratio": ratio, "kind": kind},
                    )
                ]
    return []
