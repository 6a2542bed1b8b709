"""Circle-vs-ring classifier with a train_step() function; bug: the hidden-layer update is thrown away, W1 never moves."""
import numpy as np


def train_step(X, y, W1, b1, W2, b2, lr):
    a1 = np.tanh(X @ W1 + b1)
    a2 = 1 / (1 + np.exp(-(a1 @ W2 + b2)))
    loss = -np.mean(y * np.log(a2 + 1e-10) + (1 - y) * np.log(1 - a2 + 1e-10))

    dz2 = a2 - y
    dz1 = dz2 @ W2.T * (1 - a1 ** 2)
    W2 = W2 - lr * a1.T @ dz2
    b2 = b2 - lr * dz2.sum(axis=0, keepdims=True)
    W1 - lr * X.T @ dz1  # BUG(ND303): result thrown away, the hidden weights never change
    b1 = b1 - lr * dz1.sum(axis=0, keepdims=True)
    return W1, b1, W2, b2, loss


np.random.seed(4)
m = 120
X = np.random.uniform(-1, 1, size=(m, 2))
y = (np.sqrt((X ** 2).sum(axis=1, keepdims=True)) < 0.6).astype(float)

W1 = np.random.randn(2, 6) * 0.5
b1 = np.zeros((1, 6))
W2 = np.random.randn(6, 1) * 0.5
b2 = np.zeros((1, 1))
lr = 0.02

history = []
for i in range(2000):
    W1, b1, W2, b2, loss = train_step(X, y, W1, b1, W2, b2, lr)
    history.append(loss)
    if i % 400 == 0:
        print(f"iter {i:4d}  loss {loss:.4f}")

print("loss at 1000 and at the end:", round(history[1000], 4), round(history[-1], 4))
