# backprop spelled out with chain-rule names (dL/dy, dy/dnet, ...), whole batch at once
import numpy as np

np.random.seed(4)
n = 120
inputs = np.random.rand(n, 3)
labels = (inputs.sum(axis=1, keepdims=True) > 1.5).astype(float)

w_in = np.random.randn(3, 4) * 0.5
b_in = np.zeros((1, 4))
w_out = np.random.randn(4, 1) * 0.5
b_out = np.zeros((1, 1))


def sig(v):
    return 1 / (1 + np.exp(-v))


learning = 2.0
for it in range(2000):
    net_h = inputs @ w_in + b_in
    out_h = sig(net_h)
    net_o = out_h @ w_out + b_out
    out_o = sig(net_o)
    cost = -np.mean(labels * np.log(out_o) + (1 - labels) * np.log(1 - out_o))

    dcost_dnet_o = (out_o - labels) / n
    dcost_dw_out = out_h.T @ dcost_dnet_o
    dcost_db_out = dcost_dnet_o.sum(axis=0, keepdims=True)
    dcost_dout_h = dcost_dnet_o @ w_out.T
    dout_h_dnet_h = net_h * (1 - net_h)  # BUG(ND102): the sigmoid's a * (1 - a) given net_h, not out_h
    dcost_dnet_h = dcost_dout_h * dout_h_dnet_h
    dcost_dw_in = inputs.T @ dcost_dnet_h
    dcost_db_in = dcost_dnet_h.sum(axis=0, keepdims=True)

    w_out -= learning * dcost_dw_out
    b_out -= learning * dcost_db_out
    w_in -= learning * dcost_dw_in
    b_in -= learning * dcost_db_in
    if it % 500 == 0:
        print(it, cost)
