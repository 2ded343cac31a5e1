"""The meeting cycle through its services: planning from presets, duration warnings, state transitions,
reminders, read-only finalised minutes, the content hash re-check, amendments, and next month's follow-up."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

import resources
from models.meetings import Minutes
from secretary_app.errors import ReadOnlyError, ValidationFailed
from secretary_app.paths import resolve_paths
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services import votes
from secretary_app.services.cell import CellInput, get_cell, save_cell
from secretary_app.store import Store

TODAY = dt.date(2026, 11, 25)
DECEMBER = dt.datetime(2026, 12, 5, 19, 30)
PRESETS = Path(resources.__file__).parent / "agenda_presets"


def _builtin_titles(cell_type: str) -> list[str]:
    return [i["title"] for i in json.loads((PRESETS / f"{cell_type}.json").read_text(encoding="utf-8"))["items"]]


def _set_cell_type(store, cell_type: str) -> None:
    cell = get_cell(store)
    assert cell is not None
    save_cell(store, CellInput(cell.name, cell.superior_name, cell.place_name, cell.wage_region, cell.term_start,
                               cell.term_end, cell_type, cell.is_grassroots))


@pytest.mark.parametrize("cell_type", list(cycle.CELL_TYPES))
def test_regular_meeting_is_drafted_from_the_cell_types_preset(demo_store, cell_type):
    _set_cell_type(demo_store, cell_type)
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=DECEMBER)
    assert [a.title for a in detail.agenda] == _builtin_titles(cell_type)
    steps = [a.step for a in detail.agenda]
    assert steps[0] == "opening" and steps[-1] == "closing" and "assessment" in steps and "vote" in steps
    assert detail.state == "draft" and detail.title == "Sinh hoạt chi bộ thường kỳ tháng 12/2026"


def test_secretarys_saved_preset_is_used_for_the_next_meeting(demo_store):
    items = [{"step": "opening", "title": "Khai mạc"}, {"step": "assessment", "title": "Đánh giá tháng trước"},
             {"step": "closing", "title": "Bế mạc"}]
    cycle.save_preset(demo_store, "residential", items)
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=DECEMBER)
    assert [a.title for a in detail.agenda] == ["Khai mạc", "Đánh giá tháng trước", "Bế mạc"]
    with pytest.raises(ValidationFailed, match="ít nhất một nội dung"):
        cycle.save_preset(demo_store, "residential", [{"step": "", "title": "  "}])
    assert cycle.load_preset(demo_store, "residential")[0]["title"] == "Khai mạc"  # the bad save lost nothing


@pytest.mark.parametrize(("kind", "minutes", "minimum"), [
    ("regular", 80, 90), ("regular", 90, None), ("regular_and_thematic", 100, 120),
    ("regular_and_thematic", 120, None), ("extraordinary", 30, None)])
def test_duration_warnings(demo_store, kind, minutes, minimum):
    detail, _ = cycle.plan_meeting(demo_store, kind=kind, planned_at=DECEMBER, planned_minutes=minutes)
    if minimum is None:
        assert detail.warnings == ()
    else:
        (warning,) = detail.warnings
        assert f"{minutes} phút, dưới mức tối thiểu {minimum} phút" in warning


def _held(store):
    detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=DECEMBER)
    cycle.advance_meeting(store, detail.id)
    detail, _ = cycle.advance_meeting(store, detail.id)
    att.confirm_roll(store, detail.id)  # "the others are present": nobody is present before being marked
    present = [r.member_id for r in att.attendance_sheet(store, detail.id).rows if r.status == "present"]
    att.set_chair_recorder(store, detail.id, present[0], present[1])
    return detail


def test_states_go_draft_announced_held_final_and_skips_are_refused(demo_store):
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=DECEMBER)
    with pytest.raises(ValidationFailed, match="sau khi đã chuyển kỳ sinh hoạt sang «Đã họp»"):
        mn.finalise_meeting(demo_store, detail.id)  # draft → final is refused
    assert cycle.advance_meeting(demo_store, detail.id)[0].state == "announced"
    with pytest.raises(ValidationFailed):
        mn.finalise_meeting(demo_store, detail.id)  # announced → final is refused
    assert cycle.advance_meeting(demo_store, detail.id)[0].state == "held"
    with pytest.raises(ValidationFailed, match="bước tiếp theo là hoàn tất biên bản"):
        cycle.advance_meeting(demo_store, detail.id)
    with pytest.raises(ValidationFailed, match="chủ trì và thư ký"):
        mn.finalise_meeting(demo_store, detail.id)  # no chair or recorder yet
    assert cycle.get_meeting(demo_store, detail.id).state == "held"


def test_reminders_thematic_quarter_and_documents_not_ready_the_day_before(demo_store):
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 11, 26, 19, 30))
    codes = {(r.code, r.meeting_id) for r in cycle.reminders(demo_store, TODAY)}
    assert ("documents_late", detail.id) in codes
    assert ("thematic_missing", None) in codes
    # Only this quarter's: the demo's earlier quarters had no thematic meeting either, and are history now.
    assert [r.quarter for r in cycle.reminders(demo_store, TODAY) if r.code == "thematic_missing"] == [4]
    assert not any(c == "documents_late" for c, _ in
                   {(r.code, r.meeting_id) for r in cycle.reminders(demo_store, dt.date(2026, 11, 20))})
    cycle.advance_meeting(demo_store, detail.id)  # announced: documents sent
    assert "documents_late" not in {r.code for r in cycle.reminders(demo_store, TODAY)}


def test_finalised_minutes_refuse_every_edit(demo_store):
    detail = _held(demo_store)
    view = mn.minutes_view(demo_store, detail.id)
    mn.autosave_minutes(demo_store, detail.id, mn.MinutesDraft(
        (mn.ItemDraft(view.items[0].id, gist="Khai mạc lúc 19 giờ 30."),)))
    mn.finalise_meeting(demo_store, detail.id)
    member = att.attendance_sheet(demo_store, detail.id).rows[0].member_id
    for edit in (lambda: mn.autosave_minutes(demo_store, detail.id, mn.MinutesDraft(
                     (mn.ItemDraft(view.items[0].id, gist="Sửa sau khi ký"),))),
                 lambda: att.set_attendance(demo_store, detail.id, member, "absent"),
                 lambda: votes.record_vote(demo_store, detail.id, "Nghị quyết", "resolution", 1, 0, 0),
                 lambda: cycle.update_meeting(demo_store, detail.id, title="Tên khác"),
                 lambda: mn.set_tasks(demo_store, detail.id, [])):
        with pytest.raises(ReadOnlyError, match="Lập biên bản bổ sung"):
            edit()
    after = mn.minutes_view(demo_store, detail.id)
    assert after.items[0].gist == "Khai mạc lúc 19 giờ 30." and after.read_only and after.hash_ok is True


def test_tampering_in_sql_is_detected_on_reopen(demo_store, data_dir):
    detail = _held(demo_store)
    mn.finalise_meeting(demo_store, detail.id)
    demo_store.close()
    with sqlite3.connect(resolve_paths(data_dir).database) as raw:
        raw.execute("UPDATE agenda_item SET gist = 'Nội dung bị sửa ngoài ứng dụng' WHERE meeting_id = ? "
                    "AND position = 0", (detail.id.hex,))
        assert raw.total_changes == 1
    reopened = Store(resolve_paths(data_dir))
    try:
        view = mn.minutes_view(reopened, detail.id)
        assert view.hash_ok is False
        assert "không khớp mã kiểm tra" in view.integrity_warning
    finally:
        reopened.close()


def test_amendment_is_a_separate_sealed_record_citing_the_original(demo_store):
    detail = _held(demo_store)
    with pytest.raises(ValidationFailed, match="sửa trực tiếp"):
        mn.amend_minutes(demo_store, detail.id, "Đính chính trước khi hoàn tất")
    mn.finalise_meeting(demo_store, detail.id)
    original = mn.minutes_view(demo_store, detail.id)
    amendment, _ = mn.amend_minutes(demo_store, detail.id, "Sửa tên người phát biểu thứ hai.")
    view = mn.minutes_view(demo_store, detail.id)
    assert [a.body for a in view.amendments] == ["Sửa tên người phát biểu thứ hai."]
    assert view.final_hash == original.final_hash and view.hash_ok is True  # the original is untouched
    with demo_store.transaction() as session:
        row = session.scalars(select(Minutes).where(Minutes.id == amendment.id)).one()
        assert row.amends_id == original.minutes_id and row.finalised_at is not None and row.final_hash


def test_next_months_draft_lists_the_last_resolutions_tasks(demo_store):
    previous = cycle.tasks_to_assess(demo_store, cycle.plan_meeting(
        demo_store, kind="extraordinary", planned_at=DECEMBER)[0].id)
    assert previous, "the demo's October resolution has tasks"
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=DECEMBER)
    assessment = next(a for a in detail.agenda if a.step == "assessment")
    for task in previous:
        assert cycle.format_task_line(task) in assessment.gist
        assert task.owner in assessment.gist
    assert dataclasses.asdict(previous[0]).keys() >= {"content", "owner", "deadline", "status"}
