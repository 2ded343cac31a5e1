"""The local SQLite engine: WAL, synchronous=FULL (office PCs lose power), foreign keys on."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from secretary_app.db.crypto import DbKey


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # We issue BEGIN ourselves (below), so the driver must not start transactions of its own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url_or_path: str | Path, key: DbKey | None = None) -> Engine:
    """An engine for a database file path (encrypted with ``key`` when given) or a full SQLAlchemy URL."""
    url = str(url_or_path)
    if key is not None:
        from secretary_app.db import crypto

        path = Path(url_or_path)
        engine = create_engine("sqlite://", module=crypto._module(), future=True,
                               creator=lambda: crypto.connect(path, key, check_same_thread=False))
    else:
        if "://" not in url:
            url = f"sqlite:///{Path(url_or_path)}"
        engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
    return engine


def _begin_immediate(connection) -> None:
    """Take the write lock when a transaction starts. A deferred transaction that reads first and writes
    later fails with SQLITE_BUSY_SNAPSHOT if another writer committed in between (WAL); taking the lock
    up front makes concurrent writers wait their turn (busy_timeout) instead, e.g. two PCs' worth of
    jobs numbering documents at once."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
