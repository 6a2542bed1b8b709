"""Forward/backward functions on a generated dataset; bug: the output layer has no sigmoid but feeds BCE."""
import numpy as np


def feedforward(inputs, hidden_weights, hidden_bias, output_weights, output_bias):
    hidden = np.tanh(inputs @ hidden_weights + hidden_bias)
    probs = hidden @ output_weights + output_bias  # BUG(ND207): no sigmoid, so probs leave (0, 1)
    return hidden, probs


def backprop(inputs, targets, hidden, probs, output_weights):
    n = inputs.shape[0]
    delta_out = (probs - targets) / n  # sigmoid + cross-entropy delta
    delta_hidden = (delta_out @ output_weights.T) * (1 - hidden ** 2)
    return (inputs.T @ delta_hidden, delta_hidden.sum(axis=0, keepdims=True),
            hidden.T @ delta_out, delta_out.sum(axis=0, keepdims=True))


np.random.seed(11)
n = 80
inputs = np.random.randn(n, 3)
targets = ((inputs[:, 0] - 0.5 * inputs[:, 1] + 0.3 * inputs[:, 2]) > 0).astype(float).reshape(n, 1)

hidden_weights = np.random.randn(3, 6) * 0.4
hidden_bias = np.zeros((1, 6))
output_weights = np.random.randn(6, 1) * 0.4
output_bias = np.zeros((1, 1))
learning_rate = 0.05

for epoch in range(1000):
    hidden, probs = feedforward(inputs, hidden_weights, hidden_bias, output_weights, output_bias)
    g_hw, g_hb, g_ow, g_ob = backprop(inputs, targets, hidden, probs, output_weights)
    hidden_weights -= learning_rate * g_hw
    hidden_bias -= learning_rate * g_hb
    output_weights -= learning_rate * g_ow
    output_bias -= learning_rate * g_ob
    if epoch % 200 == 0:
        p = np.clip(probs, 1e-9, 1 - 1e-9)
        loss = -np.mean(targets * np.log(p) + (1 - targets) * np.log(1 - p))
        print(f"epoch {epoch:4d}  loss {loss:.4f}  outputs in [{probs.min():.2f}, {probs.max():.2f}]")

print("training accuracy:", np.mean((probs > 0.5) == targets))
