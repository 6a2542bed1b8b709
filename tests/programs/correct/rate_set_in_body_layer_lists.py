"""The learning rate is computed inside the loop body of `fit()` before the update
(`lr = base / (1 + decay * epoch)`), weights in lists updated by an inner loop over the
layers."""
import numpy as np

rs = np.random.RandomState(2)
X = rs.uniform(-1, 1, (150, 2))
y = (np.abs(X[:, :1]) + np.abs(X[:, 1:]) < 0.9).astype(float)
Ws = [rs.randn(2, 7) * 0.8, rs.randn(7, 1) * 0.8]
bs = [np.zeros((1, 7)), np.zeros((1, 1))]


def fit(base=1.5, decay=0.001, epochs=2000):
    for epoch in range(epochs):
        h = np.tanh(X @ Ws[0] + bs[0])
        p = 1 / (1 + np.exp(-(h @ Ws[1] + bs[1])))
        d_out = (p - y) / len(X)
        d_h = (d_out @ Ws[1].T) * (1 - h**2)
        gW = [X.T @ d_h, h.T @ d_out]
        gb = [d_h.sum(0, keepdims=True), d_out.sum(0, keepdims=True)]
        lr = base / (1 + decay * epoch)
        for i in range(len(Ws)):
            Ws[i] -= lr * gW[i]
            bs[i] -= lr * gb[i]
        if epoch % 500 == 0:
            print(epoch, round(lr, 3), float(np.mean((p > 0.5) == y)))


fit()
