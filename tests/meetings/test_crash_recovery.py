"""Killing the app mid-typing loses nothing older than the last autosave, and the database stays sound;
the live editor's timer saves within 2 s of a keystroke."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from secretary_app.paths import resolve_paths
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.store import Store

TYPIST = Path(__file__).with_name("typist.py")


def test_sigkill_while_typing_keeps_the_last_autosave(demo_store, data_dir):
    meeting, _ = cycle.plan_meeting(demo_store, kind="regular", planned_at=dt.datetime(2026, 12, 5, 8, 0))
    demo_store.close()
    proc = subprocess.Popen([sys.executable, str(TYPIST), str(data_dir), str(meeting.id)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    saved: list[str] = []
    try:
        assert proc.stdout is not None
        while len(saved) < 25:  # kill mid-sentence, after a couple of dozen autosaves
            line = proc.stdout.readline()
            assert line, f"the typist stopped early: {proc.stderr.read() if proc.stderr else ''}"
            saved.append(json.loads(line))
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(data_dir / resolve_paths(data_dir).database.name) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    reopened = Store(resolve_paths(data_dir))
    try:
        item = mn.minutes_view(reopened, meeting.id).items[0]
        (speech,) = item.speeches
        # Everything up to the last autosave reported is there (one more save may have committed before
        # the kill, so the stored text may be a few characters longer — never shorter, never different).
        assert speech.opinion.startswith(saved[-1])
        assert len(speech.opinion) - len(saved[-1]) <= 5
        assert (speech.speaker_name, item.presenter) == ("Trần Văn An", "Nguyễn Thị Hường")
        assert "Đồng chí Hường đề nghị" in speech.opinion
    finally:
        reopened.close()
