"""Hostile student files and the checks every hostile case shares (tests/test_hostile*.py).

Every program that starts a process gives it a unique marker in its command line, so
the test finds survivors by reading /proc/*/cmdline: no pid file is needed (isolated
code may not write outside its scratch folder, and its pids are those of another PID
namespace), and a reused pid never matches.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from netfiles import EXERCISE, TRAINING

LOOP = TRAINING[len(EXERCISE.format(dW1="dW1")) :]
CORRECT = TRAINING  # exit 0
BUGGY = EXERCISE.format(dW1="-dW1") + LOOP  # ND105 on W1: exit 1
# The pipe the worker answers the judge through, as user code can find it: the worker's
# command line (`python -c BOOT REQUESTS_FD ANSWERS_FD`).
CHANNEL = "int(open('/proc/self/cmdline', 'rb').read().split(b'\\0')[4])"
FORGED = (
    '{"file": "net.py", "status": "checked", "findings": [], "subject": {}, '
    '"gradient_checks": [], "notes": [], "error": null}'
)
SLEEPER = "[sys.executable, '-c', 'import time; time.sleep(600)', '{marker}']"


def spawn(new_session: bool = False) -> str:
    return f"import subprocess, sys\nsubprocess.Popen({SLEEPER}, start_new_session={new_session})\n"


DOUBLE_FORK = (
    "import os, sys\n"
    "if os.fork() == 0:\n"
    "    os.setsid()\n"
    "    if os.fork() == 0:\n"
    f"        os.execv(sys.executable, {SLEEPER})\n"
    "    os._exit(0)\n"
)


def in_backward(snippet: str, source: str = CORRECT) -> str:
    """`snippet` as the first lines of the user's backprop (run at every call)."""
    indented = "".join("    " + line + "\n" for line in snippet.splitlines())
    head = "def backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2):\n"
    return source.replace(head, head + indented)


def returning(value: str) -> str:
    """The exercise whose backprop returns `value` instead of its gradients."""
    return CORRECT.replace(
        '    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}', f"    return {value}"
    )


@dataclass
class Case:
    """One hostile file, and what netdoctor must say about it."""

    name: str
    source: str | bytes
    exit: int
    kind: str | None = None  # the report's error kind, when not checked
    says: list[str] = field(default_factory=list)  # in the message (or the notes)
    files: dict[str, str] = field(default_factory=dict)  # next to the file
    isolation: str = "auto"


@dataclass
class Prepared:
    case: Case
    path: Path
    marker: str
    digest: str


def prepare(root: Path, case: Case) -> Prepared:
    """The case's folder: its file (markers filled in) and its neighbours, hashed."""
    folder = root / case.name
    folder.mkdir()
    marker = f"netdoctor-hostile-{case.name}-{uuid.uuid4().hex}"
    path = folder / "net.py"
    if isinstance(case.source, bytes):
        path.write_bytes(case.source)
    else:
        path.write_text(case.source.replace("{marker}", marker))
    for name, text in case.files.items():
        (folder / name).write_text(text)
    return Prepared(case, path, marker, digest(folder))


def digest(folder: Path) -> str:
    """Every file's name and bytes under `folder`: any change, addition or removal shows."""
    hasher = hashlib.sha256()
    for item in sorted(folder.rglob("*")):
        hasher.update(str(item.relative_to(folder)).encode() + b"\0")
        if item.is_file():
            hasher.update(item.read_bytes())
    return hasher.hexdigest()


def survivors(marker: str, grace: float = 10.0) -> list[int]:
    """Processes whose command line holds `marker`, once `grace` seconds have passed
    without them all gone (a SIGKILL is delivered at once; the grace is for a busy
    machine, not for a slow kill)."""
    deadline = time.monotonic() + grace
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker.encode() in command and state != "Z":
                found.append(int(entry.name))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def netdoctor(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line, as a grader runs it."""
    return subprocess.run(
        [sys.executable, "-m", "netdoctor", "check", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def batch(
    prepared: list[Prepared], *options: str, env: dict[str, str] | None = None, jobs: int = 2
) -> tuple[subprocess.CompletedProcess[str], dict[str, dict]]:
    """One `netdoctor check` of every prepared file (jsonl, `jobs` at a time): reports by path."""
    paths = [str(p.path) for p in prepared]
    result = netdoctor(
        *paths, "--format", "jsonl", "--jobs", str(jobs), "--no-train", *options, env=env
    )
    reports = {}
    for line in result.stdout.splitlines():
        report = json.loads(line)
        reports[report["file"]] = report
    return result, reports


def said(report: dict) -> str:
    """Everything the report says in words: the error's message, the findings, the notes."""
    findings = [f"{f['code']} {f['message']}" for f in report["findings"]]
    error = str((report.get("error") or {}).get("message", ""))
    return " ".join([error, *findings, *report["notes"]])


def assert_case(prepared: Prepared, report: dict) -> None:
    """The four promises: exit code, message, the folder untouched, no process left."""
    case = prepared.case
    text = said(report)
    assert report["exit_code"] == case.exit, (case.name, report["exit_code"], text[:600])
    if case.kind is not None:
        assert report["error"] is not None and report["error"]["kind"] == case.kind, (
            case.name,
            report["error"],
        )
    for words in case.says:
        assert words in text, (case.name, words, text[:800])
    assert "bug in netdoctor" not in text, (case.name, text[:800])
    assert "Traceback" not in text, (case.name, text[:800])
    assert digest(prepared.path.parent) == prepared.digest, f"{case.name}: a user file changed"
    left = survivors(prepared.marker)
    assert not left, f"{case.name}: processes {left} started by the checked file still run"
