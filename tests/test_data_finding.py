"""The user's data is used as written, and the report says which data and where it was found.

Data comes in the shapes people write it: a list of `(x, t)` pairs walked one sample at a
time, two lists zipped, a list of lists converted inside `train()`, a CSV read with numpy
next to the script, a `load_data()` function, random blobs drawn inside `main()`. Each
program under tests/programs/correct is discovered as `netdoctor check` does (in the
file's folder), and its data description must name the user's data, count its samples
from the data itself, and never fall back to XOR. When the data cannot be used, the
report says what was found and why, never that the file has none.
"""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from netfiles import cli

from netdoctor.data import ModuleData, as_pairs, canonical_data, find_module_data
from netdoctor.discover import DiscoverOptions, discover_file
from netdoctor.subject import Subject

PROGRAMS = Path(__file__).parent / "programs"
CORRECT = PROGRAMS / "correct"


def discovered(path: Path) -> Subject:
    before = Path.cwd()
    os.chdir(path.parent)
    try:
        return discover_file(str(path), DiscoverOptions()).subject
    finally:
        os.chdir(before)


def csv_rows(name: str) -> int:
    """Data rows of a CSV next to the programs (a header line is not a sample)."""
    lines = (CORRECT / name).read_text().strip().splitlines()
    return len(lines) - (0 if lines[0][0] in "-0123456789" else 1)


def top_level(path: Path, name: str) -> tuple[int, object]:
    """(line, value) of `name = <literal>` at the file's top level."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return node.lineno, ast.literal_eval(node.value)
    raise AssertionError(f"{path.name} assigns no literal {name}")


def expected_parts() -> Iterator[tuple[str, list[str]]]:
    """Each program with what its data description must say, read from the program."""
    for program, name in [
        ("pairs_int_lists.py", "data"),
        ("per_sample_vectors.py", "data"),
        ("pairs_class_never_built.py", "dataset"),
    ]:
        line, pairs = top_level(CORRECT / program, name)
        assert isinstance(pairs, list)
        yield (
            program,
            [f"your list `{name}` of {len(pairs)} (x, t) pairs", f"line {line}", "one sample"],
        )
    xs_line, xs = top_level(CORRECT / "zip_lists_tanh.py", "xs")
    ys_line, _ = top_level(CORRECT / "zip_lists_tanh.py", "ys")
    assert isinstance(xs, list)
    yield (
        "zip_lists_tanh.py",
        [f"`samples` of {len(xs)} (x, t) pairs", f"`xs` (line {xs_line})", f"(line {ys_line})"],
    )
    X_line, X = top_level(CORRECT / "list_of_lists_train.py", "X")
    assert isinstance(X, list)
    yield (
        "list_of_lists_train.py",
        [f"X ({len(X)}, 2)", f"{len(X)} samples", f"made from your list `X` (line {X_line})"],
    )
    yield (
        "csv_loadtxt.py",
        [f"{csv_rows('points.csv')} samples", "read from points.csv by np.loadtxt"],
    )
    yield (
        "csv_genfromtxt_header.py",
        [
            f"features ({csv_rows('students.csv')}, 2)",
            "read from students.csv by np.genfromtxt",
        ],
    )
    yield ("load_data_function.py", ["4 samples", "returned by your `load_data()`"])
    yield ("blobs_in_main.py", ["pts (40, 2)", "40 samples", "drawn at random"])
    _, examples = top_level(CORRECT / "exercise_pairs_gradient.py", "examples")
    assert isinstance(examples, list)
    yield ("exercise_pairs_gradient.py", [f"your list `examples`: {len(examples)} (x, t) pairs"])


@pytest.mark.parametrize("program, parts", list(expected_parts()), ids=lambda v: str(v)[:30])
def test_the_report_names_the_users_data(program: str, parts: list[str]) -> None:
    subject = discovered(CORRECT / program)
    source = subject.data_source
    assert "XOR" not in source and "made by netdoctor" not in source, source
    for part in parts:
        assert part in source, (part, source)


def test_a_csv_is_read_whole_and_used() -> None:
    subject = discovered(CORRECT / "csv_loadtxt.py")
    table = np.loadtxt(CORRECT / "points.csv", delimiter=",")
    np.testing.assert_array_equal(subject.X, table[:, :2])
    np.testing.assert_array_equal(subject.Y.ravel(), table[:, 2])


def test_pairs_are_handed_to_the_users_loop_one_sample_at_a_time() -> None:
    """The step sees one pair of the list as the user's loop unpacks it (`epoch` was taken
    for the target when the target 0.0 and the bias `b2 = 0.0` were one constant)."""
    subject = discovered(CORRECT / "per_sample_vectors.py")
    _, pairs = top_level(CORRECT / "per_sample_vectors.py", "data")
    assert isinstance(pairs, list)
    assert subject.X.shape == (1, 2) and subject.Y.shape == (1, 1)
    assert subject.X[0].tolist() in [list(x) for x, _ in pairs]
    assert float(subject.Y[0, 0]) in {float(t) for _, t in pairs}
    assert "`data`" in subject.data_source and "epoch" not in subject.data_source


def test_the_check_runs_in_the_files_folder_and_leaves_the_csv_alone(tmp_path: Path) -> None:
    """`netdoctor check` from another folder: the relative `points.csv` is the script's."""
    before = (CORRECT / "points.csv").read_bytes()
    result = cli("check", str(CORRECT / "csv_loadtxt.py"), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    report = report["files"][0] if "files" in report else report
    assert "read from points.csv" in report["subject"]["data"]["source"]
    assert (CORRECT / "points.csv").read_bytes() == before


# ---------------------------------------------------------------- the shapes, one by one
def test_a_list_of_pairs_stacks_into_rows_and_targets() -> None:
    column = [(np.array([[0.0], [1.0]]), np.array([[1.0]])), (np.zeros((2, 1)), np.zeros((1, 1)))]
    stacked = as_pairs(column)
    assert stacked is not None
    np.testing.assert_array_equal(stacked[0], [[0.0, 1.0], [0.0, 0.0]])
    np.testing.assert_array_equal(stacked[1], [[1.0], [0.0]])
    flat = as_pairs([([0, 1], 1), ([1, 1], 0), ([1, 0], 1)])
    assert flat is not None and flat[0].shape == (3, 2) and flat[1].ravel().tolist() == [1, 0, 1]


@pytest.mark.parametrize(
    "value",
    [[[0, 0], [0, 1]], [(0.5, 1), (0.2, 0)], [([0, 1], 1), ([1], 0)], [("a", 1)], []],
    ids=["matrix", "two-column table", "ragged", "strings", "empty"],
)
def test_what_is_not_a_list_of_pairs(value: object) -> None:
    """A table numpy reads as one matrix stays a matrix: only an x that is itself a row
    makes a pair, so two columns are never split into inputs and targets."""
    assert as_pairs(value) is None


def test_a_module_list_of_pairs_is_found_under_any_name() -> None:
    found = find_module_data({"patterns_xor": [([0, 1], [1]), ([1, 1], [0])], "lr": 0.1})
    assert found.pairs == "patterns_xor" and found.X is not None and found.X.shape == (2, 2)
    _, Y, source = canonical_data(found, 2)
    assert source.startswith("your list `patterns_xor`: 2 (x, t) pairs") and Y.shape == (2, 1)


def test_lists_of_lists_are_used_as_arrays() -> None:
    found = find_module_data({"X": [[0, 0], [0, 1], [1, 0]], "y": [0, 1, 1]})
    X, Y, source = canonical_data(found, 2)
    assert X.shape == (3, 2) and Y.ravel().tolist() == [0, 1, 1]
    assert "3 samples" in source and "XOR" not in source


def test_data_that_cannot_be_used_is_named_with_the_reason() -> None:
    rows = [line.split(",") for line in ["0,0,0", "0,1,1"]]
    found = find_module_data({"data": rows})
    X, _, source = canonical_data(found, 2)
    assert X.shape == (4, 2)  # XOR stands in, and says so
    assert "made by netdoctor" in source and "could not use `data`" in source
    assert "no data" not in source


def test_data_of_another_width_is_named_not_denied() -> None:
    found = ModuleData(np.ones((5, 3)), np.ones(5), "X", "y")
    _, _, source = canonical_data(found, 2)
    assert "could not use `X` (5, 3) (3 features; the network takes 2)" in source


def test_a_file_without_data_is_told_so() -> None:
    _, _, source = canonical_data(find_module_data({"lr": 0.5}), 2)
    assert (
        source == "XOR (4 samples, made by netdoctor): found no data at the top level of your file"
    )
