"""A change the server refuses, followed on the same PC by an edit of the same record that the server
accepts. Found by the fault test (a history shrunk to six steps): the PC finalised its minutes, the server
refused the seal, the PC then added a line; the refusal's answer put the server's whole record back here,
the accepted edit's answer ("applied", which carries no fields) then left the added line out, and the PC
and the server held different texts under the same version for ever. Whether the edit is answered in the
same batch or waits in the outbox for a later one, the PC must end with the server's record."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from models.base import new_id
from models.meetings import Meeting, Minutes
from models.sync_tables import RejectedInbox
from secretary_app.server.db import RECORDS
from tests.sync.harness import World


@pytest.mark.parametrize("batch_size", [4, 1], ids=["same-batch", "edit-waiting"])
def test_a_refused_seal_then_an_added_line_leaves_the_pc_as_the_server(batch_size: int, tmp_path: Path) -> None:
    world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", probability=0.0)
    try:
        world.reset(1)
        pc = world.clients["c0"]

        def write(session, box):  # type: ignore[no-untyped-def]
            meeting = session.scalars(select(Meeting)).one()
            session.add(Minutes(id=new_id(), cell_id=box.store.cell_id, meeting_id=meeting.id, body="Khai mạc"))

        world.edit("c0", write)
        pc.engine.sync()
        # A seal that is not the hash of what the server holds (sync-security: the server recomputes it).
        world.edit("c0", lambda s, b: setattr(s.scalars(select(Minutes)).one(), "final_hash", "0" * 64))
        world.edit("c0", lambda s, b: setattr(s.scalars(select(Minutes)).one(), "body", "Khai mạc\nBế mạc"))
        pc.engine.batch_size = batch_size
        report = pc.engine.sync()

        assert report.rejected == 1
        with pc.store.transaction() as session:
            here = session.scalars(select(Minutes)).one()
            mine = (here.version, here.body, here.final_hash)
            refused = session.scalars(select(RejectedInbox)).one()
        with world.server.engine.connect() as conn:
            table = RECORDS["minutes"]
            there = conn.execute(select(table.c.version, table.c.body, table.c.final_hash)).one()
        assert tuple(there) == (2, "Khai mạc\nBế mạc", "")  # the line accepted, the seal refused
        assert mine == tuple(there)
        assert refused.error_code == "invalid_hash"
        world.heal()
        assert not any(world.check_all().values())
    finally:
        world.close_clients()
        world.server.close()


def test_a_copied_folder_drops_a_create_the_server_refused_to_the_first_pc(tmp_path: Path) -> None:
    """Found by the fault test: a data folder copied with a create in its outbox; the server refuses the
    create from the first PC, whose row then leaves it. The copy becomes a new device and sends the same
    change again; the server answers "duplicate" (with the refusal's code) and the copy kept the row, at
    version 0 and with nothing queued, on that PC only, for ever. It must drop it and keep the change in
    its rejected inbox, as the first PC did."""
    world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", probability=0.0)
    try:
        world.reset(1)

        def write(session, box):  # type: ignore[no-untyped-def]
            meeting = session.scalars(select(Meeting)).one()
            session.add(Minutes(id=new_id(), cell_id=box.store.cell_id, meeting_id=meeting.id, body="Khai mạc",
                                final_hash="0" * 64))  # a seal that is not the hash of the content: refused

        world.edit("c0", write)
        world.copy_data_folder("c0", "c3")
        for name, title in (("c0", "Sinh hoạt tháng 11"), ("c3", "Sinh hoạt chuyên đề")):  # each PC edits on
            world.edit(name, lambda s, b, title=title: setattr(s.scalars(select(Meeting)).one(), "title", title))
        assert world.clients["c0"].engine.sync().rejected == 1
        report = world.clients["c3"].engine.sync()

        assert report.new_device and report.rejected == 1
        for name in ("c0", "c3"):
            with world.clients[name].store.transaction() as session:
                assert session.scalars(select(Minutes)).all() == []  # the refused row left both PCs
                assert [r.error_code for r in session.scalars(select(RejectedInbox))] == ["invalid_hash"]
        world.heal()
        assert not any(world.check_all().values())
    finally:
        world.close_clients()
        world.server.close()
