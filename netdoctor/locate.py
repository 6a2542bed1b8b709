"""Point each finding at the line that forms the wrong value.

The user's gradient computation runs once more under the line tracer (when a finding
needs it). A diagnosed bug is located at the first line whose array equals the mutant's
intermediate (the wrong output delta or hidden delta) and not the reference's; a
per-parameter finding at the first line that builds the user's value of that gradient.
"""

from __future__ import annotations

import ast
import linecache
from dataclasses import replace
from typing import Any

import numpy as np

from netdoctor import mutants as mutant_lib
from netdoctor.activations import stable_sigmoid
from netdoctor.delta_lines import (
    chosen_by_alias,
    copied_on,
    delta_named_copy,
    error_behind_ascent,
    holding,
    inside_the_helper,
    loss_gradient,
    passed_through,
    per_layer_method,
    summed_without_axis,
)
from netdoctor.diagnose import Diagnosis
from netdoctor.discover.update_sites import (
    odd_update_of,
    own_update_line,
    parameter_token,
)
from netdoctor.findings import Finding, Location
from netdoctor.floats import all_finite
from netdoctor.identify import LossChoice, architecture, canonical_params
from netdoctor.load import read_source
from netdoctor.named_apart import bias_delta_applied, slope_named_apart
from netdoctor.naming import DERIVATIVE_FUNCTION, GRADIENT_NAME, SHORT_GRADIENT_NAME
from netdoctor.neuron_delta import hidden_unit_parameter, neuron_delta_line
from netdoctor.parameter_line import formed_before, parameter_line
from netdoctor.scaled_delta import scaled_handed_delta
from netdoctor.stale_line import stale_read_line
from netdoctor.structure import FOLDED_BIAS
from netdoctor.subject import ParameterValues, Subject
from netdoctor.trace import (
    Assignment,
    Trace,
    first_in_place_change,
    first_line_building,
    first_line_equal_to,
    first_non_finite,
    first_proportional,
    helpers_called_at,
)
from netdoctor.verdicts import one_per_sample


def locate(
    findings: list[Finding],
    subject: Subject,
    values: ParameterValues,
    claimed: dict[str, Any],
    diagnosis: Diagnosis,
    hidden: str | None,
    loss: LossChoice,
    function_location: Location | None = None,
) -> list[Finding]:
    if subject.labels_line is not None:
        findings = [
            replace(f, location=Location("", subject.labels_line, None))
            if f.code == "ND206" and "operation" not in f.evidence
            else f
            for f in findings
        ]
    needed = [f for f in findings if _needs_the_trace(f, function_location)]
    if not subject.path or not any(f.severity != "info" for f in needed):  # (tracing the
        return findings  # user's backward costs a pass of it, or more)
    try:
        trace = subject.traced("claimed", values)
    except Exception:  # the user's code raised: the plain locations stay
        return findings
    m, dtype = subject.X.shape[0], subject.user_dtype  # float32 claims match to its precision
    targets = _bug_targets(subject, values, diagnosis, hidden, loss)
    located = []
    for finding in findings:
        if finding.code == "ND201" and finding.evidence.get("layers"):
            layer = int(finding.evidence["layers"][0]) - 1
            line = _pre_activation_line(subject, trace, values, hidden, loss, layer)
            if line is not None:  # where `+ b` belongs, not where the weights are made
                path = finding.location.path if finding.location else ""
                evidence = dict(finding.evidence)
                if finding.location is not None:
                    evidence["weights_line"] = finding.location.line
                located.append(
                    replace(finding, location=Location(path, line, None), evidence=evidence)
                )
                continue
        if _placed_by_its_rule(finding, function_location) or (
            finding.evidence.get("never_updated") and finding.location is not None
        ):  # a bias the update forgets: where its update belongs, not its gradient's line
            located.append(finding)
            continue
        line, helpers = None, []
        bug = finding.evidence.get("bug")
        parameter = finding.evidence.get("parameter")
        named = [parameter] if parameter else list(finding.evidence.get("parameters", []))
        slips = {subject.update_slips.get(name) for name in named}
        slipped_update = named and len(slips) == 1 and None not in slips
        if slipped_update:
            line = slips.pop()  # the update moves them the wrong way, at this line
        elif bug is not None and finding.evidence.get("place") in targets:
            signed = str(bug).startswith("sign-flipped")
            found = None
            for wrong, right in targets[finding.evidence["place"]]:
                found = found or first_line_building(trace, wrong, right, m, signed=signed)
            if found is None:  # formed straight into a dict's entry: `last["dZ"] = ...`
                entries = Trace(assignments=trace.entries)
                for wrong, right in targets[finding.evidence["place"]]:
                    found = found or first_line_building(entries, wrong, right, m, signed=signed)
            if found is not None and signed and finding.evidence.get("place") == "output":
                found = loss_gradient(subject, trace, found, targets.get("dA", []), m) or found
            helper = found is not None and bool(DERIVATIVE_FUNCTION.search(found.function))
            if (
                found is not None
                and finding.code == "ND104"
                and (
                    per_layer_method(trace, found) or helper  # the course's `sigmoid_backward`
                )
            ):
                # the slope is the sigmoid layer's, right for any loss: the loss's own
                # gradient handed to it is what is wrong
                dA = targets.get("dA", [])
                found = (
                    loss_gradient(subject, trace, found, dA, m, signed=False, handed=helper)
                    or found
                )
            if found is not None and finding.code in ("ND110", "ND113"):  # a missing slope
                found = (
                    copied_on(trace, found, subject.path)
                    # (a hidden layer's: an output's missing slope is the loss gradient's)
                    or (finding.code == "ND110" and passed_through(trace, found, subject.path))
                    or found
                )
            if found is not None:
                found = delta_named_copy(trace, found) or found
            if found is not None and finding.code == "ND202" and targets.get("doubled"):
                wrong, right = targets["doubled"][0]  # the forward's line, not the delta's
                found = first_line_building(trace.bound_to_names(), wrong, right, m) or found
            if (
                found is not None
                and finding.code in ("ND101", "ND102", "ND109")
                and (
                    bug != "activation-for-derivative"  # (`* H`: the fix is in the delta's line)
                )
            ):
                slopes = targets.get("slope", [])
                found = slope_named_apart(trace, found, slopes, m, subject.path) or found
            if found is not None:
                line = found.line
                if finding.code == "ND111":  # `l1_error = l2_delta.dot(syn1.T)` before it
                    line = stale_read_line(subject, trace, line)
                helpers = [
                    {
                        "name": c.helper,
                        "line": c.helper_line,
                        "called_at": c.line,
                        "arguments": _arguments(subject.path, c.line, c.helper),
                    }
                    for c in helpers_called_at(trace, found.line)
                ]
        inside = inside_the_helper(trace, str(bug), hidden, helpers, subject.path)
        line = inside if inside is not None else line
        if inside is not None:
            helpers = holding(subject.path, helpers, inside)
        elif finding.code == "ND109" and line is not None and len(helpers) == 1:
            line = chosen_by_alias(subject.path, line, str(helpers[0]["name"])) or line
        ascent = None
        if finding.code == "ND105" and str(bug).startswith("sign-flipped-output"):
            ascent = error_behind_ascent(subject, trace, values, m)
            line = ascent.line if ascent is not None else line
        odd = None
        if ascent is None and finding.code == "ND105":  # `-` among `+` (`err = y - h`)
            odd = odd_update_of(subject.path, subject.structure, named)
            line = odd or line
        if line is None and finding.code == "ND112":
            changed = _in_place_change(subject, trace, finding.evidence.get("mutated", []))
            line = changed.line if changed is not None else None
        if finding.code == "ND206":
            located.append(finding)
            continue
        if line is None and finding.code == "ND106" and "mean" in finding.evidence:
            mean, total = finding.evidence["mean"], finding.evidence["sum"]
            # the ones the file's own loss does not reduce alike (`J = J / m` beside
            # `Theta2_grad = Delta2`); without one, the fewer, and on a tie the summed ones
            # (a forgotten `/ m` is the usual one)
            fewer = mean if len(mean) < len(total) else total
            if loss.source != "default" and loss.reduction in ("mean", "sum"):
                fewer = total if loss.reduction == "mean" else mean
            line = parameter_line(trace, fewer, claimed, m, subject.path, values, dtype)
            if line is not None:  # not its L2 line (`G[:, 1:] += lam / m * T[:, 1:]`)
                line = formed_before(subject.path, line) or line
            if line is None and len(fewer) == 1:  # (lists of floats: no array traced)
                line = _update_line(subject, fewer[0])  # the update missing its `/ n`
        if line is None and finding.code == "ND106" and "scale" in finding.evidence:
            layer = next((s.layer for s in subject.structure.slots if s.name == parameter), None)
            if layer is not None and layer < subject.structure.n_layers - 1:  # a hidden one's
                scale = float(finding.evidence["scale"])
                line = scaled_handed_delta(subject, trace, values, hidden, loss, scale)
        if line is None and finding.evidence.get("summed_over") == "units" and parameter:
            line = _per_sample_line(trace, claimed.get(parameter), m)
        if line is None and finding.evidence.get("summed_over") == "one sample" and parameter:
            row = np.asarray(claimed.get(parameter), dtype=np.float64).reshape(-1)
            taken = first_proportional(trace.assignments, row)  # `return ..., dZ1[-1] * m`
            if row.size == 1:  # every one number is proportional: the gradient named for it
                taken = _named_gradient(trace, parameter)
            line = taken.line if taken is not None else None
        if finding.evidence.get("summed_over") == "samples and units" and parameter:
            token = parameter_token(parameter) or ""
            line = (
                (summed_without_axis(subject.path, token) if token else None)
                or _one_number_line(trace, claimed.get(parameter), m)
                or summed_without_axis(subject.path)
                or line
            )
        if line is None and (
            finding.evidence.get("place") == "hidden"
            or (finding.code == "ND106" and hidden_unit_parameter(subject.structure, parameter))
        ):  # neuron objects: the hidden delta, not the update every layer's neurons share
            line = neuron_delta_line(subject.path, subject.structure)
        if line is None:
            names = [parameter] if parameter else list(finding.evidence.get("parameters", []))
            line = parameter_line(trace, names, claimed, m, subject.path, values, dtype)
            if line is not None and finding.code == "ND108" and parameter:
                line = bias_delta_applied(subject, parameter, line) or line
            if line is None and finding.code in ("ND106", "ND108") and parameter:
                line = _update_line(subject, parameter)  # a gradient formed in its update
        if (
            line is None
            and finding.evidence.get("missing")
            and str(parameter).endswith(FOLDED_BIAS)
        ):
            # a folded layer's bias column of zeros: where its matrix's gradient is formed
            bare = [str(parameter).removesuffix(FOLDED_BIAS)]
            line = parameter_line(trace, bare, claimed, m, subject.path, None, dtype)
        if line is None and parameter and not all_finite(claimed.get(parameter)):
            started = first_non_finite(trace)
            line = started.line if started is not None else None
        if line is None:
            located.append(finding)
            continue
        evidence = dict(finding.evidence)
        message = finding.message
        if helpers:
            evidence["helpers"] = helpers
            message += " " + "; ".join(_helper_sentence(h) for h in helpers) + "."
        if slipped_update and finding.code == "ND105":
            message = (
                f"your update moves {', '.join(named)} up the gradients your code computes "
                "(`+=` where `-=` belongs, or `+` in `p = p + lr * g`): each step climbs the "
                "loss. The gradients themselves are right."
            )
        if ascent is not None and ascent.line == line:
            message = ascent.message
        elif odd is not None and odd == line and not slipped_update:
            message = (
                f"the update of {', '.join(named)} goes the other way from every other "
                "update: the gradients follow one sign convention (`err = y - out`, steps "
                "added, or the reverse), and this update breaks it, so it climbs the loss."
            )
        location = Location(finding.location.path if finding.location else "", line, None)
        located.append(replace(finding, location=location, evidence=evidence, message=message))
    return located


def _needs_the_trace(finding: Finding, function_location: Location | None) -> bool:
    """Whether placing `finding` reads the traced backward: a line its rule chose stays."""
    placed = finding.evidence.get("never_updated") and finding.location is not None
    layers = finding.code == "ND201" and finding.evidence.get("layers")
    return bool(layers) or not (placed or _placed_by_its_rule(finding, function_location))


def _placed_by_its_rule(finding: Finding, function_location: Location | None) -> bool:
    """A line a rule chose (a probe's first NaN, a training step's) stays; a finding about
    one parameter's value moves to the line that forms it (a crash line is where the
    wrong value was used, not made)."""
    if finding.location is None or finding.location == function_location:
        return False
    return "parameter" not in finding.evidence


def _helper_sentence(helper: dict[str, Any]) -> str:
    arguments = helper.get("arguments") or []
    called = f"`{helper['name']}` (line {helper['line']}) is called at line {helper['called_at']}"
    return called + (f" with `{', '.join(arguments)}`" if arguments else "")


def _arguments(path: str, line: int, helper: str) -> list[str]:
    text = linecache.getline(path, line).strip()
    try:
        tree = ast.parse(text if not text.endswith(":") else text + " pass")
    except SyntaxError:
        tree = None
        for candidate in (text.split("=", 1)[-1].strip(),):
            try:
                tree = ast.parse(candidate)
            except SyntaxError:
                return []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name == helper:
                return [ast.unparse(arg) for arg in node.args]
    return []


def _per_sample_line(trace: Trace, claimed: Any, m: int) -> int | None:
    """Where `db1 = np.sum(dZ1, axis=1, keepdims=True)` is formed: one number per sample,
    which the update broadcast over the units ((m, units) repeats that column)."""
    array = one_per_sample(claimed, m)  # as the verdict read it
    if array is None:
        return None
    returned = [a for a in trace.assignments if a.name.startswith("return")]
    formed = [a for a in trace.assignments if not a.name.startswith("return")]
    # a name, or the dict entry that formed it (`grads["db1"] = np.sum(dZ1, axis=0)`),
    # before where the value leaves (`return grads`)
    found = first_line_equal_to(Trace(formed + trace.entries + returned), [array.reshape(-1)], m)
    if found is None:  # read off a momentum step the claim is the sums times a factor:
        # matched up to one. A dict's entry first (no name held the value exactly: an entry
        # formed it, and a name that matches only up to a factor is a later copy, `gk =
        # np.clip(g[k], -5, 5)`), then names, and where a value leaves (`return g`) last
        found = first_proportional(trace.entries + formed + returned, array.reshape(-1))
    return found.line if found is not None else None


def _named_gradient(trace: Trace, parameter: str) -> Assignment | None:
    """The first one-number value bound to the parameter's gradient name (`gradBiasOutput
    = outputError` for `biasOutput`)."""
    token = (parameter_token(parameter) or "").lower()
    return next(
        (
            a
            for a in trace.assignments
            if a.value.size == 1
            and np.any(a.value != 0)  # not the `np.zeros(1)` it starts from
            and token
            and token in a.name.lower()
            and _gradient_named(a.name.split(".")[-1].lstrip("_"))
        ),
        None,
    )


def _gradient_named(name: str) -> bool:
    return bool(GRADIENT_NAME.match(name) or SHORT_GRADIENT_NAME.match(name))


def _one_number_line(trace: Trace, claimed: Any, m: int) -> int | None:
    """Where `np.sum(delta)` forms the one number every unit's bias gets."""
    if claimed is None or not np.size(claimed):
        return None
    number = np.asarray(claimed, dtype=np.float64).reshape(-1)[:1]
    found = first_line_equal_to(  # summed, or the mean the update takes of it
        Trace([a for a in trace.assignments if a.value.size == 1]), [number, number * m], m
    )
    return found.line if found is not None else None


def _in_place_change(subject: Subject, trace: Trace, mutated: list[str]) -> Assignment | None:
    """The first in-place write of the kind the finding names: of a weight when weights
    were changed, else of anything but a weight (`x[x > 0] = 1` in the helper, not the
    `self.W -= lr * dW` of the layer the pass updated before calling it)."""
    tokens = {t for slot in subject.structure.slots if (t := parameter_token(slot.name))}

    def weight(name: str) -> bool:
        return name in tokens or name.split(".")[-1].split("[")[0] in tokens

    of_weights = any(weight(label) for label in mutated)
    for assignment in trace.assignments:
        if assignment.in_place and weight(assignment.name) == of_weights:
            return assignment
    return first_in_place_change(trace)


def _update_line(subject: Subject, parameter: str) -> int | None:
    """`neuron.bias -= rate * neuron.delta` inside the loop over a neuron's inputs: where
    the parameter's step is formed, when no line holds its gradient apart."""
    try:
        _, tree = read_source(subject.path)
    except Exception:
        return None
    return own_update_line(tree, parameter)


def _pre_activation_line(
    subject: Subject,
    trace: Trace,
    values: ParameterValues,
    hidden: str | None,
    loss: LossChoice,
    layer: int,
) -> int | None:
    """The line forming a layer's pre-activation (`z1 = X @ W1`), else its activation
    (`h = sigmoid(X @ W1)`): where a missing bias is added."""
    try:
        params = canonical_params(subject, values)
        if hidden is not None:
            arch = architecture(hidden, loss, reduction="sum")
            passed = mutant_lib.shared_forward(arch, params, subject.X)
            formed = [passed.pre_activations[layer], passed.activations[layer]]
        elif layer == 0:  # the inputs times the weights, whatever the activations are
            formed = [np.asarray(subject.X, dtype=np.float64) @ params.weights[0]]
        else:
            return None
    except Exception:  # no reference network to compare with: the weights' line stays
        return None
    for value in formed:  # a name holding it, not a helper's `return 1 / (1 + np.exp(-x))`
        value = np.asarray(value, dtype=np.float64)
        for assignment in trace.assignments:
            held = assignment.value
            if assignment.name.startswith("return") or held.size != value.size:
                continue
            scale = max(float(np.max(np.abs(value), initial=0.0)), 1e-30)
            for form in (value, value.T):  # samples as rows or as columns
                if held.shape == form.shape and np.allclose(held, form, rtol=0, atol=1e-9 * scale):
                    return assignment.line
    return None


def _bug_targets(
    subject: Subject,
    values: ParameterValues,
    diagnosis: Diagnosis,
    hidden: str | None,
    loss: LossChoice,
) -> dict[str, list[tuple[np.ndarray, np.ndarray]]]:
    """place -> (the mutant's intermediate there, the reference's), at the user's point,
    scaled as the user's may be, most likely first."""
    if diagnosis.mutant is None or hidden is None or not diagnosis.point_mutants:
        return {}
    mutant = diagnosis.point_mutants[0]
    arch = architecture(hidden, loss, reduction="sum")
    params = canonical_params(subject, values)
    true_output, true_hidden = mutant_lib.truth_deltas(arch, params, subject.X, subject.Y)
    # The user's intermediates carry the factor their gradients do (a mean taken early),
    # unless the factor is a rate applied inside the step (`self.W -= lr * grad @ x.T` in
    # a layer's own backward): then the deltas are the plain ones.
    # (or the mean taken late, `grads = [X.T @ d1 / m, ...]` of a delta that carries the
    # rest of the factor: `d2 = (p - y) * p * (1 - p)` without the squared error's 2)
    m = subject.X.shape[0]
    factors = dict.fromkeys((diagnosis.factor, 1.0, diagnosis.factor * m))
    targets = {"output": [(c * mutant.output_delta, c * true_output) for c in factors]}
    activations = mutant_lib.shared_forward(arch, params, subject.X).activations
    outputs = activations[-1]
    slope = outputs * (1 - outputs)  # the sigmoid's: dA = dZ / slope, the loss's own gradient
    if np.all(slope > 1e-9):  # (the mutant's; a flipped output delta's is minus the truth's)
        targets["dA"] = [
            (c * mutant.output_delta / slope, c * true_output / slope) for c in factors
        ]
    if mutant.hidden_deltas and true_hidden:
        # the layer the bug is in, of several hidden ones; else the last, which every
        # hidden bug reaches first
        last = len(mutant.hidden_deltas) - 1
        k = last if mutant.hidden_layer is None else mutant.hidden_layer
        targets["hidden"] = [(c * mutant.hidden_deltas[k], c * true_hidden[k]) for c in factors]
        after = [*mutant.hidden_deltas, mutant.output_delta][k + 1]
        w = params.weights[k + 1]
        if k == last:  # the derivatives the deltas were multiplied by, where defined
            with np.errstate(all="ignore"):
                wrong, right = mutant.hidden_deltas[k] / (after @ w.T), true_hidden[k]
                targets["slope"] = [(wrong, right / (true_output @ w.T))]
        # `d_h1 = d_z2 @ W2` (or `return grad @ self.W.T` read after `self.W -= ...`) is
        # formed before the slope multiplies it: that line first
        if any(bug.key == "untransposed-backprop" for bug in mutant.bugs):
            targets["hidden"][:0] = [(c * (after @ w), c * (after @ w.T)) for c in factors]
        elif mutant.stale_rate is not None:
            stale = w - mutant.stale_rate * (activations[k].T @ after)
            targets["hidden"][:0] = [(c * (after @ stale.T), c * (after @ w.T)) for c in factors]
    if "ND101" in mutant.codes:  # `sig = sigmoid(self.output)` named apart: sigmoid(A), not A
        targets.setdefault("slope", []).extend((stable_sigmoid(a), a) for a in activations)
    if "ND202" in mutant.codes:  # `probs = self._sigmoid(logits)`: the output squashed again
        targets["doubled"] = [(stable_sigmoid(activations[-1]), activations[-1])]
    return targets
