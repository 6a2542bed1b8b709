import numpy as np
import matplotlib.pyplot as plt


def relu(x):
    return np.maximum(0.0, x)


def relu_derivative(x):
    x[x > 0] = 1.0  # BUG(ND112): writes the mask into the activation the network keeps
    x[x <= 0] = 0.0
    return x


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class ShallowNet:
    def __init__(self, sizes, seed=0):
        rs = np.random.RandomState(seed)
        self.weights = [rs.randn(a, b) * np.sqrt(2.0 / a) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros((1, b)) for b in sizes[1:]]
        self.activations = []

    def forward(self, X):
        self.activations = [X]
        hidden = relu(X @ self.weights[0] + self.biases[0])
        self.activations.append(hidden)
        out = sigmoid(hidden @ self.weights[1] + self.biases[1])
        self.activations.append(out)
        return out

    def backward(self, Y, learning_rate):
        n = Y.shape[0]
        delta_out = (self.activations[2] - Y) / n
        delta_hid = delta_out @ self.weights[1].T * relu_derivative(self.activations[1])
        grad_w = [self.activations[0].T @ delta_hid, self.activations[1].T @ delta_out]
        grad_b = [delta_hid.sum(axis=0, keepdims=True), delta_out.sum(axis=0, keepdims=True)]
        for k in range(2):
            self.weights[k] -= learning_rate * grad_w[k]
            self.biases[k] -= learning_rate * grad_b[k]

    def cross_entropy(self, Y):
        P = np.clip(self.activations[2], 1e-10, 1 - 1e-10)
        return -np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P))


# two rings: inner ring class 1, outer ring class 0
rs = np.random.RandomState(12)
radius = np.r_[rs.uniform(0.0, 0.5, 150), rs.uniform(0.8, 1.2, 150)]
theta = rs.uniform(0, 2 * np.pi, 300)
points = np.c_[radius * np.cos(theta), radius * np.sin(theta)]
labels = np.r_[np.ones(150), np.zeros(150)].reshape(-1, 1)

net = ShallowNet([2, 10, 1])
losses = []
for epoch in range(2500):
    net.forward(points)
    losses.append(net.cross_entropy(labels))
    net.backward(labels, 0.8)
    if epoch % 500 == 0:
        print(f"epoch {epoch}  loss {losses[-1]:.4f}")

print("accuracy:", np.mean((net.forward(points) > 0.5) == labels))
plt.plot(losses)
plt.show()
