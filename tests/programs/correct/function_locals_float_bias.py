import numpy as np
np.random.seed(0)
N = 50
x1 = np.random.rand(N); x2 = np.random.rand(N)
T = (x1 + x2 > 1).astype(float)
inp = np.column_stack([x1, x2])

def sig(a): return 1/(1+np.exp(-a))

def gradient_descent(inp, T, n_hidden=5, iters=500, rate=0.05):
    V = np.random.randn(2, n_hidden)
    c = np.zeros(n_hidden)
    w = np.random.randn(n_hidden)
    b = 0.0
    for i in range(iters):
        Z = np.tanh(inp @ V + c)
        Yp = sig(Z @ w + b)
        err = Yp - T
        gw = Z.T @ err
        gb = err.sum()
        dZ = np.outer(err, w) * (1 - Z**2)
        gV = inp.T @ dZ
        gc = dZ.sum(axis=0)
        w -= rate * gw; b -= rate * gb; V -= rate * gV; c -= rate * gc
        if i % 100 == 0:
            print(i, -np.mean(T*np.log(Yp) + (1-T)*np.log(1-Yp)))
    return V, c, w, b

V, c, w, b = gradient_descent(inp, T)
