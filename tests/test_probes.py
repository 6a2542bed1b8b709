"""Stress probes and data rules, injected into correct programs: code, severity and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions

CORRECT = Path(__file__).parent / "programs" / "correct"
FUNCTION = CORRECT / "exercise_backprop.py"
CLASS = CORRECT / "class_inplace.py"
DICT = CORRECT / "params_dict_relu.py"

# (id, program, line as written, replacement, code, severity)
CASES = [
    (
        "ND103-function",
        FUNCTION,
        "    dZ2 = A2 - Y",
        "    dZ2 = (-(Y / A2) + (1 - Y) / (1 - A2)) * A2 * (1 - A2)",
        "ND103",
        "warning",
    ),
    (
        "ND103-class",
        CLASS,
        "        dZ2 = output - y",
        "        dZ2 = (-(y / output) + (1 - y) / (1 - output)) * output * (1 - output)",
        "ND103",
        "warning",
    ),
    (
        "ND202-forward-backward",
        DICT,
        "    A2 = sigmoid(Z2)",
        "    A2 = sigmoid(sigmoid(Z2))",
        "ND202",
        "error",
    ),
    (
        "ND202-class",
        CLASS,
        "        self.a2 = self.sigmoid(self.z2)",
        "        self.a2 = self.sigmoid(self.sigmoid(self.z2))",
        "ND202",
        "error",
    ),
    (
        "ND207-forward-backward",
        DICT,
        "    A2 = sigmoid(Z2)",
        "    A2 = Z2",
        "ND207",
        "error",
    ),
    (
        "ND309-function",
        FUNCTION,
        "Y = np.array([[0], [1], [1], [0]])",
        "Y = np.array([[-1], [1], [1], [-1]])",
        "ND309",
        "error",
    ),
    (
        "ND309-class",
        CLASS,
        "y = np.array([[0], [1], [1], [0]])",
        "y = np.array([[0], [10], [10], [0]])",
        "ND309",
        "error",
    ),
    (
        "ND310-function",
        FUNCTION,
        "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])",
        "X = np.array([[0, 0], [0, 1000], [1000, 0], [1000, 1000]])",
        "ND310",
        "warning",
    ),
    (
        "ND310-class",
        CLASS,
        "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])",
        "X = np.array([[0, 0], [0, 500], [500, 0], [500, 500]])",
        "ND310",
        "warning",
    ),
]


@pytest.mark.parametrize(
    ("program", "before", "after", "code", "severity"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_rule_fires_at_the_edited_line(
    tmp_path: Path, program: Path, before: str, after: str, code: str, severity: str
) -> None:
    source = program.read_text()
    assert source.count(before + "\n") == 1, before
    mutated = source.replace(before + "\n", after + "\n")
    path = tmp_path / program.name
    path.write_text(mutated)
    report = check_file(str(path), CheckOptions(train=False))
    summary = [
        (f.code, f.severity, f.location.line if f.location else None) for f in report.findings
    ]
    found = next((f for f in report.findings if f.code == code), None)
    assert found is not None, summary
    assert found.severity == severity
    if code != "ND207":  # the forward pass is named: the output line has no array of its own
        assert found.location is not None
        assert found.location.line == mutated.splitlines().index(after) + 1, summary


def test_unguarded_log_in_a_loss_function_is_a_warning_at_the_log() -> None:
    report = check_file(str(DICT), CheckOptions(train=False))
    finding = next(f for f in report.findings if f.code == "ND204")
    assert finding.severity == "warning"
    assert finding.location is not None
    assert "np.log" in DICT.read_text().splitlines()[finding.location.line - 1]


def test_float32_naive_sigmoid_overflows_but_float64_does_not() -> None:
    float32 = check_file(str(CORRECT / "float32_net.py"), CheckOptions())
    finding = next(f for f in float32.findings if f.code == "ND205")
    assert finding.severity == "warning"
    assert finding.location is not None and finding.location.line == 5
    float64 = check_file(str(FUNCTION), CheckOptions())
    assert "ND205" not in float64.codes()


def test_missing_biases_are_a_warning_where_the_bias_is_added() -> None:
    # at the first layer's pre-activation (`z1 = X @ W1`: `+ b1` goes there), the line
    # the weights are made on in the evidence
    report = check_file(str(CORRECT / "no_bias_relu.py"), CheckOptions())
    finding = next(f for f in report.findings if f.code == "ND201")
    assert finding.severity == "warning"
    assert finding.evidence["layers"] == [1, 2]
    source = (CORRECT / "no_bias_relu.py").read_text().splitlines()
    assert finding.location is not None
    assert "X @ W1" in source[finding.location.line - 1], source[finding.location.line - 1]
    assert finding.evidence["weights_line"] == 6


def test_squared_error_file_gets_info_not_an_accusation() -> None:
    report = check_file(str(CORRECT / "column_sgd_mse.py"), CheckOptions())
    finding = next(f for f in report.findings if f.code == "ND203")
    assert finding.severity == "info"
    assert "mse_loss" in finding.message
    assert "ND104" not in report.codes()


@pytest.mark.parametrize(
    ("program", "before", "after"),
    [
        (FUNCTION, "Y = np.array([[0], [1], [1], [0]])", "Y = np.array([0, 1, 1, 0])"),
        (CLASS, "y = np.array([[0], [1], [1], [0]])", "y = np.array([0, 1, 1, 0])"),
    ],
    ids=["function", "class"],
)
def test_labels_of_shape_m_are_nd206_at_the_labels(
    tmp_path: Path, program: Path, before: str, after: str
) -> None:
    mutated = program.read_text().replace(before, after)
    path = tmp_path / program.name
    path.write_text(mutated)
    report = check_file(str(path), CheckOptions(train=False))
    summary = [
        (f.code, f.severity, f.location.line if f.location else None) for f in report.findings
    ]
    finding = next((f for f in report.findings if f.code == "ND206"), None)
    assert finding is not None, (summary, report.error)
    assert finding.severity == "error"
    assert finding.location is not None
    assert finding.location.line == mutated.splitlines().index(after) + 1


SCRIPT = CORRECT / "plain_script.py"
COLUMN_SGD = CORRECT / "column_sgd_mse.py"
FLOAT32_CLASS_EDITS = [
    (
        f"        self.{name} = np.{call}",
        f"        self.{name} = np.{call}.astype(np.float32)",
    )
    for name, call in [
        ("W1", "random.randn(input_size, hidden_size)"),
        ("b1", "zeros((1, hidden_size))"),
        ("W2", "random.randn(hidden_size, output_size)"),
        ("b2", "zeros((1, output_size))"),
    ]
] + [
    (
        "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])",
        "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)",
    ),
    ("y = np.array([[0], [1], [1], [0]])", "y = np.array([[0], [1], [1], [0]], dtype=np.float32)"),
]

# (id, program, edits, code, severity, the text of the line the finding must point at)
SECOND_STYLES = [
    (
        "ND205-class-float32",
        CLASS,
        FLOAT32_CLASS_EDITS,
        "ND205",
        "warning",
        "        return 1 / (1 + np.exp(-x))",
    ),
    (
        "ND207-class",
        CLASS,
        [("        self.a2 = self.sigmoid(self.z2)", "        self.a2 = self.z2")],
        "ND207",
        "error",
        None,
    ),
    (
        "ND201-script",
        SCRIPT,
        [
            ("b1 = np.random.randn(1, 4)", ""),
            ("b2 = np.random.randn(1, 1)", ""),
            ("    h = sigmoid(X @ w1 + b1)", "    h = sigmoid(X @ w1)"),
            ("    out = sigmoid(h @ w2 + b2)", "    out = sigmoid(h @ w2)"),
            ("    db2 = error.sum(axis=0, keepdims=True)", ""),
            ("    db1 = dh.sum(axis=0, keepdims=True)", ""),
            ("    b1 -= lr * db1", ""),
            ("    b2 -= lr * db2", ""),
        ],
        "ND201",
        "warning",
        "    h = sigmoid(X @ w1)",
    ),
    (
        "ND111-update-function",
        COLUMN_SGD,
        [
            ("    W2 = W2 - lr * dW2", ""),
            (
                "    dz1 = (W2.T @ dz2) * a1 * (1 - a1)",
                "    W2 = W2 - lr * dW2\n    dz1 = (W2.T @ dz2) * a1 * (1 - a1)",
            ),
        ],
        "ND111",
        "error",
        "    dz1 = (W2.T @ dz2) * a1 * (1 - a1)",
    ),
]


@pytest.mark.parametrize(
    ("program", "edits", "code", "severity", "at"),
    [c[1:] for c in SECOND_STYLES],
    ids=[c[0] for c in SECOND_STYLES],
)
def test_rule_in_a_second_style(
    tmp_path: Path,
    program: Path,
    edits: list[tuple[str, str]],
    code: str,
    severity: str,
    at: str | None,
) -> None:
    source = program.read_text()
    for before, after in edits:
        assert source.count(before + "\n") == 1, before
        source = source.replace(before + "\n", after + "\n" if after else "")
    path = tmp_path / program.name
    path.write_text(source)
    report = check_file(str(path), CheckOptions(train=False))
    summary = [
        (f.code, f.severity, f.location.line if f.location else None) for f in report.findings
    ]
    found = next((f for f in report.findings if f.code == code), None)
    assert found is not None, (summary, report.error)
    assert found.severity == severity
    if at is not None:
        assert found.location is not None
        assert found.location.line == source.splitlines().index(at) + 1, summary


def test_unguarded_log_in_a_loss_of_outputs_next_to_a_gradient_function(tmp_path: Path) -> None:
    loss = (
        "\n\ndef compute_loss(A2, Y):\n"
        "    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))\n"
    )
    source = FUNCTION.read_text().replace("\n\nX = np.array", loss + "\n\nX = np.array", 1)
    path = tmp_path / "net.py"
    path.write_text(source)
    report = check_file(str(path), CheckOptions(train=False))
    finding = next(f for f in report.findings if f.code == "ND204")
    assert finding.severity == "warning"
    assert finding.location is not None
    assert "np.log" in source.splitlines()[finding.location.line - 1]


def test_probes_measure_each_points_largest_logit_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scaling the fresh point for each probe needs its largest output logit: one reference
    forward per (point, hidden activation), not one per probe (it was 6 here)."""
    from netdoctor import engine, reference

    calls = {"on": False, "n": 0}
    forward, probe_evidence = reference.forward, engine.probe_evidence

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += calls["on"]
        return forward(*args, **kwargs)

    def probing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["on"] = True
        try:
            return probe_evidence(*args, **kwargs)
        finally:
            calls["on"] = False

    monkeypatch.setattr(reference, "forward", counted)
    monkeypatch.setattr(engine, "probe_evidence", probing)
    path = Path(__file__).parent / "programs" / "correct" / "exercise_backprop.py"
    report = check_file(str(path), CheckOptions(train=False))
    assert report.status == "checked" and not report.findings
    assert calls["n"] <= 4
