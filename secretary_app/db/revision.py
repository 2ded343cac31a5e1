"""The schema revision this code expects; kept equal to alembic's head by tests/models/test_schema.py."""

HEAD_REVISION = "0008_outbox_bulk"


def known_revision(revision: str) -> bool:
    """True when this program's migrations know ``revision``: the current schema or an older one that
    a migration brings up to date. A newer program's revision is unknown."""
    from importlib import resources

    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    scripts = ScriptDirectory(str(resources.files("secretary_app.db") / "migrations"))
    try:
        return scripts.get_revision(revision) is not None
    except CommandError:
        return False
