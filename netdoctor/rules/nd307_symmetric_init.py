"""ND307 symmetric-init: hidden units identical: symmetry never breaks."""

from __future__ import annotations

from netdoctor.evidence import Evidence
from netdoctor.findings import Finding
from netdoctor.rules.registry import rule

EXPLANATION = {
    "what it does": (
        "Before training: fires when a hidden layer's units have identical incoming weights and "
        "biases (zero or constant initialisation)."
    ),
    "why it breaks training": (
        "Identical units receive identical gradients and stay identical forever: the layer acts "
        "as one unit."
    ),
    "example": "W1 = np.zeros((2, 4))",
    "use instead": "W1 = np.random.randn(2, 4) * np.sqrt(1 / 2) (random, small).",
    "references": "Goodfellow, Bengio, Courville, Deep Learning, section 8.4.",
}
FIX = (
    "Initialise weights randomly: np.random.randn(n_in, n_out) * np.sqrt(1 / n_in) (biases may "
    "start at zero)."
)


@rule(
    code="ND307",
    name="symmetric-init",
    summary="hidden units identical: symmetry never breaks",
    severity="error",
    explanation=EXPLANATION,
    fix=FIX,
)
def check(evidence: Evidence) -> list[Finding]:
    training = evidence.training
    if training is None or not any(training.recording.initial_symmetric):
        return []
    layers = [i + 1 for i, s in enumerate(training.recording.initial_symmetric) if s]
    lines = training.weight_lines
    return [
        check.finding(
            f"hidden layer(s) {layers} start with identical units (zero or constant initial "
            "weights): every unit gets the same gradient, so they stay identical and the layer "
            "works like a single unit.",
            {"layers": layers},
            line=lines[layers[0] - 1] if layers[0] - 1 < len(lines) else None,
        )
    ]
