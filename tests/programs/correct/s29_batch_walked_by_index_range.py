# mini-batch gradient descent written per example: gradients summed over range(lo, hi)
import numpy as np

rs = np.random.RandomState(8)
data = rs.normal(size=(120, 3))
labels = (data[:, 0] - data[:, 1] ** 2 + 0.3 > 0).astype(float)

V = rs.normal(scale=0.6, size=(3, 5))   # input -> hidden (in, out)
c = np.zeros(5)
u = rs.normal(scale=0.6, size=5)        # hidden -> output
d = 0.0
step, chunk = 0.4, 20

def sig(s):
    return 1.0 / (1.0 + np.exp(-s))

for sweep in range(120):
    total = 0.0
    for lo in range(0, len(data), chunk):
        hi = min(lo + chunk, len(data))
        gV = np.zeros_like(V); gc = np.zeros_like(c); gu = np.zeros_like(u); gd = 0.0
        for i in range(lo, hi):
            hid = np.tanh(data[i] @ V + c)
            p = sig(hid @ u + d)
            total += -(labels[i] * np.log(p) + (1 - labels[i]) * np.log(1 - p))
            e = p - labels[i]
            gu += e * hid
            gd += e
            back = e * u * (1 - hid ** 2)
            gV += np.outer(data[i], back)
            gc += back
        V -= step * gV / (hi - lo)
        c -= step * gc / (hi - lo)
        u -= step * gu / (hi - lo)
        d -= step * gd / (hi - lo)
    if sweep % 30 == 0:
        print(sweep, total / len(data))
