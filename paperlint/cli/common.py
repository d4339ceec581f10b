"""Helpers shared by the CLI commands: error lines and exit codes."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from paperlint.errors import PaperlintError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(error: PaperlintError | str) -> NoReturn:
    """One clear line on stderr naming the file and the reason, then exit 2."""
    from paperlint.display import shown

    # One line, whatever the file name holds (a newline, a control code, bytes that are not UTF-8).
    click.echo(shown(f"paperlint: error: {error}"), err=True)
    sys.exit(EXIT_ERROR)


def use_color(option: bool | None) -> bool:
    """Colour when forced on, or when stdout is a terminal and NO_COLOR is not set."""
    import os

    if option is not None:
        return option
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
