"""Loading runs definitions and data, never training: what a pasted script needs."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from netdoctor.load import LoadError, load_module


def write(tmp_path: Path, source: str, name: str = "net.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    return path


def test_definitions_and_data_run_but_loops_and_prints_do_not(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        import numpy as np
        np.random.seed(42)
        X = np.array([[0, 0], [0, 1]])
        W1 = np.random.randn(2, 3)
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        print("hello")
        for epoch in range(10):
            W1 = W1 + 1
        losses = train(X)
        """,
    )
    module = load_module(path)
    assert module.namespace["X"].shape == (2, 2)
    assert module.namespace["W1"].shape == (2, 3)
    assert callable(module.namespace["sigmoid"])
    reasons = {s.line: s.reason for s in module.skipped}
    assert set(reasons) == {8, 9}  # the print and the loop
    assert "loop" in reasons[9]
    # `train` is not defined in the file, so the call is not recognised as training: it runs
    # and fails, and the failure is recorded rather than fatal.
    assert [f.line for f in module.failed] == [11]


def test_calls_to_the_files_own_training_functions_are_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        def train(n):
            raise RuntimeError("must not run")
        def initialise(n):
            return [0.0] * n
        params = initialise(3)
        history = train(10000)
        """,
    )
    module = load_module(path)
    assert module.namespace["params"] == [0.0, 0.0, 0.0]
    assert "history" not in module.namespace
    assert any("train" in s.reason for s in module.skipped)
    assert module.failed == []


def test_main_block_is_skipped_but_its_loops_are_visible(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        W = 1.0
        if __name__ == "__main__":
            for i in range(3):
                W -= 0.1
        """,
    )
    module = load_module(path)
    assert module.namespace["W"] == 1.0
    assert len(module.top_level_loops()) == 1


def test_run_all_runs_everything(tmp_path: Path) -> None:
    path = write(tmp_path, "total = 0\nfor i in range(3):\n    total += i\n")
    assert load_module(path, run_all=True).namespace["total"] == 3
    assert load_module(path).namespace["total"] == 0


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "import numpy as np\n\ndef f(x:\n    return x\n")
    with pytest.raises(LoadError) as caught:
        load_module(path)
    assert caught.value.kind == "syntax-error"
    assert caught.value.line == 3
    assert f"{path}:3" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_module(tmp_path / "nope.py")


def test_user_prints_are_captured_not_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "x = print('noisy') or 1\n")
    module = load_module(path)
    assert capsys.readouterr().out == ""
    assert "noisy" in module.output
