"""Data rules, in more than one code style: NaN in the data never agrees (ND311), targets a
sigmoid cannot reach under any loss (ND309), and each is reported at the data's line."""

from __future__ import annotations

from pathlib import Path

from netfiles import EXERCISE

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions

RULES = Path(__file__).parent / "rules"
CORRECT = Path(__file__).parent / "programs" / "correct"
EXERCISE_X = "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])"


def _line_of(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line)


def test_nan_inputs_in_the_exercise_are_nd311_at_the_data(tmp_path: Path) -> None:
    source = EXERCISE.format(dW1="dW1").replace(
        EXERCISE_X, "X = np.array([[0, 0], [0, np.nan], [1, 0], [1, 1]])"
    )
    path = tmp_path / "nan_inputs.py"
    path.write_text(source)
    report = check_file(str(path), CheckOptions(train=False))
    assert report.exit_code == 1, report.findings
    found = [f for f in report.findings if f.code == "ND311"]
    assert [f.evidence["where"] for f in found] == ["inputs"]
    assert found[0].location is not None
    assert found[0].location.line == _line_of(source, "np.nan")


def test_nan_targets_in_a_script_with_a_training_function(tmp_path: Path) -> None:
    """The rule's own program (a `train()` with global weights), with the NaN moved from
    the inputs to the targets; the run diverges to NaN and the NaN is blamed on the data."""
    source = (RULES / "ND311_missing_measurement.py").read_text()
    source = source.replace("[1.5, np.nan],", "[1.5, 0.45],").replace(
        "admitted = np.array([[0], [0], [0], [0], [1], [1], [1], [1]], dtype=float)",
        "admitted = np.array([[0], [0], [np.nan], [0], [1], [1], [1], [1]], dtype=float)",
    )
    path = tmp_path / "nan_targets.py"
    path.write_text(source)
    report = check_file(str(path), CheckOptions())
    assert report.status == "checked", report.error
    found = [f for f in report.findings if f.code == "ND311"]
    assert [f.evidence["where"] for f in found] == ["targets"]
    diverged = [f for f in report.findings if f.code == "ND306"]
    assert diverged and diverged[0].evidence["caused_by"] == ["ND311"]


def test_targets_a_sigmoid_cannot_reach_under_squared_error(tmp_path: Path) -> None:
    """The column tutorial trains on squared error (its own loss function); targets of 0
    to 4 are out of a sigmoid's reach whatever the loss."""
    source = (CORRECT / "column_tutorial_mse_no_two.py").read_text()
    changed = source.replace(
        "y = np.array([[0, 1, 1, 0]], dtype=float)", "y = np.array([[0, 4, 1, 0]], dtype=float)"
    )
    assert changed != source
    path = tmp_path / "regression_targets.py"
    path.write_text(changed)
    report = check_file(str(path), CheckOptions(train=False))
    found = [f for f in report.findings if f.code == "ND309"]
    assert found and found[0].severity == "error", report.findings
    assert "squared error" in found[0].message
    assert found[0].location is not None
    assert found[0].location.line == _line_of(changed, "y = np.array")


def test_finite_data_gets_no_data_finding() -> None:
    report = check_file(str(CORRECT / "exercise_backprop.py"), CheckOptions(train=False))
    assert not {"ND309", "ND310", "ND311"} & set(report.codes())


def test_a_constant_input_column_is_the_first_layers_bias() -> None:
    """iamtrask's rows `[0, 0, 1]`: the third input is always 1, so the first layer has a
    bias (its weights); only the layer without one is reported."""
    program = Path(__file__).parent / "programs" / "buggy" / "iamtrask_missing_derivative.py"
    assert "[0, 0, 1]" in program.read_text()
    report = check_file(str(program), CheckOptions(train=False))
    no_bias = [f for f in report.findings if f.code == "ND201"]
    assert [f.evidence["layers"] for f in no_bias] == [[2]]


def test_a_constant_input_column_is_seen_when_the_pass_takes_one_sample() -> None:
    """One `(pattern, answer)` pair per pass: the pass's inputs are one row, the constant
    third input shows only over the whole table, so only the output layer has no bias."""
    program = Path(__file__).parent / "programs" / "correct" / "s39_per_sample_bias_column_pairs.py"
    report = check_file(str(program), CheckOptions(train=False))
    no_bias = [f for f in report.findings if f.code == "ND201"]
    assert [f.evidence["layers"] for f in no_bias] == [[2]]
    assert "x = 0 is pinned" not in no_bias[0].message
