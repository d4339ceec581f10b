"""``paperlint check``: check papers and report findings (exit 0 clean, 1 findings, 2 errors)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from paperlint.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, use_color
from paperlint.model import SEVERITY_ORDER, Report
from paperlint.report import FORMATS

PROFILES = ("flop", "neurips", "acl", "aaai")


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select PL1,PL201 --select PL3`` -> ("PL1", "PL201", "PL3")."""
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def exit_code(report: Report, fail_level: str, exit_zero: bool) -> int:
    """2 when a document could not be read; else 1 when a finding reaches the fail level."""
    if report.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    threshold = SEVERITY_ORDER[fail_level]
    if any(SEVERITY_ORDER[f.severity] >= threshold for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_OK


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the report to FILE instead of standard output.")
@click.option("--profile", type=click.Choice(PROFILES), default=None,
              help="Which reporting norm to hold the paper to (default: flop).")
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip (comma-separated).")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--utilization", type=click.FloatRange(0.01, 1.0), default=None,
              help="Hardware utilization for FLOP estimates (default: 0.30 language, 0.40 other).")
@click.option("--no-suppressions", is_flag=True, help="Ignore every `% paperlint:` comment.")
@click.option("--color/--no-color", default=None, help="Force colour on or off.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: Path | None,
    profile: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_level: str | None,
    exit_zero: bool,
    utilization: float | None,
    no_suppressions: bool,
    color: bool | None,
) -> None:
    """Check each PATH (a .tex file, a paper's directory, a PDF or an archive).

    Each PATH is checked independently: one that cannot be read is reported as an error and the
    others are still checked.
    """
    from paperlint.api import CheckOptions, check_many
    from paperlint.report import renderer

    options = CheckOptions(
        profile=profile or "flop",
        select=_codes(select),
        ignore=_codes(ignore),
        utilization=utilization,
        use_suppressions=not no_suppressions,
    )
    report = check_many(list(paths), options)
    colored = output is None and output_format == "text" and use_color(color)
    rendered = renderer(output_format)(report, color=colored)
    if output is not None:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as error:
            fail(f"{output}: cannot write the report: {error.strerror}")
    else:
        click.echo(rendered, nl=False)
    for document in report.documents:
        if document.error is not None:
            click.echo(f"paperlint: error: {document.path}: {document.error}", err=True)
    sys.exit(exit_code(report, fail_level or "warning", exit_zero))
