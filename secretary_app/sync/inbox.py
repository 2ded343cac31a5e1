"""The two sync inboxes that nothing empties behind the user's back: conflicts the server kept (both values,
until a person decides) and changes it refused. Kept apart from ``service`` so reading them imports neither
httpx nor pydantic: the overview lists them, and it must come up fast (bench/startup.py).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import Text, select

from models.sync_tables import ConflictInbox, RejectedInbox, SyncState
from secretary_app.store import Store
from secretary_app.sync.codec import ENTITIES

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
    content: str = ""  # the person's own text in the refused change, to copy somewhere before dismissing it


def inbox_rows(session, device: uuid.UUID | None) -> tuple[tuple[ConflictRow, ...], tuple[RejectedRow, ...]]:
    conflicts = tuple(_conflict_row(session, c, device) for c in session.scalars(
        select(ConflictInbox).where(ConflictInbox.status == "open").order_by(ConflictInbox.server_seq)))
    rejected = tuple(RejectedRow(r.id, ENTITY_LABELS.get(r.entity, r.entity), r.entity_id, r.op,
                                 REJECTION_LABELS.get(r.error_code, r.error_code), r.message, r.created_at,
                                 rejected_content(r.fields))
                     for r in session.scalars(select(RejectedInbox).order_by(RejectedInbox.id)))
    return conflicts, rejected


def inboxes(store: Store) -> tuple[tuple[ConflictRow, ...], tuple[RejectedRow, ...]]:
    """The open conflicts and the rejected changes, as the sync page lists them (the overview's to-do list)."""
    with store.transaction() as session:
        state = session.get(SyncState, 1)
        return inbox_rows(session, state.device_id if state else None)


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


def rejected_content(fields_json: str) -> str:
    """The values a refused change carried, one "Label: value" per line (ids and derived fields left out)."""
    try:
        fields = json.loads(fields_json or "{}")
    except ValueError:
        return fields_json
    lines = []
    for name, pair in fields.items():
        value = pair[1] if isinstance(pair, list) and len(pair) == 2 else pair
        if name in DERIVED_FIELDS or name.endswith("_id") or value in (None, ""):
            continue
        lines.append(f"{FIELD_LABELS.get(name, name)}: {value}")
    return "\n".join(lines)
