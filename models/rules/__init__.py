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

from typing import TYPE_CHECKING

# The names below are loaded from their module on first use (PEP 562): importing one rule module, as
# every caller does, must not build the dataclasses of all six (start-up of a PDF export, issue 11).
# Note: once ``models.rules.party_age`` is imported, the package attribute ``party_age`` is that module.
if TYPE_CHECKING:
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

_SOURCES = {
    "AdmissionCase": "admission",
    "AdmissionRules": "admission",
    "admission_alerts": "admission",
    "timeline": "admission",
    "add_months": "dates",
    "add_working_days": "dates",
    "whole_months_between": "dates",
    "working_days_between": "dates",
    "MeetingKind": "meetings",
    "MeetingPlan": "meetings",
    "duration_warnings": "meetings",
    "quarters_missing_thematic": "meetings",
    "Gap": "party_age",
    "badge_alerts": "party_age",
    "is_dues_exempt_by_age": "party_age",
    "milestone_date": "party_age",
    "next_badge": "party_age",
    "party_age": "party_age",
    "EventKind": "status",
    "MemberEvent": "status",
    "Membership": "status",
    "MemberStatus": "status",
    "status_label": "status",
    "status_on": "status",
    "validate_events": "status",
    "Attendance": "votes",
    "DecisionKind": "votes",
    "VoterFacts": "votes",
    "VoteSettings": "votes",
    "compute_base": "votes",
    "tally": "votes",
    "vote_base": "votes",
}


def __getattr__(name: str) -> object:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)

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
