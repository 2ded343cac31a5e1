"""Entry point: ``python -m secretary_app`` / ``secretary-app``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from secretary_app.cli import main as run


def main(argv: Sequence[str] | None = None) -> int:
    """The program itself: a finished subcommand ends the process without interpreter teardown
    (``secretary_app.cli.exit_without_teardown``); the window returns as usual."""
    return run(argv, fast_exit=True)


if __name__ == "__main__":
    sys.exit(main())
