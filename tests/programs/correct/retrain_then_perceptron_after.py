import numpy as np

np.random.seed(5)
X = np.random.randn(120, 2)
Y = (X[:, :1] ** 2 - X[:, 1:] > 0).astype(float)


def fresh(hidden=6):
    return (np.random.randn(2, hidden) * 0.7, np.zeros((1, hidden)),
            np.random.randn(hidden, 1) * 0.7, np.zeros((1, 1)))


# first try: a slow learning rate
W1, b1, W2, b2 = fresh()
for step in range(400):
    H = np.tanh(X @ W1 + b1)
    P = 1 / (1 + np.exp(-(H @ W2 + b2)))
    G = (P - Y) / len(X)
    GH = G @ W2.T * (1 - H * H)
    W2 -= 0.3 * H.T @ G
    b2 -= 0.3 * G.sum(0, keepdims=True)
    W1 -= 0.3 * X.T @ GH
    b1 -= 0.3 * GH.sum(0, keepdims=True)
print("slow", np.mean((P > 0.5) == Y))

# second try from new weights: faster, written a little differently
W1, b1, W2, b2 = fresh()
for step in range(800):
    H = np.tanh(np.dot(X, W1) + b1)
    P = 1 / (1 + np.exp(-(np.dot(H, W2) + b2)))
    err = P - Y
    back = np.dot(err, W2.T) * (1 - H**2)
    W2 = W2 - 2.0 * np.dot(H.T, err) / len(X)
    b2 = b2 - 2.0 * err.mean(axis=0, keepdims=True)
    W1 = W1 - 2.0 * np.dot(X.T, back) / len(X)
    b1 = b1 - 2.0 * back.mean(axis=0, keepdims=True)
print("fast", np.mean((P > 0.5) == Y))

# a perceptron, for comparison: one layer, its own rule (no gradient of any loss)
w, c = np.zeros(2), 0.0
for epoch in range(20):
    for x, t in zip(X, Y[:, 0]):
        guess = float(w @ x + c > 0)
        w += 0.1 * (t - guess) * x
        c += 0.1 * (t - guess)
print("perceptron", np.mean(((X @ w + c) > 0) == Y[:, 0]))
