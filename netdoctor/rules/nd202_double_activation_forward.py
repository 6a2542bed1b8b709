"""ND202 double-activation-forward: an activation applied twice in the forward pass."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netdoctor.activations import stable_sigmoid
from netdoctor.bugs import Bug, Mutation, loss_factor
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

if TYPE_CHECKING:
    import numpy as np

    from netdoctor.reference import Architecture

EXPLANATION = {
    "what it does": (
        "Compares your forward pass with reference networks in which one activation is applied "
        "twice (sigmoid(sigmoid(z)) at the output, act(act(z)) in a hidden layer); fires when "
        "one of them reproduces your outputs."
    ),
    "why it breaks training": (
        "sigmoid(sigmoid(z)) only spans (0.5, 0.73): labels of 0 are out of reach and the loss "
        "cannot fall below a floor. A doubled hidden activation changes the layer's range and "
        "its derivative no longer matches."
    ),
    "example": "A2 = sigmoid(sigmoid(Z2))   # or: A2 = sigmoid(Z2); output = sigmoid(A2)",
    "use instead": "A2 = sigmoid(Z2), and use A2 as the output.",
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = (
    "Apply {activation} once: compute the activation from z, and do not pass an already "
    "activated value through it again."
)


DOUBLED_DELTA = (
    "the backward pass starts from the doubly squashed output: the output delta is formed "
    "from sigmoid(sigmoid(z)), so every gradient is that of neither network"
)


def mutations(arch: Architecture) -> list[Mutation]:
    """The backward pass of the right network, fed the forward pass's doubled output: the
    gradients then disagree everywhere, and the cause is this one line of the forward."""

    def doubled_delta(
        arch: Architecture, z: np.ndarray, a: np.ndarray, y: np.ndarray
    ) -> np.ndarray:
        doubled = stable_sigmoid(a)
        if arch.loss == "bce":
            return doubled - y
        return loss_factor(arch) * (doubled - y) * doubled * (1.0 - doubled)

    return [
        Mutation(
            Bug("ND202", "output", "doubled-output-delta", DOUBLED_DELTA), output=doubled_delta
        )
    ]


@rule(
    code="ND202",
    name="double-activation-forward",
    summary="an activation applied twice in the forward pass",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    """One finding at the forward line; the gradients it spoils are in its evidence."""
    found = evidence.probes.double_activation
    from_gradients = mutant_findings(check, evidence, lambda bug: FIX.format(activation="sigmoid"))
    if found is None:
        return from_gradients
    spoiled = from_gradients[0].evidence.get("parameters", []) if from_gradients else []
    if found.place == "loss":
        return [_squashed_before_the_loss(found.activation, found.line)]
    where = "output" if found.place == "output" else "hidden layer"
    activation = found.activation
    return [
        check.finding(
            f"your forward pass applies {activation} twice to the {where}: it equals the "
            f"reference network with {activation}({activation}(z)) there. "
            + (
                "The outputs can only range over (0.5, 0.73), so a 0 label is never reached."
                if found.place == "output"
                else "The layer's range and slope are not what its derivative assumes."
            )
            + (
                f" Your backward pass starts from that output, so the gradients of "
                f"{', '.join(spoiled)} disagree with the truth too: fixing the forward pass "
                "fixes them."
                if spoiled
                else ""
            ),
            {"place": found.place, "activation": activation, "gradients": spoiled},
            fix=FIX.format(activation=activation),
            line=found.line,
        )
    ]


def _squashed_before_the_loss(activation: str, line: int | None) -> Finding:
    return check.finding(
        f"your loss is computed from {activation}(output), but the network's output is "
        f"already {activation}(z): the loss you watch is that of {activation}({activation}(z)), "
        "an output that only ranges over (0.5, 0.73), so it stalls whatever the network "
        "learns. "
        "Your gradients follow the network's own output, not that loss.",
        {"place": "loss", "activation": activation, "gradients": []},
        fix=(
            f"Compute the loss from the output itself: it is already {activation}(z); do not "
            f"pass it through {activation} again."
        ),
        line=line,
    )
