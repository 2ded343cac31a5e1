"""The stateful fault test of sync-security.md §3: a Hypothesis state machine drives two PCs of one cell
and one PC of another cell against the server behind a fault-injecting transport, then heals and
checks the eight invariants (people resolve conflicts along the way, sometimes two at once). It counts the
injected faults and reports them in the terminal summary.

Planted bugs (tests/sync/planted.py, test-only subclasses: client acknowledges a batch before the answer; server numbers changes from a global
sequence taken outside the cell lock; server applies a second decision on a closed conflict) must make
the same machine fail: the tests of the test.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from models.base import new_id
from tests.figures import report
from tests.sync.fixtures import database_url
from tests.sync.harness import CRASH_STEPS, Attendance, Member, Minutes, World, final_hash
from tests.sync.planted import CLIENT_BUGS, SERVER_BUGS

# Thousands of faulted histories: far longer than the suite's per-test limit (300 s), which is for hangs.
pytestmark = pytest.mark.timeout(1800)

NAMES = ["Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Văn Đức", "Phạm Thị Lan", "Đỗ Minh Tuấn"]
VALUES = ["", "0912345678", "Số 5 Hàng Bạc", "Đã chuyển đến", "ghi chú"]
CLIENT = st.sampled_from(["c0", "c0", "c1", "c1", "c2"])  # two PCs of cell A, one of cell B
SYNC_AFTER = st.one_of(st.none(), CLIENT)  # often a PC syncs right after an edit
CHEAP_EVENTS = 2  # server restarts and clock skews per history (each)
# Faults in delivery (chosen by the transport) and client crashes: the ones the §3.4 figure counts.
DELIVERY_FAULTS = ("drop_before", "drop_after", "duplicate", "reorder", "server_killed", "cut_page", "expire_token",
                   "client_crash")


# Hypothesis derives the fixed (derandomized) histories CI runs from the source of SyncMachine below: an
# edit inside the class changes which histories run, an edit elsewhere in this file does not.
def machine_for(world: World):  # type: ignore[no-untyped-def]
    class SyncMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.world = world
            self.concurrent_done = False

        @initialize(seed=st.integers(0, 2**32 - 1))
        def start(self, seed: int) -> None:
            self.world.reset(seed)

        # --- edits -------------------------------------------------------------------------
        @rule(c=CLIENT, name=st.sampled_from(NAMES), then=SYNC_AFTER)
        def create_member(self, c: str, name: str, then: str | None) -> None:
            def act(session, box):  # type: ignore[no-untyped-def]
                session.add(Member(id=new_id(), cell_id=box.store.cell_id, full_name=name))

            self.world.edit(c, act)
            self._then(then)

        @rule(c=CLIENT, pick=st.integers(0, 99), field=st.sampled_from(["full_name", "phone", "notes"]),
              value=st.sampled_from(VALUES + NAMES), then=SYNC_AFTER)
        def edit_member(self, c: str, pick: int, field: str, value: str, then: str | None) -> None:
            def act(session, box):  # type: ignore[no-untyped-def]
                members = session.scalars(select(Member).where(Member.deleted.is_(False)).order_by(Member.id)).all()
                if members and (field != "full_name" or value):
                    setattr(members[pick % len(members)], field, value)

            self.world.edit(c, act)
            self._then(then)

        @rule(c=CLIENT, pick=st.integers(0, 99), then=SYNC_AFTER)
        def delete_member(self, c: str, pick: int, then: str | None) -> None:
            def act(session, box):  # type: ignore[no-untyped-def]
                members = session.scalars(select(Member).where(Member.deleted.is_(False)).order_by(Member.id)).all()
                if members:
                    members[pick % len(members)].deleted = True

            self.world.edit(c, act)
            self._then(then)

        @rule(c=CLIENT, pick=st.integers(0, 99), status=st.sampled_from(["present", "absent", "absent_reason"]),
              then=SYNC_AFTER)
        def mark_attendance(self, c: str, pick: int, status: str, then: str | None) -> None:
            import uuid

            from models.meetings import Meeting

            def act(session, box):  # type: ignore[no-untyped-def]
                meeting = session.scalars(select(Meeting)).first()
                members = session.scalars(select(Member).order_by(Member.id)).all()
                if meeting is None or not members:
                    return
                member = members[pick % len(members)]
                row_id = uuid.uuid5(meeting.id, str(member.id))  # the same row id on every PC
                row = session.get(Attendance, row_id)
                if row is None:
                    session.add(Attendance(id=row_id, cell_id=box.store.cell_id, meeting_id=meeting.id,
                                           member_id=member.id, status=status))
                else:
                    row.status = status

            self.world.edit(c, act)
            self._then(then)

        @rule(c=CLIENT, month=st.integers(1, 3), then=SYNC_AFTER)
        def generate_dues(self, c: str, month: int, then: str | None) -> None:
            """A month of dues obligations, queued as one bulk outbox row as the dues service queues them:
            ids from the member and the month, so both PCs of a cell create the same rows."""
            from models.dues import DuesObligation
            from secretary_app.services.dues import obligation_id
            from secretary_app.sync.outbox import insert_created

            def act(session, box):  # type: ignore[no-untyped-def]
                first = dt.date(2026, month, 1)
                have = set(session.scalars(select(DuesObligation.id)))
                new = [(obligation_id(m, first), m) for m in session.scalars(
                    select(Member.id).where(Member.deleted.is_(False)).order_by(Member.id))]
                new = [(i, m) for i, m in new if i not in have]
                if new:
                    insert_created(session, DuesObligation.__table__, {
                        "id": [i for i, _ in new], "member_id": [m for _, m in new], "month": [first] * len(new),
                        "amount": [5000 * month] * len(new)}, shared={"cell_id": box.store.cell_id}, one_entry=True)

            self.world.edit(c, act)
            self._then(then)

        @rule(c=CLIENT, text=st.sampled_from(["Khai mạc", "Thảo luận", "Biểu quyết", "Bế mạc"]), then=SYNC_AFTER)
        def write_minutes(self, c: str, text: str, then: str | None) -> None:
            from models.meetings import Meeting

            def act(session, box):  # type: ignore[no-untyped-def]
                minutes = session.scalars(select(Minutes).order_by(Minutes.id)).first()
                if minutes is None:
                    meeting = session.scalars(select(Meeting)).first()
                    if meeting is not None:
                        session.add(Minutes(id=new_id(), cell_id=box.store.cell_id, meeting_id=meeting.id,
                                            body=text))
                else:
                    minutes.body = f"{minutes.body}\n{text}"  # may be final: the server must refuse

            self.world.edit(c, act)
            self._then(then)

        @rule(c=CLIENT, then=SYNC_AFTER)
        def finalize_minutes(self, c: str, then: str | None) -> None:
            def act(session, box):  # type: ignore[no-untyped-def]
                minutes = session.scalars(select(Minutes).order_by(Minutes.id)).first()
                if minutes is not None and not minutes.final_hash:
                    minutes.final_hash = final_hash(session, minutes)
                    minutes.finalised_at = dt.datetime(2026, 11, 6, tzinfo=dt.UTC)

            self.world.edit(c, act)
            self._then(then)

        @rule(pick=st.integers(0, 99), field=st.sampled_from(["full_name", "phone", "notes"]),
              values=st.lists(st.sampled_from(NAMES[:3] + VALUES[1:4]), min_size=2, max_size=2, unique=True))
        def edit_on_both(self, pick: int, field: str, values: list[str]) -> None:
            """Both PCs of cell A change one field of one member, then sync: the usual way a conflict
            arises (the random edits above rarely meet), so that people have conflicts to resolve."""
            for c, value in zip(("c0", "c1"), values, strict=True):
                def act(session, box, value=value):  # type: ignore[no-untyped-def]
                    members = session.scalars(select(Member).where(Member.deleted.is_(False))
                                              .order_by(Member.id)).all()
                    if members:
                        setattr(members[pick % len(members)], field, value)

                self.world.edit(c, act)
            self.world.sync("c0")
            self.world.sync("c1")

        @precondition(lambda self: self.world.open_conflicts())
        @rule(pick=st.integers(0, 99), choice=st.sampled_from(["server", "client", "value"]), then=SYNC_AFTER)
        def resolve_conflict(self, pick: int, choice: str, then: str | None) -> None:
            """A person on a PC that shows open conflicts decides one of them."""
            holders = self.world.open_conflicts()
            self.world.resolve(holders[pick % len(holders)], pick // len(holders), choice)
            self._then(then)

        @precondition(lambda self: self.world.shared_open_conflicts())
        @rule(pick=st.integers(0, 99), choices=st.lists(st.sampled_from(["server", "client", "value"]),
                                                         min_size=2, max_size=2))
        def decide_on_both(self, pick: int, choices: list[str]) -> None:
            """Two people decide the same conflict on two PCs before either syncs: the server must close
            it once and refuse the later decision, whichever arrives first."""
            shared = self.world.shared_open_conflicts()
            conflict_id = shared[pick % len(shared)]
            for c, choice in zip(("c0", "c1"), choices, strict=True):
                self.world.resolve(c, 0, choice, conflict_id)
            self.world.sync("c1" if pick % 2 else "c0")
            self.world.sync("c0" if pick % 2 else "c1")

        def _then(self, then: str | None) -> None:
            if then:
                self.world.sync(then)

        # --- syncs and faults --------------------------------------------------------------
        @rule(c=CLIENT, other=CLIENT)
        def sync(self, c: str, other: str) -> None:
            self.world.sync(c)
            self.world.sync(other)

        @rule(c=CLIENT, step=st.sampled_from(CRASH_STEPS))
        def crash_during_sync(self, c: str, step: str) -> None:
            self.world.sync(c, crash_at=step)

        # Restarts and clock skews are cheap events that prove little after the first few in a history, so
        # each is capped: the steps go to edits and syncs, where the transport injects its faults.
        @precondition(lambda self: self.world.faults["server_restart"] < CHEAP_EVENTS)
        @rule()
        def restart_server(self) -> None:
            self.world.faults["server_restart"] += 1
            server = self.world.server
            from secretary_app.server.app import create_app

            old = server.app
            server.app = create_app(old.state.config, hooks=self.world.hooks,  # type: ignore[attr-defined]
                                    service_class=self.world.service_class)
            server.bridge.app = server.app
            old.state.engine.dispose()  # type: ignore[attr-defined]

        @precondition(lambda self: "c3" not in self.world.clients)
        @rule(c=st.sampled_from(["c0", "c1"]), pick=st.integers(0, 99))
        def copy_data_folder(self, c: str, pick: int) -> None:
            """A PC's data folder is copied to another PC (c3: the same device id); each edits a member
            offline, then both sync. The copy must become a new device and lose nothing."""
            self.world.copy_data_folder(c, "c3")
            for name, phone in ((c, "0901000001"), ("c3", "0901000002")):
                def act(session, box, phone=phone):  # type: ignore[no-untyped-def]
                    members = session.scalars(select(Member).where(Member.deleted.is_(False))
                                              .order_by(Member.id)).all()
                    if members:
                        members[pick % len(members)].phone = phone

                self.world.edit(name, act)
            self.world.sync("c3")
            self.world.sync(c)

        @precondition(lambda self: self.world.faults["lost_refresh"] < CHEAP_EVENTS)
        @rule(c=CLIENT)
        def lost_refresh_answer(self, c: str) -> None:
            """A refresh reaches the server but its answer is lost; the PC retries with the same token."""
            self.world.lose_refresh_answer(c)

        @precondition(lambda self: self.world.faults["clock_skew"] < CHEAP_EVENTS)
        @rule(c=CLIENT, days=st.sampled_from([-2, 2]))
        def skew_clock(self, c: str, days: int) -> None:
            self.world.faults["clock_skew"] += 1
            self.world.clients[c].skew = dt.timedelta(days=days)

        @precondition(lambda self: not self.concurrent_done)
        @rule()
        def concurrent_pushes(self) -> None:
            """c0 and c1 push at once; c0 pauses after taking its numbers and before committing."""
            self.concurrent_done = True
            w = self.world
            for c in ("c0", "c1"):
                w.edit(c, lambda s, box: s.add(Member(id=new_id(), cell_id=box.store.cell_id, full_name="Lý Văn Cường")))
            paused, other_done = threading.Event(), threading.Event()
            first = threading.Lock()

            def pause(_cell):  # type: ignore[no-untyped-def]
                if first.acquire(blocking=False):
                    paused.set()
                    other_done.wait(w.concurrent_pause)  # the other PC's push and pull run meanwhile, if they can

            w.hooks.after_allocate = pause
            w.faults_on = False
            w.faults["concurrent_push"] += 1
            try:
                t0 = threading.Thread(target=w.sync, args=("c0",))
                t0.start()
                paused.wait(5)
                t1 = threading.Thread(target=lambda: (w.sync("c1"), other_done.set()))
                t1.start()
                t0.join()
                t1.join()
                # Which of the two pulled the other's push depends on the threads' timing; a sync of each
                # afterwards makes the state the next rule sees the same in every run (Hypothesis replays
                # a history when it shrinks it, and a different state there makes the test flaky).
                w.sync("c0")
                w.sync("c1")
            finally:
                w.hooks.after_allocate = None
                w.faults_on = True

        def teardown(self) -> None:
            if not self.world.clients:
                return
            self.world.heal()
            figures = self.world.check_all()
            bad = {k: v for k, v in figures.items() if v}
            self.world.close_clients()
            assert not bad, f"invariants violated: {bad}"

    return SyncMachine


def _run(world: World, examples: int, steps: int, *, shrink: bool = True) -> None:
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if shrink else [])
    run_state_machine_as_test(machine_for(world), settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None, phases=phases, derandomize=True,
        database=None, suppress_health_check=list(HealthCheck)))


@pytest.fixture
def world_folder(tmp_path: Path) -> Path:
    return tmp_path


EXAMPLES = int(os.environ.get("SYNC_FAULT_EXAMPLES", "120"))
# A planted bug's run stops at the first history that catches it (as late as the 24th, for one version of
# SyncMachine): the limit leaves room for later ones without costing anything when the bug is caught.
PLANTED_EXAMPLES = 60
STEPS = int(os.environ.get("SYNC_FAULT_STEPS", "50"))
# sync-security.md §3: a fifth of the transport calls fail, the mix of good and bad calls a real office
# line gives. 120 histories of 50 steps inject ≥ 2,000 transport faults and client crashes in ~3 min.
PROBABILITY = float(os.environ.get("SYNC_FAULT_PROBABILITY", "0.2"))


@pytest.mark.parametrize("server_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_no_loss_no_duplicate_no_divergence_under_faults(server_kind: str, request: pytest.FixtureRequest,
                                                         tmp_path: Path) -> None:
    world = World(tmp_path, database_url(server_kind, request, tmp_path), probability=PROBABILITY)
    examples = EXAMPLES if server_kind == "sqlite" else max(10, EXAMPLES // 4)
    started = time.monotonic()
    try:
        _run(world, examples, STEPS)
    finally:
        world.close_clients()
        world.server.close()
    faults = world.total_faults
    total = sum(faults.values())
    delivery = sum(faults[k] for k in DELIVERY_FAULTS)
    report(
        "sync fault-injection figures",
        f"[{server_kind}] {world.examples} histories, {total} injected faults in {time.monotonic() - started:.0f} s, "
        f"of which {delivery} transport faults and client crashes: "
        + ", ".join(f"{k}={faults[k]}" for k in DELIVERY_FAULTS)
        + "; other events: " + ", ".join(f"{k}={v}" for k, v in sorted(faults.items()) if k not in DELIVERY_FAULTS)
        + "; resolutions sent: " + ", ".join(f"{k}={v}" for k, v in sorted(world.outcomes.items()))
        + " — lost=0 duplicated=0 divergent=0 skipped=0 immutability=0 isolation=0 resurrected=0 idempotency=0 "
          "resolved_twice=0 session_lost=0")
    if server_kind == "sqlite":
        assert delivery >= 2000, f"only {delivery} transport faults and client crashes; raise SYNC_FAULT_EXAMPLES"
    assert all(faults[k] > 0 for k in ("drop_before", "drop_after", "duplicate", "reorder", "server_killed",
                                       "cut_page", "client_crash", "clock_skew", "expire_token",
                                       "server_restart", "concurrent_push", "resolution", "copied_folder",
                                       "lost_refresh")), faults
    if server_kind == "sqlite":  # decisions applied, and refused or met by a newer change
        assert world.outcomes["applied"] > 0 and world.outcomes["rejected"] + world.outcomes["conflict"] > 0, (
            world.outcomes)


@pytest.mark.parametrize("bug, side", [("ack_before_response", "client"), ("global_sequence", "server"),
                                       ("resolve_twice", "server")])
def test_planted_bugs_make_the_fault_test_fail(bug: str, side: str, tmp_path: Path) -> None:
    if side == "server":
        world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", service_class=SERVER_BUGS[bug])
        if bug == "global_sequence":
            # The bug shows only if the other PC's push and pull end within the pause: on a loaded machine
            # (the suite's two workers) 0.15 s was not enough, and no history caught it.
            world.concurrent_pause = 2.0
    else:
        world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", client_class=CLIENT_BUGS[bug])
    try:
        with pytest.raises(AssertionError, match="invariants violated") as caught:
            _run(world, PLANTED_EXAMPLES, 40, shrink=False)
    finally:
        world.close_clients()
        world.server.close()
    expected = {"ack_before_response": "lost", "global_sequence": "skipped", "resolve_twice": "resolved_twice"}[bug]
    assert expected in str(caught.value)
    report("sync fault-injection figures", f"planted bug {bug}: caught ({str(caught.value).splitlines()[0][:120]})")


def test_fault_counter_counts(tmp_path: Path) -> None:
    """The harness's own bookkeeping: a fault-free history injects nothing and violates nothing."""
    world = World(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}", probability=0.0)
    try:
        world.reset(1)
        world.edit("c0", lambda s, box: s.add(Member(id=new_id(), cell_id=box.store.cell_id, full_name="An")))
        world.heal()
        assert not any(world.check_all().values())
        assert sum(world.faults.values()) == 0
    finally:
        world.close_clients()
        world.server.close()
