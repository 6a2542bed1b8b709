"""The judges of this netdoctor process: one pre-started process forks a judge per file.

A judge never runs user code (`judge.py`), so it can be started once: the zygote imports
numpy and every check once, then forks a fresh judge for each file, which starts with
nothing of any other file's check (a fork copies the zygote's memory, not its siblings').
A batch pays one start of the checks' imports instead of one per file (issue 15, item 5).

netdoctor hands each judge its request and three file descriptors (the two ends of the
worker's channel it uses, the pipe for its signed result) over a Unix socket, and gets the
judge's pid back, to end it on a time limit. The result arrives on the pipe; its end of
file says the judge is done. A zygote that died (code without isolation can reach it) is
started again for the next file.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import threading


class JudgeHandle:
    """One file's judge: its pid, and its result as it arrives."""

    LIMIT = 1 << 30

    def __init__(self, pid: int, result_fd: int) -> None:
        self.pid = pid
        self._chunks: list[bytes] = []
        self._size = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(result_fd,), daemon=True)
        self._thread.start()

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as pipe:
            while chunk := pipe.read1(1 << 16):
                if self._size < self.LIMIT:
                    self._chunks.append(chunk)
                    self._size += len(chunk)
        self._done.set()

    def wait(self, timeout: float) -> bool:
        """Whether the judge is done (its result pipe closed) within `timeout` seconds."""
        return self._done.wait(timeout)

    def end(self) -> None:
        """Ended, if it is not done: a time limit, Ctrl-C, SIGTERM."""
        if not self._done.is_set():
            try:
                os.kill(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self._thread.join(timeout=2.0)

    def raw(self) -> bytes:
        return b"".join(self._chunks)

    def says_ended(self) -> bool:
        """Whether the result is the judge's note that the worker stopped answering."""
        return b'"ended"' in self.raw()[:400]


class _Zygote:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._socket: socket.socket | None = None

    def judge(
        self,
        request: dict[str, object],
        fds: list[int],
        command: list[str],
        environment: dict[str, str],
    ) -> int:
        """A new judge for `request`, handed `fds`; its pid."""
        message = json.dumps(request).encode()
        with self._lock:
            for _ in range(2):  # a zygote that died is started again, once
                if self._process is None or self._process.poll() is not None:
                    self._start(command, environment)
                assert self._socket is not None
                try:
                    socket.send_fds(self._socket, [message], fds)
                    answer = self._socket.recv(64)
                    if answer:
                        return int(answer)
                except (OSError, ValueError):
                    pass
                self._stop()
        raise RuntimeError("netdoctor's judge process could not be started")

    def warm(self, command: list[str], environment: dict[str, str]) -> None:
        """Started now, if it is not running, without waiting for it: its imports run
        while netdoctor starts the worker, which imports as much (issue 15, item 1)."""
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._start(command, environment)

    def _start(self, command: list[str], environment: dict[str, str]) -> None:
        self._stop()
        try:  # one message per request; a stream where the platform has no SEQPACKET (one
            # request at a time, small, answered before the next: no two run together)
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        except OSError:
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._process = subprocess.Popen(
                [*command, "--serve", str(theirs.fileno())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=environment,
                start_new_session=True,
                pass_fds=(theirs.fileno(),),
            )
        finally:
            theirs.close()
        self._socket = ours

    def _stop(self, grace: float = 0.0) -> None:
        """Ended: it leaves by itself once its socket closes; killed after `grace` s."""
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self._process is not None:
            try:
                self._process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def close(self) -> None:
        with self._lock:
            self._stop(grace=2.0)


ZYGOTE = _Zygote()
atexit.register(ZYGOTE.close)  # netdoctor leaves no process of its own behind


def warm_judges(command: list[str], environment: dict[str, str]) -> None:
    """The zygote started, if it is not, to import while the caller does other work."""
    ZYGOTE.warm(command, environment)


def start_judge(
    request: dict[str, object],
    channel: tuple[int, int],
    command: list[str],
    environment: dict[str, str],
) -> JudgeHandle:
    """A judge for one file, talking to its worker through `channel` (the requests' write
    end, the answers' read end)."""
    result_read, result_write = os.pipe()
    try:
        pid = ZYGOTE.judge(request, [*channel, result_write], command, environment)
    except BaseException:
        os.close(result_read)
        raise
    finally:
        os.close(result_write)
    return JudgeHandle(pid, result_read)
