"""A memory cgroup around the worker's whole process tree, where this machine lets us make one.

RLIMIT_AS holds per process, and the supervisor's watchdog sums the tree's resident
memory twice a second: four processes can together pass the limit between two readings.
A cgroup's limit is the kernel's, for every process below it at every allocation. The
supervisor makes one as a child of its own memory cgroup (cgroup v2 where the memory
controller is delegated to its children, else the v1 memory hierarchy), moves itself in
before it starts the worker, so that everything the worker starts is inside, and removes
it when the tree is gone. Where the cgroup file system is not writable (an unprivileged
user without delegation, macOS, Windows) there is none, and the watchdog alone holds.

Standard library only, no user code: the supervisor imports it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path("/sys/fs/cgroup")


@dataclass
class MemoryGroup:
    path: Path
    version: int  # 1 or 2
    home: Path  # the cgroup to move back to, so this one can be removed

    def enter(self) -> None:
        """This process, and all it starts from now on, inside the limit."""
        (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def oom_killed(self) -> bool:
        """Whether the kernel killed a process of the group for its memory."""
        try:
            if self.version == 2:
                events = (self.path / "memory.events").read_text()
            else:
                events = (self.path / "memory.oom_control").read_text()
        except OSError:
            return False
        for line in events.splitlines():
            name, _, count = line.partition(" ")
            if name == "oom_kill" and count.strip().isdigit() and int(count) > 0:
                return True
        return False

    def peak_mb(self) -> int | None:
        name = "memory.peak" if self.version == 2 else "memory.max_usage_in_bytes"
        try:
            return int((self.path / name).read_text().split()[0]) // 2**20
        except (OSError, ValueError, IndexError):
            return None

    def remove(self) -> None:
        """Back home, and the group gone (once every process in it has ended)."""
        try:
            (self.home / "cgroup.procs").write_text(str(os.getpid()))
        except OSError:
            return
        for _ in range(20):  # the last processes may still be leaving
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.05)


def _sweep(home: Path) -> None:
    """Remove the groups of supervisors that were killed before they could (user code
    can kill its supervisor; a time limit ends it with SIGKILL when it does not leave):
    a group whose supervisor is gone and that holds no process. rmdir refuses a group
    with processes in it, so a live one is never touched."""
    for path in home.glob("netdoctor-*"):
        pid = path.name.removeprefix("netdoctor-")
        if not pid.isdigit() or (_alive(int(pid)) and int(pid) != os.getpid()):
            continue
        try:
            path.rmdir()
        except OSError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def memory_group(limit_bytes: int) -> MemoryGroup | None:
    """A new cgroup limited to `limit_bytes`, or None where none can be made here."""
    if limit_bytes <= 0:
        return None
    for make in (_version_2, _version_1):
        try:
            group = make(limit_bytes)
        except OSError:
            group = None
        if group is not None:
            return group
    return None


def _own(controller: str) -> str | None:
    """This process's cgroup path in the hierarchy of `controller` ("" for v2)."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controllers.split(",") == [controller] or (controller == "" and controllers == ""):
            return path
    return None


def _version_2(limit_bytes: int) -> MemoryGroup | None:
    own = _own("")
    mount = _ROOT if (_ROOT / "cgroup.controllers").exists() else _ROOT / "unified"
    if own is None or not (mount / "cgroup.controllers").exists():
        return None
    home = mount / own.lstrip("/")
    if "memory" not in (home / "cgroup.subtree_control").read_text().split():
        return None
    return _made(home, limit_bytes, 2, "memory.max")


def _version_1(limit_bytes: int) -> MemoryGroup | None:
    own = _own("memory")
    mount = _ROOT / "memory"
    if own is None or not (mount / "memory.limit_in_bytes").exists():
        return None
    home = mount / own.lstrip("/")
    if not home.is_dir():
        home = mount  # the hierarchy mounted at the process's own cgroup (a container)
    return _made(home, limit_bytes, 1, "memory.limit_in_bytes")


def _made(home: Path, limit_bytes: int, version: int, limit_file: str) -> MemoryGroup | None:
    _sweep(home)
    path = home / f"netdoctor-{os.getpid()}"
    path.mkdir()
    try:
        (path / limit_file).write_text(str(limit_bytes))
        if version == 1:  # swap counted too, where the kernel accounts it
            try:
                (path / "memory.memsw.limit_in_bytes").write_text(str(limit_bytes))
            except OSError:
                pass
    except OSError:
        path.rmdir()
        return None
    return MemoryGroup(path, version, home)
