"""pytest plugin (entry point `pytest11`): check a network in one line of a test.

    def test_my_network(netdoctor_check):
        netdoctor_check("mynet.py")                    # fails with the diagnosis on errors
        netdoctor_check("mynet.py", allow=["ND106"])   # codes to tolerate

The fixture returns the Report, so a test can assert more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from netdoctor.report import Report


@pytest.fixture
def netdoctor_check(request: pytest.FixtureRequest) -> Callable[..., Report]:
    """Check a file (relative paths are taken from the test file's folder)."""
    folder = Path(str(request.path)).parent

    def check(
        path: str | Path,
        *,
        allow: Iterable[str] = (),
        severities: Iterable[str] = ("error",),
        **options: Any,
    ) -> Report:
        __tracebackhide__ = True
        import netdoctor
        from netdoctor.testing import assert_no_findings

        target = Path(path)
        if not target.is_absolute():
            target = folder / target
        report = netdoctor.check(target, **options)
        assert_no_findings(report, allow=allow, severities=severities)
        return report

    return check
