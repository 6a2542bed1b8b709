"""The process that computes the verdict: `python -m netdoctor.judge --serve SOCKET_FD`.

It never runs, imports or unpickles user code. Started once (`judges.py`), it forks one
judge per file; each gets its request (the file, the options, the key that signs its
result) and three descriptors, drives the worker that runs the user's code (`worker.py`)
over a pair of pipes, and runs every check on what the worker answers: the truth, the
comparisons, the bug search, the rules, the report. Its one output is the signed report
on its result pipe, which only netdoctor reads; the worker has neither the key nor that
pipe.

When the worker stops answering (the user's code ended it, or it ran out of memory) or
answers with something our worker never writes, the output says so ({"ended": ...}) and
netdoctor words the file's result from how the worker's process tree ended.
"""

from __future__ import annotations

import json
import math
import os
import signal
import sys
import traceback
from collections import deque
from typing import Any

import numpy as np

from netdoctor import wire
from netdoctor.floats import _STATE
from netdoctor.proctree import limit_address_space
from netdoctor.remote import (
    RemoteDiscovery,
    RemoteModule,
    UserExit,
    apply_changes,
    rebuilt_error,
    remote_subject,
    statements,
)
from netdoctor.signing import sign


class WorkerEnded(BaseException):
    """The worker stopped answering, or answered with what it never writes. A
    BaseException: no check's `except Exception` may take it for the user's code raising."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


class Channel:
    """Requests to the worker and its answers; what a call changed of a Subject in the
    worker (a note, a learning rate) is done to the judge's copy. A request may be sent
    ahead (the next training steps, computed while the judge records the last ones): its
    answer is collected later, or dropped when another request comes first."""

    def __init__(self, requests: int, answers: int, limit: int) -> None:
        self.requests, self.answers, self.limit = requests, answers, limit
        self.subjects: dict[int, Any] = {}
        self.ahead: deque[dict[str, Any]] = deque()

    def send(self, request: dict[str, Any]) -> None:
        if request["op"] in ("call", "trace", "steps", "continue"):
            request["errstate"] = np.geterr()
            request["overflow"] = _STATE.get()
        try:
            wire.send(self.requests, wire.encode(request))
        except wire.Closed as error:
            raise WorkerEnded("closed", str(error)) from None

    def ask(self, request: dict[str, Any]) -> Any:
        self.drop_ahead()
        self.send(request)
        return self._answer(request)

    def ask_ahead(self, request: dict[str, Any]) -> None:
        self.send(request)
        self.ahead.append(request)

    def collect(self) -> Any:
        """The answer to the oldest request sent ahead."""
        return self._answer(self.ahead.popleft())

    def drop_ahead(self) -> None:
        while self.ahead:
            self.ahead.popleft()
            self._receive()

    def _receive(self) -> Any:
        try:
            answer = wire.decode(wire.receive(self.answers, self.limit))
        except wire.Closed as error:
            raise WorkerEnded("closed", str(error)) from None
        except wire.Malformed as error:
            raise WorkerEnded("malformed", str(error)) from None
        if not isinstance(answer, dict):
            raise WorkerEnded("malformed", f"an answer of type {type(answer).__name__}")
        return answer

    def _answer(self, request: dict[str, Any]) -> Any:
        answer = self._receive()
        subject = self.subjects.get(request.get("subject", -1))
        if subject is not None and isinstance(answer.get("changes"), dict):
            apply_changes(subject, answer["changes"])
        if "raised" in answer:
            raise rebuilt_error(dict(answer["raised"]))
        return answer.get("value")

    def discover(self, options: Any) -> RemoteDiscovery:
        found = self.ask({"op": "discover", "options": options.to_dict()})
        try:
            number = int(found["number"])
            subject = remote_subject(found["subject"], self, number)
            self.subjects[number] = subject
            others, same = found["loops"]
            return RemoteDiscovery(
                subject,
                RemoteModule(
                    [str(line) for line in found["lines"]],
                    statements(found["skipped"]),
                    statements(found["failed"]),
                ),
                str(found["how"]),
                found["loop_line"] if isinstance(found["loop_line"], int) else None,
                ([int(n) for n in others], [int(n) for n in same]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise WorkerEnded("malformed", f"{type(error).__name__}: {error}") from None


def judge(request: dict[str, Any], channel: Channel) -> dict[str, Any]:
    """The report of the check, as JSON data; or why the worker gave no answer."""
    from netdoctor.engine import check_found
    from netdoctor.options import CheckOptions
    from netdoctor.progress import set_progress_file
    from netdoctor.report import Report

    path, resolved = str(request["path"]), str(request["resolved"])
    options = CheckOptions.from_dict(request["options"])
    set_progress_file(request.get("progress"))
    try:
        report = check_found(resolved, options, channel.discover, path)
        report = _tampered(path, channel, strict=True) or report
    except WorkerEnded as ended:
        return {"ended": ended.reason, "detail": ended.detail}
    except KeyboardInterrupt:
        report = Report.not_checked(
            path, "interrupted", f"{path}: the check was interrupted (Ctrl-C) before it finished."
        )
    except SystemExit as error:
        report = _user_exit(path, error)
    except MemoryError:
        report = Report.not_checked(
            path,
            "out-of-memory",
            f"{path}: the check ran out of memory ({options.memory_mb} MB allowed per file). "
            "Raise the limit with --memory-mb, or look for an array that grows without bound.",
        )
    except BaseException as error:  # netdoctor's own failure, unless the user's code made it
        from_worker = getattr(error, "remote_traceback", None)
        tampered = _tampered(path, channel) if from_worker else None
        report = tampered or Report.not_checked(
            path,
            "internal-error",
            f"netdoctor failed while checking {path}: {type(error).__name__}: {error}. "
            "This is a bug in netdoctor; please report it with the file.",
            traceback=getattr(error, "remote_traceback", None) or traceback.format_exc(limit=8),
        )
    from netdoctor.version import __version__

    report.version = __version__
    return report.to_dict()


def _tampered(path: str, channel: Channel, strict: bool = False) -> Any:
    """The check void, when the user's code replaced part of netdoctor in the worker or
    changed the interpreter under it (the guard's answer); else None. With `strict`, a
    worker that cannot answer ends the check (WorkerEnded): no verdict without the guard."""
    from netdoctor.report import Report

    try:
        replaced = channel.ask({"op": "guard"})
    except (WorkerEnded, Exception):
        if strict:
            raise
        return None
    if not replaced:
        return None
    names = [str(name) for name in replaced][:5]
    return Report.not_checked(
        path,
        "tampered",
        f"{path}: your code replaced part of netdoctor, or changed the interpreter it runs "
        f"in, while it ran ({', '.join(names)}), so the numbers it gave cannot be trusted. "
        "Checked code must not import or patch netdoctor, or lower Python's limits.",
        replaced=names,
    )


def _user_exit(path: str, error: SystemExit) -> Any:
    """The user's code called sys.exit() while netdoctor ran it (in a training step it
    calls again): the user's doing, said as such, with the line."""
    from netdoctor.report import Report

    line = error.line if isinstance(error, UserExit) else None
    where = f" at line {line}" if line else ""
    return Report.not_checked(
        path,
        "user-exit",
        f"{path}: your code called sys.exit({error.code!r}){where} while netdoctor ran your "
        "training step. netdoctor runs the step again at other weights; move the exit after "
        'the training loop (or under `if __name__ == "__main__":` after training).',
        line=line,
    )


def serialize(data: dict[str, Any]) -> bytes:
    """JSON of the report; a NaN or an infinity (the user's data) becomes null."""
    try:
        return json.dumps(data, indent=2, allow_nan=False).encode()
    except ValueError:
        return json.dumps(_finite(data), indent=2, allow_nan=False).encode()


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def serve(socket_fd: int) -> None:
    """The zygote (`judges.py`): everything a check needs imported once, then one forked
    judge per request that netdoctor sends on the socket, with its three descriptors."""
    import socket

    import numpy  # noqa: F401 - imported here once, for every judge forked below

    from netdoctor.engine import check_found  # noqa: F401
    from netdoctor.rules import all_rules

    all_rules()
    # the judges are reaped as they end, and waited for, so that their time and memory
    # count in the zygote's and in netdoctor's (what `time` and the benchmarks read)
    signal.signal(signal.SIGCHLD, _reap)
    link = socket.socket(fileno=socket_fd)
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(link, 1 << 20, 3)
        except OSError:
            message, fds = b"", []
        if not message:  # netdoctor has gone: the last judges are waited for
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _reap(wait=True)
            os._exit(0)  # nothing to flush or close: no interpreter teardown to wait for
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            continue
        pid = os.fork()
        if pid == 0:
            link.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _judge_one(json.loads(message), *fds)
        for fd in fds:
            os.close(fd)
        link.sendall(str(pid).encode())


def _reap(*_: object, wait: bool = False) -> None:
    """Every judge that has ended (with `wait`, every judge, as they end)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, 0 if wait else os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _judge_one(request: dict[str, Any], requests: int, answers: int, result: int) -> None:
    """One file's judge, in a process of its own: the report, signed, on `result`."""
    try:
        key = str(request.pop("key")).encode()
        memory_mb = request["options"].get("memory_mb")
        channel = Channel(requests, answers, int(memory_mb or 4096) * 1024 * 1024)
        limit_address_space(memory_mb)
        body = serialize(judge(request, channel))
        with os.fdopen(result, "wb") as out:
            out.write(sign(key, body) + b"\n" + body)
    finally:
        os._exit(0)


def main(argv: list[str]) -> int:
    serve(int(argv[argv.index("--serve") + 1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
