import numpy as np

rng = np.random.default_rng(5)
X = rng.normal(size=(128, 2))
y = ((X[:, 0] ** 2 + X[:, 1] ** 2) < 1.2).astype(float).reshape(-1, 1)

layers = [
    {"W": rng.normal(scale=0.6, size=(2, 12)), "b": np.zeros(12)},
    {"W": rng.normal(scale=0.6, size=(12, 1)), "b": np.zeros(1)},
]
state = [{"m": {k: np.zeros_like(v) for k, v in layer.items()},
          "v": {k: np.zeros_like(v) for k, v in layer.items()}} for layer in layers]

beta1, beta2, eps, lr = 0.9, 0.999, 1e-8, 0.02


def forward(x):
    z1 = np.einsum("ni,ij->nj", x, layers[0]["W"]) + layers[0]["b"]
    a1 = np.tanh(z1)
    z2 = np.einsum("nj,jk->nk", a1, layers[1]["W"]) + layers[1]["b"]
    return a1, 1 / (1 + np.exp(-z2))


for t in range(1, 1201):
    a1, out = forward(X)
    d2 = (out - y) / len(X)
    d1 = np.einsum("nk,jk->nj", d2, layers[1]["W"]) * a1 * (1 - a1)  # BUG(ND109): sigmoid slope on tanh
    grads = [
        {"W": np.einsum("ni,nj->ij", X, d1), "b": d1.sum(0)},
        {"W": np.einsum("nj,nk->jk", a1, d2), "b": d2.sum(0)},
    ]
    for i, layer in enumerate(layers):
        for k in layer:
            state[i]["m"][k] = beta1 * state[i]["m"][k] + (1 - beta1) * grads[i][k]
            state[i]["v"][k] = beta2 * state[i]["v"][k] + (1 - beta2) * grads[i][k] ** 2
            m_hat = state[i]["m"][k] / (1 - beta1**t)
            v_hat = state[i]["v"][k] / (1 - beta2**t)
            layer[k] -= lr * m_hat / (np.sqrt(v_hat) + eps)
    if t % 300 == 0:
        loss = -np.mean(y * np.log(out + 1e-12) + (1 - y) * np.log(1 - out + 1e-12))
        print(t, round(float(loss), 4))
