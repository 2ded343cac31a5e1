"""Issue 14's findings, one behaviour each, spoken over HTTP only (plus the admin functions the server has
always had), so that the same tests run on the server before the hardening and fail there by what it does,
not by a missing import (scripts/prove_findings.py runs them on both). The detailed tests of each fix live
in test_hardening.py and test_body_limit.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import stat
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from models.base import aware, new_id
from secretary_app.server.__main__ import AdminError, create_cell, create_user
from secretary_app.server.app import create_app
from secretary_app.server.bridge import ASGIBridge
from secretary_app.server.db import RECORDS, login_throttle, make_engine, migrate
from secretary_app.sync.protocol import PREFIX
from tests.server.helpers import Api, member_create, update
from tests.sync.fixtures import HASHER, PASSWORD

WRONG = "sai-mật-khẩu-rồi-nhé"


@pytest.fixture
def api(server):
    server.cell("A")
    server.user("sec", "secretary", "A")
    yield Api(server)


@pytest.fixture
def clients():
    """HTTP clients to an app as seen from a given address; their bridges are stopped after the test."""
    bridges: list[ASGIBridge] = []

    def make(app: object, address: str) -> httpx.Client:
        bridges.append(ASGIBridge(app, client=(address, 50000)))
        return httpx.Client(base_url="http://127.0.0.1:8765", transport=bridges[-1])

    yield make
    for bridge in bridges:
        bridge.stop()


def _login(http: httpx.Client, password: str) -> httpx.Response:
    return http.post(f"{PREFIX}/auth/login", json={"username": "sec", "password": password})


def _names(api: Api) -> list[str]:
    with api.server.engine.connect() as conn:
        return sorted(conn.scalars(select(RECORDS["member"].c.full_name)))


# 1 --------------------------------------------------------------------------------------------------

def test_a_reused_seq_with_another_change_is_not_answered_with_the_stored_result(api) -> None:
    """Two installs with one device id both send seq 1: the second change must not be reported as applied
    unless it is on the server (the copy printed pushed=1 and the edit was nowhere)."""
    sec = api.login("sec")
    assert api.push(sec, [member_create(1, name="Nguyễn Văn An")]).status_code == 200
    copy = api.push(sec, [member_create(1, name="Trần Thị Bình")])
    said_applied = copy.status_code == 200 and copy.json()["results"][0]["status"] in ("applied", "duplicate")
    assert not said_applied or "Trần Thị Bình" in _names(api), copy.text
    assert copy.status_code == 409  # told plainly, so the client can become a new device


# 3 --------------------------------------------------------------------------------------------------

def test_wrong_guesses_from_elsewhere_do_not_lock_the_real_user_out(api, clients) -> None:
    attacker, user = clients(api.server.app, "203.0.113.7"), clients(api.server.app, "198.51.100.20")
    for _ in range(6):
        _login(attacker, WRONG)
    assert _login(user, PASSWORD).status_code == 200


def test_the_login_throttle_survives_a_restart(api, clients) -> None:
    guesser = clients(api.server.app, "203.0.113.7")
    assert _login(guesser, WRONG).status_code == 401
    answers = [_login(guesser, WRONG).status_code for _ in range(6)]
    assert 429 in answers
    # The wait grows from 1 s, so on a loaded machine the restart below can outlast it: the restarted
    # server's clock stands at a moment inside the wait the first one stored (its row is what must survive).
    with api.server.app.state.engine.connect() as conn:
        until = max(aware(u) for u in conn.scalars(select(login_throttle.c.blocked_until)))
    config = dataclasses.replace(api.server.app.state.config, clock=lambda: until - dt.timedelta(milliseconds=500))
    restarted = create_app(config)  # a restart, or a second worker on the same database
    try:
        again = clients(restarted, "203.0.113.7")
        assert _login(again, WRONG).status_code == 429
    finally:
        restarted.state.engine.dispose()


# 4 --------------------------------------------------------------------------------------------------

def test_a_refresh_retried_after_a_lost_answer_keeps_the_session(api) -> None:
    session = api.login("sec")
    body = {"refresh_token": session["refresh_token"]}
    assert api.http.post(f"{PREFIX}/auth/refresh", json=body).status_code == 200  # this answer is lost
    retried = api.http.post(f"{PREFIX}/auth/refresh", json=body)
    assert retried.status_code == 200
    assert api.pull(retried.json()).status_code == 200


# 5 --------------------------------------------------------------------------------------------------

def _create(seq: int, entity: str, record_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    return {"mutation_seq": seq, "mutation_id": str(new_id()), "entity": entity, "entity_id": str(record_id),
            "op": "create", "base_version": 0, "fields": {k: [None, v] for k, v in values.items()}}


def _sealed(meeting: uuid.UUID, member: uuid.UUID, notes: str) -> str:
    """The final_hash the app computes for this meeting: SHA-256 of the canonical JSON (docs/architecture.md),
    written out here so the test needs no code of either server version."""
    content = {"meeting": {"id": str(meeting), "title": "Sinh hoạt", "kind": "regular",
                           "planned_at": "2026-11-05T19:30:00", "place": "", "chair": "", "recorder": ""},
               "items": [], "attendance": [[str(member), "present", "", False]], "guests": [], "votes": [],
               "tasks": [], "notes": notes}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_a_finalised_meeting_cannot_be_changed_by_a_crafted_push(api) -> None:
    sec = api.login("sec")
    meeting, member, attendance, minutes = new_id(), new_id(), new_id(), new_id()
    setup = [_create(1, "meeting", meeting, title="Sinh hoạt", planned_at="2026-11-05T19:30:00+00:00"),
             _create(2, "attendance", attendance, meeting_id=str(meeting), member_id=str(member), status="present"),
             _create(3, "minutes", minutes, meeting_id=str(meeting), body="Khai mạc")]
    assert [r["status"] for r in api.push(sec, setup).json()["results"]] == ["applied"] * 3
    junk = api.push(sec, [update(4, "minutes", minutes, 1, final_hash=("", "bất kỳ chuỗi nào"))])
    assert junk.json()["results"][0]["status"] == "rejected"  # a final_hash that is not the content's
    final = api.push(sec, [update(5, "minutes", minutes, 1, final_hash=("", _sealed(meeting, member, "Khai mạc")))])
    assert final.json()["results"][0]["status"] == "applied"
    crafted = api.push(sec, [update(6, "attendance", attendance, 1, status=("present", "absent")),
                             _create(7, "vote", new_id(), meeting_id=str(meeting), subject="Thêm sau", yes=1, no=0,
                                     abstain=0, base=1, passed=True)])
    assert [r["status"] for r in crafted.json()["results"]] == ["rejected", "rejected"]


def test_negative_vote_counts_and_huge_texts_are_refused(api) -> None:
    sec = api.login("sec")
    meeting = new_id()
    negative = _create(2, "vote", new_id(), meeting_id=str(meeting), subject="Biểu quyết", yes=-5, no=0, abstain=0,
                       base=3, passed=False)
    answer = api.push(sec, [_create(1, "meeting", meeting, title="Họp", planned_at="2026-11-05T19:30:00+00:00"),
                            negative])
    assert answer.json()["results"][1]["status"] == "rejected"
    body = _create(3, "minutes", new_id(), meeting_id=str(meeting), body="Khai mạc. " * 100_000)
    huge = api.push(sec, [body])  # a 1,000,000-character minutes body
    assert huge.status_code == 413 or huge.status_code == 422 or huge.json()["results"][0]["status"] == "rejected"


# 6 --------------------------------------------------------------------------------------------------

def test_huge_integers_a_huge_cursor_and_nul_answer_422_not_500(api) -> None:
    sec = api.login("sec")
    for mutation in ({**member_create(1), "base_version": 2**70}, member_create(1, name="An\x00")):
        try:
            answer = api.push(sec, [mutation]).status_code
        except Exception as error:
            answer = f"server error: {error!r}"[:80]
        assert answer == 422
    assert api.pull(sec, cursor=2**63).status_code == 422
    assert api.push(sec, [member_create(1)]).status_code == 200  # the queue goes on
    assert _names(api) == ["Nguyễn Văn An"]


# 7 --------------------------------------------------------------------------------------------------

def test_a_refresh_family_dies_after_ninety_days(api) -> None:
    token = api.login("sec")["refresh_token"]
    for day in (25, 50, 75, 100):  # each refresh within the 30-day idle limit
        api.server.offset = dt.timedelta(days=day)
        answer = api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": token})
        if answer.status_code != 200:
            break
        token = answer.json()["refresh_token"]
    assert (day, answer.status_code) == (100, 401)


def test_a_common_password_is_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    migrate(engine)
    create_cell(engine, "Chi bộ 5", "Đảng bộ phường")
    with pytest.raises(AdminError):
        create_user(engine, HASHER, "bithu5", "secretary", "password1234", ["Chi bộ 5"])
    engine.dispose()


def test_the_server_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "server.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
