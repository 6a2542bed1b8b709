from __future__ import annotations

import compileall
import re
from pathlib import Path

import pytest

import netdoctor

PROGRAMS = Path(__file__).parent / "programs"


def pytest_configure(config: pytest.Config) -> None:
    """Byte-compile netdoctor before the tests start hundreds of `netdoctor` processes.

    An editable install has no bytecode, and where PYTHONDONTWRITEBYTECODE is set (as on
    the CI machines) every process that imports netdoctor compiles its 24,000 lines again:
    about half a second of each check's start. compileall writes the caches whatever that
    variable says, once (it skips what is up to date), and a wheel install has them anyway.
    """
    package = Path(netdoctor.__file__).parent
    compileall.compile_dir(package, quiet=1, rx=re.compile(r"case_studies"))


@pytest.fixture
def programs() -> Path:
    return PROGRAMS
