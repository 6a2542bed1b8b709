# momentum as an exponential average (beta 0.9) over batches of 10: with the gradients
# averaged over the batch, each step moves by (1 - beta) / 10 = 1/10^2 of the summed
# gradient, the factor gradients averaged twice would show; here it is the optimizer's
import numpy as np

rng = np.random.default_rng(30)
X = rng.normal(size=(200, 2))
y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(float).reshape(-1, 1)

W1 = rng.normal(0, 1, (2, 8))
b1 = np.zeros(8)
W2 = rng.normal(0, 1, (8, 1))
b2 = np.zeros(1)
velocity = [np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), np.zeros_like(b2)]
beta, lr = 0.9, 0.5

for epoch in range(60):
    order = rng.permutation(len(X))
    for start in range(0, len(X), 10):
        idx = order[start : start + 10]
        xb, yb = X[idx], y[idx]
        h = np.tanh(xb @ W1 + b1)
        p = 1 / (1 + np.exp(-(h @ W2 + b2)))
        d_out = (p - yb) / len(xb)
        d_hid = (d_out @ W2.T) * (1 - h**2)
        grads = [xb.T @ d_hid, d_hid.sum(axis=0), h.T @ d_out, d_out.sum(axis=0)]
        for i, g in enumerate(grads):
            velocity[i] = beta * velocity[i] + (1 - beta) * g
        W1 -= lr * velocity[0]
        b1 -= lr * velocity[1]
        W2 -= lr * velocity[2]
        b2 -= lr * velocity[3]
    if epoch % 20 == 0:
        p_all = 1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2)))
        print(epoch, np.mean((p_all > 0.5) == y))
