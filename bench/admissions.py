"""Time the admissions lists on a busy cell: the demo plus N more candidates with full dossiers.

Run: .venv/bin/python bench/admissions.py [--candidates 100] [--runs 5]
Prints the median of list_candidates (the page), open_deadlines (CLI) and the overview's next_deadlines.
Target: each under 500 ms for 100 people in the pipeline (a large cell has a handful).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from secretary_app.demo import create_demo_cell
from secretary_app.paths import resolve_paths
from secretary_app.services import admissions as adm
from secretary_app.services import roster
from secretary_app.store import Store

TODAY = dt.date(2026, 11, 25)
TARGET_MS = 500


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(resolve_paths(Path(folder)))
        create_demo_cell(store, today=TODAY)
        officials = [m.id for m in roster.list_members(store, TODAY) if m.membership == "official"][:2]
        for n in range(args.candidates):
            cid, _ = adm.create_candidate(store, adm.CandidateData(f"Quần chúng {n:03d}", dt.date(1995, 1, 1)), TODAY)
            for kind in ("class_certificate", "application", "background_declaration", "background_check",
                         "mass_opinion", "residence_opinion"):
                adm.record_step(store, cid, adm.StepInput(kind, TODAY - dt.timedelta(days=100 - n % 50)), TODAY)
            for member in officials:
                adm.record_step(store, cid, adm.StepInput("introducer", TODAY - dt.timedelta(days=30),
                                                          member_id=member, since_date=dt.date(2020, 1, 1)), TODAY)
        people = len(adm.list_candidates(store, TODAY))
        for label, action in (("list_candidates", lambda: adm.list_candidates(store, TODAY)),
                              ("open_deadlines", lambda: adm.open_deadlines(store, TODAY)),
                              ("next_deadlines", lambda: adm.next_deadlines(store, TODAY))):
            ms = median_ms(action, args.runs)
            print(f"{label}: {ms:.0f} ms for {people} people (target ≤ {TARGET_MS} ms)")
        store.close()


if __name__ == "__main__":
    main()
