"""Every bundled case study: the buggy program gets its expected codes, the fixed one none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netdoctor.options import CheckOptions
from netdoctor.pipeline import check_file

STUDIES = sorted(p for p in (Path(__file__).parent.parent / "case_studies").iterdir() if p.is_dir())


@pytest.mark.parametrize("study", STUDIES, ids=lambda p: p.name)
def test_buggy_gets_its_codes_and_fixed_gets_no_error(study: Path) -> None:
    expected = json.loads((study / "expected.json").read_text())
    buggy = check_file(str(study / "buggy.py"), CheckOptions())
    assert set(expected["codes"]) <= set(buggy.codes())
    fixed = check_file(str(study / "fixed.py"), CheckOptions())
    assert fixed.status == "checked", fixed.error
    assert [f.code for f in fixed.findings if f.severity == "error"] == []


def test_there_are_case_studies() -> None:
    assert STUDIES, "case_studies/ is empty"
    for study in STUDIES:
        assert {"buggy.py", "fixed.py", "README.md", "expected.json"} <= {
            p.name for p in study.iterdir()
        }
