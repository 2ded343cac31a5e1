"""Passwords, tokens, rotation, throttling, and what a disabled user or an expired token gets."""

from __future__ import annotations

import datetime as dt
import unicodedata

from argon2 import PasswordHasher
from sqlalchemy import select, update

from secretary_app.server.__main__ import disable_user, main, reset_password
from secretary_app.server.db import tokens, users
from secretary_app.sync.protocol import PREFIX
from tests.server.helpers import Api, hello_body
from tests.sync.fixtures import HASHER, PASSWORD, make_server


def test_passwords_are_argon2id_with_rfc9106_defaults_and_old_hashes_are_upgraded(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    server = make_server(url)  # users made with the cheap test profile
    try:
        server.cell("A")
        server.user("sec", "secretary", "A")
        server.app.state.auth.hasher = PasswordHasher()  # the production default
        Api(server).login("sec")
        with server.engine.connect() as conn:
            stored = conn.scalar(select(users.c.password_hash).where(users.c.username == "sec"))
        assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    finally:
        server.close()


def test_refresh_rotates_and_a_reused_refresh_token_revokes_the_family(server) -> None:
    server.cell("A")
    server.user("sec", "secretary", "A")
    api = Api(server)
    first = api.login("sec")
    rotated = api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert api.call("GET", f"{PREFIX}/pull", first["access_token"]).status_code == 401  # old access died
    assert api.call("GET", f"{PREFIX}/pull", second["access_token"]).status_code == 200
    server.offset = dt.timedelta(seconds=61)  # past the grace window of a lost answer
    reuse = api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    assert api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": second["refresh_token"]}).status_code == 401
    assert api.call("GET", f"{PREFIX}/pull", second["access_token"]).status_code == 401
    with server.engine.connect() as conn:  # only hashes are stored
        stored = set(conn.scalars(select(tokens.c.token_hash)))
    assert first["access_token"] not in stored and first["refresh_token"] not in stored


def test_expired_access_token_is_refused_then_refresh_works(server) -> None:
    server.cell("A")
    server.user("sec", "secretary", "A")
    api = Api(server)
    session = api.login("sec")
    server.offset = dt.timedelta(minutes=16)
    assert api.call("GET", f"{PREFIX}/pull", session["access_token"]).status_code == 401
    fresh = api.http.post(f"{PREFIX}/auth/refresh", json={"refresh_token": session["refresh_token"]}).json()
    assert api.call("GET", f"{PREFIX}/pull", fresh["access_token"]).status_code == 200


def test_disabled_user_and_password_reset_end_every_session(server) -> None:
    server.cell("A")
    server.user("sec", "secretary", "A")
    api = Api(server)
    session = api.login("sec")
    disable_user(server.engine, "sec")
    assert api.call("GET", f"{PREFIX}/pull", session["access_token"]).status_code == 401
    # The right password for a disabled account is told so plainly (only its owner can know it)…
    refused = api.http.post(f"{PREFIX}/auth/login", json={"username": "sec", "password": PASSWORD})
    assert (refused.status_code, refused.json()["error"]) == (403, "account_disabled")
    # …while a wrong one learns nothing about the account.
    wrong = api.http.post(f"{PREFIX}/auth/login", json={"username": "sec", "password": "sai-mật-khẩu-rồi-2026"})
    assert (wrong.status_code, wrong.json()["error"]) == (401, "invalid_credentials")
    reset_password(server.engine, HASHER, "sec", "một-mật-khẩu-mới-hơn")
    assert api.login("sec", "một-mật-khẩu-mới-hơn")["role"] == "secretary"


def test_login_throttle_generic_errors_and_nfd_passwords(server) -> None:
    server.cell("A")
    server.user("sec", "secretary", "A")
    api = Api(server)
    nfd = unicodedata.normalize("NFD", PASSWORD)
    assert api.login("sec", nfd)["user"] == "sec"  # typed on a Mac: same password
    unknown = api.http.post(f"{PREFIX}/auth/login", json={"username": "nobody", "password": "x" * 12})
    wrong = api.http.post(f"{PREFIX}/auth/login", json={"username": "sec", "password": "x" * 12})
    assert unknown.status_code == wrong.status_code == 401 and unknown.json() == wrong.json()
    for _ in range(4):
        api.http.post(f"{PREFIX}/auth/login", json={"username": "sec", "password": "x" * 12})
    sixth = api.http.post(f"{PREFIX}/auth/login", json={"username": "sec", "password": PASSWORD})
    assert sixth.status_code == 429 and int(sixth.headers["Retry-After"]) > 0
    server.offset += dt.timedelta(seconds=int(sixth.headers["Retry-After"]))  # a short delay, not a lock
    assert api.login("sec")["user"] == "sec"


def test_the_caller_comes_from_the_token_not_the_body(server) -> None:
    server.cell("A")
    server.user("sec", "secretary", "A")
    server.user("dep", "deputy", "A")
    api = Api(server)
    sec, dep = api.login("sec"), api.login("dep")
    body = hello_body(sec)
    assert api.call("POST", f"{PREFIX}/hello", dep["access_token"], json=body).status_code == 403
    forged = {"device_id": sec["device_id"], "cell_id": sec["cell_id"], "mutations": []}
    assert api.call("POST", f"{PREFIX}/push", dep["access_token"], json=forged,
                    headers={"Idempotency-Key": "k"}).status_code in (403, 422)


def test_admin_cli_creates_cells_and_users_with_a_password_from_stdin(tmp_path, monkeypatch, capsys) -> None:
    import io
    import sys

    data = str(tmp_path / "srv")
    assert main(["--data-dir", data, "create-cell", "--name", "Chi bộ 5", "--superior", "Đảng bộ phường"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("ngắn\n"))
    assert main(["--data-dir", data, "create-user", "--cell", "Chi bộ 5", "--role", "secretary",
                 "--username", "bt"]) == 1
    assert "ít nhất 12 ký tự" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--data-dir", data, "create-user", "--cell", "Không có", "--role", "secretary",
                 "--username", "bt"]) == 1
    assert "Không có chi bộ tên" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--data-dir", data, "create-user", "--cell", "Chi bộ 5", "--role", "secretary",
                 "--username", "bt"]) == 0
    assert main(["--data-dir", data, "disable-user", "--username", "bt"]) == 0
    assert main(["--data-dir", data, "bump-epoch"]) == 0
    assert "1 chi bộ" in capsys.readouterr().out


def test_tokens_table_revocation_is_immediate(server) -> None:
    server.cell("A")
    server.user("sec", "secretary", "A")
    api = Api(server)
    session = api.login("sec")
    with server.engine.begin() as conn:
        conn.execute(update(tokens).values(revoked_at=dt.datetime.now(dt.UTC)))
    assert api.call("GET", f"{PREFIX}/pull", session["access_token"]).status_code == 401
