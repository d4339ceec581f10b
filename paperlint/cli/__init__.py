"""The ``paperlint`` command line: thin click commands over paperlint.api (no logic here).

Commands are loaded lazily (click's LazyGroup pattern) so that ``paperlint --help`` and
``--version`` import neither spaCy nor the readers.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from paperlint._version import __version__

# command name -> "module:attribute". Add a command with one line here.
LAZY_COMMANDS: dict[str, str] = {
    "check": "paperlint.cli.check:check",
    "text": "paperlint.cli.text:text",
    "rules": "paperlint.cli.rules:rules",
    "explain": "paperlint.cli.rules:explain",
    "estimate": "paperlint.cli.estimate:estimate",
    "server": "paperlint.cli.server:server",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when they are run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Listing short help would import every command module; the names and one line suffice.
        rows = [(name, _SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


_SHORT_HELP: dict[str, str] = {
    "check": "Check papers (.tex, directory, PDF, archive) for their compute report.",
    "text": "Print the plain text paperlint reads from a paper (--map: with source positions).",
    "estimate": "Estimate training FLOP from hardware and time, or parameters and tokens.",
    "rules": "List every rule with its code, severity and profiles.",
    "explain": "Show the documentation of one rule.",
    "server": "Run the language server (LSP over stdio) for editors; extra paperlint[lsp].",
}


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="paperlint")
def main() -> None:
    """paperlint: make ML papers report their training compute.

    Exit codes: 0 no finding at or above the fail level, 1 findings, 2 usage error or unreadable
    input.
    """


def run(argv: list[str] | None = None) -> Any:
    """Entry point that never lets an exception reach the user as a traceback."""
    try:
        return main.main(args=argv, prog_name="paperlint", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("paperlint: interrupted", err=True)
        sys.exit(130)
