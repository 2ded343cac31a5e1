"""What an office PC does to a database: power cuts, a full disk, a damaged file, a newer program's data,
a second copy of the app. Each ends in a plain message and loses nothing already saved."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from secretary_app.db.health import DamagedDatabase
from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.services import roster
from secretary_app.services.backups import create_backup
from secretary_app.store import Store

ROOT = Path(__file__).resolve().parents[2]


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "secretary_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, timeout=120)


def test_every_connection_has_the_write_ahead_log_and_full_sync(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_a_folder_without_the_write_ahead_log_is_refused_plainly(data_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import secretary_app.db.engine as engine_module

    original = engine_module._sqlite_pragmas

    def no_wal(dbapi_connection, record) -> None:
        original(dbapi_connection, record)
        dbapi_connection.execute("PRAGMA journal_mode=DELETE")  # what a network drive leaves us with

    monkeypatch.setattr(engine_module, "_sqlite_pragmas", no_wal)
    with pytest.raises(UserError, match="ổ mạng"):
        Store(resolve_paths(data_dir))


def test_a_full_disk_refuses_the_edit_plainly_and_keeps_what_was_saved(demo_store: Store) -> None:
    before = {m.full_name for m in roster.list_members(demo_store)}
    first = roster.list_members(demo_store)[0]
    with demo_store.engine.connect() as conn:  # let the file grow by no more than a few pages
        pages = conn.execute(text("PRAGMA page_count")).scalar()
    with demo_store.transaction() as session:
        session.execute(text(f"PRAGMA max_page_count = {pages}"))
    data = roster.get_member(demo_store, first.id).data
    big = roster.MemberData(**{**data.__dict__, "notes": "Ghi chú rất dài. " * 20_000})
    with pytest.raises(UserError, match="Ổ đĩa đã đầy") as caught:
        roster.update_member(demo_store, first.id, big)
    assert "vẫn nguyên vẹn" in caught.value.message
    demo_store.engine.dispose()  # max_page_count lives on the connection
    assert {m.full_name for m in roster.list_members(demo_store)} == before
    assert roster.get_member(demo_store, first.id).data.notes == data.notes


def test_a_truncated_database_is_found_at_start_and_the_latest_good_backup_offered(demo_store: Store) -> None:
    paths = demo_store.paths
    good = create_backup(paths).path
    demo_store.close()
    database = paths.database
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = database.stat().st_size
    with open(database, "r+b") as handle:  # power cut in the middle of a copy: the file's second half is gone
        handle.truncate(size // 2)
    with pytest.raises(DamagedDatabase) as caught:
        Store(paths)
    message = caught.value.message
    assert "bị hỏng" in message and good.name in message and "backup restore" in message
    assert caught.value.good_backup is not None and caught.value.good_backup.members == 25
    assert database.stat().st_size == size // 2, "the damaged file is left as it was"


def test_the_cli_says_what_to_do_with_a_damaged_database_and_restores_it(demo_store: Store) -> None:
    paths = demo_store.paths
    good = create_backup(paths).path
    demo_store.close()
    with sqlite3.connect(paths.database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(paths.database.read_bytes())
    data[4096 * 3:4096 * 6] = os.urandom(4096 * 3)  # three pages of garbage
    paths.database.write_bytes(bytes(data))
    answer = cli(paths.data_dir, "roster", "export", str(paths.data_dir / "ds.csv"))
    assert answer.returncode == 1
    assert "bị hỏng" in answer.stderr and "Traceback" not in answer.stderr
    restored = cli(paths.data_dir, "backup", "restore", str(good), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert cli(paths.data_dir, "roster", "export", str(paths.data_dir / "ds.csv")).returncode == 0
    assert list(paths.data_dir.glob("*.damaged-*")), "the damaged file is kept beside, for support"


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(demo_store: Store) -> None:
    paths = demo_store.paths
    demo_store.close()
    conn = sqlite3.connect(paths.database)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = paths.database.read_bytes()
    with pytest.raises(UserError, match="mới hơn") as caught:
        Store(paths)
    assert "cập nhật chương trình" in caught.value.message
    with sqlite3.connect(paths.database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert paths.database.read_bytes() == before


HOLDER = """
import sys, time
from pathlib import Path
from secretary_app.instance import InstanceLock
lock = InstanceLock(Path(sys.argv[1]), "gui").acquire()
print("holding", flush=True)
time.sleep(120)
"""


def test_a_second_copy_is_refused_naming_the_first_and_a_crashed_copy_leaves_no_lock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli(data, "demo").returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        second = cli(data, "roster", "export", str(tmp_path / "ds.csv"))
        assert second.returncode == 1
        assert "đang được mở bởi cửa sổ Sổ tay Bí thư" in second.stderr
        assert f"tiến trình {holder.pid}" in second.stderr
        assert not (tmp_path / "ds.csv").exists()
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: no clean-up runs
        holder.wait()
    again = cli(data, "roster", "export", str(tmp_path / "ds.csv"))
    assert again.returncode == 0, again.stderr


WRITER = """
import sys
from secretary_app.paths import resolve_paths
from secretary_app.services import roster
from secretary_app.store import Store
store = Store(resolve_paths(sys.argv[1]), daily_backups=(0, 0))
print("ready", flush=True)
n = 0
while True:
    n += 1
    name = f"{sys.argv[2]}-{n}"
    roster.create_member(store, roster.MemberData(full_name=f"Đảng viên {name}", notes="x" * 2000))
    print(name, flush=True)  # printed only once the transaction has committed
"""


def test_fifty_kills_at_random_points_lose_no_committed_change_and_leave_a_sound_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli(data, "demo").returncode == 0
    rng = random.Random(20261201)
    committed: list[str] = []
    for run in range(50):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data), f"r{run}"], stdout=subprocess.PIPE,
                                  text=True, cwd=ROOT)
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        committed += [line for line in out.split() if line]
    conn = sqlite3.connect(data / "so-tay-bi-thu.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {row[0] for row in conn.execute("SELECT full_name FROM member")}
    finally:
        conn.close()
    missing = [name for name in committed if f"Đảng viên {name}" not in names]
    assert committed and not missing
    store = Store(resolve_paths(data))  # and the app opens it as usual
    store.close()
