"""The open database of one cell: engine, sessions, the acting user, and one-transaction units of work.

Services take a ``Store`` and do each call in one ``store.transaction()``; they return plain records
(never ORM objects), so the UI can hold them across threads.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

import models.schema  # noqa: F401  (every table, so foreign keys resolve whichever services a process imports)
from models.audit import AuditEntry
from models.cell import Cell
from secretary_app.changes import Changes
from secretary_app.db.engine import make_engine, make_session_factory
from secretary_app.db.migrate import migrate
from secretary_app.errors import UserError
from secretary_app.paths import AppPaths
from secretary_app.sync.outbox import install_outbox_hook

log = logging.getLogger(__name__)

__all__ = ["Changes", "Store"]


class Store:
    def __init__(self, paths: AppPaths, *, actor: str = "local") -> None:
        self.paths = paths.ensure()
        self.actor = actor
        try:
            self.engine = make_engine(paths.database)
            self.last_backup = migrate(self.engine, backup_folder=paths.backups)
        except DatabaseError as exc:
            raise UserError(
                f"Không mở được cơ sở dữ liệu {paths.database}. Tệp có thể bị hỏng hoặc ổ đĩa đầy. "
                f"Hãy khôi phục từ bản sao lưu trong thư mục {paths.backups}. Chi tiết: {exc.orig}"
            ) from exc
        self._sessions = make_session_factory(self.engine)
        install_outbox_hook(self._sessions)  # every edit writes its outbox rows in the same transaction
        self._cell_id: uuid.UUID | None = None
        self._local = threading.local()  # the open session of each thread, for nested transactions

    @property
    def database_path(self) -> Path:
        return self.paths.database

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error; nothing half-written."""
        current = getattr(self._local, "session", None)
        if current is not None:
            # Nested call on the same thread (a service calling another): join the open unit of work.
            # A second connection would wait for this one's write lock until "database is locked".
            yield current
            return
        if self._cell_id is None:
            self._cell_id = self._read_cell_id()
        with self._sessions.begin() as session:
            self._local.session = session
            try:
                yield session
            finally:
                self._local.session = None

    def _read_cell_id(self) -> uuid.UUID | None:
        current = getattr(self._local, "session", None)
        if current is not None:  # inside a unit of work (the demo cell is made in one): it sees its own cell
            return current.scalar(select(Cell.id).where(Cell.deleted.is_(False)).limit(1))
        with self._sessions.begin() as session:
            return session.scalar(select(Cell.id).where(Cell.deleted.is_(False)).limit(1))

    @property
    def cell_id(self) -> uuid.UUID:
        """The id of this database's cell; a UserError tells the caller to run the set-up first."""
        if self._cell_id is None:
            self._cell_id = self._read_cell_id()
        if self._cell_id is None:
            raise UserError("Chưa có thông tin chi bộ. Hãy chạy bước thiết lập ban đầu hoặc mở chi bộ mẫu.")
        return self._cell_id

    def has_cell(self) -> bool:
        try:
            self.cell_id  # noqa: B018 - the property loads and caches it
        except UserError:
            return False
        return True

    def forget_cell(self) -> None:
        self._cell_id = None

    def audit(self, session: Session, entity: str, entity_id: uuid.UUID, action: str,
              before: dict | None = None, after: dict | None = None) -> None:
        session.add(AuditEntry(
            cell_id=self._cell_id, who=self.actor, entity=entity, entity_id=entity_id, action=action,
            before=json.dumps(before or {}, ensure_ascii=False, default=str),
            after=json.dumps(after or {}, ensure_ascii=False, default=str),
        ))

    def close(self) -> None:
        self.engine.dispose()
