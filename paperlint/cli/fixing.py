"""``paperlint check --fix`` / ``--diff``: apply or show the fixes of a finished check.

The decisions live in :mod:`paperlint.fix`; this module only writes, prints and re-checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from paperlint.api import CheckOptions, check_path
from paperlint.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from paperlint.model import Report


def run_fixes(report: Report, paths: list[str], options: CheckOptions, *, diff: bool,
              unsafe: bool) -> Report:
    """With ``diff``: print the diff and exit (1 when there is a change, as ruff does). Else
    write the fixes and return the report of the papers checked again, so that what is printed
    and the exit code describe the files as they now are."""
    from paperlint.fix import plan_fixes, summary, unified_diff, write_changes

    plan = plan_fixes(report, unsafe=unsafe)
    if diff:
        click.echo(unified_diff(plan), nl=False)
        for line in summary(plan, diff=True):
            click.echo(f"paperlint: {line}", err=True)
        for document in report.documents:
            if document.error is not None:
                click.echo(f"paperlint: error: {document.path}: {document.error}", err=True)
        sys.exit(EXIT_ERROR if report.errors else EXIT_FINDINGS if plan.changes else EXIT_OK)
    errors = write_changes(plan)
    for line in [*summary(plan, diff=False), *errors]:
        click.echo(f"paperlint: {line}", err=True)
    if not plan.changes:
        return report
    # Only the papers whose files changed are read again.
    changed = {change.path for change in plan.changes}
    documents = tuple(
        check_path(path, options) if _touches(document.root, document.files, changed) else document
        for path, document in zip(paths, report.documents, strict=True)
    )
    return Report(documents=documents, version=report.version)


def _touches(root: str | None, files: tuple[str, ...], changed: set[Path]) -> bool:
    if root is None:
        return False
    return any((Path(root) / name).resolve() in changed for name in files)
