# samples in columns, momentum kept in a dict by parameter name, the update written out
# as a loop over (name, array, gradient) tuples, a while loop counting epochs
import numpy as np

np.random.seed(12)
X = np.random.randn(2, 60)
Y = (X[0:1] * X[1:2] > 0).astype(float)
m = X.shape[1]

A = np.random.randn(6, 2) * 0.5
a = np.zeros((6, 1))
B = np.random.randn(1, 6) * 0.5
bias = np.zeros((1, 1))
state = {k: np.zeros_like(v) for k, v in (("A", A), ("a", a), ("B", B), ("bias", bias))}

epoch = 0
while epoch < 1500:
    H = np.tanh(A @ X + a)
    P = 1 / (1 + np.exp(-(B @ H + bias)))
    D = (P - Y) / m
    dB = D @ H.T
    dbias = D.sum(axis=1, keepdims=True)
    DH = (B.T @ D) * (1 - H ** 2)
    dA = DH @ X.T
    da = DH.sum(axis=1, keepdims=True)
    for key, array, grad in (("A", A, dA), ("a", a, da), ("B", B, dB), ("bias", bias, dbias)):
        state[key] = 0.9 * state[key] - 0.5 * grad
        array += state[key]
    if epoch % 300 == 0:
        print(epoch, float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P))))
    epoch += 1
