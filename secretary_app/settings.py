"""Typed user settings, stored as JSON in the config folder. Cell details live in the database.

Plain dataclasses rather than pydantic: settings are read before the first window is shown, and a
tolerant field-by-field loader keeps every good value when one value in the file is damaged.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

log = logging.getLogger(__name__)


@dataclass
class DocumentLayout:
    """Layout options the domain research marks [?]/[R]: settings with the documented default."""

    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    recipient_line_end: Literal[",", ";"] = ","
    signer_title: Literal["BÍ THƯ", "PHÓ BÍ THƯ"] = "BÍ THƯ"


@dataclass
class Settings:
    language: Literal["vi", "en"] = "vi"
    large_text: bool = False
    sort_by_given_name: bool = True
    autosave_seconds: int = 2
    badge_lead_days: int = 90
    count_ordinary_absences_in_vote_base: bool = True
    #: Count holidays not yet confirmed ([U] in resources/rules/holidays_vn.json) as days off when counting
    #: working days. Off by default: without them a deadline falls earlier, the safe direction (rules.md §7).
    count_unconfirmed_holidays: bool = False
    layout: DocumentLayout = field(default_factory=DocumentLayout)
    sync_server: str = ""
    sync_username: str = ""
    sync_interval_minutes: int = 5  # background sync; also a few seconds after edits settle
    sync_no_keyring_told: bool = False  # "no keyring: the password is asked at each start" said once
    # Encrypt the data at the first start of the window where the OS keyring can keep the key; where it
    # cannot, the Cài đặt page offers a passphrase instead (asked once: ``encryption_checked``).
    encrypt_data: bool = True
    encryption_checked: bool = False
    backup_days: int = 7
    backup_months: int = 12

    # Bounds for numbers a person may set (inclusive).
    BOUNDS: typing.ClassVar[dict[str, tuple[float, float]]] = {
        "autosave_seconds": (1, 60), "sync_interval_minutes": (1, 240), "badge_lead_days": (0, 365), "backup_days": (0, 60), "backup_months": (0, 120),
        "margin_top_mm": (5, 50), "margin_bottom_mm": (5, 50), "margin_left_mm": (5, 50),
        "margin_right_mm": (5, 50),
    }

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _coerce(cls: type, data: dict[str, Any]) -> Any:
    """Build ``cls`` from ``data``, keeping the default for any missing, unknown-typed or invalid value."""
    instance = cls()
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value, hint = data[f.name], hints[f.name]
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            if isinstance(value, dict):
                setattr(instance, f.name, _coerce(hint, value))
            continue
        if typing.get_origin(hint) is Literal:
            ok = value in typing.get_args(hint)
        elif hint is bool:
            ok = isinstance(value, bool)
        elif hint is float:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        else:
            ok = isinstance(value, hint) and not (hint is int and isinstance(value, bool))
        low, high = Settings.BOUNDS.get(f.name, (float("-inf"), float("inf")))
        if ok and isinstance(value, int | float) and not isinstance(value, bool):
            ok = low <= value <= high
        if ok:
            setattr(instance, f.name, value)
        else:
            log.warning("Setting %s=%r is not valid; using the default %r", f.name, value, getattr(instance, f.name))
    return instance


def load_settings(path: Path) -> Settings:
    """A missing or damaged file gives the defaults (logged); the app must still start."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (ValueError, OSError) as exc:
        log.warning("Settings file %s unreadable, using defaults: %s", path, exc)
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return _coerce(Settings, data)


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically so a power cut never leaves half a settings file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings.to_dict(), handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
