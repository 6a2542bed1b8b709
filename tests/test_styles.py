"""Every supported style loads; correct networks get no error, buggy ones get one.

The programs under tests/programs are written the way people write them (training at top
level, prints, their own names); MANIFEST.md there describes each one.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
from netdoctor.report import Report

PROGRAMS = Path(__file__).parent / "programs"
SCHEMA = json.loads((Path(__file__).parent / "report.schema.json").read_text())
CORRECT = sorted([*(PROGRAMS / "correct").glob("*.py"), *(PROGRAMS / "correct").glob("*.ipynb")])
BUGGY = sorted([*(PROGRAMS / "buggy").glob("*.py"), *(PROGRAMS / "buggy").glob("*.ipynb")])


BUG_MARKER = re.compile(r"# BUG\((ND\d{3})\):")


def bug_marker(path: Path) -> tuple[int, str]:
    """(line, expected code) from the `# BUG(ND101): ...` comment on the buggy line.

    A notebook's lines are counted in its code cells joined in order, as reports count them.
    """
    from netdoctor.load import read_source

    for number, line in enumerate(read_source(path)[0].splitlines(), start=1):
        match = BUG_MARKER.search(line)
        if match:
            return number, match.group(1)
    raise AssertionError(f"{path} has no '# BUG(NDxxx):' marker")


@functools.cache
def checked(path: Path) -> Report:
    """As `netdoctor check` does, in the file's own folder: a program reads its CSV by a
    path relative to it (`np.loadtxt("points.csv")`), as `python FILE` there does. Once
    per program: the style census below reads the same reports."""
    before = Path.cwd()
    os.chdir(path.parent)
    try:
        return check_file(str(path), CheckOptions())
    finally:
        os.chdir(before)


@pytest.mark.parametrize("path", CORRECT, ids=lambda p: p.stem)
def test_correct_network_gets_no_error(path: Path) -> None:
    report = checked(path)
    assert report.status == "checked", report.error
    errors = [f"{f.code}: {f.message}" for f in report.findings if f.severity == "error"]
    assert errors == []
    m = report.subject["data"]["X_shape"][0]
    precision = 1e-3 if report.subject["dtype"] == "float32" else 1e-6  # single precision sums
    for check in report.gradient_checks:
        if check.verdict == "disagrees":  # only the mean-over-samples convention may differ
            assert check.scale is not None and abs(check.scale * m - 1) < precision, check
        else:
            assert check.verdict in {"agrees", "uncertain", "uncheckable"}, check
    assert report.exit_code == 0
    matches_the_schema(report)


def matches_the_schema(report: Report) -> None:
    """Every program's report, as `--format json` prints it, fits the documented schema."""
    jsonschema.validate(json.loads(json.dumps(report.to_dict())), SCHEMA)


@pytest.mark.parametrize("path", BUGGY, ids=lambda p: p.stem)
def test_buggy_network_gets_an_error(path: Path) -> None:
    report = checked(path)
    assert report.status == "checked", report.error
    line, code = bug_marker(path)
    summary = [
        (f.code, f.severity, f.location.line if f.location else None) for f in report.findings
    ]
    found = next((f for f in report.findings if f.code == code), None)
    assert found is not None, summary
    assert found.severity == "error"
    if code != "ND100":  # an unknown bug is placed where the wrong gradient is formed
        assert found.location is not None and found.location.line == line, summary
    assert report.exit_code == 1
    matches_the_schema(report)


def test_every_style_is_covered() -> None:
    styles = {checked(p).subject.get("style") for p in CORRECT}
    assert {
        "gradient function",
        "forward + backward",
        "update function",
        "class",
        "script",
    } <= styles
