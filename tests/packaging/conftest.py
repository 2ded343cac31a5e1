"""The bundle's figures (size, start time beside the venv's) printed at the end of the run, also in CI."""

from __future__ import annotations

import pytest

FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.write_sep("-", "bundle figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
