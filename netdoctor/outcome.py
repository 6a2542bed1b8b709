"""What the parent concludes from a finished check: the judge's report, or what ended
the worker.

The judge's output is trusted only when it is signed with the key this check handed it
(`signing.py`). When the judge says the worker stopped answering, or the worker's
answers were not ours, how the worker's tree ended (a signal, an exit, the memory limit,
the supervisor killed) is that file's result, worded as what the checked code did, never
as a bug in netdoctor.
"""

from __future__ import annotations

import json
import signal
from dataclasses import dataclass
from typing import Any

from netdoctor.proctree import CANNOT_ANSWER
from netdoctor.report import Report
from netdoctor.signing import signed_body

ENDED = "the checked code ended the worker"


@dataclass
class Ended:
    """How the worker's process tree ended, as the supervisor saw it."""

    status: dict[str, Any]  # the supervisor's line; {} when the supervisor itself died
    supervisor_code: int | None  # the supervisor's own exit status (negative: a signal)
    stderr: str  # the worker's standard error, head and tail
    isolated: bool


def read_result(raw: bytes, key: bytes) -> tuple[Report | None, str | None]:
    """The judge's Report when its output holds one it signed; else why not: "ended" or
    "malformed" (the worker stopped answering, or answered with what ours never writes),
    "missing", "unsigned", "unreadable"."""
    if not raw:
        return None, "missing"
    body = signed_body(raw, key)
    if body is None:
        return None, "unsigned"
    try:
        data = json.loads(body)
        if isinstance(data, dict) and "ended" in data:
            return None, "malformed" if data["ended"] == "malformed" else "ended"
        return Report.from_dict(data), None
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
    """The Report of a check without a trustworthy verdict (`problem`, from `read_result`:
    the worker ended or answered with what ours never writes, or the judge's output was
    missing, unsigned or unreadable)."""
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
    if code == CANNOT_ANSWER and problem == "ended":
        return Report.not_checked(
            path,
            "worker-ended",
            f"{path}: {ENDED}: it could not go on answering netdoctor after your code ran: "
            "your code closed or replaced file descriptors it did not open (os.closerange, "
            "os.dup2), or replaced built-in functions the worker uses (builtins.isinstance, "
            "len, open). Remove that code." + tail,
        )
    if kind == "stopped" and problem == "ended":
        return Report.not_checked(
            path,
            "worker-ended",
            f"{path}: {ENDED}: it stopped answering netdoctor while it ran (closed the "
            "channel netdoctor talks to it through?). Remove code that closes file "
            "descriptors it did not open." + tail,
        )
    if problem == "ended":
        return Report.not_checked(
            path,
            "user-exit",
            f"{path}: {ENDED}: your code ended the process running it (exit status {code}) "
            "before the check finished: os._exit() or exit() from a C extension stops "
            "netdoctor with it. Remove it from the code that runs up to the first training "
            "step and from the step itself." + tail,
        )
    if problem == "malformed":
        return Report.not_checked(
            path,
            "forged-result",
            f"{path}: {ENDED}: its answers were not the ones netdoctor's worker writes: your "
            "code wrote into netdoctor's channel or replaced its code. Checked code must not "
            "touch netdoctor's files or code." + tail,
        )
    return Report.not_checked(
        path,
        "forged-result" if problem != "missing" else "worker-ended",
        f"{path}: the process that judges the check gave no verdict (its output was "
        f"{problem}): something wrote into it or ended it. Checked code must not signal or "
        "write to other processes.",
    )
