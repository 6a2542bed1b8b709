# training stops at the epoch limit every time and the loss goes up
import numpy as np

np.random.seed(30)
P = np.random.randn(50, 3)
Q = (P.sum(axis=1) > 0).astype(float).reshape(-1, 1)

U = np.random.randn(3, 6) * 0.4
u0 = np.zeros((1, 6))
V = np.random.randn(6, 1) * 0.4
v0 = np.zeros((1, 1))
eta = 0.2


def sigm(a):
    return 1.0 / (1.0 + np.exp(-a))


def one_epoch():
    global U, u0, V, v0
    mid = sigm(P @ U + u0)
    top = sigm(mid @ V + v0)
    cost = -np.mean(Q * np.log(top) + (1 - Q) * np.log(1 - top))
    g_top = (top - Q) / len(P)
    g_mid = g_top @ V.T * mid * (1 - mid)
    V -= eta * mid.T @ g_top
    v0 -= eta * g_top.sum(axis=0, keepdims=True)
    U += eta * P.T @ g_mid  # BUG(ND105): ascends for the first layer
    u0 -= eta * g_mid.sum(axis=0, keepdims=True)
    return cost


count = 0
while True:
    cost = one_epoch()
    count += 1
    if count % 200 == 0:
        print(count, cost)
    if cost < 0.1 or count > 3000:
        break
