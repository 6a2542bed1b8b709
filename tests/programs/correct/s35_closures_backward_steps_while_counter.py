# "no classes" network: build_net() hands back closures that share one list of arrays.
# backward() works out the gradients AND takes the step itself, the loop only counts.
import numpy as np

rng = np.random.default_rng(3)
pts = rng.normal(size=(60, 2))
lbl = ((pts[:, 0] * pts[:, 1]) > 0).astype(float).reshape(-1, 1)


def build_net(n_in, n_hidden, step=0.5):
    weights = [rng.normal(0, 0.7, (n_in, n_hidden)), np.zeros((1, n_hidden)),
               rng.normal(0, 0.7, (n_hidden, 1)), np.zeros((1, 1))]
    seen = {}

    def predict(x):
        hid = 1 / (1 + np.exp(-(x @ weights[0] + weights[1])))
        out = 1 / (1 + np.exp(-(hid @ weights[2] + weights[3])))
        seen.update(x=x, hid=hid, out=out)
        return out

    def backward(t):
        x, hid, out = seen["x"], seen["hid"], seen["out"]
        e_out = (out - t) / len(x)
        e_hid = (e_out @ weights[2].T) * hid * (1 - hid)
        grads = [x.T @ e_hid, e_hid.sum(0, keepdims=True), hid.T @ e_out, e_out.sum(0, keepdims=True)]
        for w, g in zip(weights, grads):
            w -= step * g
        return grads

    return predict, backward, weights


predict, backward, W = build_net(2, 5, step=1.0)
it, total = 0, 0.0
while it < 1500:
    p = predict(pts)
    total += float(-np.mean(lbl * np.log(p + 1e-9) + (1 - lbl) * np.log(1 - p + 1e-9)))
    backward(lbl)
    it += 1
    if it % 300 == 0:
        print(it, total / 300)
        total = 0.0
print("accuracy", np.mean((predict(pts) > 0.5) == lbl))
