"""Scripts with no functions: observe one pass of the top-level training loop.

Many learners write everything inline: data, `W1 = np.random.randn(2, 4)`, and a
`for epoch in range(5000):` loop doing the forward pass, the backward pass and
`W1 -= lr * dW1`. The module-level arrays the loop updates are the parameters; one pass of
the loop body, run on a copy of the namespace, gives the update, and the gradient is
(before - after) / learning rate (an implicit 1 when the script has no learning rate).
The statements before the first update are the forward pass.
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.data import ModuleData, canonical_data
from netdoctor.floats import user_errstate
from netdoctor.load import LoadedModule
from netdoctor.structure import infer_structure, is_parameter_value
from netdoctor.subject import ClaimedGradients, ParameterValues, Subject, UserFunction


def script_subject(
    module: LoadedModule, data: ModuleData, user_lr: float | None, options: Any
) -> Subject | None:
    from netdoctor.discover.common import UserCodeError
    from netdoctor.discover.helpers import _looks_parameter
    from netdoctor.discover.replay import compile_pass

    namespace = module.namespace
    parameters = [
        name
        for name, value in namespace.items()
        if _looks_parameter(name) and is_parameter_value(value) and not name.startswith("_")
    ]
    for loop in module.top_level_loops():
        chain = _loop_chain(loop, set(parameters))
        if chain:
            break
    else:
        return None
    body = chain[-1].body
    updated = [p for p in parameters if _updates(body, p)]
    first_update = next(
        i for i, stmt in enumerate(body) if any(_updates([stmt], p) for p in updated)
    )
    path = module.path
    # inside a one-pass loop, as the followed loop's passes are: `break` and `continue`
    # (early stopping, patience) compile and end the pass
    whole = compile_pass(body, path)[0]
    forward_part = (
        compile_pass(body[:first_update], path)[0]
        if first_update
        else compile(ast.Module(body=[], type_ignores=[]), path, "exec")
    )
    assigned = _assigned_names(body[:first_update])
    per_sample = len(chain) > 1 and not isinstance(chain[-1], ast.While)
    learning_rate = user_lr if user_lr is not None else 1.0
    initial = {name: _copy(namespace[name]) for name in updated}
    named = [(name, initial[name]) for name in updated]
    input_dim = np.asarray(data.X).shape[1] if data.X is not None else None
    structure = infer_structure(named, input_dim)
    X, Y, source = canonical_data(data, structure.layer_sizes[0], options.seed)
    all_inputs, all_targets = (X, Y) if per_sample else (None, None)
    if per_sample:
        X, Y = X[:1], Y[:1]
        source += "; the first sample, as the loop's first pass sees it"

    def fresh_namespace(values: ParameterValues) -> dict[str, Any]:
        scope = dict(namespace)
        for name in updated:
            scope[name] = _copy(values[name])
        for outer, loop_node in zip([None, *chain], chain, strict=False):
            if outer is not None:  # `order = np.random.permutation(m)` before `for i in order`
                _run_before(outer, loop_node, scope, path)
            _bind_first_iteration(loop_node, scope, path)
        return scope

    def claimed(values: ParameterValues) -> ClaimedGradients:
        scope = fresh_namespace(values)
        try:
            with user_errstate():
                exec(whole, scope)
        except Exception as error:
            raise UserCodeError(error, path, _loop_body(module, error)) from None
        gradients = {
            name: (np.asarray(values[name], dtype=np.float64) - np.asarray(scope[name]))
            / learning_rate
            for name in updated
            if np.shape(scope[name]) == np.shape(values[name])
        }
        return ClaimedGradients(gradients=gradients)

    output_name = _output_name(fresh_namespace(initial), forward_part, assigned, X.shape[0])

    def forward(values: ParameterValues) -> np.ndarray:
        scope = fresh_namespace(values)
        try:
            with user_errstate():
                exec(forward_part, scope)
        except Exception as error:
            raise UserCodeError(error, path, "the training loop's forward pass") from None
        return np.asarray(scope[output_name], dtype=np.float64).reshape(X.shape[0], 1)

    loop_line = chain[-1].lineno
    return Subject(
        style="script",
        description=f"the training loop at line {chain[0].lineno} (one pass of its body)",
        structure=structure,
        initial=initial,
        X=X,
        Y=Y,
        data_source=source,
        claimed=claimed,
        forward=forward if output_name else None,
        functions=[UserFunction("training loop", loop_line, "training loop")],
        learning_rate=learning_rate,
        user_dtype=_dtype(initial),
        notes=[] if user_lr is not None else ["the script has no learning rate: taken as 1"],
        user_Y_shape=tuple(np.shape(data.Y)) if data.Y is not None else None,
        all_inputs=all_inputs,
        all_targets=all_targets,
    )


def _loop_chain(loop: ast.stmt, parameters: set[str]) -> list[ast.For | ast.While]:
    """Loops from the top-level one down to the one whose own body updates parameters."""
    if not isinstance(loop, ast.For | ast.While):
        return []
    if any(_updates([stmt], p) for stmt in loop.body for p in parameters if _direct(stmt)):
        return [loop]
    for stmt in loop.body:
        if isinstance(stmt, ast.For | ast.While):
            inner = _loop_chain(stmt, parameters)
            if inner:
                return [loop, *inner]
    if any(_updates(loop.body, p) for p in parameters):
        return [loop]
    return []


def _direct(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Assign | ast.AugAssign | ast.AnnAssign)


def _updates(statements: list[ast.stmt], name: str) -> bool:
    for stmt in statements:
        for node in ast.walk(stmt):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name) and sub.id == name:
                        return True
    return False


def _assigned_names(statements: list[ast.stmt]) -> list[str]:
    names: list[str] = []
    for stmt in statements:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    names += [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
            elif isinstance(node, ast.AugAssign | ast.AnnAssign) and isinstance(
                node.target, ast.Name
            ):
                names.append(node.target.id)
    return names


_NO_PASS = object()


def _bind_first_iteration(loop: ast.For | ast.While, scope: dict[str, Any], path: str) -> None:
    """Bind a for loop's target to its iterable's first item, as the first pass would."""
    if not isinstance(loop, ast.For):
        return
    from netdoctor.discover.common import DiscoveryError

    try:
        with user_errstate():
            iterable = eval(compile(ast.Expression(loop.iter), path, "eval"), scope)
    except Exception as error:
        raise DiscoveryError(
            "no-network",
            f"the loop at line {loop.lineno} iterates over `{ast.unparse(loop.iter)}`, which "
            f"could not be computed outside your run ({type(error).__name__}: {error})",
            line=loop.lineno,
        ) from None
    first = next(iter(iterable), _NO_PASS)
    if first is _NO_PASS:  # `range(0, len(X_train), 16)` over data made some other way
        raise DiscoveryError(
            "no-network",
            f"the loop at line {loop.lineno} makes no pass over the data netdoctor has",
            line=loop.lineno,
        )
    scope["__netdoctor_first__"] = first
    assign = ast.Assign(targets=[loop.target], value=ast.Name("__netdoctor_first__", ast.Load()))
    ast.copy_location(assign, loop)
    ast.fix_missing_locations(assign)
    exec(compile(ast.Module(body=[assign], type_ignores=[]), path, "exec"), scope)


def _run_before(
    outer: ast.For | ast.While, inner: ast.For | ast.While, scope: dict[str, Any], path: str
) -> None:
    """The statements of the outer loop's body before the inner loop, as its first pass
    runs them (the shuffle the inner loop iterates over)."""
    from netdoctor.discover.common import DiscoveryError

    before = []
    for statement in outer.body:
        if statement is inner:
            break
        before.append(statement)
    else:
        return  # the inner loop sits deeper (under an `if`): its names are the body's own
    if not before:
        return
    try:
        with user_errstate():
            exec(compile(ast.Module(body=before, type_ignores=[]), path, "exec"), scope)
    except Exception as error:
        raise DiscoveryError(
            "no-network",
            f"the loop at line {outer.lineno} raised before its inner loop, outside your run "
            f"({type(error).__name__}: {error})",
            line=outer.lineno,
        ) from None


def _output_name(scope: dict[str, Any], forward_part: Any, assigned: list[str], m: int) -> str:
    """The loop's output variable, or "" when the body's forward part cannot run alone
    (it reads a name an enclosing loop binds by shuffling): then the step is judged from
    its updates only, and a body that raises is reported as the user's error."""
    try:
        with user_errstate():
            exec(forward_part, scope)
    except Exception:
        return ""
    candidates = [
        name
        for name in dict.fromkeys(reversed(assigned))
        if isinstance(scope.get(name), np.ndarray)
        and scope[name].size == m
        and np.all((scope[name] >= 0) & (scope[name] <= 1))
    ]
    for name in naming.OUTPUT_NAMES:
        if name in candidates:
            return name
    return candidates[0] if candidates else ""


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, np.ndarray) else value


def _dtype(values: dict[str, Any]) -> str:
    kinds = {np.asarray(v).dtype for v in values.values() if isinstance(v, np.ndarray)}
    return "float32" if np.dtype(np.float32) in kinds else "float64"


def _loop_body(module: LoadedModule, error: Exception) -> str:
    """How the loop body's failure is introduced: a name it lacks because a statement
    before the loop raised at load (`data = np.loadtxt("missing.csv")`) is that
    statement's failure, said first."""
    if isinstance(error, NameError) and module.failed:
        first = module.failed[0]
        return (
            f"line {first.line} of your file raised {first.reason} (`{first.source}`), so "
            "the training loop's body"
        )
    return "the training loop's body"
