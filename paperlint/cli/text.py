"""``paperlint text``: the plain text paperlint reads, optionally with its source map."""

from __future__ import annotations

import click

from paperlint.cli.common import fail
from paperlint.errors import PaperlintError


@click.command()
@click.argument("path", type=click.Path(path_type=str))
@click.option(
    "--map", "show_map", is_flag=True, help="Prefix each line with the file:line:col it came from."
)
def text(path: str, show_map: bool) -> None:
    """Print the plain text extracted from PATH (a debugging aid, as in TeXtidote)."""
    from paperlint.api import read

    try:
        document = read(path)
    except PaperlintError as error:
        fail(error)
    if not show_map:
        click.echo(document.text)
        return
    for location, line in document.mapped_lines():
        click.echo(f"{location.file}:{location.line}:{location.column}\t{line}")
    for problem in document.problems:
        loc = problem.location
        where = f"{loc.file}:{loc.line}:{loc.column}"
        click.echo(f"{where}\t[{problem.code}] {problem.message}", err=True)
