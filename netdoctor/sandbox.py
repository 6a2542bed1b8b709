"""Run a check in a child process with time and memory limits: user code cannot hang,
crash or fool us.

The chain is netdoctor -> supervisor (`supervisor.py`: its own session, the reaper of
every process below it, the tree's memory watchdog) -> [bubblewrap ->] worker. Where
bubblewrap runs (`isolation.py`) the worker is also in its own PID, network and mount
view, with files read-only. When the check ends, for any reason, the supervisor kills
everything below it, and what is left in its process group is killed too.

The worker's standard output is discarded; its standard error is kept head and tail
(`capture.py`), as a clue when it dies. The result comes back as a signed JSON file
(`outcome.py` checks the signature): a forged, missing or garbled one is that file's
result, never a crash of the batch.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from netdoctor.capture import bounded_bytes
from netdoctor.isolation import IsolationUnavailable, launch
from netdoctor.judges import JudgeHandle, start_judge, warm_judges
from netdoctor.options import CheckOptions
from netdoctor.outcome import Ended, ended_report, read_result
from netdoctor.proctree import TREE_VARIABLE, become_subreaper, end_escaped, kill_tree
from netdoctor.report import Report
from netdoctor.version import __version__

# One BLAS thread: deterministic sums and no oversubscription when files run in parallel.
# No bytecode caches: a check never leaves a __pycache__ in the user's folder.
_CHILD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
}
STDERR_HEAD, STDERR_TAIL = 2000, 4000  # bytes of the worker's standard error kept
GRACE_SECONDS = 5.0  # for the supervisor to end the tree after SIGTERM
LEAVING_SECONDS = 0.5  # for a worker whose judge is done to leave by itself


WATCHDOG_KILLED = (
    "your code killed the process that watched it (os.kill(os.getppid(), ...)): the verdict "
    "is netdoctor's, computed outside your code, but the memory limit on the processes your "
    "code started did not hold after that"
)


class Stopped(Exception):
    """netdoctor was told to stop (SIGTERM, or Ctrl-C during a batch): the check in
    progress was ended, with every process it started, and has no result."""


def check_in_child(
    path: str,
    options: CheckOptions,
    show_progress: bool = False,
    cancel: threading.Event | None = None,
    partial_on_interrupt: bool = True,
) -> Report:
    """Check one file in a child process; a timeout or a crash is a Report, not an exception.

    With `show_progress`, a progress bar of the recorded training appears on standard
    error once the check has taken a second. With `partial_on_interrupt`, the first
    Ctrl-C asks the child to stop the recording and report what it has (the partial
    record); a second one stops everything. `cancel`, once set, ends the check: Stopped.
    """
    with tempfile.TemporaryDirectory(prefix="netdoctor-") as scratch:
        progress = Path(scratch) / "progress"
        resolved = str(Path(path).resolve())  # the worker runs in the file's folder
        _catch_escapes()
        token = secrets.token_hex(8)
        base = {**os.environ, **_CHILD_ENV}
        base["PYTHONPATH"] = os.pathsep.join(
            [str(Path(__file__).resolve().parent.parent), base.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep)
        folder = str(Path(path).resolve().parent) if Path(path).exists() else None
        warm_judges(_python("netdoctor.judge"), base)
        try:
            started = launch(options.isolation, scratch, folder, {**base, TREE_VARIABLE: token})
        except IsolationUnavailable as error:
            return _report(Report.not_checked(path, "isolation-unavailable", str(error)))
        start: dict[str, object] = {
            "path": path,
            "resolved": resolved,
            "seed": options.seed,
            "memory_mb": options.memory_mb,
            "discover": options.discovery().to_dict(),
        }
        if started.isolated:  # read-only files: the code's writes go here
            start.update(shadow=str(Path(scratch) / "shadow"), writable=[scratch])
        key = secrets.token_hex(32)
        request = {
            "path": path,
            "resolved": resolved,
            "options": options.to_dict(),
            "progress": str(progress),
            "key": key,
        }
        judge, process = _start(started.prefix, started.environment, base, folder, request, start)
        streams = _Streams(process)
        state = "done"
        try:
            state = _wait(judge, options.timeout, progress, show_progress, cancel)
        except KeyboardInterrupt:
            if not partial_on_interrupt:
                raise
            state = _interrupt(process, judge)
        finally:
            if state == "done" and judge.says_ended():  # how the worker ended is the result
                _settle(process)
            elif state == "done":  # the judge closed the channel: the worker is leaving
                _settle(process, LEAVING_SECONDS)
            _end(process)  # what the user's code started ends with the check
            judge.end()
            streams.join()
            if not streams.status():  # the supervisor did not report: the code killed it
                end_escaped(token)  # what escaped it came back to us: ended here
        if state == "cancelled":
            raise Stopped(path)
        if state == "timeout":
            return _report(
                Report.not_checked(
                    path,
                    "timeout",
                    f"{path}: checking took longer than {options.timeout:g} s and was stopped, "
                    "with every process it started. Your file runs as `python FILE` until its "
                    "first training step: it probably loops for a long time or forever before "
                    "that step (loading or preparing data?), or in the step itself. Raise the "
                    "limit with --timeout SECONDS.",
                )
            )
        report, problem = read_result(judge.raw(), key.encode())
        if report is not None:
            report.isolation = started.isolation
            if not streams.status():
                report.notes.append(WATCHDOG_KILLED)
            return report
        ended = Ended(streams.status(), process.returncode, streams.stderr(), bool(started.prefix))
        report = ended_report(path, ended, problem or "missing", options.memory_mb)
        report.isolation = started.isolation
        return _report(report)


@functools.cache
def _catch_escapes() -> bool:
    """Once per process: netdoctor becomes the reaper of orphans below it, so a process
    whose supervisor the user's code killed comes back to netdoctor, which ends it."""
    return become_subreaper()


def _python(module: str) -> list[str]:
    """`python -m MODULE`, but without the working directory (the user's folder) first on
    sys.path: a `json.py`, `numpy.py` or `netdoctor.py` there must not replace the real
    one. The worker puts the folder back, last, for the user's own imports."""
    boot = (
        "import sys; del sys.path[0]; import runpy; "
        f"runpy.run_module({module!r}, run_name='__main__', alter_sys=True)"
    )
    return [sys.executable, "-c", boot]


def _start(
    prefix: list[str],
    environment: dict[str, str],
    judge_environment: dict[str, str],
    folder: str | None,
    request: dict[str, object],
    start: dict[str, object],
) -> tuple[JudgeHandle, subprocess.Popen[bytes]]:
    """The supervisor running the worker, then a judge, joined by two pipes (requests,
    answers). The worker starts first: its interpreter and imports run while the judge is
    forked (the zygote may still be importing); until the judge sends its first request
    the worker waits. The key goes to the judge alone."""
    requests_read, requests_write = os.pipe()
    answers_read, answers_write = os.pipe()
    try:
        channel = f"{requests_read},{answers_write}"
        worker = [
            *prefix,
            *_python("netdoctor.worker"),
            str(requests_read),
            str(answers_write),
            json.dumps(start),
        ]
        memory = str(request["options"].get("memory_mb") or 0)  # type: ignore[attr-defined]
        command = [*_python("netdoctor.supervisor"), memory, channel, "--"]
        process = subprocess.Popen(
            [*command, *worker],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=environment,
            start_new_session=True,
            pass_fds=(requests_read, answers_write),
        )
        try:
            judge = start_judge(
                request,
                (requests_write, answers_read),
                _python("netdoctor.judge"),
                judge_environment,
            )
        except BaseException:
            _end(process)
            raise
    finally:
        for fd in (requests_read, requests_write, answers_read, answers_write):
            os.close(fd)
    return judge, process


def _settle(process: subprocess.Popen[bytes], seconds: float = GRACE_SECONDS) -> None:
    """A worker that stopped answering has ended or is ending: give its supervisor a
    moment to see how, so the report can say it. After a verdict, a short one: the worker
    leaves by itself once the judge closes its channel, and a tree that ends by itself is
    reaped level by level, so its time and memory count in netdoctor's (what `time` and
    the benchmarks read); one ended by SIGKILL from the top loses what was not reaped."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        pass


class _Streams:
    """Read the supervisor's status line and the worker's standard error as they come, so
    neither pipe fills and blocks; of standard error only the head and the tail are kept."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None and process.stderr is not None
        self._status = b""
        self._head = b""
        self._tail = b""
        self._dropped = 0
        self._threads = [
            threading.Thread(target=self._read_status, args=(process.stdout,), daemon=True),
            threading.Thread(target=self._read_errors, args=(process.stderr,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read_status(self, pipe: IO[bytes]) -> None:
        with pipe:
            while chunk := pipe.read(4096):
                self._status = (self._status + chunk)[:65536]

    def _read_errors(self, pipe: IO[bytes]) -> None:
        with pipe:
            while chunk := pipe.read1(65536):  # type: ignore[attr-defined]
                room = STDERR_HEAD - len(self._head)
                if room > 0:
                    self._head += chunk[:room]
                    chunk = chunk[room:]
                joined = self._tail + chunk
                if len(joined) > STDERR_TAIL:
                    self._dropped += len(joined) - STDERR_TAIL
                    joined = joined[-STDERR_TAIL:]
                self._tail = joined

    def join(self) -> None:
        """A process that escaped every kill could hold a pipe open: do not wait forever."""
        for thread in self._threads:
            thread.join(timeout=2.0)

    def status(self) -> dict[str, object]:
        try:
            status = json.loads(self._status.decode().strip().splitlines()[0])
        except (ValueError, IndexError):
            return {}
        return status if isinstance(status, dict) else {}

    def stderr(self) -> str:
        return bounded_bytes(self._head, self._tail, self._dropped)


def _wait(
    judge: JudgeHandle,
    timeout: float,
    progress: Path,
    show_progress: bool,
    cancel: threading.Event | None,
) -> str:
    """Wait for the judge: "done", "timeout" or "cancelled". Shows progress when asked."""
    started = time.monotonic()
    bar = None
    try:
        while True:
            if judge.wait(timeout=0.1):
                return "done"
            if cancel is not None and cancel.is_set():
                return "cancelled"
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                return "timeout"
            if show_progress and elapsed > 1.0:
                bar = bar or _ProgressBar()
                bar.update(progress)
    finally:
        if bar is not None:
            bar.close()


def _interrupt(process: subprocess.Popen[bytes], judge: JudgeHandle) -> str:
    """First Ctrl-C: ask the worker to stop recording and report; the judge gets 15 s to
    finish.

    Not to the supervisor, nor to bubblewrap or unshare, which would die of SIGINT and
    take the worker with it: the signal goes to the rest of the group only."""
    for pid in _group_members(process.pid):
        if pid != process.pid and _command_name(pid) not in ("bwrap", "unshare"):
            try:
                os.kill(pid, signal.SIGINT)
            except (ProcessLookupError, PermissionError):
                continue
    try:
        if judge.wait(timeout=15):
            return "done"
    except KeyboardInterrupt:
        pass
    _end(process)
    judge.end()
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


def _command_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


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


def _end(process: subprocess.Popen[bytes]) -> None:
    """End the check's whole tree. The supervisor, asked with SIGTERM, kills every process
    below it (those in other sessions too) and exits. If it does not within the grace
    period, or the user's code killed it, its tree and its process group are killed here."""
    if process.poll() is None:
        try:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=GRACE_SECONDS)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    if process.poll() is None:
        kill_tree(process.pid)
        process.kill()
    try:  # the group outlives its leader while members remain, so its id is not reused
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _report(report: Report) -> Report:
    report.version = __version__
    return report
