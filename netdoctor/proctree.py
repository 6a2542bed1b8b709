"""The process tree under one process, read from /proc: who descends from whom, how much
memory they hold together, and ending them all.

A process group is not enough to end what user code starts: `start_new_session=True` or
a double fork leaves the group. A supervisor that is a child subreaper
(`PR_SET_CHILD_SUBREAPER`) inherits every orphan below it, so walking parent links from
/proc finds them all, whatever session they moved to. Off Linux there is no /proc: these
functions find nothing and the process group is all that is ended.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from pathlib import Path

_PROC = Path("/proc")
PR_SET_CHILD_SUBREAPER = 36
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def become_subreaper() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux 3.4+)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (which may hold spaces)."""
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text[text.rfind(")") + 2 :].split()


def parents() -> dict[int, int]:
    """Every visible process and its parent."""
    table: dict[int, int] = {}
    try:
        entries = list(_PROC.iterdir())
    except OSError:
        return table
    for entry in entries:
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None:
                table[int(entry.name)] = int(fields[1])
    return table


def descendants(root: int) -> list[int]:
    """Every process below `root` (not `root` itself), parents before children."""
    children: dict[int, list[int]] = {}
    for pid, parent in parents().items():
        children.setdefault(parent, []).append(pid)
    found: list[int] = []
    pending = list(children.get(root, []))
    while pending:
        pid = pending.pop(0)
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def resident_bytes(pids: list[int]) -> int:
    """Resident memory of these processes together (zombies and vanished ones count 0)."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None and len(fields) > 21:
            total += int(fields[21]) * _PAGE
    return total


def kill_tree(root: int, ended: dict[int, int] | None = None) -> int:
    """SIGKILL every process below `root`, repeatedly until none is left (a process may
    fork while it is being killed). Returns how many were signalled; the statuses of the
    children reaped on the way go into `ended`."""
    signalled = 0
    for _ in range(50):
        below = [pid for pid in descendants(root) if not _zombie(pid)]
        if not below:
            break
        for pid in below:
            try:
                os.kill(pid, signal.SIGKILL)
                signalled += 1
            except (ProcessLookupError, PermissionError):
                continue
        if root == os.getpid():  # only our own children are ours to reap
            statuses = reap()
            if ended is not None:
                ended.update(statuses)
        time.sleep(0.01)
    return signalled


def reap() -> dict[int, int]:
    """Collect the exit status of every child that has ended (orphans handed to us):
    pid -> wait status."""
    ended: dict[int, int] = {}
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return ended
        if pid == 0:
            return ended
        ended[pid] = status


def _zombie(pid: int) -> bool:
    fields = _stat(pid)
    return fields is None or fields[0] == "Z"


TREE_VARIABLE = "NETDOCTOR_TREE"  # set in a check's environment; its processes inherit it


def _environment_has(pid: int, marker: bytes) -> bool:
    try:
        return marker in (_PROC / str(pid) / "environ").read_bytes().split(b"\0")
    except OSError:
        return False


def end_escaped(token: str) -> int:
    """Kill the processes of one check that escaped its supervisor: code that kills the
    supervisor, then starts a process in a new session, leaves an orphan that would run
    on. netdoctor is a subreaper too (`become_subreaper`), so such orphans become its own
    children; those whose environment carries this check's token are ended, with all
    below them. Returns how many were found."""
    me = os.getpid()
    marker = f"{TREE_VARIABLE}={token}".encode()
    ended = 0
    quiet = 0
    while quiet < 3:  # an orphan may be handed to us while we look: look until it is still
        found = [pid for pid, parent in parents().items() if parent == me and pid != me]
        escaped = [pid for pid in found if _environment_has(pid, marker)]
        quiet = quiet + 1 if not escaped else 0
        for pid in escaped:
            try:
                os.kill(pid, signal.SIGSTOP)  # frozen, it forks no more while its tree dies
            except ProcessLookupError:
                continue
            kill_tree(pid)
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)  # our child now: reaped, not left a zombie
            except (ProcessLookupError, ChildProcessError):
                pass
            ended += 1
        time.sleep(0.02)
    return ended


# The worker's exit status once it cannot go on answering the judge (its channel's
# descriptors closed or replaced, built-in functions it uses replaced): `outcome.py` says
# so. Here, not there, so that the worker need not import the report to use it.
CANNOT_ANSWER = 87


def limit_address_space(megabytes: int | None) -> None:
    """Cap this process's address space (RLIMIT_AS), so an allocation past it is a
    MemoryError, not the machine's memory. Per process: the supervisor watches the tree."""
    if not megabytes:
        return
    try:
        import resource

        limit = int(megabytes) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the timeout still holds
        pass
