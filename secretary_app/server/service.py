"""The sync protocol on the server: hello, push (exactly once, one transaction under the cell's lock),
pull (pages ordered by the cell's own ``server_seq``), reconcile (sync-security.md §2.4–§2.7).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    String,
    Table,
    bindparam,
    insert,
    literal_column,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from models.base import aware, new_id
from models.rules.votes import VoteCountError, check_counts
from models.sealed import (
    SEALED_CHILD_FIELDS,
    amendment_content,
    canonical_content,
    content_hash,
    resolution_content,
)
from secretary_app.server import cell_record
from secretary_app.server.auth import Principal
from secretary_app.server.db import (
    RECORDS,
    applied_mutation,
    cell_sync_state,
    conflict,
    devices,
    push_batch,
    record_history,
    write_transaction,
)
from secretary_app.sync.codec import (
    CONFLICT_ENTITY,
    FINALISABLE,
    SCHEMA_VERSION,
    CodecError,
    data_columns,
    digest_hex,
    from_json,
    normalise,
    record_hash,
    to_json,
)
from secretary_app.sync.protocol import (
    CLOCK_WARNING,
    MAX_INT32,
    PROTOCOL,
    RESOLVE_CHOICES,
    Change,
    HelloRequest,
    HelloResponse,
    Mutation,
    MutationResult,
    PullResponse,
    PushRequest,
    PushResponse,
    ReconcileResponse,
    RecordImage,
)

# The tables a pull reads, and (server_seq, entity, id) of the first ``take`` records of each after the
# cursor: one statement instead of a query per table (~25 for every page, most of them finding nothing).
PULLED: dict[str, Table] = {**RECORDS, CONFLICT_ENTITY: conflict}
_PAGE_BRANCHES = [
    select(table.c.server_seq, literal_column(f"'{entity}'", String).label("entity"), table.c.id)
    .where(table.c.cell_id == bindparam("cell_id"), table.c.server_seq > bindparam("after"))
    .order_by(table.c.server_seq).limit(bindparam("take", type_=Integer)).subquery()
    for entity, table in PULLED.items()
]
PAGE_KEYS = union_all(*(select(branch) for branch in _PAGE_BRANCHES))

FINALIZE_ROLES = frozenset({"secretary", "deputy"})  # who may sign minutes/resolutions (configurable)


class OutOfOrder(Exception):
    def __init__(self, expected: int) -> None:
        super().__init__(f"expected mutation_seq {expected}")
        self.expected = expected


class DeviceReused(Exception):
    """A mutation_seq this device already used came with another mutation_id: two installs share the
    device id (a copied data folder, a restored backup). The batch is refused whole (409 device_reused);
    the client becomes a new device and sends its changes again under new numbers."""


class KeyReused(Exception):
    """The same Idempotency-Key came with a different body."""


class CellNotFound(Exception):
    pass


@dataclass
class Hooks:
    """Test seams: the fault harness pauses or crashes the server at these points."""

    after_allocate: Callable[[uuid.UUID], None] | None = None  # seq known, not yet committed
    before_commit: Callable[[uuid.UUID], None] | None = None  # raise here = process killed mid-batch


@dataclass
class SyncService:
    engine: Engine
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    hooks: Hooks = field(default_factory=Hooks)

    # --- hello -----------------------------------------------------------------------------
    def hello(self, principal: Principal, cell_id: uuid.UUID, req: HelloRequest) -> HelloResponse:
        now = self.clock()
        with self.engine.connect() as conn:
            cell = self._cell(conn, cell_id)
            last = conn.scalar(select(devices.c.last_mutation_seq).where(devices.c.id == principal.device_id)) or 0
            has_data = cell_record.has_data(conn, cell)
            counts = cell_record.live_counts(conn, cell_id) if req.want_counts and has_data else {}
        ok = req.protocol == PROTOCOL and SCHEMA_VERSION - 1 <= req.schema_version <= SCHEMA_VERSION
        return HelloResponse(
            server_time=now, protocol_range=(PROTOCOL, PROTOCOL), schema_range=(SCHEMA_VERSION - 1, SCHEMA_VERSION),
            epoch=cell["epoch"], cell_id=cell_id, cell_name=cell["name"], cell_has_data=has_data,
            server_seq=cell["server_seq"], last_mutation_seq=last,
            clock_skew_warning=abs(aware(req.client_time) - now) > CLOCK_WARNING,
            action="ok" if ok else "upgrade_required", record_counts=counts,
        )

    def _cell(self, conn: Connection, cell_id: uuid.UUID, *, lock: bool = False) -> Any:
        query = select(cell_sync_state).where(cell_sync_state.c.cell_id == cell_id)
        row = conn.execute(query.with_for_update() if lock else query).mappings().first()
        if row is None:
            raise CellNotFound()
        return row

    # --- push ------------------------------------------------------------------------------
    def push(self, principal: Principal, req: PushRequest, idempotency_key: str) -> PushResponse:
        return PushResponse.model_validate_json(self.push_json(principal, req, idempotency_key))

    def push_json(self, principal: Principal, req: PushRequest, idempotency_key: str) -> str:
        """The push, answered with the JSON text stored for the batch: a replay gets the same bytes."""
        body_hash = hashlib.sha256(req.model_dump_json().encode()).hexdigest()
        # Fast path: no savepoints. A database error (a unique number taken, the immutability trigger) is
        # rare; it rolls the whole batch back and the batch runs again with a savepoint per mutation.
        for safe in (False, True):
            try:
                return self._push_once(principal, req, idempotency_key, body_hash, safe=safe)
            except _NeedSavepoints:
                continue
        raise AssertionError("unreachable")

    def _push_once(self, principal: Principal, req: PushRequest, idempotency_key: str, body_hash: str,
                   *, safe: bool) -> str:
        assert principal.cell_id is not None
        cell_id = principal.cell_id
        with write_transaction(self.engine) as conn:
            cell = self._cell(conn, cell_id, lock=True)  # the cell's lock: one push at a time per cell
            # Read after the lock (a fresh statement, so it sees what the previous holder committed):
            # the device's last applied seq and this key's stored answer, in one round trip.
            device_id = principal.device_id
            stored = conn.execute(select(
                select(devices.c.last_mutation_seq).where(devices.c.id == device_id).scalar_subquery(),
                select(push_batch.c.request_hash).where(push_batch.c.device_id == device_id,
                                                        push_batch.c.idempotency_key == idempotency_key
                                                        ).scalar_subquery(),
                select(push_batch.c.response).where(push_batch.c.device_id == device_id,
                                                    push_batch.c.idempotency_key == idempotency_key
                                                    ).scalar_subquery(),
            )).one()
            last, request_hash, stored_response = stored[0] or 0, stored[1], stored[2]
            if stored_response is not None:
                if request_hash != body_hash:
                    raise KeyReused()
                return stored_response
            if self.hooks.after_allocate:
                self.hooks.after_allocate(cell_id)
            batch = self.new_batch(conn, principal, cell, safe=safe)
            text = batch.run(req.mutations, last).model_dump_json()
            conn.execute(insert(push_batch).values(
                device_id=device_id, idempotency_key=idempotency_key, request_hash=body_hash,
                response=text, created_at=self.clock()))
            if self.hooks.before_commit:
                self.hooks.before_commit(cell_id)
        return text

    def new_batch(self, conn: Connection, principal: Principal, cell: Any, *, safe: bool) -> _Batch:
        """The batch that applies one push inside the cell's transaction (the fault tests subclass it)."""
        return _Batch(self, conn, principal, cell, safe=safe)

    # --- pull ------------------------------------------------------------------------------
    def pull(self, cell_id: uuid.UUID, cursor: int, limit: int) -> PullResponse:
        after = min(cursor, MAX_INT32)  # records' server_seq columns are 32-bit: no record lies beyond
        with self._reader() as conn:
            cell = self._cell(conn, cell_id)
            # Which records the page holds, from all the tables in one statement (each table's first
            # limit + 1 by its (cell_id, server_seq) index); then the rows of just those records.
            keys = sorted(conn.execute(PAGE_KEYS, {"cell_id": cell_id, "after": after, "take": limit + 1}).all(),
                          key=lambda key: key[0])
            has_more = len(keys) > limit
            wanted: dict[str, list[uuid.UUID]] = {}
            for _, entity, record_id in keys[:limit]:
                wanted.setdefault(entity, []).append(record_id)
            found: list[tuple[int, str, Any]] = []
            for entity, ids in wanted.items():
                table = PULLED[entity]
                rows = conn.execute(select(table).where(table.c.cell_id == cell_id, table.c.id.in_(ids))).mappings()
                found.extend((row["server_seq"], entity, row) for row in rows)
            page = sorted(found, key=lambda item: item[0])
            changes = [_change(entity, row) for _, entity, row in page]
            if has_more:
                next_cursor = page[-1][0]
            else:
                next_cursor = max(cursor, cell["server_seq"], page[-1][0] if page else 0)
            return PullResponse(epoch=cell["epoch"], changes=changes, next_cursor=next_cursor, has_more=has_more,
                                digest_at_cursor=None if has_more else cell["digest"])

    def _reader(self):
        """One consistent snapshot for a page and the digest that goes with it."""
        from contextlib import contextmanager

        @contextmanager
        def reader():
            with self.engine.connect() as raw:
                conn = raw
                if self.engine.dialect.name == "postgresql":
                    conn = raw.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    yield conn

        return reader()

    # --- reconcile -------------------------------------------------------------------------
    def reconcile(self, cell_id: uuid.UUID, inventory: list[tuple[str, uuid.UUID, int]]) -> ReconcileResponse:
        held = {(entity, record_id): version for entity, record_id, version in inventory}
        changes: list[Change] = []
        with self._reader() as conn:
            self._cell(conn, cell_id)
            for entity, table in [*RECORDS.items(), (CONFLICT_ENTITY, conflict)]:
                for row in conn.execute(select(table).where(table.c.cell_id == cell_id)).mappings():
                    version = held.pop((entity, row["id"]), None)
                    if version != row["version"]:
                        changes.append(_change(entity, row))
        changes.sort(key=lambda c: c.server_seq)
        lacks = [(entity, record_id) for (entity, record_id), version in held.items() if version > 0]
        return ReconcileResponse(changes=changes, server_lacks=lacks)

    def open_conflicts(self, cell_id: uuid.UUID) -> list[Change]:
        with self._reader() as conn:
            rows = conn.execute(select(conflict).where(conflict.c.cell_id == cell_id, conflict.c.status == "open")
                                .order_by(conflict.c.server_seq)).mappings().all()
        return [_change(CONFLICT_ENTITY, row) for row in rows]


def _image_fields(entity: str, row: Any) -> dict[str, Any]:
    if entity == CONFLICT_ENTITY:
        return {k: (str(row[k]) if isinstance(row[k], uuid.UUID) else row[k])
                for k in ("entity", "entity_id", "mutation_id", "device_id", "base_version", "server_version",
                          "client_fields", "server_fields", "status", "resolved_by", "resolution",
                          "resolution_mutation_id")}
    table = RECORDS[entity]
    return {name: to_json(table, name, row[name]) for name in data_columns(table)}


def _stamp(value: dt.datetime) -> str:
    return aware(value).astimezone(dt.UTC).isoformat()


def _change(entity: str, row: Any) -> Change:
    return Change(entity=entity, id=row["id"], version=row["version"], server_seq=row["server_seq"],
                  deleted=row["deleted"], updated_at=_stamp(row["updated_at"]), updated_by=row["updated_by"],
                  fields=_image_fields(entity, row))


class _NeedSavepoints(Exception):
    """A database error on the fast path: run the batch again with a savepoint per mutation."""


class _Rejected(Exception):
    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(code)
        self.code, self.message = code, message


class _Batch:
    """One push batch inside the cell's transaction: numbers, digest, history and results."""

    def __init__(self, service: SyncService, conn: Connection, principal: Principal, cell: Any, *,
                 safe: bool = True) -> None:
        self.service, self.conn, self.principal = service, conn, principal
        self.cell_id: uuid.UUID = cell["cell_id"]
        self.seq: int = cell["server_seq"]
        self.digest = int(cell["digest"], 16)
        self.now = service.clock()
        self.history: list[dict[str, Any]] = []
        self.safe = safe
        self.rows: dict[tuple[str, uuid.UUID], dict[str, Any] | None] = {}  # the batch's records, read once
        self.targets: dict[uuid.UUID, tuple[str, uuid.UUID]] = {}  # resolve mutation -> the record it decides
        # Fast path: final images written at the end with one executemany per table and kind.
        self.deferred: dict[tuple[str, uuid.UUID], tuple[str, dict[str, Any]]] = {}

    def _store(self, entity: str, row: dict[str, Any], *, new: bool) -> None:
        key = (entity, row["id"])
        self.rows[key] = row
        table = RECORDS[entity]
        if self.safe:
            if new:
                self.conn.execute(insert(table), row)
            else:
                self.conn.execute(_update_by_id(table), {**row, "b_id": row["id"]})
            return
        kind = "insert" if new or self.deferred.get(key, ("",))[0] == "insert" else "update"
        self.deferred[key] = (kind, row)

    def _flush(self) -> None:
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for (entity, _), (kind, row) in self.deferred.items():
            groups.setdefault((entity, kind), []).append(row)
        for (entity, kind), rows in sorted(groups.items(), key=lambda g: g[0][1] != "insert"):
            table = RECORDS[entity]
            if kind == "insert":
                self.conn.execute(insert(table), rows)
            else:
                self.conn.execute(_update_by_id(table), [{**row, "b_id": row["id"]} for row in rows])
        self.deferred.clear()

    def _prefetch(self, mutations: list[Mutation]) -> None:
        wanted: dict[str, list[uuid.UUID]] = {}
        for m in mutations:
            if m.entity in RECORDS:
                wanted.setdefault(m.entity, []).append(m.entity_id)
        for entity, ids in wanted.items():
            table = RECORDS[entity]
            found = {r["id"]: dict(r) for r in self.conn.execute(select(table).where(table.c.id.in_(ids))).mappings()}
            for record_id in ids:
                self.rows[(entity, record_id)] = found.get(record_id)

    def _row(self, entity: str, record_id: uuid.UUID) -> dict[str, Any] | None:
        key = (entity, record_id)
        if key not in self.rows:
            table = RECORDS[entity]
            found = self.conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
            self.rows[key] = dict(found) if found is not None else None
        return self.rows[key]

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def run(self, mutations: list[Mutation], last: int) -> PushResponse:
        """``last``: the device's last applied mutation_seq, read under the cell lock."""
        conn, device_id = self.conn, self.principal.device_id
        replayed = [m.mutation_seq for m in mutations if m.mutation_seq <= last]
        stored = dict(conn.execute(select(applied_mutation.c.mutation_seq, applied_mutation.c.result).where(
            applied_mutation.c.device_id == device_id, applied_mutation.c.mutation_seq.in_(replayed))).all()
        ) if replayed else {}
        fresh = [m for m in mutations if m.mutation_seq > last]
        # A mutation_id seen before (renumbered after a server restore, or reused) is rare: the fast path
        # lets the unique index on applied_mutation.mutation_id find it, and the safe path looks first.
        earlier = {r.mutation_id: r for r in conn.execute(
            select(applied_mutation.c.mutation_id, applied_mutation.c.device_id, applied_mutation.c.result,
                   devices.c.cell_id)
            .join(devices, devices.c.id == applied_mutation.c.device_id, isouter=True)
            .where(applied_mutation.c.mutation_id.in_([m.mutation_id for m in fresh])))} if fresh and self.safe else {}
        self._prefetch(fresh)
        results: list[MutationResult] = []
        applied_rows: list[dict[str, Any]] = []
        for m in mutations:
            if m.mutation_seq <= last:  # already applied: the stored answer, word for word
                text = stored.get(m.mutation_seq)
                answer = MutationResult.model_validate_json(text) if text else None
                if answer is not None and answer.mutation_id != m.mutation_id:
                    raise DeviceReused()  # the number is another change's: answering it would lose this one
                results.append(answer or MutationResult(mutation_seq=m.mutation_seq, mutation_id=m.mutation_id,
                                                        status="duplicate"))
                continue
            if m.mutation_seq != last + 1:
                raise OutOfOrder(last + 1)
            before = earlier.get(m.mutation_id)
            if before is not None and (before.device_id == device_id or before.cell_id == self.cell_id):
                # Renumbered after a restore, or sent again by a copy of this cell's data that became a new
                # device, but this mutation did reach us: do not apply it twice.
                first = MutationResult.model_validate_json(before.result)
                result = first.model_copy(update={"mutation_seq": m.mutation_seq, "status": "duplicate"})
                mutation_id = new_id()  # the id is taken; the seq slot still needs its row
            elif before is not None:
                result = MutationResult(mutation_seq=m.mutation_seq, mutation_id=m.mutation_id, status="rejected",
                                        error_code="mutation_id_reused")
                mutation_id = new_id()
            else:
                result = self.apply(m)
                mutation_id = m.mutation_id
            applied_rows.append(dict(device_id=device_id, mutation_seq=m.mutation_seq, mutation_id=mutation_id,
                                     result=result.model_dump_json(), created_at=self.now))
            last = m.mutation_seq
            results.append(result)
        try:
            self._flush()
            if applied_rows:
                conn.execute(insert(applied_mutation), applied_rows)
        except (IntegrityError, DBAPIError) as exc:
            if self.safe:
                raise
            raise _NeedSavepoints() from exc
        if self.history:
            conn.execute(insert(record_history), self.history)
        conn.execute(update(devices).where(devices.c.id == device_id).values(last_mutation_seq=last))
        conn.execute(update(cell_sync_state).where(cell_sync_state.c.cell_id == self.cell_id)
                     .values(server_seq=self.seq, digest=digest_hex(self.digest)))
        return PushResponse(results=results, last_mutation_seq=last)

    def apply(self, m: Mutation) -> MutationResult:
        base = MutationResult(mutation_seq=m.mutation_seq, mutation_id=m.mutation_id, status="rejected")
        try:
            if not self.safe:
                return self._apply(m, base)
            savepoint = self.conn.begin_nested()
            saved = (self.seq, self.digest, len(self.history))
            try:
                result = self._apply(m, base)
            except (IntegrityError, DBAPIError) as exc:
                savepoint.rollback()
                self.seq, self.digest = saved[0], saved[1]
                del self.history[saved[2]:]
                self.rows.pop(self._target(m), None)  # read it again from the rolled-back state
                text = str(getattr(exc, "orig", exc))
                code = "immutable" if "immutable" in text else "constraint"
                return base.model_copy(update={"error_code": code, "message": text.splitlines()[0][:200],
                                               "current": self._image(*self._target(m))})
            savepoint.commit()
            return result
        except _Rejected as exc:  # raised before anything is written
            return base.model_copy(update={"error_code": exc.code, "message": exc.message,
                                           "current": self._image(*self._target(m))})
        except (IntegrityError, DBAPIError) as exc:
            raise _NeedSavepoints() from exc

    # --- one mutation ----------------------------------------------------------------------
    def _target(self, m: Mutation) -> tuple[str, uuid.UUID]:
        """The record a mutation is about: itself, or for a `resolve` the record of the conflict."""
        return self.targets.get(m.mutation_id, (m.entity, m.entity_id))

    def _apply(self, m: Mutation, base: MutationResult) -> MutationResult:
        if m.op == "resolve" or m.entity == CONFLICT_ENTITY:
            return self._resolve(m, base)
        table = RECORDS.get(m.entity)
        if table is None:
            raise _Rejected("unknown_entity")
        if m.entity == "cell" and m.entity_id != self.cell_id:
            raise _Rejected("forbidden", "a cell may only change its own record")
        row = self._row(m.entity, m.entity_id)
        if row is not None and row["cell_id"] != self.cell_id:
            raise _Rejected("not_found")  # another cell's record: never say it exists
        try:
            new = {name: from_json(table, name, pair[1]) for name, pair in m.fields.items()}
        except CodecError as exc:
            raise _Rejected("invalid", str(exc)) from exc
        if (m.entity in FINALISABLE and "final_hash" in new and new["final_hash"]
                and self.principal.role not in FINALIZE_ROLES):
            raise _Rejected("forbidden", "this role may not finalise")

        self._check_record_rules(m, row, new)
        if m.op in ("create", "restore") and row is None:
            return self._insert(m, table, new, base)
        if row is None:
            raise _Rejected("not_found")
        if m.entity in FINALISABLE and row["final_hash"]:
            raise _Rejected("immutable", "the record is final; make an amendment instead")
        if m.op == "delete":
            return self._delete(m, table, row, base)
        if m.op == "undelete" and row["deleted"]:
            # The person restored a record deleted by mistake: lift the tombstone, with any field edits
            # made at the same time. Restoring is explicit, so it wins over the earlier delete.
            row = self._write(m, table, row, new, deleted=False)
            return base.model_copy(update={"status": "applied", "version": row["version"],
                                           "server_seq": row["server_seq"],
                                           "current": _image_of(m.entity, row, fields=False)})
        if row["deleted"]:
            # Edit of a tombstone: nothing applied, kept as a conflict offering a restore.
            return self._conflicted(m, row, base, dict(m.fields), {"deleted": True}, applied={})
        apply: dict[str, Any] = {}
        clash: dict[str, Any] = {}
        # The first PC set up offline sends its cell details: they replace the administrator's seed.
        over_seed = m.entity == "cell" and m.op == "create" and cell_record.is_seed(row)
        for name, (old, value) in m.fields.items():
            server = to_json(table, name, row[name])
            value_n = normalise(table, name, value)
            if server == value_n:
                continue  # already so
            if over_seed:
                apply[name] = new[name]
            elif m.op == "restore" and row["version"] < m.base_version:
                apply[name] = new[name]  # the server lost this version in a restore
            elif m.op in ("update", "undelete") and server == normalise(table, name, old):
                apply[name] = new[name]
            else:
                clash[name] = [old, value]
        if apply:
            row = self._write(m, table, row, apply)
        if clash:
            server_fields = {name: to_json(table, name, row[name]) for name in clash}
            return self._conflicted(m, row, base, clash, server_fields, applied=apply)
        status = "applied" if m.base_version == row["version"] - (1 if apply else 0) else "merged"
        return base.model_copy(update={"status": status, "version": row["version"], "server_seq": row["server_seq"],
                                       "current": _image_of(m.entity, row, fields=status != "applied")})

    # --- record rules the server enforces itself (issue 14.5) -------------------------------
    def _check_record_rules(self, m: Mutation, row: dict[str, Any] | None, new: dict[str, Any]) -> None:
        """Raise _Rejected before anything is written: a sealed child of a finalised meeting, vote counts
        out of bounds, a final_hash that is not the hash of what the server holds."""
        if m.op == "restore":  # re-sending what a restored server lost: recovery, not a change
            return
        values = {**(row or {}), **new}
        sealed_fields = SEALED_CHILD_FIELDS.get(m.entity, frozenset())
        if m.entity in SEALED_CHILD_FIELDS and (
                row is None or m.op in ("delete", "undelete") or sealed_fields is None or set(new) & sealed_fields):
            meetings = {self._meeting_of(m.entity, values), self._meeting_of(m.entity, row) if row else None}
            if any(self._meeting_final(mid) for mid in meetings if mid is not None):
                raise _Rejected("immutable", "the meeting's minutes are final; make an amendment instead")
        if m.entity == "vote" and (row is None or set(new) & {"yes", "no", "abstain", "base"}):
            try:
                check_counts(*(int(values.get(k) or 0) for k in ("yes", "no", "abstain", "base")))
            except VoteCountError as exc:
                raise _Rejected("invalid", str(exc)) from exc
        if (m.entity in FINALISABLE and new.get("final_hash") and not (row and row["final_hash"])
                and new["final_hash"] != self._expected_hash(m.entity, values)):
            raise _Rejected("invalid_hash", "final_hash is not the hash of the content held on the server")

    def _meeting_of(self, entity: str, values: dict[str, Any]) -> uuid.UUID | None:
        if entity == "speech":
            item = self._row("agenda_item", values["agenda_item_id"]) if values.get("agenda_item_id") else None
            return item["meeting_id"] if item is not None else None
        return values.get("meeting_id")

    def _meeting_final(self, meeting_id: uuid.UUID) -> bool:
        for (entity, _), row in self.rows.items():  # finalised earlier in this batch (maybe not yet written)
            if (entity == "minutes" and row is not None and row["meeting_id"] == meeting_id and row["final_hash"]
                    and row["amends_id"] is None):
                return True
        minutes = RECORDS["minutes"]
        return self.conn.scalar(select(minutes.c.id).where(
            minutes.c.cell_id == self.cell_id, minutes.c.meeting_id == meeting_id, minutes.c.amends_id.is_(None),
            minutes.c.final_hash != "").limit(1)) is not None

    def _expected_hash(self, entity: str, values: dict[str, Any]) -> str:
        """The hash the client must have computed (models.sealed), from the rows the server holds."""
        if entity == "resolution":
            return content_hash(resolution_content(SimpleNamespace(**values)))
        if values.get("amends_id") is not None:
            return content_hash(amendment_content(values["amends_id"], values.get("body") or ""))
        if not self.safe:
            self._flush()  # the batch's earlier writes, so the queries below see them
        meeting = self._row("meeting", values["meeting_id"])
        if meeting is None:
            return ""

        def live(name: str, column: str, value: Any, *order: str) -> list[SimpleNamespace]:
            table = RECORDS[name]
            query = select(table).where(table.c.cell_id == self.cell_id, table.c[column] == value,
                                        table.c.deleted.is_(False)).order_by(*(table.c[o] for o in order))
            return [SimpleNamespace(**r) for r in self.conn.execute(query).mappings()]

        mid = meeting["id"]
        items = [(item, live("speech", "agenda_item_id", item.id, "position", "id"))
                 for item in live("agenda_item", "meeting_id", mid, "position", "id")]
        content = canonical_content(SimpleNamespace(**meeting), items, live("attendance", "meeting_id", mid),
                                    live("guest", "meeting_id", mid), live("vote", "meeting_id", mid),
                                    live("task", "meeting_id", mid), values.get("body") or "")
        return content_hash(content)

    def _insert(self, m: Mutation, table: Any, new: dict[str, Any], base: MutationResult) -> MutationResult:
        seq = self.next_seq()
        row = {c.name: (c.default.arg if c.default is not None and c.default.is_scalar else None)
               for c in table.columns}
        row.update(new, id=m.entity_id, cell_id=self.cell_id, version=1, server_seq=seq, deleted=False,
                   updated_at=self.now, updated_by=self.principal.username)
        self._store(m.entity, row, new=True)
        self._record(m, row)
        return base.model_copy(update={"status": "applied", "version": 1, "server_seq": seq,
                                       "current": _image_of(m.entity, row, fields=False)})

    def _write(self, m: Mutation, table: Any, row: Any, values: dict[str, Any], *, deleted: bool | None = None) -> Any:
        self.digest ^= record_hash(m.entity, m.entity_id, row["version"])
        changes = {**values, "version": row["version"] + 1, "server_seq": self.next_seq(), "updated_at": self.now,
                   "updated_by": self.principal.username}
        if deleted is not None:
            changes["deleted"] = deleted
        row = {**row, **changes}
        self._store(m.entity, row, new=False)
        self._record(m, row)
        return row

    def _record(self, m: Mutation, row: Any) -> None:
        self.digest ^= record_hash(m.entity, m.entity_id, row["version"])
        self.history.append(dict(
            cell_id=self.cell_id, entity=m.entity, entity_id=m.entity_id, version=row["version"],
            server_seq=row["server_seq"], deleted=row["deleted"], device_id=self.principal.device_id,
            mutation_id=m.mutation_id, fields=json.dumps(_image_fields(m.entity, row), ensure_ascii=False),
            at=self.now))

    def _delete(self, m: Mutation, table: Any, row: Any, base: MutationResult) -> MutationResult:
        if row["deleted"]:
            return base.model_copy(update={"status": "applied", "version": row["version"],
                                           "server_seq": row["server_seq"], "current": _image_of(m.entity, row)})
        if row["version"] != m.base_version and self._others_wrote_since(m):
            # Delete against an edit it never saw: the edit stays, the deletion waits for a person.
            return self._conflicted(m, row, base, {"deleted": [False, True]}, {"deleted": False}, applied={})
        row = self._write(m, table, row, {}, deleted=True)
        return base.model_copy(update={"status": "applied" if row["version"] == m.base_version + 1 else "merged",
                                       "version": row["version"], "server_seq": row["server_seq"],
                                       "current": _image_of(m.entity, row)})

    def _others_wrote_since(self, m: Mutation) -> bool:
        writers = self.conn.scalars(select(record_history.c.device_id).where(
            record_history.c.entity_id == m.entity_id, record_history.c.version > m.base_version))
        return any(w != self.principal.device_id for w in writers) or any(
            h["entity_id"] == m.entity_id and h["version"] > m.base_version and h["device_id"] != self.principal.device_id
            for h in self.history)

    def _conflicted(self, m: Mutation, row: Any, base: MutationResult, client: dict[str, Any],
                    server: dict[str, Any], applied: dict[str, Any]) -> MutationResult:
        conflict_id, seq = new_id(), self.next_seq()
        self.conn.execute(insert(conflict).values(
            id=conflict_id, cell_id=self.cell_id, version=1, server_seq=seq, deleted=False, updated_at=self.now,
            updated_by=self.principal.username, entity=m.entity, entity_id=m.entity_id, mutation_id=m.mutation_id,
            device_id=self.principal.device_id, base_version=m.base_version, server_version=row["version"],
            client_fields=json.dumps(client, ensure_ascii=False, default=str),
            server_fields=json.dumps(server, ensure_ascii=False, default=str), status="open"))
        self.digest ^= record_hash(CONFLICT_ENTITY, conflict_id, 1)
        return base.model_copy(update={"status": "conflict", "version": row["version"],
                                       "server_seq": row["server_seq"], "conflict_id": conflict_id,
                                       "current": _image_of(m.entity, row)})

    # --- a person resolves a conflict ------------------------------------------------------
    def _resolve(self, m: Mutation, base: MutationResult) -> MutationResult:
        """Apply a person's decision on an open conflict of this cell, exactly once: the chosen value goes
        to the record as a new version through the ordinary rules (so a record that moved on since, or was
        deleted, conflicts again instead of being overwritten; a final record stays final), and the
        conflict is closed (status, who, which mutation, version+1, a new server_seq) in the same
        transaction. A replay never gets here: it gets the stored result like every mutation.

        ``base_version`` is the conflict version the person saw. An open conflict is always at version 1
        and closing it is its only change, so the status test below is the whole stale-decision check."""
        if m.op != "resolve" or m.entity != CONFLICT_ENTITY:
            raise _Rejected("invalid", "only the resolve operation applies to a conflict")
        found = self.conn.execute(select(conflict).where(conflict.c.id == m.entity_id)).mappings().first()
        if found is None or found["cell_id"] != self.cell_id:
            raise _Rejected("not_found")  # another cell's conflict: never say it exists
        self.targets[m.mutation_id] = (found["entity"], found["entity_id"])
        self.check_open(found)
        choice, values = _decision(m)
        client: dict[str, Any] = json.loads(found["client_fields"])
        server: dict[str, Any] = json.loads(found["server_fields"])
        if set(values) - set(client):
            raise _Rejected("invalid", "a resolution may only set the fields in conflict")
        row = self._row(found["entity"], found["entity_id"]) if found["entity"] in RECORDS else None
        if row is None or row["cell_id"] != self.cell_id:
            raise _Rejected("not_found")
        change = _resolution_change(m, found, choice, values, client, server)
        outcome = self._apply(change, base) if change is not None else None  # a refusal raises: nothing written
        version, seq = found["version"] + 1, self.next_seq()
        self.conn.execute(update(conflict).where(conflict.c.id == found["id"]).values(
            status="resolved", resolved_by=self.principal.username, resolution=choice,
            resolution_mutation_id=m.mutation_id, version=version, server_seq=seq, updated_at=self.now,
            updated_by=self.principal.username))
        self.digest ^= record_hash(CONFLICT_ENTITY, found["id"], found["version"])
        self.digest ^= record_hash(CONFLICT_ENTITY, found["id"], version)
        row = self._row(found["entity"], found["entity_id"])
        again = outcome is not None and outcome.status == "conflict"
        # version/server_seq: the conflict's; current: the record, so the deciding PC converges at once.
        return base.model_copy(update={"status": "conflict" if again else "applied", "version": version,
                                       "server_seq": seq, "conflict_id": outcome.conflict_id if again and outcome else None,
                                       "current": _image_of(found["entity"], row)})

    def check_open(self, found: Any) -> None:
        """A decision on a conflict that is already closed is refused: the first decision stands."""
        if found["status"] != "open":
            raise _Rejected("already_resolved", f"already resolved by {found['resolved_by'] or 'another device'}")

    def _image(self, entity: str, record_id: uuid.UUID) -> RecordImage | None:
        if entity not in RECORDS:
            return None
        row = self._row(entity, record_id)
        if row is None or row["cell_id"] != self.cell_id:
            return None
        return _image_of(entity, row)


def _decision(m: Mutation) -> tuple[str, dict[str, Any]]:
    """The choice and the edited values of a `resolve` mutation, checked."""
    if set(m.fields) - {"choice", "values"}:
        raise _Rejected("invalid", "a resolution carries only choice and values")
    choice = m.fields.get("choice", (None, None))[1]
    values = m.fields.get("values", (None, None))[1] or {}
    if choice not in RESOLVE_CHOICES:
        raise _Rejected("invalid", f"choice must be one of {', '.join(RESOLVE_CHOICES)}")
    if not isinstance(values, dict) or (choice == "value") != bool(values):
        raise _Rejected("invalid", "edited values come with the choice 'value', and only with it")
    return choice, values


def _resolution_change(m: Mutation, found: Any, choice: str, values: dict[str, Any], client: dict[str, Any],
                       server: dict[str, Any]) -> Mutation | None:
    """The record change a decision makes, as an ordinary mutation with ``old`` = the value the server
    held in the conflict (None: keeping the server's value changes nothing)."""
    if choice == "server":
        return None
    common = dict(mutation_seq=m.mutation_seq, mutation_id=m.mutation_id, entity=found["entity"],
                  entity_id=found["entity_id"], base_version=found["server_version"])
    if "deleted" in client:  # a deletion met an edit it never saw: "client" confirms the deletion
        if choice == "value":
            raise _Rejected("invalid", "a deletion has no value to edit")
        return Mutation(op="delete", **common)
    chosen = {name: values[name] if choice == "value" else pair[1] for name, pair in client.items()
              if choice != "value" or name in values}
    if server.get("deleted") is True:  # an edit met a deletion: "client" restores the record with the edit
        return Mutation(op="undelete", fields={n: (client[n][0], v) for n, v in chosen.items()}, **common)
    return Mutation(op="update", fields={n: (server.get(n), v) for n, v in chosen.items()}, **common)


@functools.cache
def _update_by_id(table: Any) -> Any:
    """UPDATE … SET every column WHERE id = :b_id, compiled once per table (values come as parameters)."""
    return update(table).where(table.c.id == bindparam("b_id")).values(
        {c.name: bindparam(c.name) for c in table.columns if c.name != "id"})


def _image_of(entity: str, row: Any, *, fields: bool = True) -> RecordImage:
    """The record after the mutation. When the client's change went in exactly as sent ("applied"), it
    already holds these values: only the server-assigned columns travel back."""
    return RecordImage(version=row["version"], server_seq=row["server_seq"], deleted=row["deleted"],
                       updated_at=_stamp(row["updated_at"]), updated_by=row["updated_by"],
                       fields=_image_fields(entity, row) if fields else {})
