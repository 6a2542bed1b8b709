"""ND103 unsimplified-bce-sigmoid: dL/dA * sigma'(Z) computed separately; use dZ = A - Y."""

from __future__ import annotations

import math

from netdoctor.bugs import Bug, Mutation, sigmoid_slope_of_activation
from netdoctor.evidence import USER_POINT, Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "Runs your gradient code at a point whose output logits are +-50 (outputs exactly 0 or 1 "
        "in float64). Fires, as a warning, when your gradients turn NaN or inf there while the "
        "true ones are finite."
    ),
    "why it breaks training": (
        "dL/dA = -(Y/A) + (1-Y)/(1-A) divides by zero when an output saturates; the product with "
        "sigma'(Z) = 0 is then NaN. Everything is right until training becomes confident, then "
        "the weights become NaN."
    ),
    "example": "dA2 = -(Y / A2) + (1 - Y) / (1 - A2)\ndZ2 = dA2 * A2 * (1 - A2)",
    "use instead": "dZ2 = A2 - Y: the same value, simplified, finite everywhere.",
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = (
    "Compute the output delta directly, dZ = A - Y: it is dL/dA * sigma'(Z) simplified, and it "
    "never divides by A or 1 - A."
)


UNSIMPLIFIED = Bug(
    "ND103",
    "output",
    "unsimplified-bce",
    "the BCE derivative dL/dA = -(Y/A) + (1-Y)/(1-A) is formed on its own: it divides by "
    "zero once an output saturates",
    severity="warning",
)


def mutations(arch: Architecture) -> list[Mutation]:
    """dL/dA formed on its own, then times sigma'(A): both classic mistakes in one line."""
    if arch.loss != "bce":
        return []
    return [
        Mutation(
            Bug(
                "ND101",
                "output",
                "sigmoid-of-activation",
                "the output delta multiplies dL/dA by sigmoid'(output): sigmoid applied to "
                "the already-activated output",
                also=(UNSIMPLIFIED,),
            ),
            output=lambda arch, z, a, y: (
                (-(y / a) + (1.0 - y) / (1.0 - a)) * sigmoid_slope_of_activation(a)
            ),
        )
    ]


@rule(
    code="ND103",
    name="unsimplified-bce-sigmoid",
    summary="dL/dA * sigma'(Z) computed separately; use dZ = A - Y",
    severity="warning",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    """From the mutant that proves it, else the saturation probe; with NaN gradients at the
    user's own parameters already, an error now rather than a warning about the future."""
    found = mutant_findings(check, evidence)
    probe = evidence.probes.unsimplified
    if not found and probe is not None:
        # with another bug in the same gradients (a sign slip), "right" would be untrue
        moderate = (
            "your gradients are right while outputs are moderate, but once"
            if all(v.kind in _UP_TO_A_CONVENTION for v in evidence.gradients.verdicts)
            else "besides the other errors here, once"
        )
        found = [
            check.finding(
                f"{moderate} an output "
                f"saturates (logit {probe.logit:g}, output exactly 0 or 1) the gradients of "
                f"{', '.join(probe.parameters)} become NaN or inf while the true ones are "
                "finite: the BCE derivative dL/dA = -(Y/A) + (1-Y)/(1-A) divides by zero "
                "before sigma'(Z) = 0 multiplies it.",
                {"parameters": list(probe.parameters), "logit": probe.logit},
                fix="Compute the output delta directly: dZ = A - Y (it is the simplified "
                "product of dL/dA and sigma'(Z)), and never divide by A or 1 - A.",
                line=probe.line,
            )
        ]
    nan = _nan_at_user_point(evidence)
    if found and not nan and _training_went_non_finite(evidence):
        first = found[0]
        step = evidence.training.recording.first_non_finite_step  # type: ignore[union-attr]
        return [
            check.finding(
                f"your training reached inf or NaN at step {step}, and this is why: "
                + first.message,
                {**first.evidence, "non_finite_step": step},
                severity="error",
                fix=first.fix,
                location=first.location,
            ),
            *found[1:],
        ]
    if not found or not nan:
        return found
    first = found[0]
    upgraded = check.finding(
        f"at your own parameters an output is already saturated to exactly 0 or 1, and your "
        f"gradients of {', '.join(nan)} are NaN or inf there while the true ones are finite. "
        + first.message[:1].upper()
        + first.message[1:],
        {**first.evidence, "nan_at_your_parameters": nan},
        severity="error",
        fix=first.fix,
        location=first.location,
    )
    return [upgraded, *found[1:]]


_UP_TO_A_CONVENTION = ("agrees", "sum", "mean", "scaled", "uncheckable")


def _nan_at_user_point(evidence: Evidence) -> list[str]:
    return sorted(
        v.name
        for v in evidence.gradients.verdicts
        if v.kind == "not-finite" and v.point == USER_POINT
    )


def _training_went_non_finite(evidence: Evidence) -> bool:
    """The recorded training turned inf/NaN while the same start with the true gradients
    stayed finite: the saturation this rule warns of happened, and it is why."""
    training = evidence.training
    return (
        training is not None
        and training.recording.first_non_finite_step is not None
        and training.replay is not None
        and math.isfinite(training.replay.final_loss)
    )


def nan_is_unsimplified_bce(evidence: Evidence) -> bool:
    """NaN gradients at the user's point are ND103's doing when it is proved or probed."""
    return "ND103" in evidence.gradients.bug_codes() or evidence.probes.unsimplified is not None
