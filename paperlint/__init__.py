"""paperlint: a linter that makes ML papers report their training compute.

The public API is :func:`check`; the command line (``paperlint``) is a thin layer over it.
Heavy modules (spaCy, pylatexenc, pypdf) are imported lazily so that ``paperlint --version``
stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from paperlint._version import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from paperlint.model import Report

__all__ = ["__version__", "check"]


def check(path: str | Path, **options: Any) -> Report:
    """Check one paper (a .tex file, a paper's directory, a PDF or an archive) and return a Report.

    Options are those of :class:`paperlint.options.CheckOptions` (``select="PL1,PL2"`` as on the
    command line), plus ``isolated=True`` (read no configuration file) and ``config=PATH``; see
    :func:`paperlint.api.check`.
    """
    from paperlint.api import check as _check

    return _check(path, **options)
