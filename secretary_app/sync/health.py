"""The sync state as a typed value, in a module of its own: the status bar reads it while the window is
built, and importing the client (httpx, pydantic, the codec with SQLAlchemy: about 0.6 s) there would hold up
the window's first paint (bench/startup.py)."""

from __future__ import annotations

import enum


class SyncHealth(enum.StrEnum):
    """The state of this PC's sync, as the status bar and the Đồng bộ page say it. Decided from the kind
    of error the client raised (each ``SyncError`` subclass names its own), never from a message's words."""

    NOT_SET = "not_set"  # no server configured: working offline by choice
    ONLINE = "online"  # the last sync went through (or none has failed yet)
    OFFLINE = "offline"  # the server could not be reached
    AUTH_NEEDED = "auth_needed"  # not logged in, or the session expired or was revoked
    CERTIFICATE = "certificate"  # the server's TLS certificate was refused
    UPDATE_NEEDED = "update_needed"  # the server and this app speak different versions
    ERROR = "error"  # the server refused for another reason (said in the message)
