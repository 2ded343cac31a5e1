"""Candidates in the admission pipeline and their steps (rules.md §2)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from models.base import Base, SyncMixin
from models.text import nfc, search_key


class Candidate(SyncMixin, Base):
    __tablename__ = "candidate"

    full_name: Mapped[str] = mapped_column(String(120))
    search_key: Mapped[str] = mapped_column(String(120), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    gender: Mapped[str] = mapped_column(String(10), default="")
    occupation: Mapped[str] = mapped_column(String(120), default="")
    helper_member_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    introducer1_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    introducer2_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    member_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), nullable=True)  # once admitted
    stage: Mapped[str] = mapped_column(String(40), default="candidate")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Decision within 60 (+30 in special cases) working days of the cell's resolution (rules.md §2.2 step 10).
    special_case: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who may introduce an applicant under 30: "doan" where a Đoàn exists (BCH Đoàn + 1 member),
    # "cong_doan" where there is none (BCH Công đoàn + 1 member), "" = two official members (step 6).
    youth_union: Mapped[str] = mapped_column(String(20), default="")

    @validates("full_name")
    def _keep_search_key(self, key: str, value: str) -> str:
        value = nfc(value) or ""
        self.search_key = search_key(value)
        return value


class AdmissionStep(SyncMixin, Base):
    __tablename__ = "admission_step"

    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidate.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # class_certificate / application / … / recognition
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    done_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    document_ref: Mapped[str] = mapped_column(String(200), default="")
    # Introducers: the member (None for the BCH Đoàn / Công đoàn) and since when they worked, studied or
    # lived with the applicant in the same unit.
    member_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    since_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[str] = mapped_column(String(20), default="")  # recognition: "" / "not_recognised"
