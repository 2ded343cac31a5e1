"""Entry point: ``python -m secretary_app`` / ``secretary-app``."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

# Start-up makes a few hundred thousand objects (modules, classes, the ORM's mappers) that all live until the
# process ends; the cycle collector walking them again and again as they are made was ~3% of a whole-process
# PDF export (issue 11). Paused here, on again once the command has opened its store or the window starts
# (``secretary_app.cli.collect_garbage_again``).
gc.disable()

from secretary_app.cli import main as run  # noqa: E402  (after the pause, which must come first)


def main(argv: Sequence[str] | None = None) -> int:
    """The program itself: a finished subcommand ends the process without interpreter teardown
    (``secretary_app.cli.exit_without_teardown``); the window returns as usual."""
    return run(argv, fast_exit=True)


if __name__ == "__main__":
    sys.exit(main())
