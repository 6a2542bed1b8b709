"""The memory limit holds for the worker's whole tree: in a cgroup where this machine
lets netdoctor make one (the kernel's limit, at every allocation), else by the
supervisor's watchdog. Either way a tree of processes that together pass the limit is
ended and said to be out of memory, and no cgroup is left behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def _supervised(limit_mb: int, code: str) -> dict[str, object]:
    boot = "import runpy; runpy.run_module('netdoctor.supervisor', run_name='__main__')"
    done = subprocess.run(
        [sys.executable, "-c", boot, str(limit_mb), "", "--", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_tree_over_the_limit_is_ended_as_out_of_memory() -> None:
    status = _supervised(300, HOGS)
    assert status["worker"] == "memory", status
    available = memory_group(300 * 2**20)
    if available is not None:
        available.remove()
        assert status["memory_limit"] == f"cgroup v{available.version}", status
    else:
        assert status["memory_limit"] == "RLIMIT_AS and watchdog", status


def test_the_cgroup_is_removed_after_the_check() -> None:
    group = memory_group(300 * 2**20)
    if group is None:
        pytest.skip("this machine lets netdoctor make no memory cgroup (the watchdog holds)")
    home = group.home
    group.remove()
    before = {p.name for p in home.iterdir() if p.name.startswith("netdoctor-")}
    status = _supervised(300, "print('a small program')")
    assert status["worker"] == "exited", status
    after = {p.name for p in Path(home).iterdir() if p.name.startswith("netdoctor-")}
    assert after <= before
