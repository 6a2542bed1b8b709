"""Run a check in a child process with a time limit: user code cannot hang or crash us.

The child is its own process group, so a timeout kills everything the user's code
started. Its standard output and error are discarded (they are the user's prints); the
result comes back as JSON in a temporary file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from netdoctor import __version__
from netdoctor.options import CheckOptions
from netdoctor.report import Report

# One BLAS thread: deterministic sums and no oversubscription when files run in parallel.
_CHILD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
}


def check_in_child(path: str, options: CheckOptions) -> Report:
    """Check one file in a child process; a timeout or a crash is a Report, not an exception."""
    with tempfile.TemporaryDirectory(prefix="netdoctor-") as scratch:
        request = Path(scratch) / "request.json"
        result = Path(scratch) / "result.json"
        resolved = str(Path(path).resolve())  # the child runs in the file's folder
        request.write_text(
            json.dumps({"path": path, "resolved": resolved, "options": options.to_dict()})
        )
        env = {**os.environ, **_CHILD_ENV}
        env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep)
        command = [sys.executable, "-m", "netdoctor.worker", str(request), str(result)]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=str(Path(path).resolve().parent) if Path(path).exists() else None,
            env=env,
            start_new_session=True,
        )
        try:
            _, stderr = process.communicate(timeout=options.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            return _report(
                Report.not_checked(
                    path,
                    "timeout",
                    f"{path}: checking took longer than {options.timeout:g} s and was stopped. "
                    "Your code probably loops for a long time or forever at import "
                    "(with --run-all every top-level statement runs). Remove --run-all, "
                    "or raise the limit with --timeout SECONDS.",
                )
            )
        except KeyboardInterrupt:
            _kill_group(process)
            raise
        if result.exists() and result.stat().st_size > 0:
            return Report.from_dict(json.loads(result.read_text()))
        tail = stderr.decode(errors="replace").strip().splitlines()[-5:]
        return _report(
            Report.not_checked(
                path,
                "crashed",
                f"{path}: the process running your code died (exit status {process.returncode})"
                + (": " + " / ".join(tail) if tail else "")
                + ". It may have run out of memory or crashed in a C extension.",
            )
        )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def _report(report: Report) -> Report:
    report.version = __version__
    return report
