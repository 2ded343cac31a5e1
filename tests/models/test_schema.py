import datetime as dt
import sqlite3
import unicodedata
import uuid

from sqlalchemy import inspect, select

from models.members import Member
from models.schema import SYNCED_TABLES, Base
from secretary_app.db.engine import make_engine
from secretary_app.db.migrate import HEAD_REVISION, current_revision, head_revision, migrate


def test_migration_creates_every_table_of_the_model(tmp_path):
    engine = make_engine(tmp_path / "db.sqlite3")
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert current_revision(engine) == head_revision(engine) == HEAD_REVISION


def test_every_synced_table_has_the_sync_columns(tmp_path):
    for table in SYNCED_TABLES:
        columns = set(table.__table__.columns.keys())
        assert {"id", "cell_id", "version", "server_seq", "deleted", "updated_at", "updated_by"} <= columns


def test_sqlite_runs_in_wal_with_full_sync(tmp_path):
    engine = make_engine(tmp_path / "db.sqlite3")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_names_are_stored_nfc_with_a_search_key(store):
    decomposed = unicodedata.normalize("NFD", "Đỗ Thị Hường")
    with store.transaction() as session:
        session.add(Member(cell_id=uuid.uuid4(), full_name=decomposed,
                           residence=unicodedata.normalize("NFD", "phố Hàng Bạc")))
    with store.transaction() as session:
        member = session.scalar(select(Member))
        assert member.full_name == "Đỗ Thị Hường"
        assert member.residence == "phố Hàng Bạc"
        assert member.search_key == "do thi huong"
        assert member.id.version == 7  # UUIDv7 made on the client


def test_migrating_an_old_database_backs_it_up_first(tmp_path):
    path = tmp_path / "db.sqlite3"
    engine = make_engine(path)
    migrate(engine)
    # Pretend the file is at an older revision: the next start must copy it before upgrading.
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'older'")
        conn.exec_driver_sql("DROP TABLE attachment")
    backups = tmp_path / "backups"
    calls = []
    import alembic.command

    original = alembic.command.upgrade
    alembic.command.upgrade = lambda cfg, rev: calls.append(rev)  # type: ignore[misc]  # a stand-in that records the call
    try:
        made = migrate(engine, backup_folder=backups)
    finally:
        alembic.command.upgrade = original
    assert made is not None and made.exists()
    assert calls == ["head"]
    copy = sqlite3.connect(made)
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("older",)
    copy.close()


def test_dates_are_dates(demo_store):
    with demo_store.transaction() as session:
        member = session.scalar(select(Member).limit(1))
        assert isinstance(member.birth_date, dt.date)


def test_outbox_rows_waiting_before_0008_count_as_one_change_each(tmp_path):
    """A PC updated with changes still unsent: after the migration that lets one outbox row stand for many
    (dues generation), each row it had counts as one, and the Sync page's count is unchanged."""
    import alembic.command

    from secretary_app.db.migrate import alembic_config
    from secretary_app.sync.outbox import pending_changes

    engine = make_engine(tmp_path / "db.sqlite3")
    alembic.command.upgrade(alembic_config(engine), "0007_audit_chain")
    with engine.begin() as conn:
        for _ in range(3):
            conn.exec_driver_sql(
                "INSERT INTO outbox (mutation_id, entity, entity_id, op, base_version, fields, schema_version, status, "
                "attempts, last_error, created_at) VALUES (?, 'member', ?, 'update', 1, '{}', 4, 'pending', 0, '', "
                "'2026-11-30 08:00:00')", (uuid.uuid4().hex, uuid.uuid4().hex))
    migrate(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT records FROM outbox").scalars().all() == [1, 1, 1]
        assert conn.scalar(pending_changes()) == 3
