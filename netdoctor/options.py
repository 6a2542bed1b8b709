"""Options of one check, as plain data that crosses into the child process."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netdoctor.discover.common import DiscoverOptions

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 2048  # address space of one child: numpy alone maps a few hundred MB
SEED_MAX = 2**32 - 1  # numpy's legacy seeding takes 0 .. 2**32 - 1


@dataclass
class CheckOptions:
    run_all: bool = False
    timeout: float = DEFAULT_TIMEOUT
    gradients: str | None = None
    forward: str | None = None
    network_class: str | None = None
    loss: str | None = None
    hidden: int = 4
    learning_rate: float | None = None
    seed: int = 0
    memory_mb: int | None = DEFAULT_MEMORY_MB  # None: no limit
    train: bool = True  # record the user's training and replay it with correct gradients
    train_steps: int = 2000
    train_seconds: float = 10.0
    isolation: str = "auto"  # "auto", "strict" or "off" (netdoctor/isolation.py)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def discovery(self) -> DiscoverOptions:
        """What discovery is told: the names that point it at the user's code."""
        from netdoctor.discover.common import DiscoverOptions

        return DiscoverOptions(
            gradients=self.gradients,
            forward=self.forward,
            network_class=self.network_class,
            hidden=self.hidden,
            learning_rate=self.learning_rate,
            seed=self.seed,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckOptions:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
