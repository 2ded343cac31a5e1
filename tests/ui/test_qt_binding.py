"""Guards against a Qt binding that breaks a long-running app.

PySide6 6.12.0 on Python 3.11 dropped one reference to None on every slot call whose Python callable
returned None; after a few thousand signals the process aborted ("none_dealloc"). pyproject.toml pins
6.11 for that reason; this test fails if a version with the bug comes back.
"""

import sys

from PySide6.QtCore import QCoreApplication, QTimer


def test_slot_calls_keep_none_alive(qapp):
    timer = QTimer()
    timer.setInterval(0)
    calls = []
    timer.timeout.connect(lambda: calls.append(1))  # list.append returns None
    before = sys.getrefcount(None)
    timer.start()
    while len(calls) < 2000:
        QCoreApplication.processEvents()
    timer.stop()
    assert before - sys.getrefcount(None) < 200
