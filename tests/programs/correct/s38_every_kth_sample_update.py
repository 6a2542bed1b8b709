# per-sample gradients summed into g_* arrays, the weights stepped every `group` samples
# with the average, then the sums zeroed in place; loss summed for the epoch's report
import numpy as np

rs = np.random.RandomState(4)
data = np.vstack([rs.randn(40, 2) * 0.6 + [1.2, 1.2], rs.randn(40, 2) * 0.6 - [1.2, 1.2]])
target = np.array([1.0] * 40 + [0.0] * 40).reshape(-1, 1)

w1 = rs.uniform(-0.8, 0.8, (2, 5))
c1 = np.zeros((1, 5))
w2 = rs.uniform(-0.8, 0.8, (5, 1))
c2 = np.zeros((1, 1))
rate = 0.3
group = 8

g_w1, g_c1 = np.zeros_like(w1), np.zeros_like(c1)
g_w2, g_c2 = np.zeros_like(w2), np.zeros_like(c2)
for epoch in range(40):
    seen = 0
    running = 0.0
    for n in rs.permutation(len(data)):
        x, y = data[n:n + 1], target[n:n + 1]
        h = np.maximum(x @ w1 + c1, 0.0)
        p = 1.0 / (1.0 + np.exp(-(h @ w2 + c2)))
        running += float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).sum())
        e = p - y
        g_w2 += h.T @ e
        g_c2 += e
        eh = (e @ w2.T) * (h > 0)
        g_w1 += x.T @ eh
        g_c1 += eh
        seen += 1
        if seen % group == 0:
            w2 -= rate * g_w2 / group
            c2 -= rate * g_c2 / group
            w1 -= rate * g_w1 / group
            c1 -= rate * g_c1 / group
            g_w1.fill(0)
            g_c1.fill(0)
            g_w2.fill(0)
            g_c2.fill(0)
    if epoch % 10 == 0:
        print(epoch, running / len(data))
