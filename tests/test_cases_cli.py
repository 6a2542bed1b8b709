"""`netdoctor cases`: list, show and run the bundled studies, also from an installed wheel."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from netdoctor.cases import all_studies

ROOT = Path(__file__).parent.parent


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netdoctor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_list_names_every_study(tmp_path: Path) -> None:
    listed = cli("cases", "list", cwd=tmp_path)  # from elsewhere: found in the package
    assert listed.returncode == 0
    names = [line.split()[0] for line in listed.stdout.splitlines()]
    assert names == [s.name for s in all_studies()]
    assert len(names) >= 2


def test_show_prints_the_story(tmp_path: Path) -> None:
    shown = cli("cases", "show", "outputs_stuck_at_half", cwd=tmp_path)
    assert shown.returncode == 0
    assert "## The diagnosis" in shown.stdout and "buggy program:" in shown.stdout


def test_run_gives_the_same_diagnosis_as_check(tmp_path: Path) -> None:
    study = next(s for s in all_studies() if s.name == "sigmoid_applied_twice")
    run = json.loads(cli("cases", "run", study.name, "--format", "json", cwd=tmp_path).stdout)
    check = json.loads(cli("check", str(study.program()), "--format", "json", cwd=tmp_path).stdout)
    assert run["findings"] == check["findings"]
    fixed = cli("cases", "run", study.name, "--fixed", cwd=tmp_path)
    assert fixed.returncode == 0


def test_unknown_study_exits_2_and_lists_the_names(tmp_path: Path) -> None:
    result = cli("cases", "run", "no_such_study", cwd=tmp_path)
    assert result.returncode == 2
    assert "sigmoid_applied_twice" in result.stderr


def test_the_wheel_ships_every_study(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
         str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("netdoctor-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for study in all_studies():
        for part in ("buggy.py", "fixed.py", "README.md", "expected.json"):
            assert f"netdoctor/case_studies/{study.name}/{part}" in names
