"""Issue 14: the findings of the attack on a running server, each reproduced as a test (SQLite and
PostgreSQL): bounded integers and NUL (no 500s), record rules the server enforces itself."""

from __future__ import annotations

import datetime as dt
import json
import logging
import stat
import uuid
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from models.base import new_id
from models.sealed import canonical_content, content_hash
from secretary_app.server.__main__ import AdminError, create_cell, create_user, reset_password
from secretary_app.server.auth import common_passwords, hash_token
from secretary_app.server.bridge import ASGIBridge
from secretary_app.server.db import RECORDS, auth_event, make_engine, migrate, tokens
from secretary_app.sync.protocol import PREFIX
from tests.server.helpers import Api, member_create, update
from tests.sync.fixtures import HASHER, PASSWORD, make_server


@pytest.fixture
def api(server):
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

def test_integers_beyond_64_bits_answer_422_and_the_queue_goes_on(api) -> None:
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


def test_a_pull_cursor_beyond_64_bits_answers_422(api) -> None:
    sec = api.login("sec")
    assert api.pull(sec, cursor=2**63).status_code == 422
    assert api.pull(sec, cursor=2**63 - 1).status_code == 200


def test_nul_characters_are_refused_everywhere(api) -> None:
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


def test_text_longer_than_a_record_may_hold_is_refused(api) -> None:
    sec = api.login("sec")
    meeting = new_id()
    minutes = {"mutation_seq": 2, "mutation_id": str(new_id()), "entity": "minutes", "entity_id": str(new_id()),
               "op": "create", "base_version": 0,
               "fields": {"meeting_id": [None, str(meeting)], "body": [None, "Khai mạc. " * 25_000]}}
    answer = api.push(sec, [meeting_create(1, meeting), minutes])
    assert answer.status_code == 422  # 250,000 characters: more than the 200,000 a record may hold
    assert json.loads(answer.content)["error"] == "invalid"


# --- 1. a device id shared by two installs ---------------------------------------------------------

def test_a_reused_mutation_seq_with_another_mutation_id_is_refused_distinctly(api) -> None:
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


# --- 3. login throttling that cannot be turned against the user -------------------------------------

def _from(server, address: str) -> httpx.Client:
    bridge = ASGIBridge(server.app, client=(address, 50000))
    BRIDGES.append(bridge)
    return httpx.Client(base_url="http://127.0.0.1:8765", transport=bridge)


BRIDGES: list[ASGIBridge] = []


@pytest.fixture(autouse=True)
def _stop_bridges():
    yield
    while BRIDGES:
        BRIDGES.pop().stop()


def _login(http: httpx.Client, password: str, **headers: str) -> httpx.Response:
    return http.post(f"{PREFIX}/auth/login", json={"username": "sec", "password": password}, headers=headers)


def test_someone_guessing_elsewhere_cannot_lock_the_user_out(api) -> None:
    attacker, user = _from(api.server, "203.0.113.7"), _from(api.server, "198.51.100.20")
    assert [_login(attacker, "sai-mật-khẩu-rồi-nhé").status_code for _ in range(5)] == [401] * 5
    delays = []
    for _ in range(4):  # each further wrong guess doubles the wait: no hard lock
        waited = _login(attacker, "sai-mật-khẩu-rồi-nhé")
        assert waited.status_code == 429
        delays.append(int(waited.headers["Retry-After"]))
        assert _login(user, PASSWORD).status_code == 200  # the real user, at their own address: at once
        api.server.offset += dt.timedelta(seconds=delays[-1])
        assert _login(attacker, "sai-mật-khẩu-rồi-nhé").status_code == 401
    assert delays == [1, 2, 4, 8]
    # The delays grow (no hard lock) and live in the database: a restarted server (or another worker)
    # still makes the guesser wait.
    from secretary_app.server.app import create_app

    again = create_app(api.server.app.state.config)
    restarted = httpx.Client(base_url="http://127.0.0.1:8765", transport=(bridge := ASGIBridge(again, ("203.0.113.7", 1))))
    BRIDGES.append(bridge)
    waited = _login(restarted, PASSWORD)
    assert waited.status_code == 429 and int(waited.headers["Retry-After"]) == 16
    api.server.offset += dt.timedelta(seconds=int(waited.headers["Retry-After"]))
    assert _login(restarted, PASSWORD).status_code == 200  # after the delay, the right password works
    again.state.engine.dispose()


def test_x_forwarded_for_is_read_only_from_a_trusted_proxy(tmp_path) -> None:
    for trusted, separate in (((), False), (("127.0.0.1",), True)):
        server = make_server(f"sqlite:///{tmp_path / f'{len(trusted)}.sqlite3'}", trusted_proxies=trusted)
        try:
            server.cell("A")
            server.user("sec", "secretary", "A")
            http = _from(server, "127.0.0.1")
            for _ in range(6):
                _login(http, "sai-mật-khẩu-rồi-nhé", **{"X-Forwarded-For": "203.0.113.7"})
            other = _login(http, PASSWORD, **{"X-Forwarded-For": "198.51.100.20"})
            # Untrusted peer: the header is ignored, both "addresses" are the peer, which is now throttled.
            assert other.status_code == (200 if separate else 429)
            with server.engine.connect() as conn:
                addresses = set(conn.scalars(select(auth_event.c.address)))
            assert addresses == ({"203.0.113.7", "198.51.100.20"} if separate else {"127.0.0.1"})
        finally:
            server.close()


def test_auth_events_are_recorded_without_secrets(api, caplog) -> None:
    caplog.set_level(logging.INFO, logger="secretary_app.server.auth")
    session = api.login("sec")
    for _ in range(6):
        _login(api.http, "sai-mật-khẩu-bí-mật")
    api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": session["refresh_token"]})
    api.server.offset += dt.timedelta(minutes=20)
    api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": session["refresh_token"]})  # reuse
    reset_password(api.server.engine, HASHER, "sec", "một câu thật dài để nhớ 2026")
    with api.server.engine.connect() as conn:
        kinds = conn.scalars(select(auth_event.c.kind).order_by(auth_event.c.id)).all()
        stored = " ".join(str(v) for row in conn.execute(select(auth_event)) for v in row)
    assert kinds[0] == "login_ok" and kinds.count("login_failed") == 5 and "login_throttled" in kinds
    assert kinds[-2:] == ["refresh_reuse", "password_change"]
    logged = caplog.text
    assert "refresh_reuse" in logged and "login_failed" in logged
    for secret in (PASSWORD, "sai-mật-khẩu-bí-mật", session["refresh_token"], session["access_token"],
                   "một câu thật dài để nhớ 2026"):
        assert secret not in stored and secret not in logged


# --- 4. refresh tolerating a lost answer -------------------------------------------------------------

def test_a_refresh_retried_after_a_lost_answer_gets_the_same_pair(api) -> None:
    session = api.login("sec")
    body = {"refresh_token": session["refresh_token"]}
    lost = api.http.post(f"{PREFIX}/auth/refresh", json=body).json()  # the answer never reached the PC
    api.server.offset += dt.timedelta(seconds=50)
    retried = api.http.post(f"{PREFIX}/auth/refresh", json=body)
    assert retried.status_code == 200 and retried.json() == lost
    assert api.pull(retried.json()).status_code == 200
    assert api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": lost["refresh_token"]}).status_code == 200


def test_three_concurrent_refreshes_do_not_revoke_the_winner(api) -> None:
    session = api.login("sec")
    body = {"refresh_token": session["refresh_token"]}
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda _: api.http.post(f"{PREFIX}/auth/refresh", json=body), range(3)))
    assert [a.status_code for a in answers] == [200] * 3
    pairs = {(a.json()["access_token"], a.json()["refresh_token"]) for a in answers}
    assert len(pairs) == 1
    access, refresh = pairs.pop()
    assert api.pull({"access_token": access}).status_code == 200
    assert api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": refresh}).status_code == 200


def test_a_refresh_family_ends_after_its_absolute_lifetime(api) -> None:
    token = api.login("sec")["refresh_token"]
    for day in (25, 50, 75):  # refreshed before each 30-day idle limit
        api.server.offset = dt.timedelta(days=day)
        answer = api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": token})
        assert answer.status_code == 200, day
        token = answer.json()["refresh_token"]
    api.server.offset = dt.timedelta(days=91)  # 16 days after the last refresh, but 91 after the login
    assert api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": token}).status_code == 401


# --- 7. password policy, private files, purged tokens -----------------------------------------------

def test_common_passwords_and_the_user_name_are_refused(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    migrate(engine)
    create_cell(engine, "Chi bộ 5", "Đảng bộ phường")
    for weak in ("password1234", "Matkhau@2026", "anhyeuem123456", "123456789012", "bithu5-bithu5-x"):
        with pytest.raises(AdminError):
            create_user(engine, HASHER, "bithu5", "secretary", weak, ["Chi bộ 5"])
    assert len(common_passwords()) > 2000
    create_user(engine, HASHER, "bithu5", "secretary", "hoa sen nở giữa hồ 2026", ["Chi bộ 5"])
    engine.dispose()


def test_database_and_log_files_are_private(tmp_path) -> None:
    from secretary_app.server.__main__ import _log_to

    path = tmp_path / "server.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    create_cell(engine, "Chi bộ 5", "Đảng bộ phường")
    files = [p for p in tmp_path.iterdir() if p.name.startswith("server.sqlite3")]
    assert len(files) >= 2  # the database and its WAL
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}
    engine.dispose()
    log = tmp_path / "logs" / "server.log"
    _log_to(log)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    for name in ("secretary_app", "uvicorn", "uvicorn.access", "uvicorn.error"):
        for handler in [h for h in logging.getLogger(name).handlers if getattr(h, "baseFilename", "") == str(log)]:
            logging.getLogger(name).removeHandler(handler)
            handler.close()


def test_spent_tokens_are_purged_on_a_schedule(api) -> None:
    from starlette.testclient import TestClient

    first = api.login("sec")
    second = api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    api.call("POST", f"{PREFIX}/auth/logout", second["access_token"])
    live = api.login("sec")
    with api.server.engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(tokens))
    assert before == 6
    api.server.offset = dt.timedelta(days=2)  # the revoked ones are a day old; the live login's access expired
    with TestClient(api.server.app):  # startup runs the first purge, then one an hour
        pass
    with api.server.engine.connect() as conn:
        left = set(conn.scalars(select(tokens.c.token_hash)))
    assert left == {hash_token(live["refresh_token"])}


# --- 5. record rules the server enforces itself ------------------------------------------------------

def _create(seq: int, entity: str, record_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    return {"mutation_seq": seq, "mutation_id": str(new_id()), "entity": entity, "entity_id": str(record_id),
            "op": "create", "base_version": 0, "fields": {k: [None, v] for k, v in values.items()}}


def _statuses(answer: httpx.Response) -> list[tuple[str, str]]:
    assert answer.status_code == 200, answer.text
    return [(r["status"], r["error_code"]) for r in answer.json()["results"]]


def _sealed_hash(meeting: uuid.UUID, member: uuid.UUID, body: str) -> str:
    """What the app computes when it finalises this meeting (models.sealed, as the client does)."""
    ns = SimpleNamespace
    return content_hash(canonical_content(
        ns(id=meeting, title="Sinh hoạt thường kỳ", kind="regular", planned_at=dt.datetime(2026, 11, 5, 19, 30),
           place="", chair_id=None, recorder_id=None), [],
        [ns(member_id=member, status="present", reason="", approved=False)], [],
        [ns(subject="Thông qua nghị quyết", decision_kind="resolution", yes=10, no=0, abstain=0, base=12, passed=True,
            ballots="")], [], body))


def test_a_finalised_meeting_is_sealed_against_crafted_pushes(api) -> None:
    sec = api.login("sec")
    meeting, member, vote, minutes, attendance = new_id(), new_id(), new_id(), new_id(), new_id()
    setup = [meeting_create(1, meeting), _create(2, "attendance", attendance, meeting_id=str(meeting),
                                                 member_id=str(member), status="present"),
             vote_create(3, meeting, vote), _create(4, "minutes", minutes, meeting_id=str(meeting), body="Khai mạc")]
    assert _statuses(api.push(sec, setup)) == [("applied", "")] * 4
    wrong = update(5, "minutes", minutes, 1, final_hash=("", "0" * 64))
    assert _statuses(api.push(sec, [wrong])) == [("rejected", "invalid_hash")]
    right = update(6, "minutes", minutes, 1, final_hash=("", _sealed_hash(meeting, member, "Khai mạc")))
    assert _statuses(api.push(sec, [right])) == [("applied", "")]
    crafted = [update(7, "attendance", attendance, 1, status=("present", "absent")),
               update(8, "vote", vote, 1, yes=(10, 12)),
               {**update(9, "vote", vote, 1), "op": "delete"},
               _create(10, "guest", new_id(), meeting_id=str(meeting), name="Khách lạ"),
               vote_create(11, meeting),
               _create(12, "task", new_id(), meeting_id=str(meeting), content="Việc thêm sau")]
    assert _statuses(api.push(sec, crafted)) == [("rejected", "immutable")] * 6
    with api.server.engine.connect() as conn:
        row = conn.execute(select(RECORDS["vote"]).where(RECORDS["vote"].c.id == vote)).mappings().one()
        assert (row["yes"], row["deleted"], row["version"]) == (10, False, 1)
        assert conn.scalar(select(func.count()).select_from(RECORDS["guest"])) == 0


def test_vote_counts_are_non_negative_and_within_the_base(api) -> None:
    sec = api.login("sec")
    meeting, vote = new_id(), new_id()
    answer = api.push(sec, [meeting_create(1, meeting), vote_create(2, meeting, yes=-1),
                            vote_create(3, meeting, yes=8, no=3, abstain=2, base=12), vote_create(4, meeting, vote),
                            update(5, "vote", vote, 1, no=(0, 5))])
    assert _statuses(answer) == [("applied", ""), ("rejected", "invalid"), ("rejected", "invalid"),
                                 ("applied", ""), ("rejected", "invalid")]
