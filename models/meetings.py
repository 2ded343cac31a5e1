"""Meetings and what happens in them: agenda, attendance, speeches, votes, minutes (documents.md §3, §5)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, SyncMixin


class Meeting(SyncMixin, Base):
    __tablename__ = "meeting"

    kind: Mapped[str] = mapped_column(String(20), default="regular")  # regular / thematic / extraordinary
    title: Mapped[str] = mapped_column(String(300), default="")
    planned_at: Mapped[dt.datetime]
    planned_minutes: Mapped[int] = mapped_column(Integer, default=120)
    place: Mapped[str] = mapped_column(String(200), default="")
    chair_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    recorder_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    state: Mapped[str] = mapped_column(String(20), default="draft")  # draft→announced→held→final
    started_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)


class AgendaItem(SyncMixin, Base):
    __tablename__ = "agenda_item"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[str] = mapped_column(String(40), default="")  # procedure step of documents.md §5.3
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str] = mapped_column(String(120), default="")
    gist: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")


class Attendance(SyncMixin, Base):
    """One row per member per meeting; id = uuid5(meeting, member) so two PCs never make two rows."""

    __tablename__ = "attendance"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    status: Mapped[str] = mapped_column(String(30), default="present")  # present / absent_reason / absent
    reason: Mapped[str] = mapped_column(String(300), default="")
    approved: Mapped[bool] = mapped_column(Boolean, default=False)  # absence approved by the convener


class Guest(SyncMixin, Base):
    __tablename__ = "guest"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(200), default="")


class Speech(SyncMixin, Base):
    __tablename__ = "speech"

    agenda_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    speaker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), nullable=True)
    speaker_name: Mapped[str] = mapped_column(String(120), default="")
    opinion: Mapped[str] = mapped_column(Text, default="")


class Vote(SyncMixin, Base):
    __tablename__ = "vote"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agenda_item.id"), nullable=True)
    subject: Mapped[str] = mapped_column(String(300))
    decision_kind: Mapped[str] = mapped_column(String(30), default="resolution")
    yes: Mapped[int] = mapped_column(Integer, default=0)
    no: Mapped[int] = mapped_column(Integer, default=0)
    abstain: Mapped[int] = mapped_column(Integer, default=0)
    base: Mapped[int] = mapped_column(Integer, default=0)  # computed by the rules, stored for the record
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Named voting only: JSON list of {"member_id", "name", "choice": "yes"|"no"|"abstain"} of the ballots
    # counted, so the minutes can say who voted how. "" for a show of hands.
    ballots: Mapped[str] = mapped_column(Text, default="")
    # Admission / recognition votes: the candidate the cell decided on (issue 13); None for other kinds.
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("candidate.id"), nullable=True)


class Minutes(SyncMixin, Base):
    __tablename__ = "minutes"

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    body: Mapped[str] = mapped_column(Text, default="")
    final_hash: Mapped[str] = mapped_column(String(64), default="")  # set once, on finalisation
    finalised_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    amends_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("minutes.id"), nullable=True)


class Resolution(SyncMixin, Base):
    """A resolution (nghị quyết, NQ) or conclusion (kết luận, KL) of the cell (documents.md §4)."""

    __tablename__ = "resolution"

    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id"), nullable=True, index=True)
    doc_type: Mapped[str] = mapped_column(String(10), default="NQ")
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    issued_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")  # JSON of sections
    signer_name: Mapped[str] = mapped_column(String(120), default="")
    signer_title: Mapped[str] = mapped_column(String(40), default="BÍ THƯ")
    final_hash: Mapped[str] = mapped_column(String(64), default="")
    finalised_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    amends_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("resolution.id"), nullable=True)


class Task(SyncMixin, Base):
    """A task a resolution assigns; carried into the next meeting's agenda for assessment."""

    __tablename__ = "task"

    resolution_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("resolution.id"), nullable=True)
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id"), nullable=True)
    content: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(120), default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open / done / overdue / dropped
    assessment: Mapped[str] = mapped_column(Text, default="")
