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
    "ND301": {
        "what it does": (
            "Records your training and counts, per hidden ReLU layer, the units active on "
            "under 1 % of the samples. A layer with over 50 % dead units is an error, from "
            "10 % a warning; units dead before the first step are found without training. "
            "It names the step the units died and the update that killed them (an update "
            "larger than the weights themselves) and the gradient findings behind it."
        ),
        "why it breaks training": (
            "A ReLU that is negative on every sample has gradient 0: it never changes again. "
            "When all die, the output no longer depends on the input."
        ),
        "example": "b1 = np.full((1, 8), -10.0)   # or one exploding update",
        "use instead": (
            "Correct gradients, a learning rate that keeps updates near 1e-3 of the "
            "weights, He initialisation and biases starting at 0 or slightly positive."
        ),
        "references": "AWS SageMaker Debugger rule 'DeadRelu'; CS231n notes, 'Commonly used activation functions'.",
    },
    "ND302": {
        "what it does": (
            "Fires when, after 50 steps, the outputs' spread stays under 0.01, their mean "
            "within 0.05 of 0.5 and the mean loss within 0.01 of ln 2 = 0.693 until the end "
            "of the recorded run; links the findings that caused it and compares with the "
            "same training replayed with correct gradients."
        ),
        "why it breaks training": (
            "The network predicts a coin flip for every input: the hidden layer carries no "
            "information any more (dead, identical or saturated units)."
        ),
        "example": "every output 0.5 and loss 0.6931 from step 3 on",
        "use instead": (
            "Fix the causes listed with the finding. Scaling the hidden output down does not "
            "help: a dead unit's gradient is 0 at any scale."
        ),
        "references": "Goodfellow, Bengio, Courville, Deep Learning, section 8.2.",
    },
    "ND303": {
        "what it does": (
            "Fires when the loss falls by under 1 % over the second half of the run while "
            "above 0.1, and the replay with correct gradients reaches less than half of it."
        ),
        "why it breaks training": "Training has stopped making progress the network could make.",
        "example": "loss 0.690 for 1000 steps while the replay reaches 0.0005",
        "use instead": "Fix the gradient findings; then tune the learning rate.",
        "references": _CS231N,
    },
    "ND304": {
        "what it does": (
            "At the end of the recorded run, counts the sigmoid/tanh units whose slope is under "
            "1e-4 of its maximum on 99 % of samples; warns when over half a layer is. (The "
            "threshold is looser than the 1e-7 of cloud debuggers: 1e-4 already means "
            "learning 10,000 times slower, which users see as 'stuck'.)"
        ),
        "why it breaks training": "A pinned unit passes almost no gradient to the layer below.",
        "example": "tanh(X @ W1) with weights in the hundreds",
        "use instead": "Scale the inputs, initialise with variance 1/n_in, lower the learning rate.",
        "references": "Glorot and Bengio, 'Understanding the difficulty of training deep feedforward neural networks' (2010).",
    },
    "ND305": {
        "what it does": (
            "Warns when the first layer's gradient norm is under 1e-3 or over 70 times the "
            "last layer's at some recorded step (the ratios used by training debuggers)."
        ),
        "why it breaks training": (
            "One layer learns orders of magnitude faster than another: the slow one barely "
            "moves, the fast one overshoots."
        ),
        "example": "saturated tanh units: first-layer gradient 1e-12 of the output layer's",
        "use instead": "Xavier or He initialisation, scaled inputs, non-saturating activations.",
        "references": "AWS SageMaker Debugger rules 'VanishingGradient' and 'ExplodingTensor'.",
    },
    "ND306": {
        "what it does": (
            "Records the step at which the loss or the weights first become inf or NaN, then "
            "re-runs that step with numpy's errors raised to name the first operation that "
            "overflowed, divided by zero or produced NaN, with its line."
        ),
        "why it breaks training": "Once a weight is NaN every output and gradient is NaN.",
        "example": "d_out = (-(y / out) + (1 - y) / (1 - out)) * out * (1 - out)   # out == 1.0",
        "use instead": "dZ = A - Y, a stable sigmoid, and a smaller learning rate.",
        "references": "NumPy docs, 'numpy.errstate'.",
    },
    "ND307": {
        "what it does": (
            "Before training: fires when a hidden layer's units have identical incoming "
            "weights and biases (zero or constant initialisation)."
        ),
        "why it breaks training": (
            "Identical units receive identical gradients and stay identical forever: the "
            "layer acts as one unit."
        ),
        "example": "W1 = np.zeros((2, 4))",
        "use instead": "W1 = np.random.randn(2, 4) * np.sqrt(1 / 2) (random, small).",
        "references": "Goodfellow, Bengio, Courville, Deep Learning, section 8.4.",
    },
    "ND308": {
        "what it does": (
            "Error when the loss rises under training (ends 1.5 times higher than it started, "
            "or rises in over 40 % of the recorded steps and ends higher); warning when each "
            "update moves the weights by under 1e-5 of their norm (about 1e-3 is healthy) and "
            "the loss moves by under 1 %."
        ),
        "why it breaks training": (
            "Too large: each step overshoots the minimum and the loss grows or oscillates. "
            "Too small: nothing happens in any reasonable number of steps."
        ),
        "example": "lr = 30.0 with summed gradients",
        "use instead": "Change the learning rate by factors of 10 until the loss falls steadily.",
        "references": _CS231N,
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
