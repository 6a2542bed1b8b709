"""The JSON report follows the published contract (tests/report.schema.json) for every
kind of file: correct, buggy, unparsable; and the same file and seed give the same JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

SCHEMA = json.loads((Path(__file__).parent / "report.schema.json").read_text())
PROGRAMS = Path(__file__).parent / "programs"
# The command line's JSON on a few programs; every program's report is validated against
# the schema where test_styles checks it (one run of each program for the whole suite).
# (one correct and two buggy: the command line's document, a list of reports, is what is
# tested here; eight programs cost 9 s of the suite's CPU and tested nothing more)
FILES = (
    sorted((PROGRAMS / "correct").glob("*.py"))[:1] + sorted((PROGRAMS / "buggy").glob("*.py"))[:2]
)


def _json(*args: str) -> str:
    command = [sys.executable, "-m", "netdoctor", "check", *args, "--format", "json"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300).stdout


def test_every_report_matches_the_schema(tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("def f(:\n")
    reports = json.loads(_json(*map(str, FILES), str(broken), "--jobs", "2"))
    assert len(reports) == len(FILES) + 1
    for report in reports:
        jsonschema.validate(report, SCHEMA)
    assert reports[-1]["status"] == "not-checked"


def test_schema_rejects_a_report_without_findings() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"netdoctor": "0.1.0", "file": "x.py", "status": "checked"}, SCHEMA)


def test_same_file_and_seed_same_json_with_plot_data() -> None:
    path = str(PROGRAMS / "buggy" / "exercise_double_sigmoid.py")
    first, second = _json(path, "--seed", "5"), _json(path, "--seed", "5")
    assert first == second
    assert json.loads(first)["plot_data"]["gradients"]
