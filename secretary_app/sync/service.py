"""What the CLI and the sync page call: log in, sync once, and read the sync status and inboxes."""

from __future__ import annotations

import datetime as dt
import json
import platform
import uuid
from dataclasses import dataclass

import httpx
from sqlalchemy import Text, func, select, update

from models.sync_tables import ConflictInbox, OutboxEntry, RejectedInbox, SyncState
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.credentials import Credentials
from secretary_app.errors import UserError
from secretary_app.store import Store
from secretary_app.sync.client import SyncClient, SyncHealth, refresh_key
from secretary_app.sync.codec import ENTITIES
from secretary_app.sync.engine import Progress, SyncEngine, SyncReport

ENTITY_LABELS = {
    "cell": "Chi bộ", "member": "Đảng viên", "member_event": "Quá trình đảng viên", "meeting": "Cuộc họp",
    "agenda_item": "Nội dung họp", "attendance": "Điểm danh", "guest": "Khách mời", "speech": "Ý kiến phát biểu",
    "vote": "Biểu quyết", "minutes": "Biên bản", "resolution": "Nghị quyết", "task": "Nhiệm vụ",
    "dues_rate": "Mức đảng phí", "dues_obligation": "Đảng phí phải nộp", "dues_payment": "Thu đảng phí",
    "remittance": "Nộp cấp trên", "candidate": "Quần chúng ưu tú", "admission_step": "Bước kết nạp",
    "document_record": "Sổ văn bản", "attachment": "Tệp đính kèm",
    "dues_profile": "Diện đóng đảng phí", "dues_adjustment": "Miễn, giảm đảng phí",
}
FIELD_LABELS = {
    "full_name": "Họ và tên", "phone": "Điện thoại", "notes": "Ghi chú", "status": "Tình trạng", "body": "Nội dung",
    "title": "Tiêu đề", "reason": "Lý do", "position": "Chức vụ", "residence": "Nơi ở", "deleted": "Xóa",
    "birth_date": "Ngày sinh", "card_number": "Số thẻ đảng", "subject": "Trích yếu", "amount": "Số tiền",
}


@dataclass(frozen=True)
class ConflictRow:
    id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    fields: tuple[tuple[str, object, object], ...]  # (field, value kept on the server, other value)
    status: str
    by: str
    entity_label: str = ""
    record_label: str = ""
    names: tuple[str, ...] = ()  # the field names, in the order of ``fields``
    mine: bool = False  # this PC sent the other value (so "this computer's value" is the other one)
    kind: str = "fields"  # fields / delete (a deletion met an edit) / restore (an edit met a deletion)
    editable: tuple[str, ...] = ()  # text fields a person may edit before saving (the simple 3-way merge)


REJECTION_LABELS = {
    "immutable": "Bản ghi đã hoàn tất, không sửa được; hãy lập bản sửa đổi",
    "not_found": "Bản ghi không còn trên máy chủ", "forbidden": "Tài khoản không có quyền",
    "invalid": "Dữ liệu không hợp lệ", "constraint": "Trùng với dữ liệu đã có", "too_large": "Quá lớn để gửi",
    "invalid_hash": "Mã kiểm tra của biên bản không khớp với nội dung cuộc họp trên máy chủ (có thể máy kia đã sửa "
                    "cuộc họp cùng lúc)",
}


@dataclass(frozen=True)
class RejectedRow:
    id: int
    entity: str
    entity_id: uuid.UUID
    op: str
    error_code: str
    message: str
    created_at: dt.datetime


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
        device = state.device_id if state else None
        conflicts = tuple(_conflict_row(session, c, device) for c in session.scalars(
            select(ConflictInbox).where(ConflictInbox.status == "open").order_by(ConflictInbox.server_seq)))
        rejected = tuple(RejectedRow(r.id, ENTITY_LABELS.get(r.entity, r.entity), r.entity_id, r.op,
                                     REJECTION_LABELS.get(r.error_code, r.error_code), r.message, r.created_at)
                         for r in session.scalars(select(RejectedInbox).order_by(RejectedInbox.id)))
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


DERIVED_FIELDS = frozenset({"search_key"})  # follow another field; never shown nor edited on their own
# Short free text a person may edit when resolving (long text columns too); coded values such as an
# attendance status are chosen, never typed.
FREE_TEXT_FIELDS = frozenset({"full_name", "phone", "notes", "residence", "position", "title", "subject", "reason",
                              "body", "place_name", "home_town", "occupation"})


def _conflict_row(session, c: ConflictInbox, device: uuid.UUID | None = None) -> ConflictRow:
    from secretary_app.sync.resolve import conflict_kind

    client = json.loads(c.client_fields or "{}")
    server = json.loads(c.server_fields or "{}")
    kind = conflict_kind(client, server)
    shown = sorted(name for name in client if name not in DERIVED_FIELDS)
    names: tuple[str, ...] = tuple(shown)
    if kind == "delete":
        fields: tuple[tuple[str, object, object], ...] = (("Bản ghi", "Giữ lại (đã được sửa)", "Xóa"),)
    else:
        gone = "(đã bị xóa trên máy chủ)" if kind == "restore" else None
        fields = tuple((FIELD_LABELS.get(name, name), gone if gone else server.get(name),
                        client[name][1] if isinstance(client[name], list) else client[name]) for name in shown)
    table = ENTITIES.get(c.entity)
    editable = tuple(name for name in shown if kind != "delete" and table is not None and name in table.c
                     and (isinstance(table.c[name].type, Text) or name in FREE_TEXT_FIELDS)
                     and isinstance(client[name], list)
                     and isinstance(client[name][1], str | None))
    record = ""
    if table is not None:
        for column in ("full_name", "title", "subject", "name"):
            if column in table.c:
                record = session.scalar(select(table.c[column]).where(table.c.id == c.entity_id)) or ""
                break
    return ConflictRow(c.id, c.entity, c.entity_id, fields, c.status, c.updated_by,
                       ENTITY_LABELS.get(c.entity, c.entity), record, names=names,
                       mine=device is not None and c.device_id == device, kind=kind, editable=editable)
