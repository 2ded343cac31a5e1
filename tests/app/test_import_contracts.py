"""The import-linter contracts bite: a forbidden import planted in a copy of the sources breaks them.

One copy of the packages per module; each case writes one extra import into one file, runs
``lint-imports`` on the copy and restores the file. The unplanted copy keeps every contract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("secretary_app", "ui", "models", "exporters", "resources")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

SERVER_ONLY = "server imports only models, sync protocol/codec and itself"
PROTOCOL_CODEC = "sync protocol and codec import only models (and each other)"
NO_SERVER = "client core and ui never import the server"
UI_MODELS = "ui imports from models only models.text"
EXPORTERS = "exporters know nothing of the database or models"
MODELS = "models know nothing of Qt, files or network"


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contracts")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.qm", "*.ttf", "*.png", "*.svg")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, root / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def plant(source_copy: Path) -> Iterator[object]:
    saved: dict[Path, str] = {}

    def _plant(relative: str, line: str) -> None:
        path = source_copy / relative
        saved.setdefault(path, path.read_text(encoding="utf-8"))
        # grimp reads every import statement wherever it stands: the end of the file is enough.
        path.write_text(saved[path] + f"\n{line}\n", encoding="utf-8")

    yield _plant
    for path, text in saved.items():
        path.write_text(text, encoding="utf-8")


def test_the_unplanted_copy_keeps_every_contract(source_copy: Path) -> None:
    result = _lint(source_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("relative", "line", "contract"),
    [
        # The four plantings the review found passing, then one per remaining contract.
        ("secretary_app/server/service.py", "from secretary_app.services import roster", SERVER_ONLY),
        ("secretary_app/services/cell.py", "from secretary_app.server import service", NO_SERVER),
        ("ui/tables.py", "from models.members import Member", UI_MODELS),
        ("secretary_app/server/app.py", "import secretary_app.sync.engine", SERVER_ONLY),
        # Indirect: the server imports the protocol, which must not lead on to the client's engine.
        ("secretary_app/sync/protocol.py", "from secretary_app.sync import engine", PROTOCOL_CODEC),
        ("secretary_app/server/db.py", "from secretary_app import store", SERVER_ONLY),
        ("ui/app.py", "import secretary_app.server.app", NO_SERVER),
        ("exporters/model.py", "from models.text import nfc", EXPORTERS),
        ("exporters/pdf_renderer.py", "from secretary_app import paths", EXPORTERS),
        ("models/text.py", "import httpx", MODELS),
    ],
    ids=["server-services", "services-server", "ui-orm-table", "server-sync-engine", "protocol-engine",
         "server-store", "ui-server", "exporters-models", "exporters-core", "models-network"],
)
def test_a_planted_forbidden_import_breaks_its_contract(plant, source_copy: Path, relative: str, line: str,
                                                       contract: str) -> None:
    plant(relative, line)
    result = _lint(source_copy)
    assert result.returncode != 0
    assert f"{contract} BROKEN" in result.stdout, result.stdout


def test_ui_may_still_use_models_text(plant, source_copy: Path) -> None:
    plant("ui/confirm.py", "from models.text import nfc")
    result = _lint(source_copy)
    assert f"{UI_MODELS} KEPT" in result.stdout, result.stdout
