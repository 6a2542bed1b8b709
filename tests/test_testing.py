"""netdoctor in other people's test suites: assertions, the pytest plugin, the example."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from netfiles import EXERCISE, write

from netdoctor.testing import assert_gradients_correct, assert_no_findings

pytest_plugins = ["pytester"]

EXAMPLES = Path(__file__).parent.parent / "examples"
PROGRAMS = Path(__file__).parent / "programs"


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def good(X, Y, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    A1 = _sigmoid(X @ W1 + b1)
    A2 = _sigmoid(A1 @ W2 + b2)
    dZ2 = A2 - Y
    dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
    return X.T @ dZ1, dZ1.sum(0), A1.T @ dZ2, dZ2.sum(0)


def twice(X, Y, W1, b1, W2, b2):  # type: ignore[no-untyped-def]
    A1 = _sigmoid(X @ W1 + b1)
    A2 = _sigmoid(A1 @ W2 + b2)
    dZ2 = (A2 - Y) * _sigmoid(A2) * (1 - _sigmoid(A2))
    dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
    return X.T @ dZ1, dZ1.sum(0), A1.T @ dZ2, dZ2.sum(0)


def _data() -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    params = {
        "W1": rng.normal(size=(2, 3)),
        "b1": rng.normal(size=3),
        "W2": rng.normal(size=(3, 1)),
        "b2": rng.normal(size=1),
    }
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return params, X, np.array([[0.0], [1.0], [1.0], [0.0]])


def test_assert_gradients_correct_passes_a_correct_function() -> None:
    params, X, Y = _data()
    report = assert_gradients_correct(good, params, X, Y)
    assert report.exit_code == 0


def test_assert_gradients_correct_fails_with_the_diagnosis() -> None:
    params, X, Y = _data()
    with pytest.raises(AssertionError) as failure:
        assert_gradients_correct(twice, params, X, Y)
    message = str(failure.value)
    assert "Mismatched parameters: 4 / 4 (W1, W2, b1, b2)" in message
    assert "Max relative error:" in message and "best scale" in message
    assert "ND101 sigmoid-derivative-of-activation" in message
    assert "dZ2 = (A2 - Y) * _sigmoid(A2) * (1 - _sigmoid(A2))" in message  # the line
    # Under BCE (the default here) the fix is A - Y, not "call the helper with z" (ND104).
    assert (
        "With binary cross-entropy and a sigmoid output the output delta is simply dZ = A - Y"
        in message
    )
    assert "ND104" in message


def test_assert_gradients_correct_on_a_file_and_allow(tmp_path: Path) -> None:
    path = write(tmp_path, EXERCISE.format(dW1="-dW1"))
    with pytest.raises(AssertionError, match="ND105 sign-flipped"):
        assert_gradients_correct(path)
    # Climbing the loss on W1 also stalls training at 0.5 (ND302): allow both.
    report = assert_gradients_correct(path, allow=["ND105", "ND302"])
    assert {"ND105", "ND302"} <= set(report.codes())


def test_assert_no_findings_reports_a_file_that_could_not_be_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "def f(:\n")
    import netdoctor

    report = netdoctor.check(path)
    with pytest.raises(AssertionError, match=r"could not check .* \(syntax-error\)"):
        assert_no_findings(report)


def test_the_plugin_fixture_in_a_pytester_run(pytester: pytest.Pytester) -> None:
    shutil.copy(PROGRAMS / "correct" / "exercise_backprop.py", pytester.path / "good_net.py")
    shutil.copy(PROGRAMS / "buggy" / "exercise_mse_delta.py", pytester.path / "bad_net.py")
    pytester.makepyfile(
        test_nets="""
        def test_good(netdoctor_check):
            netdoctor_check("good_net.py")

        def test_bad(netdoctor_check):
            netdoctor_check("bad_net.py")
        """
    )
    result = pytester.runpytest_subprocess()  # the pytest11 entry point loads the plugin
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*ND104 mse-delta-with-bce (line 15*"])


def test_the_readme_example_runs(pytester: pytest.Pytester) -> None:
    for name in ("test_with_netdoctor.py", "xor_network.py"):
        shutil.copy(EXAMPLES / name, pytester.path / name)
    result = pytester.runpytest_subprocess()  # the pytest11 entry point loads the plugin
    result.assert_outcomes(passed=2)
