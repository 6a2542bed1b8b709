# regression of a bump with a tanh layer and a linear output unit; single precision,
# samples in columns, mean squared error, plain steps at top level
import numpy as np

np.random.seed(5)
f32 = np.float32

xs = np.linspace(-2, 2, 64, dtype=f32).reshape(1, -1)
ys = (np.exp(-xs ** 2) + 0.05 * np.random.randn(1, 64)).astype(f32)

H = 10
U = (np.random.randn(H, 1) * 0.8).astype(f32)
c = np.zeros((H, 1), dtype=f32)
V = (np.random.randn(1, H) * 0.3).astype(f32)
d = np.zeros((1, 1), dtype=f32)
step = f32(0.05)

for it in range(3001):
    pre = U @ xs + c
    act = np.tanh(pre)
    yhat = V @ act + d
    resid = yhat - ys
    if it % 500 == 0:
        print("iter", it, "mse", float(np.mean(resid ** 2)))
    g_out = 2 * resid / xs.shape[1]
    gV = g_out @ pre.T  # BUG(ND100): the hidden pre-activations where the activations belong
    gd = g_out.sum(axis=1, keepdims=True)
    g_hid = (V.T @ g_out) * (1 - act ** 2)
    gU = g_hid @ xs.T
    gc = g_hid.sum(axis=1, keepdims=True)
    U -= step * gU
    c -= step * gc
    V -= step * gV
    d -= step * gd
