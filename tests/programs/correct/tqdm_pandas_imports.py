import numpy as np
import pandas as pd
import seaborn as sns
from tqdm import tqdm

sns.set_theme()

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)
rng = np.random.default_rng(11)
W1 = rng.normal(size=(2, 6))
b1 = np.zeros(6)
W2 = rng.normal(size=(6, 1))
b2 = np.zeros(1)
learning_rate = 0.1

def relu(z):
    return np.maximum(z, 0)

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

log = []
for epoch in tqdm(range(3000), desc="training"):
    z1 = X @ W1 + b1
    h = relu(z1)
    p = sigmoid(h @ W2 + b2)
    dz2 = (p - y) / len(X)
    dW2 = h.T @ dz2
    db2 = dz2.sum(axis=0)
    dz1 = (dz2 @ W2.T) * (z1 > 0)
    dW1 = X.T @ dz1
    db1 = dz1.sum(axis=0)
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1
    log.append({"epoch": epoch, "loss": float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))})

print(pd.DataFrame(log).tail())
