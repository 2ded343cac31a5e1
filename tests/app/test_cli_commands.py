"""The command line registers only the subcommand it runs (start-up of a scripted export, issue 11); the
list it keeps of the commands must name every module of ``secretary_app/cli`` so none goes missing."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

import secretary_app.cli as cli

ROOT = Path(__file__).resolve().parents[2]


def _subcommands(parser: argparse.ArgumentParser) -> set[str]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(action.choices)


def test_every_command_module_is_listed_and_registers_the_command_of_its_name():
    modules = {path.stem for path in (ROOT / "secretary_app" / "cli").glob("*.py") if path.stem != "__init__"}
    assert set(cli.COMMANDS) == modules
    assert _subcommands(cli.build_parser()) == modules
    for name in cli.COMMANDS:
        assert _subcommands(cli.build_parser(only=name)) == {name}


def test_a_command_parses_the_same_with_its_own_parser_as_with_the_whole_one():
    argv = ["--data-dir", "X", "export", "minutes", "--latest", "--format", "pdf", "-o", "m.pdf"]
    alone, whole = cli.parse_args(argv), cli.build_parser().parse_args(argv)
    assert {k: v for k, v in vars(alone).items() if k != "handler"} == {
        k: v for k, v in vars(whole).items() if k != "handler"}
    assert alone.handler is whole.handler


def test_a_typo_still_lists_every_command(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.parse_args(["--data-dir", "X", "exprot", "minutes"])
    error = capsys.readouterr().err
    assert stop.value.code == 2 and all(name in error for name in cli.COMMANDS)


def test_running_export_imports_no_other_command_module():
    code = ("import sys; from secretary_app.cli import parse_args; "
            "parse_args(['--data-dir', 'X', 'export', 'minutes', '-o', 'm.pdf']); "
            "print(','.join(sorted(m for m in sys.modules if m.startswith('secretary_app.cli.'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "secretary_app.cli.export"
