"""The process that runs user code: `python -m netdoctor.worker REQUESTS_FD ANSWERS_FD START`.

It only runs the user's code and answers with numbers; it decides nothing. START (JSON)
says how to start: the file, the seed, the memory limit, the sandbox's shadow folder, and
what discovery is told, so that it follows the file's run while the judge starts. The
judge (`judge.py`, a process user code cannot reach) sends requests over a pipe:
"discover" (follow the
file's run and find the network: the Subject's data comes back), "call" (one of the
Subject's callables on given parameter values: the user's gradients, forward pass or
loss), "trace" (the same run traced line by line), "guard" (did the code replace part of
netdoctor here?). What user code does to this process (patching netdoctor, forging
answers, exiting) can change the numbers the judge gets, never how it judges them.

The user's prints go to a bounded sink. The user's `sys.exit()`, Ctrl-C and exceptions
travel back as answers; the process leaves with `os._exit` when the judge closes the
channel, so no `atexit` hook or finalizer of the user's runs after the check.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sys
import time
import warnings
from types import FrameType
from typing import Any

from netdoctor import guard, wire
from netdoctor.capture import BoundedOutput
from netdoctor.discover import DiscoverOptions, UserCodeError, discover_file
from netdoctor.discover.quiet import no_prompts
from netdoctor.floats import _STATE, all_finite
from netdoctor.proctree import CANNOT_ANSWER, limit_address_space
from netdoctor.record import gradient_step
from netdoctor.remote import ROLES, changed_fields, error_data, subject_data, trace_data
from netdoctor.subject import ClaimedGradients, Subject

REQUEST_LIMIT = 1 << 34  # the judge is trusted: its requests are as large as the data
# Training steps run ahead of the judge in batches of at most this many, or this long:
# what the judge does not use when the recording stops is a batch of the user's steps.
BATCH_STEPS = 64
BATCH_SECONDS = 0.05


class _Worker:
    def __init__(self, requests: int, answers: int, start: dict[str, Any]) -> None:
        self.requests, self.answers = requests, answers
        self.path = str(start["resolved"])
        self.seed = int(start.get("seed", 0))
        self.subjects: list[Subject] = []
        self.shipped: list[dict[str, Any]] = []
        self.interrupted = False
        self.running = False
        self.cursor: tuple[int, dict[str, Any], float] | None = None  # training steps' state
        self.early: tuple[dict[str, Any], dict[str, Any]] | None = None  # discovered ahead
        self.before: guard.Fingerprint = {}
        self.recursion_limit = sys.getrecursionlimit()
        # each Subject as discovery made it, with its callables: what answers the judge
        self.registered: list[tuple[Subject, dict[str, Any]]] = []

    def begin(self, options: dict[str, Any]) -> None:
        """Before any user code runs: netdoctor's fingerprint (its prompts silenced), the
        Ctrl-C handler; then the discovery the judge is about to ask for, run while the
        judge starts (its answer waits for the request)."""
        self.before = guard.fingerprint(sys.modules[__name__])
        self.recursion_limit = sys.getrecursionlimit()
        signal.signal(signal.SIGINT, self._on_interrupt)
        request = {"op": "discover", "options": options}
        self.early = (options, self.answer(dict(request, options=dict(options))))

    def serve(self) -> None:
        while True:
            try:
                request = wire.decode(wire.receive(self.requests, REQUEST_LIMIT))
            except (wire.Closed, wire.Malformed):
                return
            answer = self.answer(request)
            try:
                message = wire.encode(answer)
            except BaseException as error:  # a user value that will not encode
                message = wire.encode({"raised": error_data(error, self.path)})
            wire.send(self.answers, message)

    def _on_interrupt(self, signum: int, frame: FrameType | None) -> None:
        """Ctrl-C (the first one asks for the partial record): in the user's code, as
        there; between calls, the next call is interrupted."""
        if self.running:
            raise KeyboardInterrupt
        self.interrupted = True

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        self.running = True
        try:
            return self._answer(request)
        finally:
            self.running = False

    def _answer(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        if op == "guard":
            return {"value": self.replaced()}
        if self.interrupted and op in ("call", "trace", "steps", "continue"):
            self.interrupted = False
            return {"raised": error_data(KeyboardInterrupt())}
        try:
            if op == "discover":
                if self.early is not None and self.early[0] == request["options"]:
                    answer, self.early = self.early[1], None
                    return answer
                return {"value": self.discover(dict(request["options"]))}
            subject = self.subjects[int(request["subject"])]
            with _errstate(request):
                if op in ("steps", "continue"):
                    value = self.steps(request)
                else:
                    value = self.run(subject, str(request["role"]), list(request["args"]), op)
            return {"value": value, "changes": self.changes(int(request["subject"]))}
        except BaseException as error:  # every exit path is an answer
            if isinstance(error, KeyboardInterrupt):
                self.interrupted = False
            error = _as_users(error, self.path)
            answer: dict[str, Any] = {"raised": error_data(error, self.path)}
            if op in ("call", "trace", "steps", "continue"):
                answer["changes"] = self.changes(int(request["subject"]))
            return answer

    def discover(self, options: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        np.random.seed(self.seed)
        random.seed(self.seed)
        found = discover_file(self.path, DiscoverOptions.from_dict(options))
        self.subjects.append(found.subject)
        self.registered.append((found.subject, _callables(found.subject)))
        self.shipped.append({})
        self.changes(len(self.subjects) - 1)  # what is shipped now is the baseline
        rows = [(s.line, s.source, s.reason) for s in found.module.skipped]
        failed = [(s.line, s.source, s.reason) for s in found.module.failed]
        return {
            "number": len(self.subjects) - 1,
            "subject": subject_data(found.subject),
            "how": found.how,
            "loop_line": found.loop_line,
            "lines": found.module.lines,
            "skipped": rows,
            "failed": failed,
            "loops": found.later_loops(),
        }

    def run(self, subject: Subject, role: str, args: list[Any], op: str) -> Any:
        if op == "trace":
            return trace_data(subject.traced(role, *args))
        function = subject.role_callable(role)
        if function is None:
            raise LookupError(f"the network has no {role} to call")
        value = function(*args)
        if isinstance(value, ClaimedGradients):
            return [value.gradients, value.mutated]
        return value

    def steps(self, request: dict[str, Any]) -> tuple[list[tuple[str, Any]], bool]:
        """Training steps from the request's values ("steps") or from where the last
        batch stopped ("continue"), for up to BATCH_SECONDS: each step's claimed
        gradients, or what the user's code raised; and whether there are more to run."""
        if request["op"] == "steps":
            self.cursor = (int(request["subject"]), request["values"], float(request["rate"]))
        if self.cursor is None:
            return [], False
        number, values, rate = self.cursor
        subject = self.subjects[number]
        claim = subject.training_claimed or subject.claimed
        batch: list[tuple[str, Any]] = []
        began = time.monotonic()
        self.cursor = None
        while len(batch) < BATCH_STEPS:
            try:  # a copy: what the claim does to its arguments is not the next step's
                claimed = claim({k: _copy(v) for k, v in values.items()}).gradients
            except BaseException as error:
                batch.append(("raised", error_data(error, self.path)))
                return batch, False
            batch.append(("ok", claimed))
            try:
                values = gradient_step(subject, values, claimed, rate)
            except Exception:  # the judge meets it in the same update
                return batch, False
            if not all(all_finite(v) for v in values.values()):
                return batch, False
            if time.monotonic() - began > BATCH_SECONDS:
                break
        self.cursor = (number, values, rate)
        return batch, True

    def changes(self, number: int) -> dict[str, Any]:
        return changed_fields(self.subjects[number], self.shipped[number])

    def _rewired(self) -> list[str]:
        """What the user's code changed of this worker's own objects (found with `gc`):
        a method replaced on the instance, a Subject or its callables swapped."""
        found = [
            f"netdoctor.worker._Worker.{name} (on the running worker)"
            for name, value in vars(self).items()
            if callable(value)
        ]
        for number, (subject, marks) in enumerate(self.registered):
            if number >= len(self.subjects) or self.subjects[number] is not subject:
                found.append(f"the Subject netdoctor found (number {number})")
                continue
            now = _callables(subject)
            found += [
                f"Subject.{role} (on the network netdoctor found)"
                for role, mark in marks.items()
                if now[role] is not mark
            ]
        return found

    def replaced(self) -> list[str]:
        """What the user's code replaced of netdoctor (put back), and the interpreter's
        recursion limit if it lowered it (netdoctor's own code needs the usual depth)."""
        replaced = guard.changed(self.before, sys.modules[__name__])
        if replaced:
            guard.restore(self.before, replaced, sys.modules[__name__])
        replaced += self._rewired()
        if sys.getrecursionlimit() < self.recursion_limit:
            replaced.append(f"sys.setrecursionlimit({sys.getrecursionlimit()})")
            sys.setrecursionlimit(self.recursion_limit)
        return replaced


def _as_users(error: BaseException, path: str) -> BaseException:
    """A BaseException subclass of the user's own (not an exit, not Ctrl-C) raised by
    their code: the user's error, with their line, not a failure of netdoctor's."""
    if isinstance(error, Exception | SystemExit | KeyboardInterrupt | GeneratorExit):
        return error
    return UserCodeError(error, path, "your code")


def _callables(subject: Subject) -> dict[str, Any]:
    return {role: subject.role_callable(role) for role in ROLES} | {"tracer": subject.tracer}


def _copy(value: Any) -> Any:
    import numpy as np

    return value.copy() if isinstance(value, np.ndarray) else value


@contextlib.contextmanager
def _errstate(request: dict[str, Any]) -> Any:
    """The judge's floating-point settings, as the call would have met them in one process."""
    import numpy as np

    token = _STATE.set(str(request.get("overflow", "ignore")))
    try:
        with np.errstate(**dict(request.get("errstate") or {})):
            yield
    finally:
        _STATE.reset(token)


def main(argv: list[str]) -> int:
    requests, answers = int(argv[1]), int(argv[2])
    start = json.loads(argv[3])
    if start.get("shadow"):  # a read-only sandbox: the code's writes go to a shadow
        from netdoctor.shadow import install

        install(str(start["shadow"]), tuple(start.get("writable", ())))
    limit_address_space(start.get("memory_mb"))
    worker = _Worker(requests, answers, start)
    # The user's folder, for their own modules (`import helpers`): after netdoctor's and
    # the standard library's, never ahead of them.
    sys.path.append(os.path.dirname(worker.path))
    with (
        contextlib.redirect_stdout(BoundedOutput()),
        warnings.catch_warnings(),
        no_prompts(),
    ):
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            worker.begin(dict(start["discover"]))
            worker.serve()
        except BaseException:  # the channel broke, or the worker's own code: no answer left
            pass
    # No atexit hook or finalizer of the user's code runs after the check. The status is
    # read only when the judge has no verdict: then the channel ended under the worker.
    os._exit(CANNOT_ANSWER)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
