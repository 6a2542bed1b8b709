"""Finding a network among the file's classes, by name (see `guess`)."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from netdoctor import naming
from netdoctor.discover.binding import (
    Unbindable,
    bind_arguments,
    positional_names,
    role_of,
)
from netdoctor.discover.common import (
    DEFAULT_LEARNING_RATE,
    DiscoveryError,
    UserCodeError,
)
from netdoctor.discover.helpers import (
    _attribute_store,
    _is_helper,
    _iterates_over_samples,
)
from netdoctor.discover.loops import updated_names
from netdoctor.discover.plan import (
    CallPlan,
)
from netdoctor.discover.rate import rate_of_method
from netdoctor.subject import Subject, UserFunction


class ClassesMixin:
    """A class with weight attributes and an update or gradient method."""

    # ----------------------------------------------------------------- classes
    def _network_classes(self) -> list[type]:
        return [
            cls
            for cls in self.classes.values()
            if any(
                naming.BACKWARD_FUNCTION.search(n) or naming.UPDATE_FUNCTION.search(n)
                for n, _ in inspect.getmembers(cls, inspect.isfunction)
            )
        ]

    def _class_subject(self, cls: type) -> Subject:
        instance, how = self._instance(cls)
        store = _attribute_store(instance, self._updated_attributes(cls))
        methods = dict(inspect.getmembers(instance, inspect.ismethod))
        forward = self._method(methods, naming.FORWARD_FUNCTION, self.options.forward)
        main = self._main_method(methods)
        if main is None:
            raise DiscoveryError(
                "no-network", f"class {cls.__name__} has no backward/update method"
            )
        main_args = positional_names(main)
        plan = CallPlan(
            store=store,
            main=main,
            forward=forward if forward is not main else None,
            feed_forward_results=forward is not None and forward is not main,
            mode="auto",
            learning_rate=self._instance_lr(instance),
            instance=instance,
            per_sample=_iterates_over_samples(main),
            loss=self._loss_method(methods) or self._loss_function(),
        )
        if any(role_of(a) == "learning_rate" for a in main_args):
            plan.learning_rate = self.user_lr or DEFAULT_LEARNING_RATE
        elif self.user_lr is None and plan.learning_rate is None:
            plan.learning_rate = rate_of_method(main, instance)
        plan.functions = [
            UserFunction(f"{cls.__name__}.{m.__name__}", m.__func__.__code__.co_firstlineno, role)
            for m, role in ((forward, "forward"), (main, "update or gradients"))
            if m is not None
        ]
        return self._build_subject(plan, "class", f"class `{cls.__name__}` ({how})")

    def _updated_attributes(self, cls: type) -> frozenset[str]:
        """Attributes the class's own methods update from their own value."""
        for node in ast.walk(self.module.tree):
            if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
                keys = updated_names(node)
                return frozenset(k.removeprefix("attr:") for k in keys if k.startswith("attr:"))
        return frozenset()

    def _instance(self, cls: type) -> tuple[Any, str]:
        for name, value in self.ns.items():
            if isinstance(value, cls):
                return value, f"your instance `{name}`"
        errors = []
        for input_dim in self._input_dim_guesses():
            X = self.data.X if self.data.X is not None else np.zeros((4, input_dim))
            roles = {
                "X": X,
                "Y": self.data.Y if self.data.Y is not None else np.zeros((4, 1)),
                "input_size": input_dim,
                "hidden_size": self.options.hidden,
                "output_size": 1,
                "sizes": [input_dim, self.options.hidden, 1],
                "learning_rate": self.user_lr or DEFAULT_LEARNING_RATE,
            }
            try:
                kwargs = bind_arguments(cls.__init__, {}, roles)
                kwargs.pop("self", None)
                np.random.seed(self.options.seed)
                return cls(**kwargs), "constructed by netdoctor"
            except Unbindable as error:
                errors.append(str(error))
            except Exception as error:
                raise UserCodeError(error, self.path, f"{cls.__name__}(...)") from None
        raise DiscoveryError("no-network", "; ".join(errors))

    def _method(
        self, methods: dict[str, Any], pattern: Any, preferred: str | None
    ) -> Callable[..., Any] | None:
        if preferred and preferred in methods:
            return methods[preferred]
        for name, method in methods.items():
            if pattern.match(name):
                return method
        return None

    def _main_method(self, methods: dict[str, Any]) -> Callable[..., Any] | None:
        if self.options.gradients:
            return methods.get(self.options.gradients)
        for pattern in (naming.BACKWARD_FUNCTION, naming.UPDATE_FUNCTION):
            for name, method in methods.items():
                if name.startswith("__") or "deriv" in name.lower() or "prime" in name.lower():
                    continue
                if pattern.search(name) and not _is_helper(name, positional_names(method)):
                    return method
        return None

    def _loss_method(self, methods: dict[str, Any]) -> Callable[..., Any] | None:
        for name, method in methods.items():
            if naming.LOSS_FUNCTION.search(name) and "deriv" not in name and "grad" not in name:
                return method
        return None

    def _instance_lr(self, instance: Any) -> float | None:
        for name in naming.LEARNING_RATE_NAMES:
            value = getattr(instance, name, None)
            if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                return float(value)
        return None

    # ----------------------------------------------------------------- scripts
    def _script_subject(self) -> Subject | None:
        from netdoctor.discover.script import script_subject

        return script_subject(self.module, self.data, self.user_lr, self.options)
