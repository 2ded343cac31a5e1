"""The fault-injection world of sync-security.md §3: clients on their own SQLite files, the server in
process behind a transport that drops, duplicates, replays, cuts, kills and expires (seeded RNG), a
record of every mutation any outbox ever held, and the invariant checks.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import random
import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import httpx
from sqlalchemy import event, func, select

from models.meetings import Attendance, Meeting, Minutes
from models.members import Member
from models.sync_tables import BULK_OP, ConflictInbox, OutboxEntry, RejectedInbox
from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.server.db import RECORDS, applied_mutation, cell_sync_state, conflict, record_history
from secretary_app.server.service import Hooks, SyncService
from secretary_app.store import Store
from secretary_app.sync import service as sync_service
from secretary_app.sync.client import SyncClient, SyncError
from secretary_app.sync.codec import ENTITIES, data_columns, to_json
from secretary_app.sync.engine import Faults, SyncEngine
from secretary_app.sync.protocol import PREFIX
from secretary_app.sync.resolve import Choice, conflict_kind, resolve_conflict
from tests.sync.fixtures import PASSWORD, Server, make_server

DATABASE = "so-tay-bi-thu.sqlite3"
FAULTABLE = ("/hello", "/push", "/pull", "/reconcile")
PUSH_FAULTS = ("drop_before", "drop_after", "duplicate", "server_killed", "reorder", "expire_token")
PULL_FAULTS = ("drop_before", "drop_after", "duplicate", "cut_page", "expire_token")
OTHER_FAULTS = ("drop_before", "drop_after", "duplicate", "expire_token")
CRASH_STEPS = ("form-batch", "apply-push", "apply-page", "join", "finish")


def _no_fsync(dbapi_connection: Any, _record: Any) -> None:
    """After the app's own PRAGMAs (secretary_app/db/engine.py): a PC's commits are not flushed to the disk,
    as the test server's are not (``sqlite_synchronous="OFF"``, tests/sync/fixtures.py). Crashes here are
    exceptions inside the process, never a power cut, so the flush proves nothing in this test and was a
    third of its wall time on the CI machine's disk (one fsync per commit, ~40,000 commits)."""
    dbapi_connection.execute("PRAGMA synchronous=OFF")


class ServerKilled(Exception):
    """Raised inside the push transaction: the process dies, the transaction rolls back."""


class ClientCrash(Exception):
    """The client died between getting an answer and committing it locally."""


@dataclass
class Client:
    name: str
    username: str
    cell: str
    store: Store
    engine: SyncEngine
    skew: dt.timedelta = field(default_factory=dt.timedelta)
    received: set[tuple[str, uuid.UUID, int]] = field(default_factory=set)  # (entity, id, seq) seen in pulls
    mutation_ids: set[uuid.UUID] = field(default_factory=set)
    resolutions: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # resolve mutation id -> conflict id


class FaultTransport(httpx.BaseTransport):
    def __init__(self, world: World, client_name: str) -> None:
        self.world, self.client_name = world, client_name
        self.sent_pushes: list[tuple[httpx.Request, bytes]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        w, path = self.world, request.url.path
        request.read()
        faultable = path.startswith(PREFIX) and path.endswith(FAULTABLE)
        kind = None
        if faultable and w.faults_on and w.rng.random() < w.probability:
            kinds = PUSH_FAULTS if path.endswith("/push") else PULL_FAULTS if path.endswith("/pull") else OTHER_FAULTS
            kind = w.rng.choice(kinds)
            if kind == "reorder" and not self.sent_pushes:
                kind = "duplicate"
            w.faults[kind] += 1
        if kind == "drop_before":
            raise httpx.ConnectError("injected: dropped before the server saw it")
        if kind == "expire_token":
            w.server.offset += dt.timedelta(minutes=16)  # every access token is now expired (F12)
        if kind == "reorder":
            # A stale copy of an earlier batch arrives late: it must get its original answer back.
            old, answered = w.rng.choice(self.sent_pushes)
            again = self._deliver(old)
            if again.status_code == 200 and again.content != answered:
                w.idempotency_violations += 1
        if kind == "server_killed":
            w.kill_next_push = True
        response = self._deliver(request)
        if kind == "duplicate":
            second = self._deliver(request)
            if path.endswith("/push") and response.status_code == 200 and second.content != response.content:
                w.idempotency_violations += 1
            response = second
        if kind == "drop_after":
            raise httpx.ReadError("injected: the answer was lost after the server committed")
        if kind == "cut_page":
            return httpx.Response(response.status_code, headers=response.headers,
                                  content=response.content[: len(response.content) // 2], request=request)
        if path.endswith("/pull") and response.status_code == 200:
            for change in json.loads(response.content)["changes"]:
                w.clients[self.client_name].received.add((change["entity"], uuid.UUID(change["id"]),
                                                          change["server_seq"]))
        return response

    def _deliver(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self.world.server.bridge.handle_request(request)
        except ServerKilled:
            raise httpx.ReadError("injected: the server process died mid-batch") from None
        finally:
            self.world.kill_next_push = False
        response.read()
        if request.url.path.endswith("/push") and response.status_code == 200:
            self.sent_pushes.append((request, response.content))
            del self.sent_pushes[:-20]
        return response


class World:
    """One server, clients c0 and c1 in cell A (secretary, deputy), c2 in cell B (isolation)."""

    LAYOUT = (("c0", "sec_a", "secretary", "A"), ("c1", "dep_a", "deputy", "A"), ("c2", "sec_b", "secretary", "B"))

    def __init__(self, folder: Path, url: str, *, service_class: type[SyncService] = SyncService,
                 client_class: type[SyncClient] = SyncClient, probability: float = 0.25) -> None:
        """``service_class``/``client_class``: a planted bug (tests/sync/planted.py) or the product's."""
        self.folder, self.url = folder, url
        self.service_class, self.client_class = service_class, client_class
        self.probability = probability
        self.hooks = Hooks(before_commit=self._maybe_kill)
        self.examples = 0
        self.server: Server = make_server(url, service_class=service_class, hooks=self.hooks)
        self.template = folder / "template"
        Store(resolve_paths(self.template)).close()
        self.total_faults: collections.Counter[str] = collections.Counter()
        self.outcomes: collections.Counter[str] = collections.Counter()  # what became of the resolutions
        self.examples = 0
        self.clients: dict[str, Client] = {}
        self.stores: dict[str, Store] = {}  # one per PC name, kept across histories (see _pc_store)
        self.rng = random.Random(0)
        self.faults: collections.Counter[str] = collections.Counter()
        self.kill_next_push = False
        # How long a paused push waits for the other PC's push and pull (the concurrent_pushes rule). With the
        # product's server the other push waits for the cell's lock, so the pause always lasts this long;
        # a planted bug that lets the other through needs it long enough for a loaded machine.
        self.concurrent_pause = 0.15
        self.faults_on = False
        self.idempotency_violations = 0
        self.steps = 0
        self.lock = threading.Lock()

    def _maybe_kill(self, _cell_id: uuid.UUID) -> None:
        if self.kill_next_push:
            self.kill_next_push = False
            raise ServerKilled()

    # --- lifecycle -------------------------------------------------------------------------
    def reset(self, seed: int) -> None:
        self.close_clients()
        self.examples += 1
        self.rng = random.Random(seed)
        self.faults = collections.Counter()
        self.idempotency_violations = 0
        self.faults_on = False
        self.server.offset = dt.timedelta()
        self.server.wipe()
        self.server.cell("A")
        self.server.cell("B")
        for _, username, role, cell in self.LAYOUT:
            self.server.user(username, role, cell)
        for name, username, _, cell in self.LAYOUT:
            store = self._pc_store(name, username, lambda target: shutil.copy(self.template / DATABASE, target))
            transport = FaultTransport(self, name)
            sync_service.login(store, "http://127.0.0.1:8765", username, PASSWORD, transport=transport)
            client = self.client_class("http://127.0.0.1:8765", username, transport=transport)
            client.store_engine = store.engine  # type: ignore[attr-defined]  # read by a planted client bug
            box = Client(name, username, cell, store, SyncEngine(store.engine, client, batch_size=4, page_size=6))
            box.engine.clock = lambda box=box: dt.datetime.now(dt.UTC) + box.skew  # type: ignore[misc]  # mypy cannot type a lambda's default argument
            self.clients[name] = box
        for name in ("c0", "c2"):  # each cell's first PC sets up the cell and one meeting
            self.edit(name, self._setup_cell)
        for name in ("c0", "c1", "c2"):
            self.clients[name].engine.sync()
        self.faults_on = True

    def _pc_store(self, name: str, actor: str, fill: Callable[[Path], object]) -> Store:
        """The Store of PC ``name`` on a new database file that ``fill(path)`` writes (a copy of the migrated
        template: a fresh install; or another PC's file). Each PC keeps one Store object, and so one engine,
        from history to history: SQLAlchemy compiles each statement once per engine, and a new engine for
        every PC of every history compiled the app's ~150 statements again each time (~15 % of the fault
        test's CPU). Between histories the engine is disposed (every connection closed) and the file and
        its WAL are deleted, so nothing of the previous history's database is left to read."""
        store = self.stores.get(name)
        data = self.folder / "pcs" / name
        if store is not None:
            store.engine.dispose()
        for suffix in ("", "-wal", "-shm", "-journal"):
            (data / f"{DATABASE}{suffix}").unlink(missing_ok=True)
        data.mkdir(parents=True, exist_ok=True)
        fill(data / DATABASE)
        if store is None:
            store = self.stores[name] = Store(resolve_paths(data), actor=actor)
            event.listen(store.engine, "connect", _no_fsync)
            store.engine.dispose()  # the connection Store opened has synchronous=FULL: the next ones not
        store.actor = actor
        store.forget_cell()
        return store

    def close_clients(self) -> None:
        for box in self.clients.values():
            box.store.close()
        self.clients.clear()
        # Count each history once: the teardown closes the clients and the next reset closes again.
        self.total_faults.update(self.faults)
        self.faults = collections.Counter()

    @staticmethod
    def _setup_cell(session: Any, box: Client) -> None:
        from models.base import new_id
        from models.cell import Cell

        cell_id = new_id()
        session.add(Cell(id=cell_id, cell_id=cell_id, name=f"Chi bộ {box.cell}", superior_name="Đảng bộ phường",
                         place_name="Hoàn Kiếm", term_start=dt.date(2025, 8, 20)))
        session.flush()
        session.add(Meeting(id=new_id(), cell_id=cell_id, title="Sinh hoạt thường kỳ",
                            planned_at=dt.datetime(2026, 11, 5, 19, 30, tzinfo=dt.UTC)))

    # --- local edits (through the ORM, so the outbox hook records them) ----------------------
    def edit(self, name: str, action: Any) -> None:
        box = self.clients[name]
        box.store.forget_cell()
        box.store.has_cell()  # read (and cache) the cell id before the write transaction starts
        with box.store.transaction() as session:
            action(session, box)
        with box.store.transaction() as session:
            # A bulk row's own mutation id is never sent: its creates get theirs when the engine expands it.
            # The next edit records those still queued; that every generated row arrives, the convergence
            # check (3) shows, as both sides' rows are compared.
            box.mutation_ids.update(session.scalars(select(OutboxEntry.mutation_id).where(OutboxEntry.op != BULK_OP)))

    def copy_data_folder(self, source: str, name: str) -> None:
        """Copy ``source``'s data folder (as it is on disk) to a new PC ``name`` with its own keyring, which
        logs in with the device id the copy carries."""
        import sqlite3

        from secretary_app.credentials import Credentials

        box = self.clients[source]

        def copy(path: Path) -> None:
            target = sqlite3.connect(path)
            with box.store.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                raw.backup(target)  # type: ignore[union-attr]  # the pool's DBAPI connection is sqlite3's
            target.close()

        store = self._pc_store(name, box.username, copy)
        transport = FaultTransport(self, name)
        credentials = Credentials(service=f"copy-{name}")  # another PC: another keyring
        faults, self.faults_on = self.faults_on, False
        try:
            sync_service.login(store, "http://127.0.0.1:8765", box.username, PASSWORD, transport=transport,
                               credentials=credentials)
        finally:
            self.faults_on = faults
        client = self.client_class("http://127.0.0.1:8765", box.username, transport=transport,
                                   credentials=credentials)
        client.store_engine = store.engine  # type: ignore[attr-defined]  # read by a planted client bug
        copy = Client(name, box.username, box.cell, store, SyncEngine(store.engine, client, batch_size=4, page_size=6))
        copy.engine.clock = lambda: dt.datetime.now(dt.UTC)
        copy.mutation_ids = set(box.mutation_ids)
        copy.received = set(box.received)
        self.clients[name] = copy
        self.faults["copied_folder"] += 1

    def lose_refresh_answer(self, name: str) -> None:
        """The PC's refresh reaches the server (the token rotates), the answer never comes back; the PC then
        syncs (faults off, inside the grace window) and must refresh with the same token without losing its
        session."""
        from secretary_app.sync.client import refresh_key

        client = self.clients[name].engine.client
        token = client.refresh_token or client.credentials.get(refresh_key(client.server_url, client.username))
        if not token:
            return
        self.server.bridge.handle_request(httpx.Request(
            "POST", f"http://127.0.0.1:8765{PREFIX}/auth/refresh", json={"refresh_token": token}))
        client.access_token = None  # the old access token died with the rotation: the next call refreshes
        self.faults["lost_refresh"] += 1
        faults, self.faults_on = self.faults_on, False
        try:
            if self.sync(name) != "ok":
                self.faults["lost_refresh_session_lost"] += 1
        finally:
            self.faults_on = faults

    def open_conflicts(self) -> list[str]:
        """The PCs that show at least one open conflict."""
        found = []
        for name, box in self.clients.items():
            with box.store.engine.connect() as conn:
                table = ConflictInbox.__table__
                if conn.scalar(select(table.c.id).where(table.c.status == "open").limit(1)) is not None:
                    found.append(name)
        return found

    def shared_open_conflicts(self) -> list[uuid.UUID]:
        """Conflicts that show as open on more than one PC: two people may decide them at once."""
        seen: collections.Counter[uuid.UUID] = collections.Counter()
        for box in self.clients.values():
            with box.store.engine.connect() as conn:
                table = ConflictInbox.__table__
                seen.update(conn.scalars(select(table.c.id).where(table.c.status == "open")))
        return sorted(c for c, n in seen.items() if n > 1)

    def resolve(self, name: str, pick: int, choice: str, conflict_id: uuid.UUID | None = None) -> None:
        """A person on PC ``name`` decides one of its open conflicts (``conflict_id``, else the ``pick``-th):
        keep the server's value, take the other one, or (text fields) edit it."""
        box = self.clients[name]
        with box.store.transaction() as session:
            rows = session.scalars(select(ConflictInbox).where(ConflictInbox.status == "open")
                                   .order_by(ConflictInbox.id)).all()
            if conflict_id is not None:
                rows = [r for r in rows if r.id == conflict_id]
            if not rows:
                return
            row = rows[pick % len(rows)]
            conflict_id = row.id
            client, server = json.loads(row.client_fields or "{}"), json.loads(row.server_fields or "{}")
        values = None
        if choice == "value":
            text = sorted(n for n, pair in client.items() if isinstance(pair, list) and isinstance(pair[1], str))
            if text and conflict_kind(client, server) != "delete":
                values = {text[0]: f"{client[text[0]][1]} (sửa)"[:30]}  # 30: the shortest text column (phone)
            else:
                choice = "client"
        before = self._outbox_ids(box)
        try:
            resolve_conflict(box.store, conflict_id, cast(Choice, choice), values)  # server, client or value
        except UserError:
            self.faults["resolution_refused_here"] += 1  # e.g. the minutes became final meanwhile
            return
        self.faults["resolution"] += 1
        for mutation_id in self._outbox_ids(box) - before:
            box.mutation_ids.add(mutation_id)
            box.resolutions[mutation_id] = conflict_id

    @staticmethod
    def _outbox_ids(box: Client) -> set[uuid.UUID]:
        with box.store.transaction() as session:
            return set(session.scalars(select(OutboxEntry.mutation_id)))

    def sync(self, name: str, crash_at: str | None = None) -> str:
        box = self.clients[name]

        def crash(step: str) -> None:
            if step == crash_at:
                self.faults["client_crash"] += 1
                raise ClientCrash(step)

        box.engine.faults = Faults(before_local_commit=crash if crash_at else None)
        try:
            box.engine.sync()
            return "ok"
        except (SyncError, ClientCrash) as exc:
            return type(exc).__name__
        finally:
            box.engine.faults = Faults()

    # --- healing and invariants ------------------------------------------------------------
    def heal(self) -> None:
        self.faults_on = False
        for box in self.clients.values():
            box.skew = dt.timedelta()
        for _ in range(4):
            for name in self.clients:
                self.clients[name].engine.sync()
            if all(self.pending(b) == 0 for b in self.clients.values()):
                break
        for name in self.clients:  # one more round: everyone has seen everyone's last push
            self.clients[name].engine.sync()

    def pending(self, box: Client) -> int:
        with box.store.transaction() as session:
            return session.scalar(select(func.count()).select_from(OutboxEntry)) or 0

    def server_dump(self, cell_id: uuid.UUID) -> dict[str, list[tuple]]:
        with self.server.engine.connect() as conn:
            dump = {e: _rows(conn, RECORDS[e], ENTITIES[e], cell_id) for e in ENTITIES}
            dump["conflict"] = sorted((r.id, r.status, r.version) for r in conn.execute(
                select(conflict.c.id, conflict.c.status, conflict.c.version).where(conflict.c.cell_id == cell_id)))
        return dump

    def client_dump(self, box: Client, cell_id: uuid.UUID) -> dict[str, list[tuple]]:
        from models.sync_tables import ConflictInbox

        with box.store.engine.connect() as conn:
            dump = {e: _rows(conn, ENTITIES[e], ENTITIES[e], cell_id) for e in ENTITIES}
            table = ConflictInbox.__table__
            # A conflict open on one PC and resolved on another (or still "resolving" here) differs.
            dump["conflict"] = sorted((r.id, r.status, r.version) for r in conn.execute(
                select(table.c.id, table.c.status, table.c.version).where(table.c.version > 0)))
        return dump

    def check_all(self) -> dict[str, int]:
        """After healing: the eight invariants of sync-security §3.1. Returns the violation counts."""
        figures: collections.Counter[str] = collections.Counter()
        with self.server.engine.connect() as conn:
            results = {r.mutation_id: json.loads(r.result) for r in conn.execute(select(applied_mutation))}
            conflicts = conn.execute(select(conflict.c.id, conflict.c.mutation_id, conflict.c.status,
                                            conflict.c.version, conflict.c.resolution_mutation_id)).all()
            history = collections.Counter(m for m in conn.scalars(select(record_history.c.mutation_id)) if m)
            cells = {r.name: (r.cell_id, r.server_seq, r.digest) for r in conn.execute(select(cell_sync_state))}
            versions = conn.execute(select(record_history.c.entity, record_history.c.entity_id,
                                           record_history.c.deleted, record_history.c.mutation_id)
                                    .order_by(record_history.c.entity_id, record_history.c.version)).all()
            finals = conn.execute(select(record_history.c.entity_id, record_history.c.version,
                                         record_history.c.fields).where(record_history.c.entity == "minutes")
                                  .order_by(record_history.c.version)).all()
            alive = {(e, r.id): r.deleted for e in ENTITIES for r in conn.execute(
                select(RECORDS[e].c.id, RECORDS[e].c.deleted))}
        decisions = {m: c for box in self.clients.values() for m, c in box.resolutions.items()}
        # A conflict keeps its values while open; once a person's resolution (one that a PC sent and the
        # server applied) closed it, the value it discarded was discarded on purpose, not lost.
        holders: dict[uuid.UUID, list[bool]] = collections.defaultdict(list)
        for row in conflicts:
            decided = (row.status == "resolved" and row.resolution_mutation_id in decisions
                       and results.get(row.resolution_mutation_id, {}).get("status") in ("applied", "conflict"))
            holders[row.mutation_id].append(row.status == "open" or decided)
            # 2. a resolution applied exactly once: one version bump, by the mutation that names it.
            if (row.status, row.version) not in (("open", 1), ("resolved", 2)) or (
                    row.status == "resolved" and decisions.get(row.resolution_mutation_id) != row.id):
                figures["resolved_twice"] += 1
        closing = collections.Counter(c for m, c in decisions.items()
                                      if results.get(m, {}).get("status") in ("applied", "conflict"))
        figures["resolved_twice"] += sum(n - 1 for n in closing.values() if n > 1)
        for mutation_id in decisions:
            self.outcomes[results.get(mutation_id, {}).get("status") or "unsent"] += 1
        # A copied data folder (c3) carries the outbox of the PC it came from: a change made before the copy
        # and refused on either PC is kept in that PC's rejected inbox, so count every PC's inbox.
        rejected: set[uuid.UUID] = set()
        for box in self.clients.values():
            with box.store.transaction() as session:
                rejected.update(session.scalars(select(RejectedInbox.mutation_id)))
        for box in self.clients.values():
            for mutation_id in box.mutation_ids:  # 1. nothing lost
                status = results.get(mutation_id, {}).get("status")
                kept = (status in ("applied", "merged") or any(holders.get(mutation_id, ()))
                        or mutation_id in rejected)
                figures["lost"] += 0 if kept else 1
            cell_id, server_seq, digest = cells[box.cell]
            here, there = self.client_dump(box, cell_id), self.server_dump(cell_id)
            if here != there:  # 3. convergence
                figures["divergent"] += 1
                for entity in sorted(set(here) | set(there)):  # what differs, in the failure's captured output
                    mine, theirs = set(here.get(entity, ())), set(there.get(entity, ()))
                    for row in sorted(mine ^ theirs):
                        print(f"divergent {box.name} {entity}: {'PC' if row in mine else 'server'} has {row}")
            if self.pending(box):
                figures["divergent"] += 1
            with box.store.engine.connect() as conn:
                if box.engine.local_digest(conn) != digest:
                    figures["divergent"] += 1
                cursor = box.engine.state(conn)["cursor"]
                foreign = sum(conn.scalar(select(func.count()).select_from(t).where(t.c.cell_id != cell_id)) or 0
                              for t in ENTITIES.values())
            figures["isolation"] += foreign  # 6. no row of another cell
            # 5. gapless cursor: every record now at or below the cursor reached this client in a pull page.
            with self.server.engine.connect() as conn:
                for entity, table in [*RECORDS.items(), ("conflict", conflict)]:
                    for rid, seq in conn.execute(select(table.c.id, table.c.server_seq)
                                                 .where(table.c.cell_id == cell_id, table.c.server_seq <= cursor)):
                        if (entity, rid, seq) not in box.received:
                            figures["skipped"] += 1
            if cursor != server_seq:
                figures["skipped"] += 1
        figures["duplicated"] = sum(n - 1 for n in history.values() if n > 1)  # 2. exactly once
        # 7. a tombstone is lifted only by a person's resolution (restore), never by anything else.
        previous: tuple[str, uuid.UUID, bool] | None = None
        for entity, entity_id, deleted, mutation_id in versions:
            if (previous is not None and previous[:2] == (entity, entity_id) and previous[2] and not deleted
                    and mutation_id not in decisions):
                figures["resurrected"] += 1
            previous = (entity, entity_id, deleted)
        last = {(e, i): d for e, i, d, _ in versions}
        figures["resurrected"] += sum(1 for key, deleted in last.items() if alive.get(key, deleted) != deleted)
        final_at: dict[uuid.UUID, int] = {}
        for entity_id, version, fields in finals:  # 4. nothing changes after finalisation
            if entity_id in final_at:
                figures["immutability"] += 1
            elif json.loads(fields).get("final_hash"):
                final_at[entity_id] = version
        figures["idempotency"] = self.idempotency_violations  # 8.
        figures["session_lost"] = self.faults["lost_refresh_session_lost"]  # a lost refresh answer cost a login
        return dict(figures)


def _rows(conn: Any, table: Any, codec: Any, cell_id: uuid.UUID) -> list[tuple]:
    names = data_columns(codec)
    out = []
    for row in conn.execute(select(table).where(table.c.cell_id == cell_id)).mappings():
        out.append((str(row["id"]), row["version"], bool(row["deleted"]),
                    *(json.dumps(to_json(codec, n, row[n]), sort_keys=True) for n in names)))
    return sorted(out)


def final_hash(session: Any, minutes: Minutes) -> str:
    """The hash the app seals the minutes with (the server recomputes it from its own rows)."""
    from secretary_app.services.minutes import canonical_content, content_hash

    session.flush()
    return content_hash(canonical_content(session, session.get(Meeting, minutes.meeting_id)))


__all__ = ["CRASH_STEPS", "Attendance", "Member", "Minutes", "World", "final_hash"]
