"""Passwords (argon2id), opaque tokens stored hashed, refresh rotation with reuse detection, login
throttling, and turning a bearer token into the caller (user, device, cell, role) — sync-security §4.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import math
import secrets
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, insert, select, update

from models.base import aware, new_id
from secretary_app.server.db import (
    auth_event,
    cell_sync_state,
    devices,
    login_throttle,
    read_connection,
    tokens,
    user_cells,
    users,
    write_transaction,
)
from secretary_app.sync.protocol import ACCESS_TTL, REFRESH_IDLE_TTL, TokenResponse

log = logging.getLogger("secretary_app.server.auth")
REFRESH_GRACE = dt.timedelta(seconds=60)  # a refresh retried after a lost answer gets the same pair
FAMILY_LIFETIME = dt.timedelta(days=90)  # a login's refresh family ends then, however often it rotated

ROLES = ("secretary", "deputy", "viewer", "admin")
WRITERS = frozenset({"secretary", "deputy"})
MIN_PASSWORD = 12


class AuthError(Exception):
    """401 with a generic message: the caller learns nothing about which part was wrong."""


class AccountDisabled(AuthError):
    """The right password for a disabled account: said plainly (403), since only the owner can know it."""


class WrongPassword(Exception):
    """Changing the password: the current one given is wrong."""


class Throttled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("too many attempts")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Principal:
    user_id: uuid.UUID
    username: str
    role: str
    device_id: uuid.UUID
    cell_id: uuid.UUID | None  # a writer's own cell
    readable: frozenset[uuid.UUID] = frozenset()  # cells a viewer may read


def normalise_password(password: str) -> str:
    """NFC, so a password typed on another OS (NFD) still matches."""
    return unicodedata.normalize("NFC", password)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class WeakPassword(ValueError):
    """The password policy refused a password; the message is for the administrator (Vietnamese)."""


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords of 12+ characters (scripts/common_passwords.py writes it)."""
    text = (resources.files("secretary_app.server") / "common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip())


def check_password(password: str, username: str = "") -> str:
    """sync-security §4 A2: at least 12 characters (after NFC), not a commonly chosen one, not the user name.
    No composition rules. Returns the password as it will be hashed."""
    password = normalise_password(password)
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")
    folded = password.casefold()
    if folded in common_passwords() or (username and username.casefold() in folded):
        raise WeakPassword("Mật khẩu này quá phổ biến hoặc chứa tên đăng nhập, rất dễ bị đoán. Hãy chọn một câu "
                           "dài, dễ nhớ với riêng mình (ví dụ vài từ tiếng Việt ghép lại).")
    return password


@dataclass
class LoginThrottle:
    """Growing delays instead of a lock (sync-security §4 A6), kept in the database so restarts and several
    workers share them. Counted per (account, client address): someone guessing from elsewhere slows only
    themselves, never the real user at their own address. Per address across all accounts too (password
    spraying), with more free attempts. A success at a pair clears it."""

    free_per_account: int = 5
    free_per_address: int = 30
    first_delay: float = 1.0  # seconds after the free attempts, doubling with each further failure
    max_delay: float = 900.0
    window: dt.timedelta = dt.timedelta(minutes=15)  # failures older than this are forgotten

    def check(self, conn: Connection, account: str, address: str, now: dt.datetime) -> None:
        rows = conn.execute(select(login_throttle.c.blocked_until).where(
            login_throttle.c.address == address[:64],
            login_throttle.c.account.in_([_account(account), ANY_ACCOUNT]))).scalars().all()
        waits = [(aware(until) - now).total_seconds() for until in rows if aware(until) > now]
        if waits:
            raise Throttled(math.ceil(max(waits)))

    def failed(self, conn: Connection, account: str, address: str, now: dt.datetime) -> None:
        for key, free in ((_account(account), self.free_per_account), (ANY_ACCOUNT, self.free_per_address)):
            row = conn.execute(select(login_throttle).where(login_throttle.c.account == key,
                                                            login_throttle.c.address == address[:64])).first()
            failures = 1 if row is None or aware(row.last_failure_at) < now - self.window else row.failures + 1
            extra = failures - free  # the free attempts used up: 1 s, 2 s, 4 s… up to 15 minutes
            delay = 0.0 if extra < 0 else min(self.first_delay * 2 ** min(extra, 20), self.max_delay)
            values = dict(failures=failures, last_failure_at=now, blocked_until=now + dt.timedelta(seconds=delay))
            if row is None:
                conn.execute(insert(login_throttle).values(account=key, address=address[:64], **values))
            else:
                conn.execute(update(login_throttle).where(login_throttle.c.account == key,
                                                          login_throttle.c.address == address[:64]).values(**values))

    def succeeded(self, conn: Connection, account: str, address: str) -> None:
        conn.execute(delete(login_throttle).where(login_throttle.c.account == _account(account),
                                                  login_throttle.c.address == address[:64]))


ANY_ACCOUNT = "*"  # the per-address row (a user name never is "*": it is NFC text of 1-120 characters)


def _account(username: str) -> str:
    return unicodedata.normalize("NFC", username).casefold()[:120]


def _seal(pair: str, key_token: str) -> str:
    """Encrypt ``pair`` with a key only the holder of ``key_token`` has (SHA-256 of it in counter mode: the
    token is 256 random bits and seals one text once)."""
    data = pair.encode()
    return bytes(a ^ b for a, b in zip(data, _stream(key_token, len(data)), strict=True)).hex()


def _open(sealed: str, key_token: str) -> str:
    data = bytes.fromhex(sealed)
    return bytes(a ^ b for a, b in zip(data, _stream(key_token, len(data)), strict=True)).decode()


def _stream(key_token: str, length: int) -> bytes:
    key = hashlib.sha256(b"rotated-pair|" + key_token.encode()).digest()
    blocks = (hashlib.sha256(key + i.to_bytes(4, "big")).digest() for i in range(length // 32 + 1))
    return b"".join(blocks)[:length]


@dataclass
class Authenticator:
    engine: Engine
    hasher: PasswordHasher = field(default_factory=PasswordHasher)
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    refresh_grace: dt.timedelta = REFRESH_GRACE
    family_lifetime: dt.timedelta = FAMILY_LIFETIME

    def __post_init__(self) -> None:
        # Unknown users are checked against this, so they take as long as known ones.
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    # --- passwords ---------------------------------------------------------------------------
    def hash_password(self, password: str) -> str:
        return self.hasher.hash(normalise_password(password))

    def verify_password(self, stored: str | None, password: str) -> bool:
        try:
            return self.hasher.verify(stored or self._dummy_hash, normalise_password(password)) and stored is not None
        except (VerificationError, InvalidHashError):
            return False

    # --- audit -------------------------------------------------------------------------------
    def event(self, conn: Connection, kind: str, *, username: str = "", user_id: uuid.UUID | None = None,
              device_id: uuid.UUID | None = None, address: str = "", detail: str = "") -> None:
        """One auth event, in the audit table and the log. Never a password or a token."""
        record_event(conn, self.clock(), kind, username=username, user_id=user_id, device_id=device_id,
                     address=address, detail=detail)

    # --- login and tokens --------------------------------------------------------------------
    def login(self, username: str, password: str, device_id: uuid.UUID | None, device_name: str,
              ip: str) -> TokenResponse:
        now = self.clock()
        throttled: Throttled | None = None
        with read_connection(self.engine) as conn:
            try:
                self.throttle.check(conn, username, ip, now)
            except Throttled as exc:
                throttled = exc
            user = conn.execute(select(users).where(users.c.username == username)).mappings().first()
        if throttled is not None:
            with write_transaction(self.engine) as conn:
                self.event(conn, "login_throttled", username=username[:120], address=ip,
                           detail=f"retry after {throttled.retry_after} s")
            raise throttled
        ok = self.verify_password(user["password_hash"] if user else None, password)  # slow: outside any lock
        if not ok or user is None or user["disabled"]:
            with write_transaction(self.engine) as conn:  # the failure is counted (committed) before the answer
                self.throttle.failed(conn, username, ip, now)
                self.event(conn, "login_failed", username=username[:120], user_id=user["id"] if user else None,
                           address=ip, detail="disabled" if ok and user is not None else "")
            if ok and user is not None:
                raise AccountDisabled()
            raise AuthError()
        assert user is not None
        with write_transaction(self.engine) as conn:
            self.throttle.succeeded(conn, username, ip)
            if self.hasher.check_needs_rehash(user["password_hash"]):
                conn.execute(update(users).where(users.c.id == user["id"])
                             .values(password_hash=self.hash_password(password)))
            device = None
            if device_id is not None:
                device = conn.execute(select(devices).where(devices.c.id == device_id)).mappings().first()
                if device is not None and (device["user_id"] != user["id"] or device["revoked_at"] is not None):
                    device = None  # someone else's or revoked: this PC becomes a new device
            if device is None:
                device_id = self._add_device(conn, user, device_name)
            assert device_id is not None
            self.event(conn, "login_ok", username=user["username"], user_id=user["id"], device_id=device_id,
                       address=ip)
            return self._issue(conn, user, device_id, new_id(), now)

    def new_device(self, principal: Principal, device_name: str) -> TokenResponse:
        with write_transaction(self.engine) as conn:
            user = conn.execute(select(users).where(users.c.id == principal.user_id)).mappings().one()
            device_id = self._add_device(conn, user, device_name)
            self.event(conn, "new_device", username=user["username"], user_id=user["id"], device_id=device_id,
                       detail=f"copy of device {principal.device_id}")
            return self._issue(conn, user, device_id, new_id(), self.clock())

    def _add_device(self, conn: Connection, user: Any, device_name: str) -> uuid.UUID:
        device_id = new_id()
        conn.execute(insert(devices).values(
            id=device_id, user_id=user["id"], cell_id=user["cell_id"], name=device_name[:200],
            last_mutation_seq=0, last_pulled_seq=0, created_at=self.clock()))
        return device_id

    def _issue(self, conn: Connection, user: Any, device_id: uuid.UUID, family: uuid.UUID,
               started: dt.datetime) -> TokenResponse:
        now = self.clock()
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        conn.execute(insert(tokens), [
            dict(token_hash=hash_token(access), kind="access", user_id=user["id"], device_id=device_id,
                 family_id=family, created_at=now, expires_at=now + ACCESS_TTL, family_started_at=started),
            dict(token_hash=hash_token(refresh), kind="refresh", user_id=user["id"], device_id=device_id,
                 family_id=family, created_at=now, expires_at=min(now + REFRESH_IDLE_TTL, started + self.family_lifetime),
                 family_started_at=started),
        ])
        return self._response(conn, user, device_id, access, refresh)

    def _response(self, conn: Connection, user: Any, device_id: uuid.UUID, access: str, refresh: str) -> TokenResponse:
        cell_name = ""
        if user["cell_id"] is not None:
            cell_name = conn.scalar(select(cell_sync_state.c.name)
                                    .where(cell_sync_state.c.cell_id == user["cell_id"])) or ""
        return TokenResponse(access_token=access, refresh_token=refresh, expires_in=int(ACCESS_TTL.total_seconds()),
                             device_id=device_id, user=user["username"], role=user["role"],
                             cell_id=user["cell_id"], cell_name=cell_name)

    def refresh(self, refresh_token: str, ip: str = "") -> TokenResponse:
        """Rotate: the old refresh token is spent. Presented again within the grace window (its answer was
        lost, or three requests raced), it gets the same new pair; later, it revokes its whole family."""
        now = self.clock()
        outcome: TokenResponse | None = None
        with write_transaction(self.engine) as conn:
            query = select(tokens).where(tokens.c.token_hash == hash_token(refresh_token), tokens.c.kind == "refresh")
            row = conn.execute(query.with_for_update()).mappings().first()  # concurrent refreshes queue here
            if row is None:
                raise AuthError()
            user = conn.execute(select(users).where(users.c.id == row["user_id"])).mappings().first()
            device = conn.execute(select(devices).where(devices.c.id == row["device_id"])).mappings().first()
            if user is None or user["disabled"] or device is None or device["revoked_at"] is not None:
                raise AuthError()
            if (row["used_at"] is not None and row["revoked_at"] is None and row["rotated_to"]
                    and now - aware(row["used_at"]) <= self.refresh_grace):
                pair = json.loads(_open(row["rotated_to"], refresh_token))
                alive = conn.scalar(select(tokens.c.revoked_at.is_(None)).where(
                    tokens.c.token_hash == hash_token(pair["refresh"])))
                if alive:
                    outcome = self._response(conn, user, row["device_id"], pair["access"], pair["refresh"])
            if outcome is None and (row["used_at"] is not None or row["revoked_at"] is not None):
                conn.execute(update(tokens).where(tokens.c.family_id == row["family_id"],
                                                  tokens.c.revoked_at.is_(None)).values(revoked_at=now))
                self.event(conn, "refresh_reuse", username=user["username"], user_id=user["id"],
                           device_id=row["device_id"], address=ip, detail="family revoked")
            elif outcome is None:
                started = aware(row["family_started_at"] or row["created_at"])
                assert started is not None
                if aware(row["expires_at"]) <= now or now - started > self.family_lifetime:
                    raise AuthError()
                conn.execute(update(tokens).where(tokens.c.family_id == row["family_id"], tokens.c.kind == "access",
                                                  tokens.c.revoked_at.is_(None)).values(revoked_at=now))
                outcome = self._issue(conn, user, row["device_id"], row["family_id"], started)
                conn.execute(update(tokens).where(tokens.c.token_hash == row["token_hash"]).values(
                    used_at=now, rotated_to=_seal(json.dumps({"access": outcome.access_token,
                                                              "refresh": outcome.refresh_token}), refresh_token)))
        if outcome is None:  # the revocation above is committed first
            raise AuthError()
        return outcome

    def change_password(self, principal: Principal, current: str, new: str, ip: str) -> None:
        """The account's own password change: the current one checked (and counted like a login), the new one
        held to the same rules as the administrator's, then every session of the account ends."""
        now = self.clock()
        with read_connection(self.engine) as conn:
            self.throttle.check(conn, principal.username, ip, now)
            stored = conn.scalar(select(users.c.password_hash).where(users.c.id == principal.user_id))
        if not self.verify_password(stored, current):
            with write_transaction(self.engine) as conn:
                self.throttle.failed(conn, principal.username, ip, now)
                self.event(conn, "password_change_failed", username=principal.username, user_id=principal.user_id,
                           device_id=principal.device_id, address=ip)
            raise WrongPassword()
        check_password(new, principal.username)  # WeakPassword: the caller says why
        with write_transaction(self.engine) as conn:
            conn.execute(update(users).where(users.c.id == principal.user_id)
                         .values(password_hash=self.hash_password(new)))
            revoke_user_tokens(conn, principal.user_id, now)
            self.event(conn, "password_change", username=principal.username, user_id=principal.user_id,
                       device_id=principal.device_id, address=ip, detail="by the account; every session ended")

    def logout(self, principal: Principal) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(update(tokens).where(tokens.c.device_id == principal.device_id,
                                              tokens.c.revoked_at.is_(None)).values(revoked_at=self.clock()))

    def resolve(self, token: str) -> Principal:
        """The caller, from the token alone. Anything missing, expired, revoked or disabled is a 401."""
        now = self.clock()
        with read_connection(self.engine) as conn:
            row = conn.execute(
                select(tokens.c.kind, tokens.c.expires_at, tokens.c.revoked_at, tokens.c.device_id,
                       users.c.id, users.c.username, users.c.role, users.c.cell_id, users.c.disabled,
                       devices.c.revoked_at.label("device_revoked"))
                .join(users, users.c.id == tokens.c.user_id)
                .join(devices, devices.c.id == tokens.c.device_id)
                .where(tokens.c.token_hash == hash_token(token))
            ).mappings().first()
            if (row is None or row["kind"] != "access" or row["revoked_at"] is not None or row["disabled"]
                    or row["device_revoked"] is not None or aware(row["expires_at"]) <= now):
                raise AuthError()
            readable: frozenset[uuid.UUID] = frozenset()
            if row["role"] == "viewer":
                readable = frozenset(conn.scalars(select(user_cells.c.cell_id)
                                                  .where(user_cells.c.user_id == row["id"])))
            return Principal(row["id"], row["username"], row["role"], row["device_id"], row["cell_id"], readable)


def revoke_user_tokens(conn: Connection, user_id: uuid.UUID, now: dt.datetime) -> None:
    conn.execute(update(tokens).where(tokens.c.user_id == user_id, tokens.c.revoked_at.is_(None))
                 .values(revoked_at=now))


def record_event(conn: Connection, at: dt.datetime, kind: str, *, username: str = "",
                 user_id: uuid.UUID | None = None, device_id: uuid.UUID | None = None, address: str = "",
                 detail: str = "") -> None:
    conn.execute(insert(auth_event).values(at=at, kind=kind, username=username[:120], user_id=user_id,
                                           device_id=device_id, address=address[:64], detail=detail[:200]))
    log.info("auth %s user=%s device=%s address=%s %s", kind, username[:120], device_id or "-", address or "-",
             detail)


def purge_spent_tokens(engine: Engine, now: dt.datetime, *, keep: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete tokens that can never be accepted again: expired, or revoked more than ``keep`` ago (a spent
    refresh token stays until it expires, so presenting it again is still recognised as reuse). Also
    forgets login failures older than a day. Returns the tokens deleted."""
    with write_transaction(engine) as conn:
        gone = conn.execute(delete(tokens).where((tokens.c.expires_at < now) | (tokens.c.revoked_at < now - keep)))
        conn.execute(delete(login_throttle).where(login_throttle.c.last_failure_at < now - dt.timedelta(days=1)))
    return int(gone.rowcount or 0)
