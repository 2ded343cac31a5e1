"""Every test runs with its own data and config folders and an in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication, else pytest aborts (rc 134)

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


# The longest tests, longest first (nodeid prefixes; seconds of one run on the 2-core machine in the
# comments). Under `-n 2 --dist loadgroup` (scripts/dev.sh) a worker takes the next test when it is free:
# started first, these run beside the many short ones instead of leaving one worker alone at the end with a
# five-minute fault test. The order changes nothing else: every test is still collected and run.
LONGEST_FIRST = (
    "tests/sync/test_faults.py::test_no_loss_no_duplicate_no_divergence_under_faults[sqlite]",
    "tests/packaging/test_bundle.py",  # the PyInstaller build (once per run, behind a file lock), then 2 tests
    "tests/sync/test_faults.py::test_no_loss_no_duplicate_no_divergence_under_faults[postgresql]",
    "tests/sync/test_faults.py::test_planted_bugs_make_the_fault_test_fail",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next((n for n, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)),
                    len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: the rest keep their order, the same on every worker (xdist checks)


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
    from secretary_app import credentials

    old = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    credentials._SESSION.clear()  # secrets a keyring-less test kept in this process must not reach the next
    yield memory
    keyring.set_keyring(old)
    credentials._SESSION.clear()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _build_template(folder: Path, *, demo: bool) -> Path:
    """A data folder as ``store`` (and ``demo_store``) used to leave it just after set-up, made once per
    test process: the alembic upgrade (~0.4 s) and the demo cell (~1 s) were the set-up of some 500 tests.
    Built with its own XDG folders and an in-memory keyring, as every test runs (``_isolate``)."""
    from secretary_app.paths import resolve_paths
    from secretary_app.store import Store

    with pytest.MonkeyPatch.context() as patch:
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            patch.setenv(var, str(folder / var.lower()))
        patch.delenv("SECRETARY_APP_DATA", raising=False)
        old = keyring.get_keyring()
        keyring.set_keyring(MemoryKeyring())
        try:
            data = folder / "data"
            # An empty template holds the migrated database only: the test's own Store open takes the daily
            # backup of it, as opening a fresh folder does. The demo template keeps its backups folder (the
            # backup of the empty database taken before the demo was made), as demo_store's folder had it.
            opened = Store(resolve_paths(data), daily_backups=(7, 12) if demo else (0, 0))
            try:
                if demo:
                    from secretary_app.demo import create_demo_cell

                    create_demo_cell(opened, today=DEMO_TODAY)
            finally:
                opened.close()
        finally:
            keyring.set_keyring(old)
    assert not list(data.glob("*-wal")), "the template's write-ahead log must be checkpointed into the file"
    return data


@pytest.fixture(scope="session")
def _empty_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_template(tmp_path_factory.mktemp("template-empty"), demo=False)


@pytest.fixture(scope="session")
def _demo_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_template(tmp_path_factory.mktemp("template-demo"), demo=True)


def _store_maker(template: Path) -> Callable[..., Any]:
    """``make(folder, **store_options)``: a Store opened on a copy of ``template`` in ``folder``."""
    import shutil

    from secretary_app.paths import resolve_paths
    from secretary_app.store import Store

    def make(folder: Path, **store_options: Any) -> Store:
        shutil.copytree(template, folder, dirs_exist_ok=True)
        return Store(resolve_paths(folder), **store_options)

    return make


@pytest.fixture(scope="session")
def new_store(_empty_store_template: Path):
    """``new_store(folder)``: a Store on a copy of the migrated template in ``folder`` (for a test that needs
    many fresh databases, such as one per Hypothesis example); the caller closes it."""
    return _store_maker(_empty_store_template)


@pytest.fixture(scope="session")
def new_demo_store(_demo_store_template: Path):
    """``new_demo_store(folder)``: a Store in ``folder`` holding the demo cell of DEMO_TODAY, as
    ``create_demo_cell(Store(folder), today=DEMO_TODAY)`` leaves it, copied from the session's template
    (~1 s of demo-making and migrations saved a PC); the caller closes it. Every copy has the same ids: a
    second PC with a demo cell of its own is made with create_demo_cell."""
    return _store_maker(_demo_store_template)


@pytest.fixture
def store(data_dir: Path, request: pytest.FixtureRequest):
    """The test's own database in ``data_dir``: a copy of the session's migrated (or, under ``demo_store``,
    demo) template folder, opened the way the app opens an existing folder. create_demo_cell and the
    migrations themselves are tested directly (tests/admissions/test_demo_admissions.py, tests/models/
    test_schema.py, tests/storage/test_survival.py)."""
    import shutil

    from secretary_app.paths import resolve_paths
    from secretary_app.store import Store

    demo = "demo_store" in request.fixturenames
    template = request.getfixturevalue("_demo_store_template" if demo else "_empty_store_template")
    shutil.copytree(template, data_dir, dirs_exist_ok=True)  # a test may have put a file there first
    opened = Store(resolve_paths(data_dir))
    yield opened
    opened.close()


@pytest.fixture
def demo_store(store):
    """``store`` holding the demo cell of DEMO_TODAY (copied from the session's template, see ``store``)."""
    from secretary_app.services.demo_exit import is_demo

    # ``store`` chose the demo template from the test's fixture names; one asked by getfixturevalue is not
    # among them and would get an empty folder.
    assert is_demo(store.paths), "request demo_store as an argument, not by request.getfixturevalue"
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
