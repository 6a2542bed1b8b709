"""Isolation for the process that runs user code, from an existing tool: bubblewrap.

With `isolation="auto"` (the default) the worker runs inside new PID, network and IPC
namespaces when bubblewrap (`bwrap`) is installed and allowed here: no network, every file
read-only except a scratch folder, a clean environment, and the whole process tree gone
when the worker ends. Where it is missing or namespaces are not allowed (containers,
macOS, Windows), the worker runs in its own process group only, and the report says so.
`"strict"` refuses to run user code without isolation; `"off"` never isolates.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass

MODES = ("auto", "strict", "off")
# What a check's report says about how the user's code ran.
ISOLATED = "namespaces (bubblewrap): no network, files read-only but a scratch folder"
NOT_ISOLATED = (
    "process group only (bubblewrap not available here): user code has network and file access"
)


@dataclass(frozen=True)
class Launch:
    """How to start the worker: a command prefix, the environment, and what it gives."""

    prefix: list[str]
    environment: dict[str, str]
    isolation: str


class IsolationUnavailable(RuntimeError):
    """`--isolation strict` where bubblewrap cannot run."""


@functools.lru_cache(maxsize=1)
def bubblewrap() -> str | None:
    """The bwrap executable when it is installed and may create namespaces here."""
    found = shutil.which("bwrap")
    if found is None:
        return None
    try:
        probe = subprocess.run(
            [found, *_namespaces(), "--ro-bind", "/", "/", "--dev", "/dev", "true"],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return found if probe.returncode == 0 else None


def launch(mode: str, scratch: str, folder: str | None, environment: dict[str, str]) -> Launch:
    """The prefix that runs the worker isolated (or not), for `mode` in MODES.

    `folder` is the user's file's folder (the worker's working directory); `scratch` the
    only place it may write (request, result, progress, matplotlib's cache).
    """
    if mode not in MODES:
        raise ValueError(f"isolation must be one of {', '.join(MODES)}, not {mode!r}")
    tool = bubblewrap() if mode != "off" else None
    if tool is None:
        if mode == "strict":
            raise IsolationUnavailable(
                "--isolation strict: bubblewrap (bwrap) is not installed or may not create "
                "namespaces here. Install it (Debian/Ubuntu: apt-get install bubblewrap) or "
                "use --isolation auto."
            )
        return Launch([], environment, NOT_ISOLATED)
    prefix = [
        tool,
        *_namespaces(),
        "--die-with-parent",
        "--ro-bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--bind",
        scratch,
        scratch,
    ]
    if folder:
        prefix += ["--chdir", folder]
    prefix.append("--")
    return Launch(prefix, _clean(environment, scratch), ISOLATED)


def _namespaces() -> list[str]:
    return ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts"]


def _clean(environment: dict[str, str], scratch: str) -> dict[str, str]:
    """Only what Python, numpy and matplotlib need: no tokens or paths of the grader's."""
    kept = {
        name: value
        for name, value in environment.items()
        if name in ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "PYTHONPATH", "VIRTUAL_ENV", "TZ")
        or name.endswith("_NUM_THREADS")
        or name in ("MPLBACKEND", "PYTHONHASHSEED", "NETDOCTOR_TREE")
    }
    cache = os.path.join(scratch, "cache")
    return {**kept, "HOME": scratch, "TMPDIR": scratch, "MPLCONFIGDIR": cache}
