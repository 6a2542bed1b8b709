"""The small process between netdoctor and the worker: `python -m netdoctor.supervisor
MEMORY_MB FD[,FD...] -- COMMAND...` (the FDs are handed on to the command: its channel).

It exists because the worker's own process group does not hold what user code starts
(`start_new_session=True`, a double fork), and because user code may kill its parent
(`os.kill(os.getppid(), ...)`): its parent is this process, not netdoctor. It is a child
subreaper, so every orphan below it becomes its child; when the worker ends, or on
SIGTERM, it kills everything below it before it exits. It puts the tree in a memory
cgroup where the machine allows one (`cgroup.py`), and also sums the resident memory of
the whole tree (RLIMIT_AS holds per process only) and ends the tree past the limit.

It imports nothing heavy and runs no user code. Its one line of standard output says
how the worker ended, as JSON; the parent reads nothing else from it.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from types import FrameType

from netdoctor.cgroup import MemoryGroup, memory_group
from netdoctor.proctree import become_subreaper, descendants, kill_tree, reap, resident_bytes

POLL_SECONDS = 0.1
# Summing the tree's memory reads every /proc/PID/stat (about 15 ms on a busy machine):
# twice a second keeps the watchdog under 3 % of a core; RLIMIT_AS bounds each process
# in between.
MEMORY_SECONDS = 0.5


class _Stop:
    """Set by SIGTERM: netdoctor gave up on this check (time limit, Ctrl-C, SIGTERM)."""

    requested = False

    @classmethod
    def request(cls, signum: int, frame: FrameType | None) -> None:
        cls.requested = True


def _ignore(signum: int, frame: FrameType | None) -> None:
    """SIGINT is for the worker (stop recording and report); a handler, unlike SIG_IGN,
    is not inherited by the worker."""


def supervise(limit_mb: int, fds: tuple[int, ...], command: list[str]) -> dict[str, object]:
    """Run `command`, watch its tree, end the tree; how the command ended, as data."""
    signal.signal(signal.SIGTERM, _Stop.request)
    signal.signal(signal.SIGINT, _ignore)
    wakeup = _wakeup_pipe()
    subreaper = become_subreaper()
    limit = limit_mb * 1024 * 1024
    group = _entered(memory_group(limit))  # everything started from here is inside it
    worker = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, pass_fds=fds
    )
    for fd in fds:  # the worker holds its channel now
        os.close(fd)
    ended: dict[int, int] = {}
    outcome: dict[str, object] = {}
    peak = 0
    measured = 0.0
    while worker.pid not in ended:
        if _Stop.requested:
            outcome = {"worker": "stopped"}
            break
        if limit and time.monotonic() - measured >= MEMORY_SECONDS:
            measured = time.monotonic()
            if group is not None and group.oom_killed():
                outcome = {"worker": "memory", "resident_mb": group.peak_mb() or limit_mb}
                break
            resident = resident_bytes(descendants(os.getpid()))
            peak = max(peak, resident)
            if resident > limit:
                outcome = {"worker": "memory", "resident_mb": resident // 2**20}
                break
        _doze(wakeup)
        ended.update(reap())
    left = kill_tree(os.getpid(), ended)
    ended.update(reap())
    worker.returncode = 0  # reaped above: keep Popen from waiting for it again
    if group is not None:
        if not outcome and group.oom_killed():  # the kernel killed the worker itself
            outcome = {"worker": "memory", "resident_mb": group.peak_mb() or limit_mb}
        group.remove()
    if not outcome:
        status = ended.get(worker.pid, 0)
        if os.WIFSIGNALED(status):
            outcome = {"worker": "signalled", "signal": os.WTERMSIG(status)}
        else:
            outcome = {"worker": "exited", "code": os.waitstatus_to_exitcode(status)}
    outcome["ended_processes"] = left
    outcome["subreaper"] = subreaper
    outcome["peak_mb"] = peak // 2**20
    outcome["memory_limit"] = f"cgroup v{group.version}" if group else "RLIMIT_AS and watchdog"
    return outcome


def _wake(signum: int, frame: FrameType | None) -> None:
    """SIGCHLD's handler: nothing to do but be there (see `_wakeup_pipe`)."""


def _wakeup_pipe() -> int:
    """A pipe the interpreter writes a byte to whenever a signal arrives (SIGCHLD: the
    worker or an orphan ended; SIGTERM: netdoctor is done), so the watch loop wakes at
    once rather than at its next poll: a check ends as soon as its worker does."""
    read, write = os.pipe()
    os.set_blocking(read, False)
    os.set_blocking(write, False)
    signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    signal.signal(signal.SIGCHLD, _wake)  # a handler, so that the signal is written
    return read


def _doze(wakeup: int) -> None:
    """Up to POLL_SECONDS, less when a signal arrives."""
    ready, _, _ = select.select([wakeup], [], [], POLL_SECONDS)
    if ready:
        try:
            os.read(wakeup, 512)
        except BlockingIOError:
            pass


def _entered(group: MemoryGroup | None) -> MemoryGroup | None:
    if group is None:
        return None
    try:
        group.enter()
    except OSError:
        group.remove()
        return None
    return group


def main(argv: list[str]) -> int:
    limit_mb = int(argv[1])
    fds = tuple(int(fd) for fd in argv[2].split(",") if fd)
    command = argv[argv.index("--") + 1 :]
    outcome = supervise(limit_mb, fds, command)
    sys.stdout.write(json.dumps(outcome) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
