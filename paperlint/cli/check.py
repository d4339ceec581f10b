"""``paperlint check``: check papers and report findings (exit 0 clean, 1 findings, 2 errors)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from paperlint.cli.ci import CiSettings, ci_options, settings_of
from paperlint.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, use_color
from paperlint.errors import PaperlintError
from paperlint.model import SEVERITY_ORDER, Report
from paperlint.report import FORMATS

if TYPE_CHECKING:
    from paperlint.api import CheckOptions
    from paperlint.config import Config

PROFILES = ("flop", "neurips", "acl", "aaai")


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select PL1,PL201 --select PL3`` -> ("PL1", "PL201", "PL3")."""
    codes = (code.strip().upper() for value in values for code in value.split(","))
    return tuple(code for code in codes if code)


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
@click.argument("paths", nargs=-1, required=False, type=click.Path(path_type=str))
@click.option("--output-format", "--format", "output_format", type=click.Choice(sorted(FORMATS)),
              default="text", show_default=True, help="Output format (--format: the same).")
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
@click.option("--pdf-backend", type=click.Choice(["pypdf", "pdfium"]), default=None,
              help="PDF text extraction: pypdf (default) or pdfium (faster; extra fast-pdf).")
@click.option("--color/--no-color", default=None, help="Force colour on or off.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read settings from FILE (paperlint.toml or a pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY); appends.")
@click.option("--sarif", "sarif_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a SARIF 2.1.0 log to FILE (for code scanning), from the same run.")
# Fixes (docs/integrations.md), with ruff's meaning: safe by default, unsafe when asked.
@click.option("--fix", "apply_fixes", is_flag=True,
              help="Apply safe fixes to the paper's sources, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff: apply unsafe fixes too (PL105's estimate sentence).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the fixes as a unified diff and change no file (exit 1 if any).")
# Batch mode (docs/batch.md): a submissions directory, a list of paths, or many papers at once.
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Batch: worker processes (default: one per core).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds per paper before its check is stopped and reported (0: no limit).")
@click.option("--memory-limit", type=click.IntRange(min=0), default=2048, show_default=True,
              help="Batch: address-space limit per worker in MB (0: none).")
@click.option("--paths-from", type=str, default=None, metavar="FILE|-",
              help="Batch: read paper paths from FILE (one per line; - for stdin).")
@click.option("--resume", is_flag=True,
              help="Batch: skip papers already in --output (jsonl or csv) and append the rest.")
@click.option("--report", "report_html", type=click.Path(dir_okay=False, path_type=Path),
              help="Batch: also write the organisers' self-contained HTML report to FILE.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Batch: run locally or on a Dask cluster.")
@click.option("--scheduler", type=str, default=None, metavar="ADDRESS",
              help="Batch with --executor dask: scheduler address, e.g. tcp://host:8786.")
@ci_options  # --diff-base, --changed-only, --project-root, --statistics, --show-settings, ...
def check(**values: Any) -> None:
    """Check each PATH (a .tex file, a paper's directory, a PDF or an archive).

    Each PATH is checked independently: one that cannot be read is reported as an error and the
    others are still checked. PATH `-` reads the paper from standard input (--stdin-filename).
    """
    from paperlint.api import check_many
    from paperlint.cli import ci as ci_steps

    args = CheckArgs(**{name: values[name] for name in CheckArgs.__dataclass_fields__})
    ci = settings_of(values)
    options, config = _options(args, ci)
    fail_level = args.fail_level or config.fail_level or "warning"
    if ci.show_settings:
        _show_settings(args, config, options, fail_level, ci)
    paths = _papers(args)
    fixing = _fixing(args, paths)
    if not fixing and _is_batch_run(args, paths, ci):
        _run_batch(args, paths, options, fail_level, ci)
    report = (ci_steps.check_stdin(ci, options) if paths == ("-",)
              else check_many(list(paths), options, timeout=args.timeout or None))
    if fixing:
        from paperlint.cli.fixing import run_fixes

        report = run_fixes(report, list(paths), options, diff=args.show_diff,
                           unsafe=args.unsafe_fixes)
    try:
        report = ci_steps.finish(report, ci)  # --project-root, --diff-base / --changed-only
    except PaperlintError as error:
        fail(error)
    _write_report(report, args, ci)
    _write_side_files(report, args, fail_level)
    from paperlint.display import shown

    for document in report.documents:
        if document.error is not None:
            click.echo(shown(f"paperlint: error: {document.path}: {document.error}"), err=True)
    sys.exit(exit_code(report, fail_level, args.exit_zero))


@dataclass(frozen=True)
class CheckArgs:
    """The check command's own options as click parsed them (the CI options are CiSettings)."""

    paths: tuple[str, ...]
    output_format: str
    output: Path | None
    profile: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_level: str | None
    exit_zero: bool
    utilization: float | None
    no_suppressions: bool
    pdf_backend: str | None
    color: bool | None
    config_file: Path | None
    isolated: bool
    summary_file: Path | None
    sarif_file: Path | None
    apply_fixes: bool
    unsafe_fixes: bool
    show_diff: bool
    jobs: int | None
    timeout: float
    memory_limit: int
    paths_from: str | None
    resume: bool
    report_html: Path | None
    executor: str
    scheduler: str | None


def _options(args: CheckArgs, ci: CiSettings) -> tuple[CheckOptions, Config]:
    """The options in force: the flags given, then the configuration file for the rest."""
    from paperlint.api import CheckOptions
    from paperlint.cli import ci as ci_steps
    from paperlint.config import discover, merge
    from paperlint.errors import ConfigError
    from paperlint.paths import is_dir

    options = CheckOptions(
        # A child's `% !TEX root` is followed only inside a directory given here (or its git
        # repository): never to a file elsewhere on the machine.
        given_dirs=tuple(str(Path(p).resolve()) for p in args.paths if is_dir(p)),
        profile=args.profile or "flop",
        select=_codes(args.select),
        ignore=_codes(args.ignore),
        utilization=args.utilization,
        use_suppressions=not args.no_suppressions,
        pdf_backend=args.pdf_backend or "pypdf",
    )
    # Flags the user gave win over the configuration file, key by key.
    given = {"profile": args.profile, "select": args.select, "ignore": args.ignore,
             "utilization": args.utilization}
    try:
        config = discover(ci_steps.config_paths(args.paths, ci), config_file=args.config_file,
                          isolated=args.isolated)
    except ConfigError as error:
        fail(error)
    explicit = frozenset(k for k, v in given.items() if v)
    return merge(config, options=options, explicit=explicit), config


def _show_settings(args: CheckArgs, config: Config, options: CheckOptions, fail_level: str,
                   ci: CiSettings) -> NoReturn:
    """--show-settings: print the settings in force and exit 0."""
    from paperlint.cli import ci as ci_steps
    from paperlint.errors import ConfigError

    try:
        click.echo(ci_steps.show_settings(args.paths, config, options, fail_level,
                                          args.output_format, ci), nl=False)
    except ConfigError as error:
        fail(error)
    sys.exit(EXIT_OK)


def _papers(args: CheckArgs) -> tuple[str, ...]:
    """The papers to check, each once; a usage error when none is given or `-` is not alone."""
    from paperlint.cli import ci as ci_steps

    paths = args.paths
    if not paths and args.paths_from is None:
        raise click.UsageError("give at least one PATH, or --paths-from FILE")
    if "-" in paths and paths != ("-",):
        raise click.UsageError("PATH - (standard input) is checked on its own")
    if paths != ("-",):
        paths = ci_steps.distinct_papers(paths)  # a root and its staged children: once
    return paths


def _fixing(args: CheckArgs, paths: tuple[str, ...]) -> bool:
    """Whether --fix or --diff was asked for, after refusing the options they cannot go with."""
    fixing = args.apply_fixes or args.show_diff
    if args.unsafe_fixes and not fixing:
        raise click.UsageError("--unsafe-fixes needs --fix or --diff")
    if fixing and (args.paths_from is not None or args.jobs is not None
                   or args.report_html is not None or args.executor != "local"):
        raise click.UsageError("--fix and --diff work on the papers named, not in batch mode")
    if fixing and paths == ("-",):
        raise click.UsageError("--fix and --diff work on files, not on standard input")
    return fixing


def _is_batch_run(args: CheckArgs, paths: tuple[str, ...], ci: CiSettings) -> bool:
    """Whether the papers go to the batch runner rather than being checked here, in-process."""
    from paperlint.batch.discover import is_batch

    def batch(given: tuple[str, ...]) -> bool:
        return given != ("-",) and is_batch(given, jobs=args.jobs, paths_from=args.paths_from,
                                            output_format=args.output_format,
                                            report_html=args.report_html, executor=args.executor)

    # With --diff-base, several papers that are each a single check are checked in-process, so
    # the changed-lines filter applies to all of them (a batch's workers stream their results).
    return batch(paths) and not (ci.diff_requested and not any(batch((p,)) for p in paths))


def _run_batch(args: CheckArgs, paths: tuple[str, ...], options: CheckOptions, fail_level: str,
               ci: CiSettings) -> NoReturn:
    """Batch mode (docs/batch.md): the runner reports and writes; its exit code is the command's."""
    if ci.single_only:
        raise click.UsageError(f"{', '.join(ci.single_only)}: not in batch mode")
    if ci.diff_requested:
        click.echo("paperlint: note: --diff-base/--changed-only apply to single checks; "
                   "this batch reports every finding", err=True)
    from paperlint.batch.runner import RunSettings
    from paperlint.batch.session import BatchRequest, run_batch

    request = BatchRequest(
        paths, options, args.output_format, args.output, args.paths_from, args.resume,
        args.report_html,
        RunSettings(args.jobs or 0, args.timeout or None, args.memory_limit or None),
        args.executor, args.scheduler, fail_level, args.exit_zero, summary=args.summary_file,
        sarif=args.sarif_file,
    )
    try:
        sys.exit(run_batch(request))
    except PaperlintError as error:
        fail(error)


def _write_report(report: Report, args: CheckArgs, ci: CiSettings) -> None:
    """The report in its format (or --statistics), to --output or standard output."""
    from paperlint.cli import ci as ci_steps
    from paperlint.display import utf8
    from paperlint.report import renderer

    output, output_format = args.output, args.output_format
    colored = output is None and output_format == "text" and use_color(args.color)
    if ci.statistics:
        rendered = ci_steps.statistics(report, output_format)
    elif ci.quiet and output_format == "text":
        rendered = renderer(output_format)(report, color=colored, quiet=True)
    else:
        rendered = renderer(output_format)(report, color=colored)
    rendered = utf8(rendered)
    if output is not None:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as error:
            fail(f"{output}: cannot write the report: {error.strerror}")
    else:
        click.echo(rendered, nl=False)


def _write_side_files(report: Report, args: CheckArgs, fail_level: str) -> None:
    """--sarif and --summary: written from the same run, beside the report."""
    if args.sarif_file is None and args.summary_file is None:
        return
    from paperlint.report.files import append_summary, write_sarif

    try:
        if args.sarif_file is not None:
            write_sarif(args.sarif_file, report)
        if args.summary_file is not None:
            append_summary(args.summary_file, report, fail_level)
    except PaperlintError as error:
        fail(error)
