"""Batch checking for autograders: 16 files, one hangs, one eats memory, one does not parse.

Each is reported as what it is, and none blocks the others. JUnit and SARIF outputs are
parsed and checked for the structure their consumers rely on.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from netfiles import EXERCISE

# The hang waits rather than spins: the time limit is wall-clock time either way (an
# infinite loop's own test is in test_bad_input.py), and a spinning hang burnt 12 s of the
# suite's CPU on a 2-core machine while the other checks of the suite waited for it.
HANG = EXERCISE.format(dW1="dW1").replace(
    "    dZ2 = A2 - Y\n", "    import time\n    while True:\n        time.sleep(1)\n"
)
# 400 MB at a time: past the 1024 MB limit in a few steps, so the hog's page faults
# (seconds on a busy 2-core machine at 80 MB a step) never meet the time limit first. The
# limit is 12 s: at 5 s, with another check or two beside this one on 2 cores, the worker's
# start and its three 400 MB pages took longer (reported as a timeout, twice in a row).
HOG = EXERCISE.format(dW1="dW1").replace(
    "    dZ2 = A2 - Y\n",
    "    hoard = []\n    while True:\n        hoard.append(np.ones(5 * 10**7))\n",
)
BUGS = ["dW1", "-dW1", "2 * dW1", "dW1.T", "dW1 / 4"]  # cycled over the other files
# 16 files (30 until stop 31: the other 14 tested nothing more and cost 4 s of CPU); where
# the hang, the memory hog and the file that does not parse sit among them
FILES, HANG_AT, HOG_AT, BROKEN_AT = 16, 5, 9, 13
SPECIAL = (HANG_AT, HOG_AT, BROKEN_AT)
WITH_BUGS = sum(1 for i in range(FILES) if i not in SPECIAL and BUGS[i % len(BUGS)] != "dW1")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for index in range(FILES):
        if index == HANG_AT:
            text = HANG
        elif index == HOG_AT:
            text = HOG
        elif index == BROKEN_AT:
            text = "import numpy as np\n\ndef backprop(X, Y:\n    pass\n"
        else:
            text = EXERCISE.format(dW1=BUGS[index % len(BUGS)])
        path = folder / f"student_{index:02d}.py"
        path.write_text(text)
        paths.append(path)
    return paths


def _run(paths: list[Path], *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "netdoctor", "check", *map(str, paths)]
    # without the recorded training: what is tested is the batch (order, errors, formats),
    # and the gradient findings compared below do not depend on it
    command += ["--jobs", "2", "--timeout", "12", "--memory-mb", "1024", "--no-train"]
    command += options
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def json_reports(batch: list[Path]) -> list[dict]:
    result = _run(batch, "--format", "json")
    assert result.returncode == 2  # the worst: some files could not be checked
    return json.loads(result.stdout)


def test_every_file_is_reported_in_order(batch: list[Path], json_reports: list[dict]) -> None:
    assert [r["file"] for r in json_reports] == [str(p) for p in batch]


def test_the_hang_the_hog_and_the_syntax_error_are_named(json_reports: list[dict]) -> None:
    assert json_reports[HANG_AT]["error"]["kind"] == "timeout"
    assert json_reports[HOG_AT]["error"]["kind"] == "out-of-memory"
    assert json_reports[BROKEN_AT]["error"]["kind"] == "syntax-error"


def test_the_rest_are_checked_with_their_bugs(json_reports: list[dict]) -> None:
    expected = {"dW1": [], "-dW1": ["ND105"], "2 * dW1": ["ND106"], "dW1.T": ["ND107"]}
    expected["dW1 / 4"] = ["ND106"]
    for index, report in enumerate(json_reports):
        if index in SPECIAL:
            continue
        errors = [
            f["code"]
            for f in report["findings"]
            if f["severity"] == "error" and f["code"] < "ND300"  # training effects aside
        ]
        assert report["status"] == "checked"
        assert errors == expected[BUGS[index % len(BUGS)]], (index, errors)


def _document(json_reports: list[dict], render: str) -> str:
    """The batch's JUnit or SARIF document, from the reports of the one batch run (the
    command line's --format junit/sarif is tested on three files below: running the 16
    files, their hang and their memory hog once per format tripled this module's time)."""
    from netdoctor.render.junit import render_junit
    from netdoctor.render.sarif import render_sarif
    from netdoctor.report import Report

    reports = [Report.from_dict(r) for r in json_reports]
    return render_junit(reports) if render == "junit" else render_sarif(reports)


def test_junit_has_one_case_per_file(batch: list[Path], json_reports: list[dict]) -> None:
    root = ET.fromstring(_document(json_reports, "junit"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [str(p) for p in batch]
    failures = [c for c in cases if c.find("failure") is not None]
    errors = [c for c in cases if c.find("error") is not None]
    assert int(suite.get("tests", "0")) == FILES
    assert int(suite.get("failures", "0")) == len(failures) == WITH_BUGS
    assert int(suite.get("errors", "0")) == len(errors) == len(SPECIAL)
    hang = cases[HANG_AT].find("error")
    assert hang is not None and hang.get("type") == "timeout"


def test_sarif_is_2_1_0_with_rules_from_the_catalogue(json_reports: list[dict]) -> None:
    from netdoctor.rules import all_rules

    RULES = all_rules()

    sarif = json.loads(_document(json_reports, "sarif"))
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    assert all(r["shortDescription"]["text"] for r in rules)
    assert len(run["results"]) >= WITH_BUGS
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith(".py")
        if result["ruleId"] < "ND300":  # training findings concern the run, not one line
            assert physical["region"]["startLine"] >= 1
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    assert {n["descriptor"]["id"] for n in notifications} == {
        "timeout",
        "out-of-memory",
        "syntax-error",
    }
    assert run["invocations"][0]["executionSuccessful"] is False


@pytest.mark.parametrize("form", ["junit", "sarif"])
def test_the_command_line_prints_the_batch_document(batch: list[Path], form: str) -> None:
    """--format junit/sarif on the command line: the same document, one per batch."""
    three = [batch[0], batch[1], batch[BROKEN_AT]]  # right, sign-flipped, does not parse
    printed = _run(three, "--format", form)
    assert printed.returncode == 2
    reports = json.loads(_run(three, "--format", "json").stdout)
    assert printed.stdout.strip() == _document(reports, form).strip()


def test_text_output_ends_with_a_summary_table(batch: list[Path]) -> None:
    result = _run(batch[:4])
    assert "4 files" in result.stdout
    assert "1 ok, 3 with errors, 0 not checked" in result.stdout
