"""Roster service: status on a date from events, edits with audit, undo inverses, badges on the overview."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.audit import AuditEntry
from secretary_app.errors import ValidationFailed
from secretary_app.services import roster
from secretary_app.services.overview import Kind, overview
from secretary_app.services.roster import EventInput, MemberData

TODAY = dt.date(2026, 11, 25)


def _member(store, name):
    return next(r for r in roster.list_members(store, TODAY) if r.full_name == name)


def test_official_members_on_a_day_follow_a_transfer_out(demo_store):
    hung = _member(demo_store, "Nguyễn Văn Hùng")
    before = {r.id for r in roster.members_on(demo_store, dt.date(2026, 2, 5))}
    assert hung.id in before
    roster.add_event(demo_store, hung.id, EventInput("transfer_out_official", dt.date(2026, 3, 1),
                                                     detail="Đảng bộ phường Hà Đông"))
    assert hung.id in {r.id for r in roster.members_on(demo_store, dt.date(2026, 2, 5))}
    assert hung.id not in {r.id for r in roster.members_on(demo_store, dt.date(2026, 3, 1))}
    assert _member(demo_store, "Nguyễn Văn Hùng").status == "Đã chuyển đi"


def test_event_that_breaks_the_history_is_refused(demo_store):
    dead = _member(demo_store, "Đặng Quốc Bảo")
    with pytest.raises(ValidationFailed, match="sau khi đảng viên đã từ trần"):
        roster.add_event(demo_store, dead.id, EventInput("exemption", TODAY))


def test_edit_is_audited_and_undone_with_the_before_image(demo_store):
    lan = _member(demo_store, "Phạm Thị Lan")
    detail = roster.get_member(demo_store, lan.id, TODAY)
    changed = MemberData(**{**detail.data.__dict__, "phone": "0912345678"})
    before, changes = roster.update_member(demo_store, lan.id, changed)
    assert "member" in changes and before == detail.data
    roster.update_member(demo_store, lan.id, before)
    assert roster.get_member(demo_store, lan.id, TODAY).data == detail.data
    with demo_store.transaction() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == lan.id)).all()
    assert actions.count("update") == 2


def test_form_validation_messages(store):
    data = MemberData("Trần Văn An", birth_date=dt.date(2000, 1, 1), admission_decision_date=dt.date(1990, 1, 1))
    assert data.problems()[0][0] == "birth_date"
    assert MemberData("  ").problems() == [("full_name", "Hãy nhập họ và tên đảng viên.")]


def test_party_age_badge_and_overview_alert(demo_store):
    duc = _member(demo_store, "Lê Văn Đức")
    detail = roster.get_member(demo_store, duc.id, TODAY)
    assert detail.party_age.startswith("54 năm")
    assert detail.dues_exempt_by_age
    assert "Huy hiệu 55 năm" in detail.next_badge
    data = overview(demo_store, TODAY, badge_lead_days=90)
    assert data.members_total == 22 and data.official == 20 and data.probationary == 2
    (badge,) = [i for i in data.of_kind(Kind.BADGE) if i.target.record_id == duc.id]
    assert badge.text.startswith("Đồng chí Lê Văn Đức: Đủ 55 năm tuổi Đảng") and badge.target.page == "members"
    assert overview(demo_store, TODAY, badge_lead_days=10).of_kind(Kind.BADGE) == ()


def test_deleted_member_can_be_restored(demo_store):
    an = _member(demo_store, "Trần Văn An")
    roster.delete_member(demo_store, an.id)
    assert an.id not in {r.id for r in roster.list_members(demo_store, TODAY)}
    roster.restore_member(demo_store, an.id)
    assert an.id in {r.id for r in roster.list_members(demo_store, TODAY)}
