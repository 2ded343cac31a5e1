"""The client side of a sync: hello → join the cell → push the outbox in batches → pull pages →
digest check → reconcile on mismatch (sync-security.md §2.4).

Rules that keep "nothing lost" true:
- outbox rows are marked only from the server's response, in one local transaction (AnkiDroid #4366);
- a batch, once formed, keeps its ``mutation_seq`` numbers and Idempotency-Key until answered, so a
  retry after a lost response gets the server's stored answer;
- a pulled page and the cursor move together in one local transaction; rows with pending local edits
  are not overwritten (their push result brings the server's image back);
- conflicts and rejections go to inboxes that nothing empties automatically.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import ValidationError
from sqlalchemy import (
    Connection,
    Engine,
    String,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    union_all,
    update,
)

from models.cell import Cell
from models.sync_tables import ConflictInbox, OutboxEntry, RejectedInbox, SyncState
from secretary_app import __version__
from secretary_app.errors import UserError
from secretary_app.sync.client import DeviceReusedError, OutOfOrderError, SyncClient, TooLarge
from secretary_app.sync.codec import (
    CONFLICT_ENTITY,
    ENTITIES,
    ENTITY_ORDER,
    SCHEMA_VERSION,
    data_columns,
    digest_hex,
    from_json,
    record_hash,
    to_json,
)
from secretary_app.sync.outbox import expand_bulk, pending_changes
from secretary_app.sync.protocol import (
    MAX_BATCH_BYTES,
    MAX_MUTATIONS,
    PROTOCOL,
    PULL_LIMIT,
    Change,
    HelloRequest,
    HelloResponse,
    Mutation,
    MutationResult,
    PushRequest,
    PushResponse,
    ReconcileRequest,
    RecordImage,
)

outbox = OutboxEntry.__table__
sync_state = SyncState.__table__
conflict_inbox = ConflictInbox.__table__
# (entity, id, version) of every record and conflict the server has numbered (version > 0): what the digest
# covers and what a reconcile sends. One statement over the ~25 tables rather than one per table: the digest
# is read after every round of every sync.
SYNCED_VERSIONS = union_all(*(
    select(literal_column(f"'{entity}'", String).label("entity"), table.c.id, table.c.version)
    .where(table.c.version > 0)
    for entity, table in [*ENTITIES.items(), (CONFLICT_ENTITY, conflict_inbox)]))
rejected_inbox = RejectedInbox.__table__


Progress = Callable[[int, int, str], None]  # (done, total, what is happening)


class CellMismatch(UserError):
    pass


class SyncCancelled(UserError):
    """The person (or closing the window) stopped the sync between two steps: every step done is committed,
    the rest is sent at the next sync."""

    def __init__(self) -> None:
        super().__init__("Đã dừng đồng bộ. Những gì đã gửi và nhận được giữ nguyên; phần còn lại sẽ đồng bộ ở "
                         "lần sau.")


class FirstSyncChoice(UserError):
    """This PC's own cell meets a server cell that already has data: nothing is sent until a person says
    whether to merge (two PCs of one cell) or keep this PC's data apart (issue 16.5)."""

    def __init__(self, cell_name: str, here: dict[str, int], there: dict[str, int]) -> None:
        self.cell_name, self.here, self.there = cell_name, here, there
        super().__init__(
            f"Máy này đã có dữ liệu riêng ({describe_counts(here)}), và chi bộ \"{cell_name}\" trên máy chủ cũng "
            f"đã có dữ liệu ({describe_counts(there)}). Chưa gửi gì. Hãy chọn: gộp dữ liệu hai bên như hai máy "
            "của cùng một chi bộ, hoặc giữ riêng dữ liệu máy này (không gửi, dùng thư mục dữ liệu khác để nhận "
            "chi bộ từ máy chủ).")


COUNT_LABELS = {"member": "đảng viên", "meeting": "cuộc họp", "dues_payment": "khoản thu đảng phí",
                "document_record": "văn bản", "candidate": "quần chúng ưu tú", "task": "nhiệm vụ"}


def describe_counts(counts: dict[str, int]) -> str:
    """"23 đảng viên, 4 cuộc họp, 120 bản ghi khác" from live record counts per kind."""
    parts = [f"{counts[k]} {label}" for k, label in COUNT_LABELS.items() if counts.get(k)]
    rest = sum(n for k, n in counts.items() if k not in COUNT_LABELS and k != "cell")
    if rest:
        parts.append(f"{rest} bản ghi khác")
    return ", ".join(parts) or "không có bản ghi nào"


def local_counts(conn: Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entity, table in ENTITIES.items():
        found = conn.scalar(select(func.count()).select_from(table).where(table.c.deleted.is_(False))) or 0
        if found:
            counts[entity] = int(found)
    return counts


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    reconciled: bool = False
    clock_warning: bool = False
    rounds: int = 0
    new_device: bool = False  # this data folder became a new device during this sync (told once)
    audit_sent: int = 0  # audit entries the server newly holds (issue 15.3)
    audit_problem: str = ""  # the server refused this PC's audit chain: said in the line

    def line(self) -> str:
        text = (f"Đã gửi {self.pushed} thay đổi, nhận {self.pulled} bản ghi, {self.conflicts} xung đột, "
                f"{self.rejected} bị từ chối.")
        if self.clock_warning:
            text += " Cảnh báo: đồng hồ máy tính lệch quá 5 phút so với máy chủ."
        if self.new_device:
            text += (" Lưu ý: dữ liệu trên máy này là bản sao chép (hoặc bản khôi phục) từ một máy khác, nên từ nay "
                     "nó được đồng bộ như một máy tính riêng. Mọi thay đổi trên máy này vẫn được gửi đầy đủ.")
        if self.audit_problem:
            text += " " + self.audit_problem
        return text


@dataclass
class Faults:
    """Test seam: the fault harness raises here to play a client killed mid-step (F6)."""

    before_local_commit: Callable[[str], None] | None = None


@dataclass
class SyncEngine:
    engine: Engine
    client: SyncClient
    batch_size: int = MAX_MUTATIONS
    page_size: int = PULL_LIMIT
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    faults: Faults = field(default_factory=Faults)
    _progress: Progress = field(default=lambda done, total, text: None, repr=False)
    _to_send: int = 0
    first_sync: str | None = None  # "merge" / "apart": the answer to FirstSyncChoice, when asked
    cancel: Callable[[], bool] = lambda: False  # asked between steps (each step is one local transaction)

    def _check_cancel(self) -> None:
        if self.cancel():
            raise SyncCancelled()

    # --- local transactions ----------------------------------------------------------------
    @contextmanager
    def local(self, step: str) -> Iterator[Connection]:
        """One local transaction with foreign keys off: pages arrive in server order, not parent order."""
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection  # PRAGMA foreign_keys is a no-op inside a transaction
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            try:
                with conn.begin():
                    expand_bulk(conn)  # every step reads one outbox row per change
                    yield conn
                    if self.faults.before_local_commit:
                        self.faults.before_local_commit(step)
            finally:
                raw.execute("PRAGMA foreign_keys=ON")

    def state(self, conn: Connection) -> Any:
        row = conn.execute(select(sync_state).where(sync_state.c.id == 1)).mappings().first()
        if row is None or row["device_id"] is None:
            raise UserError("Máy này chưa đăng nhập máy chủ đồng bộ. Hãy đăng nhập trước "
                            "(secretary-app sync login --server URL --username TÊN).")
        return row

    # --- the whole sync --------------------------------------------------------------------
    def sync(self, *, max_rounds: int = 6, progress: Progress | None = None) -> SyncReport:
        report = SyncReport()
        self._progress = progress or (lambda done, total, text: None)
        self._progress(0, 0, "Đang kết nối máy chủ…")
        with self.engine.connect() as conn:
            state = self.state(conn)
            first_with_data = state["cell_id"] is None and conn.scalar(select(Cell.__table__.c.id).limit(1)) is not None
        if state["new_device"]:
            state = self._become_new_device(report)
        hello = self.client.hello(HelloRequest(device_id=state["device_id"], app_version=__version__,
                                               protocol=PROTOCOL, schema_version=SCHEMA_VERSION,
                                               client_time=self.clock(), want_counts=first_with_data))
        report.clock_warning = hello.clock_skew_warning
        force_reconcile = self._join(state, hello)
        for _ in range(max_rounds):
            report.rounds += 1
            self._check_cancel()
            with self.engine.connect() as conn:
                self._to_send = report.pushed + self.pending_count(conn)
            self._push_all(report)
            self._progress(0, 0, "Đang nhận dữ liệu từ máy chủ…")
            digest = self._pull_all(report)
            with self.engine.connect() as conn:
                pending = self.pending_count(conn)
                local = self.local_digest(conn)
            if pending:
                continue  # edits made during the sync: another round
            if digest is not None and digest == local and not force_reconcile:
                break
            self._reconcile(report)
            force_reconcile = False
            report.reconciled = True
        self._send_audit(report)
        with self.local("finish") as conn:
            conn.execute(update(sync_state).where(sync_state.c.id == 1)
                         .values(last_sync_at=self.clock(), last_error=""))
        return report

    # --- joining the server's cell ---------------------------------------------------------
    def _join(self, state: Any, hello: HelloResponse) -> bool:
        """Make the local cell the server's. Returns True when a reconcile is due (new epoch)."""
        with self.local("join") as conn:
            local_cell = conn.scalar(select(Cell.__table__.c.id).limit(1))
            if state["cell_id"] is not None and state["cell_id"] != hello.cell_id:
                raise CellMismatch("Tài khoản này thuộc một chi bộ khác với chi bộ đã đồng bộ trên máy này. "
                                   "Hãy đăng nhập đúng tài khoản hoặc dùng một thư mục dữ liệu khác.")
            merging = False
            if local_cell is not None and local_cell != hello.cell_id:
                if hello.cell_has_data:
                    if self.first_sync != "merge":
                        # Asked (or "keep apart" chosen): nothing sent, nothing changed here.
                        raise FirstSyncChoice(hello.cell_name, local_counts(conn), hello.record_counts)
                    merging = True
                self._rekey(conn, local_cell, hello.cell_id)
            if state["cell_id"] is None:
                self._enqueue_unsynced(conn)
                if merging:
                    # Two PCs of one cell: the server's cell details stay; this PC's records are added.
                    conn.execute(delete(outbox).where(outbox.c.entity == "cell"))
            new_epoch = state["epoch"] is not None and state["epoch"] != hello.epoch
            values: dict[str, Any] = {"cell_id": hello.cell_id, "epoch": hello.epoch}
            if new_epoch:
                # The server was restored from a backup: read everything again and re-send what it lost.
                values["cursor"] = 0
                if hello.last_mutation_seq + 1 < state["next_mutation_seq"]:
                    self._renumber(conn, hello.last_mutation_seq + 1)
            conn.execute(update(sync_state).where(sync_state.c.id == 1).values(**values))
        return new_epoch

    def _send_audit(self, report: SyncReport) -> None:
        """The audit entries after the data (secretary_app/sync/audit_push.py). Entries under this device's
        numbers that differ on the server mean another install shares the device id, as a refused push
        does: this data folder becomes a new device and sends its whole chain under it."""
        from secretary_app.sync.audit_push import AuditShared, send_audit

        self._progress(0, 0, "Đang gửi nhật ký thay đổi…")
        for attempt in range(2):
            with self.engine.connect() as conn:
                state = self.state(conn)
            try:
                sent = send_audit(self.engine, self.client, state["device_id"], state["cell_id"])
            except AuditShared:
                if attempt:
                    raise
                with self.local("audit-shared") as conn:
                    conn.execute(update(sync_state).where(sync_state.c.id == 1).values(new_device=True))
                self._become_new_device(report)
                continue
            report.audit_sent += sent.sent
            report.audit_problem = sent.problem
            return

    def _rekey(self, conn: Connection, old: uuid.UUID, new: uuid.UUID) -> None:
        for table in ENTITIES.values():
            conn.execute(update(table).where(table.c.cell_id == old).values(cell_id=new))
        conn.execute(update(Cell.__table__).where(Cell.__table__.c.id == old).values(id=new))
        conn.execute(update(outbox).where(outbox.c.entity == "cell", outbox.c.entity_id == old)
                     .values(entity_id=new))
        from models.audit import AuditEntry

        audit = AuditEntry.__table__
        conn.execute(update(audit).where(audit.c.cell_id == old).values(cell_id=new))

    def _enqueue_unsynced(self, conn: Connection) -> None:
        """Rows made before this PC ever synced and with no outbox entry: queue their creation first."""
        queued = set(conn.scalars(select(outbox.c.entity_id)))
        first = conn.scalar(select(func.min(outbox.c.id))) or 1
        rows = []
        for entity in sorted(ENTITIES, key=lambda e: ENTITY_ORDER.get(e, 0)):
            table = ENTITIES[entity]
            for row in conn.execute(select(table).where(table.c.version == 0)).mappings():
                if row["id"] not in queued:
                    rows.append(_create_row(entity, row))
        for offset, created in enumerate(rows):
            created["id"] = first - len(rows) + offset
            conn.execute(insert(outbox).values(**created))

    def _renumber(self, conn: Connection, start: int) -> None:
        """The server forgot our later mutations (restored backup): unanswered rows get new numbers."""
        conn.execute(update(outbox).where(outbox.c.mutation_seq.is_not(None))
                     .values(mutation_seq=None, batch_key=None))
        conn.execute(update(sync_state).where(sync_state.c.id == 1).values(next_mutation_seq=start))

    # --- push ------------------------------------------------------------------------------
    def pending_count(self, conn: Connection) -> int:
        return int(conn.scalar(pending_changes()) or 0)

    def _next_batch(self) -> tuple[str, list[Any]] | None:
        with self.local("form-batch") as conn:
            inflight = conn.execute(select(outbox).where(outbox.c.batch_key.is_not(None), outbox.c.status == "pending")
                                    .order_by(outbox.c.mutation_seq)).mappings().all()
            if inflight:
                return inflight[0]["batch_key"], list(inflight)
            rows = conn.execute(select(outbox).where(outbox.c.status == "pending").order_by(outbox.c.id)
                                .limit(self.batch_size)).mappings().all()
            if not rows:
                return None
            chosen: list[Any] = []  # the rows' mappings, as _next_batch returns them
            size = 0
            for row in rows:
                if self._refuse_invalid(conn, row):
                    continue
                size += len(row["fields"]) + 200
                if chosen and size > MAX_BATCH_BYTES:
                    break
                chosen.append(row)
            if not chosen:
                return "", []  # every row refused above: look again
            seq = conn.scalar(select(sync_state.c.next_mutation_seq).where(sync_state.c.id == 1)) or 1
            key = str(uuid.uuid4())
            conn.execute(update(outbox).where(outbox.c.id == bindparam("b_id"))
                         .values(mutation_seq=bindparam("b_seq"), batch_key=key),
                         [{"b_id": row["id"], "b_seq": seq + offset} for offset, row in enumerate(chosen)])
            conn.execute(update(sync_state).where(sync_state.c.id == 1)
                         .values(next_mutation_seq=seq + len(chosen)))
            batch = conn.execute(select(outbox).where(outbox.c.batch_key == key)
                                 .order_by(outbox.c.mutation_seq)).mappings().all()
            return key, list(batch)

    def _refuse_invalid(self, conn: Connection, row: Any) -> bool:
        """A change the protocol's bounds refuse (text too long, a NUL character) would block the queue with
        422 for ever: it goes to the rejected inbox with its data instead, before it gets a number."""
        try:
            Mutation(mutation_seq=1, mutation_id=row["mutation_id"], entity=row["entity"], entity_id=row["entity_id"],
                     op=row["op"], base_version=row["base_version"], fields=json.loads(row["fields"]),
                     schema_version=row["schema_version"])
        except ValidationError:
            conn.execute(insert(rejected_inbox).values(
                mutation_id=row["mutation_id"], mutation_seq=0, entity=row["entity"], entity_id=row["entity_id"],
                op=row["op"], fields=row["fields"], error_code="invalid",
                message="Thay đổi có nội dung quá dài hoặc chứa ký tự không hợp lệ nên máy chủ không thể nhận.",
                created_at=self.clock()))
            conn.execute(delete(outbox).where(outbox.c.id == row["id"]))
            return True
        return False

    def _push_all(self, report: SyncReport) -> None:
        for _ in range(100_000):
            formed = self._next_batch()
            if formed is None:
                return
            key, rows = formed
            if not rows:
                continue
            self._check_cancel()  # before a request: a formed batch keeps its numbers for the next sync
            with self.engine.connect() as conn:
                state = self.state(conn)
            body = PushRequest(device_id=state["device_id"], cell_id=state["cell_id"], mutations=[
                Mutation(mutation_seq=r["mutation_seq"], mutation_id=r["mutation_id"], entity=r["entity"],
                         entity_id=r["entity_id"], op=r["op"], base_version=r["base_version"],
                         fields=json.loads(r["fields"]), schema_version=r["schema_version"]) for r in rows])
            try:
                response = self.client.push(body, key)
            except TooLarge:
                self._split(rows, report)
                continue
            except DeviceReusedError:
                # Another install shares our device id: nothing of this batch was applied. Become a new
                # device (the flag first, so a crash in between asks again), then send everything again.
                with self.local("device-reused") as conn:
                    conn.execute(update(sync_state).where(sync_state.c.id == 1).values(new_device=True))
                self._become_new_device(report)
                continue
            except OutOfOrderError as exc:
                if exc.expected < rows[0]["mutation_seq"]:
                    with self.local("renumber") as conn:
                        self._renumber(conn, exc.expected)
                    continue
                raise
            self._apply_push(rows, response, report)
            self._progress(report.pushed, max(self._to_send, report.pushed), "Đang gửi thay đổi lên máy chủ…")

    def _become_new_device(self, report: SyncReport) -> Any:
        """Register as a new device and re-number every unanswered change from 1 under it; nothing is
        dropped (a change the other install already sent is recognised by its mutation_id)."""
        import platform

        tokens = self.client.new_device(platform.node()[:200])
        with self.local("new-device") as conn:
            conn.execute(update(outbox).values(mutation_seq=None, batch_key=None))
            conn.execute(update(sync_state).where(sync_state.c.id == 1).values(
                device_id=tokens.device_id, next_mutation_seq=1, new_device=False))
            state = self.state(conn)
        report.new_device = True
        return state

    def _split(self, rows: list[Any], report: SyncReport) -> None:
        """413: the server read nothing. Send smaller batches; a single change too large to ever be
        accepted goes to the rejected inbox with its data, instead of blocking the queue."""
        with self.local("split") as conn:
            if len(rows) == 1:
                row = rows[0]
                report.rejected += 1
                conn.execute(insert(rejected_inbox).values(
                    mutation_id=row["mutation_id"], mutation_seq=row["mutation_seq"], entity=row["entity"],
                    entity_id=row["entity_id"], op=row["op"], fields=row["fields"], error_code="too_large",
                    message="Thay đổi quá lớn để gửi lên máy chủ.", created_at=self.clock()))
                conn.execute(delete(outbox).where(outbox.c.id == row["id"]))
            conn.execute(update(outbox).where(outbox.c.batch_key == rows[0]["batch_key"])
                         .values(mutation_seq=None, batch_key=None))
            conn.execute(update(sync_state).where(sync_state.c.id == 1)
                         .values(next_mutation_seq=rows[0]["mutation_seq"]))
        self.batch_size = max(1, len(rows) // 2)

    def _apply_push(self, rows: list[Any], response: PushResponse, report: SyncReport) -> None:
        by_seq = {r["mutation_seq"]: r for r in rows}
        with self.local("apply-push") as conn:
            # Set when the cell was joined, which every push and pull comes after.
            cell_id = cast(uuid.UUID, conn.scalar(select(sync_state.c.cell_id).where(sync_state.c.id == 1)))
            answered = [(by_seq[r.mutation_seq], r) for r in response.results if r.mutation_seq in by_seq]
            if answered:
                conn.execute(delete(outbox).where(outbox.c.id == bindparam("b_id")),
                             [{"b_id": row["id"]} for row, _ in answered])
            waiting = set(conn.scalars(select(outbox.c.entity_id).where(outbox.c.status == "pending")))
            for index, (row, result) in enumerate(answered):
                report.pushed += 1
                entity, entity_id = row["entity"], row["entity_id"]
                if result.status == "duplicate" and result.error_code:
                    # The server had refused this change when it first came (from a copy of this data folder,
                    # or from here before a renumbering): refused here too, so the row a refused create made
                    # leaves this PC and its data goes to the inbox, as on the PC that sent it first. (The
                    # fault test found it: a copied folder kept, unsent for ever, a refused attendance.)
                    result = result.model_copy(update={"status": "rejected"})
                if row["op"] == "resolve":
                    entity, entity_id = self._after_resolve(conn, row, result)
                # Edits of the same record answered after this one, in this batch: they count as waiting.
                later = [r for r, _ in answered[index + 1:] if r["entity_id"] == entity_id]
                if result.status == "conflict":
                    report.conflicts += 1
                    if result.conflict_id is not None:
                        self._note_conflict(conn, row, result, entity, entity_id)
                elif result.status == "rejected":
                    report.rejected += 1
                    conn.execute(insert(rejected_inbox).values(
                        mutation_id=row["mutation_id"], mutation_seq=row["mutation_seq"], entity=row["entity"],
                        entity_id=row["entity_id"], op=row["op"], fields=row["fields"],
                        error_code=result.error_code, message=result.message, created_at=self.clock()))
                self._adopt(conn, entity, entity_id, result, cell_id, entity_id in waiting or bool(later),
                            later=later)

    def _after_resolve(self, conn: Connection, row: Any, result: MutationResult) -> tuple[str, uuid.UUID]:
        """The answer to a person's `resolve`: the record it decided (whose image the answer carries). A
        refused decision reopens the conflict here (the pull shows it resolved if another PC decided)."""
        target = conn.execute(select(conflict_inbox.c.entity, conflict_inbox.c.entity_id)
                              .where(conflict_inbox.c.id == row["entity_id"])).first()
        if result.status == "rejected":
            conn.execute(update(conflict_inbox).where(conflict_inbox.c.id == row["entity_id"],
                                                      conflict_inbox.c.status == "resolving").values(status="open"))
        return (target[0], target[1]) if target is not None else (CONFLICT_ENTITY, row["entity_id"])

    def _note_conflict(self, conn: Connection, row: Any, result: MutationResult, entity: str,
                       entity_id: uuid.UUID) -> None:
        if conn.scalar(select(conflict_inbox.c.id).where(conflict_inbox.c.id == result.conflict_id)) is None:
            # A decision that met a newer change conflicts again: its values come with the pull.
            fields = "{}" if row["op"] == "resolve" else row["fields"]
            conn.execute(insert(conflict_inbox).values(
                id=result.conflict_id, entity=entity, entity_id=entity_id, mutation_id=row["mutation_id"],
                device_id=conn.scalar(select(sync_state.c.device_id).where(sync_state.c.id == 1)),
                base_version=row["base_version"], server_version=result.version, client_fields=fields,
                server_fields="{}", status="open", version=0, server_seq=0))

    def _adopt(self, conn: Connection, entity: str, entity_id: uuid.UUID, result: MutationResult,
               cell_id: uuid.UUID, waiting: bool, *, later: list[Any] | None = None) -> None:
        """Take the server's image of a record we just pushed (or whose conflict a person decided).

        ``waiting``: later edits of the record are still to be answered, in the outbox or ``later`` in this
        batch. The fields they touch keep the values they send; every other field takes the image's value,
        because this PC's value there may not be the server's: a refused change (a seal the server did
        not accept), a change kept as a conflict, a decision applied to a record that moved on. An
        "applied" answer to a later edit carries no fields (the server took exactly what was sent), so a
        value left here that the server never took would stay here for ever under the server's version
        (the fault test found it: a refused seal, then an added line, and the line was lost here)."""
        table = ENTITIES.get(entity)
        if table is None:
            return
        image = result.current
        if image is None:
            if result.status == "rejected" and not waiting:
                # Created here, refused there: the data is in the rejected inbox; the row leaves this PC.
                local = conn.scalar(select(table.c.version).where(table.c.id == entity_id))
                if local == 0:
                    conn.execute(delete(table).where(table.c.id == entity_id))
            return
        if not waiting:
            write_record(conn, entity, entity_id, image, cell_id)
            return
        touched: set[str] = set()
        edits = [(r["op"], r["fields"]) for r in later or []]
        edits += conn.execute(select(outbox.c.op, outbox.c.fields).where(
            outbox.c.entity_id == entity_id, outbox.c.status == "pending")).all()
        for op, fields in edits:
            touched.update(json.loads(fields))
            if op in ("delete", "undelete"):
                touched.add("deleted")
        values = {name: from_json(table, name, value) for name, value in image.fields.items()
                  if name in table.c and name not in touched}
        if "deleted" not in touched:
            values["deleted"] = image.deleted
        if values:
            conn.execute(update(table).where(table.c.id == entity_id).values(**values))
        conn.execute(update(table).where(table.c.id == entity_id, table.c.version < image.version)
                     .values(version=image.version))

    # --- pull ------------------------------------------------------------------------------
    def _pull_all(self, report: SyncReport) -> str | None:
        for _ in range(1_000_000):
            self._check_cancel()
            with self.engine.connect() as conn:
                cursor = self.state(conn)["cursor"]
            page = self.client.pull(cursor, self.page_size)
            self.apply_changes(page.changes, report, cursor=page.next_cursor)
            if not page.has_more:
                return page.digest_at_cursor
        return None

    def apply_changes(self, changes: list[Change], report: SyncReport, *, cursor: int | None,
                      force: bool = False) -> None:
        with self.local("apply-page") as conn:
            # Set when the cell was joined, which every push and pull comes after.
            cell_id = cast(uuid.UUID, conn.scalar(select(sync_state.c.cell_id).where(sync_state.c.id == 1)))
            waiting = set(conn.scalars(select(outbox.c.entity_id).where(outbox.c.status == "pending")))
            wanted: dict[str, list[uuid.UUID]] = {}
            for change in changes:
                if change.entity in ENTITIES and change.id not in waiting:
                    wanted.setdefault(change.entity, []).append(change.id)
            local: dict[uuid.UUID, int] = {}
            for entity, ids in wanted.items():
                table = ENTITIES[entity]
                for start in range(0, len(ids), 500):
                    local.update(conn.execute(select(table.c.id, table.c.version)
                                              .where(table.c.id.in_(ids[start:start + 500]))).all())
            for change in changes:
                if change.entity == CONFLICT_ENTITY:
                    _write_conflict(conn, change, deciding=change.id in waiting)
                    report.pulled += 1
                    continue
                if change.entity not in ENTITIES or change.id in waiting:
                    continue
                known = local.get(change.id)
                if known is None or change.version > known or force:
                    write_record(conn, change.entity, change.id, change, cell_id, exists=known is not None)
                    local[change.id] = change.version
                    report.pulled += 1
            if cursor is not None:
                conn.execute(update(sync_state).where(sync_state.c.id == 1).values(cursor=cursor))

    # --- digest and reconcile --------------------------------------------------------------
    def local_digest(self, conn: Connection) -> str:
        value = 0
        for entity, record_id, version in conn.execute(SYNCED_VERSIONS):
            value ^= record_hash(entity, record_id, version)
        return digest_hex(value)

    def _reconcile(self, report: SyncReport) -> None:
        with self.engine.connect() as conn:
            inventory = [(entity, rid, version) for entity, rid, version in conn.execute(SYNCED_VERSIONS)]
        answer = self.client.reconcile(ReconcileRequest(inventory=inventory))
        self.apply_changes(answer.changes, report, cursor=None, force=True)
        if answer.server_lacks:
            with self.local("re-send") as conn:
                for entity, record_id in answer.server_lacks:
                    table = ENTITIES.get(entity)
                    if table is None:
                        continue
                    row = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
                    if row is not None:
                        values = _create_row(entity, row)
                        values.update(op="restore", base_version=row["version"])
                        conn.execute(insert(outbox).values(**values))


def _create_row(entity: str, row: Any) -> dict[str, Any]:
    from models.base import new_id

    table = ENTITIES[entity]
    fields = {name: [None, to_json(table, name, row[name])] for name in data_columns(table)}
    return dict(mutation_id=new_id(), entity=entity, entity_id=row["id"], op="create", base_version=0,
                fields=json.dumps(fields, ensure_ascii=False), schema_version=SCHEMA_VERSION, status="pending",
                attempts=0, last_error="", created_at=dt.datetime.now(dt.UTC))


def write_record(conn: Connection, entity: str, record_id: uuid.UUID, image: RecordImage | Change,
                 cell_id: uuid.UUID, *, exists: bool | None = None) -> None:
    """Insert or overwrite a local record with the server's image (Core: no outbox echo)."""
    table = ENTITIES[entity]
    values = {name: from_json(table, name, value) for name, value in image.fields.items() if name in table.c}
    values.update(cell_id=cell_id, version=image.version, server_seq=image.server_seq, deleted=image.deleted,
                  updated_at=dt.datetime.fromisoformat(image.updated_at), updated_by=image.updated_by)
    if exists is not False and conn.execute(update(table).where(table.c.id == record_id).values(**values)).rowcount:
        return
    conn.execute(insert(table).values(id=record_id, **values))


def _write_conflict(conn: Connection, change: Change, *, deciding: bool = False) -> None:
    """``deciding``: this PC's decision on it is still in the outbox, so "open" from the server only means
    the decision has not arrived yet; the row stays "resolving" (a "resolved" always wins)."""
    f = change.fields
    values = dict(entity=f["entity"], entity_id=uuid.UUID(f["entity_id"]), mutation_id=uuid.UUID(f["mutation_id"]),
                  device_id=uuid.UUID(f["device_id"]), base_version=f["base_version"],
                  server_version=f["server_version"], client_fields=f["client_fields"],
                  server_fields=f["server_fields"], status=f["status"], version=change.version,
                  server_seq=change.server_seq, updated_at=change.updated_at, updated_by=change.updated_by)
    if conn.scalar(select(conflict_inbox.c.id).where(conflict_inbox.c.id == change.id)) is None:
        conn.execute(insert(conflict_inbox).values(id=change.id, **values))
    else:
        if deciding and values["status"] == "open":
            del values["status"]
        conn.execute(update(conflict_inbox).where(conflict_inbox.c.id == change.id).values(**values))
