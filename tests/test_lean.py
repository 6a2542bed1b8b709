"""The recorded training runs without the loop's every-N-passes reporting, and only where
that leaves the training as the user's own code makes it.

A re-run pass sees the loop variable as the observed pass had it (`epoch` = 0), so a
`if epoch % 250 == 0:` branch ran in every recorded step: a decision boundary redrawn
1,500 times made one check take 8 s instead of 2.
"""

from __future__ import annotations

import ast
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from netdoctor.discover import replay
from netdoctor.discover.lean import lean_body
from netdoctor.engine import check_file
from netdoctor.options import CheckOptions


def _kept_branches(source: str, namespace: dict) -> list[str] | None:
    """The `if` statements left in the lean body of the file's first loop (None: none cut)."""
    loop = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.For))
    lean = lean_body(loop.body, namespace)
    if lean is None:
        return None
    return [ast.unparse(n.test) for s in lean for n in ast.walk(s) if isinstance(n, ast.If)]


def test_prints_and_plots_every_n_passes_are_cut() -> None:
    figure, axes = plt.subplots(1, 2)
    source = """
for it in range(1500):
    W -= lr * grad(W)
    if it % 250 == 0:
        acc = accuracy(W)
        ax.cla()
        axes[1].plot(history)
        plt.pause(0.001)
        print(it, acc)
        history.append(acc)
"""
    namespace = {"ax": axes[0], "axes": axes, "plt": plt, "history": []}
    assert _kept_branches(source, namespace) == []
    plt.close(figure)


@pytest.mark.parametrize(
    "branch",
    [
        "if it % 100 == 0:\n        lr *= 0.5",  # a schedule the update reads
        "if it % 100 == 0:\n        print(loss)\n        break",  # ends the loop
        "if it % 100 == 0:\n        W = shuffle(W)",  # rebinds what the pass reads
        "if it % 100 == 0:\n        net.refresh()",  # a call that may change state
        "if it % 100 == 0:\n        self.acc = 1.0",  # state another pass may read
        "if check(it):\n        print(loss)",  # a condition that calls the user's code
        "if it % 100 == 0:\n        losses.append(loss)",  # a history the pass reads
    ],
)
def test_branches_that_may_change_the_training_stay(branch: str) -> None:
    source = f"""
for it in range(1500):
    if len(losses) > 3 and losses[-1] > losses[-2]:
        break
    W -= lr * grad(W)
    {branch}
"""
    assert _kept_branches(source, {"losses": [], "net": object()}) is None


DRAWS = """import numpy as np

np.random.seed(1)
X = np.random.randn(64, 2)
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
W1, b1 = np.random.randn(2, 6), np.zeros((1, 6))
W2, b2 = np.random.randn(6, 1), np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for it in range(600):
    if it % 50 == 0:
        REPORT
    idx = np.random.choice(64, 16, replace=False)
    xb, yb = X[idx], y[idx]
    h = np.tanh(xb @ W1 + b1)
    p = sigmoid(h @ W2 + b2)
    d2 = (p - yb) / 16
    d1 = d2 @ W2.T * (1 - h**2)
    W2 -= 0.5 * h.T @ d2
    b2 -= 0.5 * d2.sum(axis=0, keepdims=True)
    W1 -= 0.5 * xb.T @ d1
    b1 -= 0.5 * d1.sum(axis=0, keepdims=True)
"""


@pytest.mark.parametrize(
    ("report", "cut"),
    [
        # only shows: cut from the recorded steps
        ("print(it, float(np.mean((sigmoid(np.tanh(X @ W1 + b1) @ W2 + b2) > 0.5) == y)))", True),
        # draws before the batch does: the lean steps would draw other batches, so the
        # check on the first step keeps the whole body
        ("sample = np.random.choice(64, 8)\n        print(it, sample)", False),
    ],
)
def test_the_recorded_training_is_the_same_with_and_without_the_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, report: str, cut: bool
) -> None:
    path = tmp_path / "net.py"
    path.write_text(DRAWS.replace("REPORT", report))
    options = CheckOptions(train_steps=300)
    lean_codes: list[object] = []
    decide = replay.Pass._lean_code

    def spied(runner: replay.Pass, values: dict) -> object:
        lean_codes.append(decide(runner, values))
        return lean_codes[-1]

    monkeypatch.setattr(replay.Pass, "_lean_code", spied)
    lean = check_file(str(path), options)
    assert len(lean_codes) > 100 and (lean_codes[-1] is not None) == cut  # each recorded step
    monkeypatch.setattr(replay, "lean_body", lambda body, namespace: None)
    whole = check_file(str(path), options)
    assert lean.status == whole.status == "checked"
    assert lean.training["steps_run"] == whole.training["steps_run"] > 100
    assert lean.training == whole.training
