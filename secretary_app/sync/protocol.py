"""The sync protocol `/sync/v1`, shared by the desktop client and the server (sync-security.md §2).

Pydantic models for every request and response, and the limits. How a record's fields become JSON and
back is ``codec.py``, kept apart so that writing the outbox (every local edit) needs no pydantic.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from secretary_app.sync.codec import MAX_TEXT, SCHEMA_VERSION

PROTOCOL = 1
PREFIX = "/sync/v1"
MAX_MUTATIONS = 200
MAX_BATCH_BYTES = 1024 * 1024
MAX_BODY_BYTES = 2 * 1024 * 1024
PULL_LIMIT = 500
ACCESS_TTL = dt.timedelta(minutes=15)
REFRESH_IDLE_TTL = dt.timedelta(days=30)
CLOCK_WARNING = dt.timedelta(seconds=300)
# Bounds every request is checked against in pydantic (422), so SQLite and PostgreSQL see the same values:
# integers fit the 64-bit columns (versions the 32-bit ones), no NUL character (PostgreSQL refuses it in
# text, SQLite would store it), no text longer than the longest a record may hold (minutes, 200 kB).
MAX_INT64 = 2**63 - 1
MAX_INT32 = 2**31 - 1
MAX_DEPTH = 8
Int64 = Annotated[int, Field(ge=-MAX_INT64 - 1, le=MAX_INT64)]


MutationStatus = Literal["applied", "merged", "conflict", "rejected", "duplicate"]
Op = Literal["create", "update", "delete", "restore", "undelete", "resolve"]
# A person's decision on a conflict, sent as a mutation so it travels in the same exactly-once queue:
# entity "conflict", entity_id = the conflict id, base_version = the conflict version the person saw,
# fields {"choice": [null, "server"|"client"|"value"], "values": [null, {field: value}]} ("value" only).
RESOLVE_CHOICES = ("server", "client", "value")
Role = Literal["secretary", "deputy", "viewer", "admin"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def check_value(value: Any, depth: int = 0) -> Any:
    """Refuse what the databases would store differently or not at all, anywhere in a JSON value."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text may not contain the NUL character")
        if len(value) > MAX_TEXT:
            raise ValueError(f"text longer than {MAX_TEXT} characters")
    elif isinstance(value, bool) or value is None or isinstance(value, float):
        pass
    elif isinstance(value, int):
        if not -MAX_INT64 - 1 <= value <= MAX_INT64:
            raise ValueError("integer outside the 64-bit range")
    elif isinstance(value, dict | list | tuple):
        if depth >= MAX_DEPTH:
            raise ValueError("value nested too deeply")
        for key in value if isinstance(value, dict) else ():
            check_value(key, depth + 1)
        for item in value.values() if isinstance(value, dict) else value:
            check_value(item, depth + 1)
    return value


class _Request(_Strict):
    """A request body: every text and number in it within the bounds above."""

    @field_validator("*", mode="after")
    @classmethod
    def _bounded(cls, value: Any) -> Any:
        return value if isinstance(value, BaseModel) else check_value(value)


# --- auth ---------------------------------------------------------------------------------------

class LoginRequest(_Request):
    username: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=1024)
    device_id: uuid.UUID | None = None
    device_name: str = Field(default="", max_length=200)


class NewDeviceRequest(_Request):
    device_name: str = Field(default="", max_length=200)


class ChangePasswordRequest(_Request):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(_Request):
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

class HelloRequest(_Request):
    device_id: uuid.UUID
    app_version: str = Field(max_length=40)
    protocol: Int64
    schema_version: Int64
    client_time: dt.datetime
    want_counts: bool = False  # first sync of a PC with its own data: the server's counts, to ask before merging


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
    record_counts: dict[str, int] = Field(default_factory=dict)  # live records per kind, when asked


# --- push ---------------------------------------------------------------------------------------

class Mutation(_Request):
    mutation_seq: int = Field(ge=1, le=MAX_INT64)
    mutation_id: uuid.UUID
    entity: str = Field(max_length=40)
    entity_id: uuid.UUID
    op: Op
    base_version: int = Field(ge=0, le=MAX_INT32)  # record versions are 32-bit columns
    fields: dict[str, tuple[Any, Any]] = Field(default_factory=dict, max_length=100)  # name -> [old, new]
    schema_version: int = Field(default=SCHEMA_VERSION, ge=0, le=MAX_INT32)


class PushRequest(_Request):
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


class ReconcileRequest(_Request):
    inventory: list[tuple[Annotated[str, Field(max_length=40)], uuid.UUID, Annotated[int, Field(ge=0, le=MAX_INT32)]]] = (
        Field(max_length=200_000))


class ReconcileResponse(_Strict):
    changes: list[Change]  # records the client lacks or holds at another version
    server_lacks: list[tuple[str, uuid.UUID]]


# --- values -------------------------------------------------------------------------------------


# --- audit entries (issue 15.3) ------------------------------------------------------------------
# Each PC sends its chained audit trail (models/audit.py) so the upper committee can verify it on the
# server. Append-only: an entry is sent once, in order, each linked to the one before by its hash; the
# server refuses an entry that changes one it holds (``audit_entry_changed``), that does not follow the
# chain (``audit_chain_broken``) or that leaves a gap (``audit_gap``, with the number it expects).
AUDIT_BATCH = 500
AUDIT_ENTRY_CHANGED = "audit_entry_changed"
AUDIT_CHAIN_BROKEN = "audit_chain_broken"
AUDIT_GAP = "audit_gap"
Hex64 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class AuditEntryIn(_Request):
    seq: int = Field(ge=1, le=MAX_INT64)
    at: str = Field(pattern=r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")  # models.audit.stamp: what is hashed
    who: str = Field(max_length=120)
    entity: str = Field(max_length=40)
    entity_id: str = Field(pattern=r"^[0-9a-f]{32}$")  # the record id as hex, as hashed
    action: str = Field(max_length=20)
    before: str
    after: str
    prev_hash: Hex64
    hash: Hex64


class AuditPushRequest(_Request):
    device_id: uuid.UUID
    cell_id: uuid.UUID
    entries: list[AuditEntryIn] = Field(default_factory=list, max_length=AUDIT_BATCH)  # empty: just ask


class AuditPushResponse(_Strict):
    last_seq: int  # the device's last entry the server holds
    stored: int  # entries of this request newly stored


class AuditDeviceCheck(_Strict):
    device_id: uuid.UUID
    device_name: str
    entries: int
    broken_at: int | None  # the number of the first entry that does not fit the chain
    reason: str = ""


class AuditVerifyResponse(_Strict):
    cell_id: uuid.UUID
    ok: bool
    devices: list[AuditDeviceCheck]
