"""Every route × role × own/other cell → the expected status. A route without a policy entry fails."""

from __future__ import annotations

import uuid

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from secretary_app.server.app import POLICY
from secretary_app.server.db import RECORDS
from secretary_app.sync.protocol import PREFIX
from tests.server.helpers import Api, hello_body, member_create
from tests.sync.fixtures import PASSWORD, make_server

ROLES = ("anonymous", "secretary", "deputy", "viewer", "admin")


def expected(route: tuple[str, str], role: str, scope: str) -> int:
    allowed = POLICY[route]
    if allowed == "public":
        return 200
    if role == "anonymous":
        return 401
    if role not in allowed:
        return 403
    if route[1] in (f"{PREFIX}/auth/logout", f"{PREFIX}/auth/password", f"{PREFIX}/admin/users",
                    f"{PREFIX}/devices"):  # not cell-scoped
        return 200
    return 200 if scope == "own" else 403  # a viewer's "own" cell is one assigned to it


@pytest.fixture
def world(tmp_path):
    server = make_server(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    a, b = server.cell("A"), server.cell("B")
    server.user("sec", "secretary", "A")
    server.user("dep", "deputy", "A")
    server.user("view", "viewer", "A")
    server.user("adm", "admin")
    server.user("sec_b", "secretary", "B")
    yield server, a, b
    server.close()


def _request(api: Api, route: tuple[str, str], role: str, scope: str, cells: dict[str, uuid.UUID]):
    method, path = route
    user = {"secretary": "sec", "deputy": "dep", "viewer": "view", "admin": "adm"}.get(role, "sec")
    session = api.login(user)
    token = None if role == "anonymous" else session["access_token"]
    cell = str(cells["A"] if scope == "own" else cells["B"])
    # Writers address their own cell implicitly; "other" names the other cell explicitly.
    params = {"cell_id": cell} if (scope == "other" or role == "viewer") else {}
    if path == "/healthz":
        return api.call(method, path)
    if path.endswith("/auth/login"):
        return api.http.post(path, json={"username": user, "password": PASSWORD})
    if path.endswith("/auth/refresh"):
        return api.http.post(path, json={"refresh_token": session["refresh_token"]})
    if path.endswith("/hello"):
        return api.call(method, path, token, json=hello_body(session), params=params)
    if path.endswith("/push"):
        body = {"device_id": session["device_id"], "cell_id": cell, "mutations": [member_create(1)]}
        return api.call(method, path, token, json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    if path.endswith("/audit"):  # an empty batch: "how far do you hold my chain?"
        return api.call(method, path, token, json={"device_id": session["device_id"], "cell_id": cell, "entries": []})
    if path.endswith("/devices"):
        return api.call(method, path, token, json={"device_name": "PC"})
    if path.endswith("/auth/password"):  # the same password again: allowed, and the next login still works
        return api.call(method, path, token, json={"current_password": PASSWORD, "new_password": PASSWORD})
    if path.endswith("/reconcile"):
        return api.call(method, path, token, json={"inventory": []}, params=params)
    return api.call(method, path, token, params=params)


def test_every_route_has_a_policy_and_answers_as_the_matrix_says(world) -> None:
    server, a, b = world
    api = Api(server)
    routes = [(m, r.path) for r in server.app.routes if isinstance(r, APIRoute) for m in r.methods or ()]
    assert routes, "no routes found"
    missing = [r for r in routes if r not in POLICY]
    assert missing == [], f"routes without a policy entry: {missing}"
    failures = []
    for route in routes:
        for role in ROLES:
            for scope in ("own", "other"):
                got = _request(api, route, role, scope, {"A": a, "B": b}).status_code
                if got != expected(route, role, scope):
                    failures.append((route, role, scope, got, expected(route, role, scope)))
    assert failures == []
    with server.engine.connect() as conn:  # nothing reached cell B
        assert conn.scalar(select(func.count()).select_from(RECORDS["member"])
                           .where(RECORDS["member"].c.cell_id == b)) == 0


def test_a_route_without_policy_is_denied_and_fails_the_matrix(world) -> None:
    server, _, _ = world
    from fastapi import Depends

    from secretary_app.server.app import guard

    @server.app.get("/sync/v1/forgotten")
    def forgotten(_=Depends(guard)) -> dict[str, str]:  # noqa: B008
        return {"secret": "x"}

    api = Api(server)
    session = api.login("adm")
    assert api.call("GET", "/sync/v1/forgotten", session["access_token"]).status_code == 403
    routes = [(m, r.path) for r in server.app.routes if isinstance(r, APIRoute) for m in r.methods or ()]
    assert ("GET", "/sync/v1/forgotten") in [r for r in routes if r not in POLICY]


def test_ids_of_another_cell_are_refused_and_change_nothing(world) -> None:
    server, _, b = world
    api = Api(server)
    other = api.login("sec_b")
    theirs = uuid.uuid4()
    assert api.push(other, [member_create(1, theirs, name="Người chi bộ B")]).status_code == 200
    mine = api.login("sec")
    results = api.push(mine, [
        {**member_create(1, theirs, name="Đổi tên"), "op": "update", "base_version": 1,
         "fields": {"full_name": ["Người chi bộ B", "Đổi tên"]}},
        {**member_create(2, theirs), "op": "delete", "fields": {}, "base_version": 1},
        member_create(3, theirs, name="Tạo trùng id"),
    ]).json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 3, results
    assert {r["error_code"] for r in results} == {"not_found"}, [(r["error_code"], r["message"]) for r in results]
    assert all(r["current"] is None for r in results)  # nothing of cell B leaks back
    assert api.push(mine, [member_create(4)], cell_id=str(b)).status_code == 403
    pulled = api.pull(mine).json()
    assert all(c["id"] != str(theirs) for c in pulled["changes"])
    with server.engine.connect() as conn:
        row = conn.execute(select(RECORDS["member"]).where(RECORDS["member"].c.id == theirs)).mappings().one()
    assert (row["full_name"], row["version"], row["deleted"]) == ("Người chi bộ B", 1, False)
