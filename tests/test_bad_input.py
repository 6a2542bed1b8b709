"""Bad input gets a clear message and the right exit code, never a traceback or a hang."""

from __future__ import annotations

import json
import time
from pathlib import Path

from netfiles import EXERCISE, TRAINING, cli, write

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
from netdoctor.sandbox import check_in_child


def test_missing_file_exits_2_with_its_name(tmp_path: Path) -> None:
    result = cli("check", str(tmp_path / "nope.py"))
    assert result.returncode == 2
    assert "nope.py" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "import numpy as np\n\ndef f(x:\n    return x\n")
    result = cli("check", str(path), "--format", "json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["status"] == "not-checked"
    assert report["error"]["kind"] == "syntax-error"
    assert report["error"]["line"] == 3
    assert "Traceback" not in result.stderr


def test_top_level_training_is_skipped_so_the_check_is_quick(tmp_path: Path) -> None:
    training = "for epoch in range(10_000):\n    g = backprop(X, Y, 2, 3, W1, b1, W2, b2)\n"
    training += "    W1 -= 0.1 * g['dW1']\n    print('epoch', epoch)\n"
    path = write(tmp_path, EXERCISE.format(dW1="dW1") + training)
    before = path.read_text()
    report = check_in_child(str(path), CheckOptions(timeout=60))
    assert report.status == "checked", report.error
    assert report.exit_code == 0
    assert any(s["line"] == 24 for s in report.skipped_statements)
    assert path.read_text() == before  # never a changed user file


def test_infinite_loop_under_run_all_times_out_cleanly(tmp_path: Path) -> None:
    path = write(tmp_path, EXERCISE.format(dW1="dW1") + "while True:\n    pass\n")
    started = time.monotonic()
    report = check_in_child(str(path), CheckOptions(run_all=True, timeout=3))
    assert time.monotonic() - started < 30
    assert report.status == "not-checked"
    assert report.error is not None and report.error["kind"] == "timeout"
    assert "--timeout" in report.error["message"]
    assert report.exit_code == 2


def test_user_code_raising_shows_the_users_frame(tmp_path: Path) -> None:
    text = EXERCISE.format(dW1="dW1").replace(
        "    dW1 = X.T @ dZ1\n", "    dW1 = X.T @ dZ1\n    raise RuntimeError('my own bug')\n"
    )
    path = write(tmp_path, text)
    report = check_file(str(path))
    assert report.status == "not-checked"
    assert report.error is not None
    assert "my own bug" in report.error["message"]
    assert report.error["line"] == 14  # the raise, in the user's file
    assert all("netdoctor" not in frame["source"] for frame in report.error["frames"])


# A script with no functions whose data file is missing: line 2 raises at load.
MISSING_DATA = """import numpy as np
table = np.loadtxt("points.csv", delimiter=",")
X_train, y_train = table[:, :2], table[:, 2:]
W1, b1, W2, b2 = np.random.randn(2, 4), np.zeros(4), np.random.randn(4, 1), np.zeros(1)
for epoch in range(100):
    A1 = np.tanh(X_train @ W1 + b1)
    A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
    d2 = (A2 - y_train) / len(X_train)
    d1 = d2 @ W2.T * (1 - A1**2)
    W2 -= 0.5 * A1.T @ d2
    b2 -= 0.5 * d2.sum(0)
    W1 -= 0.5 * X_train.T @ d1
    b1 -= 0.5 * d1.sum(0)
"""


def test_data_that_fails_to_load_is_named_before_what_it_left_undefined(
    tmp_path: Path,
) -> None:
    """The report names the line that raised and its error, not only the NameError the
    training loop then meets (it said "the training loop's body raised NameError: name
    'X_train' is not defined" and no more)."""
    report = check_file(str(write(tmp_path, MISSING_DATA)), CheckOptions(train=False))
    assert report.status == "not-checked"
    message = report.error["message"]
    assert "line 2 of your file raised FileNotFoundError" in message, message
    assert "points.csv" in message, message


def test_nan_gradients_are_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, EXERCISE.format(dW1="dW1 * np.nan"))
    report = check_file(str(path))
    assert report.status == "checked"
    assert report.exit_code == 1
    finding = next(f for f in report.findings if f.evidence.get("parameter") == "W1")
    assert finding.code == "ND100" and "NaN" in finding.message


def test_wrong_shape_gradient_is_nd107(tmp_path: Path) -> None:
    path = write(tmp_path, EXERCISE.format(dW1="dW1.T"))
    report = check_file(str(path))
    assert report.exit_code == 1
    finding = next(f for f in report.findings if f.code == "ND107")
    assert finding.evidence["parameter"] == "W1"
    assert finding.evidence["shape"] == [3, 2]
    assert "transpose" in finding.message


def test_two_networks_ask_which_by_option(tmp_path: Path) -> None:
    second = EXERCISE.split("X = np.array")[0].replace("def backprop(", "def backprop_v2(")
    second = second.replace("import numpy as np\n", "")
    path = write(tmp_path, EXERCISE.format(dW1="dW1") + second.format(dW1="dW1"))
    report = check_file(str(path))
    assert report.status == "not-checked"
    assert report.error is not None and report.error["kind"] == "ambiguous"
    assert "backprop_v2" in report.error["message"] and "--gradients" in report.error["message"]
    chosen = check_file(str(path), CheckOptions(gradients="backprop_v2"))
    assert chosen.status == "checked" and chosen.exit_code == 0


def test_no_network_lists_what_it_saw(tmp_path: Path) -> None:
    path = write(tmp_path, "import numpy as np\n\ndef greet(name):\n    return 'hi ' + name\n")
    result = cli("check", str(path))
    assert result.returncode == 2
    assert "greet(name)" in result.stdout
    assert "--gradients" in result.stdout


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    status = Path(f"/proc/{pid}/status")
    try:
        return "State:\tZ" not in status.read_text()
    except OSError:
        return False


def test_processes_the_users_code_starts_end_with_the_check(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    spawn = (
        "import subprocess, sys\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
    )
    path = write(tmp_path, spawn + EXERCISE.format(dW1="dW1"))
    # Without namespaces (isolated, the PID namespace ends the tree, and the folder is
    # read-only): the process group alone must end what the user's code started.
    report = check_in_child(str(path), CheckOptions(isolation="off"))
    assert report.status == "checked", report.error
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(pid), f"process {pid} started by the checked file still runs"


def test_sys_exit_in_the_training_step_is_the_users_with_its_line(tmp_path: Path) -> None:
    """The file's own run never exits; netdoctor's saturating probe point does (large
    output weights): the exit is the user's, at its line, not a bug in netdoctor."""
    guard = "    if np.abs(W2).max() > 5:\n        raise SystemExit('stop')\n"
    source = TRAINING.replace("    return {", guard + "    return {")
    path = write(tmp_path, source)
    report = check_in_child(str(path), CheckOptions(timeout=60))
    assert report.status == "not-checked"
    assert report.error is not None and report.error["kind"] == "user-exit"
    line = source.splitlines().index("        raise SystemExit('stop')") + 1
    assert f"sys.exit('stop') at line {line}" in report.error["message"]
    assert "bug in netdoctor" not in report.error["message"]
    assert report.exit_code == 2


def test_os_exit_in_the_users_code_is_said_to_be_the_users(tmp_path: Path) -> None:
    source = TRAINING.replace(
        "for epoch in range(100):\n", "import os\nfor epoch in range(100):\n    os._exit(0)\n"
    )
    path = write(tmp_path, source)
    report = check_in_child(str(path), CheckOptions(timeout=60))
    assert report.error is not None and report.error["kind"] == "user-exit"
    assert "os._exit()" in report.error["message"]
    assert "bug in netdoctor" not in report.error["message"]


def test_a_file_that_exits_before_training_says_where(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "import sys\nimport numpy as np\n\nif len(sys.argv) < 3:\n    sys.exit(3)\n",
    )
    report = check_file(str(path), CheckOptions())
    assert report.status == "not-checked"
    assert "your file called sys.exit(3) at line 5 before its first training step" in (
        report.error or {}
    ).get("message", "")


RAISING_BACKWARD = """import numpy as np

np.random.seed(0)
X = np.random.randn(8, 2)
y = (X[:, :1] > 0).astype(float)
W1 = np.random.randn(2, 3)
W2 = np.random.randn(3, 1)


def forward(X):
    h = np.tanh(X @ W1)
    return h, 1 / (1 + np.exp(-(h @ W2)))


def backward(X, y, h, out):
    with open({log!r}, "a") as log:
        log.write(f"{{np.shape(X)}} {{float(np.sum(X)):.12g}}\\n")
    {fails}


for i in range(100):
    h, out = forward(X)
    dW1, dW2 = backward(X, y, h, out)
    W1 -= 0.1 * dW1
    W2 -= 0.1 * dW2
"""


def _calls_of_raising_backward(tmp_path: Path, fails: str) -> list[str]:
    log = tmp_path / "calls.log"
    path = write(tmp_path, RAISING_BACKWARD.format(log=str(log), fails=fails))
    report = check_file(str(path), CheckOptions(train=False))
    assert report.status == "not-checked"
    assert report.error is not None and "line 18" in str(report.error), report.error
    return log.read_text().splitlines()


def test_code_that_raises_whatever_the_data_is_not_called_again_with_other_data(
    tmp_path: Path,
) -> None:
    # A RuntimeError is not cured by a transposed batch or one sample at a time: the file's
    # own run and the check of its step are the only calls (a memory hog or a slow crash
    # costs twice, not five times).
    calls = _calls_of_raising_backward(tmp_path, 'raise RuntimeError("not yet written")')
    assert len(calls) <= 2, calls


def test_code_that_raises_on_its_data_is_called_once_per_distinct_form_of_it(
    tmp_path: Path,
) -> None:
    # An IndexError may be the layout's: other forms of the data are tried, each once (the
    # user's own arrays are the batch in rows here, so that form is not tried twice).
    calls = _calls_of_raising_backward(tmp_path, "return X[:, 5], X[:, 5]")
    forms_after_the_run = calls[1:]
    assert len(forms_after_the_run) == len(set(forms_after_the_run)), calls
    assert len(forms_after_the_run) >= 2  # the per-sample forms were tried too
