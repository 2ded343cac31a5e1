"""The push/pull protocol on SQLite and PostgreSQL: exactly-once, merge and conflict, limits, cursor,
tombstones, immutability (code and database trigger), digest."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from secretary_app.server.db import RECORDS, applied_mutation, cell_sync_state, conflict
from secretary_app.sync.codec import digest_hex, record_hash
from secretary_app.sync.protocol import PREFIX
from tests.server.helpers import Api, empty_meeting_hash, member_create, update


@pytest.fixture
def api(server):
    server.cell("A")
    server.user("sec", "secretary", "A")
    server.user("dep", "deputy", "A")
    return Api(server)


def test_a_replayed_batch_gets_the_same_answer_and_changes_nothing(api) -> None:
    sec = api.login("sec")
    batch = [member_create(1), member_create(2, name="Trần Thị Bình")]
    first = api.push(sec, batch, key="batch-1")
    again = api.push(sec, batch, key="batch-1")
    fresh_key = api.push(sec, batch, key="batch-1-retry")  # same mutations, new key: stored results
    assert first.status_code == again.status_code == fresh_key.status_code == 200
    assert first.content == again.content
    assert [r["status"] for r in first.json()["results"]] == ["applied", "applied"]
    assert first.json()["results"] == fresh_key.json()["results"]
    with api.server.engine.connect() as conn:
        assert len(conn.execute(select(RECORDS["member"])).all()) == 2
        assert len(conn.execute(select(applied_mutation)).all()) == 2
    changed = api.push(sec, [member_create(3)], key="batch-1")
    assert changed.status_code == 422  # one key, another body


def test_a_gap_in_mutation_seq_is_refused_with_the_expected_number(api) -> None:
    sec = api.login("sec")
    response = api.push(sec, [member_create(2)])
    assert response.status_code == 409 and response.json() == {"error": "out_of_order", "expected_seq": 1}
    with api.server.engine.connect() as conn:
        assert conn.execute(select(RECORDS["member"])).first() is None


def test_limits_unknown_fields_and_oversized_batches(api) -> None:
    sec = api.login("sec")
    too_many = [member_create(i) for i in range(1, 202)]
    assert api.push(sec, too_many).status_code == 422
    sneaky = {**member_create(1), "admin": True}
    assert api.push(sec, [sneaky]).status_code == 422
    huge = member_create(1, notes="x" * (1200 * 1024))
    assert api.push(sec, [huge]).status_code == 413
    long_name = api.push(sec, [member_create(1, name="A" * 121)]).json()["results"][0]
    assert (long_name["status"], long_name["error_code"]) == ("rejected", "invalid")
    assert api.call("POST", f"{PREFIX}/push", sec["access_token"], json={"device_id": sec["device_id"],
                    "cell_id": sec["cell_id"], "mutations": [member_create(2)]}).status_code == 400  # no key


def test_different_fields_merge_and_the_same_field_conflicts_keeping_both(api) -> None:
    sec, dep = api.login("sec"), api.login("dep")
    member = uuid.uuid4()
    api.push(sec, [member_create(1, member, phone="0900")])
    r1 = api.push(sec, [update(2, "member", member, 1, phone=("0900", "0911"))]).json()["results"][0]
    r2 = api.push(dep, [update(1, "member", member, 1, notes=("", "chuyển đến"))]).json()["results"][0]
    r3 = api.push(dep, [update(2, "member", member, 1, phone=("0900", "0922"))]).json()["results"][0]
    assert (r1["status"], r2["status"], r3["status"]) == ("applied", "merged", "conflict")
    assert r3["current"]["fields"]["phone"] == "0911" and r3["current"]["fields"]["notes"] == "chuyển đến"
    with api.server.engine.connect() as conn:
        kept = conn.execute(select(conflict)).mappings().one()
    assert '"0922"' in kept["client_fields"] and '"0911"' in kept["server_fields"]
    # Both PCs see the conflict in their pull.
    for session in (sec, dep):
        entities = [c["entity"] for c in api.pull(session).json()["changes"]]
        assert "conflict" in entities


def test_finalised_minutes_are_immutable_in_code_and_in_the_database(api, server_kind) -> None:
    sec = api.login("sec")
    meeting, minutes = uuid.uuid4(), uuid.uuid4()
    api.push(sec, [{"mutation_seq": 1, "mutation_id": str(uuid.uuid4()), "entity": "meeting",
                    "entity_id": str(meeting), "op": "create", "base_version": 0,
                    "fields": {"title": [None, "Họp"], "planned_at": [None, "2026-11-05T19:30:00+00:00"]}},
                   {"mutation_seq": 2, "mutation_id": str(uuid.uuid4()), "entity": "minutes",
                    "entity_id": str(minutes), "op": "create", "base_version": 0,
                    "fields": {"meeting_id": [None, str(meeting)], "body": [None, "Biên bản"]}}])
    sealed = empty_meeting_hash(meeting, "Biên bản")
    final = api.push(sec, [update(3, "minutes", minutes, 1, final_hash=("", sealed))]).json()["results"][0]
    assert final["status"] == "applied"
    edit = api.push(sec, [update(4, "minutes", minutes, 2, body=("Biên bản", "Sửa"))]).json()["results"][0]
    gone = api.push(sec, [{**update(5, "minutes", minutes, 2), "op": "delete"}]).json()["results"][0]
    assert (edit["status"], edit["error_code"]) == ("rejected", "immutable")
    assert (gone["status"], gone["error_code"]) == ("rejected", "immutable")
    table = RECORDS["minutes"]
    for statement in (f"UPDATE minutes SET body = 'x' WHERE id = '{_sql_id(minutes, server_kind)}'",
                      f"DELETE FROM minutes WHERE id = '{_sql_id(minutes, server_kind)}'"):
        with pytest.raises(DBAPIError, match="immutable"), api.server.engine.begin() as conn:
            conn.execute(text(statement))
    with api.server.engine.connect() as conn:
        assert conn.execute(select(table.c.body, table.c.version).where(table.c.id == minutes)).one() == ("Biên bản", 2)


def _sql_id(value: uuid.UUID, kind: str) -> str:
    return str(value) if kind == "postgresql" else value.hex  # SQLAlchemy stores UUIDs as hex on SQLite


def test_pull_pages_follow_the_cell_seq_with_tombstones_and_a_matching_digest(api) -> None:
    sec, dep = api.login("sec"), api.login("dep")
    ids = [uuid.uuid4() for _ in range(7)]
    api.push(sec, [member_create(i + 1, m) for i, m in enumerate(ids)])
    api.push(sec, [{**update(8, "member", ids[0], 1), "op": "delete"}])
    seen, cursor, digest = [], 0, None
    while True:
        page = api.pull(dep, cursor, limit=3).json()
        seen += [(c["id"], c["server_seq"], c["deleted"]) for c in page["changes"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            digest = page["digest_at_cursor"]
            break
    seqs = [s for _, s, _ in seen]
    cell_id = api.server.cells["A"]
    assert seqs == sorted(seqs) and len(seen) == 8  # the cell's own record (create-cell's seed) comes first
    assert seen[0] == (str(cell_id), 1, False)
    assert (str(ids[0]), 9, True) in seen  # the tombstone travels, with its new number
    expected = record_hash("cell", cell_id, 1)
    for member in ids:
        expected ^= record_hash("member", member, 2 if member == ids[0] else 1)
    assert digest == digest_hex(expected)
    with api.server.engine.connect() as conn:
        assert conn.scalar(select(cell_sync_state.c.server_seq)) == cursor == 9


def test_viewer_reads_assigned_cells_only_and_never_writes(api) -> None:
    api.server.cell("B")
    api.server.user("view", "viewer", "A")
    viewer = api.login("view")
    cell_a = str(api.server.cells["A"])
    assert api.pull(viewer, cell_id=cell_a).status_code == 200
    assert api.pull(viewer, cell_id=str(api.server.cells["B"])).status_code == 403
    assert api.push({**viewer, "cell_id": cell_a}, [member_create(1)]).status_code == 403
