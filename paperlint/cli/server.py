"""``paperlint server``: the Language Server over stdio (editor set-up: docs/integrations.md)."""

from __future__ import annotations

import click

from paperlint.cli.common import fail


@click.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default; "
              "accepted because many editors pass it).")
def server(stdio: bool) -> None:
    """Run the language server over stdio: diagnostics, fixes and hover for .tex files."""
    try:
        import pygls  # noqa: F401
    except ImportError:
        fail("the language server needs pygls: pip install 'paperlint[lsp]'")
    from paperlint.lsp.server import main

    main()
