"""User code runs isolated where bubblewrap, or else util-linux's unshare, can: no
network, read-only files, a clean environment; the report says how it ran. Each test runs
with each tool (unshare as the fallback it is: bubblewrap taken away). Where a tool
cannot run, its tests skip with the reason, unless NETDOCTOR_REQUIRE_ISOLATION=1 (set by
.ci/run) makes that a failure."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from netfiles import TRAINING, write

from netdoctor import isolation
from netdoctor.options import CheckOptions
from netdoctor.sandbox import check_in_child


@pytest.fixture(params=["bubblewrap", "unshare"])
def bwrap(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The isolation label a check gets with this tool (unshare: bubblewrap taken away)."""
    tool = request.param
    if tool == "unshare":
        monkeypatch.setattr(isolation, "bubblewrap", lambda: None)
    found = isolation.bubblewrap() if tool == "bubblewrap" else isolation.unshare()
    if found is None:
        # unshare is required where the machine makes its namespaces (then only our
        # read-only prelude can be what fails), not on one that refuses them outright
        possible = tool == "bubblewrap" or _namespaces_allowed()
        if os.environ.get("NETDOCTOR_REQUIRE_ISOLATION") == "1" and possible:
            pytest.fail(f"{tool} is required (NETDOCTOR_REQUIRE_ISOLATION=1) but cannot run")
        pytest.skip(f"{tool} is not installed or may not create namespaces here")
    return isolation.ISOLATED if tool == "bubblewrap" else isolation.ISOLATED_BY_UNSHARE


def _namespaces_allowed() -> bool:
    """Whether `unshare` exists and may make user, mount, PID and network namespaces."""
    tool = shutil.which("unshare")
    flags = ["--user", "--map-root-user", "--mount", "--net", "--pid", "--fork"]
    try:
        return (
            tool is not None and subprocess.run([tool, *flags, "true"], timeout=10).returncode == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def test_the_report_says_the_code_ran_isolated(tmp_path: Path, bwrap: str) -> None:
    report = check_in_child(str(write(tmp_path, TRAINING)), CheckOptions(train=False))
    assert report.status == "checked", report.error
    assert report.isolation == bwrap
    assert report.to_dict()["isolation"] == bwrap


def test_code_that_kills_itself_is_ended_and_said_so(tmp_path: Path, bwrap: str) -> None:
    """The worker is no namespace's PID 1, which would ignore its own SIGKILL."""
    source = "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n" + TRAINING
    report = check_in_child(str(write(tmp_path, source)), CheckOptions(train=False))
    assert report.error is not None and report.error["kind"] == "crashed", report.error
    assert "SIGKILL" in report.error["message"]


def test_user_code_has_no_network(tmp_path: Path, bwrap: str) -> None:
    """A server listening on this machine's loopback is out of the user code's reach."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.5)
        port = server.getsockname()[1]
        source = (
            "import socket\n"
            f"socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(b'x')\n"
        ) + TRAINING
        report = check_in_child(str(write(tmp_path, source)), CheckOptions(train=False))
        with pytest.raises(TimeoutError):
            server.accept()
    said = " ".join(report.notes) + str(report.error)
    assert "refused" in said.lower() or "unreachable" in said.lower(), said


LOOP = "for epoch in range(100):\n"
# TRAINING's own loop, with a folder made before it and writes at the end of each pass
CHECKPOINTS = TRAINING.replace(
    LOOP,
    'import os\nimport matplotlib.pyplot as plt\nos.makedirs("checkpoints", exist_ok=True)\n'
    + LOOP,
) + (
    '    np.savez("checkpoints/last.npz", W1=W1, b1=b1, W2=W2, b2=b2)\n'
    '    assert np.array_equal(np.load("checkpoints/last.npz")["W1"], W1)\n'
    '    with open("log.txt", "a") as log:\n'
    '        log.write(f"{epoch}\\n")\n'
    "    plt.plot([0, 1], [epoch, epoch])\n"
    '    plt.savefig(f"frame_{epoch}.png")\n'
)


def test_the_codes_writes_go_to_a_throwaway_folder(tmp_path: Path, bwrap: str) -> None:
    """Checkpoints saved and read back, an appended log, a figure per epoch, all inside the
    training loop: the check runs as `python FILE` does, and the user's folder stays as it
    was (the files are read-only in the sandbox; the writes land in its scratch folder)."""
    (tmp_path / "log.txt").write_text("an earlier run\n")
    path = write(tmp_path, CHECKPOINTS)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    report = check_in_child(str(path), CheckOptions(train=False))
    assert report.status == "checked", report.error
    assert [f.code for f in report.findings if f.severity == "error"] == []
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# The data made once and kept in a file the script reads back, as people do: numpy's own
# writers and readers (`savetxt` creates the file, then asks whether it exists).
DATA_FILE = """import os
import numpy as np
if not os.path.exists("points.csv"):
    grid = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=float)
    np.savetxt("points.csv", grid, delimiter=",", header="x1,x2,label", comments="")
    np.savez("points.npz", X=grid[:, :2])
table = np.loadtxt("points.csv", delimiter=",", skiprows=1)
assert np.genfromtxt("points.csv", delimiter=",", names=True).shape == (4,)
X, Y = np.load("points.npz")["X"], table[:, 2:]
"""


def test_data_the_code_writes_with_numpy_is_read_back(tmp_path: Path, bwrap: str) -> None:
    """`np.savetxt`, `np.savez`, then `np.loadtxt`, `np.genfromtxt`, `np.load` of what it
    wrote: the check uses that data (it was "not checked", the loop's body raising
    NameError: numpy's writer asked whether the file it had just created in the shadow
    existed), and the user's folder stays as it was."""
    lines = TRAINING.splitlines(keepends=True)
    kept = [line for line in lines[1:] if not line.startswith(("X = ", "Y = "))]
    path = write(tmp_path, DATA_FILE + "".join(kept))
    before = sorted(p.name for p in tmp_path.iterdir())
    report = check_in_child(str(path), CheckOptions(train=False))
    assert report.status == "checked", report.error
    assert "read from points.npz by np.load" in report.subject["data"]["source"], report.subject
    assert [f.code for f in report.findings if f.severity == "error"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_user_code_cannot_write_outside_the_sandbox(tmp_path: Path, bwrap: str) -> None:
    """A write that gets past the redirection (a low-level `os.open`) meets a read-only
    file system: the user's folder is never changed."""
    source = (
        "import os\ntry:\n"
        "    os.close(os.open('weights.txt', os.O_WRONLY | os.O_CREAT))\n"
        "except OSError as error:\n    print('refused:', error)\n"
    ) + TRAINING
    path = write(tmp_path, source)
    before = sorted(p.name for p in tmp_path.iterdir())
    report = check_in_child(str(path), CheckOptions(train=False))
    assert report.status == "checked", report.error
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert path.read_text() == source


def test_user_code_does_not_see_the_graders_environment(
    tmp_path: Path, bwrap: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADER_TOKEN", "secret")
    source = "import os\nassert 'GRADER_TOKEN' not in os.environ, 'leaked'\n" + TRAINING
    report = check_in_child(str(write(tmp_path, source)), CheckOptions(train=False))
    assert report.status == "checked", report.error


def test_strict_isolation_without_bubblewrap_or_unshare_refuses_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(isolation, "bubblewrap", lambda: None)
    monkeypatch.setattr(isolation, "unshare", lambda: None)
    marker = tmp_path / "ran"
    source = f"open({str(marker)!r}, 'w').close()\n" + TRAINING
    report = check_in_child(
        str(write(tmp_path, source)), CheckOptions(train=False, isolation="strict")
    )
    assert report.status == "not-checked"
    assert report.error is not None and report.error["kind"] == "isolation-unavailable"
    assert "apt-get install bubblewrap" in report.error["message"]
    assert not marker.exists()


def test_without_isolation_the_report_says_so(tmp_path: Path) -> None:
    report = check_in_child(
        str(write(tmp_path, TRAINING)), CheckOptions(train=False, isolation="off")
    )
    assert report.status == "checked", report.error
    assert report.isolation == isolation.NOT_ISOLATED
