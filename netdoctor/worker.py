"""Child-process entry point: `python -m netdoctor.worker REQUEST RESULT KEY_FD`.

Reads the request (file and options) as JSON, runs the check, writes the Report as JSON.
Anything netdoctor itself gets wrong becomes an "internal-error" report (exit 2), never a
traceback on the user's screen. The user's prints go nowhere.

The result is signed with a key the parent hands over a pipe, read before any user code
runs: a result file forged by user code (then `os._exit(0)`) carries no valid signature.
Once the result is written the worker leaves with `os._exit`, so no `atexit` hook or
finalizer of the user's runs after it. A check during which user code replaced part of
netdoctor (`guard.py`) is void, and said to be the user's doing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import sys
import traceback
from typing import Any

SIGNATURE = hashlib.sha256


def sign(key: bytes, body: bytes) -> bytes:
    """The first line of a result file: the body's HMAC, in hex."""
    return hmac.new(key, body, SIGNATURE).hexdigest().encode()


def main(argv: list[str]) -> int:
    request_path, result_path = argv[1], argv[2]
    key = _read_key(int(argv[3])) if len(argv) > 3 else b""
    with open(request_path, encoding="utf-8") as handle:
        request = json.load(handle)
    from netdoctor import guard
    from netdoctor.engine import check_file
    from netdoctor.options import CheckOptions
    from netdoctor.progress import set_progress_file
    from netdoctor.report import Report
    from netdoctor.rules import all_rules
    from netdoctor.version import __version__

    path = request["path"]
    if request.get("shadow"):  # a read-only sandbox: the code's writes go to a shadow
        from netdoctor.shadow import install

        install(request["shadow"], tuple(request.get("writable", ())))
    _limit_memory(request["options"].get("memory_mb"))
    set_progress_file(request.get("progress"))
    all_rules()  # every rule module imported, so the fingerprint covers them
    this = sys.modules[__name__]
    before = guard.fingerprint(this)
    # The user's folder, for their own modules (`import helpers`): after netdoctor's and
    # the standard library's, never ahead of them.
    sys.path.append(os.path.dirname(request.get("resolved", path)))
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
    except MemoryError:
        report = Report.not_checked(
            path,
            "out-of-memory",
            f"{path}: the check ran out of memory ({request['options'].get('memory_mb')} MB "
            "allowed per file). Raise the limit with --memory-mb, or look for an array that "
            "grows without bound.",
        )
    except BaseException as error:
        report = Report.not_checked(
            path,
            "internal-error",
            f"netdoctor failed while checking {path}: {type(error).__name__}: {error}. "
            "This is a bug in netdoctor; please report it with the file.",
            traceback=traceback.format_exc(limit=8),
        )
    replaced = guard.changed(before, this)
    if replaced:
        guard.restore(before, replaced, this)
        report = Report.not_checked(
            path,
            "tampered",
            f"{path}: your code replaced part of netdoctor while it ran "
            f"({', '.join(replaced[:5])}), so its verdict cannot be trusted. Checked code "
            "must not import or patch netdoctor.",
            replaced=replaced,
        )
    report.version = __version__
    _write_result(result_path, key, _serialize(report.to_dict()))
    os._exit(0)  # no atexit hook or finalizer of the user's code runs after the result


def _read_key(fd: int) -> bytes:
    """The signing key, from the pipe the parent wrote it into; the pipe is closed after."""
    try:
        with os.fdopen(fd, "rb") as pipe:
            return pipe.read(256).strip()
    except OSError:
        return b""


def _serialize(data: dict[str, Any]) -> bytes:
    """JSON of the report; a NaN or an infinity (the user's data) becomes null rather than
    a crash of the worker."""
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


def _write_result(result_path: str, key: bytes, body: bytes) -> None:
    """The signature line, then the body; replaced whole (written aside, then renamed)."""
    staging = result_path + ".part"
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, sign(key, body) + b"\n")
        view = memoryview(body)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(staging, result_path)


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
    """Cap the child's address space, so a memory hog gets MemoryError, not the machine.
    Per process: the supervisor watches the whole tree's resident memory."""
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
