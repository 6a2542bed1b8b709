"""Every bundled case study: the buggy program gets its expected codes, the fixed one no
error, and the fixed network really learns its task (the final loss its README states)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from netdoctor.engine import check_file
from netdoctor.options import CheckOptions

STUDIES = sorted(p for p in (Path(__file__).parent.parent / "case_studies").iterdir() if p.is_dir())


@pytest.mark.parametrize("study", STUDIES, ids=lambda p: p.name)
def test_buggy_gets_its_codes_and_fixed_gets_no_error(study: Path) -> None:
    expected = json.loads((study / "expected.json").read_text())
    buggy = check_file(str(study / "buggy.py"), CheckOptions())
    assert set(expected["codes"]) <= set(buggy.codes()), buggy.codes()
    fixed = check_file(str(study / "fixed.py"), CheckOptions())
    assert fixed.status == "checked", fixed.error
    assert [f.code for f in fixed.findings if f.severity == "error"] == []


@pytest.mark.parametrize("study", STUDIES, ids=lambda p: p.name)
def test_fixed_network_learns_and_the_readme_says_how_well(study: Path) -> None:
    expected = json.loads((study / "expected.json").read_text())
    run = subprocess.run(
        [sys.executable, "fixed.py"], cwd=study, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    match = re.search(r"final loss ([0-9.eE+-]+)", run.stdout)
    assert match, "fixed.py must print 'final loss X'"
    final = float(match.group(1))
    assert final < expected["fixed_final_loss_below"]
    assert f"final loss {expected['fixed_final_loss']}" in (study / "README.md").read_text()
    assert abs(final - expected["fixed_final_loss"]) <= 0.05 * expected["fixed_final_loss"] + 1e-4


def test_there_are_case_studies() -> None:
    assert STUDIES, "case_studies/ is empty"
    for study in STUDIES:
        assert {"buggy.py", "fixed.py", "README.md", "expected.json"} <= {
            p.name for p in study.iterdir()
        }
