"""Adam written by hand, its moments kept in one nested dict (`opt["m"][name]`), and one
function giving the loss and the gradients, called for the training rows and again for
the validation rows after the update."""
import numpy as np

rs = np.random.RandomState(21)
data = rs.normal(size=(300, 3))
truth = ((data[:, 0] ** 2 + data[:, 1] - data[:, 2]) > 0.5).astype(float).reshape(-1, 1)
cut = 240


def loss_and_grads(net, xs, ts):
    h = np.maximum(0, xs @ net["W1"] + net["b1"])
    s = 1 / (1 + np.exp(-(h @ net["W2"] + net["b2"])))
    n = len(xs)
    loss = -np.mean(ts * np.log(s + 1e-12) + (1 - ts) * np.log(1 - s + 1e-12))
    e = (s - ts) / n
    eh = (e @ net["W2"].T) * (h > 0)
    grads = {"W1": xs.T @ eh, "b1": eh.sum(0), "W2": h.T @ e, "b2": e.sum(0)}
    return loss, grads


def adam(net, grads, opt, step_size, b1=0.9, b2=0.999, eps=1e-8):
    opt["t"] += 1
    for name in net:
        opt["m"][name] = b1 * opt["m"][name] + (1 - b1) * grads[name]
        opt["v"][name] = b2 * opt["v"][name] + (1 - b2) * grads[name] ** 2
        m_hat = opt["m"][name] / (1 - b1 ** opt["t"])
        v_hat = opt["v"][name] / (1 - b2 ** opt["t"])
        net[name] = net[name] - step_size * m_hat / (np.sqrt(v_hat) + eps)
    return net


def fit(epochs=600):
    net = {
        "W1": rs.normal(0, 0.6, (3, 12)),
        "b1": np.full(12, 0.01),
        "W2": rs.normal(0, 0.4, (12, 1)),
        "b2": np.zeros(1),
    }
    opt = {"t": 0, "m": {k: np.zeros_like(v) for k, v in net.items()},
           "v": {k: np.zeros_like(v) for k, v in net.items()}}
    for epoch in range(epochs):
        train_loss, grads = loss_and_grads(net, data[:cut], truth[:cut])
        net = adam(net, grads, opt, 0.01)
        val_loss, _ = loss_and_grads(net, data[cut:], truth[cut:])
        if epoch % 200 == 0:
            print(f"{epoch:4d} train {train_loss:.3f} val {val_loss:.3f}")
    return net


if __name__ == "__main__":
    fit()
