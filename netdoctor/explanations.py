"""Explanations of the diagnosis rules (ND101-ND112, ND2xx), in the catalogue's sections.

Kept apart from the catalogue's table so each reads as prose. Thresholds a rule uses are
stated here, next to why they are what they are.
"""

from __future__ import annotations

_CS231N = "CS231n course notes, 'Neural Networks Part 3: gradient checks'."
_BISHOP = (
    "Bishop, Pattern Recognition and Machine Learning, section 4.3.2 (sigmoid + cross-entropy)."
)

EXPLANATIONS: dict[str, dict[str, str]] = {
    "ND101": {
        "what it does": (
            "Reproduces your gradients with the reference backprop in which the sigmoid "
            "derivative is evaluated at the activation a = sigma(z) instead of at z, at the "
            "output or in a sigmoid hidden layer. It fires when that mutant equals your "
            "gradients to rounding at every checked point while the truth does not."
        ),
        "why it breaks training": (
            "sigma'(sigma(z)) is never larger than 0.235 and never smaller than 0.197: the "
            "delta loses its dependence on how wrong the output is. With squared error near "
            "outputs of 0.5 it is only a few percent off, so training looks almost normal; "
            "with cross-entropy it scales every gradient by about 0.22 and slows learning."
        ),
        "example": (
            "def sigmoid_derivative(x):\n    return sigmoid(x) * (1 - sigmoid(x))\n"
            "d_output = error * sigmoid_derivative(output)   # output is already sigmoid(z)"
        ),
        "use instead": (
            "Hand the derivative the pre-activation (sigmoid_derivative(z)), or write it "
            "for the activation: output * (1 - output). With BCE the output delta is just "
            "output - y."
        ),
        "references": _BISHOP,
    },
    "ND102": {
        "what it does": (
            "Reproduces your gradients with a derivative written for the activation, "
            "a * (1 - a), fed the pre-activation z instead."
        ),
        "why it breaks training": (
            "z * (1 - z) is negative for z > 1 and z < 0: the delta changes sign and the "
            "update pushes the weights the wrong way for most units."
        ),
        "example": "dZ1 = (dZ2 @ W2.T) * Z1 * (1 - Z1)",
        "use instead": "dZ1 = (dZ2 @ W2.T) * A1 * (1 - A1) with A1 = sigmoid(Z1).",
        "references": _BISHOP,
    },
    "ND103": {
        "what it does": (
            "Runs your gradient code at a point whose output logits are +-50 (outputs exactly "
            "0 or 1 in float64). Fires, as a warning, when your gradients turn NaN or inf "
            "there while the true ones are finite."
        ),
        "why it breaks training": (
            "dL/dA = -(Y/A) + (1-Y)/(1-A) divides by zero when an output saturates; the "
            "product with sigma'(Z) = 0 is then NaN. Everything is right until training "
            "becomes confident, then the weights become NaN."
        ),
        "example": ("dA2 = -(Y / A2) + (1 - Y) / (1 - A2)\ndZ2 = dA2 * A2 * (1 - A2)"),
        "use instead": "dZ2 = A2 - Y: the same value, simplified, finite everywhere.",
        "references": _BISHOP,
    },
    "ND104": {
        "what it does": (
            "Reproduces your gradients with the output delta of squared error, (A - Y) * "
            "A * (1 - A), while your file computes a cross-entropy (a log of the outputs, "
            "the classic exercise's signature, or a BCE loss function). A file that names no "
            "loss is not accused: it is checked against squared error instead (ND203, info)."
        ),
        "why it breaks training": (
            "The extra A * (1 - A) vanishes when an output is confidently wrong, exactly "
            "when the cross-entropy gradient is largest: saturated mistakes stop learning."
        ),
        "example": "dZ2 = (A2 - Y) * A2 * (1 - A2)   # with loss = -mean(Y log A2 + ...)",
        "use instead": "dZ2 = A2 - Y.",
        "references": _BISHOP,
    },
    "ND105": {
        "what it does": "Fires when a gradient equals minus the true one (sum or mean).",
        "why it breaks training": (
            "W -= lr * dW with dW = -gradient climbs the loss: that parameter diverges."
        ),
        "example": "dW2 = -(A1.T @ dZ2)   # or dZ2 = Y - A2 with W -= lr * dW",
        "use instead": "Keep dZ2 = A2 - Y and subtract the gradient in the update.",
        "references": _CS231N,
    },
    "ND108": {
        "what it does": (
            "Fires when a bias gradient has one row per sample and its sum over the samples "
            "is the true gradient, or when an in-place bias update crashes on your own batch "
            "because of such a gradient."
        ),
        "why it breaks training": (
            "b -= lr * dZ broadcasts the bias to shape (m, n): each sample gets its own bias, "
            "the network no longer has the shape it had, and new data of another size fails."
        ),
        "example": "db1 = dZ1",
        "use instead": "db1 = np.sum(dZ1, axis=0, keepdims=True).",
        "references": _CS231N,
    },
    "ND109": {
        "what it does": (
            "Reproduces your hidden gradients with the derivative of another activation than "
            "the one your forward pass applies (tanh' for a sigmoid layer, sigmoid' for tanh, "
            "the ReLU step for a smooth activation), in terms of z or of the activation."
        ),
        "why it breaks training": (
            "The hidden layer follows a direction that is not the gradient: learning is slow "
            "or stalls, and for 1 - a**2 on a sigmoid layer the scale is off by up to 4x."
        ),
        "example": "dZ1 = (dZ2 @ W2.T) * (1 - A1 ** 2)   # the layer is sigmoid",
        "use instead": "dZ1 = (dZ2 @ W2.T) * A1 * (1 - A1) for sigmoid; 1 - A1**2 for tanh.",
        "references": _CS231N,
    },
    "ND110": {
        "what it does": (
            "Reproduces your hidden gradients with the activation's derivative left out of "
            "the hidden delta."
        ),
        "why it breaks training": (
            "The first layer learns as if the hidden layer were linear: dead ReLUs keep "
            "receiving updates, saturated units are pushed further, and the network cannot "
            "fit anything a linear model cannot."
        ),
        "example": "dZ1 = dZ2 @ W2.T",
        "use instead": "dZ1 = (dZ2 @ W2.T) * act'(Z1).",
        "references": _CS231N,
    },
    "ND111": {
        "what it does": (
            "For code that updates its weights itself: reproduces your hidden gradients with "
            "a hidden delta computed from output weights already updated in the same step "
            "(by lr times the summed or the averaged gradient)."
        ),
        "why it breaks training": (
            "The hidden layer is updated for a network that no longer exists; with a large "
            "learning rate the two layers chase each other."
        ),
        "example": "self.W2 -= lr * dW2\ndZ1 = (dZ2 @ self.W2.T) * A1 * (1 - A1)",
        "use instead": "Compute every delta first, then update all the weights.",
        "references": _CS231N,
    },
    "ND201": {
        "what it does": "Warns when a layer has no bias term.",
        "why it breaks training": (
            "Every unit's boundary passes through the origin: the output for x = 0 is fixed "
            "(sigmoid(0) = 0.5 after a ReLU layer) and XOR is out of reach."
        ),
        "example": "A1 = relu(X @ W1)\nA2 = sigmoid(A1 @ W2)",
        "use instead": "A1 = relu(X @ W1 + b1); A2 = sigmoid(A1 @ W2 + b2).",
        "references": "Goodfellow, Bengio, Courville, Deep Learning, section 6.1 (XOR).",
    },
    "ND202": {
        "what it does": (
            "Compares your forward pass with reference networks in which one activation is "
            "applied twice (sigmoid(sigmoid(z)) at the output, act(act(z)) in a hidden "
            "layer); fires when one of them reproduces your outputs."
        ),
        "why it breaks training": (
            "sigmoid(sigmoid(z)) only spans (0.5, 0.73): labels of 0 are out of reach and "
            "the loss cannot fall below a floor. A doubled hidden activation changes the "
            "layer's range and its derivative no longer matches."
        ),
        "example": "A2 = sigmoid(sigmoid(Z2))   # or: A2 = sigmoid(Z2); output = sigmoid(A2)",
        "use instead": "A2 = sigmoid(Z2), and use A2 as the output.",
        "references": _BISHOP,
    },
    "ND204": {
        "what it does": (
            "Evaluates your loss function at outputs saturated to exactly 0 or 1 (logits of "
            "+-50); warns when it returns inf or NaN."
        ),
        "why it breaks training": (
            "log(0) = -inf: once training is confident the reported loss is inf or NaN, and "
            "any gradient taken from it is too."
        ),
        "example": "loss = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))",
        "use instead": (
            "np.mean(np.logaddexp(0, Z2) - Y * Z2) from the logits, or "
            "np.clip(A2, 1e-12, 1 - 1e-12) inside the logs."
        ),
        "references": "PyTorch docs, BCEWithLogitsLoss (the log-sum-exp trick).",
    },
    "ND205": {
        "what it does": (
            "Runs your code with floating-point overflow raised at output logits of +-100, "
            "which training reaches; warns when exp overflows. float64 only overflows past "
            "709, so float64 code is not flagged; float32 overflows from 88.7."
        ),
        "why it breaks training": (
            "exp(-z) = inf gives sigmoid 0 with a warning, but the next inf - inf or 0 * inf "
            "is NaN and the weights follow."
        ),
        "example": "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))   # float32 z = -100",
        "use instead": (
            "np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z))) with "
            "np.exp(-np.abs(z)), or scipy.special.expit."
        ),
        "references": "NumPy docs, 'Floating point error handling' (numpy.errstate).",
    },
    "ND207": {
        "what it does": (
            "Fires when your forward pass returns values outside [0, 1] while the loss is "
            "binary cross-entropy."
        ),
        "why it breaks training": "log of a negative number or of a value above 1 is NaN.",
        "example": "A2 = A1 @ W2 + b2   # no sigmoid on the output",
        "use instead": "A2 = sigmoid(A1 @ W2 + b2).",
        "references": _BISHOP,
    },
    "ND309": {
        "what it does": (
            "Fires when the targets fall outside [0, 1] while the loss is binary "
            "cross-entropy (labels of -1 and 1, or regression targets up to 10)."
        ),
        "why it breaks training": (
            "A sigmoid never reaches -1 or 10: the loss has no minimum there, the weights "
            "grow without bound and the outputs saturate."
        ),
        "example": "y = np.array([[-1], [1], [1], [-1]])",
        "use instead": "Labels in {0, 1} (y = (y + 1) / 2), or a linear output for regression.",
        "references": _BISHOP,
    },
    "ND310": {
        "what it does": (
            "Warns when an input feature exceeds 100 in magnitude (a threshold where "
            "pre-activations of unit-variance weights are already in the tens to hundreds)."
        ),
        "why it breaks training": (
            "sigmoid and tanh units saturate from the first step, their derivatives are ~0, "
            "and the first layer does not learn."
        ),
        "example": "X = np.array([[1200, 3], [850, 2], ...])   # square metres, rooms",
        "use instead": "X = (X - X.mean(axis=0)) / X.std(axis=0).",
        "references": "LeCun, Bottou, Orr, Muller, 'Efficient BackProp' (1998), section 4.3.",
    },
}
