# 48 points, 4 shuffled mini-batches of 12 via np.array_split, 12 leaky-ReLU hidden units
import numpy as np

rng = np.random.default_rng(11)
pts = rng.uniform(-1.0, 1.0, size=(48, 2)).astype(np.float32)
lab = ((pts[:, 0] ** 2 + pts[:, 1] ** 2) < 0.5).astype(np.float32).reshape(-1, 1)

n_hidden = 12
W1 = (rng.standard_normal((2, n_hidden)) * 0.7).astype(np.float32)
b1 = np.zeros((1, n_hidden), dtype=np.float32)
W2 = (rng.standard_normal((n_hidden, 1)) * 0.3).astype(np.float32)
b2 = np.zeros((1, 1), dtype=np.float32)
alpha = 0.05
lr = np.float32(0.3)


def leaky(z):
    return np.where(z > 0, z, alpha * z)


def leaky_slope(z):
    return np.where(z > 0, 1.0, alpha).astype(np.float32)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


for epoch in range(600):
    perm = rng.permutation(len(pts))
    for batch in np.array_split(perm, 4):
        xb, yb = pts[batch], lab[batch]
        z1 = xb @ W1 + b1
        a1 = leaky(z1)
        p = sigmoid(a1 @ W2 + b2)

        err = (p - yb) / len(xb)
        gW2 = a1.T @ err
        gb2 = err.sum(axis=0, keepdims=True)
        dz1 = (err @ W2.T) * leaky_slope(z1)
        gW1 = xb.T @ dz1
        gb1 = dz1.sum(axis=0, keepdims=True)

        W1 -= lr * gW1
        b1 -= lr * gb1
        W2 -= lr * gW2
        b2 -= lr * gb2

    if epoch % 100 == 0:
        out = sigmoid(leaky(pts @ W1 + b1) @ W2 + b2)
        bce = -np.mean(lab * np.log(out + 1e-7) + (1 - lab) * np.log(1 - out + 1e-7))
        print(f"epoch {epoch}: bce {bce:.4f} acc {np.mean((out > 0.5) == lab):.2f}")

print("dtype:", W1.dtype, W2.dtype)
