"""Every test runs with its own data and config folders and an in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication, else pytest aborts (rc 134)

import datetime as dt
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from tests.support import MemoryKeyring
from tests.sync.fixtures import pg_cluster  # noqa: F401 - one PostgreSQL cluster per session

ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = dt.date(2026, 11, 25)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files under tests/golden/ from the current output, then check")


def pytest_configure(config: pytest.Config) -> None:
    """Build missing .qm files (dev.sh does this too), so plain ``pytest`` works on a fresh checkout; on the
    controlling process, make the folder the tests' figures are written to (tests/figures.py)."""
    if not hasattr(config, "workerinput"):  # the controller (or a run without xdist), before workers start
        import tempfile

        from tests import figures

        os.environ[figures.ENV] = tempfile.mkdtemp(prefix="sotay-figures-")
    folder = ROOT / "resources" / "translations"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in folder.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if lrelease.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    import shutil

    from tests import figures

    folder = os.environ.get(figures.ENV)
    if hasattr(config, "workerinput") or not folder:
        return
    for section, lines in figures.collected(Path(folder)).items():
        terminalreporter.write_sep("-", section)
        for line in lines:
            terminalreporter.write_line(line)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.delenv("SECRETARY_APP_DATA", raising=False)
    old = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(old)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    from secretary_app.paths import resolve_paths
    from secretary_app.store import Store

    opened = Store(resolve_paths(data_dir))
    yield opened
    opened.close()


@pytest.fixture
def demo_store(store):
    from secretary_app.demo import create_demo_cell

    create_demo_cell(store, today=DEMO_TODAY)
    return store


@pytest.fixture
def rules_copy(tmp_path: Path):
    """A copy of resources/rules that the app reads instead of the shipped files (``use_rules_dir``), to
    edit in a test; the shipped folder is restored and every rule cache cleared afterwards."""
    import shutil

    from secretary_app import rules_data

    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "resources" / "rules", folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    rules_data.use_rules_dir(folder)
    yield folder
    rules_data.use_rules_dir(None)
