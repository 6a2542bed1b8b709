"""What the passes of a loop say about it, as the follower watches them: a loop over the
layers or over the units of one layer is no training loop; a sample of zeros hides the
first layer; a model of one layer may be a baseline before the network; a gradient sum is
no weight."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable
from types import FrameType
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.changed import changed_parameters
from netdoctor.discover.loops import LoopInfo, loop_targets, pass_variables
from netdoctor.discover.state import Parameter, Slot, is_float_slot
from netdoctor.discover.step_names import sliced_names
from netdoctor.discover.stepping import called_name


def zero_sample(frame: FrameType, loop: LoopInfo) -> bool:
    """The pass that just ended walked a sample whose inputs are all 0: a loop variable
    (`x` of `for x, t in data`) that is a vector of zeros."""
    if not isinstance(loop.node, ast.For):
        return False
    scope = frame.f_globals if frame.f_code.co_name == "<module>" else frame.f_locals
    for name in loop_targets(loop.node):
        value = scope.get(name)
        if (
            isinstance(value, list | tuple)
            and value
            and all(isinstance(v, int | float) for v in value)
        ):
            value = np.asarray(value, dtype=np.float64)
        if isinstance(value, np.ndarray) and value.size >= 2 and value.dtype.kind in "fiu":
            if not np.any(value):
                return True
    return False


def element_loop(
    first: list[Slot],
    second: list[Slot],
    parameters: list[Parameter],
    shared: set[str] | None = None,
) -> bool:
    """A loop over units or entries (`for j in range(n_hidden): W2[j] -= lr * d * h[j]`):
    each pass changes other entries of the same arrays, never all of them. A training
    step changes the same entries again (a sample of zeros may leave a row alone, but
    the next layer's weights and the biases move in every pass). With `shared` (the
    first pass's names), what only this pass changed is left out: each unit's own weight
    array (`hidden_weights[j] -= ...` beside `hidden_bias[j] -= ...`) is another array."""
    before = {s.label: s.copy for s in first if isinstance(s.copy, np.ndarray)}
    middle = {s.label: s.copy for s in second if isinstance(s.copy, np.ndarray)}
    compared = 0
    for parameter in parameters:
        if shared is not None and not shared & aliases([parameter]):
            continue
        label = parameter.primary.label
        start, between = before.get(label), middle.get(label)
        now = parameter.primary.current()
        if start is None or between is None or not isinstance(now, np.ndarray):
            return False
        if not (start.shape == between.shape == now.shape) or start.size < 2:
            return False
        once = start != between
        again = between != now
        if once.all() or again.all() or (once & again).any():
            return False
        compared += 1
    return compared > 0


def over_layers(loop: ast.For | ast.While, frame: FrameType) -> bool:
    """A loop over the layers: its iterable reads a short list (or dict) of weight matrices
    (`for k in range(len(Ws) - 1, -1, -1)`, `zip(Ws, bs)`, `weights.items()`). Its passes
    change one layer each, or a delta that flows from layer to layer; the training loop is
    around it."""
    if not isinstance(loop, ast.For):
        return False
    scopes = (frame.f_locals, frame.f_globals)
    for node in ast.walk(loop.iter):
        value = _value_of(node, scopes)
        if isinstance(value, dict):  # `for k, w in model.weights.items()`
            value = list(value.values())
        if isinstance(value, list | tuple) and 2 <= len(value) <= 16:
            # the matrices themselves, or the layer objects holding them (`self.layers`)
            matrices = [_first_matrix(v) for v in value]
            if all(m is not None for m in matrices) and len({m.shape for m in matrices}) > 1:  # type: ignore[union-attr]
                return True
    # `for layer in network.trainable_layers():` a method's list, seen through the item the
    # pass is at: a layer object of the file's holding a weight matrix (never a batch)
    made = any(isinstance(node, ast.Call) for node in ast.walk(loop.iter))
    if made and isinstance(loop.target, ast.Name):
        item = _value_of(loop.target, scopes)
        layer = hasattr(item, "__dict__") and not isinstance(item, type | np.ndarray)
        return layer and _first_matrix(item) is not None
    return False


def _value_of(node: ast.AST, scopes: tuple[dict[str, Any], ...]) -> Any:
    """What a name or an attribute of a name (`self.layers`) holds now; None otherwise."""
    if isinstance(node, ast.Name):
        return next((scope[node.id] for scope in scopes if node.id in scope), None)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        try:  # (a property of the user's may raise anything)
            return getattr(_value_of(node.value, scopes), node.attr, None)
        except Exception:
            return None
    return None


def _first_matrix(value: Any) -> np.ndarray | None:
    """A weight matrix, or the first one an object of the file's keeps (a layer's `W`)."""
    if isinstance(value, np.ndarray):
        return value if value.ndim == 2 else None
    if hasattr(value, "__dict__") and not isinstance(value, type):
        held = list(vars(value).values())  # and one level into its dicts (`self.params`)
        held += [v for d in held if isinstance(d, dict) for v in d.values()]
        found = (v for v in held if isinstance(v, np.ndarray) and v.ndim == 2)
        return next(found, None)
    return None


@functools.lru_cache(maxsize=256)
def inner_targets(loop: ast.For | ast.While | ast.AsyncFor) -> frozenset[str]:
    """The variables of the loops inside a loop's body: `param` of `for param, grad in
    model.parameters()`, which holds the last item after the inner loop (an alias). Once
    per loop: the follower asks at every pass (24,000 passes of a per-example loop)."""
    return frozenset(
        {
            name
            for statement in loop.body
            for node in ast.walk(statement)
            if isinstance(node, ast.For | ast.AsyncFor)
            for name in loop_targets(node)
        }
    )


@functools.lru_cache(maxsize=256)
def sliced_in(loop: ast.For | ast.While | ast.AsyncFor) -> frozenset[str]:
    """Names the loop's body binds to slices of other arrays (`xb, yb = data[rows],
    target[rows]`), once per loop."""
    return frozenset(sliced_names(loop.body))


@functools.lru_cache(maxsize=256)
def shuffled_in_place(loop: ast.For | ast.While | ast.AsyncFor) -> frozenset[str]:
    """Names the loop's body shuffles in place (`np.random.shuffle(table)`, `rng.shuffle(
    data)`, `random.shuffle(samples)`): the data, moving at every pass, never a weight,
    even where the file also normalised it from its own values (`table[:, c] = (table[:,
    c] - mu) / sigma`)."""
    return frozenset(
        ast.unparse(node.args[0])
        for statement in loop.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Call) and node.args and called_name(node) == "shuffle"
    )


def one_layer(parameters: list[Parameter]) -> bool:
    """One weight array and at most a one-number bias: a model without a hidden layer; or
    the numbers of one neuron object (`out.weights[k]` and `out.bias` of a loop over its
    inputs: a bias stepped inside it moves in every pass). Not one array among many
    one-number ones: the neurons of a one-input hidden layer (`w` of shape (1,) each) and
    the output neuron's `w` over them are a network."""
    sizes = [np.size(p.primary.copy) for p in parameters]
    if all(size == 1 for size in sizes):
        return len({_holder(p.primary.label) for p in parameters}) == 1
    return sum(size > 1 for size in sizes) == 1 and sum(size == 1 for size in sizes) <= 1


def _holder(label: str) -> str:
    """`net.hidden.neurons[2]` of `net.hidden.neurons[2].weights[0]` and of `...[2].bias`."""
    return re.sub(r"\.\w+(\[[^\]]*\])?$", "", label)


def random_matrix(value: Any) -> bool:
    """A weight matrix as it is made: 2-D, no zero entry (a sum starts at zero)."""
    return isinstance(value, np.ndarray) and value.ndim == 2 and bool(np.all(value != 0))


def accumulator(parameter: Parameter) -> bool:
    """A gradient sum the pass adds to (`nabla_w`, zero when the mini-batch starts), not a
    weight: the loop around it is the per-sample loop, and the training step is further out."""
    before = parameter.primary.copy
    name = parameter.primary.label.split("[")[0].split(".")[-1]
    named = _gradient_named(name) or bool(
        _ACCUMULATOR.match(name)
        or naming.SHORT_GRADIENT_NAME.match(name)
        or _G_PREFIXED.match(name)
    )
    return isinstance(before, np.ndarray | float) and not np.any(before) and named


# `gWi`, `gbo`, `gW1`: a sum named after its weight with a bare `g` (not `gamma`, `gain`)
_G_PREFIXED = re.compile(r"^g[WwBbVv][A-Za-z]?\d?$")
# `D1`, `Delta2`, `acc_1`: the course's capital-delta sums over the examples
_ACCUMULATOR = re.compile(r"^(d|delta|acc(um(ulator)?)?|sums?|total)_?\d+$", re.IGNORECASE)


# `Theta1_grad`, `w1grad`, `W_gradient`: the exercise's accumulators named after their weight
_GRADIENT_SUFFIX = re.compile(r"_?grad(ient)?s?$", re.IGNORECASE)


def gradient_buffer(parameter: Parameter) -> bool:
    """`layer.weight.grad`, `self.grads[0]`, `net.dW1`: a place a backward pass writes a
    gradient into (and `zero_grad()` clears), never a weight, whatever it holds."""
    names = re.sub(r"\[[^\]]*\]", "", parameter.label).split(".")
    return any(_gradient_named(n) for n in names if n)


def without_gradient_buffers(parameters: list[Parameter]) -> list[Parameter]:
    """The parameters less the places a backward pass keeps gradients in: named as
    gradients, or after another parameter of their holder (`self._dbias` beside
    `self._bias`, `layer.d_w` beside `layer.w`)."""
    twins = named_twins(parameters, _GRADIENT_PREFIXES, lambda name: name.lstrip("_").lower())
    return [p for p in parameters if not gradient_buffer(p) and id(p) not in twins]


# tried one by one: `grad_w` is `w`'s, whatever `rad_w` would be
_GRADIENT_PREFIXES = tuple(re.compile(f"^{prefix}") for prefix in ("grad_", "d_", "d", "g"))


def named_twins(
    parameters: list[Parameter],
    patterns: tuple[re.Pattern[str], ...],
    normalize: Callable[[str], str] = str,
) -> set[int]:
    """Ids of the parameters named like another of their holder and shape with one of
    `patterns` taken off their name: a gradient buffer (`_dbias` beside `_bias`) or an
    optimizer's state (`layer.vW` beside `layer.W`). `normalize` says which names are one."""

    def holder_and_name(parameter: Parameter) -> tuple[str, str]:
        holder, _, name = parameter.label.rpartition(".")
        return holder, normalize(name)

    known = {(*holder_and_name(p), np.shape(p.before)) for p in parameters}
    found = set()
    for parameter in parameters:
        holder, name = holder_and_name(parameter)
        for pattern in patterns:
            stem = pattern.sub("", name, count=1)
            if stem and stem != name and (holder, stem, np.shape(parameter.before)) in known:
                found.add(id(parameter))
    return found


def _gradient_named(name: str) -> bool:
    name = name.lstrip("_")  # a private attribute (`self._dW`) is named as much
    return bool(naming.GRADIENT_NAME.match(name) or _GRADIENT_SUFFIX.search(name))


def aliases(parameters: list[Parameter]) -> set[str]:
    """Every name the parameters' arrays go by: a pass may name one array differently from
    the last (a generator's `yield ..., (w_ih, b_h)` binds the caller's `params` after
    the first pass, and `params[0]` is then the name the array is known by)."""
    return {slot.label for parameter in parameters for slot in parameter.slots}


def moved_again(
    first: set[str],
    changed: list[Parameter],
    slots: list[Slot],
    exclude: set[str],
    ran: set[str],
    stepped: set[str],
) -> list[Parameter]:
    """The second pass's parameters: when none is one of the first pass's (`first`, their
    aliases), those of the first pass that moved again by a route the syntax hides (`param
    = getattr(model, name); param -= ...`) while what it shows updated is an optimizer's
    state the first pass made (`self.m[name] = ...`)."""
    if not first or first & aliases(changed):
        return changed
    loose = changed_parameters(slots, exclude, None, ran, stepped)
    return [p for p in loose if first & aliases([p])] or changed


def copy_locals(frame: FrameType, loop: LoopInfo) -> dict[str, Any]:
    """The frame's locals as the pass begins. At top level, only the loop's own variables
    (`i` of `for i in range(0, N, 20)`): the step is confirmed a pass later, when they have
    moved on, and a re-run of the pass must see the batch the observed pass saw."""
    if frame.f_code.co_name == "<module>":
        names = pass_variables(loop.node)
        items = [(k, v) for k, v in frame.f_globals.items() if k in names]
    else:
        items = list(frame.f_locals.items())
    return {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in items}


_ZEROS = ("zeros", "zeros_like")


def reset_in_the_pass(
    loop: ast.For | ast.While, tree: ast.AST, enclosing: tuple[int, ...] = ()
) -> set[str]:
    """Names the body of the loop, or of a loop around it (`enclosing`: their headers),
    sets to zeros as a pass begins (`gWi, gbi = np.zeros_like(Wi), np.zeros_like(bi)`,
    `gbo = 0.0`) and then adds to: gradient sums over the samples a pass walks, not
    parameters, whatever they are named."""
    loops = [loop] + [
        n for n in ast.walk(tree) if isinstance(n, ast.For | ast.While) and n.lineno in enclosing
    ]

    def zero(value: ast.expr) -> bool:
        if isinstance(value, ast.DictComp):  # `sums = {k: np.zeros_like(v) for k, v in ...}`
            return zero(value.value)
        if isinstance(value, ast.ListComp):  # `sums = [np.zeros_like(p) for p in params]`
            return zero(value.elt)
        return _zero_value(value)

    found: set[str] = set()
    for statement in (s for each in loops for s in each.body):
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target, value = statement.targets[0], statement.value
        pairs = (
            list(zip(target.elts, value.elts, strict=False))
            if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
            else [(target, value)]
        )
        found |= {t.id for t, v in pairs if isinstance(t, ast.Name) and zero(v)}
    return found


def _zero_value(value: ast.expr) -> bool:
    """`0`, `0.0`, `np.zeros(...)`, `np.zeros_like(...)`: a value that is all zeros."""
    if isinstance(value, ast.Constant):
        return value.value == 0 and not isinstance(value.value, bool)
    return isinstance(value, ast.Call) and (
        getattr(value.func, "attr", None) in _ZEROS or getattr(value.func, "id", None) in _ZEROS
    )


def label_root(label: str) -> str:
    """The name a slot's label starts from: `g` of `g['W1']`, `n` of `n.weights[0]`."""
    return re.split(r"[\[.]", label, maxsplit=1)[0]


def one_sample_step(pending: Any, loop: ast.For | ast.While) -> bool:
    """`if (i + 1) % batch_size == 0:` stepping with sums the passes before it gathered, then
    zeroing them (`g_ih[:] = 0`): the stepping pass re-run from zero sums is one sample's
    step (the batch's update with one sample's gradients in it). Marks `pending` so
    (`zeroed`, the sums out of its parameters) and says whether it could."""
    sums = summed_then_reset(loop)
    kept = [p for p in pending.parameters if label_root(p.primary.label) not in sums]
    if not sums or len(kept) < 2:
        return False
    pending.parameters, pending.zeroed = kept, tuple(sorted(sums))
    pending.gathered = _every(loop, pending)
    return True


def _every(loop: ast.For | ast.While, pending: Any) -> int:
    """k of the `if (i + 1) % k == 0:` that steps, read in the pass's scope (1 if unsure):
    the samples each update's sums hold, so the one-sample step's rate is the rate / k."""
    for branch in (n for s in loop.body for n in ast.walk(s) if isinstance(n, ast.If)):
        test = branch.test
        if not (
            isinstance(test, ast.Compare)
            and isinstance(test.left, ast.BinOp)
            and isinstance(test.left.op, ast.Mod)
            and isinstance(test.ops[0], ast.Eq)
            and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == 0
        ):
            continue
        divisor = test.left.right
        if isinstance(divisor, ast.Constant):
            value = divisor.value
        elif isinstance(divisor, ast.Name):
            value = pending.locals.get(divisor.id, pending.globals.get(divisor.id))
        else:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
    return 1


def summed_then_reset(loop: ast.For | ast.While) -> set[str]:
    """Names the body adds to (`g_ih += x.T @ delta_h`) and sets back to zero inside an
    `if` (`g_ih[:] = 0`, `g_ih.fill(0)`, `g_ih *= 0`, `g_ih = np.zeros_like(w_ih)`)."""
    added = {
        n.target.id
        for statement in loop.body
        for n in ast.walk(statement)
        if isinstance(n, ast.AugAssign)
        and isinstance(n.op, ast.Add)
        and isinstance(n.target, ast.Name)
    }
    reset: set[str] = set()
    for branch in (n for s in loop.body for n in ast.walk(s) if isinstance(n, ast.If)):
        for node in (n for s in branch.body for n in ast.walk(s)):
            reset |= _zeroed_names(node)
    return added & reset


def _zeroed_names(node: ast.AST) -> set[str]:
    """The name `node` sets to zero, in place or afresh."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            target = target.value  # `g[:] = 0`
        zero = _zero_value(node.value)
        return {target.id} if zero and isinstance(target, ast.Name) else set()
    if (
        isinstance(node, ast.AugAssign)
        and isinstance(node.op, ast.Mult)
        and isinstance(node.target, ast.Name)
    ):
        value = node.value
        return {node.target.id} if isinstance(value, ast.Constant) and value.value == 0 else set()
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "fill"
        and isinstance(node.func.value, ast.Name)
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == 0
    ):
        return {node.func.value.id}
    return set()


@functools.lru_cache(maxsize=256)
def hands_out_batches(loop: ast.For | ast.While) -> bool:
    """A generator's loop that only yields batches (`for s in range(0, n, size): idx =
    order[s:s + size]; yield X[idx], y[idx]`): its passes span the caller's steps, which
    change the weights while it is suspended, but none of its passes steps anything. Only
    a loop with no call, no in-place update and no self-update is taken for one."""
    nodes = [n for statement in loop.body for n in ast.walk(statement)]
    if not any(isinstance(n, ast.Yield | ast.YieldFrom) for n in nodes):
        return False
    for node in nodes:
        if isinstance(node, ast.Call | ast.AugAssign):
            return False
        if isinstance(node, ast.Assign):
            bound = {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            if bound & {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}:
                return False
    return True


def with_slots_of(parameters: list[Parameter], slots: list[Slot]) -> list[Parameter]:
    """The same parameters, located through an earlier snapshot's slots (its values)."""
    found: list[Parameter] = []
    for parameter in parameters:
        primary = next((s for s in slots if s.label == parameter.primary.label), None)
        if primary is None:
            continue
        aliases = (
            [primary]
            if is_float_slot(primary)
            else [s for s in slots if s.original is primary.original]
        )
        found.append(Parameter(parameter.label, aliases, primary))
    return found
