"""Child-process entry point: `python -m netdoctor.worker REQUEST RESULT`.

Reads the request (file and options) as JSON, runs the check, writes the Report as JSON.
Anything netdoctor itself gets wrong becomes an "internal-error" report (exit 2), never a
traceback on the user's screen. The user's prints go nowhere.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any


def main(argv: list[str]) -> int:
    request_path, result_path = argv[1], argv[2]
    with open(request_path, encoding="utf-8") as handle:
        request = json.load(handle)
    from netdoctor.engine import check_file
    from netdoctor.options import CheckOptions
    from netdoctor.report import Report

    path = request["path"]
    _limit_memory(request["options"].get("memory_mb"))
    from netdoctor.progress import set_progress_file

    set_progress_file(request.get("progress"))
    try:
        report = check_file(
            request.get("resolved", path), CheckOptions.from_dict(request["options"]), path
        )
    except KeyboardInterrupt:
        report = Report.not_checked(
            path, "interrupted", f"{path}: the check was interrupted (Ctrl-C) before it finished."
        )
    except SystemExit as error:
        report = _user_exit(path, request.get("resolved", path), error)
    except BaseException as error:
        report = Report.not_checked(
            path,
            "internal-error",
            f"netdoctor failed while checking {path}: {type(error).__name__}: {error}. "
            "This is a bug in netdoctor; please report it with the file.",
            traceback=traceback.format_exc(limit=8),
        )
        from netdoctor.version import __version__

        report.version = __version__
    with open(result_path, "w", encoding="utf-8") as handle:
        handle.write(report.to_json())
    return 0


def _user_exit(path: str, resolved: str, error: SystemExit) -> Any:
    """The user's code called sys.exit() while netdoctor ran it (in a training step it
    calls again): the user's doing, said as such, with the line."""
    from netdoctor.discover.common import user_frames
    from netdoctor.report import Report

    frames = user_frames(error, resolved)
    line = frames[-1][0] if frames else None
    where = f" at line {line}" if line else ""
    return Report.not_checked(
        path,
        "user-exit",
        f"{path}: your code called sys.exit({error.code!r}){where} while netdoctor ran your "
        "training step. netdoctor runs the step again at other weights; move the exit after "
        'the training loop (or under `if __name__ == "__main__":` after training).',
        line=line,
    )


def _limit_memory(megabytes: int | None) -> None:
    """Cap the child's address space, so a memory hog gets MemoryError, not the machine."""
    if not megabytes:
        return
    try:
        import resource

        limit = int(megabytes) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the timeout still holds
        pass


if __name__ == "__main__":
    sys.exit(main(sys.argv))
