"""A notebook's findings name their cell and the line within it, and its line numbers
count the code cells' lines one after another (no line between cells)."""

from __future__ import annotations

import json
from pathlib import Path

from netdoctor.engine import check_file
from netdoctor.load import read_source

STUDY = Path(__file__).parents[1] / "netdoctor" / "case_studies" / "outputs_stuck_at_half"


def _notebook(tmp_path: Path, cells: list[tuple[str, list[str]]]) -> Path:
    path = tmp_path / "net.ipynb"
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": [line + "\n" for line in lines]}
            | ({"outputs": [], "execution_count": None} if kind == "code" else {})
            for kind, lines in cells
        ],
    }
    path.write_text(json.dumps(notebook))
    return path


def test_a_finding_names_its_cell_and_the_line_in_it(tmp_path: Path) -> None:
    script = (STUDY / "buggy.py").read_text().splitlines()
    expected = check_file(str(STUDY / "buggy.py"))
    first = next(f for f in expected.findings if f.code == "ND101")
    assert first.location is not None
    bug_line = first.location.line
    cut = bug_line - 5  # the cell break falls a few lines before the bug
    path = _notebook(
        tmp_path,
        [
            ("markdown", ["# My network", "It does not learn."]),
            ("code", ["%matplotlib inline", *script[:cut]]),
            ("markdown", ["## Training"]),
            ("code", script[cut:]),
        ],
    )
    source, _ = read_source(path)
    # the magic line (made `pass`), then the script's lines, nothing between the cells
    assert source.splitlines()[0].startswith("pass")
    assert source.splitlines()[1:] == script
    report = check_file(str(path))
    found = next(f for f in report.findings if f.code == "ND101")
    assert found.location is not None
    assert found.location.line == bug_line + 1
    assert (found.location.cell, found.location.cell_line) == (4, bug_line - cut)
    assert found.location.to_dict()["cell"] == 4
    assert f"net.ipynb:{bug_line + 1} (cell 4, line {bug_line - cut})" in found.location.place


def test_a_script_location_has_no_cell(tmp_path: Path) -> None:
    report = check_file(str(STUDY / "buggy.py"))
    located = [f.location for f in report.findings if f.location is not None]
    assert located
    assert all("cell" not in location.to_dict() for location in located)
