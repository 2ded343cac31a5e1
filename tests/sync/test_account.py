"""The account on this PC (issue 16.3–16.5): no keyring never means a secret in a file, log out / forget this PC
keep the data, the password can be changed, a disabled account and a wrong password each say what to do, and
the status bar's state is typed (bar_state), never read back from words."""

from __future__ import annotations

import datetime as dt

import keyring
import pytest
from keyring.backends import fail

from secretary_app.credentials import Credentials
from secretary_app.errors import UserError
from secretary_app.server.__main__ import disable_user
from secretary_app.sync import service
from secretary_app.sync.bar import BarKind, bar_state
from secretary_app.sync.client import LoginRequired, SyncError, SyncHealth, refresh_key
from tests.sync.fixtures import PASSWORD

URL = "http://127.0.0.1:8765"
NEW_PASSWORD = "một-mật-khẩu-mới-hơn-2026"


@pytest.fixture
def cell(server):
    server.cell("Chi bộ Tổ dân phố số 5")
    server.user("bt", "secretary", "Chi bộ Tổ dân phố số 5")
    return server


def test_without_a_keyring_the_session_lives_in_memory_only_and_no_file_holds_it(cell, demo_store, tmp_path,
                                                                                 monkeypatch) -> None:
    from secretary_app import credentials

    monkeypatch.setattr(credentials, "_SESSION", {})  # this test's process memory, not the next test's
    keyring.set_keyring(fail.Keyring())  # the OS has no keyring (the autouse fixture restores the memory one)
    outcome = service.login(demo_store, URL, "bt", PASSWORD, transport=cell.bridge).value
    assert not outcome.remembered and outcome.cell_name == "Chi bộ Tổ dân phố số 5"
    # This run can still sync (the session is in the process's memory)…
    assert service.sync_now(demo_store, transport=cell.bridge).value.pushed > 0
    token = Credentials().get(refresh_key(URL, "bt"))
    assert token and Credentials().session_only(refresh_key(URL, "bt"))
    # …and no file anywhere under the data or config folders holds it.
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_log_out_and_forget_this_pc_keep_the_data(cell, demo_store) -> None:
    service.login(demo_store, URL, "bt", PASSWORD, transport=cell.bridge)
    service.sync_now(demo_store, transport=cell.bridge)
    service.logout(demo_store, transport=cell.bridge)
    status = service.status(demo_store)
    assert not status.logged_in and status.server_url == URL  # one password away from syncing again
    with pytest.raises(LoginRequired):
        service.sync_now(demo_store, transport=cell.bridge)
    service.login(demo_store, URL, "bt", PASSWORD, transport=cell.bridge)
    service.forget_this_pc(demo_store)
    status = service.status(demo_store)
    assert (status.server_url, status.username, status.logged_in) == ("", "", False)
    assert status.health is SyncHealth.NOT_SET
    assert Credentials().get(refresh_key(URL, "bt")) is None
    from secretary_app.services.cell import get_cell

    assert get_cell(demo_store) is not None  # the cell's data stays


def test_change_password_wrong_current_weak_new_then_done(cell, demo_store) -> None:
    service.login(demo_store, URL, "bt", PASSWORD, transport=cell.bridge)
    with pytest.raises(SyncError, match="Mật khẩu hiện tại không đúng"):
        service.change_password(demo_store, "không-phải-mật-khẩu-này", NEW_PASSWORD, transport=cell.bridge)
    with pytest.raises(SyncError, match="chưa đủ an toàn"):
        service.change_password(demo_store, PASSWORD, "123", transport=cell.bridge)
    service.change_password(demo_store, PASSWORD, NEW_PASSWORD, transport=cell.bridge)
    assert service.status(demo_store).logged_in  # this PC logged in again with the new password
    service.sync_now(demo_store, transport=cell.bridge)
    with pytest.raises(LoginRequired, match="không đúng"):  # the old password is gone
        service.login(demo_store, URL, "bt", PASSWORD, transport=cell.bridge)


def test_a_disabled_account_and_a_wrong_password_each_say_what_to_do(cell, demo_store) -> None:
    with pytest.raises(LoginRequired, match="Caps Lock"):
        service.login(demo_store, URL, "bt", "sai-mật-khẩu-rồi-2026", transport=cell.bridge)
    disable_user(cell.engine, "bt")
    with pytest.raises(SyncError, match=r"đã bị khóa.*liên hệ cấp ủy cấp trên"):
        service.login(demo_store, URL, "bt", PASSWORD, transport=cell.bridge)


def test_the_bar_state_puts_trouble_first_then_pending_then_the_time() -> None:
    at = dt.datetime(2026, 12, 1, 13, 15, tzinfo=dt.UTC)
    retry = at + dt.timedelta(minutes=5)

    def kind(health: SyncHealth, **kw) -> BarKind:
        args = dict(logged_in=True, pending=0, conflicts=0, last_sync_at=at) | kw
        return bar_state(health, **args).kind

    assert kind(SyncHealth.NOT_SET, pending=3) is BarKind.NOT_SET
    assert kind(SyncHealth.ONLINE, syncing=True) is BarKind.SYNCING
    assert kind(SyncHealth.ONLINE, logged_in=False) is BarKind.AUTH_NEEDED
    assert kind(SyncHealth.OFFLINE, pending=3) is BarKind.OFFLINE
    assert kind(SyncHealth.CERTIFICATE) is BarKind.CERTIFICATE
    assert kind(SyncHealth.ONLINE, pending=3) is BarKind.PENDING
    assert kind(SyncHealth.ONLINE) is BarKind.SYNCED
    assert kind(SyncHealth.ONLINE, last_sync_at=None) is BarKind.NEVER
    offline = bar_state(SyncHealth.OFFLINE, logged_in=True, pending=3, conflicts=2, last_sync_at=at, retry_at=retry)
    assert (offline.retry_at, offline.pending, offline.conflicts) == (retry, 3, 2)
    # A retry time only belongs to the offline state.
    assert bar_state(SyncHealth.ONLINE, logged_in=True, pending=0, conflicts=0, last_sync_at=at,
                     retry_at=retry).retry_at is None


def test_the_status_bar_words_come_from_the_typed_state(qapp) -> None:
    from ui.i18n import install_translations
    from ui.pages.sync import bar_text

    install_translations(qapp, "vi")
    at = dt.datetime(2026, 12, 1, 13, 15, tzinfo=dt.UTC)
    local = at.astimezone().strftime("%H:%M")
    retry = at + dt.timedelta(minutes=5)
    later = retry.astimezone().strftime("%H:%M")
    state = bar_state(SyncHealth.ONLINE, logged_in=True, pending=0, conflicts=0, last_sync_at=at)
    assert bar_text(state) == f"Đã đồng bộ lúc {local}"
    state = bar_state(SyncHealth.ONLINE, logged_in=True, pending=3, conflicts=0, last_sync_at=at)
    assert bar_text(state) == "3 thay đổi chưa gửi"
    state = bar_state(SyncHealth.OFFLINE, logged_in=True, pending=0, conflicts=2, last_sync_at=at, retry_at=retry)
    assert bar_text(state) == f"Ngoại tuyến – sẽ thử lại lúc {later} · 2 xung đột cần giải quyết"


def test_a_cancelled_sync_stops_at_a_step_and_the_next_one_sends_everything(cell, demo_store) -> None:
    from secretary_app.sync.engine import SyncCancelled

    service.login(demo_store, URL, "bt", PASSWORD, transport=cell.bridge)
    waiting = service.status(demo_store).pending
    asked = iter(range(1000))
    with pytest.raises(SyncCancelled, match="Đã dừng đồng bộ"):  # "Dừng đồng bộ" pressed after two batches
        service.sync_now(demo_store, transport=cell.bridge, cancel=lambda: next(asked) >= 3)
    left = service.status(demo_store).pending
    assert 0 < left < waiting  # some batches went, the rest waits, nothing half-done
    report = service.sync_now(demo_store, transport=cell.bridge).value
    assert service.status(demo_store).pending == 0 and report.pushed == left


def test_a_join_cut_short_is_finished_by_joining_again_and_a_set_up_folder_is_refused(cell, tmp_path, new_store,
                                                                                      new_demo_store) -> None:
    import httpx

    from secretary_app.services.cell import get_cell
    from secretary_app.sync.client import Offline

    cell.user("pbt", "deputy", "Chi bộ Tổ dân phố số 5")
    first = new_demo_store(tmp_path / "first", daily_backups=(0, 0))
    service.login(first, URL, "bt", PASSWORD, transport=cell.bridge)
    service.sync_now(first, transport=cell.bridge)

    class CutAfterOnePage(httpx.BaseTransport):
        pulls = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/pull"):
                self.pulls += 1
                if self.pulls > 1:
                    raise httpx.ConnectError("the line dropped", request=request)
            return cell.bridge.handle_request(request)

    fresh = new_store(tmp_path / "fresh", daily_backups=(0, 0))
    with pytest.raises(Offline):
        service.join_from_server(fresh, URL, "pbt", PASSWORD, transport=CutAfterOnePage())
    assert get_cell(fresh) is not None  # the cell's details came with the first page
    report = service.join_from_server(fresh, URL, "pbt", PASSWORD, transport=cell.bridge).value  # not refused
    assert report.pulled > 0
    with pytest.raises(UserError, match="đã có chi bộ"):  # now complete: a second join is refused
        service.join_from_server(fresh, URL, "pbt", PASSWORD, transport=cell.bridge)
    with pytest.raises(UserError, match="đã có chi bộ"):  # and so is a folder set up on its own
        service.join_from_server(first, URL, "bt", PASSWORD, transport=cell.bridge)
    first.close()
    fresh.close()
