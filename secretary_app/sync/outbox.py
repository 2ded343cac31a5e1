"""Every local edit writes its outbox rows in the same transaction (sync-security.md §2.3).

Implemented once, as a session event on the sessions a ``Store`` makes, so no service can forget it.
It runs *after* the flush's SQL but inside the same transaction: only then are column defaults and the
foreign keys that relationships fill in (``member.events.append(...)``) known, while the attribute
history still holds each changed field's old value. The sync engine writes pulled pages with Core
statements (no ORM flush), and sets ``session.info["sync_applying"]`` if it ever flushes, so applying
the server's data never echoes back into the outbox.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from models.base import SyncMixin, new_id
from models.sync_tables import OutboxEntry
from secretary_app.sync.codec import (
    ENTITIES,
    ENTITY_ORDER,
    SCHEMA_VERSION,
    data_columns,
    json_converter,
    to_json,
)

APPLYING = "sync_applying"


def install_outbox_hook(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _record_changes)
    event.listen(factory, "do_orm_execute", _record_bulk_inserts)


def _record_bulk_inserts(state: ORMExecuteState) -> Any:
    """ORM bulk INSERTs (``session.execute(insert(Member), rows)``) never pass through the unit of work:
    queue a create for each row here, in the same transaction, once the INSERT has run."""
    if state.session.info.get(APPLYING) or not state.is_insert:
        return None
    table = getattr(state.statement, "table", None)
    table_name: str | None = getattr(table, "name", None)
    if table_name not in ENTITIES or not state.parameters:
        return None
    params: list[Any] = list(state.parameters) if isinstance(state.parameters, list) else [state.parameters]
    if not all(isinstance(p, dict) and p.get("id") for p in params):
        return None
    result = state.invoke_statement()
    synced = ENTITIES[table.name]  # type: ignore[union-attr]
    columns = _create_columns(synced.name)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    rows = []
    for values in params:
        # The same JSON as to_json() column by column, with each column's conversion looked up once per
        # table instead of once per value (a year of dues obligations is 60,000 rows × 8 fields).
        fields = {}
        for name, default, convert in columns:
            value = values.get(name, default)
            fields[name] = [None, None if value is None else convert(value)]
        rows.append(dict(mutation_id=new_id(), entity=synced.name, entity_id=values["id"], op="create",
                         base_version=0, fields=dumps(fields), schema_version=SCHEMA_VERSION,
                         status="pending", attempts=0, last_error=""))
    rows.sort(key=lambda r: ENTITY_ORDER.get(r["entity"], 0))
    state.session.connection().execute(insert(OutboxEntry.__table__), rows)
    return result


@cache
def _create_columns(entity: str) -> tuple[tuple[str, Any, Callable[[Any], Any]], ...]:
    """(name, scalar default, value → JSON) of each data column of a synced table, for bulk creates."""
    synced = ENTITIES[entity]
    defaults = {c.name: getattr(c.default, "arg", None) for c in synced.columns
                if c.default is not None and c.default.is_scalar}
    return tuple((name, defaults.get(name), json_converter(synced, name)) for name in data_columns(synced))


def _record_changes(session: Session, _flush_context: Any) -> None:
    if session.info.get(APPLYING):
        return
    creates: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    deletes: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, SyncMixin):
            table = ENTITIES[obj.__tablename__]
            fields: dict[str, list[Any]] = {name: [None, to_json(table, name, getattr(obj, name))]
                                            for name in data_columns(table)}
            creates.append(_row(obj, "create", 0, fields))
    for obj in session.dirty:
        if not isinstance(obj, SyncMixin) or not session.is_modified(obj, include_collections=False):
            continue
        table = ENTITIES[obj.__tablename__]
        state = inspect(obj)
        deleted = state.attrs.deleted.history
        if deleted.added and deleted.added[0] and not (deleted.deleted and deleted.deleted[0]):
            deletes.append(_row(obj, "delete", obj.version, {}))
            continue
        # A deleted record brought back (undo, "Khôi phục"): its own op, so the server lifts the tombstone
        # instead of treating the edit of a deleted record as a conflict.
        undelete = bool(deleted.added and deleted.added[0] is False and deleted.deleted and deleted.deleted[0])
        fields = {}
        for name in data_columns(table):
            history = state.attrs[name].history
            if not history.added and not history.deleted:
                continue
            old = to_json(table, name, history.deleted[0]) if history.deleted else None
            new = to_json(table, name, history.added[0]) if history.added else None
            if old != new:
                fields[name] = [old, new]
        if fields or undelete:
            updates.append(_row(obj, "undelete" if undelete else "update", obj.version, fields))
    for obj in session.deleted:
        if isinstance(obj, SyncMixin):
            deletes.append(_row(obj, "delete", obj.version, {}))
    creates.sort(key=lambda r: ENTITY_ORDER.get(r["entity"], 0))
    deletes.sort(key=lambda r: -ENTITY_ORDER.get(r["entity"], 0))
    rows = creates + updates + deletes
    if rows:
        session.connection().execute(insert(OutboxEntry.__table__), rows)


def _row(obj: SyncMixin, op: str, base_version: int | None, fields: dict[str, Any]) -> dict[str, Any]:
    return dict(mutation_id=new_id(), entity=obj.__tablename__, entity_id=obj.id, op=op,
                base_version=base_version or 0, fields=json.dumps(fields, ensure_ascii=False),
                schema_version=SCHEMA_VERSION, status="pending", attempts=0, last_error="")
