"""The flight recorder and the dynamics rules: each symptom of training, with its cause.

One small tanh XOR network (correct, summed gradients) is varied: zero initialisation,
a learning rate that is far too large, W1 never updated (a plateau), the BCE
derivative left unsimplified with a large step (NaN). A ReLU version starts with dead
units. The classic stuck-at-0.5 network is the case study `outputs_stuck_at_half`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
from netdoctor.report import Report

BASE = """import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])
np.random.seed(0)
W1 = np.random.randn(2, 4)
b1 = np.zeros((1, 4))
W2 = np.random.randn(4, 1)
b2 = np.zeros((1, 1))
lr = 0.5


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train_step(X, y, W1, b1, W2, b2, lr):
    h = np.tanh(X @ W1 + b1)
    out = sigmoid(h @ W2 + b2)
    d_out = out - y
    d_h = d_out @ W2.T * (1 - h ** 2)
    W2 = W2 - lr * h.T @ d_out
    b2 = b2 - lr * d_out.sum(axis=0, keepdims=True)
    W1 = W1 - lr * X.T @ d_h
    b1 = b1 - lr * d_h.sum(axis=0, keepdims=True)
    return W1, b1, W2, b2


for epoch in range(2000):
    W1, b1, W2, b2 = train_step(X, y, W1, b1, W2, b2, lr)
"""
CASE = Path(__file__).parent.parent / "case_studies" / "outputs_stuck_at_half" / "buggy.py"


def run(tmp_path: Path, *edits: tuple[str, str]) -> Report:
    source = BASE
    for before, after in edits:
        assert before in source, before
        source = source.replace(before, after)
    path = tmp_path / "net.py"
    path.write_text(source)
    return check_file(str(path), CheckOptions())


def finding(report: Report, code: str):  # type: ignore[no-untyped-def]
    found = [f for f in report.findings if f.code == code]
    assert found, [(f.code, f.message[:80]) for f in report.findings]
    return found[0]


def test_correct_network_trains_and_the_replay_agrees(tmp_path: Path) -> None:
    report = run(tmp_path)
    assert [f.code for f in report.findings if f.severity != "info"] == []
    training = report.training
    # recorded until the loss converged, not the 2,000 steps asked for; the same file
    # stops at the same step every time (step counts, not seconds)
    assert training["stopped"] == "converged" and training["steps_run"] < 2000
    assert run(tmp_path).training == training
    assert training["learning_rate"] == 0.5
    assert training["final_loss"] < 0.01
    # the replay with the true gradients follows the same curve, step for step
    curves = report.plot_data["training"]
    assert curves["replay_loss"] == pytest.approx(curves["loss"], rel=1e-9)
    assert training["replay_final_loss"] < training["final_loss"]  # one step further


def test_zero_initialisation_is_nd307_and_explains_the_stall(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        ("W1 = np.random.randn(2, 4)", "W1 = np.zeros((2, 4))"),
        ("W2 = np.random.randn(4, 1)", "W2 = np.zeros((4, 1))"),
    )
    assert finding(report, "ND307").severity == "error"
    stuck = finding(report, "ND302")
    assert "ND307 symmetric-init" in stuck.evidence["caused_by"]


def test_learning_rate_far_too_large_is_nd308(tmp_path: Path) -> None:
    report = run(tmp_path, ("lr = 0.5", "lr = 30.0"))
    lr = finding(report, "ND308")
    assert lr.severity == "error" and lr.evidence["kind"] == "too large"
    assert lr.evidence["final_loss"] > lr.evidence["initial_loss"]
    # The huge steps pin every tanh unit at +-1 and starve the first layer of gradient.
    saturated = finding(report, "ND304")
    assert saturated.severity == "warning" and saturated.evidence["saturated_fraction"] == 1.0
    vanishing = finding(report, "ND305")
    assert vanishing.evidence["kind"] == "vanishing" and vanishing.evidence["ratio"] < 1e-3


def test_plateau_with_the_replay_as_evidence(tmp_path: Path) -> None:
    # W1 never updated (a stale-weights slip): the rest of the network settles at loss
    # 0.63 with outputs spread out, a plateau the true gradients leave far behind.
    # (A missing tanh derivative is no plateau here: at this rate the loss oscillates,
    # or hovers at ln 2 where the last digits of numpy's tanh decide the symptom.)
    report = run(
        tmp_path,
        ("np.random.seed(0)", "np.random.seed(1)"),
        ("    W1 = W1 - lr * X.T @ d_h\n", ""),
    )
    assert finding(report, "ND106").evidence is not None
    assert any("W1" in f.message for f in report.findings if f.severity == "error")
    plateau = finding(report, "ND303")
    assert plateau.severity == "warning"
    assert plateau.evidence["replay_final_loss"] < 0.01 < plateau.evidence["loss"]


def test_nan_divergence_names_the_step_and_the_operation(tmp_path: Path) -> None:
    unsimplified = "    d_out = (-(y / out) + (1 - y) / (1 - out)) * out * (1 - out)"
    report = run(tmp_path, ("    d_out = out - y", unsimplified), ("lr = 0.5", "lr = 10.0"))
    nan = finding(report, "ND306")
    assert nan.severity == "error"
    assert nan.evidence["step"] == 2
    assert nan.location is not None and nan.location.line == 20
    assert "d_out = (-(y / out)" in (nan.location.source or "")
    assert report.training["stopped"] == "non-finite"
    # the true gradients from the same start stay finite: the unsimplified derivative is why
    unsimplified_finding = finding(report, "ND103")
    assert unsimplified_finding.severity == "error"
    assert unsimplified_finding.evidence["non_finite_step"] == 2
    assert "reached inf or NaN at step 2" in unsimplified_finding.message


def test_relus_dead_at_initialisation_are_found_before_training(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        ("b1 = np.zeros((1, 4))", "b1 = np.full((1, 4), -10.0)"),
        ("    h = np.tanh(X @ W1 + b1)", "    h = np.maximum(X @ W1 + b1, 0)"),
        ("    d_h = d_out @ W2.T * (1 - h ** 2)", "    d_h = d_out @ W2.T * (h > 0)"),
    )
    dead = finding(report, "ND301")
    assert dead.severity == "error"
    assert dead.evidence["at_initialisation"] and dead.evidence["dead_fraction"] == 1.0


def test_the_classic_stuck_at_half_network_and_its_causal_chain() -> None:
    report = check_file(str(CASE), CheckOptions())
    assert {"ND101", "ND103", "ND201", "ND301", "ND302"} <= set(report.codes())
    dead = finding(report, "ND301")
    assert dead.severity == "error"
    assert dead.evidence["explosion"]["update_to_weight"] > 1  # one huge step...
    assert dead.evidence["explosion"]["step"] < dead.evidence["step"]  # ...then the deaths
    assert dead.evidence["dead_at_end"] == 1.0
    assert dead.evidence["caused_by"] == ["ND101", "ND103"]
    stuck = finding(report, "ND302")
    chain = stuck.evidence["caused_by"]
    assert chain[0].startswith("ND301 dead-relu from step")
    assert any("times the weights' norm" in link for link in chain)
    assert chain[-1] == "caused by ND101 + ND103"
    # The replay: correct gradients alone cannot fit XOR without biases; with biases they do.
    assert report.training["final_loss"] == pytest.approx(0.6931, abs=1e-3)
    assert report.training["replay_final_loss"] > 0.1
    assert report.training["replay_with_biases_final_loss"] < 0.01
    assert "does not bring dead units back" in stuck.fix


def test_ctrl_c_returns_the_partial_record(tmp_path: Path) -> None:
    import json
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "net.py"
    # a small step: the loss falls for longer than the test waits, never converging or
    # freezing (which would end the recording before Ctrl-C)
    path.write_text(BASE.replace("lr = 0.5", "lr = 0.001"))
    command = [sys.executable, "-m", "netdoctor", "check", str(path), "--format", "json"]
    # Ctrl-C must come once training has begun: how long the check takes before it, on this
    # machine under its present load, is the same check without training (it waited a fixed
    # 4 s, and came too early on a loaded 2-core machine: "not checked")
    started = time.monotonic()
    subprocess.run([*command, "--no-train"], capture_output=True, timeout=200)
    before_training = time.monotonic() - started
    command += ["--steps", "100000000", "--train-seconds", "120", "--timeout", "200"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(max(4.0, 2 * before_training + 1.0))
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    report = json.loads(out)
    assert report["status"] == "checked", err
    assert report["training"]["stopped"] == "interrupted"
    assert 0 < report["training"]["steps_run"] < 100000000
    assert report["training"]["final_loss"] < report["training"]["initial_loss"]


DIVERGING = """import numpy as np

np.random.seed(0)
points = np.random.randn(50, 3)
labels = (points[:, :1] + points[:, 1:2] * points[:, 2:3] > 0).astype(float)
W1, b1 = np.random.randn(3, 10) * 0.5, np.zeros((1, 10))
W2, b2 = np.random.randn(10, 1) * 0.5, np.zeros((1, 1))
step_size = 10


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(2000):
    z1 = points @ W1 + b1
    a1 = np.maximum(0, z1)
    out = sigmoid(a1 @ W2 + b2)
    d2 = out - labels
    d1 = (d2 @ W2.T) * (z1 > 0)
    W2 -= step_size * a1.T @ d2
    b2 -= step_size * d2.sum(axis=0, keepdims=True)
    W1 -= step_size * points.T @ d1
    b1 -= step_size * d1.sum(axis=0, keepdims=True)
"""


def test_a_replay_that_diverges_too_still_gives_a_report(tmp_path: Path) -> None:
    """Right gradients, a step far too large: the user's run and the replay both reach
    NaN. The report says so (null losses in JSON) instead of failing to serialise."""
    path = tmp_path / "diverging.py"
    path.write_text(DIVERGING)
    report = check_file(str(path), CheckOptions())
    assert report.status == "checked", report.error
    assert "ND306" in report.codes()
    assert not [c for c in report.codes() if c.startswith("ND1")]
    assert report.training["final_loss"] is None
    assert report.training["replay_final_loss"] is None
    assert '"replay_final_loss": null' in report.to_json()
    # the replay ends where the recording broke, not after the 2,000 steps asked for
    assert report.training["stopped"] == "non-finite"
    assert report.training["replay_steps_run"] == report.training["steps_run"] < 2000


AVERAGED = """import numpy as np

rng = np.random.default_rng(3)
X = rng.normal(size=(300, 2))
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
W1 = rng.normal(0, 1, (2, 8))
b1 = np.zeros((1, 8))
W2 = rng.normal(0, 1, (8, 1))
b2 = np.zeros((1, 1))
for epoch in range(2000):
    h = np.tanh(X @ W1 + b1)
    out = 1 / (1 + np.exp(-(h @ W2 + b2)))
    loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
    d_out = (out - y) * out * (1 - out) / len(X)
    d_h = d_out @ W2.T * (1 - h ** 2)
    W2 -= 2.0 * h.T @ d_out
    b2 -= 2.0 * d_out.sum(axis=0, keepdims=True)
    W1 -= 2.0 * X.T @ d_h
    b1 -= 2.0 * d_h.sum(axis=0, keepdims=True)
"""


def test_the_replay_averages_when_every_gradient_is_wrong_but_averaged(tmp_path: Path) -> None:
    """The MSE delta under a cross-entropy loss makes every gradient wrong, so no right one
    tells the reduction; the bug's own fit does (1/m). Correct gradients replayed summed at
    the file's rate 2.0 would be 300 times too large and say the fix is worse."""
    path = tmp_path / "averaged.py"
    path.write_text(AVERAGED)
    report = check_file(str(path), CheckOptions())
    assert "ND104" in {f.code for f in report.findings}
    training = report.training
    assert training["replay_final_loss"] < training["final_loss"]
    assert training["replay_final_loss"] < training["initial_loss"]


def test_a_leaky_relu_of_another_slope_is_recorded_and_replayed(tmp_path: Path) -> None:
    """`np.where(z > 0, z, 0.1 * z)`: the slope is recognised, and the training record,
    the replay and the probes use it (they refused `leaky_relu(0.1)` before)."""
    report = run(
        tmp_path,
        ("h = np.tanh(X @ W1 + b1)", "z = X @ W1 + b1\n    h = np.where(z > 0, z, 0.1 * z)"),
        ("(1 - h ** 2)", "np.where(z > 0, 1.0, 0.1)"),
    )
    assert [f.code for f in report.findings if f.severity != "info"] == []
    assert not [n for n in report.notes if "could not" in n], report.notes
    training = report.training
    assert training["steps_run"] > 0 and training["replay_steps_run"] > 0
    curves = report.plot_data["training"]
    assert curves["hidden_activation"] == "leaky_relu(0.1)"
    assert curves["replay_loss"] == pytest.approx(curves["loss"], rel=1e-9)


def test_an_l2_penalised_network_is_replayed_with_its_penalty(tmp_path: Path) -> None:
    """`dW = X.T @ dZ + lambd * W`: the replay descends the same penalised loss, so a
    correct network that settles where its penalty holds it is no plateau (ND303 compared
    it with where the loss without the penalty gets), and its last layer's gradient,
    balanced to ~0 by the penalty, makes no exploding ratio (ND305)."""
    report = run(
        tmp_path,
        ("W2 = W2 - lr * h.T @ d_out", "W2 = W2 - lr * (h.T @ d_out + 0.05 * W2)"),
        ("W1 = W1 - lr * X.T @ d_h", "W1 = W1 - lr * (X.T @ d_h + 0.05 * W1)"),
    )
    codes = {f.code for f in report.findings}
    assert not any(f.severity == "error" for f in report.findings), codes
    assert "ND303" not in codes and "ND305" not in codes
    assert any("L2 penalty" in note for note in report.notes)
