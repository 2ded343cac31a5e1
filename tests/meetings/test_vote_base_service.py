"""The worked numbers of documents.md §5.4, through the meeting services (attendance as recorded for the
meeting, base computed by the service, votes recorded by the service): 23 official − 2 temporarily
transferred − 1 exempt and absent = 20; resolution needs 11, admission 14; probationary votes never count."""

from __future__ import annotations

import pytest

from secretary_app.documents.records import Absence
from secretary_app.errors import ValidationFailed
from secretary_app.services import meeting_attendance as att
from secretary_app.services import votes
from secretary_app.settings import Settings, save_settings


def test_attendance_counts_and_base_for_the_worked_cell(store, worked_cell):
    sheet = att.attendance_sheet(store, worked_cell.meeting_id)
    c = sheet.counts
    assert (c.total, c.official, c.probationary, c.exempt, c.transferred_out) == (26, 23, 3, 1, 2)
    # The two away members are marked absent with the transfer as reason, the exempt one absent.
    assert (c.present, c.present_official, c.present_probationary) == (23, 20, 3)
    assert sheet.base.base == 20
    assert sheet.base.explanation() == ("23 đảng viên chính thức − 2 chuyển sinh hoạt tạm thời đi − "
                                        "1 miễn sinh hoạt và vắng mặt = 20")
    assert votes.vote_base(store, worked_cell.meeting_id).eligible_present == 20


@pytest.mark.parametrize(("yes", "passed"), [(11, True), (10, False)])
def test_resolution_needs_more_than_half_of_20(store, worked_cell, yes, passed):
    row, _ = votes.record_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết tháng 6", "resolution",
                               yes, 20 - yes, 0)
    assert (row.base, row.passed) == (20, passed)
    assert row.explanation.startswith(f"{yes}/20 tán thành")
    assert row.explanation.endswith("→ thông qua" if passed else "→ không thông qua")
    stored = votes.list_votes(store, worked_cell.meeting_id)
    assert [(v.yes, v.base, v.passed) for v in stored] == [(yes, 20, passed)]


@pytest.mark.parametrize(("yes", "passed"), [(14, True), (13, False)])
def test_admission_needs_two_thirds_of_20(store, worked_cell, yes, passed):
    row, _ = votes.record_vote(store, worked_cell.meeting_id, "Đề nghị kết nạp quần chúng Lê Thị Hoa",
                               "admission", yes, 20 - yes, 0)
    assert (row.base, row.passed) == (20, passed)
    assert ("≥ 2/3" if passed else "chưa đạt 2/3") in row.explanation


def test_probationary_named_votes_are_never_counted(store, worked_cell):
    ballots = {m: "yes" for m in worked_cell.official[:10]}  # 10 official yes: not enough on their own
    ballots |= {m: "no" for m in worked_cell.official[10:]}
    ballots |= {m: "yes" for m in worked_cell.probationary}  # would make 13 yes if counted
    row, _ = votes.record_named_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết", "resolution", ballots)
    assert (row.yes, row.no, row.base, row.ignored_probationary, row.passed) == (10, 10, 20, 3, False)


def test_more_ballots_than_voters_present_is_refused_and_nothing_is_saved(store, worked_cell):
    with pytest.raises(ValidationFailed, match="vượt quá số đảng viên chính thức có mặt"):
        votes.record_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết", "resolution", 21, 0, 0)
    assert votes.list_votes(store, worked_cell.meeting_id) == []


def test_ordinary_absence_setting_both_ways(store, worked_cell):
    """Two official members absent without reason: kept in the base by default (20), left out when the
    secretary turns the setting off (18)."""
    for member in worked_cell.official[:2]:
        att.set_attendance(store, worked_cell.meeting_id, member, "absent")
    sheet = att.attendance_sheet(store, worked_cell.meeting_id)
    assert (sheet.base.base, sheet.base.eligible_present) == (20, 18)
    row, _ = votes.record_vote(store, worked_cell.meeting_id, "Nghị quyết", "resolution", 10, 8, 0)
    assert (row.base, row.passed) == (20, False)

    save_settings(Settings(count_ordinary_absences_in_vote_base=False), store.paths.settings_file)
    sheet = att.attendance_sheet(store, worked_cell.meeting_id)
    assert (sheet.base.base, sheet.base.eligible_present) == (18, 18)
    assert "2 vắng mặt" in sheet.base.explanation()
    row, _ = votes.record_vote(store, worked_cell.meeting_id, "Nghị quyết", "resolution", 10, 8, 0,
                               vote_id=row.id)
    assert (row.base, row.passed) == (18, True)


def test_approved_absence_leaves_the_base_but_an_unapproved_one_stays(store, worked_cell):
    member = worked_cell.official[0]
    att.set_attendance(store, worked_cell.meeting_id, member, "absent_reason", "Đi công tác", approved=False)
    assert att.attendance_sheet(store, worked_cell.meeting_id).base.base == 20
    att.set_attendance(store, worked_cell.meeting_id, member, "absent_reason", "Đi công tác", approved=True)
    sheet = att.attendance_sheet(store, worked_cell.meeting_id)
    assert sheet.base.base == 19
    assert Absence("Nguyễn Văn An", "Đi công tác") in sheet.counts.absent_with_reason
