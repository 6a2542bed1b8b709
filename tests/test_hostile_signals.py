"""SIGTERM and Ctrl-C to netdoctor during a batch: every worker ends, with every process
the checked files started; what finished is printed; one line says so; exit 130."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import CORRECT, Case, assert_case, digest, prepare, spawn, survivors

HANGS = spawn(True) + "while True:\n    pass\n" + CORRECT


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_every_worker_and_prints_what_finished(
    tmp_path: Path, sent: signal.Signals
) -> None:
    quick = prepare(tmp_path, Case("quick", CORRECT, 0))
    hanging = [prepare(tmp_path, Case(f"hangs-{i}", HANGS, 2)) for i in range(3)]
    command = [sys.executable, "-m", "netdoctor", "check", str(quick.path)]
    command += [str(p.path) for p in hanging]
    command += ["--format", "jsonl", "--jobs", "2", "--no-train", "--timeout", "300"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()  # the quick file's report, printed as it finished
    assert json.loads(first)["file"] == str(quick.path)
    _wait_for_sleepers(hanging[:1])  # the hanging file in progress has started its child
    started = time.monotonic()
    process.send_signal(sent)
    rest, errors = process.communicate(timeout=60)
    assert time.monotonic() - started < 30  # not the minute a batch used to ignore it for
    assert process.returncode == 130, errors
    assert rest == ""  # nothing more: the stopped files have no result
    lines = [line for line in errors.splitlines() if line.strip()]
    name = "SIGTERM" if sent == signal.SIGTERM else "Ctrl-C"
    assert lines == [
        f"netdoctor: interrupted ({name}): 1 of 4 files checked; the checks in progress "
        "were stopped with every process they started."
    ], errors
    for item in [quick, *hanging]:
        assert digest(item.path.parent) == item.digest
        assert not survivors(item.marker), item.case.name


def _wait_for_sleepers(prepared: list, seconds: float = 30.0) -> None:
    """Until each file's child runs (found by its marker), so the signal meets them."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(survivors(p.marker, grace=0) for p in prepared):
            return
        time.sleep(0.2)
    raise AssertionError("the hanging files never started their children")


def test_ctrl_c_on_one_file_asks_for_what_it_has_and_ends_its_tree(tmp_path: Path) -> None:
    """A single file keeps Ctrl-C for "stop and report what you have" (the partial
    training record, test_training): here, stopped before its first training step, the
    report says it was interrupted; the process it started is gone either way."""
    item = prepare(tmp_path, Case("single", HANGS, 2, "interrupted", ["interrupted (Ctrl-C)"]))
    command = [sys.executable, "-m", "netdoctor", "check", str(item.path), "--timeout", "300"]
    command += ["--format", "json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_sleepers([item])
    process.send_signal(signal.SIGINT)
    out, errors = process.communicate(timeout=60)
    assert process.returncode == 2, errors
    assert "Traceback" not in errors
    assert_case(item, json.loads(out))


def test_bad_options_are_refused_before_any_user_code_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    item = prepare(tmp_path, Case("options", f"open({str(marker)!r}, 'w')\n" + CORRECT, 2))
    existing = tmp_path / "report.txt"
    existing.write_text("keep me")
    for options, words in [
        (["--memory-mb", "100"], "--memory-mb 100 is too little"),
        (["--out", str(existing)], "is an existing file"),
        (["--seed", "-1"], "--seed"),
    ]:
        result = subprocess.run(
            [sys.executable, "-m", "netdoctor", "check", str(item.path), *options],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": "200"},
        )
        assert result.returncode == 2, (options, result.stderr)
        assert words in result.stderr, (options, result.stderr)
        assert "Traceback" not in result.stderr and "bug in netdoctor" not in result.stderr
    assert not marker.exists()
    assert existing.read_text() == "keep me"
    assert digest(item.path.parent) == item.digest
