"""A person resolves a sync conflict on this PC (sync-security.md §2.5).

The decision is one local transaction: the chosen value goes into the local record at once (so every page
shows it before the next sync), a `resolve` mutation joins the outbox, and the conflict's inbox row turns
"resolving". The next sync sends the decision through the same exactly-once queue as every edit; the server
applies it to the record by the ordinary per-field rule and closes the conflict, and the pull brings the
closed conflict ("resolved") and the record to every PC. A refusal (someone resolved it first, the record
became final) lands in the rejected inbox like any refusal, and the conflict reopens here.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Literal

from sqlalchemy import inspect, select

from models.base import new_id
from models.sync_tables import ConflictInbox, OutboxEntry, SyncState
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.errors import UserError
from secretary_app.store import Store
from secretary_app.sync.codec import (
    ENTITIES,
    FINALISABLE,
    MODELS,
    SCHEMA_VERSION,
    CodecError,
    from_json,
    to_json,
)
from secretary_app.sync.outbox import APPLYING

Choice = Literal["server", "client", "value", "mine"]

# Which page shows an entity, so the right pages refresh after a decision (see ui.pages on_changes).
AREAS: dict[str, Change] = {
    "member": Change.MEMBER, "member_event": Change.MEMBER | Change.EVENT, "meeting": Change.MEETING,
    "agenda_item": Change.MEETING, "attendance": Change.MEETING | Change.ATTENDANCE, "guest": Change.ATTENDANCE,
    "speech": Change.MINUTES, "vote": Change.MEETING | Change.VOTE, "minutes": Change.MINUTES, "task": Change.TASK,
    "resolution": Change.RESOLUTION, "dues_rate": Change.DUES, "dues_obligation": Change.DUES,
    "dues_payment": Change.DUES, "remittance": Change.DUES, "candidate": Change.ADMISSION,
    "admission_step": Change.ADMISSION, "document_record": Change.DOCUMENT, "attachment": Change.DOCUMENT,
    "cell": Change.CELL, "dues_profile": Change.DUES, "dues_adjustment": Change.DUES,
}


def conflict_kind(client: dict[str, Any], server: dict[str, Any]) -> str:
    """"delete": a deletion met an edit (the server kept the record); "restore": an edit met a deletion
    (the server kept the tombstone); "fields": the same field changed on two PCs."""
    if "deleted" in client:
        return "delete"
    if server.get("deleted") is True:
        return "restore"
    return "fields"


def find_conflict(store: Store, text: str) -> uuid.UUID:
    """The conflict a person named by its id or a unique prefix of 8+ hex digits (as `sync conflicts` prints)."""
    wanted = text.strip().lower().replace("-", "")
    if len(wanted) < 8 or any(ch not in "0123456789abcdef" for ch in wanted):
        raise UserError(f"\"{text}\" không phải mã xung đột. Hãy chép ít nhất 8 ký tự đầu của mã in ở lệnh "
                        "\"secretary-app sync conflicts\".")
    with store.transaction() as session:
        ids = [i for i in session.scalars(select(ConflictInbox.id)) if i.hex.startswith(wanted)]
    if not ids:
        raise UserError(f"Không có xung đột nào có mã bắt đầu bằng \"{text}\" trên máy này. Hãy đồng bộ rồi "
                        "xem lại danh sách (secretary-app sync conflicts).")
    if len(ids) > 1:
        raise UserError(f"Có {len(ids)} xung đột có mã bắt đầu bằng \"{text}\". Hãy chép thêm vài ký tự của mã.")
    return ids[0]


def resolve_conflict(store: Store, conflict_id: uuid.UUID, choice: Choice,
                     values: dict[str, Any] | None = None) -> OpResult[None]:
    """Record a decision on an open conflict, in one local transaction (see the module docstring).

    ``choice``: "server" keeps the value the server holds; "client" takes the other value (the one the
    conflicting PC sent; for a deletion: delete; for an edit of a deleted record: restore it with the edit);
    "value" takes ``values`` ({field: JSON value}, fields of the conflict only; the others keep the server's);
    "mine" is what a person at this PC means by "this computer's value": "client" when this PC sent the
    conflicting change, otherwise "server" (this PC shows the server's value)."""
    with store.transaction() as session:
        row = session.get(ConflictInbox, conflict_id)
        if row is None:
            raise UserError("Không tìm thấy xung đột này trên máy. Hãy đồng bộ rồi xem lại danh sách xung đột.")
        if row.status == "resolving":
            raise UserError("Xung đột này đã được giải quyết trên máy này và đang chờ gửi lên máy chủ. "
                            "Hãy bấm \"Đồng bộ ngay\".")
        if row.status != "open":
            raise UserError("Xung đột này đã được giải quyết (có thể từ máy khác). Không cần làm gì thêm.")
        if choice == "mine":
            state = session.get(SyncState, 1)
            choice = "client" if state is not None and row.device_id == state.device_id else "server"
        if choice not in ("server", "client", "value"):
            raise UserError(f"Lựa chọn \"{choice}\" không hợp lệ.")
        client: dict[str, Any] = json.loads(row.client_fields or "{}")
        server: dict[str, Any] = json.loads(row.server_fields or "{}")
        kind = conflict_kind(client, server)
        values = dict(values or {})
        if choice == "value" and (not values or set(values) - set(client) or kind == "delete"):
            raise UserError("Chỉ sửa được giá trị của chính trường đang xung đột.")
        table = ENTITIES.get(row.entity)
        if table is None:
            raise UserError("Bản ghi của xung đột này không có trên máy.")
        local = _local_values(kind, choice, client, values)
        if (choice != "server" and row.entity in FINALISABLE
                and session.scalar(select(table.c.final_hash).where(table.c.id == row.entity_id))):
            raise UserError("Văn bản này đã hoàn tất nên không sửa được nữa. Hãy giữ giá trị trên máy chủ, "
                            "rồi lập bản sửa đổi nếu cần.")
        try:
            converted = {name: value if name == "deleted" else from_json(table, name, value)
                         for name, value in local.items()}  # `deleted` is a sync column, not a field
        except CodecError as exc:
            raise UserError(f"Giá trị không hợp lệ ({exc}). Hãy sửa lại rồi lưu.") from exc
        record = session.get(MODELS[row.entity], row.entity_id)  # the entity is known: ENTITIES had it
        if record is None:
            raise UserError("Bản ghi của xung đột này không có trên máy. Hãy đồng bộ rồi thử lại.")
        # The decision travels as the `resolve` mutation only: the local write below must not also
        # queue an ordinary edit (it would reach the server as a second change of the same field).
        session.info[APPLYING] = True
        try:
            for name, value in converted.items():
                setattr(record, name, value)  # through the model, so derived fields follow (search_key)
            if choice == "value":
                # A derived field in the same conflict (the search key of an edited name) goes with it.
                record_state = inspect(record)
                values.update({name: to_json(table, name, getattr(record, name)) for name in client
                               if name not in values and name != "deleted"
                               and record_state.attrs[name].history.has_changes()})
            fields: dict[str, list[Any]] = {"choice": [None, choice]}
            if choice == "value":
                fields["values"] = [None, values]
            session.add(OutboxEntry(mutation_id=new_id(), entity="conflict", entity_id=row.id, op="resolve",
                                    base_version=row.version, fields=json.dumps(fields, ensure_ascii=False),
                                    schema_version=SCHEMA_VERSION, status="pending", attempts=0, last_error=""))
            row.status = "resolving"
            session.flush()
        finally:
            session.info.pop(APPLYING, None)
        return OpResult(None, Changes(Change.SYNC | AREAS.get(row.entity, Change.NONE)))


def _local_values(kind: str, choice: str, client: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """What the local record shows after the decision, before the server confirms it."""
    if choice == "server":
        # Keeping the server's value changes nothing: this PC already shows the server's record (the
        # value in the conflict may even be older than what a later pull brought).
        return {}
    if kind == "delete":
        return {"deleted": True}
    chosen = {name: pair[1] for name, pair in client.items()} if choice == "client" else dict(values)
    if kind == "restore":
        chosen["deleted"] = False
    return chosen
