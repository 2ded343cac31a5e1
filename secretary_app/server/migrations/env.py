"""Alembic environment of the server database; the engine is handed in by secretary_app.server.db."""

from __future__ import annotations

from alembic import context

from secretary_app.server.db import metadata

config = context.config


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
