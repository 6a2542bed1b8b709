"""A notebook-style loop over a tqdm bar whose methods are called in the body
(`bar.set_postfix(...)`, `bar.write(...)`): tqdm is not installed here."""
import numpy as np
from tqdm.auto import tqdm

rng = np.random.default_rng(6)
X = rng.uniform(-1, 1, (160, 2))
y = ((X ** 2).sum(axis=1, keepdims=True) < 0.5).astype(float)
W1, b1 = rng.normal(0, 1, (2, 8)), np.zeros(8)
W2, b2 = rng.normal(0, 1, (8, 1)), np.zeros(1)

bar = tqdm(range(1500), desc="training")
for epoch in bar:
    h = np.tanh(X @ W1 + b1)
    p = 1 / (1 + np.exp(-(h @ W2 + b2)))
    d = (p - y) / len(X)
    dh = d @ W2.T * (1 - h ** 2)
    W2 -= 1.0 * h.T @ d
    b2 -= 1.0 * d.sum(0)
    W1 -= 1.0 * X.T @ dh
    b1 -= 1.0 * dh.sum(0)
    bar.set_postfix(acc=float(np.mean((p > 0.5) == y)))
    if epoch % 500 == 0:
        bar.write(f"epoch {epoch}")
