"""What the CLI and the sync page call: log in, sync once, and read the sync status and inboxes."""

from __future__ import annotations

import datetime as dt
import json
import platform
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from sqlalchemy import update

from models.base import aware
from models.sync_tables import OutboxEntry, RejectedInbox, SyncState
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.credentials import Credentials
from secretary_app.errors import UserError
from secretary_app.store import Store
from secretary_app.sync.client import SyncClient, SyncHealth, refresh_key
from secretary_app.sync.engine import (  # noqa: F401 - FirstSyncChoice, SyncCancelled: for the CLI and UI
    FirstSyncChoice,
    Progress,
    SyncCancelled,
    SyncEngine,
    SyncReport,
    describe_counts,
)
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
    rejected_content,
)
from secretary_app.sync.outbox import pending_changes


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


def _state(session) -> SyncState | None:
    return session.get(SyncState, 1)


@dataclass(frozen=True)
class LoginOutcome:
    cell_name: str
    remembered: bool  # False: no OS keyring, the session lasts until the program ends (asked again next start)


NO_KEYRING_CLI = ("Máy này không có kho mật khẩu của hệ điều hành, nên không thể nhớ phiên đăng nhập: lệnh sau "
                  "sẽ lại hỏi đăng nhập. Không có mật khẩu hay mã phiên nào được ghi ra tệp. Hãy đăng nhập và "
                  "đồng bộ trong cùng một lệnh: secretary-app sync --username TÊN --password-stdin "
                  "(mật khẩu đọc từ stdin).")


def _login_with(store: Store, client: SyncClient, username: str, password: str) -> LoginOutcome:
    """Log ``client`` in and make this data folder that account's device (the sync state row)."""
    with store.transaction() as session:
        state = _state(session)
        device_id = (state.device_id if state and state.server_url == client.server_url and not state.new_device
                     else None)
    tokens = client.login(username, password, device_id, device_name=platform.node()[:200])
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
    return LoginOutcome(tokens.cell_name, client.credentials.get(refresh_key(client.server_url, username)) is not None
                        and not client.credentials.session_only(refresh_key(client.server_url, username)))


def login(store: Store, server_url: str, username: str, password: str, *,
          transport: httpx.BaseTransport | None = None, credentials: Credentials | None = None) -> OpResult[LoginOutcome]:
    """Log this PC in; the refresh token goes to the OS keyring (or, without one, this process's memory)."""
    client = SyncClient(server_url, username, transport=transport, credentials=credentials)
    try:
        outcome = _login_with(store, client, username, password)
    finally:
        client.close()
    return OpResult(outcome, Changes(Change.SYNC))


def half_joined(store: Store, server_url: str) -> bool:
    """The cell here came from this server by a join that was cut short (the connection dropped after the
    cell's details arrived): joining again finishes it instead of being refused."""
    from secretary_app.services.cell import get_cell
    from secretary_app.sync.client import check_server_url

    cell = get_cell(store)
    try:
        url = check_server_url(server_url)
    except UserError:
        return False
    with store.transaction() as session:
        state = _state(session)
        return (cell is not None and state is not None and state.cell_id == cell.id and state.server_url == url
                and state.last_sync_at is None)


def join_from_server(store: Store, server_url: str, username: str, password: str, *,
                     transport: httpx.BaseTransport | None = None, credentials: Credentials | None = None,
                     progress: Progress | None = None) -> OpResult[SyncReport]:
    """First start from the server (issue 16.1): log in, receive the cell's details and every record.
    Refused on a data folder that already has a cell."""
    from secretary_app.services.cell import get_cell

    existing = get_cell(store)
    if existing is not None and not half_joined(store, server_url):
        raise UserError(f"Thư mục dữ liệu {store.paths.data_dir} đã có chi bộ \"{existing.name}\". Để nhận chi bộ "
                        "từ máy chủ, hãy chọn một thư mục dữ liệu khác (--data-dir); để đồng bộ chi bộ đang có, "
                        "dùng lệnh secretary-app sync.")
    if progress:
        progress(0, 0, "Đang đăng nhập máy chủ…")
    client = SyncClient(server_url, username, transport=transport, credentials=credentials)
    try:
        _login_with(store, client, username, password)
        result = _run(store, SyncEngine(store.engine, client), progress=progress)
    finally:
        client.close()
    if get_cell(store) is None:
        raise UserError("Đã đăng nhập nhưng máy chủ chưa gửi thông tin chi bộ (máy chủ cũ hơn ứng dụng?). Hãy báo "
                        "cấp ủy cấp trên cập nhật máy chủ, hoặc tạo chi bộ trên máy này rồi đồng bộ.")
    return result


def logout(store: Store, *, transport: httpx.BaseTransport | None = None,
           credentials: Credentials | None = None) -> OpResult[None]:
    """End this PC's session on the server (if it answers) and drop the token; the server address and the
    account name stay, so logging in again is one password away. Local data and waiting changes stay."""
    with store.transaction() as session:
        state = _state(session)
        url, username = (state.server_url, state.username) if state else ("", "")
    if url:
        client = SyncClient(url, username, transport=transport, credentials=credentials)
        try:
            client.logout()
        except UserError:
            pass  # offline: the token is dropped here anyway; the server's expires on its own
        finally:
            client.close()
    return OpResult(None, Changes(Change.SYNC))


def forget_this_pc(store: Store, *, credentials: Credentials | None = None) -> OpResult[None]:
    """"Quên máy này": remove the session and the server's address from this PC; the data and the changes
    not yet sent stay (a later login sends them). Works offline."""
    credentials = credentials or Credentials()
    with store.transaction() as session:
        state = _state(session)
        if state is not None and state.server_url:
            credentials.delete(refresh_key(state.server_url, state.username))
            state.server_url, state.username, state.role, state.last_error = "", "", "", ""
    return OpResult(None, Changes(Change.SYNC))


def change_password(store: Store, current: str, new: str, *, transport: httpx.BaseTransport | None = None,
                    credentials: Credentials | None = None) -> OpResult[None]:
    """Change the account's password on the server, then log this PC in again with it (the change ends every
    session, so the account's other PCs must log in with the new password)."""
    with store.transaction() as session:
        state = _state(session)
        if state is None or not state.server_url:
            raise UserError("Máy này chưa đăng nhập máy chủ đồng bộ, nên chưa đổi được mật khẩu. Hãy đăng nhập trước.")
        url, username = state.server_url, state.username
    client = SyncClient(url, username, transport=transport, credentials=credentials)
    try:
        client.change_password(current, new)
        _login_with(store, client, username, new)
    finally:
        client.close()
    return OpResult(None, Changes(Change.SYNC))


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
             credentials: Credentials | None = None, progress: Progress | None = None,
             first_sync: str | None = None, cancel: Callable[[], bool] | None = None) -> OpResult[SyncReport]:
    """One whole sync. ``first_sync`` ("merge"/"apart"): the person's answer when this PC's own data meets a
    server cell that has data (``FirstSyncChoice``). ``cancel``: asked between steps; a cancelled sync stops
    at a step boundary, where everything done so far is committed and the rest waits for the next sync."""
    engine = make_engine(store, transport=transport, credentials=credentials)
    engine.first_sync = first_sync
    if cancel is not None:
        engine.cancel = cancel
    try:
        return _run(store, engine, progress=progress)
    finally:
        engine.client.close()


def _run(store: Store, engine: SyncEngine, *, progress: Progress | None = None) -> OpResult[SyncReport]:
    try:
        report = engine.sync(progress=progress)
    except UserError as exc:
        with store.transaction() as session:
            state = _state(session)
            if state is not None:
                state.last_error = _error_text(getattr(exc, "health", SyncHealth.ERROR), exc.message)
        raise
    store.forget_cell()
    # Records pulled from the other PCs may be anything a page shows.
    return OpResult(report, Changes(~Change.NONE if report.pulled else Change.SYNC))


def status(store: Store, credentials: Credentials | None = None) -> SyncStatus:
    credentials = credentials or Credentials()
    with store.transaction() as session:
        state = _state(session)
        pending = int(session.scalar(pending_changes()) or 0)
        conflicts, rejected = inbox_rows(session, state.device_id if state else None)
        url = state.server_url if state else ""
        username = state.username if state else ""
        logged_in = bool(url and credentials.get(refresh_key(url, username)))
        if state is not None:
            state.last_sync_at = aware(state.last_sync_at)  # SQLite forgets the zone
        health, error = _read_error(state.last_error if state else "")
        if not url:
            health = SyncHealth.NOT_SET
        return SyncStatus(url, username, state.role if state else "", logged_in,
                          state.last_sync_at if state else None, error, pending, conflicts, rejected, health)


def dismiss_rejected(store: Store, rejected_id: int) -> OpResult[None]:
    """"Bỏ qua": the person has read (or copied) a refused change and lets it go. Only ever on their word."""
    from sqlalchemy import delete

    with store.transaction() as session:
        session.execute(delete(RejectedInbox).where(RejectedInbox.id == rejected_id))
    return OpResult(None, Changes(Change.SYNC))
