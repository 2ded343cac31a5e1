"""Issue 14.6 on the client: a local change the protocol's bounds refuse (here a 250,000-character minutes
body) goes to the rejected inbox with its data instead of blocking the queue with 422 for ever."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from models.base import new_id
from models.meetings import Meeting, Minutes
from models.members import Member
from models.sync_tables import RejectedInbox
from secretary_app.server.db import RECORDS
from tests.sync.harness import World


def test_a_change_beyond_the_bounds_is_kept_in_the_rejected_inbox_and_the_queue_goes_on(tmp_path: Path) -> None:
    world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", probability=0.0)
    try:
        world.reset(1)
        body = ("Khai mạc. " * 25_000).strip()

        def act(session, box):
            meeting = session.scalars(select(Meeting)).first()
            session.add(Minutes(id=new_id(), cell_id=box.store.cell_id, meeting_id=meeting.id, body=body))
            session.add(Member(id=new_id(), cell_id=box.store.cell_id, full_name="Đinh Thị Hoa"))

        world.edit("c0", act)
        report = world.clients["c0"].engine.sync()
        assert report.pushed >= 1
        with world.server.engine.connect() as conn:
            assert "Đinh Thị Hoa" in conn.scalars(select(RECORDS["member"].c.full_name)).all()
            assert conn.scalars(select(RECORDS["minutes"].c.id)).all() == []
        with world.clients["c0"].store.transaction() as session:
            refused = session.scalars(select(RejectedInbox)).one()
            assert (refused.entity, refused.error_code) == ("minutes", "invalid")
            assert json.loads(refused.fields)["body"][1] == body  # the data is kept
        assert world.pending(world.clients["c0"]) == 0
    finally:
        world.close_clients()
        world.server.close()
