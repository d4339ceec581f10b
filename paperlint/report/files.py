"""Writing the side reports (``--sarif``, ``--summary``) that a single check and a batch share.

An unwritable file is an InputError naming it: the CLI prints it as one line and exits 2.
"""

from __future__ import annotations

from pathlib import Path

from paperlint.display import utf8
from paperlint.errors import InputError
from paperlint.model import Report


def write_sarif(path: Path, report: Report) -> None:
    """The SARIF 2.1.0 log of ``report``, written to ``path`` (replacing it; its folder is
    created, as CI steps name a reports folder that does not exist yet)."""
    from paperlint.report.sarif import render

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(utf8(render(report)), encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the SARIF log: {error.strerror}", path=str(path)) from None


def append_summary(path: Path, report: Report, fail_level: str) -> None:
    """The Markdown summary of ``report``, appended to ``path``: GitHub expects appends to
    $GITHUB_STEP_SUMMARY, which a job's steps share."""
    from paperlint.report.summary import render

    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(utf8(render(report, fail_level=fail_level)))
    except OSError as error:
        raise InputError(f"cannot write the summary: {error.strerror}", path=str(path)) from None
