"""A closure-based XOR net (make_network returns forward and step); bug: the error is taken as target - output but still subtracted."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


LEARNING_RATE = 0.5


def make_network(n_inputs, n_hidden, seed=11):
    rng = np.random.default_rng(seed)
    W_hidden = rng.standard_normal((n_inputs, n_hidden))
    b_hidden = np.zeros((1, n_hidden))
    W_out = rng.standard_normal((n_hidden, 1))
    b_out = np.zeros((1, 1))

    def forward(inputs):
        hidden = sigmoid(inputs @ W_hidden + b_hidden)
        return hidden, sigmoid(hidden @ W_out + b_out)

    def step(inputs, wanted):
        nonlocal W_hidden, b_hidden, W_out, b_out
        hidden, output = forward(inputs)
        err = wanted - output  # BUG(ND105): the gradient needs output - wanted; with -= below this climbs the loss
        g_ho = hidden.T @ err
        g_bo = err.sum(axis=0, keepdims=True)
        err_hidden = (err @ W_out.T) * hidden * (1 - hidden)
        g_ih = inputs.T @ err_hidden
        g_bh = err_hidden.sum(axis=0, keepdims=True)
        W_out = W_out - LEARNING_RATE * g_ho
        b_out = b_out - LEARNING_RATE * g_bo
        W_hidden = W_hidden - LEARNING_RATE * g_ih
        b_hidden = b_hidden - LEARNING_RATE * g_bh
        eps = 1e-12
        return float(-np.mean(wanted * np.log(output + eps) + (1 - wanted) * np.log(1 - output + eps)))

    return forward, step


if __name__ == "__main__":
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    wanted = np.array([[0], [1], [1], [0]], dtype=float)
    forward, step = make_network(2, 3)
    history = []
    for it in range(1500):
        history.append(step(inputs, wanted))
        if it % 300 == 0:
            print("iter", it, "cross-entropy", round(history[-1], 4))
    print("outputs after training:", forward(inputs)[1].ravel().round(3))
