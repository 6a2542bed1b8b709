from __future__ import annotations

import compileall
import re
import signal
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
    _interruptible()


def _interruptible() -> None:
    """Give back Ctrl-C to the processes the tests start, when the suite itself ignores it.

    A shell starts a background job (`pytest ... &`, a CI step run that way) with SIGINT
    ignored, and every process below inherits that: the tests that send SIGINT to a check
    would then see it ignored, as it should be for such a netdoctor. Python's own handler
    here becomes the default action in the processes it starts (exec resets handlers, not
    an ignored signal), so the test workers and their checks get Ctrl-C as in a terminal.
    """
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def programs() -> Path:
    return PROGRAMS
