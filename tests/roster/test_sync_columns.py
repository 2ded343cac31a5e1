"""`version` and `server_seq` belong to the server (sync-security.md §2.1): local edits leave them alone.

A local bump also made the outbox send the wrong `base_version` (the bumped one), so the server saw a
conflict where there was none.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select, update

from models.members import Member
from models.sync_tables import OutboxEntry
from secretary_app.roster_io.exporting import export_roster
from secretary_app.roster_io.importing import import_roster
from secretary_app.services import roster
from secretary_app.services.roster import MemberData

TODAY = dt.date(2026, 11, 25)


def _as_if_synced(store, member_id, version=3, seq=41):
    """What the sync engine leaves after applying the server's answer."""
    with store.transaction() as session:
        session.execute(update(Member).where(Member.id == member_id).values(version=version, server_seq=seq))


def _sync_columns(store, member_id):
    with store.transaction() as session:
        return session.execute(select(Member.version, Member.server_seq).where(Member.id == member_id)).one()


def _updates(store, member_id):
    with store.transaction() as session:
        return session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == member_id,
                                                          OutboxEntry.op == "update")).all()


def test_member_edit_keeps_version_and_sends_the_version_it_edited(demo_store):
    lan = next(r for r in roster.list_members(demo_store, TODAY) if r.full_name == "Phạm Thị Lan")
    _as_if_synced(demo_store, lan.id)
    data = roster.get_member(demo_store, lan.id, TODAY).data
    roster.update_member(demo_store, lan.id, MemberData(**{**data.__dict__, "phone": "0912345678"}))
    assert tuple(_sync_columns(demo_store, lan.id)) == (3, 41)
    [edit] = _updates(demo_store, lan.id)
    assert edit.base_version == 3
    assert json.loads(edit.fields)["phone"][1] == "0912345678"


def test_delete_and_restore_keep_version(demo_store):
    an = next(r for r in roster.list_members(demo_store, TODAY) if r.full_name == "Trần Văn An")
    _as_if_synced(demo_store, an.id)
    roster.delete_member(demo_store, an.id)
    assert tuple(_sync_columns(demo_store, an.id)) == (3, 41)
    with demo_store.transaction() as session:
        tombstone = session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == an.id,
                                                              OutboxEntry.op == "delete")).one()
    assert tombstone.base_version == 3
    roster.restore_member(demo_store, an.id)
    assert tuple(_sync_columns(demo_store, an.id)) == (3, 41)


def test_roster_import_that_updates_a_member_keeps_version(demo_store, tmp_path):
    exported = export_roster(demo_store, tmp_path / "ds.csv", TODAY)
    hung = next(r for r in roster.list_members(demo_store, TODAY) if r.full_name == "Nguyễn Văn Hùng")
    _as_if_synced(demo_store, hung.id, version=5, seq=77)
    text = exported.read_text(encoding="utf-8-sig")
    assert "Nguyễn Văn Hùng" in text
    changed = tmp_path / "changed.csv"
    changed.write_text(text.replace("Nguyễn Văn Hùng", "Nguyễn Văn Hưng"), encoding="utf-8-sig")
    assert import_roster(demo_store, changed).summary() == "imported 0, updated 1, unchanged 24, rejected 0"
    assert tuple(_sync_columns(demo_store, hung.id)) == (5, 77)
    [edit] = _updates(demo_store, hung.id)
    assert edit.base_version == 5 and json.loads(edit.fields)["full_name"] == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]


def test_history_events_imported_in_bulk_are_queued_for_sync(demo_store, tmp_path):
    """The "Quá trình" events go in with the members' bulk INSERT, past the unit of work: the outbox still
    gets a create for each, with the details, so the other devices see the death, the transfers…"""
    from secretary_app.paths import resolve_paths
    from secretary_app.services.cell import CellInput, save_cell
    from secretary_app.store import Store

    exported = export_roster(demo_store, tmp_path / "ds.xlsx", TODAY)
    fresh = Store(resolve_paths(tmp_path / "fresh"))
    try:
        save_cell(fresh, CellInput("Chi bộ mới", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1, dt.date(2025, 8, 20)))
        import_roster(fresh, exported, today=TODAY)
        with fresh.transaction() as session:
            queued = [json.loads(e.fields) for e in session.scalars(
                select(OutboxEntry).where(OutboxEntry.entity == "member_event", OutboxEntry.op == "create"))]
        def events(store):
            return [e for r in roster.list_members(store, TODAY) for e in roster.get_member(store, r.id, TODAY).events]

        assert len(queued) == len(events(fresh)) == len(events(demo_store)) == 56
        death = next(e for e in events(fresh) if e.kind == "death")
        assert {"kind": [None, "death"], "event_date": [None, death.event_date.isoformat()]}.items() <= \
            next(q for q in queued if q["kind"][1] == "death").items()
        assert sum(q["decision_ref"][1] == "QĐ kết nạp" for q in queued) == 25
    finally:
        fresh.close()
