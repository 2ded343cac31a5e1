"""Backups as a secretary uses them: automatic and rotated, made on demand into a folder or onto a USB
stick, listed, previewed, restored with the current data kept aside; the CLI says what happens."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from secretary_app.db.backup import AUTO, list_backups, preview_backup, rotate
from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.services import roster
from secretary_app.services.backups import create_backup, restore_backup
from secretary_app.store import Store
from tests.support import CliRun, run_cli


def cli(data: Path, *args: str, stdin: str = "") -> CliRun:
    return run_cli("--data-dir", str(data), *args, stdin=stdin)


def counts(database: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(database)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
                     for t in ("member", "meeting", "document_record"))
    finally:
        conn.close()


def test_a_backup_restores_on_a_fresh_data_folder_with_the_same_counts(demo_store: Store, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    made = create_backup(demo_store.paths, usb)
    expected = counts(demo_store.paths.database)
    assert (made.members, made.meetings, made.documents) == expected
    assert made.path.parent == usb and made.members == 25

    fresh = resolve_paths(tmp_path / "other-pc")
    Store(fresh, daily_backups=(0, 0)).close()  # an empty, set-up-less folder
    before = restore_backup(fresh, made.path)
    assert before is not None and before.exists(), "the folder's previous database is kept"
    assert counts(fresh.database) == expected
    reopened = Store(fresh)
    try:
        assert reopened.has_cell()
        names = {m.full_name for m in roster.list_members(reopened, include_deleted=False)}
        assert "Trần Văn An" in names
    finally:
        reopened.close()


def test_restore_keeps_the_current_data_as_a_backup_and_can_be_undone_by_restoring_that(
        demo_store: Store, tmp_path: Path) -> None:
    paths = demo_store.paths
    snapshot = create_backup(paths).path
    first = roster.list_members(demo_store)[0]
    roster.delete_member(demo_store, first.id)
    after_delete = counts(paths.database)
    demo_store.close()
    before = restore_backup(paths, snapshot)
    assert counts(paths.database)[0] == after_delete[0] + 1, "the deleted member is back"
    assert before is not None
    restore_backup(paths, before)
    assert counts(paths.database) == after_delete, "the before-restore copy brings the later state back"


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(demo_store: Store, tmp_path: Path) -> None:
    paths = demo_store.paths
    junk = tmp_path / "thu.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    before = counts(paths.database)
    demo_store.close()
    with pytest.raises(UserError, match="không phải bản sao lưu Sổ tay Bí thư"):
        restore_backup(paths, junk)
    assert counts(paths.database) == before


def test_a_backup_from_a_newer_version_is_refused(demo_store: Store, tmp_path: Path) -> None:
    made = create_backup(demo_store.paths, tmp_path).path
    conn = sqlite3.connect(made)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="phiên bản Sổ tay Bí thư mới hơn"):
        preview_backup(made)


def test_a_full_disk_during_a_backup_leaves_no_half_file_and_says_so(demo_store: Store, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import secretary_app.db.backup as backup_module

    def full(_source: sqlite3.Connection, target: Path, _key: object = None) -> None:
        target.write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_copy", full)
    with pytest.raises(UserError, match="ổ đĩa đã đầy"):
        create_backup(demo_store.paths, tmp_path)
    assert not list(tmp_path.glob("*.sqlite3"))


def test_rotation_keeps_a_week_of_days_and_a_year_of_months(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    start = dt.datetime(2025, 1, 1, 20, 0)
    for day in range(500):  # two backups a day for 500 days
        for hour in (9, 20):
            moment = start + dt.timedelta(days=day, hours=hour - 20)
            (folder / f"so-tay-bi-thu-{moment:%Y%m%d-%H%M%S-000000}-{AUTO}.sqlite3").write_bytes(b"x")
    (folder / "so-tay-bi-thu-20250101-100000-000000-manual.sqlite3").write_bytes(b"x")
    rotate(folder, daily=7, monthly=12)
    kept = list_backups(folder)
    autos = [b.taken_at for b in kept if b.reason == AUTO]
    last = start + dt.timedelta(days=499)
    days = {t.date() for t in autos if t.date() > (last - dt.timedelta(days=7)).date()}
    assert len(days) == 7 and all(sum(1 for t in autos if t.date() == d) == 1 for d in days)
    months = {(t.year, t.month) for t in autos}
    assert len(months) == 12, "one a month for the last twelve months (the newest month has its dailies too)"
    assert any(b.reason == "manual" for b in kept), "a manual backup is never rotated away"
    assert len(autos) <= 7 + 12


def test_opening_the_store_takes_one_automatic_backup_a_day(demo_store: Store) -> None:
    paths = demo_store.paths
    Store(paths).close()
    Store(paths).close()
    today = [b for b in list_backups(paths.backups) if b.reason == AUTO and b.taken_at.date() == dt.date.today()]
    assert len(today) == 1


def test_the_cli_creates_lists_and_restores_with_a_preview_and_asks_first(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli(data, "demo").returncode == 0
    made = cli(data, "backup", "create")
    assert made.returncode == 0, made.stderr
    assert "Đã sao lưu" in made.stdout and "25 đảng viên" in made.stdout
    listed = cli(data, "backup", "list")
    assert "thủ công" in listed.stdout
    path = made.stdout.split("Đã sao lưu: ")[1].split(" (")[0]
    asked = cli(data, "backup", "restore", path)  # no terminal to ask on: refused, nothing done
    assert asked.returncode == 2 and "--yes" in asked.stderr
    assert "Chi bộ Tổ dân phố số 5" in asked.stdout and "25 đảng viên" in asked.stdout
    done = cli(data, "backup", "restore", path, "--yes")
    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục" in done.stdout and "máy mới" in done.stdout
