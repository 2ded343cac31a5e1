"""What a service call changed. Kept free of heavy imports: the UI shell uses it before the database opens."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Changes:
    """What a service call changed, by entity name ("member", "meeting", …), so pages know to refresh."""

    entities: set[str] = field(default_factory=set)

    def add(self, *names: str) -> None:
        self.entities.update(names)

    def __contains__(self, name: str) -> bool:
        return name in self.entities

    def __bool__(self) -> bool:
        return bool(self.entities)
