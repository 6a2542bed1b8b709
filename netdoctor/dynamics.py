"""Training-dynamics rules (ND301-ND308) on a Recording, and the replay with true gradients.

Thresholds (see each rule's explanation; starting points from DESIGN.md):
- dead ReLU: active on under 1 % of samples; a layer is an error above 50 % dead units,
  a warning from 10 % (cloud training debuggers use the same two levels).
- saturated: the unit's slope is under 1e-4 of its maximum on 99 % of samples; a layer is
  flagged above 50 %. (DESIGN.md's 1e-7 only flags units that are already beyond any use;
  1e-4 means 10,000 times slower learning, which is what a user sees as "stuck".)
- stuck at half: outputs' spread under 0.01, mean within 0.05 of 0.5, mean loss within
  0.01 of ln 2, over the last tenth of the run (at least 5 records) after 50 steps.
- update-to-weight norm ratio: above 1 is an explosion; the run's median under 1e-5 with
  the loss hardly moving is a step too small (CS231n's healthy value is about 1e-3).
- vanishing/exploding: first- to last-layer gradient-norm ratio under 1e-3 or above 70.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netdoctor import reference
from netdoctor.findings import Finding, Location, new_finding
from netdoctor.record import Recording

LN2 = math.log(2.0)
DEAD_ERROR, DEAD_WARNING = 0.5, 0.1
SATURATED_LAYER = 0.5
EXPLOSION_RATIO = 1.0
TINY_RATIO = 1e-5
VANISHING, EXPLODING = 1e-3, 70.0
WARM_UP = 50


@dataclass
class Replay:
    losses: list[float]
    steps: list[int]
    final_loss: float
    with_biases_added: bool = False
    biases_added_final_loss: float | None = None


@dataclass
class DynamicsResult:
    findings: list[Finding] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def _finding(code: str, severity: str, message: str, fix: str, evidence: dict[str, Any]) -> Finding:
    return new_finding(code, severity, message, fix, evidence)


def replay(
    hidden: str,
    loss: str,
    mse_half: bool,
    params: reference.DenseParams,
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float,
    steps: int,
    reduction: str,
    record_steps: list[int],
) -> tuple[list[float], float]:
    """Gradient descent with the true gradients: mean losses at `record_steps`, and the last."""
    arch = reference.Architecture(hidden, loss, reduction, "row", mse_half)
    mean_arch = reference.Architecture(hidden, loss, "mean", "row", mse_half)
    weights = [np.array(w, dtype=np.float64) for w in params.weights]
    biases = [None if b is None else np.array(b, dtype=np.float64) for b in params.biases]
    wanted = set(record_steps)
    losses: list[float] = []
    value = float("nan")
    with np.errstate(all="ignore"):
        for index in range(steps):
            current = reference.DenseParams(weights, biases)
            grads = reference.backward(arch, current, X, Y)
            value = grads.loss / (len(X) if reduction == "sum" else 1.0)  # the mean loss
            if index in wanted:
                losses.append(float(value))
            weights = [
                w - learning_rate * g for w, g in zip(weights, grads.weight_gradients, strict=True)
            ]
            biases = [
                None if b is None else b - learning_rate * g  # type: ignore[operator]
                for b, g in zip(biases, grads.bias_gradients, strict=True)
            ]
            if not np.isfinite(value):
                break
        final = reference.loss(mean_arch, reference.DenseParams(weights, biases), X, Y)
    return losses, float(final)


def _ratio(record: Any, name: str) -> float:
    weight = record.weight_norms.get(name, 0.0)
    return record.update_norms.get(name, 0.0) / weight if weight > 0 else float("inf")


def analyse(
    recording: Recording,
    weight_names: list[str],
    replay_result: Replay | None,
    gradient_codes: list[str],
    non_finite_operation: tuple[int, str] | None = None,
) -> DynamicsResult:
    """Rules on the record, linked into causes: gradient bug -> explosion -> death -> 0.5."""
    result = DynamicsResult()
    steps = recording.steps
    losses = recording.losses()
    if not steps:
        return result
    first, last = steps[0], steps[-1]
    cause_codes = [c for c in gradient_codes if c.startswith("ND1")]
    explosions = [
        (s.step, max(_ratio(s, n) for n in weight_names))
        for s in steps
        if max(_ratio(s, n) for n in weight_names) > EXPLOSION_RATIO
    ]
    summary: dict[str, Any] = {
        "steps_run": recording.steps_run,
        "stopped": recording.stopped,
        "learning_rate": recording.learning_rate,
        "learning_rate_source": recording.learning_rate_source,
        "initial_loss": float(losses[0]),
        "final_loss": float(losses[-1]) if np.isfinite(losses[-1]) else None,
        "final_output_mean": last.output_mean,
        "final_output_std": last.output_std,
    }
    if replay_result is not None:
        summary["replay_final_loss"] = replay_result.final_loss
        if replay_result.with_biases_added:
            summary["replay_with_biases_final_loss"] = replay_result.biases_added_final_loss
    result.summary = summary
    findings = result.findings

    if any(recording.initial_symmetric):
        layers = [i + 1 for i, s in enumerate(recording.initial_symmetric) if s]
        findings.append(
            _finding(
                "ND307",
                "error",
                f"hidden layer(s) {layers} start with identical units (zero or constant "
                "initial weights): every unit gets the same gradient, so they stay identical "
                "and the layer works like a single unit.",
                "Initialise weights randomly: np.random.randn(n_in, n_out) * np.sqrt(1 / n_in) "
                "(biases may start at zero).",
                {"layers": layers},
            )
        )

    dead_code: Finding | None = None
    initial_dead = max(recording.initial_dead, default=0.0)
    for record in steps:
        worst = max(record.dead_fraction, default=0.0)
        if worst > DEAD_ERROR and worst > initial_dead:
            layer = record.dead_fraction.index(worst) + 1
            before = [e for e in explosions if e[0] < record.step]
            cause = ""
            evidence: dict[str, Any] = {
                "layer": layer,
                "dead_fraction": worst,
                "step": record.step,
                "dead_at_initialisation": initial_dead,
            }
            if before:
                step, ratio = before[-1]
                cause = f", after an update {ratio:.3g} times the weights' norm at step {step}"
                evidence["explosion"] = {"step": step, "update_to_weight": ratio}
            if cause_codes:
                cause += f", caused by {' + '.join(cause_codes)}"
                evidence["caused_by"] = cause_codes
            at_start = f" ({initial_dead:.0%} were dead at initialisation)" if initial_dead else ""
            final_dead = max(last.dead_fraction, default=0.0)
            if final_dead > worst:
                at_start += f", {final_dead:.0%} by the end"
            evidence["dead_at_end"] = final_dead
            dead_code = _finding(
                "ND301",
                "error",
                f"{worst:.0%} of hidden layer {layer}'s ReLUs are dead from step {record.step}"
                f"{at_start}{cause}: inactive on every sample, they receive no gradient again.",
                "Fix the gradient first; then a smaller learning rate, and biases that start "
                "at 0 or slightly positive, keep ReLUs alive.",
                evidence,
            )
            findings.append(dead_code)
            break
    if dead_code is None:
        for layer, dead in enumerate(recording.initial_dead):
            if dead > DEAD_WARNING:
                dead_code = _finding(
                    "ND301",
                    "error" if dead > DEAD_ERROR else "warning",
                    f"{dead:.0%} of hidden layer {layer + 1}'s ReLUs are dead before training: "
                    "inactive on every sample, they pass no gradient and never recover.",
                    "Start the biases at 0 or a small positive value and scale the weights "
                    "(He initialisation: np.random.randn(n_in, n_out) * np.sqrt(2 / n_in)).",
                    {
                        "layer": layer + 1,
                        "dead_fraction": dead,
                        "step": 0,
                        "at_initialisation": True,
                    },
                )
                findings.append(dead_code)
                break

    tail = steps[max(0, len(steps) - max(5, len(steps) // 10)) :]
    stuck = recording.steps_run > WARM_UP and len(tail) >= 5 and all(_is_stuck(s) for s in tail)
    if stuck:
        since = len(steps) - 1
        while since > 0 and _is_stuck(steps[since - 1]):
            since -= 1
        causes = []
        if dead_code is not None:
            causes.append(f"ND301 dead-relu from step {dead_code.evidence['step']}")
            if "explosion" in dead_code.evidence:
                e = dead_code.evidence["explosion"]
                causes.append(
                    f"after an update {e['update_to_weight']:.3g} times the weights' norm at "
                    f"step {e['step']}"
                )
        elif any(recording.initial_symmetric):
            causes.append("ND307 symmetric-init")
        if cause_codes:
            causes.append(f"caused by {' + '.join(cause_codes)}")
        replay_text = ""
        if replay_result is not None and np.isfinite(replay_result.final_loss):
            replay_text = (
                f" With correct gradients the same network reaches loss "
                f"{replay_result.final_loss:.3g}; yours ends at {last.loss:.3g}."
            )
            if replay_result.with_biases_added and replay_result.biases_added_final_loss:
                replay_text += (
                    " Without biases it cannot fit this data; with biases added and correct "
                    f"gradients it reaches {replay_result.biases_added_final_loss:.3g}."
                )
        findings.append(
            _finding(
                "ND302",
                "error",
                f"outputs are stuck at {last.output_mean:.3f} (spread {last.output_std:.2g}) and "
                f"the loss at {last.loss:.4f} (ln 2 = 0.6931) from step {steps[since].step} on"
                + (f", {', '.join(causes)}" if causes else "")
                + "."
                + replay_text,
                "Fix the causes listed first. Scaling the ReLU outputs down (the usual advice) "
                "does not bring dead units back: it only shrinks a gradient that is already 0.",
                {
                    "from_step": steps[since].step,
                    "output_mean": last.output_mean,
                    "output_std": last.output_std,
                    "loss": last.loss,
                    "caused_by": causes,
                },
            )
        )

    if recording.first_non_finite_step is not None:
        where = ""
        evidence = {"step": recording.first_non_finite_step}
        if non_finite_operation is not None:
            line, text = non_finite_operation
            where = f"; the first operation to produce it is line {line}: `{text}`"
            evidence["line"] = line
        finding = _finding(
            "ND306",
            "error",
            f"training produced inf or NaN at step {recording.first_non_finite_step}{where}.",
            "Compute the output delta as A - Y (no division by A or 1 - A), use a stable "
            "sigmoid, and lower the learning rate if the weights grow without bound.",
            evidence,
        )
        if non_finite_operation is not None:
            finding = Finding(
                **{**finding.__dict__, "location": Location("", non_finite_operation[0], None)}
            )
        findings.append(finding)

    finite = losses[np.isfinite(losses)]
    if finite.size >= 3 and recording.first_non_finite_step is None:
        rising = finite[-1] > finite[0] * 1.5 and finite[-1] > 0.05
        increases = np.mean(np.diff(finite) > 0)
        # A loss that rises with the user's gradients but falls with the true ones is the
        # gradient's doing (reported above), not the learning rate's.
        replay_descends = (
            replay_result is not None
            and np.isfinite(replay_result.final_loss)
            and replay_result.final_loss < 0.5 * finite[0]
        )
        if (rising or (increases > 0.4 and finite[-1] > finite[0])) and not (
            replay_descends and cause_codes
        ):
            findings.append(
                _finding(
                    "ND308",
                    "error",
                    f"the loss rises under training: {finite[0]:.4g} -> {finite[-1]:.4g} over "
                    f"{recording.steps_run} steps at learning rate {recording.learning_rate:g}; "
                    f"it went up in {increases:.0%} of the recorded steps.",
                    "Lower the learning rate (divide by 10 until the loss falls), or check the "
                    "gradient's sign and scale.",
                    {
                        "initial_loss": float(finite[0]),
                        "final_loss": float(finite[-1]),
                        "kind": "too large",
                    },
                )
            )
        else:
            ratios = [max(_ratio(s, n) for n in weight_names) for s in steps]
            median = float(np.median(ratios)) if ratios else 0.0
            moved = abs(finite[0] - finite[-1]) / max(abs(finite[0]), 1e-12)
            if 0 < median < TINY_RATIO and moved < 0.01:
                findings.append(
                    _finding(
                        "ND308",
                        "warning",
                        f"each update changes the weights by {median:.2g} of their norm (about "
                        "1e-3 is healthy) and the loss moved by under 1 %: the learning rate "
                        f"{recording.learning_rate:g} is too small for this network.",
                        "Raise the learning rate by factors of 10 while the loss keeps falling.",
                        {"median_update_to_weight": median, "kind": "too small"},
                    )
                )
            elif (
                not stuck
                and recording.steps_run > WARM_UP
                and finite[-1] > 0.1
                and _plateaued(finite)
                and replay_result is not None
                and replay_result.final_loss < 0.5 * finite[-1]
            ):
                findings.append(
                    _finding(
                        "ND303",
                        "warning",
                        f"the loss stopped falling at {finite[-1]:.4g} (under 1 % in the second "
                        f"half of the run); with correct gradients the same network reaches "
                        f"{replay_result.final_loss:.3g}.",
                        "Fix the gradient findings above; then consider the learning rate.",
                        {"loss": float(finite[-1]), "replay_final_loss": replay_result.final_loss},
                    )
                )

    for layer, saturated in enumerate(last.saturated_fraction):
        if saturated > SATURATED_LAYER:
            findings.append(
                _finding(
                    "ND304",
                    "warning",
                    f"{saturated:.0%} of hidden layer {layer + 1}'s units are saturated at the end "
                    f"of training (slope under 1e-4 of its maximum on every sample): they have "
                    "stopped learning.",
                    "Scale the inputs, initialise with variance 1/n_in, and use a smaller "
                    "learning rate; consider ReLU or tanh.",
                    {"layer": layer + 1, "saturated_fraction": saturated},
                )
            )
            break

    if len(weight_names) >= 2:
        for record in steps:
            first_norm = record.gradient_norms.get(weight_names[0], 0.0)
            last_norm = record.gradient_norms.get(weight_names[-1], 0.0)
            if first_norm > 0 and last_norm > 0:
                ratio = first_norm / last_norm
                if ratio < VANISHING or ratio > EXPLODING:
                    kind = "vanishing" if ratio < VANISHING else "exploding"
                    findings.append(
                        _finding(
                            "ND305",
                            "warning",
                            f"at step {record.step} the first layer's gradient is {ratio:.2g} "
                            f"times the last layer's ({kind}): the layers learn at very "
                            "different speeds.",
                            "Initialise each layer with variance 1/n_in (Xavier) or 2/n_in (He), "
                            "and scale the inputs.",
                            {"step": record.step, "ratio": ratio, "kind": kind},
                        )
                    )
                    break
    del first
    return result


def _is_stuck(record: Any) -> bool:
    return bool(
        record.output_std < 0.01
        and abs(record.output_mean - 0.5) < 0.05
        and abs(record.loss - LN2) < 0.01
    )


def _plateaued(losses: np.ndarray) -> bool:
    half = losses[len(losses) // 2 :]
    if half.size < 2 or not np.isfinite(half[0]) or half[0] <= 0:
        return False
    return bool(abs(half[0] - half[-1]) / half[0] < 0.01)  # neither falling nor rising
