"""Held-out loss in every epoch: the loop runs the forward pass on both splits."""
from dataclasses import dataclass

import numpy as np


@dataclass
class Settings:
    epochs: int = 800
    rate: float = 0.8
    hidden: int = 7
    holdout: float = 0.3


def tanh_layer(inputs, weights, shift):
    return np.tanh(inputs @ weights + shift)


def network(params, inputs):
    hidden = tanh_layer(inputs, params["Wa"], params["ba"])
    return hidden, 1 / (1 + np.exp(-(hidden @ params["Wb"] + params["bb"])))


def log_loss(prob, truth):
    prob = np.clip(prob, 1e-9, 1 - 1e-9)
    return float(-np.mean(truth * np.log(prob) + (1 - truth) * np.log(1 - prob)))


def run(cfg: Settings) -> dict:
    rng = np.random.default_rng(21)
    feats = rng.normal(size=(240, 3))
    lab = ((feats[:, 0] * feats[:, 1] + 0.5 * feats[:, 2]) > 0).astype(float)[:, None]
    cut = int(len(feats) * (1 - cfg.holdout))
    tr_x, tr_y, va_x, va_y = feats[:cut], lab[:cut], feats[cut:], lab[cut:]
    params = {
        "Wa": rng.normal(0, 0.5, (3, cfg.hidden)),
        "ba": np.zeros(cfg.hidden),
        "Wb": rng.normal(0, 0.5, (cfg.hidden, 1)),
        "bb": np.zeros(1),
    }
    curve = []
    for epoch in range(cfg.epochs):
        hidden, prob = network(params, tr_x)
        _, va_prob = network(params, va_x)
        curve.append((log_loss(prob, tr_y), log_loss(va_prob, va_y)))
        n = len(tr_x)
        d_out = (prob - tr_y) / n
        d_hid = (d_out @ params["Wb"].T) * (1 - hidden**2)
        params["Wb"] -= cfg.rate * hidden.T @ d_out
        params["bb"] -= cfg.rate * d_out.sum(axis=0)
        params["Wa"] -= cfg.rate * tr_x.T @ d_hid
        params["ba"] -= cfg.rate * d_hid.sum(axis=0)
        if epoch % 200 == 0:
            print("epoch %d train %.4f held-out %.4f" % (epoch, *curve[-1]))
    return params


if __name__ == "__main__":
    run(Settings())
