"""The judge reaches the verdict one process reaches.

`netdoctor check` computes every verdict in the judge, a process that never runs user
code, from the numbers the worker answers (`judge.py`, `remote.py`); the Python API and
`netdoctor.testing` run the same checks in one process. Both must say the same of every
file: the same findings at the same lines, the same notes, the same gradient table. The
programs here cover what crosses the channel besides plain gradients: slips and forgotten
biases a claim finds on its way, line traces (ND110's line, ND202's doubled sigmoid, the
line where NaN starts), a notebook trained again in a later cell, per-sample code, 1-D
labels, and the user's code raising.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from forked import in_fork

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
from netdoctor.report import Report
from netdoctor.sandbox import check_in_child

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = [
    "tests/programs/buggy/setattr_update_adds_gradient.py",  # a slip found by the claim
    "tests/programs/buggy/update_params_forgets_bias.py",  # a bias the update forgets
    "tests/programs/buggy/notebook_train_some_more_cell.ipynb",  # a later loop
    "netdoctor/case_studies/sigmoid_applied_twice/buggy.py",  # ND202: a traced forward
    "netdoctor/case_studies/bce_nan_at_saturation/buggy.py",  # where NaN starts: a trace
    "netdoctor/case_studies/missing_hidden_derivative/buggy.py",  # ND110's line: a trace
    "netdoctor/case_studies/labels_1d/buggy.py",  # (m,) labels meeting (m, 1) outputs
    "tests/programs/correct/class_per_sample_tanh.py",  # one sample per call
    "tests/programs/correct/notebook_class_step.ipynb",
    # the table a one-sample pass's row comes from: its constant input, its targets
    "tests/programs/correct/s39_per_sample_bias_column_pairs.py",
    "tests/programs/buggy/s39_per_sample_regression_no_slope.py",
]
RAISING = """import numpy as np
X = np.array([[0.0, 1.0], [1.0, 0.0]]); Y = np.array([[1.0], [0.0]])
W1 = np.ones((2, 3)) * 0.1; b1 = np.zeros((1, 3)); W2 = np.ones((3, 1)) * 0.1; b2 = np.zeros((1, 1))
for epoch in range(100):
    H = np.tanh(X @ W1 + b1)
    A = 1 / (1 + np.exp(-(H @ W2 + b2)))
    dZ = A - Y
    if epoch == 1:
        raise KeyError("dW9")
    W2 -= 0.1 * H.T @ dZ; b2 -= 0.1 * dZ.sum(0)
"""


def _in_process(path: str) -> Report:
    os.chdir(os.path.dirname(path))
    return check_file(path, CheckOptions())


def _said(report: Report) -> dict[str, object]:
    """What a user reads of a report, training's timing aside."""
    data = report.to_dict()
    training = data.get("training") or {}
    timed = training.get("stopped") == "time budget"
    return {
        "status": data["status"],
        "exit_code": report.exit_code,
        "error": (data.get("error") or {}).get("message"),
        "findings": [
            (f["code"], f["severity"], (f.get("location") or {}).get("line"), _said_of(f))
            for f in data["findings"]
        ],
        "notes": data["notes"],
        "gradient_checks": [_noise_free(check) for check in data["gradient_checks"]],
        "subject": data["subject"],
        "training": None if timed else {k: training.get(k) for k in ("steps_run", "stopped")},
    }


def _said_of(finding: dict[str, Any]) -> str:
    """A finding's message; a training rule's numbers to two digits. A recorded run of a
    network that does not learn wanders: where numpy's sums round by an array's address
    (one CPU's vector units do, another's not), 1e-16 apart at the first step is 4e-4
    apart in the loss 2,000 steps later (0.6902 in one process, 0.6898 in the judge)."""
    message = str(finding["message"])
    if not str(finding["code"]).startswith("ND3"):
        return message
    return re.sub(r"\d+\.\d+(e-?\d+)?", lambda m: f"{float(m.group()):.2g}", message)


def _noise_free(check: dict[str, object]) -> object:
    """A gradient check with its floats rounded; where the relative error itself is
    rounding noise (under 1e-12), which entry is worst is noise too: the two sides may
    name different entries of errors 1e-16 apart (seen on one CPU, not on another)."""
    rounded = _to_rounding(check)
    assert isinstance(rounded, dict)
    if rounded.get("relative_error") == 0.0:
        rounded.pop("worst_index", None)
    return rounded


def _to_rounding(value: object) -> object:
    """Floats to 12 significant digits, and under 1e-12 to 0: the judge's arrays come over
    a pipe, views of a message at offsets its header decides (the file's path is in it),
    and numpy's vectorised sums round differently by alignment (a relative error of
    9.6e-17 here, 2.9e-16 there, for the same gradient: rounding noise either way).
    Digits a report prints are all equal."""
    if isinstance(value, float):
        return 0.0 if abs(value) < 1e-12 else float(f"{value:.12g}")
    if isinstance(value, dict):
        return {k: _to_rounding(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_rounding(v) for v in value]
    return value


@pytest.mark.parametrize("relative", PROGRAMS)
def test_the_judge_says_what_one_process_says(relative: str) -> None:
    path = str(ROOT / relative)
    here = in_fork(_in_process, path)
    judged = check_in_child(path, CheckOptions())
    assert judged.status == "checked", judged.error
    assert _said(judged) == _said(here)


def test_the_users_error_reads_the_same_through_the_judge(tmp_path: Path) -> None:
    path = tmp_path / "raising.py"
    path.write_text(RAISING)
    here = in_fork(_in_process, str(path))
    judged = check_in_child(str(path), CheckOptions(train=False))
    assert here.status == judged.status
    assert _said(judged)["error"] == _said(here)["error"]
    assert (judged.error or {}).get("kind") == (here.error or {}).get("kind")
