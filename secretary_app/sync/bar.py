"""What the status bar says about sync, as a typed value (issue 16.2): the window renders it into words and
never reads anything back from text.

``bar_state`` combines the stored status (``service.status``) with what only the running app knows: a sync
in progress, and when the next try is due after the server could not be reached.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from secretary_app.sync.health import SyncHealth


class BarKind(enum.Enum):
    NOT_SET = "not_set"  # no server: working offline by choice
    SYNCING = "syncing"  # "Đang đồng bộ…"
    OFFLINE = "offline"  # "Ngoại tuyến – sẽ thử lại lúc 20:20"
    AUTH_NEEDED = "auth_needed"  # log in again (password asked at each start without a keyring)
    CERTIFICATE = "certificate"
    UPDATE_NEEDED = "update_needed"
    ERROR = "error"  # the server refused for another reason: the Sync page says which
    PENDING = "pending"  # "3 thay đổi chưa gửi"
    SYNCED = "synced"  # "Đã đồng bộ lúc 20:15"
    NEVER = "never"  # set up, not synced yet


@dataclass(frozen=True)
class SyncBarState:
    kind: BarKind
    pending: int = 0
    conflicts: int = 0  # "2 xung đột cần giải quyết", shown beside any kind
    last_sync_at: dt.datetime | None = None
    retry_at: dt.datetime | None = None


_HEALTH_KIND = {
    SyncHealth.NOT_SET: BarKind.NOT_SET, SyncHealth.OFFLINE: BarKind.OFFLINE,
    SyncHealth.AUTH_NEEDED: BarKind.AUTH_NEEDED, SyncHealth.CERTIFICATE: BarKind.CERTIFICATE,
    SyncHealth.UPDATE_NEEDED: BarKind.UPDATE_NEEDED, SyncHealth.ERROR: BarKind.ERROR,
}


def bar_state(health: SyncHealth, *, logged_in: bool, pending: int, conflicts: int,
              last_sync_at: dt.datetime | None, syncing: bool = False,
              retry_at: dt.datetime | None = None) -> SyncBarState:
    """The one status the bar shows. Trouble first (it needs the person), then pending work, then the time."""
    if health is SyncHealth.NOT_SET:
        kind = BarKind.NOT_SET
    elif syncing:
        kind = BarKind.SYNCING
    elif not logged_in:
        kind = BarKind.AUTH_NEEDED
    elif health is not SyncHealth.ONLINE:
        kind = _HEALTH_KIND[health]
    elif pending:
        kind = BarKind.PENDING
    elif last_sync_at is not None:
        kind = BarKind.SYNCED
    else:
        kind = BarKind.NEVER
    return SyncBarState(kind, pending, conflicts, last_sync_at, retry_at if kind is BarKind.OFFLINE else None)
