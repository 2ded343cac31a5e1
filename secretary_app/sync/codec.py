"""How synced records travel: which tables sync, in which order, and each column value as JSON and back.

Both sides use the same table definitions (``models.schema``), so one codec serves both: values are
always *compared* in their JSON form, which keeps SQLite and PostgreSQL alike. Kept apart from the
pydantic messages of ``protocol.py`` because the outbox hook needs it on every local edit, and the app
should not import pydantic before the first page is on screen.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from functools import partial
from operator import methodcaller
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, LargeBinary, String, Table, Uuid

from models.base import Base
from models.schema import SYNCED_TABLES

# Version of the synced field set and mutation ops; the server accepts N and N-1. 2: vote.ballots;
# 3: the `resolve` op; 4: dues profiles, adjustments, payment receipt and group. A client at 3 is refused (426) by a server at 2, which would otherwise answer a
# batch holding a `resolve` with 422 and block that PC's whole queue.
SCHEMA_VERSION = 4

# Columns every synced row carries; the server assigns them, so they never travel as "fields".
SYNC_COLUMNS = frozenset({"id", "cell_id", "version", "server_seq", "deleted", "updated_at", "updated_by"})
MODELS: dict[str, type[Base]] = {cls.__tablename__: cls for cls in SYNCED_TABLES}
ENTITIES: dict[str, Table] = {name: cls.__table__ for name, cls in MODELS.items()}
# Order in which rows can be created (parents first); deletes go the other way.
ENTITY_ORDER: dict[str, int] = {
    t.name: i for i, t in enumerate(SYNCED_TABLES[0].metadata.sorted_tables) if t.name in ENTITIES
}
FINALISABLE = frozenset({"minutes", "resolution"})  # immutable once final_hash is set (§2.6)
CONFLICT_ENTITY = "conflict"  # conflicts travel in the pull stream like records


MAX_TEXT = 200_000  # the longest text a record may hold (minutes: 200 kB), on both sides and both databases


class CodecError(ValueError):
    pass


def data_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in SYNC_COLUMNS]


def to_json(table: Table, name: str, value: Any) -> Any:
    """A column value as JSON. Datetimes are UTC ISO strings (SQLite forgets the zone)."""
    if value is None:
        return None
    kind = table.c[name].type
    if isinstance(kind, Uuid):
        return str(value)
    if isinstance(kind, DateTime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(kind, Date):
        return value.isoformat()
    if isinstance(kind, LargeBinary):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(kind, Boolean):
        return bool(value)
    return value


def json_converter(table: Table, name: str) -> Callable[[Any], Any]:
    """``to_json(table, name, value)`` for a value that is not None, with the column's type looked up once
    (the outbox queues tens of thousands of rows at a time)."""
    kind = table.c[name].type
    if isinstance(kind, Uuid):
        return str
    if isinstance(kind, DateTime | LargeBinary):
        return partial(to_json, table, name)
    if isinstance(kind, Date):
        return methodcaller("isoformat")
    if isinstance(kind, Boolean):
        return bool
    return _unchanged


def _unchanged(value: Any) -> Any:
    return value


def from_json(table: Table, name: str, value: Any) -> Any:
    """Parse and check one field value sent by the other side; CodecError names what is wrong."""
    if name not in table.c or name in SYNC_COLUMNS:
        raise CodecError(f"unknown field {name}")
    column = table.c[name]
    if value is None:
        if not column.nullable:
            raise CodecError(f"{name} may not be empty")
        return None
    kind = column.type
    try:
        if isinstance(kind, Uuid):
            return uuid.UUID(str(value))
        if isinstance(kind, DateTime):
            parsed = dt.datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        if isinstance(kind, Date):
            return dt.date.fromisoformat(value)
        if isinstance(kind, LargeBinary):
            return base64.b64decode(value, validate=True)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise CodecError(f"{name} must be true or false")
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise CodecError(f"{name} must be a whole number")
            bits = 63 if isinstance(kind, BigInteger) else 31
            if not -(2**bits) <= value < 2**bits:
                raise CodecError(f"{name} is out of range")
            return value
        if isinstance(kind, String):  # Text is a String too
            if not isinstance(value, str):
                raise CodecError(f"{name} must be text")
            if len(value) > (kind.length or MAX_TEXT):
                raise CodecError(f"{name} is longer than {kind.length or MAX_TEXT} characters")
            if "\x00" in value:
                raise CodecError(f"{name} may not contain the NUL character")
            return value
    except (TypeError, ValueError) as exc:
        if isinstance(exc, CodecError):
            raise
        raise CodecError(f"{name}: {exc}") from exc
    return value


def normalise(table: Table, name: str, value: Any) -> Any:
    """The canonical JSON form of a JSON value (e.g. datetimes with and without zone compare equal)."""
    try:
        return to_json(table, name, from_json(table, name, value))
    except CodecError:
        return value


def record_hash(entity: str, record_id: uuid.UUID, version: int) -> int:
    digest = hashlib.sha256(f"{entity}|{record_id}|{version}".encode()).digest()
    return int.from_bytes(digest, "big")


def digest_hex(value: int) -> str:
    return f"{value:064x}"
