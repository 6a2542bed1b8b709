"""How long the command line takes before any checking: start-up, help, the worker's start.

Usage (from the repository root)::

    python benchmarks/frontend.py              # 5 rounds, about 30 s on 2 cores
    python benchmarks/frontend.py --tree DIR   # the netdoctor of another checkout
    python benchmarks/frontend.py --tree BEFORE --tree AFTER  # both, interleaved
    python benchmarks/frontend.py --rounds 9

Each round runs every row once, baselines included, in the same order (A B C ... A B C),
so load from other processes falls on every row alike; the table shows min / median / max
seconds and the median of the per-round ratios to `python -c "import numpy"`, the floor of
any check (its worker is a Python process that imports numpy).

netdoctor runs as `python -c "...; main()"` with DIR first on sys.path, from a scratch
folder: `python -m netdoctor` would put the current folder first, and the checkout the
benchmark is run from would win over DIR. "parent until the worker starts" is the time
from launching `netdoctor check` to its first subprocess (the isolation probe, just before
the worker): what the front end adds to a check before the worker can import numpy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "case_studies/sigmoid_applied_twice/buggy.py"
LAUNCH = "import sys; sys.path.insert(0, {tree!r}); sys.argv[0] = 'netdoctor'\n"
# Records the moment of the first subprocess on standard error, then runs netdoctor.
SPAWN = (
    "import subprocess, time\n"
    "_init = subprocess.Popen.__init__\n"
    "def _first(self, *a, **k):\n"
    "    if not getattr(subprocess, '_seen', False):\n"
    "        subprocess._seen = True\n"
    "        sys.stderr.write(f'SPAWN {time.time()!r}\\n'); sys.stderr.flush()\n"
    "    _init(self, *a, **k)\n"
    "subprocess.Popen.__init__ = _first\n"
)
MAIN = "from netdoctor.cli import main\nmain()\n"


def timed(command: list[str], cwd: str, env: dict[str, str]) -> float:
    """Wall seconds of `command`; with SPAWN in it, seconds until its first subprocess."""
    started = time.time()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    ended = time.time()
    for line in done.stderr.splitlines():
        if line.startswith("SPAWN "):
            return float(line.split()[1]) - started
    return ended - started


def netdoctor_rows(tree: str) -> dict[str, list[str]]:
    """The commands timed for the netdoctor of `tree`."""
    python = sys.executable
    launch = [python, "-c", LAUNCH.format(tree=tree) + MAIN]
    check = ["check", str(SMALL), "--no-train", "-q"]
    return {
        "netdoctor --version": [*launch, "--version"],
        "netdoctor check -h": [*launch, "check", "-h"],
        "parent until the worker starts (check --no-train -q)": [
            python,
            "-c",
            LAUNCH.format(tree=tree) + SPAWN + MAIN,
            *check,
        ],
        "small check, whole (check --no-train -q)": [*launch, *check],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tree",
        type=Path,
        action="append",
        help="checkout whose netdoctor runs (repeat to compare, interleaved); default: this one",
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    trees = [str(tree.resolve()) for tree in args.tree or [ROOT]]
    python = sys.executable
    baselines = {
        'python -c "import numpy"': [python, "-c", "import numpy"],
        'python -c "pass"': [python, "-c", "pass"],
    }
    rows = [("", name, command, dict(os.environ)) for name, command in baselines.items()]
    for tree in trees:
        env = {**os.environ, "PYTHONPATH": tree}  # the worker imports the same netdoctor
        rows += [(tree, name, command, env) for name, command in netdoctor_rows(tree).items()]
    load = os.getloadavg()
    seconds: list[list[float]] = [[] for _ in rows]
    with tempfile.TemporaryDirectory(prefix="netdoctor-bench-") as scratch:
        for _ in range(args.rounds):
            for index, (_, _, command, env) in enumerate(rows):
                seconds[index].append(timed(command, scratch, env))
    numpy = seconds[0]
    print(f"{args.rounds} rounds; python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    print(f"load average before {load[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    print("| netdoctor from | row | median s | min s | max s | median ratio to import numpy |")
    print("|---|---|---|---|---|---|")
    for (tree, name, _, _), values in zip(rows, seconds, strict=True):
        ratio = statistics.median(v / n for v, n in zip(values, numpy, strict=True))
        print(
            f"| {tree} | {name} | {statistics.median(values):.3f} | {min(values):.3f} | "
            f"{max(values):.3f} | {ratio:.2f}x |"
        )


if __name__ == "__main__":
    main()
