"""Issue 14.1 on the client: ``become_new_device`` (what a restore from backup calls) makes the next sync
register a new device and send every waiting change under it; nothing is dropped."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from models.base import new_id
from models.members import Member
from models.sync_tables import SyncState
from secretary_app.server.db import RECORDS
from secretary_app.sync.service import become_new_device
from tests.sync.harness import World


def test_a_restored_backup_becomes_a_new_device_before_its_first_sync(tmp_path: Path) -> None:
    world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", probability=0.0)
    try:
        world.reset(1)
        box = world.clients["c0"]
        with box.store.transaction() as session:
            state = session.get(SyncState, 1)
            assert state is not None
            before = state.device_id
        world.edit("c0", lambda s, b: s.add(Member(id=new_id(), cell_id=b.store.cell_id, full_name="Đỗ Văn Khôi")))
        become_new_device(box.store)  # offline: only marked
        with box.store.transaction() as session:
            state = session.get(SyncState, 1)
            assert state is not None and state.device_id == before
        report = box.engine.sync()
        assert report.new_device and "máy tính riêng" in report.line()
        with box.store.transaction() as session:
            state = session.get(SyncState, 1)
            assert state is not None and state.device_id != before and not state.new_device
        with world.server.engine.connect() as conn:
            assert "Đỗ Văn Khôi" in conn.scalars(select(RECORDS["member"].c.full_name)).all()
        assert not box.engine.sync().new_device  # told once
        world.heal()
        assert not any(world.check_all().values())
    finally:
        world.close_clients()
        world.server.close()
