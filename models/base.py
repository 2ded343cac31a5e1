"""Declarative base, the sync columns every synced table carries, and NFC on the way in."""

from __future__ import annotations

import datetime as dt
import secrets
import time
import uuid
from typing import TYPE_CHECKING, Any, ClassVar, overload

from sqlalchemy import Boolean, DateTime, Integer, MetaData, String, Table, Uuid, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column
from uuid6 import uuid7

from models.text import nfc

# Stable constraint names, so alembic can alter tables on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> uuid.UUID:
    """Ids are UUIDv7, made on the client: time-ordered, so inserts stay local in the index."""
    return uuid7()


def new_ids(count: int) -> list[uuid.UUID]:
    """``count`` UUIDv7 at once, in increasing order (RFC 9562 §6.2 method 3: the 12 bits after the
    millisecond stamp count up, and the stamp moves on when they run out, as ``uuid7()`` moves it on by one
    for each id). For tens of thousands of rows written together: ``uuid7()`` costs ~6 µs an id, this ~1."""
    return [uuid.UUID(int=value) for value in new_id_ints(count)]


def new_id_ints(count: int) -> list[int]:
    """``new_ids`` as their 128-bit integers, for a caller that writes them as text (``uuid.UUID`` objects
    cost a microsecond each)."""
    stamp = time.time_ns() // 1_000_000
    noise = memoryview(secrets.token_bytes(8 * count)).cast("Q")  # 64 random bits an id
    ids = []
    for index, random_bits in enumerate(noise):
        ms, rand_a = divmod(index, 0x1000)
        ids.append(((stamp + ms) & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | random_bits >> 2)
    return ids


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@overload
def aware(value: dt.datetime) -> dt.datetime: ...


@overload
def aware(value: dt.datetime | None) -> dt.datetime | None: ...


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar = {uuid.UUID: Uuid(), dt.datetime: DateTime(timezone=True)}

    if TYPE_CHECKING:
        # Every model maps a plain Table (none maps a join or a select); typed so, insert()/update()/delete()
        # take ``Model.__table__`` as it is.
        __table__: ClassVar[Table]


class SyncMixin:
    """Columns of every synced record (ARCHITECTURE.md "Data model"; sync-security.md §2.1).

    ``version`` and ``server_seq`` are assigned by the server; 0 means "never synced".
    """

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    cell_id: Mapped[uuid.UUID] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    server_seq: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(120), default="")

    if TYPE_CHECKING:
        # Set by each synced model; the outbox names the entity by it.
        __tablename__: str


@event.listens_for(Mapper, "mapper_configured")
def _normalise_strings(mapper: Mapper[Any], class_: type) -> None:
    """Every string attribute is NFC-normalised when set: decomposed input (Unikey "tổ hợp", macOS
    file names) would otherwise print with misplaced marks and fail to match in search."""
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if not isinstance(column.type, String):
            continue

        def _set(target: object, value: object, oldvalue: object, initiator: object) -> object:
            return nfc(value) if isinstance(value, str) else value

        event.listen(getattr(class_, prop.key), "set", _set, retval=True)
