"""What a finalised meeting seals, as plain data, and its hash (minutes.final_hash, resolution.final_hash).

One definition for both sides: the client computes the hash when it finalises, the server recomputes it
from its own rows when the finalisation arrives (issue 14.5). The callers choose the rows (the meeting's
live agenda items in order, each with its live speeches in order, its live attendance, guests, votes and
tasks, and the main minutes' notes); the objects only need the named attributes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

# Fields of a meeting's child records that the hash covers: a finalised meeting's children may not change
# them (None: every field). Tasks go on after the meeting (progress, completion): only what was assigned.
SEALED_CHILD_FIELDS: dict[str, frozenset[str] | None] = {
    "agenda_item": None, "speech": None, "attendance": None, "guest": None, "vote": None,
    "task": frozenset({"meeting_id", "content", "owner", "deadline"}),
}


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def canonical_content(meeting: Any, items: Sequence[tuple[Any, Sequence[Any]]], attendance: Iterable[Any],
                      guests: Iterable[Any], votes: Iterable[Any], tasks: Iterable[Any], notes: str) -> dict[str, Any]:
    """The minutes' content in a fixed order; the hash is taken over its JSON."""
    planned: dt.datetime = meeting.planned_at
    return {
        "meeting": {"id": str(meeting.id), "title": meeting.title, "kind": meeting.kind,
                    "planned_at": _iso(planned.replace(tzinfo=None)), "place": meeting.place,
                    "chair": str(meeting.chair_id or ""), "recorder": str(meeting.recorder_id or "")},
        "items": [{"title": item.title, "step": item.step, "presenter": item.presenter, "gist": item.gist,
                   "conclusion": item.conclusion,
                   "speeches": [[str(s.speaker_id or ""), s.speaker_name, s.opinion] for s in speeches]}
                  for item, speeches in items],
        "attendance": sorted([str(a.member_id), a.status, a.reason, a.approved] for a in attendance),
        "guests": sorted([g.name, g.position] for g in guests),
        # The named ballots join the sealed content only when there are some: hashes of minutes finalised
        # before votes could carry them stay valid.
        "votes": sorted([v.subject, v.decision_kind, v.yes, v.no, v.abstain, v.base, v.passed]
                        + ([v.ballots] if v.ballots else []) for v in votes),
        "tasks": sorted([t.content, t.owner, _iso(t.deadline)] for t in tasks),
        "notes": notes,
    }


def resolution_content(resolution: Any) -> dict[str, Any]:
    return {"doc_type": resolution.doc_type, "number": resolution.number, "issued_on": _iso(resolution.issued_on),
            "subject": resolution.subject, "body": resolution.body, "signer": resolution.signer_name,
            "signer_title": resolution.signer_title}


def amendment_content(original_id: object, body: str) -> dict[str, Any]:
    return {"amends": str(original_id), "body": body}


def content_hash(content: dict[str, Any]) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
