"""Top-level script fitting a circle boundary with squared error; bug: sigmoid' is applied to the already-activated output."""
import numpy as np

np.random.seed(42)

# 40 points in the square [-1, 1]^2, label 1 inside a circle of radius 0.6
points = np.random.uniform(-1, 1, size=(40, 2))
targets = (np.sum(points ** 2, axis=1, keepdims=True) < 0.36).astype(float)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    s = sigmoid(x)
    return s * (1 - s)


def squared_error(pred, truth):
    return 0.5 * np.sum((pred - truth) ** 2)


hidden_weights = np.random.randn(2, 6) * 0.8
hidden_bias = np.zeros((1, 6))
output_weights = np.random.randn(6, 1) * 0.8
output_bias = np.zeros((1, 1))
learning_rate = 0.1

for step in range(2000):
    # forward
    hidden_in = points @ hidden_weights + hidden_bias
    hidden_out = sigmoid(hidden_in)
    out_in = hidden_out @ output_weights + output_bias
    prediction = sigmoid(out_in)

    # backward
    error = prediction - targets
    d_out = error * sigmoid_prime(prediction)  # BUG(ND101): should be sigmoid_prime(out_in)
    d_hidden = (d_out @ output_weights.T) * sigmoid_prime(hidden_in)

    output_weights -= learning_rate * hidden_out.T @ d_out
    output_bias -= learning_rate * d_out.sum(axis=0, keepdims=True)
    hidden_weights -= learning_rate * points.T @ d_hidden
    hidden_bias -= learning_rate * d_hidden.sum(axis=0, keepdims=True)

    if step % 400 == 0:
        print("step", step, "loss", round(float(squared_error(prediction, targets)), 4))

accuracy = np.mean((prediction > 0.5) == targets)
print("training accuracy:", accuracy)
