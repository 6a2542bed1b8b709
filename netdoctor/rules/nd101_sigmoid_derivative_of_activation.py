"""ND101 sigmoid-derivative-of-activation: sigma' evaluated at sigma(z) instead of z."""

from __future__ import annotations

from netdoctor.bugs import Bug, Mutation, loss_factor, sigmoid_slope_of_activation
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "Reproduces your gradients with the reference backprop in which the sigmoid derivative "
        "is evaluated at the activation a = sigma(z) instead of at z, at the output or in a "
        "sigmoid hidden layer. It fires when that mutant equals your gradients to rounding at "
        "every checked point while the truth does not."
    ),
    "why it breaks training": (
        "sigma'(sigma(z)) is never larger than 0.235 and never smaller than 0.197: the delta "
        "loses its dependence on how wrong the output is. With squared error near outputs of 0.5 "
        "it is only a few percent off, so training looks almost normal; with cross-entropy it "
        "scales every gradient by about 0.22 and slows learning."
    ),
    "example": (
        "def sigmoid_derivative(x):\n    return sigmoid(x) * (1 - sigmoid(x))\nd_output = error "
        "* sigmoid_derivative(output)   # output is already sigmoid(z)"
    ),
    "use instead": (
        "Hand the derivative the pre-activation (sigmoid_derivative(z)), or write it for the "
        "activation: output * (1 - output). With BCE the output delta is just output - y."
    ),
    "references": (
        "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
    ),
}
FIX = (
    "Call the derivative helper with the pre-activation z, not with sigmoid(z), or write it for "
    "the activation: a * (1 - a). With binary cross-entropy and a sigmoid output, the output "
    "delta is simply dZ = A - Y."
)
# The finding's own fix names the one form that fits where the bug is and the user's loss:
# under BCE, "call the helper with z" at the output would give the squared-error delta
# (ND104) and send the user round in circles.
FIX_OUTPUT_BCE = (
    "Your loss is binary cross-entropy: with a sigmoid output the output delta is simply "
    "dZ = A - Y (output - y), with no sigmoid derivative at all. (Calling the derivative "
    "helper with z instead would give the squared-error delta, ND104.)"
)
FIX_OUTPUT_SQUARED = (
    "Your loss is squared error: keep the derivative, but evaluate it at the pre-activation, "
    "sigmoid_derivative(z), or write it for the activation: a * (1 - a) with a the output."
)
FIX_OUTPUT_UNNAMED = (
    "No loss is named, so it was checked against binary cross-entropy. With binary "
    "cross-entropy and a sigmoid output the output delta is simply dZ = A - Y, with no "
    "derivative (calling the helper with z would give the squared-error delta, ND104). "
    "With squared error, keep the derivative but evaluate it at the pre-activation, "
    "sigmoid_derivative(z), or write it for the activation: a * (1 - a) with a the output."
)
FIX_OUTPUT_UNNAMED_SQUARED = (
    "No loss is named and your gradients fit squared error, so it was checked against "
    "squared error: keep the sigmoid's derivative but evaluate it at the pre-activation, "
    "sigmoid_derivative(z), or write it for the activation: a * (1 - a) with a the output. "
    "(With binary cross-entropy the output delta would simply be dZ = A - Y.)"
)
FIX_HIDDEN = (
    "Evaluate the hidden layer's sigmoid derivative at its pre-activation, "
    "sigmoid_derivative(z), or write it for the activation: a * (1 - a) with a the hidden "
    "layer's output."
)


def mutations(arch: Architecture) -> list[Mutation]:
    """sigma' evaluated at the activation, in the output delta or a sigmoid hidden layer."""
    found = [
        Mutation(
            Bug(
                "ND101",
                "output",
                "sigmoid-of-activation",
                "the output delta multiplies by sigmoid'(output): sigmoid applied to the "
                "already-activated output",
            ),
            output=lambda arch, z, a, y: (
                loss_factor(arch) * (a - y) * sigmoid_slope_of_activation(a)
            ),
        )
    ]
    if arch.hidden_activation == "sigmoid":
        found.append(
            Mutation(
                Bug(
                    "ND101",
                    "hidden",
                    "sigmoid-of-activation",
                    "the hidden delta multiplies by sigmoid'(A1): sigmoid applied to the "
                    "already-activated hidden layer",
                ),
                hidden=lambda z, a: sigmoid_slope_of_activation(a),
            )
        )
    return found


@rule(
    code="ND101",
    name="sigmoid-derivative-of-activation",
    summary="sigma' evaluated at sigma(z) instead of z",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    loss = evidence.gradients.loss

    def fix(bug: Bug) -> str:
        if bug.place != "output":
            return FIX_HIDDEN
        if not loss.named:
            return FIX_OUTPUT_UNNAMED if loss.loss == "bce" else FIX_OUTPUT_UNNAMED_SQUARED
        return FIX_OUTPUT_BCE if loss.loss == "bce" else FIX_OUTPUT_SQUARED

    return mutant_findings(check, evidence, fix)
