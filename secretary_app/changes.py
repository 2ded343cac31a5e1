"""What a service call changed, as typed flags, and the one result type every writing service returns.

Modelled on Anki's ``OpChanges``: a service that writes returns ``OpResult(value, changes)``; the screens'
one doorway (``ui/ops.py``) broadcasts ``changes`` to every page, each of which refreshes only when a flag
it shows is set. ``initiator`` is filled in by the doorway (the widget that asked), so the screen that
made the change can keep its selection. Kept free of heavy imports: the UI shell uses it before the
database opens.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Change(enum.Flag):
    """The kinds of record a call may change. A page tests ``changes.touches(Change.MEMBER | …)``."""

    NONE = 0
    CELL = enum.auto()
    MEMBER = enum.auto()
    EVENT = enum.auto()  # a member's dated status event
    MEETING = enum.auto()
    ATTENDANCE = enum.auto()
    MINUTES = enum.auto()
    VOTE = enum.auto()
    RESOLUTION = enum.auto()
    TASK = enum.auto()
    DOCUMENT = enum.auto()  # the register of issued documents
    DUES = enum.auto()
    ADMISSION = enum.auto()
    SYNC = enum.auto()
    SETTINGS = enum.auto()


# The names used before the flags existed (and by the sync inbox's area names), so code written against
# ``changes.add("member")`` keeps working; an unknown name is a mistake and raises.
_NAMES: dict[str, Change] = {
    "cell": Change.CELL, "member": Change.MEMBER, "event": Change.EVENT, "meeting": Change.MEETING,
    "attendance": Change.ATTENDANCE, "minutes": Change.MINUTES, "vote": Change.VOTE,
    "resolution": Change.RESOLUTION, "task": Change.TASK, "document": Change.DOCUMENT, "dues": Change.DUES,
    "admission": Change.ADMISSION, "candidate": Change.ADMISSION, "sync": Change.SYNC,
    "settings": Change.SETTINGS,
}


def _flag(kind: Change | str) -> Change:
    if isinstance(kind, Change):
        return kind
    try:
        return _NAMES[kind]
    except KeyError:
        raise ValueError(f"unknown change kind {kind!r}; known: {', '.join(sorted(_NAMES))}") from None


@dataclass
class Changes:
    """What a call changed (``flags``), and which widget asked for it (``initiator``, set by the doorway)."""

    flags: Change = Change.NONE
    initiator: object | None = field(default=None, compare=False)

    @classmethod
    def of(cls, *kinds: Change | str) -> Changes:
        changes = cls()
        changes.add(*kinds)
        return changes

    @classmethod
    def everything(cls) -> Changes:
        """Every kind at once: the whole database was replaced (a restore), so every page reads again."""
        return cls(~Change.NONE)

    def add(self, *kinds: Change | str) -> None:
        for kind in kinds:
            self.flags |= _flag(kind)

    def touches(self, kinds: Change) -> bool:
        """True when any of ``kinds`` changed."""
        return bool(self.flags & kinds)

    def from_initiator(self, initiator: object | None) -> Changes:
        return replace(self, initiator=initiator)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.flags | other.flags, self.initiator or other.initiator)

    def __contains__(self, kind: Change | str) -> bool:
        return self.touches(_flag(kind))

    def __bool__(self) -> bool:
        return bool(self.flags)


class OpResult(NamedTuple, Generic[T]):
    """What a writing service returns: its value and what it changed. A named tuple, so
    ``value, changes = service(...)`` reads as well as ``result.value`` / ``result.changes``."""

    value: T
    changes: Changes
