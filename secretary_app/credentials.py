"""Secrets (sync tokens) in the operating system's keyring, degrading plainly when there is none.

We never install keyrings.alt: it would silently store secrets in clear text (stack.md §7). Without a
keyring a secret is held in this process's memory only (``_SESSION``): the open window, or one
``sync --password-stdin`` run, keeps working; nothing is written to a file, so the next start asks again.
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from secretary_app import APP_NAME

log = logging.getLogger(__name__)

_SESSION: dict[tuple[str, str], str] = {}  # secrets the keyring refused: this process only, never on disk

NO_KEYRING_MESSAGE = (
    "Không tìm thấy kho mật khẩu của hệ điều hành (Secret Service/KWallet). Mật khẩu sẽ không được lưu; "
    "bạn cần nhập lại ở lần đăng nhập sau."
)


class Credentials:
    """get/set/delete by key; ``available`` tells the UI whether "remember me" can be offered."""

    def __init__(self, service: str = APP_NAME) -> None:
        self.service = service
        self.last_error: str | None = None

    @property
    def available(self) -> bool:
        try:
            keyring.get_password(self.service, "__probe__")
        except KeyringError:
            return False
        return True

    def get(self, key: str) -> str | None:
        try:
            found = keyring.get_password(self.service, key)
        except KeyringError as exc:
            self._failed(exc)
            found = None
        return found if found is not None else _SESSION.get((self.service, key))

    def set(self, key: str, secret: str) -> bool:
        """Store the secret; False (with ``last_error`` set to a Vietnamese message) when the keyring cannot
        keep it: it is then held in this process's memory only, until the program ends."""
        try:
            keyring.set_password(self.service, key, secret)
        except KeyringError as exc:
            self._failed(exc)
            _SESSION[(self.service, key)] = secret
            return False
        _SESSION.pop((self.service, key), None)
        self.last_error = None
        return True

    def delete(self, key: str) -> None:
        _SESSION.pop((self.service, key), None)
        try:
            keyring.delete_password(self.service, key)
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            self._failed(exc)

    def session_only(self, key: str) -> bool:
        """True when the secret lives in this process's memory only (no keyring): lost at exit."""
        return (self.service, key) in _SESSION

    def _failed(self, exc: KeyringError) -> None:
        log.info("Keyring unavailable: %s", exc)
        self.last_error = NO_KEYRING_MESSAGE
