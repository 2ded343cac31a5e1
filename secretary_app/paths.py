"""Where the app keeps its files: platformdirs, overridable by --data-dir or SECRETARY_APP_DATA."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from secretary_app import APP_NAME

ENV_DATA_DIR = "SECRETARY_APP_DATA"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "so-tay-bi-thu.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    @property
    def cache(self) -> Path:
        """Files rebuilt when missing (parsed fonts); safe to delete at any time."""
        return self.data_dir / "cache"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.config_dir, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """An explicit folder keeps everything (settings too) in one place, handy for tests and USB sticks."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, config_dir=root)
    import platformdirs  # only for the per-user folders (~18 ms of a command's start-up otherwise)

    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
