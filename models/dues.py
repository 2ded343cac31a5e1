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
    """What a member owes for one month; id = uuid5(member, month)."""

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


class Remittance(SyncMixin, Base):
    __tablename__ = "remittance"

    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)  # VND remitted upward
    retained: Mapped[int] = mapped_column(Integer, default=0)  # VND kept by the cell
    remitted_on: Mapped[dt.date] = mapped_column(Date)
