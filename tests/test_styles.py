"""Every supported style loads; correct networks get no error (the buggy ones are in
tests/test_styles_buggy.py, so two test workers share the programs).

The programs under tests/programs are written the way people write them (training at top
level, prints, their own names); MANIFEST.md there describes each one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from styles_common import CORRECT, checked, matches_the_schema


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
    # a correct program's training runs: a step that "raised" is netdoctor calling it wrong
    # (the per-neuron layouts' recorded training raised TypeError in netdoctor's wrapper)
    assert not [n for n in report.notes if n.startswith("your training step raised")]
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
