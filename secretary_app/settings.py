"""Typed user settings, stored as JSON in the config folder. Cell details live in the database."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

log = logging.getLogger(__name__)


class DocumentLayout(BaseModel):
    """Layout options the domain research marks [?]/[R]: settings with the documented default."""

    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    recipient_line_end: Literal[",", ";"] = ","
    signer_title: Literal["BÍ THƯ", "PHÓ BÍ THƯ"] = "BÍ THƯ"


class Settings(BaseModel):
    language: Literal["vi", "en"] = "vi"
    large_text: bool = False
    sort_by_given_name: bool = True
    autosave_seconds: int = Field(default=2, ge=1, le=60)
    badge_lead_days: int = Field(default=90, ge=0, le=365)
    count_ordinary_absences_in_vote_base: bool = True
    layout: DocumentLayout = DocumentLayout()
    sync_server: str = ""
    sync_username: str = ""


def load_settings(path: Path) -> Settings:
    """A missing or damaged file gives the defaults (logged); the app must still start."""
    try:
        return Settings.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (ValidationError, ValueError, OSError) as exc:
        log.warning("Settings file %s unreadable, using defaults: %s", path, exc)
        return Settings()


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically so a power cut never leaves half a settings file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings.model_dump(mode="json"), handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
