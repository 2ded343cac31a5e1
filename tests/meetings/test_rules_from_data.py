"""The services apply the rule in force on the meeting day, read from the dated data: an entry added to a
copy of resources/rules changes the outcome of votes (and the duration warning) from its date only; the
expulsion kind and the "bị khởi tố, truy tố, tạm giam" mark work through the meeting services."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from secretary_app.errors import ValidationFailed
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import votes

JULY_MEETING = dt.datetime(2026, 7, 3, 8, 0)  # the worked cell's own meeting is on 05/06/2026


def add_entry(folder: Path, name: str, effective_from: str, **changes: object) -> None:
    """Append to ``name`` a copy of its latest entry, in force from ``effective_from``, with ``changes``."""
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = json.loads(json.dumps(data["entries"][-1]))
    entry["effective_from"] = effective_from
    entry["document"] = "Quy định thử (chỉ dùng trong kiểm thử)"
    for key, value in changes.items():
        if isinstance(entry[key], dict) and isinstance(value, dict):
            for sub, sub_value in value.items():
                entry[key][sub] = sub_value if not isinstance(entry[key][sub], dict) else {
                    **entry[key][sub], **sub_value}
        else:
            entry[key] = value
    data["entries"].append(entry)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def july_meeting(store) -> cycle.MeetingDetail:
    detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=JULY_MEETING, planned_minutes=120)
    att.confirm_roll(store, detail.id)  # everyone present but the 2 transferred away and the exempt member
    return detail


def test_an_edited_threshold_changes_the_outcome_from_its_date_only(store, worked_cell, rules_copy):
    # From 01/07/2026 (in this copy only) a resolution needs two thirds instead of more than half.
    add_entry(rules_copy, "vote_thresholds.json", "2026-07-01",
              thresholds={"resolution": {"threshold": "at_least_two_thirds"}})
    july = july_meeting(store)
    assert att.attendance_sheet(store, july.id).base.base == 20  # same roll, same base as in June

    june_row, _ = votes.record_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết tháng 6", "resolution",
                                    12, 8, 0)
    july_row, _ = votes.record_vote(store, july.id, "Thông qua nghị quyết tháng 7", "resolution", 12, 8, 0)
    # 12 of 20: more than half (June, old rule) but less than two thirds (July, new rule).
    assert june_row.passed and june_row.explanation == "12/20 tán thành (60,0%) > 1/2 → thông qua"
    assert not july_row.passed
    assert july_row.explanation == "12/20 tán thành (60,0%) chưa đạt 2/3 → không thông qua"
    # Read back, each keeps its outcome; the pickers and the named-vote dialog follow the same rule.
    assert [v.passed for v in votes.list_votes(store, worked_cell.meeting_id)] == [True]
    assert [v.passed for v in votes.list_votes(store, july.id)] == [False]
    assert votes.needed_to_pass("resolution", 20, JULY_MEETING.date()) == 14
    assert votes.needed_to_pass("resolution", 20, dt.date(2026, 6, 5)) == 11
    assert dict(votes.decision_choices(JULY_MEETING.date()))["resolution"] == (
        "Thông qua nghị quyết, kết luận (ít nhất 2/3)")
    assert dict(votes.decision_choices(dt.date(2026, 6, 5)))["resolution"] == (
        "Thông qua nghị quyết, kết luận (quá 1/2)")


def test_without_the_edit_both_months_use_more_than_half(store, worked_cell):
    july = july_meeting(store)
    row, _ = votes.record_vote(store, july.id, "Thông qua nghị quyết tháng 7", "resolution", 12, 8, 0)
    assert row.passed


def test_an_edited_minimum_duration_applies_from_its_date(store, worked_cell, rules_copy):
    add_entry(rules_copy, "meeting_durations.json", "2026-07-01", regular_min_minutes={"value": 150})
    july = july_meeting(store)
    june = cycle.get_meeting(store, worked_cell.meeting_id)
    assert (june.planned_minutes, june.warnings) == (120, ())
    assert cycle.get_meeting(store, july.id).warnings == (
        "Thời lượng dự kiến 120 phút, dưới mức tối thiểu 150 phút cho sinh hoạt thường kỳ.",)


@pytest.mark.parametrize(("yes", "passed"), [(14, True), (13, False)])
def test_expulsion_needs_two_thirds_of_the_base(store, worked_cell, yes, passed):
    row, _ = votes.record_vote(store, worked_cell.meeting_id, "Kỷ luật khai trừ đồng chí Nguyễn Văn Tâm",
                               "expulsion", yes, 20 - yes, 0)
    assert (row.base, row.passed) == (20, passed)
    assert ("≥ 2/3" if passed else "chưa đạt 2/3") in row.explanation
    assert votes.may_be_secret("expulsion")


def test_a_prosecuted_member_leaves_the_vote_base(store, worked_cell):
    accused = worked_cell.official[0]
    sheet, _ = att.set_attendance(store, worked_cell.meeting_id, accused, att.PROSECUTED)
    assert att.STATUS_LABELS[att.PROSECUTED] == "bị khởi tố, truy tố, tạm giam"
    assert sheet.base.base == 19
    assert sheet.base.explanation() == ("23 đảng viên chính thức − 2 chuyển sinh hoạt tạm thời đi − "
                                        "1 bị khởi tố, truy tố, tạm giam − 1 miễn sinh hoạt và vắng mặt = 19")
    row = next(r for r in sheet.rows if r.member_id == accused)
    assert row.status_label == "bị khởi tố, truy tố, tạm giam"
    assert accused not in {r.member_id for r in sheet.voters}
    # On the roll they are absent with that reason, so present + absent still make the total.
    c = sheet.counts
    assert (c.present, c.absent_reason, c.total) == (22, 4, 26)
    assert "Nguyễn Văn An (bị khởi tố, truy tố, tạm giam)" in c.absent_reason_names
    # 10 of the 19 is more than half; a ballot in their name is refused.
    assert votes.record_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết", "resolution", 10, 9, 0)[0].passed
    with pytest.raises(ValidationFailed):
        votes.record_named_vote(store, worked_cell.meeting_id, "Thông qua nghị quyết", "resolution",
                                {accused: "yes"})


def test_the_mark_is_set_on_the_attendance_step(qtbot, qapp, store, worked_cell):
    from secretary_app.settings import Settings
    from ui.context import AppContext
    from ui.meeting.attendance import AttendanceStep
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    step = AttendanceStep(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(step)
    try:
        step.load(att.attendance_sheet(store, worked_cell.meeting_id))
        accused = worked_cell.official[0]
        row = next(r for r, a in enumerate(step.sheet.rows) if a.member_id == accused)
        combo = step.table.cellWidget(row, 2)
        labels = [combo.itemText(i) for i in range(combo.count())]
        assert "bị khởi tố, truy tố, tạm giam" in labels
        combo.setCurrentIndex(labels.index("bị khởi tố, truy tố, tạm giam"))
        qtbot.waitUntil(lambda: "1 bị khởi tố, truy tố, tạm giam" in step.counts.text())
        assert att.attendance_sheet(store, worked_cell.meeting_id).base.base == 19
    finally:
        runner.shutdown()
