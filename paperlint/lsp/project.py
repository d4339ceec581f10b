"""Which paper a .tex file belongs to: the editor opens ``sections/setup.tex``, and the findings
worth showing are those of the whole paper it is part of.

The places to look, most certain first (:func:`candidates`):

 1. a ``% !TEX root = ../main.tex`` comment in the file (the convention of TeXShop, TeXstudio and
    LaTeX Workshop), followed as the reader follows it (only to a paper's root, at most three
    directories up);
 2. the file itself, when it holds a ``\\documentclass`` of its own;
 3. the directory of the nearest ``paperlint.toml`` (or ``pyproject.toml`` with
    ``[tool.paperlint]``) inside the workspace: that directory is read as a paper, as
    ``paperlint check DIR`` would;
 4. the root files of the directories above the file, up to the workspace folder.

Candidates 3 and 4 are only guesses: the session reads each one and keeps the first whose
includes reach the file (:meth:`paperlint.lsp.session.Session.paper_for`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

from paperlint.config import find_config
from paperlint.readers.latex_files import boundary, is_paper_root, tex_root

MAX_LEVELS = 4  # directories above a file searched for the root that includes it
MAX_ROOTS_PER_DIRECTORY = 8


def candidates(file: Path, workspace: Sequence[Path]) -> Iterator[tuple[Path, bool]]:
    """(path to read, certain?) for each place ``file``'s paper may be, most likely first.
    ``certain`` is True for candidates 1 and 2 (no need to check that they include the file)."""
    folder = _workspace_of(file, workspace)
    # A `% !TEX root` is followed inside the workspace folder (else the git repository) only.
    named = tex_root(file, folder or boundary(file, ()))
    if named.target is not None:
        yield named.target, True
        return
    if is_paper_root(file):
        yield file, True
        return
    config = find_config(file)
    if config is not None and (folder is None or config.parent.is_relative_to(folder)):
        yield config.parent, False
    for directory in _ancestors(file, folder):
        roots = sorted(p for p in directory.glob("*.tex") if p.is_file())
        for root in itertools.islice((p for p in roots if is_paper_root(p)),
                                     MAX_ROOTS_PER_DIRECTORY):
            yield root, False


def _workspace_of(file: Path, workspace: Sequence[Path]) -> Path | None:
    """The innermost workspace folder holding ``file``, if any."""
    holding = [folder for folder in workspace if file.is_relative_to(folder)]
    return max(holding, key=lambda folder: len(folder.parts)) if holding else None


def _ancestors(file: Path, folder: Path | None) -> Iterator[Path]:
    for level, directory in enumerate(file.parents):
        if level >= MAX_LEVELS:
            return
        yield directory
        if folder is not None and directory == folder:
            return
