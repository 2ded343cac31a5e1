"""The sync protocol `/sync/v1`, shared by the desktop client and the server (sync-security.md §2).

Pydantic models for every request and response, the limits, and the codec that turns a column value
into JSON and back. Both sides use the same table definitions (``models.schema``), so one codec serves
both: values are always *compared* in their JSON form, which keeps SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String, Table, Uuid

from models.schema import SYNCED_TABLES

PROTOCOL = 1
SCHEMA_VERSION = 2  # version of the synced field set; the server accepts N and N-1 (2: vote.ballots)
PREFIX = "/sync/v1"
MAX_MUTATIONS = 200
MAX_BATCH_BYTES = 1024 * 1024
MAX_BODY_BYTES = 2 * 1024 * 1024
PULL_LIMIT = 500
ACCESS_TTL = dt.timedelta(minutes=15)
REFRESH_IDLE_TTL = dt.timedelta(days=30)
CLOCK_WARNING = dt.timedelta(seconds=300)

# Columns every synced row carries; the server assigns them, so they never travel as "fields".
SYNC_COLUMNS = frozenset({"id", "cell_id", "version", "server_seq", "deleted", "updated_at", "updated_by"})
ENTITIES: dict[str, Table] = {cls.__tablename__: cls.__table__ for cls in SYNCED_TABLES}  # type: ignore[attr-defined]
# Order in which rows can be created (parents first); deletes go the other way.
ENTITY_ORDER: dict[str, int] = {
    t.name: i for i, t in enumerate(SYNCED_TABLES[0].metadata.sorted_tables) if t.name in ENTITIES  # type: ignore[attr-defined]
}
FINALISABLE = frozenset({"minutes", "resolution"})  # immutable once final_hash is set (§2.6)
CONFLICT_ENTITY = "conflict"  # conflicts travel in the pull stream like records

MutationStatus = Literal["applied", "merged", "conflict", "rejected", "duplicate"]
Op = Literal["create", "update", "delete", "restore", "undelete"]
Role = Literal["secretary", "deputy", "viewer", "admin"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- auth ---------------------------------------------------------------------------------------

class LoginRequest(_Strict):
    username: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=1024)
    device_id: uuid.UUID | None = None
    device_name: str = Field(default="", max_length=200)


class RefreshRequest(_Strict):
    refresh_token: str = Field(min_length=10, max_length=200)


class TokenResponse(_Strict):
    access_token: str
    refresh_token: str
    expires_in: int
    device_id: uuid.UUID
    user: str
    role: Role
    cell_id: uuid.UUID | None
    cell_name: str = ""


# --- hello --------------------------------------------------------------------------------------

class HelloRequest(_Strict):
    device_id: uuid.UUID
    app_version: str = Field(max_length=40)
    protocol: int
    schema_version: int
    client_time: dt.datetime


class HelloResponse(_Strict):
    server_time: dt.datetime
    protocol_range: tuple[int, int]
    schema_range: tuple[int, int]
    epoch: uuid.UUID
    cell_id: uuid.UUID
    cell_name: str
    cell_has_data: bool
    server_seq: int
    last_mutation_seq: int
    clock_skew_warning: bool
    action: Literal["ok", "upgrade_required", "reconcile"]


# --- push ---------------------------------------------------------------------------------------

class Mutation(_Strict):
    mutation_seq: int = Field(ge=1)
    mutation_id: uuid.UUID
    entity: str = Field(max_length=40)
    entity_id: uuid.UUID
    op: Op
    base_version: int = Field(ge=0)
    fields: dict[str, tuple[Any, Any]] = Field(default_factory=dict)  # name -> [old, new]
    schema_version: int = SCHEMA_VERSION


class PushRequest(_Strict):
    device_id: uuid.UUID
    cell_id: uuid.UUID
    mutations: list[Mutation] = Field(min_length=1, max_length=MAX_MUTATIONS)


class RecordImage(_Strict):
    """A record as the server holds it after a mutation: enough for the client to converge."""

    version: int
    server_seq: int
    deleted: bool
    updated_at: str
    updated_by: str
    fields: dict[str, Any]


class MutationResult(_Strict):
    mutation_seq: int
    mutation_id: uuid.UUID
    status: MutationStatus
    version: int = 0
    server_seq: int = 0
    conflict_id: uuid.UUID | None = None
    error_code: str = ""
    message: str = ""
    current: RecordImage | None = None


class PushResponse(_Strict):
    results: list[MutationResult]
    last_mutation_seq: int


# --- pull ---------------------------------------------------------------------------------------

class Change(_Strict):
    entity: str
    id: uuid.UUID
    version: int
    server_seq: int
    deleted: bool
    updated_at: str
    updated_by: str
    fields: dict[str, Any]


class PullResponse(_Strict):
    epoch: uuid.UUID
    changes: list[Change]
    next_cursor: int
    has_more: bool
    digest_at_cursor: str | None = None


class ReconcileRequest(_Strict):
    inventory: list[tuple[str, uuid.UUID, int]] = Field(max_length=200_000)


class ReconcileResponse(_Strict):
    changes: list[Change]  # records the client lacks or holds at another version
    server_lacks: list[tuple[str, uuid.UUID]]


class ErrorBody(_Strict):
    error: str
    message: str = ""
    expected_seq: int | None = None


# --- values -------------------------------------------------------------------------------------

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
            return value
        if isinstance(kind, String):  # Text is a String too
            if not isinstance(value, str):
                raise CodecError(f"{name} must be text")
            if kind.length and len(value) > kind.length:
                raise CodecError(f"{name} is longer than {kind.length} characters")
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
