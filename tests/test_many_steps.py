"""A pass that is many training steps is never judged as one: each call of the gradient
function sees new weights (`functools.reduce` over mini-batches), so a correct network
gets no error finding; it is checked one call at a time, or said not to be checkable."""

from __future__ import annotations

from pathlib import Path

from styles_common import checked

REDUCED = """
import functools
import numpy as np

rng = np.random.default_rng(4)
X = rng.normal(size=(120, 2))
y = (X[:, 0] * X[:, 1] > 0).astype(float)[:, None]


def grads(p, xb, yb):
    h = np.tanh(xb @ p["W1"] + p["b1"])
    o = 1 / (1 + np.exp(-(h @ p["W2"] + p["b2"])))
    d2 = (o - yb) / len(xb)
    d1 = d2 @ p["W2"].T * (1 - h ** 2)
    return {"W1": xb.T @ d1, "b1": d1.sum(0), "W2": h.T @ d2, "b2": d2.sum(0)}


def sgd(p, g, lr=0.5):
    return {k: p[k] - lr * g[k] for k in p}


def batches(seed):
    order = np.random.default_rng(seed).permutation(120)
    return [(X[order[i:i + 20]], y[order[i:i + 20]]) for i in range(0, 120, 20)]


params = {"W1": rng.normal(0, 0.5, (2, 8)), "b1": np.zeros(8),
          "W2": rng.normal(0, 0.5, (8, 1)), "b2": np.zeros(1)}
for epoch in range(30):
    params = functools.reduce(lambda p, b: sgd(p, grads(p, *b)), batches(epoch), params)
"""


def test_a_pass_of_many_steps_gets_no_error_finding(tmp_path: Path) -> None:
    program = tmp_path / "reduced.py"
    program.write_text(REDUCED)
    report = checked(program, train_steps=50)
    assert not [f for f in report.findings if f.severity == "error"], report.findings
    if report.status != "checked":  # then it says why, as a user can act on
        assert "many training steps" in str(report.error), report.error
