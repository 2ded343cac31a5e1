"""The cell's own details (name, superior organisation, place, region, type, term) as a synced record.

``create-cell`` writes the cell's ``cell`` record at version 1 (the *seed*, written by the administrator),
so a fresh PC that logs in receives the cell with its first pull and is ready (issue 16.1). The first PC
that already holds the cell's details (set up offline with the wizard) replaces the seed with its own
values instead of conflicting with it: the administrator only knew the name and the superior.

Kept apart from ``service.py`` so the protocol's other record kinds merge without touching it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import Connection, func, insert, select

from secretary_app.server.db import RECORDS, record_history
from secretary_app.sync.codec import ENTITIES, digest_hex, record_hash

SEED_AUTHOR = "máy chủ"  # ``updated_by`` of the seed: no person's account wrote it
CELL_TYPES = ("residential", "agency", "enterprise", "school", "armed_forces")


def seed_values(name: str, superior: str, *, place: str = "", region: int = 1, cell_type: str = "residential",
                term_start: dt.date | None = None, today: dt.date | None = None) -> dict[str, Any]:
    """The data fields of a seed cell record (the columns of ``models.cell.Cell``)."""
    if region not in (1, 2, 3, 4):
        raise ValueError("region must be 1-4")
    if cell_type not in CELL_TYPES:
        raise ValueError(f"cell type must be one of {', '.join(CELL_TYPES)}")
    start = term_start or (today or dt.date.today()).replace(month=1, day=1)
    return dict(name=name, superior_name=superior, place_name=place, wage_region=region, cell_type=cell_type,
                term_start=start, term_end=None, is_grassroots=False)


def write_seed(conn: Connection, cell_id: uuid.UUID, values: dict[str, Any], *, seq: int, digest: str,
               now: dt.datetime) -> str:
    """Insert the seed record at ``seq`` (the cell's next server_seq); returns the cell's new digest."""
    conn.execute(insert(RECORDS["cell"]).values(id=cell_id, cell_id=cell_id, version=1, server_seq=seq,
                                                deleted=False, updated_at=now, updated_by=SEED_AUTHOR, **values))
    fields = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}
    conn.execute(insert(record_history).values(cell_id=cell_id, entity="cell", entity_id=cell_id, version=1,
                                               server_seq=seq, deleted=False, device_id=None, mutation_id=None,
                                               fields=json.dumps(fields, ensure_ascii=False), at=now))
    return digest_hex(int(digest, 16) ^ record_hash("cell", cell_id, 1))


def is_seed(row: dict[str, Any] | Any | None) -> bool:
    """True for the administrator's seed, untouched since ``create-cell``."""
    return row is not None and row["version"] == 1 and row["updated_by"] == SEED_AUTHOR


def has_data(conn: Connection, cell: Any) -> bool:
    """Whether the cell holds anything a PC sent (the seed alone is not data: a PC set up offline joins it
    without being asked to merge)."""
    if cell["server_seq"] == 0:
        return False
    if cell["server_seq"] > 1:
        return True
    row = conn.execute(select(RECORDS["cell"]).where(RECORDS["cell"].c.id == cell["cell_id"])).mappings().first()
    return not is_seed(row)


def live_counts(conn: Connection, cell_id: uuid.UUID) -> dict[str, int]:
    """Live (not deleted) records per kind, for the first sync's "what will happen" (issue 16.5)."""
    counts: dict[str, int] = {}
    for entity in ENTITIES:
        table = RECORDS[entity]
        found = conn.scalar(select(func.count()).select_from(table)
                            .where(table.c.cell_id == cell_id, table.c.deleted.is_(False))) or 0
        if found:
            counts[entity] = int(found)
    return counts
