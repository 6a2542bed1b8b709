"""Hostile input, as a course grader meets it: student files that forge their verdict,
exit, crash, hang, hog memory, spawn processes, or reach for the network and the disk.

Each case asserts the file's exit code, its message (clear, the user's doing, never "a
bug in netdoctor" nor a traceback), that no file in its folder changed, and that no
process it started survives the check. Cases run many to one `netdoctor check` batch,
which also shows that a hostile file never costs the other files their reports.
Signals to netdoctor itself are in test_hostile_signals.py.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hostile import (
    BUGGY,
    CHANNEL,
    CORRECT,
    DOUBLE_FORK,
    FORGED,
    Case,
    assert_case,
    batch,
    in_backward,
    prepare,
    returning,
    spawn,
)

from netdoctor import isolation

NOT_ISOLATED = "user code has network and file access"
ENDED = "the checked code ended the worker"
# The user's code, replacing netdoctor's or writing its answers: each must not turn the
# buggy network into exit 0. The verdict is the judge's, in a process the code cannot
# reach: patching netdoctor where the code runs changes no verdict; replacing what
# answers the judge, or writing into the channel, voids the check.
FRAME = "(16).to_bytes(8, 'little') + b'not our answer!!'"  # well framed, not our format
# This check's judges, as code without isolation can find them in /proc: the zygote, the
# other child of netdoctor (the supervisor's parent), and the judge it forked for the file
# (one file at a time: the only one).
JUDGES = (  # a process may end between listing /proc and reading it: no such pid, no judge
    "def parent(pid):\n"
    "    try:\n"
    "        return int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])\n"
    "    except OSError:\n"
    "        return -1\n"
    "def judge(pid):\n"
    "    try:\n"
    "        with open(f'/proc/{pid}/cmdline', 'rb') as cmdline:\n"
    "            return pid.isdigit() and b'netdoctor.judge' in cmdline.read()\n"
    "    except OSError:\n"
    "        return False\n"
    "def found():\n"
    "    netdoctor = parent(os.getppid())\n"
    "    zygotes = [int(p) for p in os.listdir('/proc') if judge(p) and parent(p) == netdoctor]\n"
    "    forked = [int(p) for p in os.listdir('/proc') if judge(p) and parent(p) in zygotes]\n"
    "    return zygotes + forked if forked else []\n"
    # the worker starts before its judge is forked: the code waits until the judge is there
    "import time\n"
    "for _ in range(400):\n"
    "    judges = found()\n"
    "    if judges:\n"
    "        break\n"
    "    time.sleep(0.025)\n"
)
VERDICT = [
    Case(
        "patch-report-to-dict",
        "import netdoctor.report as r\nr.Report.to_dict = lambda self: {}\n" + BUGGY,
        1,
        None,
        ["ND105"],
    ),
    Case(
        "patch-exit-code",
        "import netdoctor.report as r\nr.Report.exit_code = property(lambda self: 0)\n" + BUGGY,
        1,
        None,
        ["ND105"],
    ),
    Case(
        "patch-the-rules-away",
        "import netdoctor.engine as e\ne.run_rules = lambda evidence, notes: []\n" + BUGGY,
        1,
        None,
        ["ND105"],
    ),
    Case(
        "patch-what-answers-the-judge",
        "import netdoctor.remote as r\nr.trace_data = lambda trace: {}\n" + BUGGY,
        2,
        "tampered",
        ["replaced part of netdoctor", "netdoctor.remote.trace_data"],
    ),
    Case(
        "patch-json",
        "import json\njson.dumps = lambda *a, **k: " + repr(FORGED) + "\n" + BUGGY,
        2,
        "tampered",
        ["json.dumps"],
    ),
    Case(
        "atexit-writes-into-the-channel",
        f"import atexit, os\natexit.register(lambda: os.write({CHANNEL}, {FRAME}))\n" + BUGGY,
        1,  # the hook never runs: the worker leaves with os._exit
        None,
        ["ND105"],
    ),
    Case(
        "forged-report-into-the-channel-then-os-exit",
        f"import os\nos.write({CHANNEL}, {FORGED!r}.encode())\nos._exit(0)\n" + BUGGY,
        2,
        "forged-result",
        [ENDED, "not the ones netdoctor's worker writes"],
    ),
    Case(
        "garbage-into-the-channel-then-os-exit",
        f"import os\nos.write({CHANNEL}, b'\\x00garbage' * 1000)\nos._exit(0)\n" + BUGGY,
        2,
        None,  # read as a cut message (the worker ended) or as garbage: either is said
        [ENDED],
    ),
    Case(
        "garbage-into-the-channel-then-carries-on",
        f"import os\nos.write({CHANNEL}, {FRAME})\n" + BUGGY,
        2,
        "forged-result",
        [ENDED, "not the ones netdoctor's worker writes"],
    ),
    Case(
        "os-exit-zero",
        "import os\nos._exit(0)\n" + BUGGY,
        2,
        "user-exit",
        [ENDED, "os._exit()"],
    ),
    Case(
        "kills-itself",
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n" + BUGGY,
        2,
        "crashed",
        [ENDED, "SIGKILL"],
    ),
    Case(  # the worker still answers the judge: the verdict stands, said without a watchdog
        "kills-its-parent",
        "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n" + spawn(True) + BUGGY,
        1,
        None,
        ["ND105", "killed the process that watched it"],
    ),
    Case(
        "kills-its-process-group",
        "import os, signal\nos.killpg(0, signal.SIGKILL)\n" + BUGGY,
        2,
        "worker-ended",
        [ENDED],
    ),
    Case("correct-neighbour", CORRECT, 0),
    Case("buggy-neighbour", BUGGY, 1, None, ["ND105"]),
]

EXITS = [
    Case(
        "sys-exit-at-top",
        "import sys\nsys.exit(3)\n" + CORRECT,
        0,  # the definitions are still checked; the report says where the file exits
        None,
        ["your file called sys.exit(3) at line 2"],
    ),
    Case(
        "system-exit-in-backward",
        in_backward("raise SystemExit(3)"),
        2,
        None,
        ["sys.exit(3) at line 7"],
    ),
    Case(
        "os-exit-in-backward",
        "import os\n" + in_backward("os._exit(3)"),
        2,
        "user-exit",
        ["exit status 3", "os._exit()"],
    ),
    Case(
        "segfault",
        "import ctypes\nctypes.string_at(0)\n" + CORRECT,
        2,
        "crashed",
        [ENDED, "SIGSEGV", "segmentation fault"],
    ),
    Case(
        "recursion-in-backward",
        in_backward("return backprop(X, Y, input_size, hidden_size, W1, b1, W2, b2)"),
        2,
        "user-code-raised",
        ["RecursionError"],
    ),
    Case(  # the running worker's methods and the network's callables, found with gc
        "rewires-the-running-worker",
        "import gc\n"
        "for o in gc.get_objects():\n"
        "    if type(o).__name__ == '_Worker':\n"
        "        run = o.run\n"
        "        o.run = lambda subject, role, args, op, run=run: run(subject, role, args, op)\n"
        + BUGGY,
        2,
        "tampered",
        ["_Worker.run (on the running worker)"],
    ),
    Case(
        "raises-a-base-exception",
        "class Weird(BaseException):\n    pass\n\n"
        + in_backward("raise Weird('not an Exception')"),
        2,
        "user-code-raised",
        ["Weird: not an Exception"],
    ),
    Case(
        "closes-every-descriptor",
        "import os\nos.closerange(3, 1024)\n" + BUGGY,
        2,
        "worker-ended",
        ["could not go on answering", "os.closerange"],
    ),
    Case(  # netdoctor's own code in the worker needs the usual depth: said as the user's doing
        "lowers-the-recursion-limit",
        "import sys\nsys.setrecursionlimit(60)\n" + BUGGY,
        2,
        "tampered",
        ["sys.setrecursionlimit(60)", "lower Python's limits"],
    ),
    Case("empty-file", "", 2, "no-network", ["found no network"]),
    Case("comments-only", "# my network, coming soon\n", 2, "no-network", ["found no network"]),
    Case(
        "binary-file",
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
        2,
        None,
        ["net.py"],
    ),
    Case(
        "null-bytes",
        b"import numpy as np\n\x00\x00\n",
        2,
        "syntax-error",
        ["null bytes"],
    ),
    Case(
        "latin-1",
        "# r\u00e9seau de neurones\n".encode("latin-1") + CORRECT.encode(),
        2,
        "unreadable",
        ["not UTF-8"],
    ),
    Case(
        "shadow-modules",
        "import random, json\nfrom helpers import rate\n" + CORRECT.replace("0.5 *", "rate *"),
        0,
        files={
            name: "raise RuntimeError('the shadow module was imported')\n"
            for name in ("random.py", "json.py", "numpy.py", "netdoctor.py", "hmac.py")
        }
        | {"helpers.py": "rate = 0.5\n"},
    ),
    Case("returns-none", returning("None"), 2, "user-code-raised", ["TypeError", "line 27"]),
    Case("returns-a-string", returning("'dW1'"), 2, "user-code-raised", ["TypeError", "line 27"]),
    Case(
        "returns-wrong-shapes",
        returning('{"dW1": dW1[:1], "db1": db1, "dW2": dW2.T, "db2": db2}'),
        1,
        None,
        ["W1", "shape"],
    ),
    Case(
        "returns-complex",
        returning('{"dW1": dW1 + 0j, "db1": db1, "dW2": dW2, "db2": db2}'),
        0,
    ),
    Case(
        "returns-object-arrays",
        returning('{"dW1": dW1.astype(object), "db1": db1, "dW2": dW2, "db2": db2}'),
        0,
    ),
    Case(
        "huge-prints",
        "import os\nfor i in range(20_000):\n    print('x' * 5000)\n"
        "os.write(2, b'e' * 30_000_000)\n" + CORRECT,
        0,
    ),
    Case(
        "huge-stderr-then-crash",
        "import os, signal\n"
        "os.write(2, b'first line\\n' + b'e' * 30_000_000 + b'\\nlast line\\n')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n",
        2,
        "crashed",
        ["last line", "characters of output dropped"],
    ),
    Case(
        "huge-allocation",
        "import numpy as np\nhoard = np.ones(10**11)\n" + CORRECT,
        2,
        None,
        ["memory"],
    ),
]


def _run_group(tmp_path: Path, cases: list[Case], *options: str) -> None:
    prepared = [prepare(tmp_path, case) for case in cases]
    result, reports = batch(prepared, "--timeout", "40", *options)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert sorted(reports) == sorted(str(p.path) for p in prepared), result.stderr[-2000:]
    assert result.returncode == max(r["exit_code"] for r in reports.values())
    failures = []
    for item in prepared:
        try:
            assert_case(item, reports[str(item.path)])
        except AssertionError as error:
            failures.append(f"{item.case.name}: {error}")
    assert not failures, "\n".join(failures)


def test_user_code_cannot_set_its_own_verdict_and_the_batch_goes_on(tmp_path: Path) -> None:
    """Without isolation, where user code can reach everything of the worker's: patches,
    forged results, killed workers and parents are each that file's result only."""
    _run_group(tmp_path, VERDICT, "--isolation", "off")


JUDGE = [
    Case(  # without isolation the judge is visible: ending it voids the check, never passes it
        "kills-the-judge",
        f"import os, signal\n{JUDGES}\nfor pid in judges:\n    os.kill(pid, signal.SIGKILL)\n"
        + BUGGY,
        2,
        "worker-ended",
        ["gave no verdict"],
    ),
    Case(  # and what is written into its output (any of its pipes) carries no signature
        "writes-a-report-into-the-judges-pipes",
        f"import os\n{JUDGES}\nfor pid in judges:\n"
        f"    for fd in os.listdir(f'/proc/{{pid}}/fd'):\n"
        f"        try:\n"
        f"            os.write(os.open(f'/proc/{{pid}}/fd/{{fd}}', os.O_WRONLY | os.O_NONBLOCK), "
        f"{FORGED!r}.encode())\n"
        f"        except OSError:\n"
        f"            pass\n" + BUGGY,
        2,
        None,  # its output unsigned, or the worker's channel garbled: either is no verdict
        ["Checked code must not"],
    ),
]


def test_code_without_isolation_that_reaches_the_judge_gets_no_verdict(tmp_path: Path) -> None:
    """Without isolation, code running as the same user can find the judge: killing it or
    writing a report into its output leaves the file without a verdict, never exit 0.
    One file at a time, so the judge found is this file's."""
    _run_group(tmp_path, JUDGE, "--isolation", "off", "--jobs", "1")


def test_exits_crashes_odd_files_and_odd_answers(tmp_path: Path) -> None:
    _run_group(tmp_path, EXITS)


PROCESSES = [
    Case("spawns-a-child", spawn() + CORRECT, 0),
    Case("spawns-a-new-session", spawn(True) + CORRECT, 0),
    Case("double-forks-a-daemon", DOUBLE_FORK + CORRECT, 0),
    Case("spawns-in-backward", in_backward(spawn(True)), 0),
]
# Two of the three hangs wait instead of spinning: the limit is wall-clock time either way,
# and three spinning files, two at a time, kept both cores of a 2-core machine busy for the
# whole limit (twice, once per isolation mode) while the rest of the suite waited.
WAIT_FOREVER = "import time\nwhile True:\n    time.sleep(1)\n"
TIMEOUTS = [
    Case(
        "spawns-then-waits-at-definition",
        spawn(True) + DOUBLE_FORK + WAIT_FOREVER + CORRECT,
        2,
        "timeout",
        ["--timeout"],
    ),
    Case(
        "waits-in-a-class-body",
        "class Net:\n"
        + "".join("    " + line + "\n" for line in WAIT_FOREVER.splitlines())
        + CORRECT,
        2,
        "timeout",
        ["--timeout"],
    ),
    Case(
        "loops-in-backward-after-spawning",
        in_backward(spawn(True) + "while True:\n    pass"),
        2,
        "timeout",
        ["--timeout"],
    ),
]


@pytest.mark.parametrize("mode", ["off", "auto"])
def test_no_process_outlives_the_check(tmp_path: Path, mode: str, bwrap_or_off: None) -> None:
    """start_new_session and double forks leave the process group: the supervisor (a
    child subreaper) without isolation, the PID namespace with it, still end them."""
    cases = [Case(**{**c.__dict__, "name": f"{c.name}-{mode}"}) for c in PROCESSES]
    _run_group(tmp_path, cases, "--isolation", mode)


@pytest.mark.parametrize("mode", ["off", "auto"])
def test_the_time_limit_ends_the_whole_tree(tmp_path: Path, mode: str, bwrap_or_off: None) -> None:
    cases = [Case(**{**c.__dict__, "name": f"{c.name}-{mode}"}) for c in TIMEOUTS]
    prepared = [prepare(tmp_path, case) for case in cases]
    # all three at once: two of them wait, so one 4 s round instead of two
    result, reports = batch(prepared, "--timeout", "4", "--isolation", mode, jobs=len(prepared))
    assert result.returncode == 2, result.stderr[-2000:]
    for item in prepared:
        assert_case(item, reports[str(item.path)])


def test_memory_is_limited_for_the_whole_tree(tmp_path: Path) -> None:
    """Four processes of 250 MB each: none is over 700 MB (RLIMIT_AS holds), all together
    are; the supervisor's watchdog sums them and ends the tree."""
    hog = (
        "import os, subprocess, sys\n"
        "code = 'import numpy, sys, time; a = numpy.ones(31_250_000); "
        'sys.stdout.write("x"); sys.stdout.flush(); time.sleep(600)\'\n'
        "kids = [subprocess.Popen([sys.executable, '-c', code, '{marker}'], "
        "stdout=subprocess.PIPE) for _ in range(4)]\n"
        "for kid in kids:\n    kid.stdout.read(1)\n"
        "import time\ntime.sleep(600)\n"
    )
    prepared = [prepare(tmp_path, Case("tree-hog", hog + CORRECT, 2, "out-of-memory"))]
    _, reports = batch(prepared, "--timeout", "60", "--memory-mb", "700")
    report = reports[str(prepared[0].path)]
    assert_case(prepared[0], report)
    assert "the processes it started held" in report["error"]["message"]


@pytest.fixture
def bwrap_or_off(request: pytest.FixtureRequest) -> None:
    """Isolated cases need bubblewrap: skipped with the reason where it cannot run, a
    failure when NETDOCTOR_REQUIRE_ISOLATION=1 (as in tests/test_isolation.py)."""
    mode = request.node.callspec.params.get("mode", "auto")
    if mode == "off" or isolation.bubblewrap() is not None:
        return
    if os.environ.get("NETDOCTOR_REQUIRE_ISOLATION") == "1":
        pytest.fail("bubblewrap is required (NETDOCTOR_REQUIRE_ISOLATION=1) but cannot run")
    pytest.skip("bubblewrap (bwrap) is not installed or may not create namespaces here")


@pytest.mark.parametrize("mode", ["off", "auto"])
def test_the_disk_the_network_and_the_graders_secrets(
    tmp_path: Path, mode: str, bwrap_or_off: None
) -> None:
    """Isolated: nothing written outside the scratch folder, no connection, no secret.
    Without isolation these are not prevented, and the report says so."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "planted.txt"
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.5)
        port = server.getsockname()[1]
        cases = [
            Case(
                f"writes-outside-{mode}",
                f"try:\n    open({str(target)!r}, 'w').write('x')\n"
                "except OSError as error:\n    print(error)\n" + CORRECT,
                0,
            ),
            Case(
                f"connects-{mode}",
                "import socket\ntry:\n"
                f"    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'x')\n"
                "except OSError:\n    pass\n" + CORRECT,
                0,
            ),
            Case(
                f"reads-secrets-{mode}",
                "import os\nassert 'GRADER_TOKEN' not in os.environ, 'leaked'\n" + CORRECT,
                0,
                None,
                [] if mode == "auto" else ["AssertionError at line 2", "leaked"],
            ),
            Case(
                f"writes-its-folder-{mode}",
                "try:\n    open('weights.txt', 'w').write('0.5')\n"
                "except OSError:\n    pass\n" + CORRECT,
                0,
            ),
        ]
        if mode == "off":
            cases.pop()  # without isolation the user's own folder is the user's to write
        prepared = [prepare(tmp_path, case) for case in cases]
        _, reports = batch(
            prepared, "--timeout", "40", "--isolation", mode, env={"GRADER_TOKEN": "secret"}
        )
        connected = _accepted(server)
    for item in prepared:
        report = reports[str(item.path)]
        assert_case(item, report)
        expected = isolation.ISOLATED if mode == "auto" else isolation.NOT_ISOLATED
        assert report["isolation"] == expected
    if mode == "auto":
        assert not target.exists() and not connected
    else:
        assert NOT_ISOLATED in isolation.NOT_ISOLATED
        assert target.exists() and connected  # what "ran without isolation" means


def _accepted(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except TimeoutError:
        return False
    connection.close()
    return True


def test_a_hostile_file_in_a_batch_costs_the_others_nothing(tmp_path: Path) -> None:
    """One file kills its worker, one garbles its result, one hangs: the other files'
    reports all arrive, right, and the batch's exit code is the worst."""
    cases = [
        Case("first-correct", CORRECT, 0),
        Case("kills-worker", "import os\nos.kill(os.getpid(), 9)\n", 2, "crashed", [ENDED]),
        Case("second-buggy", BUGGY, 1, None, ["ND105"]),
        Case(
            "garbles-result",
            f"import os\nos.write({CHANNEL}, {FRAME})\nos._exit(0)\n",
            2,
            "forged-result",
            [ENDED],
        ),
        Case("third-correct", CORRECT, 0),
    ]
    _run_group(tmp_path, cases)
