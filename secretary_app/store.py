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
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

import models.schema  # noqa: F401  (every table, so foreign keys resolve whichever services a process imports)
from models.audit import GENESIS, AuditEntry, entry_digest, stamp
from models.base import utcnow
from models.cell import Cell
from secretary_app.changes import Changes
from secretary_app.db import crypto, health
from secretary_app.db.backup import replace_database, take_daily
from secretary_app.db.engine import make_engine, make_session_factory
from secretary_app.db.migrate import migrate
from secretary_app.errors import UserError
from secretary_app.paths import AppPaths
from secretary_app.sync.outbox import install_outbox_hook

if TYPE_CHECKING:
    from secretary_app.services.encryption import Encrypted

log = logging.getLogger(__name__)

__all__ = ["Changes", "Store"]


class Store:
    def __init__(self, paths: AppPaths, *, actor: str = "local", daily_backups: tuple[int, int] = (7, 12)) -> None:
        """Open (creating or migrating) the database. ``daily_backups`` is (days, months) of automatic
        backups to keep; (0, 0) takes none."""
        self.paths = paths.ensure()
        self.actor = actor
        self._local = threading.local()  # the open session of each thread, for nested transactions
        self._open()
        self.daily_backup: Path | None = None
        if any(daily_backups):
            try:
                self.daily_backup = take_daily(paths.database, paths.backups, daily=daily_backups[0],
                                               monthly=daily_backups[1], key=self.key)
            except UserError:
                log.warning("The daily backup could not be made", exc_info=True)  # opening still goes on

    def _open(self) -> None:
        paths = self.paths
        self.key = crypto.key_for(paths.database)  # None for a plain database
        health.check_file(paths.database, paths.backups, self.key)  # a corrupt file is refused before any write
        try:
            self.engine = make_engine(paths.database, self.key)
            health.check_connection(self.engine, paths.database)
            self.last_backup = migrate(self.engine, backup_folder=paths.backups, key=self.key,
                                       database_file=paths.database)
        except DatabaseError as exc:
            raise health.damaged(paths.database, paths.backups, str(exc.orig), self.key) from exc
        self._sessions = make_session_factory(self.engine)
        install_outbox_hook(self._sessions)  # every edit writes its outbox rows in the same transaction
        self._cell_id: uuid.UUID | None = None

    def encrypt(self, passphrase: str = "") -> Encrypted:
        """Encrypt this plain database (services/encryption.py) and reopen on it."""
        from secretary_app.services.encryption import encrypt_folder

        self.engine.dispose()
        try:
            return encrypt_folder(self.paths, passphrase)
        finally:
            if passphrase:
                crypto.use_passphrase(passphrase)
            self._open()

    def restore_from(self, backup: Path) -> Path | None:
        """Replace this database with ``backup``: the file is checked first (it must be a readable backup
        of this or an older version), the current database is backed up ("before-restore"), then the
        backup's pages are written over it and the store reopens on them. Returns the before-restore copy."""
        from secretary_app.sync.service import become_new_device

        self.engine.dispose()
        try:
            before = replace_database(backup, self.paths.database, self.paths.backups, key=self.key,
                                      backup_key=self.key)
        finally:
            self._open()
        become_new_device(self)  # what the backup had waiting is sent again under a new device id
        return before

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
        try:
            with self._sessions.begin() as session:
                self._local.session = session
                try:
                    yield session
                finally:
                    self._local.session = None
        except OperationalError as exc:
            if health.is_disk_full(exc):  # the transaction rolled back: nothing of it was written
                raise UserError(
                    "Ổ đĩa đã đầy nên thay đổi vừa rồi chưa được lưu. Những gì đã lưu trước đó vẫn nguyên vẹn. "
                    "Hãy xóa bớt tệp không cần hoặc chuyển thư mục dữ liệu sang ổ khác, rồi làm lại."
                ) from exc
            raise

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
        """Append an entry to the chained audit trail (models/audit.py). Transactions take the write lock
        when they begin, so the last entry read here is the last one in the file."""
        last = session.execute(select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.seq.is_not(None))
                               .order_by(AuditEntry.seq.desc()).limit(1)).first()
        seq, prev = ((last[0] or 0) + 1, last[1]) if last else (1, GENESIS)  # seq is never NULL here
        entry = AuditEntry(cell_id=self._cell_id, at=utcnow().replace(tzinfo=None), who=self.actor, entity=entity,
                           entity_id=entity_id, action=action,
                           before=json.dumps(before or {}, ensure_ascii=False, default=str),
                           after=json.dumps(after or {}, ensure_ascii=False, default=str), seq=seq, prev_hash=prev)
        # Hashed from the entry's own attributes: the mapper has NFC-normalised the texts on set.
        entry.hash = entry_digest(seq, stamp(entry.at), entry.who, entity, entity_id.hex, action, entry.before,
                                  entry.after, prev)
        session.add(entry)

    def close(self) -> None:
        self.engine.dispose()
