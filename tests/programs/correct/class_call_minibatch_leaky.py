import numpy as np

def make_blobs(n, seed):
    r = np.random.RandomState(seed)
    a = r.randn(n, 2) + [2, 2]
    b = r.randn(n, 2) - [2, 2]
    return np.vstack([a, b]), np.hstack([np.ones(n), np.zeros(n)]).reshape(-1, 1)

class Model:
    def __init__(self):
        self.params = {"w_in": np.random.randn(2, 6) * 0.3, "b_in": np.zeros(6),
                       "w_out": np.random.randn(6, 1) * 0.3, "b_out": np.zeros(1)}

    def __call__(self, x):
        self.h = np.maximum(0.01 * (x @ self.params["w_in"] + self.params["b_in"]), x @ self.params["w_in"] + self.params["b_in"])
        return 1 / (1 + np.exp(-(self.h @ self.params["w_out"] + self.params["b_out"])))

    def grads(self, x, y, p):
        z = x @ self.params["w_in"] + self.params["b_in"]
        dz2 = (p - y) / len(x)
        dh = dz2 @ self.params["w_out"].T * np.where(z > 0, 1.0, 0.01)
        return {"w_out": self.h.T @ dz2, "b_out": dz2.sum(0), "w_in": x.T @ dh, "b_in": dh.sum(0)}

    def step(self, g, lr):
        for k, v in g.items():
            self.params[k] -= lr * v

def train(model, X, Y, epochs=20, batch=8, lr=0.3):
    rng = np.random.default_rng(0)
    for ep in range(epochs):
        idx = rng.permutation(len(X))
        for s in range(0, len(X), batch):
            xb, yb = X[idx[s:s+batch]], Y[idx[s:s+batch]]
            p = model(xb)
            model.step(model.grads(xb, yb, p), lr)
        print(ep)

if __name__ == "__main__":
    np.random.seed(1)
    X, Y = make_blobs(32, 0)
    train(Model(), X, Y)
