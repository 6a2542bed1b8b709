# per-sample SGD with squared error; forward returns every intermediate, the output last
import numpy as np

rs = np.random.RandomState(5)
pts = np.vstack([rs.randn(60, 2) * 0.6 + [1.5, 1.5], rs.randn(60, 2) * 0.6 - [1.5, 1.5]])
lab = np.r_[np.ones(60), np.zeros(60)]
H = 6
A = rs.randn(H, 2) * 0.5
a0 = np.zeros(H)
c = rs.randn(H) * 0.5
c0 = 0.1


def sig(v):
    return 1 / (1 + np.exp(-v))


def fwd(x):
    pre = A @ x + a0
    hid = np.tanh(pre)
    logit = c @ hid + c0
    return pre, hid, logit, sig(logit)


for ep in range(25):
    for i in rs.permutation(len(pts)):
        x, t = pts[i], lab[i]
        pre, hid, logit, out = fwd(x)
        g = (out - t) * out * (1 - out)
        gh = g * c * (1 - hid**2)
        c -= 0.2 * g * hid
        c0 -= 0.2 * g
        A -= 0.2 * np.outer(gh, x)
        a0 -= 0.2 * gh
print("acc", np.mean([(fwd(x)[3] > 0.5) == t for x, t in zip(pts, lab)]))
