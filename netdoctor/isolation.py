"""Isolation for the process that runs user code, from an existing tool: bubblewrap, else
util-linux's `unshare`.

With `isolation="auto"` (the default) the worker runs inside new PID, network and IPC
namespaces when bubblewrap (`bwrap`) is installed and allowed here: no network, every file
read-only except a scratch folder, a clean environment, and the whole process tree gone
when the worker ends. Without bubblewrap, `unshare` gives the same where unprivileged user
namespaces are allowed: a new user, mount, PID, network, IPC and UTS namespace, in which
a short shell prelude makes every mount read-only but the scratch folder before the
worker starts (it refuses to start the worker when one cannot be). Where neither runs
(containers without user namespaces, macOS, Windows), the worker runs in its own process
group only, and the report says so. `"strict"` refuses to run user code without
isolation; `"off"` never isolates.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

MODES = ("auto", "strict", "off")
# What a check's report says about how the user's code ran.
ISOLATED = "namespaces (bubblewrap): no network, files read-only but a scratch folder"
ISOLATED_BY_UNSHARE = "namespaces (unshare): no network, files read-only but a scratch folder"
NOT_ISOLATED = (
    "process group only (neither bubblewrap nor unshare can make namespaces here): user code "
    "has network and file access"
)
# The namespaces `unshare` makes, and the prelude run in them as their root: the scratch
# folder bound onto itself (its own mount, left writable), then every mount read-only.
# /proc/self/mounts escapes a space in a path as \040: printf %b reads it back. The shell
# stays the namespace's PID 1 (no exec): a PID 1 ignores the signals it has no handler
# for, so the worker would survive its own os.kill(os.getpid(), SIGKILL); the shell exits
# 128 + the signal's number, as bubblewrap does.
_UNSHARE = [
    "--user",
    "--map-root-user",
    "--mount",
    "--net",
    "--pid",
    "--fork",
    "--mount-proc",
    "--ipc",
    "--uts",
    "--kill-child",
]
_READ_ONLY_PRELUDE = r"""
scratch=$1; shift
mount --bind "$scratch" "$scratch" || { echo "netdoctor: cannot bind $scratch" >&2; exit 125; }
failed=$(awk '{print $2}' /proc/self/mounts | sort -u | while IFS= read -r m; do
  m=$(printf '%b' "$m")
  [ "$m" = "$scratch" ] && continue
  mount -o remount,bind,ro "$m" 2>/dev/null || echo "$m"
done)
if [ -n "$failed" ]; then
  echo "netdoctor: cannot make these read-only, the worker does not start: $failed" >&2
  exit 125
fi
"$@"
"""


@dataclass(frozen=True)
class Launch:
    """How to start the worker: a command prefix, the environment, and what it gives."""

    prefix: list[str]
    environment: dict[str, str]
    isolation: str

    @property
    def isolated(self) -> bool:
        return self.isolation in (ISOLATED, ISOLATED_BY_UNSHARE)


class IsolationUnavailable(RuntimeError):
    """`--isolation strict` where bubblewrap cannot run."""


@functools.lru_cache(maxsize=1)
def bubblewrap() -> str | None:
    """The bwrap executable when it is installed and may create namespaces here."""
    found = shutil.which("bwrap")
    if found is None:
        return None
    probe = [found, *_namespaces(), "--ro-bind", "/", "/", "--dev", "/dev", "true"]
    return found if _runs(probe) else None


@functools.lru_cache(maxsize=1)
def unshare() -> str | None:
    """The unshare executable when it can make the namespaces and read-only mounts here."""
    found = shutil.which("unshare")
    if found is None:
        return None
    with tempfile.TemporaryDirectory(prefix="netdoctor-probe-") as scratch:
        return found if _runs([*_unshare_prefix(found, scratch), "true"]) else None


def _runs(command: list[str]) -> bool:
    """Whether `command` (a tool's probe) runs and succeeds here, within 10 s."""
    try:
        return subprocess.run(command, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _unshare_prefix(tool: str, scratch: str) -> list[str]:
    return [tool, *_UNSHARE, "--", "sh", "-c", _READ_ONLY_PRELUDE, "sh", scratch]


def launch(mode: str, scratch: str, folder: str | None, environment: dict[str, str]) -> Launch:
    """The prefix that runs the worker isolated (or not), for `mode` in MODES.

    `folder` is the user's file's folder (the worker's working directory); `scratch` the
    only place it may write (request, result, progress, matplotlib's cache).
    """
    if mode not in MODES:
        raise ValueError(f"isolation must be one of {', '.join(MODES)}, not {mode!r}")
    tool = bubblewrap() if mode != "off" else None
    if tool is None and mode != "off" and (other := unshare()) is not None:
        return Launch(
            _unshare_prefix(other, scratch), _clean(environment, scratch), ISOLATED_BY_UNSHARE
        )
    if tool is None:
        if mode == "strict":
            raise IsolationUnavailable(
                "--isolation strict: neither bubblewrap (bwrap) nor unshare may create "
                "namespaces here. Install bubblewrap (Debian/Ubuntu: apt-get install "
                "bubblewrap), allow unprivileged user namespaces, or use --isolation auto."
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
