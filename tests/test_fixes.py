"""Fix texts that work: each rule's documented fix, applied to its own program, removes it.

A fix text that sends the user round in circles (a stable sigmoid that still overflows;
"call the helper with z" under BCE, which gives the ND104 delta) costs more trust than no
fix at all. For every rule whose fix is a code change, the table below applies that fix,
as its text says, to the rule's program in `tests/rules/` (the marked `# BUG(NDxxx)` line,
and where the fix moves code, the lines around it) and checks the copy: the finding is
gone and no other error appears. The buggy program is checked with the same options, so
that "gone" cannot come from options under which the rule never fires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from netfiles import EXERCISE, write

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
from netdoctor.report import Report
from netdoctor.rules import all_rules

PROGRAMS = Path(__file__).parent / "rules"


@dataclass(frozen=True)
class Fix:
    """`old` (which holds the line marked `# BUG(code)`) replaced by `new`, as `fix` says;
    `more` are the further (old, new) edits a fix spread over the file needs."""

    code: str
    old: str
    new: str
    fix: str  # the words of the finding's fix text this replacement follows
    train: bool = False  # the rule needs the recorded training run to fire
    more: tuple[tuple[str, str], ...] = ()


FIXES = [
    Fix(
        "ND101",
        "    d_out = error * sigmoid_prime(prediction)",
        "    d_out = error * sigmoid_prime(out_in)",
        "evaluate it at the pre-activation, sigmoid_derivative(z)",  # squared error: keep it
    ),
    Fix(
        "ND102",
        "* self.z_hidden * (1 - self.z_hidden)",
        "* self.a_hidden * (1 - self.a_hidden)",
        "Feed the activation-form derivative the activation",
    ),
    Fix(
        "ND103",
        "    dA2 = -(Y / A2) + (1 - Y) / (1 - A2)\n    dZ2 = dA2 * A2 * (1 - A2)",
        "    dZ2 = A2 - Y",
        "Compute the output delta directly: dZ = A - Y",
    ),
    Fix(
        "ND104",
        "        delta_out = (out - t) * out * (1 - out)",
        "        delta_out = out - t",
        "the output delta is dZ = A - Y; drop the A * (1 - A) factor",
    ),
    Fix(
        "ND105",
        "        err = wanted - output",
        "        err = output - wanted",
        "with dZ = A - Y the update is W -= lr * dW",
    ),
    Fix(
        "ND107",
        "    dW1 = X @ dZ1.T / m",
        "    dW1 = dZ1 @ X.T / m",
        "Swap the operands of the matrix product",
    ),
    Fix(
        "ND108",
        "            grad_b1 = d_hidden ",
        "            grad_b1 = d_hidden.sum(axis=0, keepdims=True) ",
        "Sum the delta over the samples",
    ),
    Fix(
        "ND109",
        '(delta_out @ p["W2"].T) * hidden * (1 - hidden)',
        '(delta_out @ p["W2"].T) * (1 - hidden ** 2)',
        "Use the derivative of the activation the forward pass applies",
    ),
    Fix(
        "ND110",
        "    err_hidden = err_out @ output_weights.T",
        "    err_hidden = (err_out @ output_weights.T) * (pre > 0)",
        "Multiply the back-propagated error by the hidden activation's derivative",
    ),
    Fix(
        "ND111",
        "    syn1 = syn1 - lr * (l1.T @ l2_delta)\n"
        "    bias1 = bias1 - lr * l2_delta.sum(axis=0)\n"
        "    l1_delta = (l2_delta @ syn1.T) * l1 * (1 - l1)",
        "    l1_delta = (l2_delta @ syn1.T) * l1 * (1 - l1)\n"
        "    syn1 = syn1 - lr * (l1.T @ l2_delta)\n"
        "    bias1 = bias1 - lr * l2_delta.sum(axis=0)",
        "Compute every delta before updating any weight in the step",
    ),
    Fix(
        "ND112",
        "    a *= 1 - a",
        "    a = a * (1 - a)",
        "Compute new arrays",
    ),
    Fix(
        "ND202",
        "    return A1, predict_proba(A2)",
        "    return A1, A2",
        "do not pass an already activated value through it again",
    ),
    Fix(
        "ND204",
        "    return -np.sum(Y * np.log(A2)",
        "    A2 = np.clip(A2, 1e-12, 1 - 1e-12)\n    return -np.sum(Y * np.log(A2)",
        "np.clip(A, 1e-12, 1 - 1e-12) inside the log",
    ),
    Fix(
        "ND113",
        "        delta = guess - targets",
        "        delta = (guess - targets) * guess * (1 - guess)",
        "multiply the output delta by A * (1 - A)",
    ),
    Fix(
        "ND205",
        "        return 1.0 / (1.0 + np.exp(-x))",
        "        return 0.5 * (1 + np.tanh(0.5 * x))",
        "0.5 * (1 + np.tanh(0.5 * z))",
    ),
    Fix(
        "ND206",
        "labels = (np.sum(points ** 2, axis=1) < 1.0).astype(float)",
        "labels = (np.sum(points ** 2, axis=1) < 1.0).astype(float).reshape(-1, 1)",
        "y = y.reshape(-1, 1)",
    ),
    Fix(
        "ND207",
        "    probs = hidden @ output_weights + output_bias",
        "    probs = 1 / (1 + np.exp(-(hidden @ output_weights + output_bias)))",
        "Apply the sigmoid to the output layer",
    ),
    Fix(
        "ND201",
        "(self.inputs @ self.weights_ih)  # BUG(ND201): no bias in either layer\n",
        "(self.inputs @ self.weights_ih + self.bias_h)\n",
        "Add a bias per layer: Z = X @ W + b",
        more=(
            (
                "        self.weights_ho = rng.uniform(-1, 1, (hidden, 1))\n",
                "        self.weights_ho = rng.uniform(-1, 1, (hidden, 1))\n"
                "        self.bias_h = np.zeros((1, hidden))\n"
                "        self.bias_o = np.zeros((1, 1))\n",
            ),
            ("(self.hidden @ self.weights_ho)", "(self.hidden @ self.weights_ho + self.bias_o)"),
            (
                "        self.weights_ih -= self.alpha * self.inputs.T @ d_hidden\n",
                "        self.weights_ih -= self.alpha * self.inputs.T @ d_hidden\n"
                "        self.bias_o -= self.alpha * d_output.sum(axis=0, keepdims=True)\n"
                "        self.bias_h -= self.alpha * d_hidden.sum(axis=0, keepdims=True)\n",
            ),
        ),
    ),
    Fix(
        "ND203",
        "def mse(prediction, target):",
        "def cross_entropy(prediction, target):\n"
        "    prediction = np.clip(prediction, 1e-12, 1 - 1e-12)\n"
        "    return -(target * np.log(prediction) + (1 - target) * np.log(1 - prediction))\n"
        "\n\ndef mse(prediction, target):",
        "use the output delta dZ2 = A2 - Y",
        train=True,
        more=(
            ("        total += mse(out, t)", "        total += cross_entropy(out, t)"),
            ("        delta_out = (out - t) * out * (1 - out)", "        delta_out = out - t"),
        ),
    ),
    Fix(
        "ND301",
        "step_size = 4.0",
        "step_size = 0.05",
        "a smaller learning rate",
        train=True,
    ),
    Fix(  # its fix: the causes first; the cause named is ND307, whose fix this is
        "ND302",
        "W1 = np.zeros((2, n_hidden))",
        "W1 = np.random.randn(2, n_hidden) * np.sqrt(1 / 2)",
        "Fix the causes listed first",
        train=True,
        more=(
            (
                "W2 = np.zeros((n_hidden, 1))",
                "W2 = np.random.randn(n_hidden, 1) * np.sqrt(1 / n_hidden)",
            ),
        ),
    ),
    Fix(  # its fix: the gradient findings first; ND106 says W1's gradient is 0 x the truth
        "ND303",
        "    W1 - lr * X.T @ dz1",
        "    W1 = W1 - lr * X.T @ dz1",
        "Fix the gradient findings above",
        train=True,
    ),
    Fix(
        "ND304",
        "# BUG(ND304): weights drawn from [-25, 25], every |z| is in the tens and tanh is pinned"
        " at +-1\nsyn0 = 50 * np.random.random((2, 8)) - 25",
        "syn0 = np.random.randn(2, 8) * np.sqrt(1 / 2)",
        "initialise with variance 1/n_in",
        train=True,
    ),
    Fix(
        "ND305",
        "    # BUG(ND305): first layer scaled by 1e-3 but the output layer is not: the hidden\n"
        "    # activations are ~0, so dW2 is ~1000x smaller than dW1"
        " (gradient norms out of balance)\n"
        "    W1 = np.random.randn(n_in, n_hid) * 1e-3",
        "    W1 = np.random.randn(n_in, n_hid) * np.sqrt(1 / n_in)",
        "Initialise each layer with variance 1/n_in",
        train=True,
        more=(
            (
                "    W2 = np.random.randn(n_hid, 1)",
                "    W2 = np.random.randn(n_hid, 1) * np.sqrt(1 / n_hid)",
            ),
        ),
    ),
    Fix(
        "ND306",
        "    step_size = 400.0",
        "    step_size = 0.5",
        "lower the learning rate",
        train=True,
    ),
    Fix(
        "ND307",
        "        # BUG(ND307): constant initialisation,"
        " all hidden units start identical and stay so\n"
        "        self.hidden_weights = np.full((n_in, n_hidden), 0.5)",
        "        self.hidden_weights = np.random.randn(n_in, n_hidden) * np.sqrt(1 / n_in)",
        "Initialise weights randomly: np.random.randn(n_in, n_out) * np.sqrt(1 / n_in)",
        train=True,
        more=(
            (
                "        self.output_weights = np.full((n_hidden, 1), 0.5)",
                "        self.output_weights = np.random.randn(n_hidden, 1)"
                " * np.sqrt(1 / n_hidden)",
            ),
        ),
    ),
    Fix(
        "ND308",
        "        self.learning_rate = 1e-6",
        "        self.learning_rate = 0.1",
        "Raise the learning rate by factors of 10",
        train=True,
    ),
    Fix(
        "ND309",
        "# BUG(ND309): perceptron-style labels -1/+1, but the output is a sigmoid in (0, 1)\n"
        "y = np.vstack([np.ones((n // 2, 1)), -np.ones((n // 2, 1))])",
        "y = np.vstack([np.ones((n // 2, 1)), np.zeros((n // 2, 1))])",
        "Use 0/1 labels for classification (map -1 to 0)",
    ),
    Fix(
        "ND310",
        "# BUG(ND310): features used as-is, sizes in the thousands saturate the hidden layer\n"
        "features = np.column_stack([sizes, rooms])",
        "features = np.column_stack([sizes, rooms])\n"
        "features = (features - features.mean(axis=0)) / features.std(axis=0)",
        "Standardise the inputs: X = (X - X.mean(axis=0)) / X.std(axis=0)",
        train=True,
    ),
]


def _program(code: str) -> Path:
    (found,) = sorted(PROGRAMS.glob(f"{code}_*.py"))
    return found


def _fixed_source(fix: Fix) -> str:
    source = _program(fix.code).read_text()
    assert source.count(fix.old) == 1, f"{fix.code}: the text to replace is not there once"
    start = source.index(fix.old)
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", start + len(fix.old))
    replaced = source[line_start : line_end if line_end >= 0 else len(source)]
    assert f"# BUG({fix.code})" in replaced, f"{fix.code}: the fix must replace the marked line"
    fixed = source.replace(fix.old, fix.new)
    for old, new in fix.more:
        assert fixed.count(old) == 1, f"{fix.code}: {old!r} is not there once"
        fixed = fixed.replace(old, new)
    # The marker goes with the bug; the rest of the comment would describe a bug not there.
    return re.sub(rf"\s*# BUG\({fix.code}\):[^\n]*", "", fixed)


def _options(fix: Fix) -> CheckOptions:
    return CheckOptions(train=fix.train)


def _summary(report: Report) -> list[str]:
    return [
        f"{f.code} {f.severity} line {f.location and f.location.line}: {f.message}"
        for f in report.findings
    ]


@pytest.mark.parametrize("fix", FIXES, ids=lambda fix: fix.code)
def test_the_documented_fix_removes_the_finding(fix: Fix, tmp_path: Path) -> None:
    buggy = check_file(str(_program(fix.code)), _options(fix))
    found = [f for f in buggy.findings if f.code == fix.code]
    assert found, f"{fix.code} does not fire with these options: {_summary(buggy)}"
    assert fix.fix in found[0].fix, f"{fix.code}'s fix text no longer says this: {found[0].fix}"

    path = tmp_path / _program(fix.code).name
    path.write_text(_fixed_source(fix))
    report = check_file(str(path), _options(fix))
    assert report.status == "checked", report.error
    assert fix.code not in report.codes(), _summary(report)
    assert not any(f.severity == "error" for f in report.findings), _summary(report)


def test_every_code_fix_has_an_entry() -> None:
    """The rules whose fix is a code change at the marked line, listed in the issue."""
    required = {"ND101", "ND102", "ND104", "ND105", "ND107", "ND108", "ND109", "ND110"}
    required |= {"ND111", "ND112", "ND113", "ND205", "ND206", "ND207"}
    assert required <= {fix.code for fix in FIXES}


# ------------------------------------------------------------------ ND101 by loss and place

ND101_OUTPUT = "    dZ2 = (A2 - Y) * sigmoid(A2) * (1 - sigmoid(A2))\n"
# What "call the helper with z" gives under BCE: the squared-error delta, ND104.
HELPER_WITH_Z = "    dZ2 = (A2 - Y) * sigmoid(A1 @ W2 + b2) * (1 - sigmoid(A1 @ W2 + b2))\n"
ND101_HIDDEN = "    dZ1 = dZ2 @ W2.T * sigmoid(A1) * (1 - sigmoid(A1))\n"


def _exercise(tmp_path: Path, old: str, new: str) -> Report:
    assert EXERCISE.count(old) == 1
    path = write(tmp_path, EXERCISE.replace(old, new).format(dW1="dW1"))
    return check_file(str(path), CheckOptions(train=False))


def test_nd101_at_a_bce_output_names_a_minus_y_not_the_helper(tmp_path: Path) -> None:
    report = _exercise(tmp_path, "    dZ2 = A2 - Y\n", ND101_OUTPUT)
    (finding,) = [f for f in report.findings if f.code == "ND101"]
    assert "dZ = A - Y" in finding.fix and "binary cross-entropy" in finding.fix
    assert "ND104" in finding.fix  # and says why not the helper with z
    # The advice it no longer gives first would have led to ND104 ...
    assert "ND104" in _exercise(tmp_path, "    dZ2 = A2 - Y\n", HELPER_WITH_Z).codes()
    # ... and the one it gives is the exercise as it should be: no error.
    fixed = _exercise(tmp_path, "    dZ2 = A2 - Y\n", "    dZ2 = A2 - Y\n")
    assert not any(f.severity == "error" for f in fixed.findings), _summary(fixed)


def test_nd101_in_a_hidden_layer_names_the_pre_activation(tmp_path: Path) -> None:
    report = _exercise(tmp_path, "    dZ1 = dZ2 @ W2.T * A1 * (1 - A1)\n", ND101_HIDDEN)
    (finding,) = [f for f in report.findings if f.code == "ND101"]
    assert "pre-activation" in finding.fix and "a * (1 - a)" in finding.fix
    assert "dZ = A - Y" not in finding.fix


# ------------------------------------------------------------------ the stable sigmoid


def _suggested_sigmoid() -> str:
    """The expression ND205's fix text suggests, in backticks, written for `z`."""
    found = re.findall(r"`([^`]+)`", all_rules()["ND205"].fix)
    assert found, "ND205's fix names its sigmoid in backticks"
    return found[0]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_the_suggested_sigmoid_raises_nothing_at_any_logit(dtype: type) -> None:
    expression = _suggested_sigmoid()
    extreme = np.array([-1000.0, 1000.0], dtype=dtype)
    mixed = np.array([-1000.0, -88.8, -30.0, -1.0, 0.0, 1.0, 30.0, 88.8, 1000.0], dtype=dtype)
    with np.errstate(all="raise"):
        at_extremes = eval(expression, {"np": np, "z": extreme})
        values = eval(expression, {"np": np, "z": mixed})
        one = eval(expression, {"np": np, "z": dtype(-1000.0)})
    np.testing.assert_array_equal(at_extremes, [0.0, 1.0])
    assert values.dtype == dtype and one == 0.0
    exact = 1 / (1 + np.exp(-mixed.astype(np.longdouble)))
    tolerance = 1e-15 if dtype == np.float64 else 1e-7  # absolute: a probability
    np.testing.assert_allclose(values.astype(np.longdouble), exact, rtol=0, atol=tolerance)


def test_the_where_form_the_fix_used_to_suggest_does_overflow() -> None:
    """Why the fix changed: np.where evaluates both branches, and one overflows."""
    z = np.array([-1000.0, 1000.0])
    with np.errstate(all="raise"), pytest.raises(FloatingPointError):
        np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


# ------------------------------------------------------------------ ND107's inner product


def test_nd107_inner_product_fix_is_the_outer_product(tmp_path: Path) -> None:
    """np.dot(x, d_h) of two vectors (one number added to every weight): the fix text's
    np.outer(x, d_h) is the exact gradient."""
    program = Path(__file__).parent / "programs" / "buggy" / "xor_vectors_dot_for_outer.py"
    buggy = check_file(str(program), CheckOptions(train=False))
    (found,) = [f for f in buggy.findings if f.code == "ND107"]
    assert "np.outer(x, delta)" in found.fix and found.location is not None
    assert "np.dot(x, d_h)" in (found.location.source or "")
    path = tmp_path / program.name
    path.write_text(program.read_text().replace("np.dot(x, d_h)", "np.outer(x, d_h)"))
    fixed = check_file(str(path), CheckOptions(train=False))
    assert fixed.status == "checked", fixed.error
    assert not any(f.severity == "error" for f in fixed.findings), _summary(fixed)
