import datetime as dt
import subprocess
import sys

import pytest

from secretary_app.credentials import NO_KEYRING_MESSAGE, Credentials
from secretary_app.errors import ValidationFailed
from secretary_app.paths import resolve_paths
from secretary_app.services.cell import CellInput, get_cell, save_cell
from secretary_app.services.meetings import list_meetings
from secretary_app.services.roster import list_members
from secretary_app.settings import Settings, load_settings, save_settings


def _cell(**overrides):
    data = dict(name="Chi bộ Tổ dân phố số 5", superior_name="Đảng bộ phường Hoàn Kiếm", place_name="Hoàn Kiếm",
                wage_region=1, term_start=dt.date(2025, 8, 20), term_end=dt.date(2030, 8, 19))
    data.update(overrides)
    return CellInput(**data)


def test_data_dir_override_keeps_everything_in_one_folder(tmp_path, monkeypatch):
    paths = resolve_paths(tmp_path / "x")
    assert paths.database.parent == tmp_path / "x"
    monkeypatch.setenv("SECRETARY_APP_DATA", str(tmp_path / "env"))
    assert resolve_paths().data_dir == tmp_path / "env"


def test_default_paths_follow_the_platform(tmp_path):
    paths = resolve_paths()
    assert str(paths.data_dir).startswith(str(tmp_path))  # XDG_DATA_HOME points into tmp


def test_settings_round_trip_and_survive_a_damaged_file(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(large_text=True, language="en"), path)
    assert load_settings(path).large_text is True
    path.write_text("{ not json", encoding="utf-8")
    assert load_settings(path) == Settings()


def test_one_bad_setting_keeps_the_others(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"large_text": true, "autosave_seconds": 999, "language": "fr", '
                    '"layout": {"margin_left_mm": 25, "recipient_line_end": "!"}}', encoding="utf-8")
    settings = load_settings(path)
    assert settings.large_text is True
    assert settings.autosave_seconds == 2 and settings.language == "vi"
    assert settings.layout.margin_left_mm == 25 and settings.layout.recipient_line_end == ","


def test_cell_setup_validates_each_field(store):
    with pytest.raises(ValidationFailed) as err:
        save_cell(store, _cell(name="  "))
    assert err.value.field == "name"
    with pytest.raises(ValidationFailed) as err:
        save_cell(store, _cell(superior_name="Huyện ủy Đông Anh"))
    assert err.value.field == "superior_name" and "huyện" in err.value.message
    with pytest.raises(ValidationFailed) as err:
        save_cell(store, _cell(term_end=dt.date(2020, 1, 1)))
    assert err.value.field == "term_end"
    assert get_cell(store) is None  # nothing half-saved


def test_cell_setup_saves_and_updates(store):
    record, changes = save_cell(store, _cell())
    assert "cell" in changes and store.cell_id == record.id
    updated, _ = save_cell(store, _cell(place_name="Hà Nội"))
    assert updated.id == record.id and get_cell(store).place_name == "Hà Nội"


def test_demo_cell_is_realistic(demo_store):
    members = list_members(demo_store, dt.date(2026, 11, 25))
    assert len(members) == 25
    statuses = {label for m in members for label in m.status.split(" · ")}
    assert {"Chính thức", "Dự bị", "Miễn sinh hoạt", "Từ trần", "Đã chuyển đi"} <= statuses
    meetings = list_meetings(demo_store)
    assert len(meetings) == 3 and all(m.state == "final" for m in meetings)
    assert all(m.present > 0 for m in meetings)


def test_keyring_wrapper_stores_secrets(_isolate):
    creds = Credentials()
    assert creds.available and creds.set("token", "s3cret")
    assert creds.get("token") == "s3cret"
    creds.delete("token")
    assert creds.get("token") is None


def test_keyring_wrapper_degrades_with_a_vietnamese_message():
    import keyring

    keyring.set_keyring(keyring.backends.fail.Keyring())
    creds = Credentials()
    assert creds.available is False
    assert creds.set("token", "s3cret") is False
    assert creds.last_error == NO_KEYRING_MESSAGE
    # Held in this process's memory only (the open window keeps working), never remembered for a next start.
    assert creds.get("token") == "s3cret" and creds.session_only("token")
    creds.delete("token")
    assert creds.get("token") is None and not creds.session_only("token")


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "secretary_app", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_cli_version():
    result = _cli("--version")
    assert result.returncode == 0 and "secretary-app 0.1.0" in result.stdout


def test_cli_demo_then_refuses_a_second_demo(tmp_path):
    first = _cli("--data-dir", str(tmp_path / "d"), "demo")
    assert first.returncode == 0, first.stderr
    second = _cli("--data-dir", str(tmp_path / "d"), "demo")
    assert second.returncode == 1
    assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
    assert "đã có chi bộ" in second.stderr


def test_cli_usage_error_exits_2():
    result = _cli("no-such-command")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_cli_corrupt_database_is_one_clear_line(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "so-tay-bi-thu.sqlite3").write_bytes(b"this is not a database" * 100)
    result = _cli("--data-dir", str(folder), "demo")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "sao lưu" in result.stderr
    # the damaged file is left as it was, for recovery
    assert (folder / "so-tay-bi-thu.sqlite3").read_bytes().startswith(b"this is not a database")


def test_nested_transactions_on_one_thread_share_the_unit_of_work(demo_store):
    from secretary_app.services.cell import get_cell

    with demo_store.transaction() as outer:
        # A service calling another service inside its transaction must not wait on its own lock.
        assert get_cell(demo_store).name == "Chi bộ Tổ dân phố số 5"
        with demo_store.transaction() as inner:
            assert inner is outer


def test_the_command_line_parser_imports_no_database_code():
    """Start-up speed: building the parser (done before the window shows) must not pull in SQLAlchemy."""
    code = ("import sys; from secretary_app.cli import build_parser; build_parser(); "
            "print(','.join(m for m in ('sqlalchemy', 'alembic', 'reportlab', 'docx') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_opening_the_store_and_loading_the_overview_imports_no_pydantic(demo_store):
    """Start-up speed: the first page waits on these imports; pydantic is for talking to the server."""
    code = ("import sys; from secretary_app.store import Store; from secretary_app.paths import resolve_paths; "
            "from secretary_app.services.overview import overview; "
            f"overview(Store(resolve_paths({str(demo_store.paths.data_dir)!r}))); "
            "print('pydantic' in sys.modules)")
    demo_store.close()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_demo_minutes_were_sealed_on_the_evening_of_their_meeting(demo_store):
    """Built through the services a secretary uses, a past year: each meeting's minutes say they were sealed
    on the day the meeting was held (the Hoàn tất step prints that day), not on the day the demo was made."""
    from secretary_app.services.minutes import minutes_view

    for meeting in list_meetings(demo_store):
        view = minutes_view(demo_store, meeting.id)
        assert view.finalised_at is not None and view.finalised_at.tzinfo is not None
        assert view.finalised_at.astimezone().date() == meeting.planned_at.date()
