"""A quick look into the database file with the standard library, before SQLAlchemy is even imported.

The GUI uses it to decide, in a few milliseconds, whether to show the main window at once (a cell is
set up and the schema is current) or to take the slow path (first run, or a migration to do).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from secretary_app.db.crypto import connect, is_encrypted, key_for
from secretary_app.db.revision import HEAD_REVISION


def ready_with_cell(database: Path) -> bool:
    """True when the file exists, is at the expected schema revision and holds a cell."""
    if not database.exists():
        return False
    try:
        if is_encrypted(database):  # the same look through SQLCipher, when the key is at hand without asking
            conn = connect(database, key_for(database), readonly=True, timeout=2)
        else:
            conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=2)
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD_REVISION:
                return False
            return conn.execute("SELECT 1 FROM cell WHERE deleted = 0 LIMIT 1").fetchone() is not None
        finally:
            conn.close()
    except Exception:  # sqlite3's or sqlcipher3's errors, or no key: the slow path opens it properly and explains
        return False
