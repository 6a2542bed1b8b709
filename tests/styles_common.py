"""What the style tests share: the programs under tests/programs, the bug markers in the
buggy ones, and one check of each program per test worker (in its own folder)."""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path

import jsonschema
from forked import in_fork

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


# A buggy program's training is recorded for this many steps, not the default 2,000: what
# its test asserts (the marked gradient bug, at its line) is found before any training, and
# most buggy programs train on to the last step, so the recording was three quarters of
# their checks' time. The recording and the training rules still run on every one of them.
BUGGY_TRAIN_STEPS = 200


@functools.cache
def checked(path: Path, train_steps: int = CheckOptions().train_steps) -> Report:
    """As `netdoctor check` does, in the file's own folder: a program reads its CSV by a
    path relative to it (`np.loadtxt("points.csv")`), as `python FILE` there does. Once
    per program and test worker: the style census reads the same reports (a test file's
    tests run on one worker, `--dist loadfile`). In a fork: no program sees another's
    leftovers (`forked.py`)."""
    return in_fork(_check_in_folder, path, train_steps)


def _check_in_folder(path: Path, train_steps: int) -> Report:
    os.chdir(path.parent)
    return check_file(str(path), CheckOptions(train_steps=train_steps))


# One validator for every report (`jsonschema.validate` checks the schema itself and builds
# a validator on each call: 15 ms a report, against 2 ms)
_VALIDATOR_CLASS = jsonschema.validators.validator_for(SCHEMA)
_VALIDATOR_CLASS.check_schema(SCHEMA)
VALIDATOR = _VALIDATOR_CLASS(SCHEMA)


def matches_the_schema(report: Report) -> None:
    """Every program's report, as `--format json` prints it, fits the documented schema."""
    VALIDATOR.validate(json.loads(json.dumps(report.to_dict())))
