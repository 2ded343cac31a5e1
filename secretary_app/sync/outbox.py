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
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from itertools import repeat
from typing import Any

from sqlalchemy import Column, Connection, String, Table, Uuid, delete, event, func, insert, inspect, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from models.base import SyncMixin, new_id, new_id_ints, new_ids
from models.sync_tables import BULK_OP, OutboxEntry
from models.text import nfc
from secretary_app.sync.codec import (
    ENTITIES,
    ENTITY_ORDER,
    SCHEMA_VERSION,
    data_columns,
    json_converter,
    to_json,
)

APPLYING = "sync_applying"
# The JSON text of an entry's fields, or of one field's value: json.dumps(..., ensure_ascii=False).
_json_text = json.JSONEncoder(ensure_ascii=False).encode


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
    synced = ENTITIES[table.name]  # type: ignore[union-attr]  # an insert has its table
    columns = _create_columns(synced.name)
    rows = []
    for values in params:
        # The same JSON as to_json() column by column, with each column's conversion looked up once per
        # table instead of once per value (a year of dues obligations is 60,000 rows × 8 fields).
        fields = {}
        for name, default, convert in columns:
            value = values.get(name, default)
            fields[name] = [None, None if value is None else convert(value)]
        rows.append(dict(mutation_id=new_id(), entity=synced.name, entity_id=values["id"], op="create",
                         base_version=0, fields=_json_text(fields), schema_version=SCHEMA_VERSION,
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
                base_version=base_version or 0, fields=_json_text(fields),
                schema_version=SCHEMA_VERSION, status="pending", attempts=0, last_error="")


def insert_created(session: Session, table: Table, columns: Mapping[str, Sequence[Any]],
                   shared: Mapping[str, Any] | None = None, *, one_entry: bool = False) -> int:
    """INSERT new rows of a synced table and queue a create for each in the outbox, in the session's
    transaction: the same rows and the same outbox entries as ``session.add()`` of each object and a
    flush would make (texts NFC, defaults filled in, ``fields`` the same JSON), for tens of thousands of
    rows at a time (a year of dues obligations). Returns the number of rows.

    ``columns`` holds each column's values, one per row (``id`` is required; a UUID column's values may be
    given as their 32 hex digits, all of them or none); ``shared`` the values all
    rows have; a column in neither takes its default (a callable one, ``updated_at``, once for the batch).

    ``one_entry``: the creates are queued as one bulk outbox row (``OutboxEntry``), which the sync engine
    turns into the same entries, in the same place in the queue, before it reads the outbox
    (``expand_bulk``). Sixty thousand outbox rows and their four indexes cost SQLite more than the rows
    themselves; the user waits for the generation, not for the background sync.

    The ORM, even its bulk INSERT, converts each value of each row through the column's type (~10 µs a
    row); here each column is converted at once, a repeated value once, the rows go to the driver's
    ``executemany``, and each outbox entry's JSON is put together from each value's JSON text."""
    shared = shared or {}
    count = len(columns["id"])
    if any(len(values) != count for values in columns.values()):
        raise ValueError("insert_created: every column needs one value a row")
    if not count:
        return 0
    connection = session.connection()
    dialect = connection.dialect
    stored: dict[str, Iterable[Any]] = {}
    for column in table.columns:
        if column.name in columns:
            stored[column.name] = _stored_column(column, columns[column.name], dialect)
        else:
            value = shared[column.name] if column.name in shared else _default(column)
            stored[column.name] = repeat(_stored_column(column, [value], dialect)[0], count)
    connection.exec_driver_sql(_insert_sql(table, list(stored), dialect), list(zip(*stored.values(), strict=False)))
    if session.info.get(APPLYING):
        return count
    names = data_columns(table)
    texts: list[Iterable[str]] = []
    for name in names:
        if name in columns:
            texts.append(_json_column(table.c[name], columns[name], stored[name]))
        else:
            value = shared[name] if name in shared else _default(table.c[name])
            texts.append(repeat(_json_column(table.c[name], [value], [value])[0], count))
    outbox = OutboxEntry.__table__
    if one_entry:
        ids = [str(v) for v in stored["id"]] if _stores_uuid_as_hex(table.c.id, dialect) else [
            uuid.UUID(str(v)).hex for v in stored["id"]]
        _insert_bulk(connection, str(table.name), ids, dict(zip(names, texts, strict=True)))
        return count
    entity_ids = (stored["id"] if _same_type(outbox.c.entity_id, table.c.id)
                  else _stored_column(outbox.c.entity_id, columns["id"], dialect))
    template = _create_template(names)
    _queue_creates(connection, str(table.name), list(entity_ids),
                   [template % parts for parts in zip(*texts, strict=False)])
    return count


def _create_template(names: Sequence[str]) -> str:
    """A create's ``fields`` with a ``%s`` for each column's JSON text: ``{"name": [null, %s], …}``."""
    return "{" + ", ".join(f"{json.dumps(name)}: [null, %s]" for name in names) + "}"


def _queue_creates(connection: Connection, entity: str, entity_ids: Sequence[Any], fields: Sequence[str], *,
                   ids: range | None = None, created_at: Any = None, schema_version: int = SCHEMA_VERSION) -> None:
    """One outbox create a row, new mutation ids, through the driver's ``executemany``. ``entity_ids`` as the
    outbox stores them; ``ids``: the outbox ids (the ones a bulk row kept), else SQLite's next ones."""
    outbox = OutboxEntry.__table__
    dialect = connection.dialect
    count = len(entity_ids)
    if created_at is None:
        created_at = _default(outbox.c.created_at)
    entries = {
        **({"id": ids} if ids is not None else {}),
        "mutation_id": _new_stored_ids(outbox.c.mutation_id, count, dialect),
        "entity": repeat(entity, count),  # a plain str: sqlite3 asks a str subclass to adapt itself each row
        "entity_id": entity_ids,
        "op": repeat("create", count),
        "base_version": repeat(0, count),
        "fields": fields,
        "schema_version": repeat(schema_version, count),
        "status": repeat("pending", count),
        "attempts": repeat(0, count),
        "last_error": repeat("", count),
        "created_at": repeat(_stored_column(outbox.c.created_at, [created_at], dialect)[0], count),
    }
    connection.exec_driver_sql(_insert_sql(outbox, list(entries), dialect), list(zip(*entries.values(), strict=False)))


def _insert_bulk(connection: Connection, entity: str, entity_ids: Sequence[str],
                 texts: Mapping[str, Iterable[str]]) -> None:
    """One outbox row for ``len(entity_ids)`` creates. Its ``fields`` is JSON: ``{"id": [entity id as hex, …],
    "fields": {name: [value, …]}}``, a column's values in the order of the ids (``texts``: their JSON texts).
    By column, not by row, the field names are not written 60,000 times: a third of the size.
    Its id is the last of as many ids after the outbox's highest: ``expand_bulk`` puts the creates there,
    before anything queued after it (SQLite gives a new row the highest id + 1)."""
    count = len(entity_ids)
    top = connection.scalar(select(func.max(OutboxEntry.__table__.c.id))) or 0
    columns = ", ".join(f"{json.dumps(name)}: [{', '.join(values)}]" for name, values in texts.items())
    body = '{"id": ["' + '", "'.join(entity_ids) + '"], "fields": {' + columns + "}}"
    connection.execute(insert(OutboxEntry.__table__).values(
        id=top + count, mutation_id=new_id(), entity=entity, entity_id=new_id(), op=BULK_OP, base_version=0,
        fields=body, schema_version=SCHEMA_VERSION, status="pending", attempts=0, last_error="", records=count))


def bulk_parts(fields: str) -> tuple[list[str], list[str]]:
    """The entity ids (hex) and the fields (JSON text) of the creates a bulk outbox row stands for: the
    text ``_record_changes`` and ``insert_created`` write for a create. Each distinct value of a column is
    written once (a column holds one type, so ``True`` and ``1`` never meet in one)."""
    data = json.loads(fields)
    template = _create_template(list(data["fields"]))
    texts = []
    for values in data["fields"].values():
        seen = {value: _json_text(value) for value in dict.fromkeys(values)}
        texts.append(map(seen.__getitem__, values))
    return data["id"], [template % parts for parts in zip(*texts, strict=True)]


def expand_bulk(connection: Connection) -> int:
    """Turn each bulk outbox row into the creates it stands for, in the ids kept for them, in the caller's
    transaction. The sync engine calls it at the start of each local transaction, so every step of a sync
    sees one outbox row per change, as §2.3 describes it. Nothing was sent before, so the mutation ids are
    made now. Returns the number of rows written (60,000 in about a second: the rows go to the driver's
    ``executemany`` as ``insert_created`` writes them, while the user's edits wait for the transaction)."""
    outbox = OutboxEntry.__table__
    dialect = connection.dialect
    bulk = connection.execute(select(outbox).where(outbox.c.op == BULK_OP).order_by(outbox.c.id)).mappings().all()
    written = 0
    for row in bulk:
        ids, texts = bulk_parts(row["fields"])
        count = len(ids)
        connection.execute(delete(outbox).where(outbox.c.id == row["id"]))
        entity_ids = (ids if _stores_uuid_as_hex(outbox.c.entity_id, dialect)
                      else _stored_column(outbox.c.entity_id, [uuid.UUID(v) for v in ids], dialect))
        _queue_creates(connection, str(row["entity"]), entity_ids, texts, ids=range(row["id"] - count + 1, row["id"] + 1),
                       created_at=row["created_at"], schema_version=row["schema_version"])
        written += count
    return written


def pending_changes() -> Any:
    """The number of local changes not yet answered by the server (a bulk row counts its creates)."""
    outbox = OutboxEntry.__table__
    return select(func.coalesce(func.sum(outbox.c.records), 0)).where(outbox.c.status == "pending")


def _insert_sql(table: Table, names: Sequence[str], dialect: Dialect) -> str:
    mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)
    if mark is None:
        raise NotImplementedError(f"insert_created: paramstyle {dialect.paramstyle}")
    quote = dialect.identifier_preparer.quote
    return (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
            f"VALUES ({', '.join(mark for _ in names)})")


def _same_type(one: Column[Any], other: Column[Any]) -> bool:
    return type(one.type) is type(other.type) and vars(one.type) == vars(other.type)


def _default(column: Column[Any]) -> Any:
    """The value a row that leaves ``column`` out gets, as the ORM fills it in."""
    default = column.default
    if default is None:
        return None
    if default.is_scalar:
        return default.arg  # type: ignore[attr-defined]  # is_scalar: a ScalarElementColumnDefault
    if default.is_callable:
        return default.arg({})  # type: ignore[attr-defined]  # SQLAlchemy wraps it to take the context
    raise NotImplementedError(f"insert_created: the default of {column}")


def _stored_column(column: Column[Any], values: Sequence[Any], dialect: Dialect) -> Sequence[Any]:
    """What the driver is given for each of ``values``: texts NFC (as the mapper makes them on set,
    models/base.py), then the type's bind conversion; a repeated value converted once."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if isinstance(column.type, String):
        normal = {v: nfc(v) if isinstance(v, str) else v for v in dict.fromkeys(values)}
        if process is not None:
            normal = {v: None if n is None else process(n) for v, n in normal.items()}
        return [normal[v] for v in values]
    if process is None:
        return values
    if isinstance(column.type, Uuid):
        if values and isinstance(values[0], str):  # ids given as their 32 hex digits (dues obligation ids)
            if _stores_uuid_as_hex(column, dialect):
                return values
            values = [uuid.UUID(v) for v in values]
        return _by_identity(values, lambda v: None if v is None else process(v))
    converted = {v: None if v is None else process(v) for v in dict.fromkeys(values)}
    return list(map(converted.__getitem__, values))


def _new_stored_ids(column: Column[Any], count: int, dialect: Dialect) -> Sequence[Any]:
    """``count`` new UUIDv7 (``new_ids``) as ``column`` stores them; written straight from their integers
    when the dialect stores a UUID as its 32 hex digits (SQLite), without a ``uuid.UUID`` each."""
    if _stores_uuid_as_hex(column, dialect):
        return [f"{value:032x}" for value in new_id_ints(count)]
    return _stored_column(column, new_ids(count), dialect)


def _stores_uuid_as_hex(column: Column[Any], dialect: Dialect) -> bool:
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    sample = uuid.UUID(int=0x0123456789ABCDEF0123456789ABCDEF)
    return process is not None and process(sample) == sample.hex


def _by_identity(values: Sequence[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """``[convert(v) for v in values]``, each object converted once: a UUID hashes slowly (in Python), so
    the memo is by object identity (``values`` holds each object, so no id is reused meanwhile). As fast
    as converting each when all differ; many times faster for a repeated one (a member's twelve months)."""
    keys = list(map(id, values))
    converted = {key: convert(value) for key, value in dict(zip(keys, values, strict=True)).items()}
    return list(map(converted.__getitem__, keys))


def _json_column(column: Column[Any], values: Sequence[Any], stored: Iterable[Any]) -> list[str]:
    """The JSON text of each value in a create's ``fields`` (``to_json``, then ``json.dumps`` as
    ``_record_changes`` writes them), each distinct value once. UUIDs and texts are told apart by their
    stored form (``_stored_column``): a UUID hashes slowly, and a text must be NFC first."""
    if isinstance(column.type, Uuid):
        # str(uuid) is hex digits and dashes, which JSON writes as they are: no encoder.
        return _by_identity(values, lambda v: "null" if v is None else f'"{uuid.UUID(v) if isinstance(v, str) else v}"')
    convert = json_converter(column.table, column.name)
    texts = isinstance(column.type, String)
    keys = list(stored) if texts else values  # a text's stored form is its NFC; a datetime's text drops its zone
    distinct = dict(zip(keys, values, strict=True))  # values with one key have one JSON text
    if texts:
        distinct = {key: nfc(value) if isinstance(value, str) else value for key, value in distinct.items()}
    seen = {key: _json_text(None if value is None else convert(value)) for key, value in distinct.items()}
    return list(map(seen.__getitem__, keys))
