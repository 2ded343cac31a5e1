"""The window against a real server process started by the test (issue 16): the wizard's "from the server"
path, background sync carrying an edit from PC A to PC B with no click, and a server killed during a sync —
the app keeps working offline, says when it will retry, and finishes the sync when the server is back."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.members import Member
from models.sync_tables import OutboxEntry
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.paths import resolve_paths
from secretary_app.settings import Settings
from secretary_app.store import Store
from secretary_app.sync import service
from secretary_app.sync.bar import BarKind
from tests.sync.conftest import PASSWORD, _server_cli
from ui import ops
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.wizard import SetupWizard

CELL = "Chi bộ Tổ dân phố số 5"


class ServerProcess:
    """``secretary-server serve`` in a subprocess on a fixed port, so it can be killed and started again."""

    def __init__(self, folder: Path, template: Path) -> None:
        self.data = folder / "server"
        shutil.copytree(template, self.data)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("a") as handle:
            self.proc = subprocess.Popen([sys.executable, "-m", "secretary_app.server", "--data-dir", str(self.data),
                                          "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                         stdout=handle, stderr=subprocess.STDOUT,
                                         env={**os.environ, "PYTHONUNBUFFERED": "1"})
        for _ in range(1200):  # up to a minute on a busy machine
            if re.search(rf"http://127\.0\.0\.1:{self.port}", self.log.read_text()) and self._answers():
                return
            if self.proc.poll() is not None:
                pytest.fail(f"server exited: {self.log.read_text()}")
            time.sleep(0.05)
        pytest.fail(f"server did not start: {self.log.read_text()}")

    def _answers(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, as a power cut or a crash on the server would be."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server folder after the administrator's commands, made once and copied for each test's server
    (three CLI processes, each hashing a password at the product's argon2 cost, per test before)."""
    data = tmp_path_factory.mktemp("server-template") / "server"
    _server_cli(data, "create-cell", "--name", CELL, "--superior", "Đảng bộ phường Hoàn Kiếm", "--place", "Hoàn Kiếm")
    for user, role in (("bithu", "secretary"), ("phobithu", "deputy")):
        _server_cli(data, "create-user", "--cell", CELL, "--role", role, "--username", user, stdin=PASSWORD + "\n")
    return data


@pytest.fixture
def server_process(tmp_path: Path, server_template: Path):
    server = ServerProcess(tmp_path, server_template)
    server.start()
    yield server
    server.stop()


def _open(tmp_path: Path, name: str) -> Store:
    return Store(resolve_paths(tmp_path / name), daily_backups=(0, 0))


def _first_pc(new_demo_store: Callable[..., Store], tmp_path: Path, url: str) -> Store:
    """PC A: the demo cell, logged in as the secretary and synced, so the server holds the cell's records."""
    store = new_demo_store(tmp_path / "pc-a", daily_backups=(0, 0))
    service.login(store, url, "bithu", PASSWORD)
    service.sync_now(store)
    return store


def _window(qtbot, store: Store, *, interval_ms: int = 600, page: str = "members") -> MainWindow:
    ctx = AppContext.for_store(store, Settings(), TaskRunner())
    window = MainWindow(ctx)
    background = window.background
    background.interval_ms = interval_ms  # "fast timer in the test": the setting is in minutes
    background.timer.setInterval(interval_ms)
    background.debounce.setInterval(300)
    background.first_retry_s = 0.5
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.start(page)
    return window


def _close(window: MainWindow) -> None:
    window.close()  # stops the background sync (waits for a running one) and the page loads
    window.ctx.runner.shutdown()


def _phone(store: Store, member_id: uuid.UUID) -> str | None:
    with store.transaction() as session:
        return session.get(Member, member_id).phone  # type: ignore[union-attr]


def _set_phone(member_id: uuid.UUID, phone: str):
    def call(store: Store) -> OpResult[None]:
        with store.transaction() as session:
            session.get(Member, member_id).phone = phone  # type: ignore[union-attr]
        return OpResult(None, Changes(Change.MEMBER))

    return call


def _pending(store: Store) -> int:
    with store.transaction() as session:
        return session.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.status == "pending"))


def test_the_wizards_from_the_server_path_lands_on_the_main_window_with_the_members(
        qtbot, qapp, server_process, tmp_path, new_demo_store) -> None:
    install_translations(qapp, "vi")
    first = _first_pc(new_demo_store, tmp_path, server_process.url)
    first.close()
    fresh = _open(tmp_path, "pc-b")
    ctx = AppContext.for_store(fresh, Settings(), TaskRunner())
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.choice.server.text().startswith("Từ máy chủ")
    wizard.choice.server.setChecked(True)
    wizard.next()
    assert wizard.currentId() == SetupWizard.PAGE_SERVER
    page = wizard.server_page
    page.address.setText(server_process.url)
    page.username.setText("phobithu")
    page.password.setText("sai-mật-khẩu-2026")
    wizard.button(wizard.WizardButton.FinishButton).click()  # a wrong password: said plainly, stays on the page
    qtbot.waitUntil(lambda: bool(page.error.text()), timeout=30000)
    assert "mật khẩu không đúng" in page.error.text() and not wizard.joined
    page.password.setText(PASSWORD)
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.joined, timeout=60000)
    assert wizard.result() == wizard.DialogCode.Accepted

    window = MainWindow(ctx)  # what ui/app.py does after the wizard
    qtbot.addWidget(window)
    window.start("members")
    members = window.page("members")
    qtbot.waitUntil(lambda: members.model.rowCount() == 25, timeout=20000)
    assert CELL in window.cell_label.text()
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Đã đồng bộ lúc "), timeout=20000)
    _close(window)
    fresh.close()


def test_an_edit_on_pc_a_reaches_pc_b_by_background_sync_with_no_click(
        qtbot, qapp, server_process, tmp_path, new_demo_store) -> None:
    install_translations(qapp, "vi")
    pc_a = _first_pc(new_demo_store, tmp_path, server_process.url)
    pc_b = _open(tmp_path, "pc-b")
    service.join_from_server(pc_b, server_process.url, "phobithu", PASSWORD)
    with pc_a.transaction() as session:
        member_id = session.scalars(select(Member.id).where(Member.full_name == "Nguyễn Thị Hường")).one()
    window_a, window_b = _window(qtbot, pc_a), _window(qtbot, pc_b)
    members_b = window_b.page("members")
    qtbot.waitUntil(lambda: members_b.model.rowCount() == 25, timeout=20000)

    ops.write(window_a.ctx, None, _set_phone(member_id, "0912 345 678")).run()  # a person's edit on PC A
    # No button pressed anywhere: A sends it a moment after the edit settles, B fetches it on its timer,
    # and B's open members page shows it.
    qtbot.waitUntil(lambda: _phone(pc_b, member_id) == "0912 345 678", timeout=30000)
    qtbot.waitUntil(lambda: any(r.phone == "0912 345 678" for r in members_b.model.records), timeout=10000)
    qtbot.waitUntil(lambda: window_a.sync_label.text().startswith("Đã đồng bộ lúc "), timeout=10000)
    assert "Đã lưu lúc " in window_a.save_label.text()  # the autosave's own line
    for window in (window_a, window_b):
        _close(window)
    pc_a.close()
    pc_b.close()


def test_a_server_killed_during_a_sync_leaves_the_app_working_and_the_sync_completes_later(
        qtbot, qapp, server_process, tmp_path, new_demo_store) -> None:
    install_translations(qapp, "vi")
    store = new_demo_store(tmp_path / "pc-a", daily_backups=(0, 0))
    service.login(store, server_process.url, "bithu", PASSWORD)
    queued = _pending(store)
    assert queued > 400  # the whole demo cell waits to be sent: a sync long enough to be cut
    window = _window(qtbot, store, interval_ms=60_000)  # only the retry brings it back, not the timer
    background = window.background
    qtbot.waitUntil(lambda: background.running, timeout=10000)
    server_process.kill()
    qtbot.waitUntil(lambda: not background.running, timeout=60000)
    assert background.retry_at is not None
    qtbot.waitUntil(lambda: window.sync_state is not None and window.sync_state.kind is BarKind.OFFLINE,
                    timeout=10000)
    assert re.fullmatch(r"Ngoại tuyến – sẽ thử lại lúc \d\d:\d\d", window.sync_label.text().split(" · ")[0])

    with store.transaction() as session:
        member_id = session.scalars(select(Member.id).where(Member.full_name == "Nguyễn Thị Hường")).one()
    done: list[object] = []
    ops.write(window.ctx, None, _set_phone(member_id, "0988 000 111")).success(done.append).run()  # offline edit
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert _pending(store) > 0

    server_process.start()  # the server returns; the planned retry (no click) finishes the sync
    qtbot.waitUntil(lambda: _pending(store) == 0 and not background.running, timeout=90000)
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Đã đồng bộ lúc "), timeout=20000)
    _close(window)

    # Nothing lost: a fresh PC joining from the server gets every member, with the edit made offline.
    other = _open(tmp_path, "pc-check")
    service.join_from_server(other, server_process.url, "phobithu", PASSWORD)
    with other.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 25
    assert _phone(other, member_id) == "0988 000 111"
    other.close()
    store.close()
