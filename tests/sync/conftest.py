"""Sync fixtures: every server test runs on SQLite and on PostgreSQL (``server_kind``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.fixtures import Server, database_url, make_server

FIGURES: list[str] = []  # filled by the fault test, printed in the terminal summary (no -s needed)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def server_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def server(server_kind: str, request: pytest.FixtureRequest, tmp_path: Path):
    srv: Server = make_server(database_url(server_kind, request, tmp_path))
    yield srv
    srv.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if FIGURES:
        terminalreporter.section("sync fault-injection figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
