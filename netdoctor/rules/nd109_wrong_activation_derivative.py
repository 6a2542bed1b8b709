"""ND109 wrong-activation-derivative: the derivative of another activation than the forward used."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from netdoctor.activations import ACTIVATIONS, derivative
from netdoctor.bugs import Bug, HiddenDerivative, Mutation
from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.reference import Architecture
from netdoctor.rules.registry import rule
from netdoctor.rules.shared import mutant_findings

EXPLANATION = {
    "what it does": (
        "Reproduces your hidden gradients with a wrong derivative of the hidden activation: "
        "another activation's than the one your forward pass applies (tanh' for a sigmoid "
        "layer, sigmoid' for tanh, the ReLU step for a smooth activation), in terms of z or of "
        "the activation; tanh' applied to the already-activated layer (1 - tanh(A1)^2); an "
        "incomplete form such as (1 - A1); or the activation itself (A1, relu(Z1)) where its "
        "derivative belongs."
    ),
    "why it breaks training": (
        "The hidden layer follows a direction that is not the gradient: learning is slow or "
        "stalls, and for 1 - a**2 on a sigmoid layer the scale is off by up to 4x."
    ),
    "example": "dZ1 = (dZ2 @ W2.T) * (1 - A1 ** 2)   # the layer is sigmoid",
    "use instead": "dZ1 = (dZ2 @ W2.T) * A1 * (1 - A1) for sigmoid; 1 - A1**2 for tanh.",
    "references": "CS231n course notes, 'Neural Networks Part 3: gradient checks'.",
}
FIX = "Use the derivative of the activation the forward pass applies to this layer."


# Derivatives as people write them in terms of the activation a.
FORMS_OF_ACTIVATION: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": lambda a: a * (1.0 - a),
    "tanh": lambda a: 1.0 - a * a,
    "relu": lambda a: (a > 0).astype(np.float64),
}


def mutations(arch: Architecture) -> list[Mutation]:
    """Another activation's derivative, of z or written for the activation."""
    hidden = arch.hidden_activation
    found = [
        Mutation(
            Bug(
                "ND109",
                "hidden",
                f"derivative-of-{other}",
                f"the hidden delta uses the derivative of {other} while the layer is {hidden}",
            ),
            hidden=(lambda name: lambda z, a: derivative(name, z))(other),
        )
        for other in ACTIVATIONS
        if other not in (hidden, "identity")
    ]
    found += [
        Mutation(
            Bug(
                "ND109",
                "hidden",
                f"{other}-form-on-activation",
                f"the hidden delta uses the {other} derivative written in terms of the "
                f"activation while the layer is {hidden}",
            ),
            hidden=(lambda f: lambda z, a: f(a))(form),
        )
        for other, form in FORMS_OF_ACTIVATION.items()
        if other != hidden
    ]
    found += [
        Mutation(Bug("ND109", "hidden", key, description), hidden=slope)
        for key, description, slope in _INCOMPLETE_OR_ON_ACTIVATION.get(hidden, [])
    ]
    if hidden != "identity":  # `dZ1 = dA1 * relu(Z1)`, `delta * H` for H * (1 - H)
        found.append(
            Mutation(
                Bug(
                    "ND109",
                    "hidden",
                    "activation-for-derivative",
                    f"the hidden delta multiplies by the activation A1 = {hidden}(Z1) itself "
                    "where its derivative belongs",
                ),
                hidden=lambda z, a: a,
            )
        )
    return found


# Derivatives of the right activation, wrongly formed: handed the activation instead of z,
# or missing a factor.
_INCOMPLETE_OR_ON_ACTIVATION: dict[str, list[tuple[str, str, HiddenDerivative]]] = {
    "tanh": [
        (
            "tanh-of-activation",
            "the hidden delta multiplies by tanh'(A1) = 1 - tanh(A1)^2: the derivative applied "
            "to the already-activated layer",
            lambda z, a: 1.0 - np.tanh(a) ** 2,
        ),
        (
            "tanh-one-minus-a",
            "the hidden delta multiplies by (1 - A1): half of tanh's derivative 1 - A1^2",
            lambda z, a: 1.0 - a,
        ),
    ],
    "sigmoid": [
        (
            "sigmoid-one-minus-a",
            "the hidden delta multiplies by (1 - A1): half of the sigmoid's derivative "
            "A1 * (1 - A1)",
            lambda z, a: 1.0 - a,
        ),
    ],
}


@rule(
    code="ND109",
    name="wrong-activation-derivative",
    summary="a wrong derivative for the hidden activation (another's, or misapplied)",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
    mutations=mutations,
)
def check(evidence: Evidence) -> list[Finding]:
    return mutant_findings(check, evidence)
