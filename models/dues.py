"""Party dues: dated rates, monthly obligations, the ledger of payments, remittances (rules.md §1)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, SyncMixin


class DuesRate(SyncMixin, Base):
    """A cell-level override of the dated rule data in resources/rules (e.g. a local fixed amount)."""

    __tablename__ = "dues_rate"

    effective_from: Mapped[dt.date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(String(40))  # salary / pension / fixed …
    per_mille: Mapped[int] = mapped_column(Integer, default=0)  # 10 = 1 %, 5 = 0.5 %
    fixed_amount: Mapped[int] = mapped_column(Integer, default=0)  # VND


class DuesObligation(SyncMixin, Base):
    """What a member owes for one month; id = uuid5(member, month), so two PCs never make two."""

    __tablename__ = "dues_obligation"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    month: Mapped[dt.date] = mapped_column(Date)  # first day of the month
    basis: Mapped[str] = mapped_column(String(40), default="")
    basis_amount: Mapped[int] = mapped_column(Integer, default=0)  # VND the rate applies to
    amount: Mapped[int] = mapped_column(Integer, default=0)  # VND
    reduction_percent: Mapped[int] = mapped_column(Integer, default=0)  # 0 / 30 / 50 / 70 / 100


class DuesPayment(SyncMixin, Base):
    """A ledger row. Never edited: a mistake is corrected by a reversing row (``reverses_id``)."""

    __tablename__ = "dues_payment"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    month: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)  # VND; negative on a reversal
    paid_on: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20), default="cash")  # cash / portal
    note: Mapped[str] = mapped_column(String(300), default="")
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dues_payment.id"), nullable=True)
    receipt_number: Mapped[str] = mapped_column(String(60), default="")  # portal receipt (biên lai)
    group_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)  # rows of one payment over several months


class DuesProfile(SyncMixin, Base):
    """A member's dues category and its basis amount from ``effective_month`` on (rules.md §1.1)."""

    __tablename__ = "dues_profile"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    effective_month: Mapped[dt.date] = mapped_column(Date)  # first day of the month
    category: Mapped[str] = mapped_column(String(30))  # models.rules.dues.DuesCategory value
    basis_amount: Mapped[int] = mapped_column(Integer, default=0)  # VND: salary base, pension, …
    note: Mapped[str] = mapped_column(String(300), default="")


class DuesAdjustment(SyncMixin, Base):
    """A decision exempting, reducing or deferring a member's dues (rules.md §1.2)."""

    __tablename__ = "dues_adjustment"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # models.rules.dues.AdjustmentKind value
    start_month: Mapped[dt.date] = mapped_column(Date)
    months: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None = until revoked
    percent: Mapped[int] = mapped_column(Integer, default=100)
    decision: Mapped[str] = mapped_column(String(300), default="")


class Remittance(SyncMixin, Base):
    __tablename__ = "remittance"

    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)  # VND remitted upward
    retained: Mapped[int] = mapped_column(Integer, default=0)  # VND kept by the cell
    remitted_on: Mapped[dt.date] = mapped_column(Date)
