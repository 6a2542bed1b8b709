"""How long `netdoctor check` takes, as ratios to baselines measured in the same run.

Usage (from the repository root)::

    python benchmarks/run.py            # every row, under 2 minutes on 2 cores
    python benchmarks/run.py --quick    # smaller networks, about 30 s
    python benchmarks/run.py --tree DIR # the netdoctor of another checkout (before/after)

Why hand-rolled and not pyperf: pyperf calibrates and spawns its own worker processes per
benchmark, which on a 2-core machine takes minutes for subprocess rows of several seconds
each and cannot pair two commands. Here each row alternates with its baseline (A B A B ...),
every figure is the ratio of one run to its neighbouring baseline, and min / median / max
of those ratios are shown, so a burst of load from another process moves both sides of a
pair. Machine load (os.getloadavg) before and after and the BLAS threads (threadpoolctl
where installed, else the environment) are printed with the table.

Baselines: `python -c "import numpy"` (the floor of any check: the worker is a Python
process that imports numpy) and one forward+backward of the user's own code at the row's
size, in this process, on one BLAS thread as the worker uses. Peak memory is ru_maxrss of
the check's process tree (wait4 counts the descendants each process waited for) against
the same for the user's file run as `python FILE` with two training steps.
"""

from __future__ import annotations

import argparse
import builtins
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the worker runs (sandbox._CHILD_ENV)
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "netdoctor" / "case_studies" / "outputs_stuck_at_half" / "buggy.py"
STUDIES = ROOT / "netdoctor" / "case_studies"

# A network as people write it: functions, row layout, mean BCE, sigmoid output. The
# `bench_count` hook counts forward calls when this script sets it (it is `int` otherwise).
NETWORK = """import builtins

import numpy as np

rng = np.random.default_rng(0)
m, d, h = {m}, {d}, {h}
X = rng.normal(size=(m, d))
Y = (X[:, :1] + 0.5 * rng.normal(size=(m, 1)) > 0).astype(float)
W1 = rng.normal(size=(d, h)) / np.sqrt(d)
b1 = np.zeros((1, h))
W2 = rng.normal(size=(h, 1)) / np.sqrt(h)
b2 = np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, W1, b1, W2, b2):
    getattr(builtins, "bench_count", int)()
    Z1 = X @ W1 + b1
    A1 = {hidden}
    A2 = sigmoid(A1 @ W2 + b2)
    return Z1, A1, A2


def loss(A2, Y):
    return -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))


def backward(X, Y, W1, b1, W2, b2):
    Z1, A1, A2 = forward(X, W1, b1, W2, b2)
    dZ2 = {delta}
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0, keepdims=True)
    dZ1 = dZ2 @ W2.T * {derivative}
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0, keepdims=True)
    return dW1, db1, dW2, db2


lr = 0.5
for epoch in range({epochs}):
    dW1, db1, dW2, db2 = backward(X, Y, W1, b1, W2, b2)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if epoch % 100 == 0:
        print(epoch, loss(forward(X, W1, b1, W2, b2)[2], Y))
"""
HIDDEN = {
    "tanh": ("np.tanh(Z1)", "(1 - A1 ** 2)"),
    "softplus": ("np.logaddexp(0, Z1)", "sigmoid(Z1)"),
}
DELTA = {
    "correct": "(A2 - Y) / len(X)",
    "buggy": "(A2 - Y) * A2 * (1 - A2) / len(X)",  # sigmoid' on top of BCE's delta
}
EPOCHS = 300
BIG_TIMEOUT = 30  # seconds: a row that needs more is shown as exit 2 (timed out)


def network_source(m: int, d: int, h: int, hidden: str, kind: str, epochs: int) -> str:
    """The user's file for one row."""
    activation, derivative = HIDDEN[hidden]
    return NETWORK.format(
        m=m, d=d, h=h, hidden=activation, derivative=derivative, delta=DELTA[kind], epochs=epochs
    )


# ---------------------------------------------------------------------------- measuring


@dataclass
class Row:
    """One benchmark row: the ratios of each run to its paired baseline, and the seconds."""

    name: str
    baseline: str
    ratios: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)

    def cells(self) -> list[str]:
        if not self.ratios:
            return [self.name, "-", "-", self.baseline, self.extra.get("note", "")]
        r = sorted(self.ratios)
        s = statistics.median(self.seconds)
        note = "; ".join(f"{k} {v}" for k, v in self.extra.items())
        return [
            self.name,
            f"{s:.2f} s",
            f"{r[0]:.1f} / {statistics.median(r):.1f} / {r[-1]:.1f}",
            f"{self.baseline} (n={len(r)})",
            note,
        ]


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the whole process tree, exit code) of one command."""
    started = time.perf_counter()
    # `python -m netdoctor` imports netdoctor from its working directory first: run it in
    # the tree being measured (PYTHONPATH), or `--tree` would measure this checkout.
    process = subprocess.Popen(
        command,
        cwd=env.get("PYTHONPATH", str(ROOT)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def check_command(paths: list[str], *options: str) -> list[str]:
    """`netdoctor check` from the `--tree` checkout: -P keeps `python -m` from putting the
    working directory (this checkout, `run`'s cwd) ahead of PYTHONPATH, which made every
    `--tree` row measure this checkout's netdoctor."""
    return [
        sys.executable,
        "-P",
        "-m",
        "netdoctor",
        "check",
        *paths,
        "--format",
        "json",
        *options,
    ]


def paired(
    row: Row,
    action: Callable[[], float],
    baseline: Callable[[], float],
    repeats: int,
    deadline: float,
) -> None:
    """Alternate baseline and action `repeats` times (at least once, fewer past `deadline`)."""
    for index in range(repeats):
        if index and time.perf_counter() > deadline:
            break
        base = baseline()
        seconds = action()
        row.ratios.append(seconds / base)
        row.seconds.append(seconds)


def fwd_bwd_timer(source: str) -> tuple[Callable[[], float], dict[str, Any]]:
    """A function timing one forward+backward of the user's code (median of 3)."""
    namespace: dict[str, Any] = {}
    exec(compile(source, "<user>", "exec"), namespace)
    args = [namespace[k] for k in ("X", "Y", "W1", "b1", "W2", "b2")]

    def once() -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            namespace["backward"](*args)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    return once, namespace


def count_forward_calls(path: Path, tree: Path) -> int | None:
    """Forward calls the check (no training) makes, counted in this process."""
    sys.path.insert(0, str(tree))
    try:
        from netdoctor.engine import check_file
        from netdoctor.options import CheckOptions
    except ImportError:
        return None
    calls = [0]

    def count() -> int:
        calls[0] += 1
        return 0

    builtins.bench_count = count  # type: ignore[attr-defined]
    try:
        check_file(str(path), CheckOptions(train=False))
    finally:
        del builtins.bench_count  # type: ignore[attr-defined]
    return calls[0]


# ---------------------------------------------------------------------------- rows


def machine(tree: Path) -> list[str]:
    """Platform, versions, BLAS threads, torch."""
    try:
        from threadpoolctl import threadpool_info

        blas = ", ".join(
            f"{p['internal_api']} {p['num_threads']} thread(s)" for p in threadpool_info()
        )
    except ImportError:
        blas = "threadpoolctl not installed; OPENBLAS_NUM_THREADS=" + os.environ.get(
            "OPENBLAS_NUM_THREADS", "unset"
        )
    try:
        import torch  # noqa: F401

        torch_note = "installed, not benchmarked (no torch row yet)"
    except ImportError:
        torch_note = "not installed: no torch autograd / gradcheck baseline"
    return [
        f"platform {platform.platform()}, {os.cpu_count()} CPUs, python "
        f"{platform.python_version()}, numpy {np.__version__}",
        f"netdoctor from {tree}",
        f"BLAS in this process (the fwd+bwd baseline): {blas}; the worker: 1 thread "
        "(sandbox sets OPENBLAS_NUM_THREADS=1)",
        f"torch: {torch_note}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller networks, fewer repeats")
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose netdoctor runs")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--only", help="run only rows whose name contains this")
    args = parser.parse_args()
    quick = args.quick
    tree = args.tree.resolve()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    load_before = os.getloadavg()
    rows: list[Row] = []

    def wanted(name: str) -> bool:
        return args.only is None or args.only in name

    numpy_cmd = [sys.executable, "-c", "import numpy"]

    def import_numpy() -> float:
        return run(numpy_cmd, env)[0]

    small_repeats = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="netdoctor-bench-") as scratch:
        folder = Path(scratch)
        # -- small checks against `python -c "import numpy"`
        for name, options in (
            ("small check, no training (--no-train)", ("--no-train",)),
            ("small check, with training", ()),
        ):
            if not wanted(name):
                continue
            row = Row(name, 'python -c "import numpy"')
            command = check_command([str(SMALL)], *options)
            paired(row, lambda c=command: run(c, env)[0], import_numpy, small_repeats, 1e9)
            rows.append(row)

        # -- big networks against one forward+backward of the user's code
        sizes = (
            [(2000, 784, 128), (2000, 784, 512)]
            if quick
            else [
                (10_000, 784, 128),
                (10_000, 784, 512),
            ]
        )
        for (m, d, h), kind, train in [
            (size, kind, train)
            for size in sizes
            for kind in ("correct", "buggy")
            for train in (False, True)
        ]:
            name = f"{d}-{h}-1 m={m:,} {kind}, {'with training' if train else 'no training'}"
            if not wanted(name) or (train and h == 512 and not quick):
                continue  # 784-512-1 with training: see docs/benchmarks.md
            source = network_source(m, d, h, "tanh", kind, EPOCHS)
            path = folder / f"net_{d}_{h}_{m}_{kind}.py"
            path.write_text(source)
            timer, _ = fwd_bwd_timer(network_source(m, d, h, "tanh", kind, 0))
            row = Row(name, "one fwd+bwd")
            outcome: dict[str, Any] = {}

            def action(path: Path = path, train: bool = train, outcome=outcome) -> float:
                options = ("--timeout", str(BIG_TIMEOUT)) + (() if train else ("--no-train",))
                seconds, peak, code = run(check_command([str(path)], *options), env)
                outcome.update(peak=peak, code=code)
                return seconds

            paired(row, action, timer, 1 if train else (1 if quick else 2), 1e9)
            own = folder / f"own_{d}_{h}_{m}_{kind}.py"
            own.write_text(network_source(m, d, h, "tanh", kind, 2))
            own_peak = run([sys.executable, str(own)], env)[1]
            row.extra["exit"] = str(outcome["code"])
            row.extra["peak"] = f"{outcome['peak']:.0f} MB = {outcome['peak'] / own_peak:.1f}x own"
            rows.append(row)

        # -- an unrecognised network: softplus hidden layer, 1e5 parameters
        name = "unrecognised (softplus), 1e5 parameters, no training"
        if wanted(name):
            source = network_source(256, 98, 1000, "softplus", "correct", EPOCHS)
            path = folder / "softplus.py"
            path.write_text(source)
            timer, _ = fwd_bwd_timer(network_source(256, 98, 1000, "softplus", "correct", 0))
            row = Row(name, "one fwd+bwd")
            code: dict[str, Any] = {}

            def softplus(path: Path = path, code=code) -> float:
                seconds, _, code["exit"] = run(check_command([str(path)], "--no-train"), env)
                return seconds

            paired(row, softplus, timer, 1 if quick else 3, 1e9)
            numpy_seconds = statistics.median(import_numpy() for _ in range(3))
            row.extra["exit"] = str(code["exit"])
            row.extra["vs import numpy"] = f"{statistics.median(row.seconds) / numpy_seconds:.1f}x"
            calls = count_forward_calls(path, tree)
            row.extra["forward calls"] = "?" if calls is None else str(calls)
            rows.append(row)

        # -- a batch of small files, --jobs 2
        name = "batch of small files, --jobs 2"
        if wanted(name):
            studies = sorted(STUDIES.glob("*/*.py"))
            count = 10 if quick else 30
            paths = []
            for index in range(count):
                study = studies[index % len(studies)]
                path = folder / f"student_{index:02d}.py"
                path.write_text(study.read_text())
                paths.append(str(path))
            row = Row(name, 'python -c "import numpy"')
            paired(
                row, lambda: run(check_command(paths, "--jobs", "2"), env)[0], import_numpy, 1, 0
            )
            row.extra["files/s"] = f"{count / row.seconds[0]:.1f} ({count} files)"
            rows.append(row)

    load_after = os.getloadavg()
    header = ["row", "median time", "ratio min / median / max", "baseline", "notes"]
    table = [header, *(r.cells() for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for info in machine(tree):
        print("- " + info)
    print(f"- load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    print(
        f"- mode: {'--quick' if quick else 'full'}; total {time.perf_counter() - started:.0f} s\n"
    )
    for index, line in enumerate(table):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
