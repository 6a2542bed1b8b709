"""Checks run in a forked copy of the test process, as `netdoctor check` runs each file in
a fresh worker.

A check run in the test process itself runs the user's program there: its classes, its
`np.seterr`, its module-level state and whatever it changed stay for the next program the
same test worker checks. A correct program once got four false ND100 in the full suite,
never alone. A fork starts each check from the state before any program ran, for a few
milliseconds (numpy and netdoctor are already imported).
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def in_fork(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`function(*args, **kwargs)` in a forked child; its result or its exception here."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, then leave without running the parent's cleanup
        os.close(read_end)
        try:
            try:
                answer: Any = ("value", function(*args, **kwargs))
            except BaseException as error:  # handed to the parent, raised there
                answer = ("error", error, traceback.format_exc())
            data = pickle.dumps(answer)
        except BaseException:
            data = pickle.dumps(("error", None, traceback.format_exc()))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise AssertionError(f"the forked check died without an answer (status {status})")
    answer = pickle.loads(data)
    if answer[0] == "value":
        return answer[1]
    if answer[1] is not None:
        raise answer[1]
    raise AssertionError(f"the forked check failed:\n{answer[2]}")
