"""Optimizer state the step keeps beside the weights: momentum's velocities (`vW1 = mu *
vW1 - lr * gW1; W1 += vW1`), RMSprop's and Adam's running averages. They change every pass
and are updated from themselves, so they look like parameters; but a weight's update reads
them, and they have that weight's shape. They stay out of the parameters; each pass runs
from their values at the observed pass's start, as every other array does."""

from __future__ import annotations

import ast
import functools
import re
from collections import Counter
from typing import Any

import numpy as np

from netdoctor.discover.passes import named_twins
from netdoctor.discover.state import Parameter
from netdoctor.discover.stepping import (
    expression_key,
    setattr_step,
    step_of,
    stepped_in_place,
)
from netdoctor.discover.walked import walked_pairs


def without_optimizer_state(
    parameters: list[Parameter], tree: ast.AST, module: ast.AST | None = None
) -> list[Parameter]:
    """The parameters, less the arrays a parameter's own update reads that have its shape
    (in the loop, `tree`, or in the file, `module`: a step function the loop calls,
    `w_ho += v_ho` in `train_one` beside `v_ho = mu * v_ho - lr * g_ho`), and the
    containers keyed like theirs that their updates read anywhere in the file (an
    optimizer class's `step()`)."""
    by_key = {_key(p): p for p in parameters}
    state: set[str] = set()
    updates = set(_updates_reading(tree))
    if module is not None:
        updates |= set(_updates_reading(module)) | set(_updates_through_calls(tree, module))
    for target, read in sorted(updates):
        if target not in by_key:
            continue
        shape = np.shape(by_key[target].before)
        for key in read:
            if key != target and key in by_key and np.shape(by_key[key].before) == shape:
                state.add(key)
    containers = _state_containers(parameters, module if module is not None else tree)
    velocities = _velocity_lists(module if module is not None else tree)
    containers |= velocities
    kept = [p for p in parameters if _key(p) not in state and _container(p)[0] not in containers]
    if not kept and all(_container(p)[0] in velocities for p in parameters):
        # only the velocities a walked step reads moved (`v *= beta; v += g; p -= lr * v`
        # over `params` made in the pass itself): this pass shows no parameter
        return []
    kept = kept if kept and len(kept) < len(parameters) else parameters
    return without_mirrors(kept)


def without_mirrors(parameters: list[Parameter]) -> list[Parameter]:
    """The parameters less the lists, named like an optimizer's, that mirror the others
    array for array: Adam's `self.m[i]` and `self.v[i]` beside the layers' `weight` and
    `bias`, or `m_t[i]` beside `params[i]`, whatever their update looks like (`m_ *= b1`
    through a loop's variable, `setattr(obj, name, ...)`). A network has no second list of
    arrays shaped like its other weights and biases; an optimizer does."""
    groups: dict[str, list[Parameter]] = {}
    for parameter in parameters:
        prefix = parameter.label.rsplit("[", 1)[0]
        if parameter.label.endswith("]") and _STATE_CONTAINER.search(prefix):
            groups.setdefault(prefix, []).append(parameter)
    state = {id(p) for group in groups.values() for p in group}
    others = Counter(np.shape(p.before) for p in parameters if id(p) not in state)
    mirrors = {
        id(p)
        for prefix, group in groups.items()
        # one array is enough in a dict keyed by a moment's name (`state[i]["m"]["W"]`,
        # stepped one key per pass of `for k in layer:`)
        if (len(group) >= 2 or prefix.endswith(("']", '"]')))
        and (
            not Counter(np.shape(p.before) for p in group) - others
            # Adam's moments in one dict (`adam["m"]`, `adam["v"]`): each mirrors the weights
            or (_moments_by_key(group) and {np.shape(p.before) for p in group} <= set(others))
        )
        for p in group
    }
    if mirrors and len(mirrors) < len(parameters):
        parameters = [p for p in parameters if id(p) not in mirrors]
    return _without_named_state(parameters)


def _moments_by_key(group: list[Parameter]) -> bool:
    """Whether every array of the group is a dict's entry keyed by a moment's name."""
    return all(_STATE_CONTAINER.search("[" + p.label.rsplit("[", 1)[1]) for p in group)


# `opt.m`, `self.optimizer.cache`, `velocities`, `m_t`, `self.sq`, `state[i]["m"]`: an
# optimizer's lists by their name or their holder's, or its dicts by their key (`params`
# rebuilt each pass mirrors the last pass's too)
_STATE_CONTAINER = re.compile(
    r"(^|\.|\[['\"])"
    r"((m|v|s|r|h)(_\w*|s)?|(vel|veloc|mom|moment|cache|sq|first|second|exp_avg|accum|rms)\w*)"
    r"(['\"]\])?$"
    r"|(^|\.|\[['\"])(opt|optim|optimi[sz]er|adam|sgd|rmsprop)\b",
    re.IGNORECASE,
)
_STATE_PREFIX = re.compile(r"^(v|m|s|r|vel|velocity|mom|momentum|cache|sq|ms|mean|var)_?(?=.)")
_STATE_SUFFIX = re.compile(r"(?<=.)_(v|m|s|vel|velocity|mom|momentum|cache|sq|ms)$")


def _without_named_state(parameters: list[Parameter]) -> list[Parameter]:
    """Less each array named like another of its holder and shape with a velocity's or
    moment's prefix or suffix: `layer.vW` beside `layer.W`, `m_b1` beside `b1`. A step
    in another function (`layer.vW = beta * layer.vW - lr * dW`) escapes the loop's own
    updates, and with the velocities the weights do not chain into a network."""
    state = named_twins(parameters, (_STATE_PREFIX, _STATE_SUFFIX))
    kept = [p for p in parameters if id(p) not in state]
    return kept if kept else parameters


@functools.lru_cache(maxsize=8)
def _updates_reading(tree: ast.AST) -> tuple[tuple[str, frozenset[str]], ...]:
    """(the updated expression's key, the keys its step reads) of each update in `tree`.
    Once per tree: the follower asks at every pass that changes arrays."""
    found = []
    for node in ast.walk(tree):
        target, value = _update(node)
        if target is None or value is None:
            continue
        keys = (expression_key(name) for name in ast.walk(value))
        found.append((target, frozenset(k for k in keys if k is not None)))
    return tuple(found)


@functools.lru_cache(maxsize=8)
def _updates_through_calls(
    tree: ast.AST, module: ast.AST
) -> tuple[tuple[str, frozenset[str]], ...]:
    """The updates of the functions the loop calls, in the names it hands them:
    `momentum_update(syn0, g0, vel0)` of `def momentum_update(w, grad, vel): vel -= lr *
    grad; w += vel` reads `vel0` to step `syn0`. Once per loop and file, as
    `_updates_reading`: the follower asks at every pass that changes arrays."""
    functions = {
        node.name: node
        for node in ast.walk(module)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    found: list[tuple[str, frozenset[str]]] = []
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        function = functions.get(call.func.id) if isinstance(call.func, ast.Name) else None
        if function is None:
            continue
        names = [a.arg for a in function.args.args]
        handed = {name: expression_key(arg) for name, arg in zip(names, call.args, strict=False)}
        handed |= {k.arg: expression_key(k.value) for k in call.keywords if k.arg}
        for target, read in _updates_reading(function):
            outer = handed.get(target)
            if outer is not None:
                found.append((outer, frozenset(o for r in read if (o := handed.get(r)))))
    return tuple(found)


def _state_containers(parameters: list[Parameter], tree: ast.AST) -> set[str]:
    """Containers an optimizer keeps beside the parameters' (`self.cache`, `opt.vel`, `m`
    and `v` of Adam), keyed like them: a parameter container's update reads them
    (`p -= lr * g[k] / (np.sqrt(self.cache[k]) + eps)`, `p` walked over
    `self.model.params.items()`). They change every pass, so they look like parameters."""
    keys: dict[str, set[Any]] = {}
    for parameter in parameters:
        container, item = _container(parameter)
        if item is not None and not item.lstrip("-").isdigit():  # named like the weights,
            keys.setdefault(container, set()).add(item)  # not `biases[0]` by `weights[0]`
    state: set[str] = set()
    updates = _container_updates(tree)
    stepped = {owner for owner, _, _, descent in updates if descent}
    for owner, read, direct, _ in updates:
        if owner not in keys:
            continue
        for other in read:
            if other == owner or not _keyed_alike(keys.get(other, set()), keys[owner]):
                continue
            if other in stepped and other not in direct:
                # `d_hid = d_out * final["w"] * ...` then `inner["w"] -= rate * ...`: the
                # next layer's weights, read by backpropagation and stepped down like
                # these, not an optimizer's average (`m_hat` of Adam is an Assign's)
                continue
            state.add(other)
    return state


def _keyed_alike(state_keys: set[Any], parameter_keys: set[Any]) -> bool:
    """The parameters' keys, or their gradients' (`v["dW1"]` beside `parameters["W1"]`, as
    the deeplearning.ai course keys its velocities and Adam averages)."""
    return any(
        key in parameter_keys or _gradient_key(str(key)) & parameter_keys for key in state_keys
    )


def _gradient_key(key: str) -> set[str]:
    """The parameter keys a gradient-style key stands for: `dW1`, `d_W1`, `grad_W1` -> W1."""
    found = set()
    for prefix in ("d", "d_", "grad_", "g"):
        if key.startswith(prefix) and len(key) > len(prefix):
            found.add(key[len(prefix) :])
    return found


@functools.lru_cache(maxsize=8)
def _container_updates(
    tree: ast.AST,
) -> tuple[tuple[str, frozenset[str], frozenset[str], bool], ...]:
    """(the container an update writes, through its aliases; what its step reads, with
    what those names were made from; what it reads itself; whether it is a step down,
    `-=`) of each update in `tree`. Once per tree, like `_velocity_lists`."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.For):
            aliases.update(dict(walked_pairs(node.target, node.iter)))
        elif (  # P = self.model.params
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Attribute)
        ):
            aliases[node.targets[0].id] = node.value.attr
    aliases.update(_argument_aliases(tree))
    # `m_hat = self.m[k] / (1 - b1 ** t)`: what a name read by an update was made from
    made_from: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            if isinstance(node.targets[0], ast.Name):
                made_from.setdefault(node.targets[0].id, set()).update(_read(node.value))
    found = []
    for node in ast.walk(tree):
        target, value = _update(node)
        if target is None:  # `setattr(self.net, k, getattr(self.net, k) + self.velocity[k])`
            target, value = _setattr_update(node)
        if target is None or value is None:
            continue
        base = target.split("[")[0].split(".")[-1]
        direct = _read(value)
        read = set(direct)
        for name in list(read):
            read |= made_from.get(name, set())
        read |= {aliases[name] for name in read if name in aliases}
        direct |= {aliases[name] for name in direct if name in aliases}
        descent = isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Sub)
        found.append((aliases.get(base, base), frozenset(read), frozenset(direct), descent))
    return tuple(found)


def _setattr_update(node: ast.AST) -> tuple[str | None, ast.expr | None]:
    """(the object whose attributes are stepped, the step) of `setattr(obj, k, getattr(obj,
    k) + step)`."""
    step = setattr_step(node)
    if step is None:
        return None, None
    return _container_name(node.args[0]), step.right  # type: ignore[attr-defined]


def _argument_aliases(tree: ast.AST) -> dict[str, str]:
    """A function's parameter -> the name its caller hands it (`parameters` -> `params` of
    `update_parameters_with_momentum(params, grads, v, beta, lr)`): an update inside the
    function writes and reads the caller's containers."""
    functions = {
        node.name: [a.arg for a in node.args.args]
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
    }
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = node.func.id if isinstance(node.func, ast.Name) else None
        for parameter, argument in zip(functions.get(called or "", []), node.args, strict=False):
            if isinstance(argument, ast.Name) and argument.id != parameter:
                aliases[parameter] = argument.id
    return aliases


@functools.lru_cache(maxsize=8)
def _velocity_lists(tree: ast.AST) -> frozenset[str]:
    """Lists and dicts of optimizer state indexed like the parameters walked beside them:
    each item updated from itself (`self.velocity[i] = beta * self.velocity[i] - lr *
    p.grad`) and read, or made into what is read, by the update of a loop variable
    (`p.data += self.velocity[i]` over `enumerate(self.params)`; Adam's `m_hat`). Once per
    tree: the follower asks at every pass that changes arrays."""
    walked = {
        name.id
        for node in ast.walk(tree)
        if isinstance(node, ast.For)
        for name in ast.walk(node.target)
        if isinstance(name, ast.Name)
    }
    # `m_hat = self.m[k] / (1 - b1 ** t)`: the containers a name is made from
    made_from: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            # (not a list built unit by unit: `d_hidden = [d_out * V[k] * ... for k in
            # range(H)]` of a network of lists reads the output weights, no velocity)
            and not isinstance(node.value, ast.ListComp | ast.GeneratorExp)
        ):
            made_from.setdefault(node.targets[0].id, set()).update(_items_read(node.value))
    from_themselves: set[str] = set()
    read_by_walked: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AugAssign):
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Subscript) and _root(target) in _items_read(value):
            from_themselves.add(_root(target))
        moved, step = step_of(node)  # `p.data += v[i]`, `p -= lr * v[i]`: a step, not a use
        if (
            moved is not None
            and step is not None
            and (
                _root(moved) in walked or _indexed_by(moved, walked)  # `weights[l] += vel_w[l]`
            )
        ):
            read_by_walked |= _items_read(step)
            for name in ast.walk(step):
                if isinstance(name, ast.Name):
                    read_by_walked |= made_from.get(name.id, set())
    return frozenset(from_themselves & read_by_walked) | _walked_state(tree)


def _walked_state(tree: ast.AST) -> frozenset[str]:
    """`for p, g, v in zip(self.params, self.grads, self.v): v *= beta; v += g; p -= lr *
    v` (or `p.value -= lr * v`): the list walked as `v`, stepped in place from itself and
    read by another walked array's step, is momentum's velocities."""
    found: set[str] = set()
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For):
            continue
        pairs = dict(walked_pairs(loop.target, loop.iter))
        in_place = stepped_in_place(loop.body)
        for node in (n for statement in loop.body for n in ast.walk(statement)):
            moved, step = step_of(node)
            root = _root(moved) if moved is not None else None  # `p` of `p.value -= lr * v`
            if root is None or step is None or root not in pairs:
                continue
            read = {n.id for n in ast.walk(step) if isinstance(n, ast.Name)}
            found |= {pairs[name] for name in read & in_place if name in pairs and name != root}
    return frozenset(name.rsplit(".", 1)[-1] for name in found)


def _indexed_by(node: ast.expr, walked: set[str]) -> bool:
    """`weights[l]` with `l` a loop's variable: the item the loop is at."""
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Name)
        and node.slice.id in walked
    )


def _items_read(value: ast.AST) -> set[str]:
    """Containers whose items an expression reads (`velocity` of `self.velocity[i]`)."""
    return {
        name
        for node in ast.walk(value)
        if isinstance(node, ast.Subscript)
        for name in [_container_name(node.value)]
        if name is not None
    }


def _root(node: ast.expr) -> str | None:
    """`velocity` of `self.velocity[i]`, `p` of `p.data`: the container or name written."""
    if isinstance(node, ast.Subscript):
        return _container_name(node.value)
    while isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name):
            return node.value.id
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _container_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else None


def _read(value: ast.AST) -> set[str]:
    """Containers (`cache` of `self.cache[k]`) and plain names an expression reads."""
    found: set[str] = set()
    for node in ast.walk(value):
        if isinstance(node, ast.Subscript):
            inner = node.value
            name = inner.attr if isinstance(inner, ast.Attribute) else getattr(inner, "id", None)
            if isinstance(inner, ast.Subscript) and isinstance(inner.slice, ast.Constant):
                name = str(inner.slice.value)  # `m` of `state["m"][k]`
            if name:
                found.add(name)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name):
            found.add(node.id)
    return found


def _container(parameter: Parameter) -> tuple[str, Any]:
    """("cache", "W1") of `opt.cache['W1']`; (label, None) of a plain name."""
    label = parameter.label
    if "[" not in label and label.count(".") >= 2:  # `self.net.W1`: net's attribute W1
        owner, item = label.split(".")[-2:]
        return owner, item
    if "[" not in label:
        return label.split(".")[-1], None
    keys = [key.strip("'\"") for key in re.findall(r"\[([^\]]+)\]", label)]
    if len(keys) >= 2:  # `state['m']['W1']`: Adam's `m` kept in a dict of its state
        return keys[-2], keys[-1]
    base = label.split("[")[0].split(".")[-1]
    return base, label.split("[", 1)[1].rstrip("]").strip("'\"")


def _update(node: ast.AST) -> tuple[str | None, ast.expr | None]:
    """(the updated name, the expression it is moved by) of `W += v`, `W -= lr * v`,
    `W = W - lr * v`."""
    target, step = step_of(node)
    return (expression_key(target) if target is not None else None), step


def _key(parameter: Parameter) -> str:
    return parameter.label
