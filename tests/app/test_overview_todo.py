"""Tổng quan's to-do list as data: one item per fact from the service that owns it, most urgent first, each
with the place to act on it; a new cell's first steps; the snapshot kept for a fast start."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from models.sync_tables import ConflictInbox, RejectedInbox
from secretary_app.services import admissions as adm
from secretary_app.services import dues
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services.overview import Action, Kind, Urgency, overview
from secretary_app.services.overview_snapshot import (
    fresh_overview,
    load_snapshot,
    save_snapshot,
    snapshot_path,
)
from tests.conftest import DEMO_TODAY


def _thanh(store) -> uuid.UUID:
    return next(a.member_id for a in dues.removal_alerts(store, DEMO_TODAY) if a.full_name == "Đinh Công Thành")


def test_items_are_ordered_overdue_then_due_soon_then_the_rest_each_by_date(demo_store):
    meeting, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 10, 5, 8, 0))
    mn.set_tasks(demo_store, meeting.id, [mn.TaskDraft("Sửa đèn ngõ 12", "Trần Văn An", dt.date(2026, 11, 1)),
                                          mn.TaskDraft("Dọn kênh", "Phạm Thị Lan", dt.date(2026, 10, 20))])
    todo = overview(demo_store, DEMO_TODAY).todo
    keys = [(item.urgency, item.due or dt.date.max) for item in todo]
    assert keys == sorted(keys)
    assert todo[0].urgency is Urgency.OVERDUE
    # The two overdue tasks come first, the older deadline first, each opening its row in the minutes.
    tasks = [item for item in todo if item.kind is Kind.TASK]
    assert [t.due for t in tasks] == [dt.date(2026, 10, 20), dt.date(2026, 11, 1)]
    assert all(t.urgency is Urgency.OVERDUE for t in tasks)
    assert {(t.target.page, t.target.record_id, t.target.step) for t in tasks} == {("meetings", meeting.id, 2)}
    assert [t.target.position for t in tasks] == [1, 0]  # the minutes list them in the order they were typed
    assert "Dọn kênh" in tasks[0].text and "Phạm Thị Lan" in tasks[0].text


def test_dues_arrears_alert_at_two_months_and_proposal_at_three(demo_store):
    thanh = _thanh(demo_store)
    item = next(i for i in overview(demo_store, DEMO_TODAY).of_kind(Kind.DUES) if i.target.record_id == thanh)
    alert = next(a for a in dues.removal_alerts(demo_store, DEMO_TODAY) if a.member_id == thanh)
    assert len(alert.months) == 2 and not alert.proposal
    assert item.urgency is Urgency.SOON and item.text == alert.message  # the dues service's own words
    assert item.target.page == "dues" and item.target.month == alert.months[0]
    # A month later the third month is unpaid too: the proposal to remove, in red.
    later = dt.date(2026, 12, 10)
    item = next(i for i in overview(demo_store, later).of_kind(Kind.DUES) if i.target.record_id == thanh)
    assert item.urgency is Urgency.OVERDUE and "đề nghị chi bộ xem xét" in item.text


def test_admission_deadlines_are_each_persons_next_one(demo_store):
    items = overview(demo_store, DEMO_TODAY).of_kind(Kind.ADMISSION)
    deadlines = adm.next_deadlines(demo_store, DEMO_TODAY)
    assert [(i.target.record_id, i.due) for i in items] == [(d.candidate_id, d.due) for d in deadlines]
    assert all(i.target.page == "admissions" for i in items)
    assert items[0].text.startswith("Hồ Thị Yến: Hết 12 tháng dự bị")


def test_next_meeting_says_whether_its_documents_went_out(demo_store):
    detail, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 19, 30))
    (item,) = overview(demo_store, DEMO_TODAY).of_kind(Kind.NEXT_MEETING)
    assert item.urgency is Urgency.SOON and item.due == dt.date(2026, 12, 4)  # sent a day before, at the latest
    assert "chưa thông báo" in item.text and item.target.record_id == detail.id and item.target.step == 0
    assert overview(demo_store, DEMO_TODAY).of_kind(Kind.FIRST_MEETING) == ()  # one is planned now
    cycle.advance_meeting(demo_store, detail.id)  # announced: the documents went out
    (item,) = overview(demo_store, DEMO_TODAY).of_kind(Kind.NEXT_MEETING)
    assert item.urgency is Urgency.DONE and "đã thông báo" in item.text and item.target.step == 1
    cycle.advance_meeting(demo_store, detail.id)  # held: now its minutes wait to be finalised
    data = overview(demo_store, dt.date(2026, 12, 6))
    (minutes,) = data.of_kind(Kind.MINUTES)
    assert minutes.target.record_id == detail.id and minutes.target.step == 4
    assert data.of_kind(Kind.NEXT_MEETING) == ()
    # A planned meeting whose day went by without being recorded is overdue, not "documents not sent".
    late, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 11, 20, 19, 30))
    (item,) = overview(demo_store, DEMO_TODAY).of_kind(Kind.NEXT_MEETING)
    assert item.target.record_id == late.id and item.urgency is Urgency.OVERDUE
    assert "đã qua ngày họp 20/11/2026" in item.text


def test_past_quarters_do_not_nag(demo_store):
    # The demo year has no thematic meeting in quarter 4 (today) nor, say, in earlier ones we do not list.
    items = overview(demo_store, DEMO_TODAY).of_kind(Kind.MEETING_REMINDER)
    thematic = [i for i in items if "chuyên đề" in i.text]
    assert [i.text for i in thematic] == ["Quý 4/2026 chưa có kỳ sinh hoạt chuyên đề (mỗi quý ít nhất một lần)."]
    assert thematic[0].target.action is Action.PLAN_MEETING
    early_next_year = overview(demo_store, dt.date(2027, 1, 10)).of_kind(Kind.MEETING_REMINDER)
    assert not any("Quý 4/2026" in i.text for i in early_next_year)


def test_sync_conflicts_and_rejected_changes_are_items(demo_store):
    member = uuid.uuid4()
    with demo_store.transaction() as session:
        session.add(ConflictInbox(id=(conflict := uuid.uuid4()), entity="member", entity_id=member,
                                  mutation_id=uuid.uuid4(), client_fields=json.dumps({"phone": [None, "0911"]}),
                                  server_fields=json.dumps({"phone": "0922"}), status="open"))
        session.add(RejectedInbox(mutation_id=uuid.uuid4(), entity="member", entity_id=member, op="update",
                                  error_code="forbidden"))
    data = overview(demo_store, DEMO_TODAY)
    (item,) = data.of_kind(Kind.CONFLICT)
    assert item.target.page == "sync" and item.target.record_id == conflict and "Đảng viên" in item.text
    (rejected,) = data.of_kind(Kind.REJECTED)
    assert rejected.text.startswith("1 thay đổi bị máy chủ từ chối")


def test_a_new_cell_shows_its_first_steps(store):
    from secretary_app.services.cell import CellInput, save_cell

    save_cell(store, CellInput(name="Chi bộ Thôn 3", superior_name="Đảng bộ xã An Bình", place_name="An Bình",
                               wage_region=3, term_start=dt.date(2025, 10, 1)))
    data = overview(store, DEMO_TODAY)
    assert [(i.text, i.target.page, i.target.action) for i in data.todo] == [
        ("Nhập danh sách đảng viên", "members", Action.IMPORT_MEMBERS),
        ("Lập kế hoạch sinh hoạt tháng này", "meetings", Action.PLAN_MEETING),
    ]
    assert all(i.urgency is Urgency.TODO for i in data.todo)  # an empty cell is not an alarm
    assert data.members_total == 0


def test_the_snapshot_round_trips_and_a_damaged_one_is_ignored(demo_store):
    data = fresh_overview(demo_store, today=DEMO_TODAY)
    path = snapshot_path(demo_store.paths)
    assert path.exists() and load_snapshot(demo_store.paths) == data
    path.write_text('{"version": 1, "todo": [{"kind": "nonsense"', encoding="utf-8")
    assert load_snapshot(demo_store.paths) is None
    path.write_bytes(b"\xff\xfe garbage")
    assert load_snapshot(demo_store.paths) is None
    path.write_text(json.dumps({"version": 1, "members_total": 3}), encoding="utf-8")
    assert load_snapshot(demo_store.paths) is None
    path.unlink()
    assert load_snapshot(demo_store.paths) is None


def test_no_snapshot_in_clear_beside_an_encrypted_database(demo_store):
    data = overview(demo_store, DEMO_TODAY)
    assert save_snapshot(demo_store.paths, data)
    path = snapshot_path(demo_store.paths)
    assert "Đinh Công Thành" in path.read_text(encoding="utf-8")
    demo_store.close()
    database = demo_store.paths.database
    database.write_bytes(bytes(range(16)) + database.read_bytes()[16:])  # what SQLCipher's file looks like
    assert load_snapshot(demo_store.paths) is None and not path.exists()  # the old one is deleted, not shown
    assert not save_snapshot(demo_store.paths, data) and not path.exists()


def test_encrypting_the_data_removes_the_saved_list(demo_store):
    from secretary_app.services.encryption import encrypt_folder

    fresh_overview(demo_store, today=DEMO_TODAY)
    path = snapshot_path(demo_store.paths)
    assert path.exists()
    demo_store.close()
    encrypt_folder(demo_store.paths, passphrase="mat-khau-du-lieu-2026")
    assert not path.exists()
