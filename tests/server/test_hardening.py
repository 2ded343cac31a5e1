"""Issue 14: the findings of the attack on a running server, each reproduced as a test (SQLite and
PostgreSQL): bounded integers and NUL (no 500s), record rules the server enforces itself."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from models.base import new_id
from secretary_app.server.db import RECORDS
from secretary_app.sync.protocol import PREFIX
from tests.server.helpers import Api, member_create


@pytest.fixture
def api(server):  # type: ignore[no-untyped-def]
    server.cell("A")
    server.user("sec", "secretary", "A")
    return Api(server)


def meeting_create(seq: int, meeting_id: uuid.UUID) -> dict[str, Any]:
    values = {"title": "Sinh hoạt thường kỳ", "planned_at": "2026-11-05T19:30:00+00:00"}
    return {"mutation_seq": seq, "mutation_id": str(new_id()), "entity": "meeting", "entity_id": str(meeting_id),
            "op": "create", "base_version": 0, "fields": {k: [None, v] for k, v in values.items()}}


def vote_create(seq: int, meeting_id: uuid.UUID, vote_id: uuid.UUID | None = None, **counts: Any) -> dict[str, Any]:
    values = {"meeting_id": str(meeting_id), "subject": "Thông qua nghị quyết", "yes": 10, "no": 0, "abstain": 0,
              "base": 12, "passed": True, **counts}
    return {"mutation_seq": seq, "mutation_id": str(new_id()), "entity": "vote", "entity_id": str(vote_id or new_id()),
            "op": "create", "base_version": 0, "fields": {k: [None, v] for k, v in values.items()}}


# --- 6. no 500s ------------------------------------------------------------------------------------

def test_integers_beyond_64_bits_answer_422_and_the_queue_goes_on(api) -> None:  # type: ignore[no-untyped-def]
    sec = api.login("sec")
    meeting = new_id()
    assert api.push(sec, [meeting_create(1, meeting)]).status_code == 200
    huge_base = {**member_create(2), "base_version": 2**70}
    assert api.push(sec, [huge_base]).status_code == 422
    assert api.push(sec, [vote_create(2, meeting, yes=2**70)]).status_code == 422
    # Within 64 bits but beyond the 32-bit column: refused for this record only, alike on both databases.
    answer = api.push(sec, [vote_create(2, meeting, yes=2**40), member_create(3)])
    assert answer.status_code == 200
    assert [(r["status"], r["error_code"]) for r in answer.json()["results"]] == [("rejected", "invalid"),
                                                                                 ("applied", "")]


def test_a_pull_cursor_beyond_64_bits_answers_422(api) -> None:  # type: ignore[no-untyped-def]
    sec = api.login("sec")
    assert api.pull(sec, cursor=2**63).status_code == 422
    assert api.pull(sec, cursor=2**63 - 1).status_code == 200


def test_nul_characters_are_refused_everywhere(api) -> None:  # type: ignore[no-untyped-def]
    sec = api.login("sec")
    assert api.push(sec, [member_create(1, name="Nguyễn\x00Văn An")]).status_code == 422
    assert api.push(sec, [member_create(1, notes="ghi\x00chú")]).status_code == 422
    login = api.http.post(f"{PREFIX}/auth/login", json={"username": "sec\x00", "password": "x" * 12})
    assert login.status_code == 422
    named = api.http.post(f"{PREFIX}/auth/login", json={"username": "sec", "password": "x" * 12,
                                                        "device_name": "PC\x00"})
    assert named.status_code == 422
    assert api.push(sec, [member_create(1)]).status_code == 200
    with api.server.engine.connect() as conn:
        names = conn.scalars(select(RECORDS["member"].c.full_name)).all()
    assert names == ["Nguyễn Văn An"]


def test_text_longer_than_a_record_may_hold_is_refused(api) -> None:  # type: ignore[no-untyped-def]
    sec = api.login("sec")
    meeting = new_id()
    minutes = {"mutation_seq": 2, "mutation_id": str(new_id()), "entity": "minutes", "entity_id": str(new_id()),
               "op": "create", "base_version": 0,
               "fields": {"meeting_id": [None, str(meeting)], "body": [None, "Khai mạc. " * 25_000]}}
    answer = api.push(sec, [meeting_create(1, meeting), minutes])
    assert answer.status_code == 422  # 250,000 characters: more than the 200,000 a record may hold
    assert json.loads(answer.content)["error"] == "invalid"


# --- 1. a device id shared by two installs ---------------------------------------------------------

def test_a_reused_mutation_seq_with_another_mutation_id_is_refused_distinctly(api) -> None:  # type: ignore[no-untyped-def]
    sec = api.login("sec")
    first = member_create(1, name="Nguyễn Văn An")
    assert api.push(sec, [first]).status_code == 200
    again = api.push(sec, [first])  # the same change again: its stored answer
    assert again.status_code == 200 and again.json()["results"][0]["status"] == "applied"
    copy = api.push(sec, [member_create(1, name="Trần Thị Bình")])  # seq 1 again, another change
    assert copy.status_code == 409 and copy.json() == {"error": "device_reused"}
    with api.server.engine.connect() as conn:
        assert conn.scalars(select(RECORDS["member"].c.full_name)).all() == ["Nguyễn Văn An"]
    # The copy becomes a new device (same account) and sends both changes again from seq 1: the one the
    # original already sent is recognised by its mutation_id, the other is applied.
    fresh = api.call("POST", f"{PREFIX}/devices", sec["access_token"], json={"device_name": "PC 2"})
    assert fresh.status_code == 200
    new = fresh.json()
    assert new["device_id"] != sec["device_id"] and new["cell_id"] == sec["cell_id"]
    answer = api.push(new, [{**first, "mutation_seq": 1}, member_create(2, name="Trần Thị Bình")])
    assert [r["status"] for r in answer.json()["results"]] == ["duplicate", "applied"]
    with api.server.engine.connect() as conn:
        assert sorted(conn.scalars(select(RECORDS["member"].c.full_name))) == ["Nguyễn Văn An", "Trần Thị Bình"]
