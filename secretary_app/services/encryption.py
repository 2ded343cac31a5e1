"""Encrypting a data folder that is still plain: back up, encrypt the database with SQLCipher, check that
it opens with the new key and holds the same records, then encrypt the plain backups beside it, which
would otherwise keep the members' records readable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from secretary_app.changes import Changes, OpResult
from secretary_app.db.backup import backup_database, list_backups, preview_backup
from secretary_app.db.crypto import DbKey, encrypt_file, is_encrypted, parse_key, remember_key
from secretary_app.errors import UserError
from secretary_app.paths import AppPaths
from secretary_app.services.overview_snapshot import snapshot_path

if TYPE_CHECKING:
    from secretary_app.store import Store

NO_KEYRING = ("Máy này không có kho khóa của hệ điều hành để giữ khóa mã hóa. Hãy đặt một mật khẩu cho dữ liệu "
              "(secretary-app encrypt --passphrase-stdin, hoặc trong Cài đặt) và giữ nó cẩn thận: mỗi lần mở "
              "chương trình sẽ cần đến nó.")


@dataclass(frozen=True)
class Encrypted:
    members: int
    backups: int  # plain backups that were encrypted too
    key_in_keyring: bool


def encrypt_folder(paths: AppPaths, passphrase: str = "") -> Encrypted:
    """Encrypt ``paths``' database with a random key kept in the keyring, or with ``passphrase`` when one
    is given (a PC without a keyring). The store must be closed. Refused, changing nothing, when the
    database is already encrypted or a random key has nowhere to go."""
    database = paths.database
    if not database.exists():
        raise UserError("Chưa có dữ liệu để mã hóa: thư mục dữ liệu chưa có chi bộ.")
    if is_encrypted(database):
        raise UserError("Dữ liệu này đã được mã hóa.")
    if passphrase and len(passphrase) < 8:
        raise UserError("Mật khẩu dữ liệu cần ít nhất 8 ký tự.")
    key = parse_key(passphrase) if passphrase else DbKey.new()  # 64 hex digits: a raw key, as exported
    if not passphrase and not remember_key(paths.data_dir, key):
        raise UserError(NO_KEYRING)
    before = preview_backup(backup_database(database, paths.backups, "before-encryption"))
    encrypt_file(database, key)
    after = preview_backup(database, key)
    if (after.members, after.meetings, after.documents) != (before.members, before.meetings, before.documents):
        raise UserError("Mã hóa không giữ đủ dữ liệu; hãy khôi phục bản sao lưu \"before-encryption\".")
    plain = [b.path for b in list_backups(paths.backups) if not is_encrypted(b.path)]
    for path in plain:
        encrypt_file(path, key)
    snapshot_path(paths).unlink(missing_ok=True)  # the overview's list names members: none in clear from now on
    return Encrypted(after.members, len(plain), not passphrase)


def protect_store(store: Store, passphrase: str = "") -> OpResult[Encrypted]:
    """Encrypt the open store's database (the Cài đặt page; ``Store.encrypt``). The records are the same
    afterwards, so no page has anything to re-read: the settings box shows the new state itself."""
    return OpResult(store.encrypt(passphrase), Changes())


def is_protected(paths: AppPaths) -> bool:
    """True when this folder's database is encrypted."""
    return is_encrypted(paths.database)
