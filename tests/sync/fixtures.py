"""Server fixtures shared by tests/sync and tests/server: database URLs (SQLite file and a throwaway
PostgreSQL cluster), an in-process server with cheap argon2, and helpers to make users and clients.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles
from fastapi import FastAPI
from sqlalchemy import create_engine, delete, text

from secretary_app.server.__main__ import create_cell, create_user
from secretary_app.server.app import ServerConfig, create_app
from secretary_app.server.bridge import ASGIBridge
from secretary_app.server.db import TRIGGERS_SQLITE, metadata
from secretary_app.server.service import SyncService

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PASSWORD = "mật-khẩu-đủ-dài-2026"
HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)  # 0.2 ms instead of 344 ms (stack.md §8)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgCluster:
    folder: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return self.url(name)


def _as_postgres(*cmd: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)


@contextlib.contextmanager
def running_pg_cluster() -> Iterator[PgCluster]:
    """initdb as the postgres user, start on a free loopback port with fsync off, stop and delete after."""
    initdb = PG_BIN / "initdb"
    folder = Path(tempfile.mkdtemp(prefix="sync-pg-"))  # not under pytest's 0700 tmp folder
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    port = _free_port()
    subprocess.run(_as_postgres(str(initdb), "-D", str(data), "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                                "--no-sync", "-U", "postgres"), check=True, capture_output=True)
    subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "start",
                                "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                                      "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"),
                   check=True, capture_output=True)
    try:
        yield PgCluster(folder, port)
    finally:
        subprocess.run(_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"),
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throwaway cluster (stack.md §8). Skipped only off CI when the binaries are missing."""
    if not (PG_BIN / "initdb").exists():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries missing in CI: scripts/dev.sh installs the postgresql package")
        pytest.skip("PostgreSQL binaries not installed")
    with running_pg_cluster() as cluster:
        yield cluster


def database_url(kind: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'server.sqlite3'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


@dataclass
class Server:
    """An in-process server: the app, its engine, a transport to it, and a settable clock."""

    url: str
    app: FastAPI
    bridge: ASGIBridge
    offset: dt.timedelta = field(default_factory=dt.timedelta)
    cells: dict[str, uuid.UUID] = field(default_factory=dict)

    @property
    def engine(self):
        return self.app.state.engine

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    def cell(self, name: str, superior: str = "Đảng bộ phường Hoàn Kiếm") -> uuid.UUID:
        self.cells[name] = create_cell(self.engine, name, superior)
        return self.cells[name]

    def user(self, username: str, role: str, *cells: str) -> None:
        create_user(self.engine, HASHER, username, role, PASSWORD, list(cells))

    def wipe(self) -> None:
        """Empty every table between histories (finalised rows too: TRUNCATE / triggers dropped first)."""
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":
                conn.execute(text("TRUNCATE " + ", ".join(t.name for t in metadata.sorted_tables)))
            else:
                for table in ("minutes", "resolution"):
                    for op in ("update", "delete"):
                        conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_final_{op}"))
                for table in reversed(metadata.sorted_tables):
                    conn.execute(delete(table))
                for statement in TRIGGERS_SQLITE:
                    conn.execute(text(statement))
        self.cells.clear()

    def close(self) -> None:
        self.bridge.stop()
        self.engine.dispose()


def make_server(url: str, *, service_class: type[SyncService] = SyncService,
                hooks=None, **settings) -> Server:
    """``settings``: further ServerConfig fields (trusted_proxies, refresh_grace…)."""
    holder: dict[str, Server] = {}
    config = ServerConfig(database_url=url, hasher=HASHER, clock=lambda: holder["s"].now(),
                          sqlite_synchronous="OFF", **settings)
    app = create_app(config, hooks=hooks, service_class=service_class)
    server = Server(url, app, ASGIBridge(app))
    holder["s"] = server
    return server
