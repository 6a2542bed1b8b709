"""Check many files at once, each in its own child process, N at a time.

For course autograders: one file that crashes, hangs, eats memory, kills its worker or
forges its result becomes a report saying so, and the others go on. Each report is
handed to `on_done` as soon as it and every file before it are finished (so a batch
prints as it goes, in the command line's order whatever --jobs is); the list returned is
in that order too.

Told to stop (SIGTERM, or Ctrl-C on a batch), every check in progress is ended with all
the processes it started, no new one starts, and `Interrupted` carries what finished.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from netdoctor.options import CheckOptions
from netdoctor.report import Report
from netdoctor.sandbox import Stopped, check_in_child

if TYPE_CHECKING:
    from concurrent.futures import Future


class Interrupted(Exception):
    """The batch was stopped; `finished` holds the reports of the files that were done."""

    def __init__(self, finished: list[Report], total: int, reason: str) -> None:
        super().__init__(reason)
        self.finished = finished
        self.total = total
        self.reason = reason


def check_many(
    paths: Sequence[str],
    options: CheckOptions,
    jobs: int = 1,
    on_done: Callable[[Report], None] | None = None,
    show_progress: bool = False,
) -> list[Report]:
    """Reports for `paths`, in order; `jobs` child processes run at the same time.

    `show_progress` draws the training progress bar for a single file on a terminal. A
    single file keeps the first Ctrl-C for "stop recording and report what you have".
    """
    single = len(paths) == 1
    progress = show_progress and single and sys.stderr.isatty()
    cancel = threading.Event()
    results: dict[int, Report] = {}
    flushed = [0]  # reports before this index were handed to on_done

    def flush(upto_gaps: bool = False) -> None:
        """Hand on finished reports in the command line's order, so the output is the same
        from run to run whatever --jobs is; when stopped, every finished one."""
        indices = sorted(i for i in results if i >= flushed[0])
        for index in indices:
            if index != flushed[0] and not upto_gaps:
                break
            # counted as handed on before it is: a Ctrl-C landing between the two
            # printed the report again when the stop handed on every finished one
            flushed[0] = index + 1
            if on_done is not None:
                on_done(results[index])

    def run(index: int) -> Report:
        if cancel.is_set():
            raise Stopped(paths[index])
        return check_in_child(
            paths[index], options, progress, cancel=cancel, partial_on_interrupt=single
        )

    def finished(index: int, report: Report) -> None:
        results[index] = report
        flush()

    if single:  # in this thread: a Ctrl-C reaches check_in_child (the partial record)
        try:
            finished(0, check_in_child(paths[0], options, progress))
        except (KeyboardInterrupt, Stopped) as error:
            raise Interrupted([], 1, _reason(error)) from None
        return [results[0]]
    # Only a batch needs the pool (concurrent.futures imports logging): a single file's
    # parent starts its worker without it.
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(paths))))
    pending: dict[Future[Report], int] = {}
    try:
        queue = list(range(len(paths)))
        while queue or pending:
            while queue and len(pending) < max(1, jobs):
                index = queue.pop(0)
                pending[pool.submit(run, index)] = index
            done, _ = wait(list(pending), timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                finished(pending.pop(future), future.result())
    except (KeyboardInterrupt, Stopped) as error:
        cancel.set()  # every check in progress ends its tree and raises Stopped
        pool.shutdown(wait=True, cancel_futures=True)
        for future, index in pending.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                results[index] = future.result()
        flush(upto_gaps=True)
        ordered = [results[i] for i in sorted(results)]
        raise Interrupted(ordered, len(paths), _reason(error)) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [results[i] for i in range(len(paths))]


def _reason(error: BaseException) -> str:
    return "SIGTERM" if isinstance(error, Stopped) else "Ctrl-C"
