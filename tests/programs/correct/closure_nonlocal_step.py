"""
Little experiment: keep the weights inside a closure instead of a class.
Points inside a circle = 1, outside = 0.
"""
import numpy as np
import matplotlib.pyplot as plt


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    """derivative of the sigmoid, takes the pre-activation z"""
    s = sigmoid(z)
    return s * (1.0 - s)


def make_network(n_in, n_hidden):
    rng = np.random.default_rng(2024)
    W1 = rng.normal(0.0, 1.0, size=(n_in, n_hidden))
    b1 = np.zeros(n_hidden)
    W2 = rng.normal(0.0, 1.0, size=(n_hidden, 1))
    b2 = np.zeros(1)

    def forward(x):
        z1 = x @ W1 + b1
        h = sigmoid(z1)
        z2 = h @ W2 + b2
        out = sigmoid(z2)
        return z1, h, out

    def backward(x, y):
        z1, h, out = forward(x)
        n = x.shape[0]
        loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))

        d_out = (out - y) / n                     # dL/dz2 for sigmoid + cross entropy
        dW2 = h.T @ d_out
        db2 = d_out.sum(axis=0)
        d_h = (d_out @ W2.T) * sigmoid_prime(z1)  # dL/dz1
        dW1 = x.T @ d_h
        db1 = d_h.sum(axis=0)
        return loss, dW1, db1, dW2, db2

    def step(x, y, lr):
        nonlocal W1, b1, W2, b2
        loss, dW1, db1, dW2, db2 = backward(x, y)
        W1 = W1 - lr * dW1
        b1 = b1 - lr * db1
        W2 = W2 - lr * dW2
        b2 = b2 - lr * db2
        return loss

    return forward, step


# data: 2D points in a square, label 1 if inside circle of radius 1
np.random.seed(5)
X = np.random.uniform(-2, 2, size=(200, 2))
Y = (np.sum(X ** 2, axis=1) < 1.0).astype(float).reshape(-1, 1)
print("positives:", int(Y.sum()), "of", len(Y))

forward, step = make_network(2, 6)

history = []
for epoch in range(2000):
    loss = step(X, Y, 0.5)
    history.append(loss)
    if epoch % 200 == 0:
        print("epoch %4d  loss %.4f" % (epoch, loss))

_, _, out = forward(X)
print("accuracy:", np.mean((out > 0.5) == Y))

plt.plot(history)
plt.title("loss")
plt.show()
