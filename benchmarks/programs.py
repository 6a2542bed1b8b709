"""CPU of a check, program by program, for two checkouts side by side.

Usage (from the repository root)::

    python benchmarks/programs.py --tree BEFORE --tree AFTER              # every 4th program
    python benchmarks/programs.py --tree BEFORE --tree AFTER --every 1    # all of them
    python benchmarks/programs.py --tree BEFORE --tree AFTER FILE ...     # these files

Each program is checked in a fresh process by one tree, then by the other (the order
alternates from program to program, so load from other processes falls on both alike),
with `engine.check_file` in process: no sandbox, no judge, only the check's own work.
The figure is the CPU seconds of that call (`time.process_time`), which moves less with
load than wall time. Programs whose finding codes differ between the trees are marked:
their work differs, so their ratio says little about speed. The last line gives the
totals and the median per-program ratio; about 3 minutes for the default 55 programs on
2 cores.

A tree is a checkout's root (the folder holding `netdoctor/`). The check runs with that
folder first on sys.path and an editable install's import hook removed, so each tree's
own netdoctor runs whatever is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = r"""
import json, os, sys, time
tree, path = sys.argv[1], sys.argv[2]
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, tree)
from netdoctor.engine import check_file
from netdoctor.options import CheckOptions
os.chdir(os.path.dirname(path))
started = time.process_time()
report = check_file(path, CheckOptions())
print(json.dumps({"cpu": time.process_time() - started,
                  "codes": sorted(f.code for f in report.findings)}))
"""
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def check(tree: str, path: str) -> dict:
    """CPU seconds and finding codes of one check of `path` by the netdoctor in `tree`."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, tree, path],
        capture_output=True,
        text=True,
        env={**os.environ, **ONE_THREAD, "MPLBACKEND": "Agg"},
        timeout=600,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{tree} failed on {path}:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def default_programs(every: int) -> list[str]:
    programs = ROOT / "tests" / "programs"
    found = sorted([*(programs / "correct").glob("*.py"), *(programs / "buggy").glob("*.py")])
    return [str(p) for p in found[every - 1 :: every]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, help="give it twice")
    parser.add_argument("--every", type=int, default=4, help="every Nth test program")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if len(args.tree) != 2:
        parser.error("give --tree twice: before, then after")
    before, after = (str(Path(t).resolve()) for t in args.tree)
    files = [str(Path(f).resolve()) for f in args.files] or default_programs(args.every)
    print(f"{'before':>7} {'after':>7} {'ratio':>6}  program  (CPU seconds of the check)")
    rows = []
    for index, path in enumerate(files):
        order = [before, after] if index % 2 == 0 else [after, before]
        got = {tree: check(tree, path) for tree in order}
        old, new = got[before], got[after]
        same = old["codes"] == new["codes"]
        rows.append((old["cpu"], new["cpu"], same))
        mark = "" if same else "  (findings differ)"
        ratio = new["cpu"] / old["cpu"] if old["cpu"] else float("nan")
        print(f"{old['cpu']:7.2f} {new['cpu']:7.2f} {ratio:6.2f}  {Path(path).name}{mark}")
    kept = [r for r in rows if r[2] and r[0] > 0]
    total_old, total_new = sum(r[0] for r in kept), sum(r[1] for r in kept)
    median = statistics.median(r[1] / r[0] for r in kept) if kept else float("nan")
    print(
        f"{len(kept)} programs with the same findings: before {total_old:.1f} s, after "
        f"{total_new:.1f} s, ratio {total_new / total_old:.2f}, median per program "
        f"{median:.2f}; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
