"""The rule catalogue: stable codes, names, and the explanations `netdoctor explain` prints.

Codes are never reused. A rule is `implemented` once a check emits it; every implemented
rule carries all explanation sections (a test enforces this), modelled on ruff's rule docs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netdoctor.explanations import EXPLANATIONS

SECTIONS = ("what it does", "why it breaks training", "example", "use instead", "references")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    implemented: bool = False
    explanation: dict[str, str] = field(default_factory=dict)


_SUMMARIES: list[tuple[str, str, str]] = [
    ("ND100", "gradient-mismatch", "a gradient disagrees with the truth and no known bug explains it"),
    ("ND101", "sigmoid-derivative-of-activation", "sigma' evaluated at sigma(z) instead of z"),
    ("ND102", "activation-form-derivative-of-preactivation", "a*(1-a) fed the pre-activation z"),
    ("ND103", "unsimplified-bce-sigmoid", "dL/dA * sigma'(Z) computed separately; use dZ = A - Y"),
    ("ND104", "mse-delta-with-bce", "output delta (A-Y)*sigma'(Z) while the loss is BCE"),
    ("ND105", "sign-flipped", "gradient is minus the truth: training climbs the loss"),
    ("ND106", "scale", "gradient is c times the truth (sum vs mean is a convention)"),
    ("ND107", "transposed-or-misshapen", "gradient shape differs from its parameter's"),
    ("ND108", "bias-gradient-not-reduced", "a bias gradient not summed over samples, or missing"),
    ("ND109", "wrong-activation-derivative", "the derivative of another activation than the forward used"),
    ("ND110", "missing-activation-derivative", "the hidden delta lacks the activation's derivative"),
    ("ND111", "stale-weights", "a delta computed with weights already updated in this step"),
    ("ND112", "mutates-arrays", "a function changed arrays it was handed"),
    ("ND201", "no-bias", "a layer has no bias: f(0) is pinned, XOR cannot be fit"),
    ("ND202", "double-activation-forward", "an activation applied twice in the forward pass"),
    ("ND203", "loss-not-bce", "the loss differs from BCE (sign, missing term, reduction)"),
    ("ND204", "unguarded-log", "log of an output that reaches 0 or 1: inf/NaN loss"),
    ("ND205", "exp-overflow", "1/(1+exp(-x)) overflows for large negative x"),
    ("ND206", "label-broadcast", "labels of shape (m,) against outputs (m,1) broadcast to (m,m)"),
    ("ND207", "output-out-of-range", "outputs outside (0,1) fed to BCE"),
    ("ND301", "dead-relu", "hidden ReLUs inactive on every sample"),
    ("ND302", "stuck-at-half", "outputs collapse to 0.5 and the loss to ln 2"),
    ("ND303", "loss-plateau", "the loss stops falling far from its floor"),
    ("ND304", "saturated-units", "sigmoid/tanh units pinned at their rails"),
    ("ND305", "vanishing-or-exploding-gradient", "gradient norms shrink or grow by orders of magnitude"),
    ("ND306", "nan-divergence", "loss or weights become NaN/inf at a named step"),
    ("ND307", "symmetric-init", "hidden units identical: symmetry never breaks"),
    ("ND308", "learning-rate", "the step is too large or too small"),
    ("ND309", "targets-out-of-range", "targets the output activation cannot reach"),
    ("ND310", "unscaled-inputs", "input features on scales that saturate the first layer"),
]  # fmt: skip

_EXPLANATIONS: dict[str, dict[str, str]] = {
    "ND100": {
        "what it does": (
            "Compares each gradient your code computes with the true gradient of the loss "
            "(exact analytic backprop when your forward pass matches a known architecture, "
            "finite differences otherwise), at your own parameters and at a fresh random "
            "point, and reports a parameter whose gradient disagrees when no more specific "
            "rule explains the difference."
        ),
        "why it breaks training": (
            "Gradient descent only decreases the loss if it follows the gradient. A wrong "
            "gradient makes training slow, stall at a plateau, or diverge; the loss curve "
            "rarely says why."
        ),
        "example": "dW1 = X.T @ (dZ2 @ W2.T)   # hidden derivative and a factor forgotten",
        "use instead": (
            "Derive each delta from the one after it: dZ2 = A2 - Y; dW2 = A1.T @ dZ2; "
            "dZ1 = (dZ2 @ W2.T) * act'(Z1); dW1 = X.T @ dZ1; biases sum the deltas over samples."
        ),
        "references": (
            "CS231n notes, 'Gradient checks' (relative error thresholds); "
            "Goodfellow et al., Deep Learning, section 6.5."
        ),
    },
    "ND106": {
        "what it does": (
            "Fits the best scalar c with your gradient = c x the summed true gradient. c = 1 "
            "(sum over samples) and c = 1/m (mean) are both conventions and are reported as "
            "info; the same network using sum for some parameters and mean for others is an "
            "error; any other c (2, 0.5, m) is an error."
        ),
        "why it breaks training": (
            "Different scales in different parameters are different learning rates per layer: "
            "one layer barely moves while another overshoots. A consistent mean only rescales "
            "the learning rate."
        ),
        "example": "dW2 = A1.T @ dZ2 / m   but   dW1 = X.T @ dZ1   # mean for one, sum for the other",
        "use instead": "Divide every gradient by m, or none of them; tune the learning rate to match.",
        "references": "CS231n notes, 'Gradient checks'; the classic exercise (summed gradients).",
    },
    "ND107": {
        "what it does": (
            "Compares each gradient's shape with its parameter's. A transposed gradient or one "
            "of another shape is an error; (h,) for a (1, h) bias, which updates correctly, "
            "is accepted."
        ),
        "why it breaks training": (
            "`W -= lr * dW` with dW transposed either fails or, for square matrices, silently "
            "updates the wrong entries; a (h, 1) bias gradient for a (1, h) bias broadcasts "
            "the bias to (h, h)."
        ),
        "example": "dW1 = dZ1.T @ X   # shape (h, d) for W1 of shape (d, h)",
        "use instead": "dW1 = X.T @ dZ1: the gradient of a parameter always has its shape.",
        "references": "NumPy broadcasting rules (numpy.org/doc/stable/user/basics.broadcasting).",
    },
    "ND112": {
        "what it does": (
            "Gives your gradient function copies of the weights and compares them after the "
            "call. A gradient or forward function that changes the arrays it was handed is "
            "reported."
        ),
        "why it breaks training": (
            "The caller's weights change behind its back (often twice per step), and cached "
            "forward values overwritten in place (`a[a > 0] = 1`) corrupt every later use."
        ),
        "example": "def relu_derivative(z):\n    z[z > 0] = 1   # overwrites the cached Z1\n    return z",
        "use instead": "Return new arrays: `return (z > 0).astype(float)`; update weights only in the training step.",
        "references": "NumPy docs, 'Copies and views'.",
    },
    "ND203": {
        "what it does": (
            "Reports which loss the gradients were checked against when it is not BCE: your "
            "own loss function when it is squared error, or, when the file names no loss and "
            "its gradients are exactly those of squared error, MSE (as info, not a bug)."
        ),
        "why it breaks training": (
            "Squared error on a sigmoid output has gradients that vanish when the output "
            "saturates on the wrong side, so learning is slow from confident mistakes; BCE "
            "with dZ = A - Y does not."
        ),
        "example": "d_output = 2 * (y - output) * sigmoid_derivative(output)",
        "use instead": "For 0/1 targets, BCE: dZ2 = A2 - Y.",
        "references": "Nielsen, Neural Networks and Deep Learning, chapter 3 (cross-entropy).",
    },
    "ND206": {
        "what it does": (
            "Runs your code on your own labels; when labels of shape (m,) make it fail or "
            "give (m, m) arrays, while labels of shape (m, 1) work, it reports the broadcast."
        ),
        "why it breaks training": (
            "A2 - Y with A2 (m, 1) and Y (m,) is an (m, m) matrix: every output is compared "
            "with every label, the loss and gradients are averages over wrong pairs, and the "
            "outputs drift to the label mean (often 0.5)."
        ),
        "example": "y = np.array([0, 1, 1, 0])   # shape (4,), outputs have shape (4, 1)",
        "use instead": "y = np.array([[0], [1], [1], [0]]) or y.reshape(-1, 1).",
        "references": "NumPy docs, 'Broadcasting'.",
    },
}


_EXPLANATIONS.update(EXPLANATIONS)

RULES: dict[str, Rule] = {
    code: Rule(code, name, summary, code in _EXPLANATIONS, _EXPLANATIONS.get(code, {}))
    for code, name, summary in _SUMMARIES
}


def rule(code: str) -> Rule:
    return RULES[code]
