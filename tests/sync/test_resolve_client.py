"""Resolving on the PCs (no faults): the decision shows at once, goes out once, and when two PCs decide the
same conflict the later decision is refused into the rejected inbox while both PCs end the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from models.base import new_id
from models.members import Member
from models.sync_tables import ConflictInbox, OutboxEntry, RejectedInbox
from secretary_app.changes import Change
from secretary_app.errors import UserError
from secretary_app.sync import service
from secretary_app.sync.resolve import Choice, find_conflict, resolve_conflict
from tests.sync.harness import World


@pytest.fixture
def world(tmp_path: Path):
    world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", probability=0.0)
    world.reset(1)
    yield world
    world.close_clients()
    world.server.close()


def _phone(world: World, name: str, member_id, value: str | None = None) -> str:
    with world.clients[name].store.transaction() as session:
        member = session.get(Member, member_id)
        assert member is not None
        if value is not None:
            member.phone = value
        return member.phone


def _decide(world: World, name: str, conflict_id, choice: Choice):
    """resolve_conflict on PC ``name``, with the decision noted for the harness's invariant checks."""
    box = world.clients[name]
    changes = resolve_conflict(box.store, conflict_id, choice).changes
    with box.store.transaction() as session:
        for mutation_id in session.scalars(select(OutboxEntry.mutation_id).where(OutboxEntry.op == "resolve")):
            box.mutation_ids.add(mutation_id)
            box.resolutions[mutation_id] = conflict_id
    return changes


def _inbox(world: World, name: str) -> list[tuple[str, str]]:
    with world.clients[name].store.transaction() as session:
        return [(c.status, c.entity) for c in session.scalars(select(ConflictInbox))]


def test_two_pcs_decide_the_same_conflict_the_later_one_is_refused(world: World) -> None:
    member_id = new_id()
    world.edit("c0", lambda s, box: s.add(Member(id=member_id, cell_id=box.store.cell_id, full_name="Lê Văn Đức")))
    world.sync("c0")
    world.sync("c1")
    _phone(world, "c0", member_id, "0911")
    _phone(world, "c1", member_id, "0922")
    world.sync("c0")
    world.sync("c1")  # c1's change meets c0's: a conflict, the server keeps 0911
    world.sync("c0")
    assert _inbox(world, "c0") == _inbox(world, "c1") == [("open", "member")]
    assert _phone(world, "c1", member_id) == "0911"
    conflict_id = find_conflict(world.clients["c1"].store, str(service.status(world.clients["c1"].store)
                                                                 .conflicts[0].id)[:8])

    # c1 keeps its own value: shown at once, queued once, no longer listed as open.
    changes = _decide(world, "c1", conflict_id, "mine")
    assert changes.flags == Change.SYNC | Change.MEMBER  # the sync page and the roster refresh
    assert _phone(world, "c1", member_id) == "0922"
    assert _inbox(world, "c1") == [("resolving", "member")]
    with world.clients["c1"].store.transaction() as session:
        assert [(o.op, o.entity) for o in session.scalars(select(OutboxEntry))] == [("resolve", "conflict")]
    assert service.status(world.clients["c1"].store).conflicts == ()
    with pytest.raises(UserError, match="đang chờ gửi"):
        resolve_conflict(world.clients["c1"].store, conflict_id, "server")

    # Meanwhile c0 keeps the server's value and syncs first: its decision closes the conflict.
    _decide(world, "c0", conflict_id, "mine")  # on c0, "mine" is the server's value
    world.sync("c0")
    assert _inbox(world, "c0") == [("resolved", "member")]
    world.sync("c1")
    with world.clients["c1"].store.transaction() as session:
        refused = session.scalars(select(RejectedInbox)).all()
    assert [(r.op, r.error_code) for r in refused] == [("resolve", "already_resolved")]
    assert _inbox(world, "c1") == [("resolved", "member")]
    assert _phone(world, "c1", member_id) == _phone(world, "c0", member_id) == "0911"
    with pytest.raises(UserError, match="đã được giải quyết"):
        resolve_conflict(world.clients["c1"].store, conflict_id, "client")
    world.heal()
    assert not any(world.check_all().values())


def test_an_unknown_or_ambiguous_id_is_one_clear_error(world: World) -> None:
    store = world.clients["c0"].store
    for text, words in (("01234", "ít nhất 8 ký tự"), ("zzzzzzzz", "không phải mã"), ("0123456789ab", "Không có")):
        with pytest.raises(UserError, match=words):
            find_conflict(store, text)
