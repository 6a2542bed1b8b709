import numpy as np

rng = np.random.default_rng(31)
inputs = rng.uniform(-1, 1, (160, 2))
goal = (inputs[:, :1] ** 2 + inputs[:, 1:] ** 2 < 0.5).astype(float)

state = {
    "W_in": rng.normal(0, 0.9, (2, 7)),
    "b_in": np.zeros(7),
    "W_out": rng.normal(0, 0.9, (7, 1)),
    "b_out": np.zeros(1),
}


def run(state, x):
    state["x"] = x
    state["h"] = np.tanh(x @ state["W_in"] + state["b_in"])
    state["out"] = 1 / (1 + np.exp(-(state["h"] @ state["W_out"] + state["b_out"])))
    return state["out"]


def learn(state, t, rate=0.8):
    n = len(t)
    out = state["out"]
    state["delta_out"] = out - t  # BUG(ND113): the squared error needs out * (1 - out)
    state["delta_h"] = state["delta_out"] @ state["W_out"].T * (1 - state["h"] ** 2)
    state["W_out"] -= rate * state["h"].T @ state["delta_out"] / n
    state["b_out"] -= rate * state["delta_out"].mean(0)
    state["W_in"] -= rate * state["x"].T @ state["delta_h"] / n
    state["b_in"] -= rate * state["delta_h"].mean(0)


for sweep in range(3000):
    run(state, inputs)
    cost = 0.5 * np.mean((state["out"] - goal) ** 2)
    learn(state, goal)
    if sweep % 500 == 0:
        print(sweep, "squared error", float(cost))
