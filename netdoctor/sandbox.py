"""Run a check in a child process with a time limit: user code cannot hang or crash us.

The child is its own process group, so a timeout kills everything the user's code
started; where bubblewrap runs (`isolation.py`) it is also in its own PID, network and
mount view, with files read-only. Its standard output and error are discarded (they are
the user's prints); the result comes back as JSON in a temporary file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netdoctor.isolation import IsolationUnavailable, launch
from netdoctor.options import CheckOptions
from netdoctor.report import Report
from netdoctor.version import __version__

# One BLAS thread: deterministic sums and no oversubscription when files run in parallel.
_CHILD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
}


def check_in_child(path: str, options: CheckOptions, show_progress: bool = False) -> Report:
    """Check one file in a child process; a timeout or a crash is a Report, not an exception.

    With `show_progress`, a progress bar of the recorded training appears on standard
    error once the check has taken a second. The first Ctrl-C asks the child to stop the
    recording and report what it has (the partial record); a second one stops everything.
    """
    with tempfile.TemporaryDirectory(prefix="netdoctor-") as scratch:
        request = Path(scratch) / "request.json"
        result = Path(scratch) / "result.json"
        progress = Path(scratch) / "progress"
        errors = Path(scratch) / "stderr"
        resolved = str(Path(path).resolve())  # the child runs in the file's folder
        request.write_text(
            json.dumps(
                {
                    "path": path,
                    "resolved": resolved,
                    "options": options.to_dict(),
                    "progress": str(progress),
                }
            )
        )
        env = {**os.environ, **_CHILD_ENV}
        env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep)
        folder = str(Path(path).resolve().parent) if Path(path).exists() else None
        try:
            started = launch(options.isolation, scratch, folder, env)
        except IsolationUnavailable as error:
            return _report(Report.not_checked(path, "isolation-unavailable", str(error)))
        command = [
            *started.prefix,
            sys.executable,
            "-m",
            "netdoctor.worker",
            str(request),
            str(result),
        ]
        with errors.open("wb") as error_sink:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=error_sink,  # a file, not a pipe: user warnings cannot fill it and block
                cwd=folder,
                env=started.environment,
                start_new_session=True,
            )
            try:
                finished = _wait(process, options.timeout, progress, show_progress)
            except KeyboardInterrupt:
                finished = _interrupt(process, bool(started.prefix))
            finally:
                _kill_group(process)  # what the user's code started ends with the check
        if not finished:
            return _report(
                Report.not_checked(
                    path,
                    "timeout",
                    f"{path}: checking took longer than {options.timeout:g} s and was stopped. "
                    "Your file runs as `python FILE` until its first training step: it "
                    "probably loops for a long time or forever before that step (loading or "
                    "preparing data?). Raise the limit with --timeout SECONDS.",
                )
            )
        if result.exists() and result.stat().st_size > 0:
            report = Report.from_dict(json.loads(result.read_text()))
            report.isolation = started.isolation
            return report
        stderr = errors.read_bytes() if errors.exists() else b""
        tail = stderr.decode(errors="replace").strip().splitlines()[-5:]
        if process.returncode is not None and process.returncode >= 0:
            # Exited without a result: os._exit() in the user's code (netdoctor's worker
            # always writes one), or a C extension calling exit().
            return _report(
                Report.not_checked(
                    path,
                    "user-exit",
                    f"{path}: your code ended the process running it (exit status "
                    f"{process.returncode}) before the check finished: os._exit() or exit() "
                    "from a C extension stops netdoctor with it. Remove it from the code that "
                    "runs up to the first training step and from the step itself."
                    + (" Last output: " + " / ".join(tail) if tail else ""),
                )
            )
        return _report(
            Report.not_checked(
                path,
                "crashed",
                f"{path}: the process running your code died (signal {-process.returncode})"
                + (": " + " / ".join(tail) if tail else "")
                + ". It may have run out of memory or crashed in a C extension.",
            )
        )


def _wait(
    process: subprocess.Popen[bytes], timeout: float, progress: Path, show_progress: bool
) -> bool:
    """Wait for the child; False when the time limit passed. Shows progress when asked."""
    started = time.monotonic()
    bar = None
    try:
        while True:
            try:
                process.wait(timeout=0.1)
                return True
            except subprocess.TimeoutExpired:
                pass
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                return False
            if show_progress and elapsed > 1.0:
                bar = bar or _ProgressBar()
                bar.update(progress)
    finally:
        if bar is not None:
            bar.close()


def _interrupt(process: subprocess.Popen[bytes], isolated: bool = False) -> bool:
    """First Ctrl-C: ask the child to stop recording and report; it gets 15 s to do so.

    Isolated, the group's leader is bubblewrap, which would die of SIGINT and take the
    worker with it: the signal goes to the rest of the group only."""
    try:
        if isolated:
            for pid in _group_members(process.pid):
                if pid != process.pid:
                    os.kill(pid, signal.SIGINT)
        else:
            os.killpg(process.pid, signal.SIGINT)
    except (ProcessLookupError, PermissionError):
        return True
    try:
        process.wait(timeout=15)
        return True
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        _kill_group(process)
        raise KeyboardInterrupt from None


def _group_members(group: int) -> list[int]:
    """Processes of a process group, from /proc (Linux, where bubblewrap runs)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    members.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return members


class _ProgressBar:
    """The recorded training's progress on standard error (rich; plain when not a TTY)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("recording your training"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} steps"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("training", total=None)
        self.progress.start()

    def update(self, path: Path) -> None:
        try:
            done, total = (int(v) for v in path.read_text().split())
        except (OSError, ValueError):
            return
        self.progress.update(self.task, completed=done, total=total)

    def close(self) -> None:
        self.progress.stop()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """End the worker's whole process group: the worker, and any process the user's code
    started (`subprocess.Popen` in the file) that would otherwise outlive the check."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def _report(report: Report) -> Report:
    report.version = __version__
    return report
