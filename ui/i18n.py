"""Qt Linguist translations: English source strings, Vietnamese by default.

Qt ships no Vietnamese for its own widgets (stack.md §3), so ``qtbase_vi.ts`` in resources translates
the standard buttons (OK, Cancel, Yes, No, wizard Next/Back/Finish, file dialogs) itself.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

import resources

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


def install_translations(app: QCoreApplication, language: str) -> bool:
    """Install the Vietnamese catalogues (or none, for English). False when a .qm is missing."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "vi":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    # The package is always a plain folder (installed editable, or the app folder itself), so a path from
    # its __file__ does what importlib.resources would, without that module's ~3 ms import at start-up.
    folder = Path(resources.__file__).parent / "translations"
    ok = True
    # One catalogue per area (scripts/i18n.py) plus qtbase_vi for Qt's own buttons.
    for source in sorted(p.name for p in folder.iterdir() if p.name.endswith("_vi.ts")):
        name = source.removesuffix(".ts")
        translator = QTranslator(app)
        if translator.load(str(folder / f"{name}.qm")):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("Translation %s.qm not found in %s; run: bash scripts/dev.sh run", name, folder)
            ok = False
    return ok
