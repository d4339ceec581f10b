"""Paths as code hosts want them: relative to the repository's root, wherever paperlint ran.

GitHub resolves an annotation's ``file=`` and a SARIF ``artifactLocation.uri`` against the root of
the repository; GitLab does the same with a Code Quality ``location.path``. paperlint names files
as the user gave them (relative to the working directory), so a run from ``paper/`` would say
``main.tex`` where the host needs ``paper/main.tex``. The project root is ``--project-root`` when
given, else the nearest directory above the working directory that holds ``.git`` (a folder, or
the file a worktree or submodule has), else the working directory itself.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from paperlint.model import DocumentResult, Finding, Report
from paperlint.report.text import display_file


def find_project_root(start: Path | None = None) -> Path:
    """The git root above ``start`` (default: the working directory), else ``start``."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return here


def project_root(report: Report) -> Path:
    """The root that ``report``'s paths are made relative to (resolved)."""
    if report.project_root is not None:
        return Path(report.project_root).resolve()
    return find_project_root()


def relative_to_root(shown: str, root: Path) -> str | None:
    """``shown`` (a path as the user sees it, relative to the working directory or absolute) as a
    POSIX path relative to ``root``; None when it lies outside ``root``."""
    absolute = Path(os.path.abspath(Path.cwd() / shown))
    for candidate in (absolute, absolute.resolve()):  # as written, then with links resolved
        try:
            relative = candidate.relative_to(root)
        except ValueError:
            continue
        text = PurePosixPath(relative.as_posix()).as_posix()
        return "" if text == "." else text
    return None


def display_for_host(shown: str, root: Path) -> str:
    """The path to give a code host: relative to ``root`` when inside it, else absolute."""
    relative = relative_to_root(shown, root)
    if relative is not None:
        return relative
    return Path(os.path.abspath(Path.cwd() / shown)).as_posix()


def location_kind(document: DocumentResult, file: str) -> str:
    """"source" (a text file on disk), "pdf", or "archive" (a file inside an archive)."""
    given = Path(document.path)
    if document.format == "pdf":
        return "pdf"
    if given.suffix.lower() == ".tex" or given.is_dir():
        return "source"
    return "source" if file == given.name else "archive"


def shown_file(document: DocumentResult, finding: Finding) -> str:
    """The file a finding is in, as the user sees it: the source file, or the PDF or archive
    itself for a finding inside one (a code host can only point at files it holds)."""
    if location_kind(document, finding.location.file) == "source":
        return display_file(document, finding.location.file)
    return document.path


def host_file(document: DocumentResult, finding: Finding, root: Path) -> str:
    """:func:`shown_file` relative to the project root, as annotations and reports give it."""
    return display_for_host(shown_file(document, finding), root)
