"""The LaTeX reader: a .tex file or a paper's directory -> one Document with an exact source map.

What it understands and what it skips is documented in docs/latex.md. The work is split:
 - latex_files.py     finding the root, loading sources, resolving includes safely
 - latex_scan.py, latex_pieces.py   each file parsed in bounded pieces (linear in its length)
 - latex_loop.py, latex_tokens.py   pylatexenc's node-list loop and tokens, without their costs
 - latex_walk.py      the walk over pylatexenc's nodes (text, math, environments)
 - latex_commands.py  includes, macro definitions and expansion
 - latex_siunitx.py   siunitx's quantities, numbers and units
 - latex_tables.py    tabular rows and cells
 - latex_math.py      symbol, accent and unit tables
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from paperlint import paths
from paperlint.document import Document, DocumentBuilder, ReaderProblem
from paperlint.errors import InputError
from paperlint.model import Location
from paperlint.readers.latex_files import TexRoot, boundary, find_roots, paper_root

if TYPE_CHECKING:
    from paperlint.options import ReadOptions
    from paperlint.readers.cache import ReadCache


def read_latex(path: Path, options: ReadOptions, *, display_path: str,
               cache: ReadCache | None = None) -> Document:
    """Read a LaTeX paper (``path`` is its main .tex file or its directory) into a Document.
    ``cache`` (the language server's) supplies editor buffers and earlier parses."""
    from paperlint.readers.latex_walk import Walker

    roots, display_base, refused = _roots_of(path, display_path, options.given_dirs)
    root_dir = roots[0].parent
    builder = DocumentBuilder(display_path, "latex")
    if refused is not None:  # a `% !TEX root` comment not followed: said where it is
        builder.problems.append(ReaderProblem(
            "PL002", refused.refused or "", Location(roots[0].name, refused.line, 1)))
    walker = Walker(builder, root_dir, display_path, dict(options.macros), cache)
    walker.commands.display_base = display_base
    walker.commands.overrides = dict(options.overrides)
    # Source files are named relative to the root file's directory; say how the user sees that
    # directory, so that reporters can print paths that work from where paperlint was run.
    builder.metadata["root_dir"] = posixpath.normpath(display_base.as_posix())
    if roots[0] != path.resolve() and not path.is_dir():
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


def _roots_of(path: Path, shown: str, given_dirs: tuple[str, ...] = ()
              ) -> tuple[list[Path], PurePosixPath, TexRoot | None]:
    """The resolved root files (one, or a directory's several parts, all in one folder) and how
    the user sees their directory (for naming files in errors).

    A root file that is a symbolic link is read only when it points inside the folder it is in:
    the root's directory bounds every include, so a ``main.tex`` linked to ``/home/x/notes.tex``
    would open that folder to the paper. The refusal names the link, never where it points."""
    if paths.is_dir(path):
        folder = path.resolve()
        found = find_roots(path, shown)
        roots = [root.resolve() for root in found]
        for given, root in zip(found, roots, strict=True):
            if not root.is_relative_to(folder):
                where = PurePosixPath(shown) / given.relative_to(path).as_posix()
                raise InputError(_LINK_OUT, path=str(where))
        base = PurePosixPath(shown) / roots[0].parent.relative_to(folder).as_posix()
        return roots, base, None
    if not paths.is_file(path):
        raise InputError(paths.problem(path) or "not a regular file", path=shown)
    resolved = path.resolve()
    folder = path.absolute().parent.resolve()
    if not resolved.is_relative_to(folder):
        raise InputError(_LINK_OUT, path=shown)
    named = paper_root(resolved, boundary(resolved, given_dirs))
    if named.target is not None and named.target != resolved:
        # The user passed a child file: read the paper it belongs to.
        parent = PurePosixPath(shown).parent / _relative(named.target.parent, folder)
        return [named.target], parent, None
    base = PurePosixPath(shown).parent / _relative(resolved.parent, folder)
    return [resolved], base, named if named.refused else None


_LINK_OUT = "a symbolic link to a file outside its folder: not read (check the file it points to)"


def _relative(target: Path, start: Path) -> str:
    import os

    return PurePosixPath(os.path.relpath(target, start)).as_posix()
