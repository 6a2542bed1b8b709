# Adam at top level over a list of the weights, moments in lists; the hidden bias is left out
import numpy as np

gen = np.random.default_rng(2)
X = gen.uniform(-2, 2, size=(200, 2))
Y = (X[:, 1] > np.abs(X[:, 0]) - 0.5).astype(float)[:, None]
hid = 10
W1 = gen.standard_normal((2, hid)) * 0.7
b1 = np.zeros((1, hid))
W2 = gen.standard_normal((hid, 1)) * 0.4
b2 = np.zeros((1, 1))

step_size = 0.01
b_1, b_2 = 0.9, 0.999
params = [W1, W2, b2]
m_t = [np.zeros_like(p) for p in params]
v_t = [np.zeros_like(p) for p in params]
t = 0
for epoch in range(60):
    order = gen.permutation(len(X))
    for s in range(0, len(X), 25):
        rows = order[s : s + 25]
        xb, yb = X[rows], Y[rows]
        z1 = xb @ W1 + b1
        a1 = np.maximum(z1, 0)
        a2 = 1 / (1 + np.exp(-(a1 @ W2 + b2)))
        dz2 = (a2 - yb) / len(xb)
        dz1 = (dz2 @ W2.T) * (z1 > 0)
        dW1 = xb.T @ dz1
        db1 = dz1.sum(axis=0, keepdims=True)  # BUG(ND108): computed, never applied (b1 is not in params)
        grads = [dW1, a1.T @ dz2, dz2.sum(axis=0, keepdims=True)]
        t += 1
        for p, g, m_, v_ in zip(params, grads, m_t, v_t):
            m_ *= b_1
            m_ += (1 - b_1) * g
            v_ *= b_2
            v_ += (1 - b_2) * g * g
            p -= step_size * (m_ / (1 - b_1**t)) / (np.sqrt(v_ / (1 - b_2**t)) + 1e-8)
    if epoch % 10 == 0:
        out = 1 / (1 + np.exp(-(np.maximum(X @ W1 + b1, 0) @ W2 + b2)))
        print(epoch, np.mean((out > 0.5) == Y))
