import numpy as np

d = np.loadtxt("points.csv", delimiter=",")
X = d[:, :2]
y = d[:, 2].reshape(-1, 1)

np.random.seed(0)
W1 = np.random.randn(2, 5) * 0.1
b1 = np.zeros((1, 5))
W2 = np.random.randn(5, 1) * 0.1
b2 = np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(1000):
    h = np.tanh(X @ W1 + b1)
    p = sigmoid(h @ W2 + b2)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    dz2 = (p - y) / len(X)
    dW2 = h.T @ dz2
    db2 = np.sum(dz2, axis=0, keepdims=True)
    dz1 = (dz2 @ W2.T) * (1 - h**2)
    dW1 = X.T @ dz1
    db1 = np.sum(dz1, axis=0, keepdims=True)
    W1 -= 0.5 * dW1
    b1 -= 0.5 * db1
    W2 -= 0.5 * dW2
    b2 -= 0.5 * db2
    if epoch % 100 == 0:
        print(epoch, loss)
