"""One factor shared by every gradient is a convention, not a bug (DESIGN.md, issue 13).

Squared error without its factor 2 (the tutorial's `(y_hat - y) * y_hat * (1 - y_hat)`),
with or without a mean over samples: every gradient is c times the true one, which is
the same network with a learning rate c times the user's. Different factors in
different parameters stay an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
from netdoctor.testing import assert_gradients_correct

CORRECT = Path(__file__).parent / "programs" / "correct"
SHARED = [
    ("column_tutorial_mse_no_two.py", 0.125, "x0.125"),  # 0.5 x the mean over 4 samples
    ("functions_mse_half_factor.py", 0.5, "x0.5"),
]


@pytest.mark.parametrize(("name", "factor", "convention"), SHARED)
def test_a_shared_factor_is_info_and_every_check_agrees(
    name: str, factor: float, convention: str
) -> None:
    report = check_file(str(CORRECT / name), CheckOptions(train_steps=300))
    assert report.status == "checked", report.error
    assert report.exit_code == 0, [(f.code, f.message) for f in report.findings]
    scale = [f for f in report.findings if f.code == "ND106"]
    assert [f.severity for f in scale] == ["info"]
    assert scale[0].evidence["factor"] == pytest.approx(factor, rel=1e-9)
    assert f"a learning rate {factor:.4g} times yours" in scale[0].message
    assert {c.verdict for c in report.gradient_checks} == {"agrees"}
    assert {c.convention for c in report.gradient_checks} == {convention}
    assert all((c.relative_error or 0.0) < 1e-10 for c in report.gradient_checks)
    assert "agrees (x" in report.gradient_checks[0].shown_verdict


def test_the_testing_helper_accepts_a_shared_factor() -> None:
    assert_gradients_correct(str(CORRECT / "functions_mse_half_factor.py"), train=False)


def test_the_replay_takes_the_same_effective_step() -> None:
    """Correct gradients at the user's effective rate end where the user's run ends.

    Not to the last digit: this run starts saturated (loss 9.5), where the user's
    out * (1 - out) keeps few digits while the replay's exact gradients keep all, and it
    ends 6 % lower (7.5e-5 against 8.0e-5; 1e-15 changes of the user's own start move it
    by 1 %). The step the convention would get wrong is far off: the true gradients at the
    user's nominal rate end at 4.3e-2, at half the effective rate at 2.1e-4.
    """
    report = check_file(str(CORRECT / "functions_mse_half_factor.py"), CheckOptions())
    training = report.training
    assert training["replay_final_loss"] == pytest.approx(training["final_loss"], rel=0.15)


def test_different_factors_in_different_parameters_stay_an_error(tmp_path: Path) -> None:
    source = (CORRECT / "functions_mse_half_factor.py").read_text()
    buggy = source.replace('"W1": X.T @ d_h,', '"W1": 2 * X.T @ d_h,')
    assert buggy != source
    path = tmp_path / "two_factors.py"
    path.write_text(buggy)
    report = check_file(str(path), CheckOptions(train=False))
    errors = [f for f in report.findings if f.code == "ND106" and f.severity == "error"]
    assert errors, [(f.code, f.severity) for f in report.findings]
    assert report.exit_code == 1
    assert any(c.verdict == "disagrees" for c in report.gradient_checks)
