"""What the parent concludes from a finished worker: its result, or what ended it.

The worker's answer is trusted only when it is signed with the key this check handed
it (`worker.sign`) and the worker exited normally; anything else (no result, garbage, a
forged file, a signal, the supervisor killed) is that file's result, worded as what the
checked code did, never as a bug in netdoctor.
"""

from __future__ import annotations

import hmac
import json
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netdoctor.report import Report
from netdoctor.worker import sign

ENDED = "the checked code ended the worker"


@dataclass
class Ended:
    """How the worker's process tree ended, as the supervisor saw it."""

    status: dict[str, Any]  # the supervisor's line; {} when the supervisor itself died
    supervisor_code: int | None  # the supervisor's own exit status (negative: a signal)
    stderr: str  # the worker's standard error, head and tail
    isolated: bool


def read_result(result: Path, key: bytes) -> tuple[Report | None, str | None]:
    """The worker's Report when the file holds one it signed; else why not."""
    try:
        raw = result.read_bytes()
    except OSError:
        return None, "missing"
    if not raw:
        return None, "missing"
    signature, _, body = raw.partition(b"\n")
    if not key or not hmac.compare_digest(signature, sign(key, body)):
        return None, "unsigned"
    try:
        return Report.from_dict(json.loads(body)), None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return None, f"unreadable ({type(error).__name__})"


def _signal_name(number: int) -> str:
    try:
        return f"{signal.Signals(number).name} ({number})"
    except ValueError:
        return str(number)


def _last_output(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()][-5:]
    return " Last output: " + " / ".join(lines) if lines else ""


def ended_report(path: str, ended: Ended, problem: str, memory_mb: int | None) -> Report:
    """The Report of a worker that gave no trustworthy result (`problem` says what was
    wrong with the result file: missing, unsigned, unreadable)."""
    status = ended.status
    kind = status.get("worker")
    if kind == "memory":
        return Report.not_checked(
            path,
            "out-of-memory",
            f"{path}: your code and the processes it started held {status['resident_mb']} MB "
            f"together, over the limit of {memory_mb} MB per file, and were stopped. Raise "
            "the limit with --memory-mb, or look for an array that grows without bound.",
        )
    code = status.get("code")
    number = status.get("signal")
    if ended.isolated and isinstance(code, int) and code > 128:
        number, code = code - 128, None  # bubblewrap exits 128 + the signal's number
    tail = _last_output(ended.stderr)
    if not status:
        died = ended.supervisor_code
        how = f"signal {_signal_name(-died)}" if died is not None and died < 0 else f"{died}"
        return Report.not_checked(
            path,
            "worker-ended",
            f"{path}: {ENDED}: the process that ran and watched it was killed ({how}), "
            "probably by your code (os.kill(os.getppid(), ...)). Nothing it computed can be "
            "trusted; remove the code that signals other processes." + tail,
        )
    if isinstance(number, int):
        hint = (
            " It probably ran out of memory or crashed in a C extension, or killed itself."
            if number != signal.SIGSEGV
            else " A segmentation fault: a C extension crashed, or recursion ran too deep."
        )
        return Report.not_checked(
            path,
            "crashed",
            f"{path}: {ENDED}: it was killed by signal {_signal_name(number)}.{hint}" + tail,
        )
    if problem == "missing":
        return Report.not_checked(
            path,
            "user-exit",
            f"{path}: {ENDED}: your code ended the process running it (exit status {code}) "
            "before the check finished: os._exit() or exit() from a C extension stops "
            "netdoctor with it. Remove it from the code that runs up to the first training "
            "step and from the step itself." + tail,
        )
    return Report.not_checked(
        path,
        "forged-result",
        f"{path}: {ENDED}: the result file was {problem}, not the one netdoctor's worker "
        f"wrote (exit status {code}): your code wrote over it or exited in its place. "
        "Checked code must not touch netdoctor's files.",
    )
