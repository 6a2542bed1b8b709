"""Discovery: find the user's network in their file (`find.py` says how).

The package's names are imported on first use (PEP 562): the judge, which never runs user
code, imports small parts of it (its exceptions, `common.py`) without the follower,
the finders and their dependencies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netdoctor.discover.common import (
    DEFAULT_LEARNING_RATE,
    DiscoverOptions,
    DiscoveryError,
    UserCodeError,
    user_frames,
)

if TYPE_CHECKING:
    from netdoctor.discover.find import Discovery, discover, discover_file

__all__ = [
    "DEFAULT_LEARNING_RATE",
    "DiscoverOptions",
    "Discovery",
    "DiscoveryError",
    "UserCodeError",
    "discover",
    "discover_file",
    "user_frames",
]
_FOUND_IN_FIND = ("Discovery", "discover", "discover_file")


def __getattr__(name: str) -> Any:
    if name in _FOUND_IN_FIND:
        from netdoctor.discover import find

        return getattr(find, name)
    raise AttributeError(f"module 'netdoctor.discover' has no attribute {name!r}")
