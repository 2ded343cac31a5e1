"""What the CLI and the sync page call: log in, sync once, and read the sync status and inboxes."""

from __future__ import annotations

import datetime as dt
import json
import platform
from dataclasses import dataclass

import httpx
from sqlalchemy import func, select, update

from models.sync_tables import OutboxEntry, SyncState
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.credentials import Credentials
from secretary_app.errors import UserError
from secretary_app.store import Store
from secretary_app.sync.client import SyncClient, SyncHealth, refresh_key
from secretary_app.sync.engine import Progress, SyncEngine, SyncReport
from secretary_app.sync.inbox import (  # noqa: F401 - the sync page and the CLI read them here
    DERIVED_FIELDS,
    ENTITY_LABELS,
    FIELD_LABELS,
    FREE_TEXT_FIELDS,
    REJECTION_LABELS,
    ConflictRow,
    RejectedRow,
    inbox_rows,
    inboxes,
)


@dataclass(frozen=True)
class SyncStatus:
    server_url: str
    username: str
    role: str
    logged_in: bool
    last_sync_at: dt.datetime | None
    last_error: str
    pending: int
    conflicts: tuple[ConflictRow, ...]
    rejected: tuple[RejectedRow, ...]
    health: SyncHealth = SyncHealth.ONLINE  # what the status bar says: offline, log in again, certificate, …


def _error_text(health: SyncHealth, message: str) -> str:
    """``sync_state.last_error``: the kind of the last failure with its message, as JSON."""
    return json.dumps({"health": health.value, "message": message}, ensure_ascii=False)


def _read_error(text: str) -> tuple[SyncHealth, str]:
    if not text:
        return SyncHealth.ONLINE, ""
    try:
        data = json.loads(text)
        return SyncHealth(data["health"]), str(data["message"])
    except (ValueError, KeyError, TypeError):
        return SyncHealth.ERROR, text  # written before the kind was kept: shown as is


def _state(session) -> SyncState | None:  # type: ignore[no-untyped-def]
    return session.get(SyncState, 1)


def login(store: Store, server_url: str, username: str, password: str, *,
          transport: httpx.BaseTransport | None = None, credentials: Credentials | None = None) -> OpResult[str]:
    """Log this PC in; the refresh token goes to the OS keyring. Returns the cell's name."""
    with store.transaction() as session:
        state = _state(session)
        device_id = (state.device_id if state and state.server_url == server_url.rstrip("/") and not state.new_device
                     else None)
    client = SyncClient(server_url, username, transport=transport, credentials=credentials)
    try:
        tokens = client.login(username, password, device_id, device_name=platform.node()[:200])
    finally:
        client.close()
    if tokens.role not in ("secretary", "deputy"):
        raise UserError("Tài khoản này không phải bí thư hoặc phó bí thư của một chi bộ, nên không đồng bộ "
                        "được dữ liệu chi bộ trên máy này.")
    with store.transaction() as session:
        state = _state(session)
        if state is None:
            state = SyncState(id=1)
            session.add(state)
        if state.cell_id is not None and state.cell_id != tokens.cell_id:
            raise UserError("Máy này đã đồng bộ với một chi bộ khác; tài khoản này thuộc chi bộ "
                            f"\"{tokens.cell_name}\". Hãy dùng một thư mục dữ liệu khác.")
        if state.device_id != tokens.device_id:
            state.next_mutation_seq = 1  # a new device on the server starts counting again
            session.execute(update(OutboxEntry).values(mutation_seq=None, batch_key=None))
        state.server_url, state.username, state.role = client.server_url, username, tokens.role
        state.device_id = tokens.device_id
        state.new_device = False
        state.last_error = ""
    return OpResult(tokens.cell_name, Changes(Change.SYNC))


def become_new_device(store: Store) -> None:
    """Make this data folder a new device on the server before it sends anything: call it after restoring
    a backup (the original install may have gone on syncing under the same device id). Local only, so it
    works offline; the next sync (or login) registers the new device and re-numbers the waiting changes."""
    with store.transaction() as session:
        state = _state(session)
        if state is not None and state.device_id is not None:
            state.new_device = True


def make_engine(store: Store, *, transport: httpx.BaseTransport | None = None,
                credentials: Credentials | None = None) -> SyncEngine:
    with store.transaction() as session:
        state = _state(session)
        if state is None or not state.server_url:
            raise UserError("Máy này chưa đăng nhập máy chủ đồng bộ. Hãy đăng nhập trước "
                            "(secretary-app sync login --server URL --username TÊN).")
        url, username = state.server_url, state.username
    return SyncEngine(store.engine, SyncClient(url, username, transport=transport, credentials=credentials))


def sync_now(store: Store, *, transport: httpx.BaseTransport | None = None,
             credentials: Credentials | None = None, progress: Progress | None = None) -> OpResult[SyncReport]:
    engine = make_engine(store, transport=transport, credentials=credentials)
    try:
        report = engine.sync(progress=progress)
    except UserError as exc:
        with store.transaction() as session:
            state = _state(session)
            if state is not None:
                state.last_error = _error_text(getattr(exc, "health", SyncHealth.ERROR), exc.message)
        raise
    finally:
        engine.client.close()
    store.forget_cell()
    # Records pulled from the other PCs may be anything a page shows.
    return OpResult(report, Changes(~Change.NONE if report.pulled else Change.SYNC))


def status(store: Store, credentials: Credentials | None = None) -> SyncStatus:
    credentials = credentials or Credentials()
    with store.transaction() as session:
        state = _state(session)
        pending = session.scalar(select(func.count()).select_from(OutboxEntry)
                                 .where(OutboxEntry.status == "pending")) or 0
        conflicts, rejected = inbox_rows(session, state.device_id if state else None)
        url = state.server_url if state else ""
        username = state.username if state else ""
        logged_in = bool(url and credentials.get(refresh_key(url, username)))
        if state is not None and state.last_sync_at is not None and state.last_sync_at.tzinfo is None:
            state.last_sync_at = state.last_sync_at.replace(tzinfo=dt.UTC)  # SQLite forgets the zone
        health, error = _read_error(state.last_error if state else "")
        if not url:
            health = SyncHealth.NOT_SET
        return SyncStatus(url, username, state.role if state else "", logged_in,
                          state.last_sync_at if state else None, error, pending, conflicts, rejected, health)
