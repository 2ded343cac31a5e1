"""Members of the cell and the dated events their status is derived from (rules.md §3)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from models.base import Base, SyncMixin
from models.text import nfc, search_key


class Member(SyncMixin, Base):
    __tablename__ = "member"

    full_name: Mapped[str] = mapped_column(String(120))
    search_key: Mapped[str] = mapped_column(String(120), index=True, default="")
    birth_name: Mapped[str] = mapped_column(String(120), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    gender: Mapped[str] = mapped_column(String(10), default="")  # "Nam" / "Nữ"
    ethnicity: Mapped[str] = mapped_column(String(60), default="Kinh")
    religion: Mapped[str] = mapped_column(String(60), default="Không")
    home_town: Mapped[str] = mapped_column(String(200), default="")
    residence: Mapped[str] = mapped_column(String(200), default="")
    admission_decision_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ceremony_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    official_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    card_number: Mapped[str] = mapped_column(String(40), default="", index=True)
    record_number: Mapped[str] = mapped_column(String(40), default="")  # số lý lịch
    national_id: Mapped[str] = mapped_column(String(20), default="")  # số CCCD
    position: Mapped[str] = mapped_column(String(120), default="")
    education: Mapped[str] = mapped_column(String(60), default="")
    political_theory: Mapped[str] = mapped_column(String(60), default="")
    profession: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    events: Mapped[list[MemberEvent]] = relationship(
        back_populates="member", order_by="MemberEvent.event_date", cascade="all, delete-orphan"
    )

    @validates("full_name")
    def _keep_search_key(self, key: str, value: str) -> str:
        value = nfc(value) or ""
        self.search_key = search_key(value)
        return value


class MemberEvent(SyncMixin, Base):
    """A dated change of a member's standing: admission, recognition, transfer, exemption, …

    The kinds are ``models.rules.status.EventKind`` values; the status on any day is derived from them.
    """

    __tablename__ = "member_event"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    event_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(String(200), default="")  # e.g. discipline form, other organisation
    decision_ref: Mapped[str] = mapped_column(String(120), default="")

    member: Mapped[Member] = relationship(back_populates="events")
