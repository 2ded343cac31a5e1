"""Sync fixtures: every server test runs on SQLite and on PostgreSQL (``server_kind``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import run_main
from tests.sync.fixtures import Server, database_url, make_server

PASSWORD = "mật-khẩu-đủ-dài-2026"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def server_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def server(server_kind: str, request: pytest.FixtureRequest, tmp_path: Path):
    srv: Server = make_server(database_url(server_kind, request, tmp_path))
    yield srv
    srv.close()


def _server_cli(data: Path, *args: str, stdin: str = "") -> str:
    """``secretary-server --data-dir DATA ARGS``, an administrator's command, run in this process (its own
    code, at the product's argon2 cost) rather than in a new Python that imports the server again."""
    from secretary_app.server.__main__ import main

    done = run_main(main, "--data-dir", str(data), *args, stdin=stdin)  # piped, as the password is given
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def _live_server_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's data folder after the administrator's three commands, made once per test process and
    copied for each live server: three more processes (each hashing a password at the product's argon2
    cost) were ~3 s of every live-server test's set-up."""
    data = tmp_path_factory.mktemp("live-server-template") / "server"
    _server_cli(data, "create-cell", "--name", "Chi bộ Tổ dân phố số 5", "--superior", "Đảng bộ phường Hoàn Kiếm")
    _server_cli(data, "create-user", "--cell", "Chi bộ Tổ dân phố số 5", "--role", "secretary",
                "--username", "bithu", stdin=PASSWORD + "\n")
    _server_cli(data, "create-user", "--cell", "Chi bộ Tổ dân phố số 5", "--role", "deputy",
                "--username", "phobithu", stdin=PASSWORD + "\n")
    return data


@pytest.fixture
def live_server(tmp_path: Path, _live_server_template: Path):
    data = tmp_path / "server"
    shutil.copytree(_live_server_template, data)
    log = tmp_path / "server.log"
    with log.open("w") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "secretary_app.server", "--data-dir", str(data), "serve",
                                 "--host", "127.0.0.1", "--port", "0"], stdout=handle, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for _ in range(1200):  # up to a minute: the machine running the suite may be busy
            found = re.search(r"http://127\.0\.0\.1:(\d+)", log.read_text())
            if found:
                break
            if proc.poll() is not None:
                pytest.fail(f"server exited: {log.read_text()}")
            time.sleep(0.05)
        else:
            pytest.fail(f"server did not start: {log.read_text()}")
        yield f"http://127.0.0.1:{found.group(1)}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)

