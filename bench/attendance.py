"""Attendance-model benchmarks: the meeting list (every held meeting's counts from its attendance sheet,
the roster read once) and one attendance sheet, on a cell of 150 members with 36 held meetings; and the demo
cell built through the services. Prints figures; no target is asserted here.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/attendance.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from secretary_app.demo import create_demo_cell
from secretary_app.paths import resolve_paths
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import roster
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.meetings import list_meetings
from secretary_app.services.roster import MemberData
from secretary_app.store import Store


def _best(fn, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(resolve_paths(Path(folder) / "demo"))
        start = time.perf_counter()
        create_demo_cell(store, today=dt.date(2026, 11, 25))
        print(f"demo cell through the services: {time.perf_counter() - start:.2f} s")
        store.close()

        store = Store(resolve_paths(Path(folder) / "big"))
        save_cell(store, CellInput("Chi bộ Khu phố 1", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1, dt.date(2023, 1, 1)))
        for n in range(150):
            roster.create_member(store, MemberData(f"Nguyễn Văn Thành {n:03d}", birth_date=dt.date(1970, 1, 1),
                                                   admission_decision_date=dt.date(2000, 1, 1),
                                                   official_date=dt.date(2001, 1, 1)))
        last = None
        for month in range(36):
            day = dt.datetime(2023 + month // 12, month % 12 + 1, 5, 19, 30)
            detail, _ = cycle.plan_meeting(store, kind="regular", planned_at=day)
            cycle.advance_meeting(store, detail.id)
            cycle.advance_meeting(store, detail.id)
            att.confirm_roll(store, detail.id)
            last = detail.id
        assert last is not None
        listed = _best(lambda: list_meetings(store))
        sheet = _best(lambda: att.attendance_sheet(store, last))
        print(f"meeting list, 36 held meetings × 150 members: {listed * 1000:.0f} ms")
        print(f"one attendance sheet, 150 members: {sheet * 1000:.0f} ms")
        store.close()


if __name__ == "__main__":
    main()
