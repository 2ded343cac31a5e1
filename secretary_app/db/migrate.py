"""Alembic migrations, run on start. The database file is backed up before any pending migration.

Start-up checks the stored revision against ``HEAD_REVISION`` with one query and imports alembic only
when there is work to do: alembic and its script directory cost ~90 ms, a third of the start-up time.
``tests/models/test_schema.py`` keeps ``HEAD_REVISION`` (db/revision.py) equal to alembic's own head.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from secretary_app.db.backup import backup_database
from secretary_app.db.crypto import DbKey
from secretary_app.db.revision import HEAD_REVISION
from secretary_app.errors import UserError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

__all__ = ["HEAD_REVISION", "current_revision", "head_revision", "migrate"]


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("secretary_app.db") / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DatabaseError as exc:
            if "no such table" in str(exc) or "does not exist" in str(exc):
                return None
            raise


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def migrate(engine: Engine, *, backup_folder: Path | None = None, key: DbKey | None = None,
            database_file: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup made first, if any."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    from alembic import command
    from alembic.util.exc import CommandError

    made: Path | None = None
    database = str(database_file) if database_file else engine.url.database  # an encrypted engine has no URL path
    if current is not None and backup_folder is not None and database and Path(database).exists():
        made = backup_database(Path(database), backup_folder, reason=f"before-{HEAD_REVISION}", key=key)
        log.info("Backed up %s to %s before migrating %s -> %s", database, made, current, HEAD_REVISION)
    try:
        command.upgrade(alembic_config(engine), "head")
    except CommandError as exc:
        raise UserError(
            f"Cơ sở dữ liệu ở phiên bản \"{current}\", phiên bản chương trình này không đọc được (có thể do "
            "một bản Sổ tay Bí thư mới hơn tạo ra). Hãy cập nhật chương trình; dữ liệu không bị thay đổi."
        ) from exc
    return made
