"""Test helpers shared by the suite."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A dict-backed keyring, so no test ever touches a real one (stack.md §7)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.secrets:
            raise PasswordDeleteError(username)
        del self.secrets[(service, username)]


@dataclass
class CliRun:
    """What a ``secretary-app`` command returned and printed (the fields of a CompletedProcess)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: str = "") -> CliRun:
    """``secretary-app ARGS`` run in this process: the command-line entry point's own code (argument parsing,
    the command, its plain one-line errors, exit codes, argparse's exit 2), without starting a Python and
    importing the app again (~0.6 s of CPU a call). Tests of the process itself (start-up imports, stray
    output at exit, locks held by another process, a PC without a keyring) start a real one."""
    from secretary_app.cli import main

    return run_main(main, *args, stdin=stdin)


def run_main(main: Callable[[list[str]], int], *args: str, stdin: str = "") -> CliRun:
    """A program's ``main(argv)`` run in this process with ``stdin`` piped in (not a terminal, as for a
    command whose input is piped) and what it prints captured."""
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: usage errors (2), --help and --version (0)
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        sys.stdin = saved_stdin
    return CliRun(code, out.getvalue(), err.getvalue())
