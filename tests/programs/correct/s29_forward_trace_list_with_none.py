# forward returns a list of (pre-activation, activation) pairs, the first pair (None, X)
import numpy as np

def relu(v): return np.maximum(v, 0.0)
def sigmoid(v): return 1.0 / (1.0 + np.exp(-v))

def forward(weights, X):
    trace = [(None, X)]
    for k, (W, b) in enumerate(weights):
        z = trace[-1][1] @ W + b
        trace.append((z, sigmoid(z) if k == len(weights) - 1 else relu(z)))
    return trace

def backward(weights, trace, Y):
    delta = (trace[-1][1] - Y) / len(Y)
    out = [None] * len(weights)
    for k in range(len(weights) - 1, -1, -1):
        out[k] = (trace[k][1].T @ delta, delta.sum(axis=0))
        if k > 0:
            delta = (delta @ weights[k][0].T) * (trace[k][0] > 0)
    return out

gen = np.random.default_rng(17)
X = gen.normal(size=(160, 2))
Y = (X[:, 0] * X[:, 1] > 0).astype(float).reshape(-1, 1)
weights = [(gen.normal(0, 0.8, (2, 10)), np.zeros(10)), (gen.normal(0, 0.4, (10, 1)), np.zeros(1))]

for epoch in range(400):
    trace = forward(weights, X)
    weights = [(W - 0.5 * dW, b - 0.5 * db) for (W, b), (dW, db) in zip(weights, backward(weights, trace, Y))]
    if epoch % 100 == 0:
        print(epoch, np.mean((trace[-1][1] > 0.5) == Y))
