"""Encryption at rest with SQLCipher (sqlcipher3): party members' records are sensitive personal data, and
an office PC is shared.

A data folder's database is either plain SQLite (its file starts with "SQLite format 3") or encrypted
(its first bytes are random). The key of an encrypted database is, in this order:
- a passphrase given in ``SECRETARY_APP_PASSPHRASE`` (the command line on a PC without a keyring; also
  how the GUI passes the passphrase it asked for), derived by SQLCipher 4's PBKDF2;
- a random 256-bit key kept in the operating system's keyring for this data folder (Windows Credential
  Manager, Secret Service, macOS Keychain), used raw, with no derivation to pay at each connection.
Never a file holding the key in clear, except the one the secretary asks for (``encrypt --export-key``)
to restore a backup on another PC. Every connection the app opens — the store, backups, the checks — goes
through ``connect`` here, so a key applies everywhere or nowhere.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secretary_app.errors import UserError

HEADER = b"SQLite format 3\x00"
ENV_PASSPHRASE = "SECRETARY_APP_PASSPHRASE"
KEYRING_SERVICE = "so-tay-bi-thu-database"


class NeedsKey(UserError):
    """The database is encrypted and no key was found for it here."""


_session_passphrase = ""


def use_passphrase(passphrase: str) -> None:
    """The passphrase the secretary typed at start (the GUI), used for this process only, never stored."""
    global _session_passphrase
    _session_passphrase = passphrase


@dataclass(frozen=True)
class DbKey:
    """What ``PRAGMA key`` is given: a raw 64-hex-digit key, or a passphrase."""

    raw_hex: str = ""
    passphrase: str = ""

    @property
    def pragma(self) -> str:
        if self.raw_hex:
            return f"\"x'{self.raw_hex}'\""
        return "'" + self.passphrase.replace("'", "''") + "'"

    @staticmethod
    def new() -> DbKey:
        import secrets

        return DbKey(raw_hex=secrets.token_hex(32))

    def export_text(self) -> str:
        return self.raw_hex or self.passphrase


def parse_key(text: str) -> DbKey:
    """A passphrase, or a raw key as 64 hex digits (what ``encrypt --export-key`` writes)."""
    text = text.strip()
    if len(text) == 64 and all(c in "0123456789abcdef" for c in text.lower()):
        return DbKey(raw_hex=text.lower())
    return DbKey(passphrase=text)


def is_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return False
    return len(head) == 16 and head != HEADER


def _module() -> Any:
    try:
        import sqlcipher3
    except ImportError as exc:  # a broken install: say what to do, never open the file as plain
        raise UserError("Thiếu thành phần mã hóa (sqlcipher3). Hãy cài lại chương trình.") from exc
    return sqlcipher3.dbapi2


def connect(path: Path | str, key: DbKey | None, *, readonly: bool = False, timeout: float = 5.0,
            check_same_thread: bool = True) -> Any:
    """A DB-API connection to ``path``: sqlite3 for a plain database, sqlcipher3 with the key applied and
    checked for an encrypted one. A wrong key raises NeedsKey with a plain message."""
    target = f"file:{path}?mode=ro" if readonly else str(path)
    if key is None:
        return sqlite3.connect(target, uri=readonly, timeout=timeout, check_same_thread=check_same_thread)
    module = _module()
    conn = module.connect(target, uri=readonly, timeout=timeout, check_same_thread=check_same_thread)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our plain message, not SQLCipher's log
    conn.execute(f"PRAGMA key = {_pragma_for(Path(str(path)), key)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        conn.close()
        raise NeedsKey(wrong_key_message(Path(str(path)))) from exc
    return conn


# SQLCipher 4's defaults (the only settings this app uses): PBKDF2-HMAC-SHA512, 256,000 rounds, a 256-bit
# key, over the 16-byte salt that starts the file.
KDF_ROUNDS = 256_000


@functools.lru_cache(maxsize=16)
def _derived(salt: bytes, passphrase: str) -> str:
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ROUNDS, 32).hex()
    _salted[passphrase] = key + salt.hex()
    return key


# Per passphrase, the last key derived with the salt it was derived over: a file made now (a backup) is keyed
# with both, so it takes that salt and opens with the passphrase later without a derivation now.
_salted: dict[str, str] = {}


def _pragma_for(path: Path, key: DbKey) -> str:
    """What ``PRAGMA key`` gets. A passphrase would cost SQLCipher's key derivation (about a second on an
    office PC) at every connection the app opens — the store's pool, backups, checks; it is derived once per
    file salt and passphrase in this process and given in SQLCipher's raw-key form, which opens the same
    file. A file not yet created gets the last derived key with its salt, or else the passphrase itself."""
    if not key.passphrase:
        return key.pragma
    try:
        with open(path, "rb") as handle:
            salt = handle.read(16)
    except OSError:
        salt = b""
    if salt == HEADER:
        return key.pragma
    if len(salt) != 16:
        known = _salted.get(key.passphrase)
        return f"\"x'{known}'\"" if known else key.pragma
    return f"\"x'{_derived(salt, key.passphrase)}'\""


def wrong_key_message(path: Path) -> str:
    return (f"Không mở được dữ liệu đã mã hóa {path.name}: mật khẩu (hoặc khóa) không đúng. Hãy nhập lại mật "
            "khẩu đã đặt cho dữ liệu này. Nếu đã quên mật khẩu, hãy thiết lập lại máy từ máy chủ đồng bộ "
            "(dữ liệu đã đồng bộ sẽ được tải về).")


def _keyring_user(data_dir: Path) -> str:
    return str(data_dir.resolve())


def keyring_key(data_dir: Path) -> DbKey | None:
    from secretary_app.credentials import Credentials

    stored = Credentials(KEYRING_SERVICE).get(_keyring_user(data_dir))
    return DbKey(raw_hex=stored) if stored else None


def remember_key(data_dir: Path, key: DbKey) -> bool:
    """Keep a raw key in the keyring for this folder; False when there is no keyring."""
    from secretary_app.credentials import Credentials

    return bool(key.raw_hex) and Credentials(KEYRING_SERVICE).set(_keyring_user(data_dir), key.raw_hex)


def key_for(database: Path) -> DbKey | None:
    """The key to open ``database`` with: None for a plain (or not yet created) one."""
    if not is_encrypted(database):
        return None
    passphrase = _session_passphrase or os.environ.get(ENV_PASSPHRASE)
    if passphrase:
        return parse_key(passphrase)
    stored = keyring_key(database.parent)
    if stored is not None:
        return stored
    # Without a key, an encrypted file and a damaged one look the same (no SQLite header): say both.
    raise NeedsKey(
        f"Dữ liệu trong {database.parent} đã được mã hóa. Hãy nhập mật khẩu của dữ liệu (trên dòng lệnh: đặt "
        f"biến môi trường {ENV_PASSPHRASE}). Nếu đã quên mật khẩu, hãy thiết lập lại máy từ máy chủ đồng bộ. "
        "Nếu dữ liệu này chưa từng được mã hóa thì tệp đã bị hỏng: hãy khôi phục từ bản sao lưu "
        "(secretary-app backup list, rồi backup restore TỆP)."
    )


def encrypt_file(database: Path, key: DbKey) -> None:
    """Turn a plain database into an encrypted one (SQLCipher's sqlcipher_export into a new file, which
    then takes the database's name in one rename). The caller closed its connections and made a backup."""
    fresh = database.with_name(database.name + ".encrypting")
    fresh.unlink(missing_ok=True)
    module = _module()
    conn = module.connect(str(database))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY {key.pragma}", (str(fresh),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    except Exception:
        fresh.unlink(missing_ok=True)
        raise
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, database)
