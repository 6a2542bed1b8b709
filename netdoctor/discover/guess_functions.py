"""Finding a network among the file's functions, by name (see `guess`)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.binding import (
    Unbindable,
    bind_arguments,
    positional_names,
    returned_names,
    role_of,
)
from netdoctor.discover.common import (
    DEFAULT_LEARNING_RATE,
    DiscoveryError,
    UserCodeError,
    function_tree,
)
from netdoctor.discover.helpers import (
    _container_items,
    _copy,
    _is_container,
    _is_helper,
    _iterates_over_samples,
    _looks_parameter,
    _referenced_globals,
)
from netdoctor.discover.plan import (
    CallPlan,
)
from netdoctor.store import ParameterLocation, Store
from netdoctor.structure import (
    StructureError,
    is_parameter_value,
)
from netdoctor.subject import Subject, UserFunction


class FunctionsMixin:
    """Gradient and update functions of the file, their forward, loss and arguments."""

    # ----------------------------------------------------------------- functions
    def _function_subject(self) -> Subject | None:
        if self.options.gradients:
            candidates = [self.options.gradients]
        else:
            candidates = self._gradient_candidates() + self._update_candidates()
        successes: list[Subject] = []
        errors: list[UserCodeError] = []
        for name in candidates:
            try:
                successes.append(self._subject_for_function(name))
            except UserCodeError as error:
                errors.append(error)
            except (DiscoveryError, StructureError, Unbindable) as error:
                self.failures.append(f"{name}: {error}")
        successes = self._drop_callees(successes)
        gradient_styles = [s for s in successes if s.style != "update function"]
        if gradient_styles:
            successes = gradient_styles
        if len(successes) > 1:
            names = ", ".join(s.functions[-1].name for s in successes)
            raise DiscoveryError(
                "ambiguous",
                f"found {len(successes)} networks ({names}); say which one to check with "
                f"--gradients NAME (and --forward NAME if it has a separate forward).",
            )
        if successes:
            return successes[0]
        if errors:
            raise errors[0]
        return None

    def _drop_callees(self, subjects: list[Subject]) -> list[Subject]:
        """A gradient function called by another candidate is a helper, not a second network."""
        main_names = {s.functions[-1].name for s in subjects}
        called: set[str] = set()
        for name in main_names:
            function = self.functions.get(name)
            if function is not None:
                called |= set(function.__code__.co_names) & (main_names - {name})
        return [s for s in subjects if s.functions[-1].name not in called]

    def _gradient_candidates(self) -> list[str]:
        names = []
        for name, function in self.functions.items():
            args = positional_names(function)
            if not naming.BACKWARD_FUNCTION.search(name) or _is_helper(name, args):
                continue
            if any(role_of(a) == "learning_rate" for a in args):
                continue
            names.append(name)
        return names

    def _update_candidates(self) -> list[str]:
        names = []
        for name, function in self.functions.items():
            args = positional_names(function)
            if not naming.UPDATE_FUNCTION.search(name) or _is_helper(name, args):
                continue
            if not any(role_of(a) == "learning_rate" for a in args):
                continue
            if any("grad" in a.lower() for a in args):
                continue  # update_parameters(params, grads, lr) applies gradients only
            names.append(name)
        return names

    def _forward_function(self, exclude: str) -> Callable[..., Any] | None:
        if self.options.forward:
            function = self.functions.get(self.options.forward)
            if function is None:
                raise DiscoveryError(
                    "no-network", f"--forward {self.options.forward}: no such function."
                )
            return function
        for name, function in self.functions.items():
            if name != exclude and naming.FORWARD_FUNCTION.match(name):
                return function
        for name, function in self.functions.items():
            if name != exclude and "forward" in name.lower() and "backward" not in name.lower():
                return function
        return None

    def _loss_function(self) -> Callable[..., Any] | None:
        if self.options.loss_function:
            return self.functions.get(self.options.loss_function)
        for name, function in self.functions.items():
            if naming.LOSS_FUNCTION.search(name) and "deriv" not in name.lower():
                if "grad" not in name.lower() and "prime" not in name.lower():
                    return function
        return None

    def _subject_for_function(self, name: str) -> Subject:
        main = self.functions[name]
        args = positional_names(main)
        mode = "update" if any(role_of(a) == "learning_rate" for a in args) else "gradients"
        forward = self._forward_function(exclude=name)
        forward_names = set(returned_names(forward)) if forward else set()
        needs_forward = forward is not None and any(
            role_of(a) in ("cache", "output") or (a in forward_names and a not in self.ns)
            for a in args
        )
        steps = [forward, main] if needs_forward and forward else [main]
        store = self._function_store(steps, all_functions=[main] + ([forward] if forward else []))
        plan = CallPlan(
            store=store,
            main=main,
            forward=forward,
            feed_forward_results=needs_forward,
            mode=mode,
            learning_rate=self.user_lr or DEFAULT_LEARNING_RATE if mode == "update" else None,
            per_sample=_iterates_over_samples(main),
            loss=self._loss_function(),
        )
        plan.functions = [
            UserFunction(f.__name__, f.__code__.co_firstlineno, role)
            for f, role in (
                (forward, "forward"),
                (plan.loss, "loss"),
                (main, "update" if mode == "update" else "gradients"),
            )
            if f is not None
        ]
        style = {
            "update": "update function",
            "gradients": "forward + backward" if needs_forward else "gradient function",
        }[mode]
        return self._build_subject(plan, style, f"`{name}` ({style})")

    def _function_store(
        self, steps: list[Callable[..., Any]], all_functions: list[Callable[..., Any]]
    ) -> Store:
        args: list[str] = []
        for step in steps:
            args += [a for a in positional_names(step) if a not in args]
        locations: list[ParameterLocation] = []
        initial: dict[str, Any] = {}
        containers: dict[str, Any] = {}
        missing: list[str] = []
        for arg in args:
            if role_of(arg) not in (None, "output"):
                continue
            value = self.ns.get(arg)
            if value is None and (found := _dict_read_as(arg, self.functions, self.ns)):
                value = found  # `def forward(p, X)` reading `p["W1"]`, the file's `params`
                containers[arg] = value
                for key, item in _container_items(value):
                    locations.append(ParameterLocation(key, "dict", arg, key))
                    initial[key] = _copy(item)
                continue
            if arg in naming.PARAMS_CONTAINER_NAMES + naming.BIASES_CONTAINER_NAMES:
                if value is None or not _is_container(value):
                    value = self._initialise_container(arg)
                if value is not None and _is_container(value):
                    containers[arg] = value
                    for key, item in _container_items(value):
                        label = key if isinstance(value, dict) else f"{arg}[{key}]"
                        kind = "dict" if isinstance(value, dict) else "list"
                        locations.append(ParameterLocation(label, kind, arg, key))
                        initial[label] = _copy(item)
                    continue
            if _looks_parameter(arg):
                if value is not None and is_parameter_value(value):
                    locations.append(ParameterLocation(arg, "arg", None, arg))
                    initial[arg] = _copy(value)
                elif value is None:
                    missing.append(arg)
        if missing:
            synthesised = self._synthesise(missing)
            for arg, value in synthesised.items():
                locations.append(ParameterLocation(arg, "arg", None, arg))
                initial[arg] = value
        if not locations:
            for name in _referenced_globals(all_functions, self.functions):
                value = self.ns.get(name)
                if _looks_parameter(name) and value is not None and is_parameter_value(value):
                    locations.append(ParameterLocation(name, "global", None, name))
                    initial[name] = _copy(value)
        if not locations:
            raise DiscoveryError("no-network", "found no weight arrays among its arguments")
        return Store(locations, initial, containers, namespace=self.ns)

    def _initialise_container(self, arg: str) -> Any:
        """A params dict from the file's own initializer: initialize_parameters(n_x, n_h, n_y)."""
        for name, function in self.functions.items():
            if not naming.INIT_FUNCTION.search(name):
                continue
            for input_dim in self._input_dim_guesses():
                roles = {
                    "input_size": input_dim,
                    "hidden_size": self.options.hidden,
                    "output_size": 1,
                    "sizes": [input_dim, self.options.hidden, 1],
                }
                try:
                    kwargs = bind_arguments(function, {}, roles)
                    np.random.seed(self.options.seed)
                    value = function(**kwargs)
                except Exception:
                    continue
                if _is_container(value):
                    return value
        return None

    def _input_dim_guesses(self) -> list[int]:
        if self.data.X is None:
            return [2]
        shape = np.asarray(self.data.X).shape
        return list(dict.fromkeys([shape[1], shape[0]]))

    def _synthesise(self, names: list[str]) -> dict[str, Any]:
        """Weights the file names but never creates at load (made inside its training code).

        Only for W1, b1, W2, b2 ... naming, where the exercise fixes the shapes.
        """
        weights = sorted(n for n in names if n[:1] in "Ww" and n[1:].isdigit())
        biases = sorted(n for n in names if n[:1] in "b" and n[1:].isdigit())
        if not weights or len(weights) + len(biases) != len(names):
            raise DiscoveryError(
                "no-network",
                f"its arguments {', '.join(names)} are not defined at module level; "
                "define them at top level or name the function with --gradients",
            )
        input_dim = self._input_dim_guesses()[0]
        hidden = self.options.hidden
        sizes = [input_dim] + [hidden] * (len(weights) - 1) + [1]
        rng = np.random.default_rng(self.options.seed)
        values: dict[str, Any] = {}
        for index, name in enumerate(weights):
            fan_in, fan_out = sizes[index], sizes[index + 1]
            values[name] = rng.normal(0.0, 1.0 / np.sqrt(fan_in), size=(fan_in, fan_out))
            bias = f"b{name[1:]}"
            if bias in biases:
                values[bias] = rng.normal(0.0, 0.1, size=(1, fan_out))
        return values


def _dict_read_as(
    arg: str, functions: dict[str, Callable[..., Any]], namespace: dict[str, Any]
) -> dict[str, Any] | None:
    """The one dict of the file's arrays that its functions read under the argument name
    `arg` (`p["W1"]`, `p["b2"]` in `forward(p, X)`): its keys are the string keys read so
    in every function taking `arg`, at least two, named like parameters, all of them
    arrays. Code that folds its training (`params = reduce(step, range(n), init(2, 8))`)
    leaves that dict at top level under another name, and no loop to follow."""
    keys: set[str] = set()
    for function in functions.values():
        if arg not in positional_names(function):
            continue
        tree = function_tree(function)
        if tree is None:
            continue
        keys |= {
            node.slice.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == arg
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        }
    if len(keys) < 2 or not all(_looks_parameter(key) for key in keys):
        return None  # `c["Z1"]`, `c["A1"]`: a cache of the forward pass, not the weights
    found = {
        id(value): value
        for name, value in namespace.items()
        if not name.startswith("_")
        and isinstance(value, dict)
        and keys <= set(value)
        and all(is_parameter_value(value[key]) for key in value)
    }
    return next(iter(found.values())) if len(found) == 1 else None
