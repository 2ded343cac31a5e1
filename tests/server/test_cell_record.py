"""The cell's details as a synced record (issue 16.1): `create-cell` writes them, a server made before that
gets them from migration s0006, and hello does not count them as data a PC must be asked about."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, insert, select

from secretary_app.server.__main__ import main
from secretary_app.server.db import RECORDS, alembic_config, cell_sync_state, make_engine, migrate
from secretary_app.sync.codec import digest_hex, record_hash


def test_create_cell_writes_the_cells_details_as_a_record(tmp_path: Path) -> None:
    data = tmp_path / "srv"
    assert main(["--data-dir", str(data), "create-cell", "--name", "Chi bộ Tổ dân phố số 5", "--superior",
                 "Đảng bộ phường Hoàn Kiếm", "--place", "Hoàn Kiếm", "--region", "2", "--type", "agency",
                 "--term-start", "20/08/2025"]) == 0
    engine = create_engine(f"sqlite:///{data / 'server.sqlite3'}")
    with engine.connect() as conn:
        state = conn.execute(select(cell_sync_state)).mappings().one()
        row = conn.execute(select(RECORDS["cell"])).mappings().one()
    assert row["id"] == row["cell_id"] == state["cell_id"]
    assert (row["name"], row["superior_name"], row["place_name"], row["wage_region"], row["cell_type"],
            row["term_start"], row["version"], row["server_seq"]) == (
        "Chi bộ Tổ dân phố số 5", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 2, "agency", dt.date(2025, 8, 20), 1, 1)
    assert state["server_seq"] == 1 and state["digest"] == digest_hex(record_hash("cell", row["id"], 1))
    engine.dispose()


def test_migration_s0006_gives_older_cells_their_record(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), "s0004_hardening")  # a server from before the cell record
    cell_id = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(insert(cell_sync_state).values(cell_id=cell_id, name="Chi bộ 7", superior_name="Đảng bộ phường",
                                                    server_seq=0, epoch=uuid.uuid4(), digest="0" * 64,
                                                    created_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    migrate(engine)
    with engine.connect() as conn:
        state = conn.execute(select(cell_sync_state)).mappings().one()
        row = conn.execute(select(RECORDS["cell"])).mappings().one()
    assert (row["id"], row["name"], row["superior_name"], row["term_start"]) == (
        cell_id, "Chi bộ 7", "Đảng bộ phường", dt.date(2026, 1, 1))
    assert state["server_seq"] == row["server_seq"] == 1
    assert state["digest"] == digest_hex(record_hash("cell", cell_id, 1))
    engine.dispose()
