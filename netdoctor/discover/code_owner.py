"""Which function of the user's a code object the follower saw running is: its name as the
report says it, and the function object, to call again."""

from __future__ import annotations

from types import CodeType
from typing import Any


def qualified_name(code: CodeType, instance: Any) -> str:
    """`Net.backward` for a method's code, also where the code object does not say so."""
    qualname = getattr(code, "co_qualname", code.co_name)
    if instance is not None and "." not in qualname:
        return f"{type(instance).__name__}.{code.co_name}"
    return qualname


def function_of(code: CodeType, instance: Any, namespace: dict[str, Any]) -> Any:
    """The function object whose code this is: a method of the instance, or a global."""
    if instance is not None:
        for klass in type(instance).__mro__:
            candidate = klass.__dict__.get(code.co_name)
            candidate = getattr(candidate, "__func__", candidate)
            if getattr(candidate, "__code__", None) is code:
                return candidate
    candidate = namespace.get(code.co_name)
    if getattr(candidate, "__code__", None) is code:
        return candidate
    for value in list(namespace.values()):
        if isinstance(value, type):
            member = value.__dict__.get(code.co_name)
            member = getattr(member, "__func__", member)
            if getattr(member, "__code__", None) is code:
                return member
    return None
