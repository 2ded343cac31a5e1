"""Entry point: ``python -m secretary_app`` / ``secretary-app``."""

from __future__ import annotations

import sys

from secretary_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
