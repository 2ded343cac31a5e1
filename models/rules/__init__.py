"""Pure Party rules the roster, meeting and admission features depend on.

No database, no Qt, no files, no network. Rules that change by decree arrive as dated dataclasses
(``secretary_app.rules_data`` reads ``resources/rules/*.json``); each module also carries the default in
force today, so the rules are usable (and testable) on their own.

Modules:
  dates      month arithmetic and working days
  status     member status from dated events, Vietnamese labels, history validation
  votes      vote base, thresholds, tally, attendance bands
  party_age  party age, badge milestones and alerts, 50-year dues exemption
  admission  admission/probation timeline, deadlines and alerts
  meetings   monthly/quarterly frequency and planned duration warnings
"""

from __future__ import annotations
