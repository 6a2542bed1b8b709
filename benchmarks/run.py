"""Benchmarks for netdoctor: oracle cost, reference backprop speed, start-up and end to end.

Run from the repository root::

    python benchmarks/run.py

Every number is the median of a few repeats timed with ``time.perf_counter``. The table is
printed and written, with a short description of the machine, to ``docs/benchmarks.md``.
Torch is optional: without it, the torch columns read "torch not installed".
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from netdoctor import numeric, reference  # noqa: E402

try:  # torch is optional
    import torch as _torch

    torch: ModuleType | None = _torch
except ImportError:  # pragma: no cover - depends on the environment
    torch = None

NO_TORCH = "torch not installed"
OUTPUT = ROOT / "docs" / "benchmarks.md"

# (input width d, hidden width h): h * (d + 2) + 1 parameters, about 1e2 ... 1e6.
ORACLE_SIZES: list[tuple[int, int]] = [(10, 8), (48, 20), (98, 100), (498, 200), (998, 1000)]
ORACLE_SAMPLES = 64
MAX_FORWARD_CALLS = 300
GRADCHECK_FULL_BOUND = 10_000  # fast_mode=False needs 2 forward calls per parameter
GRADCHECK_FAST_BOUND = 100_000
# (samples m, input width, hidden width) for reference backprop against torch autograd.
BACKPROP_SIZES: list[tuple[int, int, int]] = [(100, 10, 20), (10_000, 784, 256)]
END_TO_END_CASE = "case_studies/outputs_stuck_at_half/buggy.py"


# ---------------------------------------------------------------------------- helpers


def median_time(action: Callable[[], object], repeats: int) -> float:
    """Median wall time in seconds of `repeats` calls of `action`."""
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def repeats_for(elapsed: float, budget: float = 2.0, most: int = 5) -> int:
    """How many repeats (1 to `most`, odd) fit in `budget` seconds, if one run took `elapsed`."""
    count = most if elapsed <= 0 else max(1, min(most, int(budget / elapsed)))
    return count if count % 2 else count - 1


def adaptive_median(action: Callable[[], object], most: int = 21, budget: float = 2.0) -> float:
    """Median time of `action`: a warm-up call decides how many repeats fit the budget."""
    start = time.perf_counter()
    action()
    first = time.perf_counter() - start
    return median_time(action, repeats_for(first, budget, most))


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured markdown table, columns padded for plain-text reading."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    separator = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), separator, *(line(row) for row in rows)])


def significant(value: float) -> str:
    """Three significant digits, without exponent notation for large values."""
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def seconds(value: float) -> str:
    """Seconds with three significant digits."""
    return f"{significant(value)} s"


def milliseconds(value: float) -> str:
    """Seconds shown as milliseconds with three significant digits."""
    return f"{significant(value * 1e3)} ms"


def power_of_ten(value: int) -> str:
    """10000 as "1e4"."""
    return f"1e{len(str(value)) - 1}" if str(value).strip("0") == "1" else f"{value:,}"


def binary_targets(m: int, rng: np.random.Generator) -> np.ndarray:
    """An (m, 1) float64 array of 0/1 labels."""
    return rng.integers(0, 2, size=(m, 1)).astype(np.float64)


# ---------------------------------------------------------------------------- 1. oracle


def _as_arrays(params: reference.DenseParams) -> list[np.ndarray]:
    """[W1, W2, b1, b2] from a two-layer network with biases."""
    biases = [b for b in params.biases if b is not None]
    return [*params.weights, *biases]


def _from_arrays(arrays: list[np.ndarray]) -> reference.DenseParams:
    """The inverse of `_as_arrays`."""
    w1, w2, b1, b2 = arrays
    return reference.DenseParams([w1, w2], [b1, b2])


def _torch_loss(X: Any, Y: Any, arrays: list[Any], activation: Callable[[Any], Any]) -> Any:
    """Summed BCE-with-logits of a two-layer torch network (row layout)."""
    assert torch is not None
    w1, w2, b1, b2 = arrays
    logits = activation(X @ w1 + b1) @ w2 + b2
    return torch.nn.functional.binary_cross_entropy_with_logits(logits, Y, reduction="sum")


def _gradcheck_time(
    arrays: list[np.ndarray], X: np.ndarray, Y: np.ndarray, fast: bool, bound: int
) -> str:
    """Time of torch.autograd.gradcheck on the tanh network, or why it was not run."""
    if torch is None:
        return NO_TORCH
    count = sum(a.size for a in arrays)
    if count > bound:
        return f"skipped (> {power_of_ten(bound)})"
    tX = torch.from_numpy(X)
    tY = torch.from_numpy(Y)
    inputs = tuple(torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays)

    def check() -> bool:
        assert torch is not None
        return bool(
            torch.autograd.gradcheck(
                lambda *p: _torch_loss(tX, tY, list(p), torch.tanh),
                inputs,
                fast_mode=fast,
                raise_exception=False,
            )
        )

    elapsed = adaptive_median(check, most=3, budget=5.0)
    return seconds(elapsed) + ("" if check() else " (failed)")


def oracle_section() -> str:
    """Cost of the finite-difference oracle, against one reference forward+backward."""
    arch = reference.Architecture("tanh")
    rows: list[list[str]] = []
    for d, h in ORACLE_SIZES:
        params = reference.random_params([d, h, 1], rng=np.random.default_rng(0))
        data_rng = np.random.default_rng(1)
        X = data_rng.normal(size=(ORACLE_SAMPLES, d))
        Y = binary_targets(ORACLE_SAMPLES, data_rng)
        arrays = _as_arrays(params)
        count = sum(a.size for a in arrays)

        def evaluate(values: list[np.ndarray], X: np.ndarray = X, Y: np.ndarray = Y) -> float:
            return reference.loss(arch, _from_arrays(values), X, Y)

        result = numeric.numeric_gradient(
            evaluate, arrays, max_forward_calls=MAX_FORWARD_CALLS, seed=0
        )
        check = adaptive_median(
            lambda arrays=arrays, evaluate=evaluate: numeric.numeric_gradient(
                evaluate, arrays, max_forward_calls=MAX_FORWARD_CALLS, seed=0
            ),
            most=5,
        )
        backprop = adaptive_median(
            lambda params=params, X=X, Y=Y: reference.backward(arch, params, X, Y)
        )
        rows.append(
            [
                f"{count:,}",
                str(result.forward_calls),
                "yes" if result.exhaustive else "no (sampled)",
                milliseconds(check),
                milliseconds(backprop),
                f"{check / backprop:,.0f}x",
                _gradcheck_time(arrays, X, Y, fast=True, bound=GRADCHECK_FAST_BOUND),
                _gradcheck_time(arrays, X, Y, fast=False, bound=GRADCHECK_FULL_BOUND),
            ]
        )
    header = [
        "parameters",
        "forward calls",
        "exhaustive",
        "numeric check",
        "forward+backward",
        "check / fwd+bwd",
        "gradcheck fast",
        "gradcheck full",
    ]
    intro = (
        f"## 1. Oracle cost\n\nDense tanh network [d, h, 1], m = {ORACLE_SAMPLES}, summed BCE; "
        f"`numeric.numeric_gradient(..., max_forward_calls={MAX_FORWARD_CALLS}, seed=0)` "
        "against one `reference.backward`. Torch columns: `torch.autograd.gradcheck` on the "
        "same float64 network (fast_mode=True / False).\n\n"
    )
    return intro + markdown_table(header, rows)


# ---------------------------------------------------------------------------- 2. backprop


def _torch_backward_time(
    params: reference.DenseParams, X: np.ndarray, Y: np.ndarray
) -> float | None:
    """Median time of a torch float64 forward+backward of the same network, or None."""
    if torch is None:
        return None
    tX = torch.from_numpy(X)
    tY = torch.from_numpy(Y)
    leaves = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in _as_arrays(params)]

    def step() -> None:
        assert torch is not None
        for leaf in leaves:
            leaf.grad = None
        _torch_loss(tX, tY, leaves, torch.sigmoid).backward()

    return adaptive_median(step)


def backprop_section() -> str:
    """Reference backprop against torch autograd, forward+backward in float64 on the CPU."""
    arch = reference.Architecture("sigmoid")
    rows: list[list[str]] = []
    for m, d, h in BACKPROP_SIZES:
        params = reference.random_params([d, h, 1], rng=np.random.default_rng(0))
        data_rng = np.random.default_rng(1)
        X = data_rng.normal(size=(m, d))
        Y = binary_targets(m, data_rng)
        ours = adaptive_median(
            lambda params=params, X=X, Y=Y: reference.backward(arch, params, X, Y)
        )
        theirs = _torch_backward_time(params, X, Y)
        rows.append(
            [
                f"m={m:,}, {d}-{h}-1",
                milliseconds(ours),
                NO_TORCH if theirs is None else milliseconds(theirs),
                NO_TORCH if theirs is None else f"{ours / theirs:.2f}",
            ]
        )
    header = ["size", "reference.backward", "torch autograd", "reference / torch"]
    intro = (
        "## 2. Reference backprop vs torch autograd\n\nSigmoid hidden layer, sigmoid output, "
        "summed BCE (torch: BCE with logits), float64, CPU, forward+backward.\n\n"
    )
    return intro + markdown_table(header, rows)


# ---------------------------------------------------------------------------- 3. start-up


def _subprocess_time(args: list[str], repeats: int, ok_codes: tuple[int, ...] = (0,)) -> float:
    """Median wall time of running `args` from the repository root with netdoctor importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))

    def run() -> None:
        completed = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, check=False)
        if completed.returncode not in ok_codes:
            raise RuntimeError(
                f"{' '.join(args)} exited with {completed.returncode}: "
                f"{completed.stderr.decode(errors='replace')[-500:]}"
            )

    return median_time(run, repeats)


def startup_section() -> str:
    """Interpreter start-up of the CLI and of its imports, median of 5 subprocess runs."""
    python = sys.executable
    commands = {
        "python -m netdoctor --help": [python, "-m", "netdoctor", "--help"],
        'python -c "import netdoctor"': [python, "-c", "import netdoctor"],
        'python -c "import typer"': [python, "-c", "import typer"],
        'python -c "import numpy"': [python, "-c", "import numpy"],
    }
    times = {name: _subprocess_time(args, repeats=5) for name, args in commands.items()}
    rows = [[f"`{name}`", seconds(value)] for name, value in times.items()]
    ratio = times["python -m netdoctor --help"] / times['python -c "import typer"']
    intro = "## 3. Start-up\n\nSubprocess wall time, median of 5.\n\n"
    footer = f"\n\n`--help` / `import typer`: {ratio:.2f}x"
    return intro + markdown_table(["command", "time"], rows) + footer


# ---------------------------------------------------------------------------- 4. end to end


def end_to_end_section() -> str:
    """A full `netdoctor check` of the stuck-at-0.5 case study, with and without the report."""
    import tempfile

    base = [sys.executable, "-m", "netdoctor", "check", END_TO_END_CASE, "--format", "json"]
    plain = _subprocess_time(base, repeats=3, ok_codes=(0, 1))
    with tempfile.TemporaryDirectory(prefix="netdoctor-e2e-") as folder:
        full = _subprocess_time([*base, "--out", folder], repeats=3, ok_codes=(0, 1))
    rows = [
        [
            f"`netdoctor check {END_TO_END_CASE}` (gradients, probes, 2000 recorded steps)",
            seconds(plain),
        ],
        ["the same with `--out DIR` (Markdown, HTML, JSON, every plot)", seconds(full)],
    ]
    intro = "## 4. End to end\n\nSubprocess wall time, median of 3 (exit code 1: bugs found).\n\n"
    return intro + markdown_table(["command", "time"], rows)


# ---------------------------------------------------------------------------- 5. batch

BATCH_FILES = 12


def batch_section() -> str:
    """Throughput of `netdoctor check a.py b.py ... --jobs N` for N = 1 and 2."""
    import tempfile

    study = ROOT / END_TO_END_CASE
    rows = []
    with tempfile.TemporaryDirectory(prefix="netdoctor-batch-") as folder:
        paths = []
        for index in range(BATCH_FILES):
            path = Path(folder) / f"student_{index:02d}.py"
            path.write_text(study.read_text(), encoding="utf-8")
            paths.append(str(path))
        for jobs in (1, 2):
            args = [sys.executable, "-m", "netdoctor", "check", *paths, "--format", "json"]
            args += ["--jobs", str(jobs)]
            elapsed = _subprocess_time(args, repeats=3, ok_codes=(0, 1))
            rows.append([str(jobs), seconds(elapsed), f"{BATCH_FILES / elapsed:.2f}"])
    intro = (
        f"## 5. Batch throughput\n\n`netdoctor check` on {BATCH_FILES} copies of the "
        "case study, each file in its own child process; median of 3.\n\n"
    )
    return intro + markdown_table(["--jobs", "wall time", "files / s"], rows)


# ---------------------------------------------------------------------------- 6. report

XOR_TWO_HIDDEN = ROOT / "tests" / "programs" / "correct" / "exercise_backprop.py"


def report_section() -> str:
    """What writing the full report (Markdown, HTML, JSON, plots) adds to a check."""
    import tempfile

    source = XOR_TWO_HIDDEN.read_text(encoding="utf-8").replace(
        "input_size, hidden_size = 2, 4", "input_size, hidden_size = 2, 2"
    )
    with tempfile.TemporaryDirectory(prefix="netdoctor-report-") as folder:
        path = Path(folder) / "xor_2_hidden.py"
        path.write_text(source, encoding="utf-8")
        base = [sys.executable, "-m", "netdoctor", "check", str(path)]
        plain = _subprocess_time([*base, "--format", "json"], repeats=5)
        full = _subprocess_time([*base, "--format", "json", "--out", str(Path(folder) / "out")], 5)
    rows = [
        ["`check --format json`", seconds(plain)],
        ["`check --format json --out DIR` (md, html, json, all plots)", seconds(full)],
        ["added by the report", seconds(full - plain)],
    ]
    intro = (
        "## 6. Report generation\n\nXOR with 2 hidden units (the classic exercise), "
        "subprocess wall time, median of 5.\n\n"
    )
    return intro + markdown_table(["command", "time"], rows)


# ---------------------------------------------------------------------------- 7. recorder

RECORDED_STEPS = 2000


def recorder_section() -> str:
    """The flight recorder against the user's own training: 2000 steps of a 2-4-1 network."""
    from netdoctor.discover import discover
    from netdoctor.load import load_module
    from netdoctor.options import CheckOptions
    from netdoctor.record import learning_rate_of, record, user_step
    from netdoctor.verify import verify

    path = ROOT / "tests" / "programs" / "correct" / "exercise_backprop.py"
    module = load_module(str(path))
    subject = discover(module)
    verification = verify(subject, CheckOptions(train=False))
    assert verification.hidden is not None and verification.loss is not None
    hidden, loss = verification.hidden, verification.loss
    lr, source = learning_rate_of(subject)
    backprop = module.namespace["backprop"]

    def users_own() -> None:
        values = {k: v.copy() for k, v in subject.initial.items()}
        for _ in range(RECORDED_STEPS):
            grads = backprop(
                subject.X, subject.Y, 2, 4, *(values[k] for k in ("W1", "b1", "W2", "b2"))
            )
            for key in values:
                values[key] -= lr * grads["d" + key]

    def stepped() -> None:
        step = user_step(subject, lr)
        values = dict(subject.initial)
        for _ in range(RECORDED_STEPS):
            values, _ = step(values)

    def recorded() -> None:
        record(subject, hidden, loss, user_step(subject, lr), lr, source, RECORDED_STEPS, 60.0)

    own = median_time(users_own, 3)
    through = median_time(stepped, 3)
    observed = median_time(recorded, 3)
    rows = [
        ["the user's own loop (their backprop, their update)", seconds(own), "1.00x"],
        ["the same steps through netdoctor's call plan", seconds(through), f"{through / own:.2f}x"],
        ["recorded (stats on ~300 of the steps)", seconds(observed), f"{observed / own:.2f}x"],
    ]
    intro = (
        f"## 7. Flight recorder\n\n{RECORDED_STEPS} steps of the classic exercise (2-4-1, "
        "XOR), in process, median of 3.\n\n"
    )
    return intro + markdown_table(["run", "time", "vs own"], rows)


# ---------------------------------------------------------------------------- report


def machine_description() -> str:
    """Platform, CPU count and the versions of python, numpy and torch."""
    torch_version = NO_TORCH if torch is None else f"torch {torch.__version__}"
    return "\n".join(
        [
            f"- platform: {platform.platform()}",
            f"- CPUs: {os.cpu_count()}",
            f"- python: {platform.python_version()}",
            f"- numpy: {np.__version__}",
            f"- torch: {torch_version}",
        ]
    )


def main() -> int:
    """Run every section, print the report and write it to docs/benchmarks.md."""
    sections = [
        oracle_section(),
        backprop_section(),
        startup_section(),
        end_to_end_section(),
        batch_section(),
        report_section(),
        recorder_section(),
    ]
    report = "\n\n".join(
        [
            "# netdoctor benchmarks",
            "Generated by `python benchmarks/run.py`; times are medians of a few repeats "
            "(`time.perf_counter`).",
            "## Machine\n\n" + machine_description(),
            *sections,
        ]
    )
    print(report)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(report + "\n", encoding="utf-8")
    print(f"\nwritten to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
