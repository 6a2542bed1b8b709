"""Mutation test: inject each known bug into correct programs by editing their source;
netdoctor must name it, with its severity, at the edited line.

Three correct programs are the starting points: a gradient function (row layout, the
classic exercise), a class that updates its weights in place (row layout, mean over
samples) and a gradient function in column layout (tanh hidden, mean over samples).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions

CORRECT = Path(__file__).parent / "programs" / "correct"
FUNCTION = CORRECT / "exercise_backprop.py"
CLASS = CORRECT / "class_inplace.py"
COLUMN = CORRECT / "column_batch_mean.py"

# (id, program, line as written, line with the bug, expected code, severity)
MUTATIONS = [
    (
        "ND101-output-function",
        FUNCTION,
        "    dZ2 = A2 - Y",
        "    dZ2 = (A2 - Y) * sigmoid(A2) * (1 - sigmoid(A2))",
        "ND101",
    ),
    (
        "ND101-output-class",
        CLASS,
        "        dZ2 = output - y",
        "        dZ2 = (output - y) * self.sigmoid(output) * (1 - self.sigmoid(output))",
        "ND101",
    ),
    (
        "ND101-hidden-function",
        FUNCTION,
        "    dZ1 = np.dot(dZ2, W2.T) * A1 * (1 - A1)",
        "    dZ1 = np.dot(dZ2, W2.T) * sigmoid(A1) * (1 - sigmoid(A1))",
        "ND101",
    ),
    (
        "ND102-output-function",
        FUNCTION,
        "    dZ2 = A2 - Y",
        "    dZ2 = (A2 - Y) * Z2 * (1 - Z2)",
        "ND102",
    ),
    (
        "ND102-hidden-class",
        CLASS,
        "        dZ1 = np.dot(dZ2, self.W2.T) * self.a1 * (1 - self.a1)",
        "        dZ1 = np.dot(dZ2, self.W2.T) * self.z1 * (1 - self.z1)",
        "ND102",
    ),
    (
        "ND104-function",
        FUNCTION,
        "    dZ2 = A2 - Y",
        "    dZ2 = (A2 - Y) * A2 * (1 - A2)",
        "ND104",
    ),
    (
        "ND104-class",
        CLASS,
        "        dZ2 = output - y",
        "        dZ2 = (output - y) * output * (1 - output)",
        "ND104",
        # The class must say its loss is cross-entropy, or squared error is the reading.
        (
            '                print("epoch", epoch)',
            '                print("epoch", epoch, -np.mean(y * np.log(self.feedforward(X))))',
        ),
    ),
    (
        "ND105-function",
        FUNCTION,
        "    dW2 = np.dot(A1.T, dZ2)",
        "    dW2 = -np.dot(A1.T, dZ2)",
        "ND105",
    ),
    (
        "ND105-class",
        CLASS,
        "        dW1 = np.dot(X.T, dZ1) / m",
        "        dW1 = -np.dot(X.T, dZ1) / m",
        "ND105",
    ),
    (
        "ND105-column",
        COLUMN,
        "    dW2 = (1 / m) * np.dot(dZ2, A1.T)",
        "    dW2 = -(1 / m) * np.dot(dZ2, A1.T)",
        "ND105",
    ),
    (
        "ND105-output-delta-function",
        FUNCTION,
        "    dZ2 = A2 - Y",
        "    dZ2 = Y - A2",
        "ND105",
    ),
    (
        "ND105-output-delta-class",
        CLASS,
        "        dZ2 = output - y",
        "        dZ2 = y - output",
        "ND105",
    ),
    (
        "ND105-hidden-delta-column",
        COLUMN,
        "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
        "    dZ1 = -np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
        "ND105",
    ),
    (
        "ND109-tanh-of-activation-column",
        COLUMN,
        "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
        "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(np.tanh(A1), 2))",
        "ND109",
    ),
    (
        "ND109-one-minus-a-function",
        FUNCTION,
        "    dZ1 = np.dot(dZ2, W2.T) * A1 * (1 - A1)",
        "    dZ1 = np.dot(dZ2, W2.T) * (1 - A1)",
        "ND109",
    ),
    (
        "ND109-one-minus-a-class",
        CLASS,
        "        dZ1 = np.dot(dZ2, self.W2.T) * self.a1 * (1 - self.a1)",
        "        dZ1 = np.dot(dZ2, self.W2.T) * (1 - self.a1)",
        "ND109",
    ),
    (
        "ND108-wrong-axis-column",
        COLUMN,
        "    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)",
        "    db1 = (1 / m) * np.sum(dZ1, axis=0, keepdims=True)",
        "ND108",
    ),
    (
        "ND106-function",
        FUNCTION,
        "    dW1 = np.dot(X.T, dZ1)",
        "    dW1 = 3 * np.dot(X.T, dZ1)",
        "ND106",
    ),
    (
        "ND106-class",
        CLASS,
        "        dW2 = np.dot(self.a1.T, dZ2) / m",
        "        dW2 = np.dot(self.a1.T, dZ2)",
        "ND106",
    ),
    (
        "ND106-column",
        COLUMN,
        "    dW1 = (1 / m) * np.dot(dZ1, X.T)",
        "    dW1 = np.dot(dZ1, X.T)",
        "ND106",
    ),
    (
        "ND107-function",
        FUNCTION,
        "    dW1 = np.dot(X.T, dZ1)",
        "    dW1 = np.dot(dZ1.T, X)",
        "ND107",
    ),
    (
        "ND107-column",
        COLUMN,
        "    dW1 = (1 / m) * np.dot(dZ1, X.T)",
        "    dW1 = (1 / m) * np.dot(X, dZ1.T)",
        "ND107",
    ),
    (
        "ND108-function",
        FUNCTION,
        "    db1 = np.sum(dZ1, axis=0, keepdims=True)",
        "    db1 = dZ1",
        "ND108",
    ),
    (
        "ND108-class",
        CLASS,
        "        db1 = np.sum(dZ1, axis=0, keepdims=True) / m",
        "        db1 = dZ1 / m",
        "ND108",
    ),
    (
        "ND109-function",
        FUNCTION,
        "    dZ1 = np.dot(dZ2, W2.T) * A1 * (1 - A1)",
        "    dZ1 = np.dot(dZ2, W2.T) * (1 - A1 ** 2)",
        "ND109",
    ),
    (
        "ND109-column",
        COLUMN,
        "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
        "    dZ1 = np.dot(W2.T, dZ2) * A1 * (1 - A1)",
        "ND109",
    ),
    (
        "ND110-function",
        FUNCTION,
        "    dZ1 = np.dot(dZ2, W2.T) * A1 * (1 - A1)",
        "    dZ1 = np.dot(dZ2, W2.T)",
        "ND110",
    ),
    (
        "ND110-class",
        CLASS,
        "        dZ1 = np.dot(dZ2, self.W2.T) * self.a1 * (1 - self.a1)",
        "        dZ1 = np.dot(dZ2, self.W2.T)",
        "ND110",
    ),
    (
        "ND110-column",
        COLUMN,
        "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
        "    dZ1 = np.dot(W2.T, dZ2)",
        "ND110",
    ),
    (
        "ND112-function",
        FUNCTION,
        "    dW1 = np.dot(X.T, dZ1)",
        "    dW1 = np.dot(X.T, dZ1)\n    W1 -= 0.1 * dW1",
        "ND112",
    ),
]


def _inject(
    tmp_path: Path, program: Path, before: str, after: str, extra: tuple[str, str] | None
) -> tuple[Path, int]:
    source = program.read_text()
    if extra is not None:
        source = source.replace(extra[0] + "\n", extra[1] + "\n")
    assert source.count(before + "\n") == 1, f"{before!r} not unique in {program.name}"
    mutated = source.replace(before + "\n", after + "\n")
    path = tmp_path / program.name
    path.write_text(mutated)
    last_new_line = after.splitlines()[-1]
    line = mutated.splitlines().index(last_new_line) + 1
    return path, line


@pytest.mark.parametrize(
    ("program", "before", "after", "code", "extra"),
    [(*m[1:5], m[5] if len(m) > 5 else None) for m in MUTATIONS],
    ids=[m[0] for m in MUTATIONS],
)
def test_injected_bug_is_named_at_its_line(
    tmp_path: Path,
    program: Path,
    before: str,
    after: str,
    code: str,
    extra: tuple[str, str] | None,
) -> None:
    path, line = _inject(tmp_path, program, before, after, extra)
    report = check_file(str(path), CheckOptions(train=False))
    assert report.status == "checked", report.error
    found = [f for f in report.findings if f.code == code]
    summary = [
        (f.code, f.severity, f.location.line if f.location else None) for f in report.findings
    ]
    assert found, summary
    assert found[0].severity == "error", summary
    assert found[0].location is not None and found[0].location.line == line, summary
    assert report.exit_code == 1


def test_stale_weights_in_a_class_are_nd111(tmp_path: Path) -> None:
    source = CLASS.read_text()
    update = "        self.W2 -= learning_rate * dW2\n"
    hidden = "        dZ1 = np.dot(dZ2, self.W2.T) * self.a1 * (1 - self.a1)\n"
    mutated = source.replace(update, "").replace(hidden, update + hidden)
    path = tmp_path / "stale.py"
    path.write_text(mutated)
    report = check_file(str(path), CheckOptions(train=False))
    finding = next(f for f in report.findings if f.code == "ND111")
    assert finding.severity == "error"
    assert finding.location is not None
    assert finding.location.line == mutated.splitlines().index(hidden.rstrip("\n")) + 1


def test_double_sigmoid_caught_where_it_is_only_a_few_percent_off(tmp_path: Path) -> None:
    """Squared error, outputs near 0.5: sigma'(A) vs sigma'(Z) differ by ~6 % only."""
    source = (CORRECT / "column_sgd_mse.py").read_text()
    before = "    dz2 = (a2 - y) * a2 * (1 - a2)\n"
    after = "    dz2 = (a2 - y) * sigmoid(a2) * (1 - sigmoid(a2))\n"
    small = "W2 = np.random.randn(1, 3) * 0.1\nb2 = np.zeros((1, 1))\n"
    source = source.replace("W2 = np.random.randn(1, 3)\nb2 = np.random.randn(1, 1)\n", small)
    path = tmp_path / "mse.py"
    path.write_text(source.replace(before, after))
    report = check_file(str(path), CheckOptions(train=False))
    at_user_point = [
        c.relative_error or 0 for c in report.gradient_checks if c.point.startswith("your")
    ]
    assert max(at_user_point) < 0.1  # a few percent off: a tolerance band alone would hesitate
    finding = next(f for f in report.findings if f.code == "ND101")
    assert finding.severity == "error"
    assert finding.location is not None
    assert finding.location.line == source.splitlines().index(before.rstrip("\n")) + 1


@pytest.mark.parametrize(
    ("program", "before", "after"),
    [
        (FUNCTION, "    dZ2 = A2 - Y", "    dZ2 = Y - A2"),
        (CLASS, "        dZ2 = output - y", "        dZ2 = y - output"),
        (
            COLUMN,
            "    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
            "    dZ1 = -np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
        ),
    ],
    ids=["output-function", "output-class", "hidden-column"],
)
def test_one_flipped_delta_is_one_finding(
    tmp_path: Path, program: Path, before: str, after: str
) -> None:
    """A delta with its sign flipped makes every gradient after it minus the truth: one
    root cause, one finding naming the affected gradients, not one per gradient."""
    path, line = _inject(tmp_path, program, before, after, None)
    report = check_file(str(path), CheckOptions(train=False))
    errors = [f for f in report.findings if f.severity == "error"]
    assert [f.code for f in errors] == ["ND105"], [(f.code, f.message) for f in errors]
    assert errors[0].location is not None and errors[0].location.line == line
    assert len(errors[0].evidence["parameters"]) >= 2


def test_an_l2_penalty_beside_a_bias_never_updated_is_only_nd108() -> None:
    """The never-updated bias has no claim, so it must not stop the penalty being fitted on
    the weights: otherwise the right weights read as ND100 beside the real ND108."""
    program = (
        Path(__file__).parent / "programs" / "buggy" / "l2_penalty_hidden_bias_never_updated.py"
    )
    report = check_file(str(program), CheckOptions(train=False))
    errors = [
        (f.code, f.location.line if f.location else None)
        for f in report.findings
        if f.severity == "error"
    ]
    assert errors == [("ND108", 24)]
    assert any("L2 penalty" in note for note in report.notes)


# Exponential-average momentum (every step moves by (1 - beta) / m of the summed gradient)
# and one bias gradient summed over the wrong axis, so that bias grows a column per sample.
EMA_WITH_A_GROWING_BIAS = """import numpy as np

rng = np.random.default_rng(41)
X = rng.normal(size=(3, 120))
Y = (X[0:1] * X[1:2] > 0).astype(float)
p = {"W1": rng.normal(0, 0.8, (6, 3)), "b1": np.zeros((6, 1))}
p.update(W2=rng.normal(0, 0.8, (1, 6)), b2=np.zeros((1, 1)))
v = {k: np.zeros_like(a) for k, a in p.items()}
for it in range(1500):
    A1 = np.tanh(p["W1"] @ X + p["b1"])
    A2 = 1 / (1 + np.exp(-(p["W2"] @ A1 + p["b2"])))
    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    dZ2 = (A2 - Y) / X.shape[1]
    dZ1 = (p["W2"].T @ dZ2) * (1 - A1**2)
    g = {"W2": dZ2 @ A1.T, "b2": dZ2.sum(axis=1, keepdims=True), "W1": dZ1 @ X.T}
    g["b1"] = dZ1.sum(axis=0, keepdims=True)
    for k in p:
        v[k] = 0.9 * v[k] + 0.1 * g[k]
        p[k] = p[k] - 1.0 * v[k]
"""


def test_a_factor_the_right_gradients_share_is_no_error_beside_a_wrong_one(
    tmp_path: Path,
) -> None:
    """The right gradients all carry momentum's (1 - beta) / m: one factor, the step's
    (an info), not a stray factor in each of them; the wrong bias is the one error, read
    as summed over the units whatever factor the step puts on it (it was three ND106
    errors beside an ND107 for its shape)."""
    path = tmp_path / "ema.py"
    path.write_text(EMA_WITH_A_GROWING_BIAS)
    report = check_file(str(path), CheckOptions(train=False))
    errors = [
        (f.code, f.evidence.get("parameter")) for f in report.findings if f.severity == "error"
    ]
    assert errors == [("ND108", "p['b1']")], errors  # summed over the units
    wrong = next(f for f in report.findings if f.code == "ND108")
    line = EMA_WITH_A_GROWING_BIAS.splitlines().index(
        '    g["b1"] = dZ1.sum(axis=0, keepdims=True)'
    )
    assert wrong.location is not None and wrong.location.line == line + 1  # a dict's entry
    scale = [f for f in report.findings if f.code == "ND106"]
    assert [f.severity for f in scale] == ["info"]
    assert scale[0].evidence["factor"] == pytest.approx(0.1 / 120)
