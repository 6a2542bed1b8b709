import numpy as np

np.random.seed(42)

features = np.random.rand(60, 3)
labels = (features.sum(axis=1) > 1.5).astype(float)

weights = [np.random.randn(3, 5) * 0.3, np.random.randn(5, 1) * 0.3]
biases = [np.zeros(5), np.zeros(1)]
alpha = 0.2

def act(v):
    return np.where(v > 0, v, 0.01 * v)

def act_d(v):
    return np.where(v > 0, 1.0, 0.01)

def sig(v):
    return 1 / (1 + np.exp(-v))

epoch = 0
while True:
    order = np.random.permutation(len(features))
    total = 0.0
    for i in order:
        x = features[i]
        t = labels[i]
        z1 = x @ weights[0] + biases[0]
        h = act(z1)
        p = sig(h @ weights[1] + biases[1])
        total += -(t * np.log(p[0]) + (1 - t) * np.log(1 - p[0]))
        g_out = p - t
        g_hid = (weights[1] @ g_out) * act_d(z1)
        weights[1] -= alpha * np.outer(h, g_out)
        biases[1] -= alpha * g_out
        weights[0] -= alpha * np.outer(x, g_hid)
        biases[0] -= alpha * g_hid
    epoch += 1
    if total / len(features) < 0.05 or epoch > 300:
        break
print(epoch, total / len(features))
