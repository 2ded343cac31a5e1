"""Sync fixtures: every server test runs on SQLite and on PostgreSQL (``server_kind``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.fixtures import Server, database_url, make_server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def server_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def server(server_kind: str, request: pytest.FixtureRequest, tmp_path: Path):
    srv: Server = make_server(database_url(server_kind, request, tmp_path))
    yield srv
    srv.close()


