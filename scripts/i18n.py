#!/usr/bin/env python3
"""Translations, the Qt Linguist way.

    python scripts/i18n.py update   # pyside6-lupdate: collect tr() strings from ui/ into the .ts files
    python scripts/i18n.py check    # list strings without a Vietnamese translation (exit 1 if any)

Translate in Qt Linguist (pyside6-linguist resources/translations/<catalogue>.ts) or in the XML.
scripts/dev.sh builds the .qm files with pyside6-lrelease.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
# One catalogue per area, so areas can grow without editing one shared file. Every ui/ module belongs to
# exactly one catalogue; the first pattern that matches wins.
CATALOGUES: dict[str, list[str]] = {
    "roster_vi": ["ui/roster/*.py", "ui/pages/members.py"],
    "meetings_vi": ["ui/meeting/*.py", "ui/pages/meetings.py"],
    "sync_vi": ["ui/pages/sync.py"],
    "admissions_vi": ["ui/admissions/*.py", "ui/pages/admissions.py"],
    "dues_vi": ["ui/dues/*.py", "ui/pages/dues.py"],
    "secretary_app_vi": ["ui/*.py", "ui/pages/*.py"],
}


def sources(name: str) -> list[str]:
    found = {p for pattern in CATALOGUES[name] for p in ROOT.glob(pattern)}
    earlier = {p for other in list(CATALOGUES)[: list(CATALOGUES).index(name)] for p in
               (q for pattern in CATALOGUES[other] for q in ROOT.glob(pattern))}
    return sorted(str(p.relative_to(ROOT)) for p in found - earlier)


def update() -> int:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    rc = 0
    for name in CATALOGUES:
        rc |= subprocess.call([str(tool), *sources(name), "-no-obsolete", "-locations", "none",
                               "-ts", str(FOLDER / f"{name}.ts")], cwd=ROOT)
    return rc


def unfinished(ts: Path) -> list[tuple[str, str]]:
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not (translation.text or "").strip():
                if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append((name, message.findtext("source", "")))
    return missing


def check() -> int:
    missing = [item for name in CATALOGUES for item in unfinished(FOLDER / f"{name}.ts")]
    for context, source in missing:
        print(f"{context}: {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    sys.exit({"update": update, "check": check}.get(command, lambda: (print(__doc__), 2)[1])())
