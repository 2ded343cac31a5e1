"""The one doorway (ui/ops.py) on its own: where the call runs, what success and the hub receive, and what a
person sees when a call fails."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from secretary_app.changes import Change, Changes, OpResult
from secretary_app.errors import ValidationFailed
from secretary_app.settings import Settings
from ui import ops
from ui.context import AppContext
from ui.tasks import TaskRunner


def _context(store, headless: bool = False) -> AppContext:
    ctx = AppContext.for_store(store, Settings(), TaskRunner())
    ctx.headless = headless
    return ctx


def test_a_write_runs_on_the_worker_then_success_then_the_hub_with_the_initiator(qapp, store):
    ctx, widget = _context(store), QWidget()
    seen: list[object] = []
    ctx.hub.changed.connect(lambda changes: seen.append(("hub", changes)))

    def call(given):
        seen.append(("call", given is store, threading.current_thread() is threading.main_thread()))
        return OpResult(42, Changes(Change.MEMBER | Change.EVENT))

    ops.write(ctx, widget, call).success(lambda value: seen.append(("success", value))).run()
    ctx.runner.wait()
    ctx.runner.shutdown()
    assert seen[0] == ("call", True, False)  # given the store, off the GUI thread
    assert seen[1] == ("success", 42)
    kind, changes = seen[2]
    assert kind == "hub" and changes.flags == Change.MEMBER | Change.EVENT and changes.initiator is widget


def test_a_read_changes_nothing_and_a_write_that_changed_nothing_says_nothing(qapp, store):
    ctx = _context(store)
    heard: list[Changes] = []
    ctx.hub.changed.connect(heard.append)
    got: list[object] = []
    ops.read(ctx, None, lambda _store: "rows").success(got.append).run()
    ops.write(ctx, None, lambda _store: OpResult("same", Changes())).success(got.append).run()
    ctx.runner.wait()
    ctx.runner.shutdown()
    assert got == ["rows", "same"] and heard == []


def test_a_failed_call_gives_the_plain_message_and_tells_no_page(qapp, store, capsys):
    ctx = _context(store, headless=True)
    heard: list[Changes] = []
    ctx.hub.changed.connect(heard.append)
    errors: list[Exception] = []

    def refuse(_store):
        raise ValidationFailed("Hãy nhập họ tên.", field="full_name")

    ops.write(ctx, None, refuse).failure(errors.append).run()
    ops.write(ctx, None, refuse).run()  # no failure handler: the default message (stderr when headless)
    ctx.runner.wait()
    ctx.runner.shutdown()
    assert [str(e) for e in errors] == ["Hãy nhập họ tên."] and heard == []
    assert "Lỗi: Hãy nhập họ tên." in capsys.readouterr().err


def test_a_call_after_the_runner_shut_down_is_dropped_not_raised(qapp):
    """A timer that fires while the app quits (the status bar's sync line) must not raise into Qt."""
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    runner.run(lambda: 1)
    runner.wait()
    runner.shutdown()
    seen: list[object] = []
    future = runner.run(lambda: seen.append("ran"), on_done=seen.append)
    runner.wait()
    assert future.cancelled() and seen == []
