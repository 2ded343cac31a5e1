"""Storage: the SQLite engine, migrations (alembic) and backups."""
