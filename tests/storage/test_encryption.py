"""Encryption at rest: the file and its log hold no readable SQLite header and no member's name (NFC or NFD
bytes); a wrong key or passphrase is a plain message; backups stay encrypted and restore on another PC
with the key file; a plain folder is encrypted after a backup and its plain backups with it."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from secretary_app.db import crypto
from secretary_app.db.crypto import NeedsKey
from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.services import roster
from secretary_app.services.backups import create_backup, export_key, restore_backup
from secretary_app.services.encryption import encrypt_folder
from secretary_app.store import Store

NAME = "Nguyễn Thị Hường"


def readable(path: Path) -> list[str]:
    """What a file viewer would find in ``path``: the SQLite header, or the name in either Unicode form."""
    data = path.read_bytes()
    found = [b"SQLite format 3".decode()] if data.startswith(b"SQLite format 3") else []
    for form in ("NFC", "NFD"):
        if unicodedata.normalize(form, NAME).encode("utf-8") in data:
            found.append(form)
    return found


@pytest.fixture
def encrypted_demo(demo_store: Store) -> Iterator[Store]:
    paths = demo_store.paths
    assert any(m.full_name == NAME for m in roster.list_members(demo_store))
    demo_store.close()
    done = encrypt_folder(paths)  # a random key in the (test's in-memory) keyring
    assert done.key_in_keyring and done.members == 25
    store = Store(paths)
    yield store
    store.close()


def test_the_database_and_its_log_are_unreadable_without_the_key(encrypted_demo: Store) -> None:
    paths = encrypted_demo.paths
    first = roster.list_members(encrypted_demo)[0]
    data = roster.get_member(encrypted_demo, first.id).data
    roster.update_member(encrypted_demo, first.id, roster.MemberData(**{**data.__dict__, "notes": NAME}))
    wal = Path(f"{paths.database}-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the edit sits in the write-ahead log"
    assert readable(paths.database) == [] and readable(wal) == []
    assert NAME in {m.full_name for m in roster.list_members(encrypted_demo)}


def test_backups_are_encrypted_too_and_the_plain_ones_were_encrypted_with_the_folder(encrypted_demo: Store,
                                                                                    tmp_path: Path) -> None:
    made = create_backup(encrypted_demo.paths, tmp_path)
    assert made.members == 25 and readable(made.path) == []
    for backup in encrypted_demo.paths.backups.glob("*.sqlite3"):
        assert readable(backup) == [], backup.name


def test_a_wrong_passphrase_fails_with_a_plain_message(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = demo_store.paths
    demo_store.close()
    encrypt_folder(paths, passphrase="mật khẩu của chi bộ")
    monkeypatch.setenv(crypto.ENV_PASSPHRASE, "mật khẩu sai")
    with pytest.raises(NeedsKey, match="mật khẩu \\(hoặc khóa\\) không đúng") as caught:
        Store(paths)
    assert "thiết lập lại máy từ máy chủ" in caught.value.message
    monkeypatch.setenv(crypto.ENV_PASSPHRASE, "mật khẩu của chi bộ")
    Store(paths).close()
    monkeypatch.delenv(crypto.ENV_PASSPHRASE)
    with pytest.raises(NeedsKey, match="đã được mã hóa"):
        Store(paths)


def test_a_passphrase_is_derived_once_per_file_not_at_every_connection(demo_store: Store,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLCipher's key derivation takes about a second on an office PC; the store, backups and checks each
    open connections, so the passphrase is derived once and the raw key opens the file after that."""
    import hashlib

    paths = demo_store.paths
    demo_store.close()
    encrypt_folder(paths, passphrase="mật khẩu của chi bộ 2026")
    monkeypatch.setenv(crypto.ENV_PASSPHRASE, "mật khẩu của chi bộ 2026")
    derivations = []
    real = hashlib.pbkdf2_hmac
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", lambda *a, **k: derivations.append(a[0]) or real(*a, **k))
    crypto._derived.cache_clear()
    for _ in range(3):
        store = Store(paths)
        assert NAME in {m.full_name for m in roster.list_members(store)}
        made = create_backup(paths, paths.backups)
        store.close()
    assert readable(paths.database) == [] and readable(made.path) == []
    # One derivation for the process: the backups made take the database's salt with its derived key.
    assert derivations == ["sha512"]
    import sqlcipher3

    for file in (paths.database, made.path):  # SQLCipher itself opens both with the passphrase
        conn = sqlcipher3.dbapi2.connect(str(file))
        conn.execute("PRAGMA key = 'mật khẩu của chi bộ 2026'")
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 25
        conn.close()
    monkeypatch.setenv(crypto.ENV_PASSPHRASE, "mật khẩu sai")
    with pytest.raises(NeedsKey, match="không đúng"):
        Store(paths)


def test_a_random_key_needs_a_keyring_or_the_secretary_is_told_to_choose_a_passphrase(
        demo_store: Store) -> None:
    import keyring
    from keyring.backends import fail

    paths = demo_store.paths
    demo_store.close()
    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(UserError, match="passphrase-stdin"):
            encrypt_folder(paths)
    finally:
        keyring.set_keyring(old)
    assert not crypto.is_encrypted(paths.database), "nothing changed"


def test_an_encrypted_backup_restores_on_another_pc_with_the_key_file(encrypted_demo: Store, tmp_path: Path,
                                                                    _isolate) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    made = create_backup(encrypted_demo.paths, usb).path
    key_file = export_key(encrypted_demo.paths, tmp_path / "khoa-du-lieu.txt")
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    _isolate.secrets.clear()  # the other PC's keyring knows nothing of this folder
    other = resolve_paths(tmp_path / "other-pc")
    with pytest.raises(UserError, match="--key-file"):
        restore_backup(other, made)
    restore_backup(other, made, key_file)
    store = Store(other)  # the key went into this PC's keyring with the restore
    try:
        assert NAME in {m.full_name for m in roster.list_members(store)}
    finally:
        store.close()


def test_the_cli_encrypts_with_a_passphrase_and_every_command_then_needs_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run = lambda *a, env=None, stdin=None: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "secretary_app", "--data-dir", str(data), *a], input=stdin, capture_output=True,
        text=True, timeout=120, env=env)
    assert run("demo").returncode == 0
    done = run("encrypt", "--passphrase-stdin", stdin="mật-khẩu-dữ-liệu\n")
    assert done.returncode == 0, done.stderr
    assert "Đã mã hóa dữ liệu (25 đảng viên)" in done.stdout
    refused = run("roster", "export", str(tmp_path / "ds.csv"))
    assert refused.returncode == 1 and "SECRETARY_APP_PASSPHRASE" in refused.stderr
    import os

    env = {**os.environ, crypto.ENV_PASSPHRASE: "mật-khẩu-dữ-liệu"}
    assert run("roster", "export", str(tmp_path / "ds.csv"), env=env).returncode == 0
    assert NAME in (tmp_path / "ds.csv").read_text(encoding="utf-8-sig")
