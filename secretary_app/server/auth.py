"""Passwords (argon2id), opaque tokens stored hashed, refresh rotation with reuse detection, login
throttling, and turning a bearer token into the caller (user, device, cell, role) — sync-security §4.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
import unicodedata
import uuid
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, insert, select, update

from models.base import new_id
from secretary_app.server.db import (
    aware,
    cell_sync_state,
    devices,
    read_connection,
    tokens,
    user_cells,
    users,
    write_transaction,
)
from secretary_app.sync.protocol import ACCESS_TTL, REFRESH_IDLE_TTL, TokenResponse

ROLES = ("secretary", "deputy", "viewer", "admin")
WRITERS = frozenset({"secretary", "deputy"})
MIN_PASSWORD = 12


class AuthError(Exception):
    """401 with a generic message: the caller learns nothing about which part was wrong."""


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


class LoginThrottle:
    """Per account: 5 failures in 15 minutes, then wait; per client address: 30 attempts a minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, *, per_account: int = 5,
                 account_window: float = 900.0, per_ip: int = 30, ip_window: float = 60.0) -> None:
        self.clock = clock
        self.per_account, self.account_window = per_account, account_window
        self.per_ip, self.ip_window = per_ip, ip_window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._attempts: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, account: str, ip: str) -> None:
        now = self.clock()
        with self._lock:
            fails = self._trim(self._failures[account.casefold()], now, self.account_window)
            if len(fails) >= self.per_account:
                raise Throttled(int(fails[0] + self.account_window - now) + 1)
            tries = self._trim(self._attempts[ip], now, self.ip_window)
            if len(tries) >= self.per_ip:
                raise Throttled(int(tries[0] + self.ip_window - now) + 1)
            tries.append(now)

    def failed(self, account: str) -> None:
        with self._lock:
            self._failures[account.casefold()].append(self.clock())

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(account.casefold(), None)

    @staticmethod
    def _trim(times: deque[float], now: float, window: float) -> deque[float]:
        while times and times[0] <= now - window:
            times.popleft()
        return times


@dataclass
class Authenticator:
    engine: Engine
    hasher: PasswordHasher = field(default_factory=PasswordHasher)
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    throttle: LoginThrottle = field(default_factory=LoginThrottle)

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

    # --- login and tokens --------------------------------------------------------------------
    def login(self, username: str, password: str, device_id: uuid.UUID | None, device_name: str,
              ip: str) -> TokenResponse:
        self.throttle.check(username, ip)
        with write_transaction(self.engine) as conn:
            user = conn.execute(select(users).where(users.c.username == username)).mappings().first()
            ok = self.verify_password(user["password_hash"] if user else None, password)
            if not ok or user is None or user["disabled"]:
                self.throttle.failed(username)
                raise AuthError()
            self.throttle.succeeded(username)
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
            return self._issue(conn, user, device_id, new_id())

    def new_device(self, principal: Principal, device_name: str) -> TokenResponse:
        with write_transaction(self.engine) as conn:
            user = conn.execute(select(users).where(users.c.id == principal.user_id)).mappings().one()
            device_id = self._add_device(conn, user, device_name)
            return self._issue(conn, user, device_id, new_id())

    def _add_device(self, conn: Connection, user: Any, device_name: str) -> uuid.UUID:
        device_id = new_id()
        conn.execute(insert(devices).values(
            id=device_id, user_id=user["id"], cell_id=user["cell_id"], name=device_name[:200],
            last_mutation_seq=0, last_pulled_seq=0, created_at=self.clock()))
        return device_id

    def _issue(self, conn: Connection, user, device_id: uuid.UUID, family: uuid.UUID) -> TokenResponse:  # type: ignore[no-untyped-def]
        now = self.clock()
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        conn.execute(insert(tokens), [
            dict(token_hash=hash_token(access), kind="access", user_id=user["id"], device_id=device_id,
                 family_id=family, created_at=now, expires_at=now + ACCESS_TTL),
            dict(token_hash=hash_token(refresh), kind="refresh", user_id=user["id"], device_id=device_id,
                 family_id=family, created_at=now, expires_at=now + REFRESH_IDLE_TTL),
        ])
        cell_name = ""
        if user["cell_id"] is not None:
            cell_name = conn.scalar(select(cell_sync_state.c.name)
                                    .where(cell_sync_state.c.cell_id == user["cell_id"])) or ""
        return TokenResponse(access_token=access, refresh_token=refresh, expires_in=int(ACCESS_TTL.total_seconds()),
                             device_id=device_id, user=user["username"], role=user["role"],
                             cell_id=user["cell_id"], cell_name=cell_name)

    def refresh(self, refresh_token: str) -> TokenResponse:
        """Rotate: the old refresh token is spent. Presenting a spent one revokes its whole family."""
        now = self.clock()
        with write_transaction(self.engine) as conn:
            row = conn.execute(select(tokens).where(tokens.c.token_hash == hash_token(refresh_token),
                                                    tokens.c.kind == "refresh")).mappings().first()
            if row is None:
                raise AuthError()
            if row["used_at"] is not None or row["revoked_at"] is not None:
                conn.execute(update(tokens).where(tokens.c.family_id == row["family_id"],
                                                  tokens.c.revoked_at.is_(None)).values(revoked_at=now))
                raise_after_commit = True
            else:
                raise_after_commit = False
                if aware(row["expires_at"]) <= now:
                    raise AuthError()
                user = conn.execute(select(users).where(users.c.id == row["user_id"])).mappings().first()
                device = conn.execute(select(devices).where(devices.c.id == row["device_id"])).mappings().first()
                if user is None or user["disabled"] or device is None or device["revoked_at"] is not None:
                    raise AuthError()
                conn.execute(update(tokens).where(tokens.c.token_hash == row["token_hash"]).values(used_at=now))
                # The family's older access tokens die with the rotation.
                conn.execute(update(tokens).where(tokens.c.family_id == row["family_id"], tokens.c.kind == "access",
                                                  tokens.c.revoked_at.is_(None)).values(revoked_at=now))
                return self._issue(conn, user, row["device_id"], row["family_id"])
        if raise_after_commit:  # the revocation above is committed first
            raise AuthError()
        raise AssertionError("unreachable")

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
