"""Import every table so ``Base.metadata`` is complete (migrations, tests, the server)."""

from __future__ import annotations

from models.admissions import AdmissionStep, Candidate
from models.audit import AuditEntry
from models.base import Base
from models.cell import Cell
from models.documents import Attachment, DocumentRecord
from models.dues import DuesAdjustment, DuesObligation, DuesPayment, DuesProfile, DuesRate, Remittance
from models.meetings import AgendaItem, Attendance, Guest, Meeting, Minutes, Resolution, Speech, Task, Vote
from models.members import Member, MemberEvent
from models.sync_tables import ConflictInbox, OutboxEntry, RejectedInbox, SyncState

SYNCED_TABLES = (
    Cell, Member, MemberEvent, Meeting, AgendaItem, Attendance, Guest, Speech, Vote, Minutes, Resolution,
    Task, DuesRate, DuesObligation, DuesPayment, Remittance, Candidate, AdmissionStep, DocumentRecord, Attachment,
    DuesProfile, DuesAdjustment,
)

__all__ = [
    "SYNCED_TABLES",
    "AdmissionStep",
    "AgendaItem",
    "Attachment",
    "Attendance",
    "AuditEntry",
    "Base",
    "Candidate",
    "Cell",
    "ConflictInbox",
    "DocumentRecord",
    "DuesAdjustment",
    "DuesObligation",
    "DuesPayment",
    "DuesProfile",
    "DuesRate",
    "Guest",
    "Meeting",
    "Member",
    "MemberEvent",
    "Minutes",
    "OutboxEntry",
    "RejectedInbox",
    "Remittance",
    "Resolution",
    "Speech",
    "SyncState",
    "Task",
    "Vote",
]
