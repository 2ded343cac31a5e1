"""Pure Party rules the roster, meeting and admission features depend on.

No database, no Qt, no files, no network. Rules that change by decree arrive as dated dataclasses
(``secretary_app.rules_data`` reads ``resources/rules/*.json``) and are passed in: there is no default in
code, so a rule in force always comes from the data (tests write theirs out in tests/rule_defaults.py).

Modules:
  dates      month arithmetic and working days
  status     member status from dated events, Vietnamese labels, history validation
  votes      vote base, thresholds, tally, attendance bands
  party_age  party age, badge milestones and alerts, 50-year dues exemption
  admission  admission/probation timeline, deadlines and alerts
  meetings   monthly/quarterly frequency and planned duration warnings
"""

from __future__ import annotations

from models.rules.admission import AdmissionCase, AdmissionRules, admission_alerts, timeline
from models.rules.dates import add_months, add_working_days, whole_months_between, working_days_between
from models.rules.meetings import MeetingKind, MeetingPlan, duration_warnings, quarters_missing_thematic
from models.rules.party_age import (
    Gap,
    badge_alerts,
    is_dues_exempt_by_age,
    milestone_date,
    next_badge,
    party_age,
)
from models.rules.status import (
    EventKind,
    MemberEvent,
    Membership,
    MemberStatus,
    status_label,
    status_on,
    validate_events,
)
from models.rules.votes import (
    Attendance,
    DecisionKind,
    VoterFacts,
    VoteSettings,
    compute_base,
    tally,
    vote_base,
)

__all__ = [
    "AdmissionCase",
    "AdmissionRules",
    "Attendance",
    "DecisionKind",
    "EventKind",
    "Gap",
    "MeetingKind",
    "MeetingPlan",
    "MemberEvent",
    "MemberStatus",
    "Membership",
    "VoteSettings",
    "VoterFacts",
    "add_months",
    "add_working_days",
    "admission_alerts",
    "badge_alerts",
    "compute_base",
    "duration_warnings",
    "is_dues_exempt_by_age",
    "milestone_date",
    "next_badge",
    "party_age",
    "quarters_missing_thematic",
    "status_label",
    "status_on",
    "tally",
    "timeline",
    "validate_events",
    "vote_base",
    "whole_months_between",
    "working_days_between",
]
