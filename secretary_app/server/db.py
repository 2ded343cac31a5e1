"""Server storage: the synced record tables (same columns as the client's, from ``models``) plus the
server-only tables, one engine for SQLite (default) or PostgreSQL, and the alembic migrations.

Synced tables are copied *without* foreign keys: the server checks the cell of every row it touches,
while references between records are the client's business (a push may carry a child before a
late-arriving parent, and a rejected parent must not turn its children into infrastructure errors).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    create_engine,
    event,
)
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from models.base import NAMING
from secretary_app.sync.codec import ENTITIES

metadata = MetaData(naming_convention=NAMING)
_Seq = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrement needs INTEGER

RECORDS: dict[str, Table] = {}
for _name, _source in ENTITIES.items():
    _columns = [Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable,
                       default=c.default.arg if isinstance(c.default, ScalarElementColumnDefault) else None)
                for c in _source.columns]
    _extra = [UniqueConstraint(*[c.name for c in u.columns], name=u.name)
              for u in _source.constraints if isinstance(u, UniqueConstraint)]
    RECORDS[_name] = Table(_name, metadata, *_columns, *_extra,
                           Index(f"ix_{_name}_cell_seq", "cell_id", "server_seq"))

cell_sync_state = Table(
    "cell_sync_state", metadata,
    Column("cell_id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("superior_name", String(200), nullable=False, default=""),
    Column("server_seq", BigInteger, nullable=False, default=0),
    Column("epoch", Uuid, nullable=False),
    Column("digest", String(64), nullable=False, default="0" * 64),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(120), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("cell_id", Uuid, nullable=True),  # secretary/deputy: their cell; viewer/admin: none
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

user_cells = Table(  # the cells a committee viewer may read
    "user_cells", metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("cell_id", Uuid, primary_key=True),
)

devices = Table(
    "devices", metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False, index=True),
    Column("cell_id", Uuid, nullable=True),
    Column("name", String(200), nullable=False, default=""),
    Column("last_mutation_seq", BigInteger, nullable=False, default=0),
    Column("last_pulled_seq", BigInteger, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

tokens = Table(  # opaque tokens, stored as SHA-256 only
    "tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("kind", String(10), nullable=False),  # access / refresh
    Column("user_id", Uuid, nullable=False, index=True),
    Column("device_id", Uuid, nullable=False),
    Column("family_id", Uuid, nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    # s0004: when the family's first token was issued (its absolute lifetime), and on a spent refresh token
    # the pair it was exchanged for, encrypted with a key derived from the spent token itself, so a retry
    # whose answer was lost gets the same pair within the grace window (nobody else can read it).
    Column("family_started_at", DateTime(timezone=True), nullable=True),
    Column("rotated_to", Text, nullable=True),
)

login_throttle = Table(  # failed logins per (account, client address): growing delays, shared by all workers
    "login_throttle", metadata,
    Column("account", String(120), primary_key=True),
    Column("address", String(64), primary_key=True),
    Column("failures", Integer, nullable=False, default=0),
    Column("last_failure_at", DateTime(timezone=True), nullable=False),
    Column("blocked_until", DateTime(timezone=True), nullable=False),
)

auth_event = Table(  # login ok/failed, throttled, refresh reuse, password change… never a secret
    "auth_event", metadata,
    Column("id", _Seq, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("username", String(120), nullable=False, default=""),
    Column("user_id", Uuid, nullable=True),
    Column("device_id", Uuid, nullable=True),
    Column("address", String(64), nullable=False, default=""),
    Column("detail", String(200), nullable=False, default=""),
)

applied_mutation = Table(
    "applied_mutation", metadata,
    Column("device_id", Uuid, primary_key=True),
    Column("mutation_seq", BigInteger, primary_key=True),
    Column("mutation_id", Uuid, nullable=False, unique=True),
    Column("result", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

push_batch = Table(  # Idempotency-Key -> the exact response, so a replayed batch gets the same answer
    "push_batch", metadata,
    Column("device_id", Uuid, primary_key=True),
    Column("idempotency_key", String(80), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("response", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

conflict = Table(
    "conflict", metadata,
    Column("id", Uuid, primary_key=True),
    Column("cell_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("server_seq", BigInteger, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(120), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", Uuid, nullable=False),
    Column("mutation_id", Uuid, nullable=False),
    Column("device_id", Uuid, nullable=False),
    Column("base_version", Integer, nullable=False),
    Column("server_version", Integer, nullable=False),
    Column("client_fields", Text, nullable=False),  # {field: [old, new]} the client sent
    Column("server_fields", Text, nullable=False),  # {field: value} the server kept
    Column("status", String(20), nullable=False, default="open"),
    # Filled by the one `resolve` mutation that closed it (migration s0003): who decided, what they chose
    # (server / client / value) and which mutation, so a replay is recognised and the audit can follow it.
    Column("resolved_by", String(120), nullable=True),
    Column("resolution", String(20), nullable=True),
    Column("resolution_mutation_id", Uuid, nullable=True),
    Index("ix_conflict_cell_seq", "cell_id", "server_seq"),
)

record_history = Table(  # every accepted version: audit and recovery
    "record_history", metadata,
    Column("id", _Seq, primary_key=True, autoincrement=True),
    Column("cell_id", Uuid, nullable=False, index=True),
    Column("entity", String(40), nullable=False),
    Column("entity_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("server_seq", BigInteger, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("device_id", Uuid, nullable=True),
    Column("mutation_id", Uuid, nullable=True),
    Column("fields", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_record_history_entity", "entity_id", "version"),
)

audit_chain = Table(  # the cells' audit entries as each device chained them (issue 15.3), append-only
    "audit_chain", metadata,
    Column("device_id", Uuid, primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("cell_id", Uuid, nullable=False, index=True),
    # The entry as the PC hashed it (models.audit.entry_digest): the time as its text, the record id as hex.
    Column("at", String(26), nullable=False),
    Column("who", String(120), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(32), nullable=False),
    Column("action", String(20), nullable=False),
    Column("before", Text, nullable=False),
    Column("after", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

# Finalised minutes and resolutions cannot change, whatever the code does (sync-security §2.6).
TRIGGERS_SQLITE = [
    f"""CREATE TRIGGER {t}_final_{op.lower()} BEFORE {op} ON {t} WHEN OLD.final_hash <> ''
        BEGIN SELECT RAISE(ABORT, 'immutable: finalised record'); END"""
    for t in ("minutes", "resolution") for op in ("UPDATE", "DELETE")
]
TRIGGERS_POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION forbid_final_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.final_hash <> '' THEN
           RAISE EXCEPTION 'immutable: finalised record' USING ERRCODE = 'check_violation';
         END IF;
         IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
         RETURN NEW;
       END $$""",
    *[f"""CREATE TRIGGER {t}_final BEFORE UPDATE OR DELETE ON {t}
          FOR EACH ROW EXECUTE FUNCTION forbid_final_change()""" for t in ("minutes", "resolution")],
]


def default_database_url(data_dir: Path) -> str:
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'server.sqlite3'}"


def make_engine(url: str, *, sqlite_synchronous: str = "FULL", pool_size: int = 10) -> Engine:
    if url.startswith("sqlite"):
        _private_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA synchronous={sqlite_synchronous}")
            cursor.execute("PRAGMA busy_timeout=60000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:
            # A push takes the write lock at BEGIN (SQLite's "cell lock"); reads get one snapshot.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write_lock") else "BEGIN")

        return engine
    engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size)
    _ping_when_idle(engine)
    return engine


def _private_file(url: str) -> None:
    """The database file (and so its -wal/-shm files, which SQLite creates with the same mode) readable by
    the server's user only: 0600."""
    import os

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    os.close(os.open(database, os.O_CREAT | os.O_RDWR, 0o600))
    os.chmod(database, 0o600)


IDLE_PING_SECONDS = 10.0


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use only when it sat idle a while (the database may have restarted
    meanwhile). ``pool_pre_ping`` would cost two extra round trips on every request under load, when the
    connections are always fresh; a connection that breaks mid-request still gets the pool invalidated and
    the client resends the same batch (5xx), as the protocol expects."""

    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection, record, _proxy) -> None:
        if time.monotonic() - record.info.get("idle_since", time.monotonic()) < IDLE_PING_SECONDS:
            return
        try:
            cursor = dbapi_connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
            dbapi_connection.rollback()
        except Exception as exc:  # any failure: drop this connection, the pool tries a fresh one
            raise DisconnectionError() from exc


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A single-statement read. On PostgreSQL in autocommit: no BEGIN and ROLLBACK round trips around it."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        yield conn


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes: on SQLite it takes the write lock at BEGIN, so it waits for a running
    push instead of failing with "database is locked" when its read snapshot turns stale."""
    with engine.connect() as raw:
        conn = raw.execution_options(write_lock=True)
        with conn.begin():
            yield conn


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("secretary_app.server") / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    cfg = alembic_config(engine)
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current != ScriptDirectory.from_config(cfg).get_current_head():
        command.upgrade(cfg, "head")
