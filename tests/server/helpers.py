"""Small HTTP helpers for server tests: log in through the API and call it with a token."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from models.base import new_id
from secretary_app.sync.codec import SCHEMA_VERSION
from secretary_app.sync.protocol import PREFIX
from tests.sync.fixtures import PASSWORD, Server


class Api:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.http = httpx.Client(base_url="http://127.0.0.1:8765", transport=server.bridge)

    def login(self, username: str, password: str = PASSWORD, device_id: uuid.UUID | None = None) -> dict[str, Any]:
        response = self.http.post(f"{PREFIX}/auth/login", json={"username": username, "password": password,
                                                                  "device_id": str(device_id) if device_id else None})
        assert response.status_code == 200, response.text
        return response.json()

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.http.request(method, path, headers=headers, **kwargs)

    def push(self, session: dict[str, Any], mutations: list[dict[str, Any]], key: str | None = None,
             cell_id: str | None = None) -> httpx.Response:
        body = {"device_id": session["device_id"], "cell_id": cell_id or session["cell_id"], "mutations": mutations}
        return self.call("POST", f"{PREFIX}/push", session["access_token"], json=body,
                         headers={"Idempotency-Key": key or str(uuid.uuid4())})

    def pull(self, session: dict[str, Any], cursor: int = 0, **params: Any) -> httpx.Response:
        return self.call("GET", f"{PREFIX}/pull", session["access_token"], params={"cursor": cursor, **params})


def member_create(seq: int, member_id: uuid.UUID | None = None, name: str = "Nguyễn Văn An",
                  **fields: Any) -> dict[str, Any]:
    values = {"full_name": name, "search_key": "", "phone": "", "notes": "", **fields}
    return {"mutation_seq": seq, "mutation_id": str(new_id()), "entity": "member",
            "entity_id": str(member_id or new_id()), "op": "create", "base_version": 0,
            "fields": {k: [None, v] for k, v in values.items()}}


def update(seq: int, entity: str, entity_id: uuid.UUID | str, base: int, **fields: tuple[Any, Any]) -> dict[str, Any]:
    return {"mutation_seq": seq, "mutation_id": str(new_id()), "entity": entity, "entity_id": str(entity_id),
            "op": "update", "base_version": base, "fields": {k: list(v) for k, v in fields.items()}}


def hello_body(session: dict[str, Any]) -> dict[str, Any]:
    return {"device_id": session["device_id"], "app_version": "0.1", "protocol": 1,
            "schema_version": SCHEMA_VERSION - 1,  # the older client version the server still accepts
            "client_time": dt.datetime.now(dt.UTC).isoformat()}


def empty_meeting_hash(meeting_id: uuid.UUID, body: str, title: str = "Họp") -> str:
    """The final_hash the app gives the minutes of a meeting with no items, attendance, votes or tasks,
    planned 2026-11-05 19:30 (models.sealed, as the client computes it)."""
    from types import SimpleNamespace

    from models.sealed import canonical_content, content_hash

    meeting = SimpleNamespace(id=meeting_id, title=title, kind="regular", planned_at=dt.datetime(2026, 11, 5, 19, 30),
                              place="", chair_id=None, recorder_id=None)
    return content_hash(canonical_content(meeting, [], [], [], [], [], body))
