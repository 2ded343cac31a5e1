"""A member's own data, exported for them, holds their record and history and nobody else's; erasing the
personal details of a member who has left keeps what the archives need and refuses a current member."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from secretary_app.errors import UserError
from secretary_app.services import roster
from secretary_app.services.privacy import erase_personal_data, export_member_data, find_member
from secretary_app.store import Store


def test_the_export_holds_the_members_data_and_nobody_elses(demo_store: Store, tmp_path: Path) -> None:
    mai = find_member(demo_store, "ngo thi mai")
    path = export_member_data(demo_store, mai, tmp_path / "mai.pdf")
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    detail = roster.get_member(demo_store, mai)
    assert "PHIẾU CUNG CẤP DỮ LIỆU CÁ NHÂN" in text and "Ngô Thị Mai" in text
    assert detail.data.phone in text and detail.data.residence.split(",")[0] in text
    others = [m.full_name for m in roster.list_members(demo_store) if m.id != mai]
    assert not [name for name in others if name in text]
    assert "THAM DỰ SINH HOẠT CHI BỘ" in text and "ĐẢNG PHÍ ĐÃ NỘP" in text


def test_erasure_is_refused_for_a_current_member_and_clears_only_what_archives_do_not_need(
        demo_store: Store) -> None:
    mai = find_member(demo_store, "Ngô Thị Mai")
    with pytest.raises(UserError, match="còn sinh hoạt tại chi bộ"):
        erase_personal_data(demo_store, mai)
    roster.add_event(demo_store, mai, roster.EventInput("transfer_out_official", dt.date(2026, 11, 20),
                                                        detail="Đảng bộ phường Cầu Giấy"))
    before = roster.get_member(demo_store, mai).data
    cleared, _ = erase_personal_data(demo_store, mai, today=dt.date(2026, 11, 25))
    after = roster.get_member(demo_store, mai).data
    assert {"phone", "residence"} <= set(cleared)
    assert after.phone == "" and after.residence == "" and after.national_id == ""
    assert (after.full_name, after.birth_date, after.card_number, after.admission_decision_date) == \
        (before.full_name, before.birth_date, before.card_number, before.admission_decision_date)
