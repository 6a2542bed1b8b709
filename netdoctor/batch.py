"""Check many files at once, each in its own child process, N at a time.

For course autograders: one file that crashes, hangs or eats memory becomes a report
saying so (the child's time and memory limits), and the others go on. Reports come back
in the order the files were given, whatever order they finish in.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from netdoctor.options import CheckOptions
from netdoctor.report import Report
from netdoctor.sandbox import check_in_child


def check_many(
    paths: Sequence[str],
    options: CheckOptions,
    jobs: int = 1,
    on_done: Callable[[Report], None] | None = None,
    show_progress: bool = False,
) -> list[Report]:
    """Reports for `paths`, in order; `jobs` child processes run at the same time.

    `show_progress` draws the training progress bar for a single file on a terminal.
    """
    if jobs <= 1 or len(paths) <= 1:
        reports = []
        progress = show_progress and len(paths) == 1 and sys.stderr.isatty()
        for path in paths:
            reports.append(check_in_child(path, options, show_progress=progress))
            if on_done is not None:
                on_done(reports[-1])
        return reports
    # Threads only wait on child processes, so the GIL is not the bottleneck.
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(check_in_child, path, options) for path in paths]
        reports = []
        for future in futures:
            reports.append(future.result())
            if on_done is not None:
                on_done(reports[-1])
    return reports
