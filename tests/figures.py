"""Figures the tests print at the end of the run (bundle size, injected faults), also under pytest-xdist.

A worker process cannot print into the controller's terminal summary, and a module-level list lives in one
process only; so each figure is a line appended to a file in a folder the controller made (its path passed
to the workers in the environment), and the controller prints them grouped by section (tests/conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "SOTAY_TEST_FIGURES"


def report(section: str, line: str) -> None:
    folder = os.environ.get(ENV)
    if not folder:  # not started through tests/conftest.py (a test imported elsewhere): nowhere to print
        return
    with open(Path(folder) / f"{os.getpid()}.txt", "a", encoding="utf-8") as out:
        out.write(f"{section}\t{' '.join(line.split())}\n")


def collected(folder: Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    for part in sorted(folder.glob("*.txt")):
        for row in part.read_text(encoding="utf-8").splitlines():
            section, _, line = row.partition("\t")
            sections.setdefault(section, []).append(line)
    return sections
