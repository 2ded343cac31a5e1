"""The roster: members as plain rows for tables, with their status on a given day."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.members import Member
from models.text import name_sort_key
from secretary_app.store import Store

# Interim labels until the dated status rules land (issue 6 replaces this with models.rules.status).
_TERMINAL = {"death": "Từ trần", "transfer_out_official": "Đã chuyển đi", "removal": "Xóa tên",
             "expulsion": "Khai trừ", "resignation": "Ra khỏi Đảng"}


@dataclass(frozen=True)
class MemberRow:
    id: uuid.UUID
    full_name: str
    search_key: str
    birth_year: int | None
    gender: str
    status: str
    party_years: int | None
    position: str
    phone: str


def _status(member: Member, as_of: dt.date) -> str:
    label = ""
    for event in member.events:
        if event.event_date > as_of:
            break
        if event.kind in _TERMINAL:
            return _TERMINAL[event.kind]
        label = {"admission": "Dự bị", "recognition": "Chính thức"}.get(event.kind, label)
        if event.kind == "exemption" and (event.end_date is None or event.end_date > as_of):
            label = "Miễn sinh hoạt"
        if event.kind == "transfer_out_temporary" and (event.end_date is None or event.end_date > as_of):
            label = "Sinh hoạt tạm thời nơi khác"
    return label


def list_members(store: Store, as_of: dt.date | None = None) -> list[MemberRow]:
    as_of = as_of or dt.date.today()
    with store.transaction() as session:
        members = session.scalars(
            select(Member).where(Member.cell_id == store.cell_id, Member.deleted.is_(False))
            .options(selectinload(Member.events))
        ).all()
        rows = [
            MemberRow(
                id=m.id, full_name=m.full_name, search_key=m.search_key,
                birth_year=m.birth_date.year if m.birth_date else None, gender=m.gender,
                status=_status(m, as_of),
                party_years=((as_of - m.admission_decision_date).days // 365) if m.admission_decision_date else None,
                position=m.position, phone=m.phone,
            )
            for m in members
        ]
    return sorted(rows, key=lambda r: name_sort_key(r.full_name))
