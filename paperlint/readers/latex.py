"""The LaTeX reader: a .tex file or a paper's directory -> one Document with an exact source map.

What it understands and what it skips is documented in docs/latex.md. The work is split:
 - latex_files.py     finding the root, loading sources, resolving includes safely
 - latex_walk.py      the walk over pylatexenc's nodes (text, math, environments)
 - latex_commands.py  includes, macro definitions and expansion, siunitx
 - latex_tables.py    tabular rows and cells
 - latex_math.py      symbol, accent and unit tables
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from paperlint.document import Document, DocumentBuilder
from paperlint.errors import InputError
from paperlint.readers.latex_files import find_roots, paper_root_file

if TYPE_CHECKING:
    from paperlint.api import CheckOptions
    from paperlint.readers.cache import ReadCache


def read_latex(path: Path, options: CheckOptions, *, display_path: str,
               cache: ReadCache | None = None) -> Document:
    """Read a LaTeX paper (``path`` is its main .tex file or its directory) into a Document.
    ``cache`` (the language server's) supplies editor buffers and earlier parses."""
    from paperlint.readers.latex_walk import Walker

    roots, display_base = _roots_of(path, display_path)
    root_dir = roots[0].parent
    builder = DocumentBuilder(display_path, "latex")
    walker = Walker(builder, root_dir, display_path, dict(options.macros), cache)
    walker.commands.display_base = display_base
    walker.commands.overrides = dict(options.overrides)
    # Source files are named relative to the root file's directory; say how the user sees that
    # directory, so that reporters can print paths that work from where paperlint was run.
    builder.metadata["root_dir"] = posixpath.normpath(display_base.as_posix())
    if roots[0] != path.resolve() and path.is_file():
        builder.metadata["tex_root"] = roots[0].name
    if len(roots) > 1:
        builder.metadata["roots"] = [root.name for root in roots]
    try:
        for root in roots:
            if builder.files:  # the next part starts a paragraph of its own
                last = builder.files[-1]
                end = len(builder.sources[last].text)
                walker.sink.generated(last, end, end, "\n\n")
                walker.commands.earlier_parts = frozenset(builder.files)
            walker.commands.read_file(root, root_dir)
    except RecursionError:
        raise InputError("LaTeX nested too deeply to read", path=display_path) from None
    builder.metadata.setdefault("encoding", "utf-8")
    if walker.budget.notes:
        builder.metadata["encoding_note"] = "; ".join(walker.budget.notes)
    return builder.build()


def _roots_of(path: Path, shown: str) -> tuple[list[Path], PurePosixPath]:
    """The resolved root files (one, or a directory's several parts, all in one folder) and how
    the user sees their directory (for naming files in errors)."""
    if path.is_dir():
        roots = [root.resolve() for root in find_roots(path, shown)]
        return roots, PurePosixPath(shown) / roots[0].parent.relative_to(path.resolve()).as_posix()
    if not path.is_file():
        raise InputError("no such file or directory", path=shown)
    resolved = path.resolve()
    named = paper_root_file(resolved)
    if named != resolved:
        # The user passed a child file: read the paper it belongs to.
        return [named], PurePosixPath(shown).parent / _relative(named.parent, resolved.parent)
    return [resolved], PurePosixPath(shown).parent


def _relative(target: Path, start: Path) -> str:
    import os

    return PurePosixPath(os.path.relpath(target, start)).as_posix()
