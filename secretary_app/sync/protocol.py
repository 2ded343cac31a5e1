"""The sync protocol `/sync/v1`, shared by the desktop client and the server (sync-security.md §2).

Pydantic models for every request and response, and the limits. How a record's fields become JSON and
back is ``codec.py``, kept apart so that writing the outbox (every local edit) needs no pydantic.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from secretary_app.sync.codec import SCHEMA_VERSION

PROTOCOL = 1
PREFIX = "/sync/v1"
MAX_MUTATIONS = 200
MAX_BATCH_BYTES = 1024 * 1024
MAX_BODY_BYTES = 2 * 1024 * 1024
PULL_LIMIT = 500
ACCESS_TTL = dt.timedelta(minutes=15)
REFRESH_IDLE_TTL = dt.timedelta(days=30)
CLOCK_WARNING = dt.timedelta(seconds=300)


MutationStatus = Literal["applied", "merged", "conflict", "rejected", "duplicate"]
Op = Literal["create", "update", "delete", "restore", "undelete", "resolve"]
# A person's decision on a conflict, sent as a mutation so it travels in the same exactly-once queue:
# entity "conflict", entity_id = the conflict id, base_version = the conflict version the person saw,
# fields {"choice": [null, "server"|"client"|"value"], "values": [null, {field: value}]} ("value" only).
RESOLVE_CHOICES = ("server", "client", "value")
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
