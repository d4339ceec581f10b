"""``paperlint check`` options for CI and editors, in ruff's manner (docs/integrations.md).

``--diff-base``/``--changed-only`` (changed lines only), ``--project-root`` (where host paths are
relative to), ``--statistics``, ``--show-settings``, ``-q/--quiet`` and stdin (``-`` with
``--stdin-filename``). The options are declared here and applied by small functions, so that the
check command stays a list of steps; the work is in paperlint.changes and paperlint.report.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from paperlint.api import CheckOptions
    from paperlint.config import Config
    from paperlint.model import Report

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS = [
    click.option("--diff-base", metavar="REF", default=None,
                 help="Report only findings on lines changed since REF (and paper-wide ones "
                      "of a changed paper), like reviewdog's `added` filter."),
    click.option("--changed-only", is_flag=True,
                 help="--diff-base of the merge base: on a pull_request event its base commit, "
                      "else the upstream branch's."),
    click.option("--project-root", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
                 default=None, help="Make SARIF, annotation and Code Quality paths relative to "
                 "DIR (default: the git root, else the working directory)."),
    click.option("--statistics", is_flag=True,
                 help="Print the number of findings per rule instead of the findings."),
    click.option("--show-settings", is_flag=True,
                 help="Print the settings in force (after config files and flags) and exit."),
    click.option("--stdin-filename", metavar="PATH", default=None,
                 help="The name of the paper read from standard input (PATH `-`): for "
                      "locations, config discovery and its \\input files."),
    click.option("--quiet", "-q", is_flag=True,
                 help="Print the findings and nothing else (no per-paper and closing summary)."),
]


def ci_options(command: F) -> F:
    """Add the options above to a click command (its function takes them as keywords)."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


@dataclass(frozen=True)
class CiSettings:
    diff_base: str | None = None
    changed_only: bool = False
    project_root: Path | None = None
    statistics: bool = False
    show_settings: bool = False
    stdin_filename: str | None = None
    quiet: bool = False

    @property
    def diff_requested(self) -> bool:
        return self.diff_base is not None or self.changed_only

    @property
    def single_only(self) -> list[str]:
        """The options given that a batch refuses (--diff-base in a batch is only noted)."""
        given = [("--statistics", self.statistics), ("--stdin-filename", self.stdin_filename)]
        return [name for name, value in given if value]


def settings_of(values: dict[str, Any]) -> CiSettings:
    return CiSettings(**{key: values[key] for key in CiSettings.__dataclass_fields__})


def config_paths(paths: tuple[str, ...], ci: CiSettings) -> tuple[str, ...]:
    """The paths config discovery starts from: the stdin file's name stands for ``-``."""
    if ci.stdin_filename is None:
        return paths
    # A name not (yet) on disk is looked up from the nearest folder of it that exists.
    named = Path(ci.stdin_filename)
    start = next((p for p in (named, *named.parents) if p.exists()), Path("."))
    return tuple(str(start) if path == "-" else path for path in paths)


def distinct_papers(paths: tuple[str, ...]) -> tuple[str, ...]:
    """``paths`` with each paper once: a root and its child files (what pre-commit passes when
    both are staged) are one paper, checked once, under the root's name when it was given."""
    from paperlint.readers.latex_files import boundary, paper_root_file

    chosen: dict[object, str] = {}
    for path in paths:
        given, is_tex = Path(path), False
        try:
            is_tex = given.suffix.lower() == ".tex" and given.is_file()
            key: object = (paper_root_file(given, boundary(given.resolve(), ())) if is_tex
                           else given.resolve())
        except OSError:
            key = path
        if key not in chosen or (is_tex and given.resolve() == key):
            chosen[key] = path
    return tuple(chosen.values())


def check_stdin(ci: CiSettings, options: CheckOptions) -> Report:
    """Check the paper on standard input, named ``--stdin-filename`` (default ``stdin.tex``)."""
    from paperlint._version import __version__
    from paperlint.api import check_source
    from paperlint.model import Report

    data = sys.stdin.buffer.read()
    result = check_source(data, ci.stdin_filename or "stdin.tex", options)
    return Report(documents=(result,), version=__version__)


def finish(report: Report, ci: CiSettings) -> Report:
    """The project root and, with --diff-base/--changed-only, the changed-lines filter."""
    from paperlint.changes import changed_lines, changed_only_base, filter_report

    if ci.project_root is not None:
        report = replace(report, project_root=str(ci.project_root.resolve()))
    if ci.diff_base is None and not ci.changed_only:
        return report
    start = ci.project_root
    base = ci.diff_base if ci.diff_base is not None else changed_only_base(start)
    return filter_report(report, changed_lines(base, start))


def statistics(report: Report, output_format: str) -> str:
    """ruff's --statistics: one line per rule, most frequent first (JSON: a list of objects)."""
    from paperlint.rulebook import RULES

    counts = Counter(finding.code for finding in report.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if output_format == "json":
        data = [{"code": code, "name": RULES[code].name if code in RULES else "",
                 "severity": RULES[code].severity if code in RULES else "", "count": count}
                for code, count in rows]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(str(count)) for _, count in rows), default=1)
    lines = [f"{count:>{width}}\t{code}\t{RULES[code].name if code in RULES else ''}"
             for code, count in rows]
    return "\n".join(lines) + ("\n" if lines else "")


def show_settings(paths: tuple[str, ...], config: Config, options: CheckOptions,
                  fail_level: str, output_format: str, ci: CiSettings) -> str:
    """ruff's --show-settings: where each setting came from is the config file or a flag."""
    from paperlint.checks import enabled_rules
    from paperlint.report.paths import find_project_root

    root = ci.project_root.resolve() if ci.project_root else find_project_root()
    rules = enabled_rules(options)
    values: list[tuple[str, object]] = [
        ("paths", list(paths)),
        ("config file", str(config.path) if config.path else None),
        ("profile", options.profile),
        ("select", list(options.select)),
        ("ignore", list(options.ignore)),
        ("per-file-ignores", {k: list(v) for k, v in options.per_file_ignores.items()}),
        ("fail-level", fail_level),
        ("utilization", options.utilization),
        ("suppressions", options.use_suppressions),
        ("pdf-backend", options.pdf_backend),
        ("macros", dict(options.macros)),
        ("extra hardware", len(options.hardware)),
        ("output-format", output_format),
        ("project-root", str(root)),
        ("diff-base", ci.diff_base or ("merge base" if ci.changed_only else None)),
        ("rules enabled", sorted(rules)),
    ]
    width = max(len(key) for key, _ in values)
    return "".join(f"{key:<{width}} = {json.dumps(value)}\n" for key, value in values)
