"""Issue #17: every page, meeting step and dialog fits a 1366×768 laptop (1366×700 for the window) in
normal and large text, with no text cut off: each label's, button's, field's, tab's and column header's
text is measured with its font and compared with the room it has (tests/ui/fit.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow

from tests.ui.fit import clipped, too_big
from tests.ui.walk import walk


@pytest.mark.parametrize("large_text", [False, True], ids=["normal text", "large text"])
def test_every_screen_fits_1366x700_without_cut_off_text(qtbot, qapp, demo_store, tmp_path, large_text):
    problems: list[str] = []
    seen: list[str] = []

    def look(where: str, widget) -> None:
        seen.append(where)
        problems.extend(too_big(widget, where, shown_size=widget.isWindow() and widget.objectName() == "" and
                                isinstance(widget, QMainWindow)))
        problems.extend(clipped(widget, where))

    walk(qtbot, qapp, demo_store, tmp_path, large_text=large_text, visit=look)
    assert len(seen) >= 8 + 10 + 12  # every page, both meetings' five steps, the dialogs
    assert problems == [], "\n" + "\n".join(problems)
