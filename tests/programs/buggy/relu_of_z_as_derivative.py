# it learns the blobs, but the grader says my hidden gradients are wrong
import numpy as np

rng = np.random.RandomState(7)
pos = rng.randn(40, 2) + [2, 2]
neg = rng.randn(40, 2) - [2, 2]
data = np.vstack([pos, neg])
labels = np.vstack([np.ones((40, 1)), np.zeros((40, 1))])


def relu(z):
    return np.maximum(0, z)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


hidden_weights = rng.randn(2, 10) * 0.1
hidden_bias = np.zeros((1, 10))
output_weights = rng.randn(10, 1) * 0.1
output_bias = np.zeros((1, 1))
learning_rate = 0.05

for epoch in range(1500):
    hidden_in = data @ hidden_weights + hidden_bias
    hidden_out = relu(hidden_in)
    prediction = sigmoid(hidden_out @ output_weights + output_bias)

    error = prediction - labels
    grad_out_w = hidden_out.T @ error
    grad_out_b = np.sum(error, axis=0, keepdims=True)
    hidden_error = error @ output_weights.T * relu(hidden_in)  # BUG(ND109): relu(z) is not relu'(z)
    grad_hidden_w = data.T @ hidden_error
    grad_hidden_b = np.sum(hidden_error, axis=0, keepdims=True)

    output_weights -= learning_rate * grad_out_w / len(data)
    output_bias -= learning_rate * grad_out_b / len(data)
    hidden_weights -= learning_rate * grad_hidden_w / len(data)
    hidden_bias -= learning_rate * grad_hidden_b / len(data)

    if epoch % 300 == 0:
        accuracy = np.mean((prediction > 0.5) == labels)
        print(f"epoch {epoch} accuracy {accuracy:.2f}")
