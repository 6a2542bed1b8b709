"""Checks run in a forked copy of the test process, as `netdoctor check` runs each file in
a fresh worker.

A check run in the test process itself runs the user's program there: its classes, its
`np.seterr`, its module-level state and whatever it changed stay for the next program the
same test worker checks. A correct program once got four false ND100 in the full suite,
never alone. A fork starts each check from the state before any program ran, for a few
milliseconds: what a check imports is imported here once (`_import_what_checks_import`),
not again in every fork.
"""

from __future__ import annotations

import gc
import os
import pickle
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _import_what_checks_import() -> None:
    """The modules a check imports on first use (discovery, the rules) and pyplot, which
    most programs import and a check then puts on the Agg backend, as the worker does.
    Imported in each fork instead, they were two thirds of a short check's time there."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot

    import netdoctor.discover.find
    import netdoctor.engine  # noqa: F401
    from netdoctor.rules import all_rules

    all_rules()


_import_what_checks_import()


def in_fork(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`function(*args, **kwargs)` in a forked child; its result or its exception here."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, then leave without running the parent's cleanup
        os.close(read_end)
        # The test process's objects (every collected test, the modules' trees) are never
        # garbage here: frozen, the collector no longer walks them at each of the check's
        # collections, which had made a check in a test twice as slow as on its own.
        gc.freeze()
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
