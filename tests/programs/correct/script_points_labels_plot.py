import numpy as np
import matplotlib.pyplot as plt

# two blobs, label 1 for the upper right one
rng = np.random.default_rng(3)
points = np.vstack([rng.normal(-1, 0.6, (20, 2)), rng.normal(1, 0.6, (20, 2))])
labels = np.vstack([np.zeros((20, 1)), np.ones((20, 1))])

hidden_weights = rng.normal(0, 0.5, (2, 5))
hidden_bias = np.zeros((1, 5))
output_weights = rng.normal(0, 0.5, (5, 1))
output_bias = np.zeros((1, 1))
eta = 0.05

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

losses = []
for epoch in range(800):
    hidden_layer = np.tanh(points @ hidden_weights + hidden_bias)
    predicted = sigmoid(hidden_layer @ output_weights + output_bias)
    loss = -np.mean(labels * np.log(predicted) + (1 - labels) * np.log(1 - predicted))
    losses.append(loss)
    error = predicted - labels
    grad_output_weights = hidden_layer.T @ error
    grad_output_bias = error.sum(axis=0, keepdims=True)
    hidden_error = (error @ output_weights.T) * (1 - hidden_layer ** 2)
    grad_hidden_weights = points.T @ hidden_error
    grad_hidden_bias = hidden_error.sum(axis=0, keepdims=True)
    output_weights -= eta * grad_output_weights
    output_bias -= eta * grad_output_bias
    hidden_weights -= eta * grad_hidden_weights
    hidden_bias -= eta * grad_hidden_bias
    if epoch % 100 == 0:
        print(f"epoch {epoch} loss {loss:.4f}")

plt.plot(losses)
plt.title("loss")
plt.show()

# decision boundary
X, Y = np.meshgrid(np.linspace(-3, 3, 50), np.linspace(-3, 3, 50))
grid = np.c_[X.ravel(), Y.ravel()]
Z = sigmoid(np.tanh(grid @ hidden_weights + hidden_bias) @ output_weights + output_bias)
plt.contourf(X, Y, Z.reshape(X.shape), levels=20)
plt.scatter(points[:, 0], points[:, 1], c=labels.ravel())
plt.show()
