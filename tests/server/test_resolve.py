"""The `resolve` op on SQLite and PostgreSQL: a person's decision on a conflict is applied exactly once,
a second decision is refused, viewers and other cells cannot touch it, and the decision goes through the
ordinary rules (a record that moved on conflicts again, a final record stays final, deletions and restores)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from models.base import new_id
from secretary_app.server.db import RECORDS, cell_sync_state, conflict, record_history
from secretary_app.sync.codec import digest_hex, record_hash
from tests.server.helpers import Api, empty_meeting_hash, member_create, update


@pytest.fixture
def api(server):
    server.cell("A")
    server.cell("B")
    server.user("sec", "secretary", "A")
    server.user("dep", "deputy", "A")
    server.user("view", "viewer", "A")
    server.user("sec_b", "secretary", "B")
    return Api(server)


def resolve(seq: int, conflict_id: str, choice: str, values: dict[str, Any] | None = None,
            base: int = 1) -> dict[str, Any]:
    fields: dict[str, Any] = {"choice": [None, choice]}
    if values is not None:
        fields["values"] = [None, values]
    return {"mutation_seq": seq, "mutation_id": str(new_id()), "entity": "conflict", "entity_id": conflict_id,
            "op": "resolve", "base_version": base, "fields": fields}


def phone_conflict(api: Api) -> tuple[dict, dict, uuid.UUID, str]:
    """sec and dep both change one member's phone from 0900: sec first (kept), dep's 0922 in a conflict."""
    sec, dep = api.login("sec"), api.login("dep")
    member = uuid.uuid4()
    api.push(sec, [member_create(1, member, phone="0900")])
    api.push(sec, [update(2, "member", member, 1, phone=("0900", "0911"))])
    result = api.push(dep, [update(1, "member", member, 1, phone=("0900", "0922"))]).json()["results"][0]
    assert result["status"] == "conflict"
    return sec, dep, member, result["conflict_id"]


def member_row(api: Api, member: uuid.UUID) -> Any:
    with api.server.engine.connect() as conn:
        return conn.execute(select(RECORDS["member"]).where(RECORDS["member"].c.id == member)).mappings().one()


def conflict_row(api: Api, conflict_id: str) -> Any:
    with api.server.engine.connect() as conn:
        return conn.execute(select(conflict).where(conflict.c.id == uuid.UUID(conflict_id))).mappings().one()


def test_a_resolution_is_applied_once_and_replays_get_the_stored_answer(api) -> None:
    _, dep, member, conflict_id = phone_conflict(api)
    decision = resolve(2, conflict_id, "client")
    first = api.push(dep, [decision], key="resolve-1")
    again = api.push(dep, [decision], key="resolve-1")  # the answer was lost: the same batch again
    renamed = api.push(dep, [decision], key="resolve-1-retry")  # same mutation, another key
    assert first.status_code == again.status_code == renamed.status_code == 200
    assert first.content == again.content
    assert first.json()["results"] == renamed.json()["results"]
    result = first.json()["results"][0]
    assert (result["status"], result["version"]) == ("applied", 2)
    assert result["current"]["fields"]["phone"] == "0922"  # the deciding PC converges from the answer
    row = member_row(api, member)
    assert (row["phone"], row["version"]) == ("0922", 3)  # one new version, not one per delivery
    kept = conflict_row(api, conflict_id)
    assert (kept["status"], kept["version"], kept["resolved_by"], kept["resolution"]) == (
        "resolved", 2, "dep", "client")
    assert str(kept["resolution_mutation_id"]) == decision["mutation_id"]
    with api.server.engine.connect() as conn:
        writes = conn.scalar(select(func.count()).select_from(record_history)
                             .where(record_history.c.mutation_id == uuid.UUID(decision["mutation_id"])))
        digest = conn.scalar(select(cell_sync_state.c.digest).where(cell_sync_state.c.name == "A"))
    assert writes == 1
    cell = api.server.cells["A"]  # the cell's own record (create-cell's seed) is in the digest too
    assert digest == digest_hex(record_hash("cell", cell, 1) ^ record_hash("member", member, 3)
                                ^ record_hash("conflict", kept["id"], 2))
    # Both PCs pull the closed conflict and the record's new version.
    for session in (api.login("sec"), dep):
        changes = api.pull(session).json()["changes"]
        closed = [c for c in changes if c["id"] == conflict_id]
        assert closed and closed[0]["fields"]["status"] == "resolved" and closed[0]["version"] == 2
        assert [c["fields"]["phone"] for c in changes if c["id"] == str(member)] == ["0922"]


def test_a_second_decision_by_another_device_is_refused_and_changes_nothing(api) -> None:
    sec, dep, member, conflict_id = phone_conflict(api)
    assert api.push(dep, [resolve(2, conflict_id, "server")]).json()["results"][0]["status"] == "applied"
    late = api.push(sec, [resolve(3, conflict_id, "client")]).json()["results"][0]
    assert (late["status"], late["error_code"]) == ("rejected", "already_resolved")
    assert "dep" in late["message"]
    assert late["current"]["fields"]["phone"] == "0911"  # the refused PC gets the record back as it is
    row, kept = member_row(api, member), conflict_row(api, conflict_id)
    assert (row["phone"], row["version"]) == ("0911", 2)  # "server" kept the value: no new version
    assert (kept["status"], kept["version"], kept["resolved_by"], kept["resolution"]) == (
        "resolved", 2, "dep", "server")


def test_a_viewer_cannot_resolve_and_another_cells_conflict_is_not_found(api) -> None:
    _, _, member, conflict_id = phone_conflict(api)
    viewer = api.login("view")
    cell_a = str(api.server.cells["A"])
    assert api.push({**viewer, "cell_id": cell_a}, [resolve(1, conflict_id, "client")]).status_code == 403
    other = api.login("sec_b")
    result = api.push(other, [resolve(1, conflict_id, "client")]).json()["results"][0]
    assert (result["status"], result["error_code"], result["current"]) == ("rejected", "not_found", None)
    unknown = api.push(other, [resolve(2, str(uuid.uuid4()), "client")]).json()["results"][0]
    assert (unknown["status"], unknown["error_code"]) == ("rejected", "not_found")
    assert conflict_row(api, conflict_id)["status"] == "open"
    assert member_row(api, member)["phone"] == "0911"
    assert all(c["id"] != conflict_id for c in api.pull(other).json()["changes"])


def test_malformed_decisions_are_refused(api) -> None:
    _, dep, _, conflict_id = phone_conflict(api)
    bad = [resolve(2, conflict_id, "whoever"), resolve(3, conflict_id, "value"),  # value without values
           resolve(4, conflict_id, "value", {"notes": "x"}),  # a field that is not in conflict
           {**resolve(5, conflict_id, "client"), "entity": "member"},  # resolve is for conflicts only
           {**update(6, "conflict", conflict_id, 1, status=("open", "resolved"))}]  # nor can one edit them
    results = api.push(dep, bad).json()["results"]
    assert [(r["status"], r["error_code"]) for r in results] == [("rejected", "invalid")] * 5, results
    assert conflict_row(api, conflict_id)["status"] == "open"


def test_an_edited_value_on_a_record_that_moved_on_conflicts_again(api) -> None:
    sec, dep, member, conflict_id = phone_conflict(api)
    api.push(sec, [update(3, "member", member, 2, phone=("0911", "0933"))])  # moved on after the conflict
    result = api.push(dep, [resolve(2, conflict_id, "value", {"phone": "0944"})]).json()["results"][0]
    assert result["status"] == "conflict" and result["conflict_id"] not in (None, conflict_id)
    assert member_row(api, member)["phone"] == "0933"  # not overwritten silently
    assert conflict_row(api, conflict_id)["status"] == "resolved"
    again = conflict_row(api, result["conflict_id"])
    assert again["status"] == "open"
    assert json.loads(again["client_fields"]) == {"phone": ["0911", "0944"]}
    assert json.loads(again["server_fields"]) == {"phone": "0933"}


def test_finalised_minutes_cannot_be_changed_by_a_resolution(api) -> None:
    sec, dep = api.login("sec"), api.login("dep")
    meeting, minutes = uuid.uuid4(), uuid.uuid4()
    api.push(sec, [{"mutation_seq": 1, "mutation_id": str(new_id()), "entity": "meeting", "entity_id": str(meeting),
                    "op": "create", "base_version": 0,
                    "fields": {"title": [None, "Họp"], "planned_at": [None, "2026-11-05T19:30:00+00:00"]}},
                   {"mutation_seq": 2, "mutation_id": str(new_id()), "entity": "minutes", "entity_id": str(minutes),
                    "op": "create", "base_version": 0,
                    "fields": {"meeting_id": [None, str(meeting)], "body": [None, "Khai mạc"]}},
                   update(3, "minutes", minutes, 1, body=("Khai mạc", "Khai mạc. Thảo luận"))])
    clash = api.push(dep, [update(1, "minutes", minutes, 1, body=("Khai mạc", "Khai mạc. Bế mạc"))]).json()
    conflict_id = clash["results"][0]["conflict_id"]
    sealed = empty_meeting_hash(meeting, "Khai mạc. Thảo luận")
    assert api.push(sec, [update(4, "minutes", minutes, 2, final_hash=("", sealed))]).json()["results"][0]["status"] == (
        "applied")
    refused = api.push(dep, [resolve(2, conflict_id, "client")]).json()["results"][0]
    assert (refused["status"], refused["error_code"]) == ("rejected", "immutable")
    assert conflict_row(api, conflict_id)["status"] == "open"
    kept = api.push(dep, [resolve(3, conflict_id, "server")]).json()["results"][0]  # keeping is always allowed
    assert kept["status"] == "applied" and conflict_row(api, conflict_id)["status"] == "resolved"
    with api.server.engine.connect() as conn:
        table = RECORDS["minutes"]
        assert conn.execute(select(table.c.body, table.c.version).where(table.c.id == minutes)).one() == (
            "Khai mạc. Thảo luận", 3)


def test_delete_against_an_edit_and_edit_of_a_deleted_record(api) -> None:
    sec, dep = api.login("sec"), api.login("dep")
    kept_one, deleted_one = uuid.uuid4(), uuid.uuid4()
    api.push(sec, [member_create(1, kept_one), member_create(2, deleted_one),
                   update(3, "member", kept_one, 1, notes=("", "chuyển đến")),
                   {**update(4, "member", deleted_one, 1), "op": "delete"}])
    delete = api.push(dep, [{**update(1, "member", kept_one, 1), "op": "delete"}]).json()["results"][0]
    edit = api.push(dep, [update(2, "member", deleted_one, 1, phone=("", "0955"))]).json()["results"][0]
    assert delete["status"] == edit["status"] == "conflict"
    # "client" on a deletion confirms it: a tombstone; on an edit of a deleted record: restore with the edit.
    results = api.push(sec, [resolve(5, delete["conflict_id"], "client"),
                             resolve(6, edit["conflict_id"], "client")]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    gone, back = member_row(api, kept_one), member_row(api, deleted_one)
    assert (gone["deleted"], gone["version"]) == (True, 3)
    assert (back["deleted"], back["phone"], back["version"]) == (False, "0955", 3)
    with api.server.engine.connect() as conn:  # the restore is in the history under the decision's id
        history = conn.execute(select(record_history.c.version, record_history.c.deleted, record_history.c.mutation_id)
                               .where(record_history.c.entity_id == deleted_one)
                               .order_by(record_history.c.version)).all()
    assert [(v, d) for v, d, _ in history] == [(1, False), (2, True), (3, False)]
    assert str(history[-1][2]) == results[1]["mutation_id"]


def test_keeping_the_edit_over_a_deletion_changes_nothing_but_the_conflict(api) -> None:
    sec, dep = api.login("sec"), api.login("dep")
    member = uuid.uuid4()
    api.push(sec, [member_create(1, member), update(2, "member", member, 1, notes=("", "chuyển đến"))])
    delete = api.push(dep, [{**update(1, "member", member, 1), "op": "delete"}]).json()["results"][0]
    result = api.push(dep, [resolve(2, delete["conflict_id"], "server")]).json()["results"][0]
    assert result["status"] == "applied"
    row = member_row(api, member)
    assert (row["deleted"], row["notes"], row["version"]) == (False, "chuyển đến", 2)
