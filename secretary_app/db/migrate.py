"""Alembic migrations, run on start. The database file is backed up before any pending migration."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from secretary_app.db.backup import backup_database

log = logging.getLogger(__name__)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("secretary_app.db") / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def migrate(engine: Engine, *, backup_folder: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup made first, if any."""
    current, head = current_revision(engine), head_revision(engine)
    if current == head:
        return None
    made: Path | None = None
    database = engine.url.database
    if current is not None and backup_folder is not None and database and Path(database).exists():
        made = backup_database(Path(database), backup_folder, reason=f"before-{head}")
        log.info("Backed up %s to %s before migrating %s -> %s", database, made, current, head)
    command.upgrade(alembic_config(engine), "head")
    return made
