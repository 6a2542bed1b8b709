# fit() over unnamed arrays above; the square first layer gets its gradient transposed
# the learning rate decaying per epoch
import numpy as np

np.random.seed(2)
X = np.random.randn(40, 4)
y = (X[:, :2].sum(axis=1) > X[:, 2]).astype(float).reshape(-1, 1)


def forward(params, X):
    W1, b1, W2, b2 = params
    H = np.maximum(X @ W1 + b1, 0.0)
    return H, 1 / (1 + np.exp(-(H @ W2 + b2)))


def gradients(params, X, y):
    W1, b1, W2, b2 = params
    H, P = forward(params, X)
    d2 = (P - y) / len(X)
    d1 = (d2 @ W2.T) * (H > 0)
    return [d1.T @ X, d1.sum(0, keepdims=True), H.T @ d2, d2.sum(0, keepdims=True)]  # BUG(ND107): transposed, and square


def fit(X, y, hidden=4, epochs=400, lr=0.5, decay=0.005):
    params = [np.random.randn(X.shape[1], hidden) * 0.7, np.zeros((1, hidden)),
              np.random.randn(hidden, 1) * 0.5, np.zeros((1, 1))]
    for epoch in range(epochs):
        rate = lr / (1 + decay * epoch)
        params = [p - rate * g for p, g in zip(params, gradients(params, X, y))]
    return params


trained = fit(X, y)
print("accuracy", np.mean((forward(trained, X)[1] > 0.5) == y))
