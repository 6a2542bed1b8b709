"""The memory limit holds for the worker's whole tree: in a cgroup where this machine
lets netdoctor make one (the kernel's limit, at every allocation), else by the
supervisor's watchdog. Either way a tree of processes that together pass the limit is
ended and said to be out of memory, and no cgroup is left behind."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from netdoctor.cgroup import memory_group

# Three processes of 160 MB each, pages touched: each under the limit, together over it.
HOGS = (
    "import subprocess, sys, time\n"
    'code = \'import sys, time; b = bytearray(160 * 2**20); sys.stdout.write("x"); '
    "sys.stdout.flush(); time.sleep(60)'\n"
    "kids = [subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE) "
    "for _ in range(3)]\n"
    "for kid in kids:\n    kid.stdout.read(1)\n"
    "time.sleep(60)\n"
)


def _supervised(limit_mb: int, code: str) -> tuple[dict[str, object], int]:
    """The supervisor's status line, and its pid (its cgroup is named after it)."""
    boot = "import runpy; runpy.run_module('netdoctor.supervisor', run_name='__main__')"
    command = [sys.executable, "-c", boot, str(limit_mb), "", "--", sys.executable, "-c", code]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        out, _ = process.communicate(timeout=60)
    return json.loads(out.strip().splitlines()[-1]), process.pid


def test_a_tree_over_the_limit_is_ended_as_out_of_memory() -> None:
    status, _ = _supervised(300, HOGS)
    assert status["worker"] == "memory", status
    available = memory_group(300 * 2**20)
    if available is not None:
        available.remove()
        assert status["memory_limit"] == f"cgroup v{available.version}", status
    else:
        assert status["memory_limit"] == "RLIMIT_AS and watchdog", status


def test_the_cgroup_is_removed_after_the_check_and_a_killed_ones_later() -> None:
    """Other checks may run beside this test: only this supervisor's group is looked at.
    A group left by a supervisor that was killed (user code can kill it) is removed by
    the next supervisor."""
    group = memory_group(300 * 2**20)
    if group is None:
        pytest.skip("this machine lets netdoctor make no memory cgroup (the watchdog holds)")
    group.remove()
    left = group.home / f"netdoctor-{_gone_pid()}"  # as a killed supervisor leaves it
    left.mkdir()
    status, pid = _supervised(300, "print('a small program')")
    assert status["worker"] == "exited", status
    assert not (group.home / f"netdoctor-{pid}").exists()
    assert not left.exists()


def _gone_pid() -> int:
    """The pid of a process that has ended (and been waited for)."""
    with subprocess.Popen([sys.executable, "-c", "pass"]) as process:
        process.wait()
    return process.pid
