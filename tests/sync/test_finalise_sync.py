"""Issue 14.5 end to end: a meeting finalised in the app (services.minutes.finalise_meeting) is accepted by
the server, which recomputes the hash from the rows it received (SQLite and PostgreSQL); the other PC's
later edit of a sealed child goes to its rejected inbox, nothing lost."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from models.base import new_id
from models.meetings import AgendaItem, Attendance, Meeting, Minutes, Speech, Vote
from models.members import Member, MemberEvent
from models.sync_tables import RejectedInbox
from secretary_app.server.db import RECORDS
from secretary_app.services.minutes import finalise_meeting
from tests.sync.fixtures import database_url
from tests.sync.harness import World


@pytest.mark.parametrize("server_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_a_meeting_finalised_in_the_app_is_sealed_on_the_server(server_kind: str, request: pytest.FixtureRequest,
                                                                tmp_path: Path) -> None:
    world = World(tmp_path, database_url(server_kind, request, tmp_path), probability=0.0)
    try:
        world.reset(1)
        ids: dict[str, uuid.UUID] = {}

        def prepare(session, box):
            meeting = session.scalars(select(Meeting)).first()
            chair = Member(id=new_id(), cell_id=box.store.cell_id, full_name="Nguyễn Văn Hùng",
                           admission_decision_date=dt.date(2000, 1, 1), official_date=dt.date(2001, 1, 1))
            session.add(chair)
            session.flush()
            for kind, day in (("admission", dt.date(2000, 1, 1)), ("recognition", dt.date(2001, 1, 1))):
                # an official member on the meeting day: the one attendance model reads the roll from events
                session.add(MemberEvent(id=new_id(), cell_id=box.store.cell_id, member_id=chair.id, kind=kind,
                                        event_date=day))
            meeting.state, meeting.chair_id, meeting.recorder_id, meeting.place = "held", chair.id, chair.id, "Nhà văn hóa"
            item = AgendaItem(id=new_id(), cell_id=box.store.cell_id, meeting_id=meeting.id, position=1,
                              title="Đánh giá tháng", gist="Hoàn thành")
            session.add(item)
            session.flush()
            session.add(Speech(id=new_id(), cell_id=box.store.cell_id, agenda_item_id=item.id, position=1,
                               speaker_id=chair.id, speaker_name=chair.full_name, opinion="Nhất trí"))
            ids["attendance"] = uuid.uuid5(meeting.id, str(chair.id))
            session.add(Attendance(id=ids["attendance"], cell_id=box.store.cell_id, meeting_id=meeting.id,
                                   member_id=chair.id, status="present"))
            session.add(Vote(id=new_id(), cell_id=box.store.cell_id, meeting_id=meeting.id, subject="Nghị quyết",
                             yes=1, no=0, abstain=0, base=1, passed=True))
            session.add(Minutes(id=new_id(), cell_id=box.store.cell_id, meeting_id=meeting.id, body="Khai mạc"))
            ids["meeting"] = meeting.id

        world.edit("c0", prepare)
        world.clients["c0"].engine.sync()
        world.clients["c1"].engine.sync()
        finalise_meeting(world.clients["c0"].store, ids["meeting"])
        report = world.clients["c0"].engine.sync()
        assert report.rejected == 0
        with world.clients["c0"].store.transaction() as session:
            sealed = session.scalars(select(Minutes.final_hash)).one()
        with world.server.engine.connect() as conn:
            assert conn.scalars(select(RECORDS["minutes"].c.final_hash)).all() == [sealed] != [""]
        # PC 2 had not heard of it and changes the attendance: refused, kept in its rejected inbox.
        world.edit("c1", lambda s, b: setattr(s.get(Attendance, ids["attendance"]), "status", "absent"))
        world.clients["c1"].engine.sync()
        world.heal()
        with world.clients["c1"].store.transaction() as session:
            refused = session.scalars(select(RejectedInbox)).one()
            assert (refused.entity, refused.error_code) == ("attendance", "immutable")
            mark = session.get(Attendance, ids["attendance"])
            assert mark is not None and mark.status == "present"  # back to the sealed value
        assert not any(world.check_all().values())
    finally:
        world.close_clients()
        world.server.close()
