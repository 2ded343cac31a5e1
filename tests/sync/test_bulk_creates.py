"""Obligations generated in bulk (``outbox.insert_created``: one executemany for the rows, one bulk outbox
row standing for their creates) are stored as rows added through the ORM are; once the sync engine expands
the bulk row, the outbox holds exactly the entries the ORM would have queued, in the bulk row's place in the
queue; and the rows reach another PC."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, text

from models.dues import DuesObligation
from models.members import Member
from models.sync_tables import OutboxEntry
from secretary_app.paths import resolve_paths
from secretary_app.services import dues, roster
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.roster import MemberData
from secretary_app.store import Store
from secretary_app.sync import service
from secretary_app.sync.outbox import expand_bulk, pending_changes
from tests.sync.fixtures import PASSWORD

URL = "http://127.0.0.1:8765"
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 1))


def _stored(store: Store) -> list[tuple[Any, ...]]:
    """Every obligation as SQLite holds it (the time of the write aside)."""
    with store.transaction() as session:
        return [tuple(row) for row in session.execute(text(
            "SELECT id, cell_id, member_id, month, basis, basis_amount, amount, reduction_percent, version, "
            "server_seq, deleted, updated_by, typeof(updated_at), length(updated_at) FROM dues_obligation ORDER BY id"))]


def _queued(store: Store) -> list[tuple[Any, ...]]:
    """The outbox entries of the obligations, as the sync engine will read and send them."""
    with store.transaction() as session:
        return [tuple(row) for row in session.execute(text(
            "SELECT entity, entity_id, op, base_version, fields, schema_version, status, attempts, last_error, "
            "mutation_seq, batch_key, typeof(mutation_id), length(mutation_id), length(created_at) FROM outbox "
            "WHERE entity = 'dues_obligation' ORDER BY entity_id"))]


def test_bulk_generated_obligations_are_stored_and_queued_as_orm_made_ones(store: Store) -> None:
    save_cell(store, CellInput("Chi bộ 5", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 3, dt.date(2025, 8, 20)))
    for name, admitted in (("Trần Văn An", dt.date(2000, 5, 10)), ("Lê Thị Bình", dt.date(1970, 3, 2))):
        roster.create_member(store, MemberData(name, birth_date=dt.date(1950, 5, 10), gender="Nữ",
                                               admission_decision_date=admitted,
                                               official_date=admitted.replace(year=admitted.year + 1)))
    count, _ = dues.generate_obligations(store, *YEAR)
    assert count == 24
    with store.transaction() as session:  # one row standing for 24 changes, counted as 24 on the Sync page
        others = session.scalar(select(func.count()).where(OutboxEntry.entity != "dues_obligation"))
        assert [(e.op, e.records) for e in session.scalars(
            select(OutboxEntry).where(OutboxEntry.entity == "dues_obligation"))] == [("create_many", 24)]
        assert others and session.scalar(pending_changes()) == others + 24
    assert service.status(store).pending == others + 24
    with store.engine.begin() as conn:  # what the sync engine does at the start of each local transaction
        assert expand_bulk(conn) == 24
    bulk_rows, bulk_queue = _stored(store), _queued(store)
    with store.transaction() as session:
        made = [{c.name: getattr(o, c.name) for c in DuesObligation.__table__.columns}
                for o in session.scalars(select(DuesObligation))]
        # Start again and write the same rows one object at a time, the way every other service writes.
        session.execute(delete(OutboxEntry).where(OutboxEntry.entity == "dues_obligation"))
        session.execute(delete(DuesObligation))
    with store.transaction() as session:
        session.add_all(DuesObligation(**{k: v for k, v in row.items() if k != "updated_at"}) for row in made)
    assert _stored(store) == bulk_rows
    assert _queued(store) == bulk_queue
    # Both members' twelve months: the one with 50 years of party age is exempt from 02/2026, the other pays.
    assert sorted(row[6] > 0 for row in bulk_rows) == [False] * 11 + [True] * 13
    again, _ = dues.generate_obligations(store, *YEAR)
    assert again == 0 and _queued(store) == bulk_queue  # nothing changed: nothing written, nothing queued


def test_a_bulk_row_expands_in_its_place_in_the_queue(store: Store) -> None:
    """Edits before and after a generation are sent before and after its creates: the server must see an
    obligation created before a change to it, and the member's record before either."""
    save_cell(store, CellInput("Chi bộ 5", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 3, dt.date(2025, 8, 20)))
    member, _ = roster.create_member(store, MemberData("Trần Văn An", birth_date=dt.date(1981, 5, 10), gender="Nam",
                                                      admission_decision_date=dt.date(2010, 5, 10),
                                                      official_date=dt.date(2011, 5, 10)))
    before = _queue_order(store)
    dues.generate_obligations(store, dt.date(2026, 1, 1), dt.date(2026, 6, 1))
    with store.transaction() as session:
        row = session.get(Member, member)
        assert row is not None
        row.phone = "0912345678"
    with store.transaction() as session:  # a change to one generated month, queued after the bulk row
        january = session.get(DuesObligation, dues.obligation_id(member, dt.date(2026, 1, 1)))
        assert january is not None
        january.amount += 1
    assert [op for op, _ in _queue_order(store)[len(before):]] == ["create_many", "update", "update"]
    with store.engine.begin() as conn:
        expand_bulk(conn)
    order = _queue_order(store)
    assert order[:len(before)] == before
    assert [op for op, _ in order[len(before):]] == ["create"] * 6 + ["update", "update"]
    assert [entity for _, entity in order[len(before):]] == ["dues_obligation"] * 6 + ["member", "dues_obligation"]
    with store.engine.begin() as conn:  # nothing left to expand: nothing changes
        assert expand_bulk(conn) == 0
    assert _queue_order(store) == order


def _queue_order(store: Store) -> list[tuple[str, str]]:
    with store.transaction() as session:
        return [(op, entity) for op, entity in session.execute(
            select(OutboxEntry.op, OutboxEntry.entity).order_by(OutboxEntry.id))]


def test_a_bulk_generated_obligation_reaches_the_other_pc(server, tmp_path: Path) -> None:
    server.cell("Chi bộ 5")
    server.user("bt", "secretary", "Chi bộ 5")
    server.user("pbt", "deputy", "Chi bộ 5")
    a, b = Store(resolve_paths(tmp_path / "a")), Store(resolve_paths(tmp_path / "b"))

    def obligations(store: Store) -> dict[uuid.UUID, tuple[Any, ...]]:
        with store.transaction() as session:
            return {o.id: (o.member_id, o.month, o.basis, o.basis_amount, o.amount, o.reduction_percent, o.deleted)
                    for o in session.scalars(select(DuesObligation))}

    try:
        save_cell(a, CellInput("Chi bộ 5", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1, dt.date(2025, 8, 20)))
        member, _ = roster.create_member(a, MemberData("Trần Văn An", birth_date=dt.date(1981, 5, 10), gender="Nam",
                                                       admission_decision_date=dt.date(2010, 5, 10),
                                                       official_date=dt.date(2011, 5, 10)))
        service.login(a, URL, "bt", PASSWORD, transport=server.bridge)
        service.login(b, URL, "pbt", PASSWORD, transport=server.bridge)
        dues.generate_obligations(a, *YEAR)
        service.sync_now(a, transport=server.bridge)
        service.sync_now(b, transport=server.bridge)
        there = obligations(b)
        assert len(there) == 12 and there == obligations(a)
        march = next(values for values in there.values() if values[1] == dt.date(2026, 3, 1))
        assert march[0] == member and march[4] == 15_930  # 0.3 % × 5.310.000 (vùng I)
        with b.transaction() as session:  # applied as the server's data, not queued again on b
            assert session.scalar(select(Member.full_name)) == "Trần Văn An"
            assert not session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "dues_obligation")).all()
        # The first sync gave the cell the server's id; generating the year again finds the same months.
        assert dues.generate_obligations(a, *YEAR).value == 0 and dues.generate_obligations(b, *YEAR).value == 0
        assert obligations(a) == there
        # a generated the year before its first sync gave the cell the server's id; a PC that joined since
        # and had not yet received those rows computes the very same ids, so the server never holds two
        # obligations of one member and month.
        with b.engine.begin() as conn:  # as if b had not received a's rows yet
            conn.execute(delete(DuesObligation.__table__))
        assert dues.generate_obligations(b, *YEAR).value == 12
        assert set(obligations(b)) == set(there)
    finally:
        a.close()
        b.close()
