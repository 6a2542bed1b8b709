# hyperparameters in a dict; training is much slower than the course notebook
import numpy as np

settings = {"learning_rate": 0.5, "hidden": 5, "epochs": 3000, "seed": 2}
np.random.seed(settings["seed"])
X = np.random.randn(60, 2)
Y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(float).reshape(-1, 1)
params = {
    "W1": np.random.randn(2, settings["hidden"]) * 0.5,
    "b1": np.zeros((1, settings["hidden"])),
    "W2": np.random.randn(settings["hidden"], 1) * 0.5,
    "b2": np.zeros((1, 1)),
}
m = X.shape[0]
for epoch in range(settings["epochs"]):
    A1 = np.tanh(X @ params["W1"] + params["b1"])
    A2 = 1 / (1 + np.exp(-(A1 @ params["W2"] + params["b2"])))
    cost = 0.0
    cost += -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
    dZ2 = (A2 - Y) / m
    dZ1 = dZ2 @ params["W2"].T * (1 - A1**2)
    params["W2"] -= settings["learning_rate"] * A1.T @ dZ2
    params["b2"] -= settings["learning_rate"] * dZ2.sum(axis=0, keepdims=True)
    params["W1"] -= settings["learning_rate"] * X.T @ dZ1 / m  # BUG(ND106): divided by m twice
    params["b1"] -= settings["learning_rate"] * dZ1.sum(axis=0, keepdims=True)
    if epoch % 1000 == 0:
        print(epoch, cost)
