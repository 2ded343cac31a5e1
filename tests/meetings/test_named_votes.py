"""Named votes: the counted ballots are kept with the tally, and the minutes list who voted how — only
when the secretary chose a named vote."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from exporters import Paragraph
from models.audit import AuditEntry
from secretary_app.documents.minutes import item_blocks
from secretary_app.errors import ReadOnlyError
from secretary_app.services import documents, meetings, votes
from secretary_app.services import meeting_attendance as att
from secretary_app.services import minutes as mn


def _text(blocks) -> list[str]:
    return ["".join(run.text for run in b.runs) for b in blocks if isinstance(b, Paragraph)]


def _item_votes(store, meeting_id):
    with store.transaction() as session:
        record = documents.meeting_record(session, store.cell_id, meeting_id)
    return next(item for item in record.agenda if item.votes)


def test_named_ballots_are_stored_and_listed_in_the_minutes(store, worked_cell):
    item_id = mn.minutes_view(store, worked_cell.meeting_id).items[0].id
    ballots = {m: "yes" for m in reversed(worked_cell.official[:18])}  # handed in out of order
    ballots |= {worked_cell.official[18]: "no", worked_cell.official[19]: "abstain"}
    ballots |= {worked_cell.probationary[0]: "no"}  # no vote: dropped, and not listed
    row, _ = votes.record_named_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết", "resolution",
                                     ballots, agenda_item_id=item_id)
    assert (row.yes, row.no, row.abstain, row.ignored_probationary, row.passed) == (18, 1, 1, 1, True)
    [stored] = votes.list_votes(store, worked_cell.meeting_id)
    assert [b.member_id for b in stored.ballots] == list(worked_cell.official)  # the roll's order
    assert {b.choice for b in stored.ballots if b.member_id == worked_cell.official[18]} == {"no"}

    item = _item_votes(store, worked_cell.meeting_id)
    names = dict(item.votes[0].named)
    no_name = next(b.name for b in stored.ballots if b.choice == "no")
    assert len(names) == 20 and names[no_name] == "no"
    lines = _text(item_blocks(1, item))
    assert "Biểu quyết ghi danh:" in lines
    assert f"- Không tán thành: đồng chí {no_name}." in lines
    assert next(line for line in lines if line.startswith("- Tán thành:")).count("đồng chí") == 18


def test_show_of_hands_lists_no_names_and_a_correction_by_counts_drops_the_list(store, worked_cell):
    item_id = mn.minutes_view(store, worked_cell.meeting_id).items[0].id
    row, _ = votes.record_named_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết", "resolution",
                                     {m: "yes" for m in worked_cell.official}, agenda_item_id=item_id)
    assert len(row.ballots) == 20
    corrected, _ = votes.record_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết", "resolution", 19, 1, 0,
                                     agenda_item_id=item_id, vote_id=row.id)
    assert corrected.ballots == ()
    item = _item_votes(store, worked_cell.meeting_id)
    assert item.votes[0].named == ()
    lines = _text(item_blocks(1, item))
    assert "Biểu quyết ghi danh:" not in lines and not any("đồng chí Nguyễn" in line for line in lines)


def test_the_named_vote_list_is_who_is_present_and_in_the_base(store, worked_cell):
    sheet = att.attendance_sheet(store, worked_cell.meeting_id)
    assert {r.member_id for r in sheet.voters} == set(worked_cell.official)  # not away, exempt, probationary
    assert [r.member_id for r in sheet.voters] == [r.member_id for r in sheet.rows if r.member_id in
                                                   worked_cell.official]  # the roll's (name) order
    assert sheet.probationary_present == 3
    assert len(sheet.voters) == sheet.base.eligible_present


def test_a_deleted_vote_leaves_the_list_and_the_minutes_and_restore_brings_it_back(store, worked_cell):
    row, _ = votes.record_named_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết", "resolution",
                                     {m: "yes" for m in worked_cell.official})
    votes.delete_vote(store, row.id)
    assert votes.list_votes(store, worked_cell.meeting_id) == []
    votes.restore_vote(store, row.id)
    [back] = votes.list_votes(store, worked_cell.meeting_id)
    assert (back.id, back.yes, len(back.ballots)) == (row.id, 20, 20)  # the names come back too
    with store.transaction() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == row.id)
                                  .order_by(AuditEntry.id)).all()
    assert actions == ["record", "delete", "restore"]


def test_a_finalised_meetings_votes_cannot_be_deleted(demo_store):
    final = next(m for m in meetings.list_meetings(demo_store) if m.state == "final")
    [vote] = votes.list_votes(demo_store, final.id)
    with pytest.raises(ReadOnlyError):
        votes.delete_vote(demo_store, vote.id)
    assert votes.list_votes(demo_store, final.id) == [vote]
