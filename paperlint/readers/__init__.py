"""Readers turn an input path into a Document. They never import extraction or checks.

``read_path`` dispatches on what the path is: a .tex file or a paper's directory (LaTeX), a PDF, or
an archive of LaTeX sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from paperlint import paths
from paperlint.document import Document
from paperlint.errors import InputError

if TYPE_CHECKING:
    from paperlint.options import ReadOptions
    from paperlint.readers.cache import ReadCache

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip", ".tex.gz", ".gz", ".tar.xz", ".txz",
                    ".tar.bz2", ".tbz2", ".tbz")
# Archives paperlint does not unpack: refused as such, not read as a binary "LaTeX" file.
UNREAD_ARCHIVE_SUFFIXES = (".7z", ".rar", ".zst", ".tzst", ".xz", ".bz2", ".lz", ".lzma")


def read_path(path: Path, options: ReadOptions, *, display_path: str | None = None,
              cache: ReadCache | None = None) -> Document:
    """Read ``path`` into a Document, or raise an InputError naming it and saying why not.
    ``cache`` (:mod:`paperlint.readers.cache`) serves LaTeX sources only."""
    shown = display_path or str(path)
    why_not = paths.problem(path)  # missing, a name too long, a FIFO, a device: never opened
    if why_not is not None:
        raise InputError(why_not, path=shown)
    name = path.name.lower()
    is_file = paths.is_file(path)
    if is_file and name.endswith(".pdf"):
        from paperlint.readers.pdf import read_pdf

        return read_pdf(path, options, display_path=shown)
    if is_file and name.endswith(ARCHIVE_SUFFIXES):
        from paperlint.readers.archive import read_archive

        return read_archive(path, options, display_path=shown)
    if is_file and name.endswith(UNREAD_ARCHIVE_SUFFIXES):
        suffix = next(end for end in UNREAD_ARCHIVE_SUFFIXES if name.endswith(end))
        raise InputError(f"archive format not read ({suffix}): repack the sources as .zip, "
                         ".tar.gz or .tar.xz", path=shown)
    from paperlint.readers.latex import read_latex

    return read_latex(path, options, display_path=shown, cache=cache)
