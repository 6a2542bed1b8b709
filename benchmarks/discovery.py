"""How many of the test programs and case studies netdoctor finds, and how long each takes.

Prints one row per file (found by following / building / by name, or not found; the
verdict; seconds) and the totals: the share found, the share judged as their folder says
(correct: no error; buggy: an error), and the median and slowest time per file. Each
check runs in this process, with training recorded as `netdoctor check` does.
Usage: python benchmarks/discovery.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from netdoctor.engine import check_file  # noqa: E402
from netdoctor.options import CheckOptions  # noqa: E402


def programs() -> list[tuple[Path, bool]]:
    """(path, whether the network is correct)."""
    found: list[tuple[Path, bool]] = []
    for folder, correct in (("correct", True), ("buggy", False)):
        for pattern in ("*.py", "*.ipynb"):
            found += [
                (p, correct) for p in sorted((ROOT / "tests/programs" / folder).glob(pattern))
            ]
    for study in sorted((ROOT / "netdoctor/case_studies").iterdir()):
        if study.is_dir():
            found += [(study / "buggy.py", False), (study / "fixed.py", True)]
    return found


def main() -> None:
    rows = []
    for path, correct in programs():
        started = time.perf_counter()
        report = check_file(str(path), CheckOptions())
        seconds = time.perf_counter() - started
        checked = report.status == "checked"
        errors = any(f.severity == "error" for f in report.findings)
        right = checked and errors != correct
        expected = path.parent / "expected.json"
        if checked and not correct and expected.exists():  # a case study names its codes
            right = set(json.loads(expected.read_text())["codes"]) <= set(report.codes())
        how = (
            "followed"
            if checked and "one pass" in report.subject.get("description", "")
            else ("by name" if checked else "NOT FOUND")
        )
        if any(n.startswith(("constructed", "called `")) for n in report.notes):
            how = "built"
        rows.append((path.relative_to(ROOT), how, right, seconds))
        verdict = "as expected" if right else "WRONG VERDICT"
        print(f"{seconds:6.2f} s  {how:9}  {verdict:13}  {path.relative_to(ROOT)}")
    times = [r[3] for r in rows]

    def count(how: str) -> int:
        return sum(r[1] == how for r in rows)

    found = sum(r[1] != "NOT FOUND" for r in rows)
    right = sum(r[2] for r in rows)
    print(
        f"\n{len(rows)} files: found {found} ({found / len(rows):.0%}), "
        f"judged as expected {right} ({right / len(rows):.0%}); "
        f"by following {count('followed')}, built {count('built')}, by name {count('by name')}"
    )
    median, slowest = statistics.median(times), max(times)
    print(f"time per check (with training, in-process): median {median:.2f} s, max {slowest:.2f} s")


if __name__ == "__main__":
    main()
