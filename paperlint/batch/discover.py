"""Which papers a batch holds: walk a submissions directory or read a list of paths.

The rule (docs/batch.md): a directory whose top level holds exactly one ``.tex`` file with
``\\documentclass`` is one paper's project, handed whole to the LaTeX reader. Any other directory
is a *collection*: each top-level ``.tex`` with ``\\documentclass``, each PDF, each archive and each
subdirectory is one paper. A file named directly is always one paper.

The LaTeX reader refuses a directory holding several ``\\documentclass`` files (it cannot know which
is the paper); discovery decides before calling it, so a folder of submissions is never mistaken for
one ambiguous project.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from paperlint.errors import InputError

# Formats that stream one line per paper: they make any run a batch.
STREAMING_FORMATS = ("jsonl", "csv")

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip", ".gz")
# Entries that are never papers: version-control and OS litter that archives and copies bring along.
_IGNORED_NAMES = frozenset({"__MACOSX", "__pycache__", "Thumbs.db"})
# \documentclass sits in the preamble; reading a bounded prefix keeps discovery fast on huge files.
_PREFIX_BYTES = 256 * 1024
_DOCUMENTCLASS = re.compile(r"\\documentclass\b")
_COMMENT = re.compile(r"(?<!\\)%.*")


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def has_documentclass(path: Path) -> bool:
    """True when ``path`` (a .tex file) declares ``\\documentclass`` outside a comment."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_PREFIX_BYTES)
    except OSError:
        return False
    text = head.decode("utf-8", errors="replace")
    # A commented-out \documentclass (templates keep alternatives that way) does not make a root.
    return any(_DOCUMENTCLASS.search(_COMMENT.sub("", line)) for line in text.splitlines())


def _visible(entry: Path) -> bool:
    return not entry.name.startswith(".") and entry.name not in _IGNORED_NAMES


def _entries(directory: Path) -> list[Path]:
    try:
        return sorted((e for e in directory.iterdir() if _visible(e)), key=lambda e: e.name)
    except OSError as error:
        raise InputError(
            f"cannot list the directory: {error.strerror}", path=str(directory)
        ) from None


def root_tex_files(directory: Path) -> list[Path]:
    """The top-level ``.tex`` files of ``directory`` that declare ``\\documentclass``."""
    return [
        entry for entry in _entries(directory)
        if entry.suffix.lower() == ".tex" and entry.is_file() and has_documentclass(entry)
    ]


def is_project(directory: Path) -> bool:
    """A paper's project: exactly one top-level .tex file with ``\\documentclass``."""
    return len(root_tex_files(directory)) == 1


def collection_papers(directory: Path) -> list[Path]:
    """The papers of a collection directory, in name order (see the module docstring)."""
    papers: list[Path] = []
    for entry in _entries(directory):
        name = entry.name.lower()
        if entry.is_dir():
            papers.append(entry)
        elif not entry.is_file():
            continue  # sockets, broken links: nothing to read
        elif name.endswith(".pdf") or is_archive(entry) or (
            name.endswith(".tex") and has_documentclass(entry)
        ):
            papers.append(entry)
    return papers


def is_collection(path: Path) -> bool:
    return path.is_dir() and not is_project(path)


def discover(paths: Iterable[str | Path]) -> list[str]:
    """One entry per paper, in the order given (collections expanded in name order), no duplicates.

    A path that does not exist is kept: the per-paper check turns it into that paper's error row, so
    one mistyped line in a list never stops the batch."""
    seen: set[str] = set()
    papers: list[str] = []

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            papers.append(path)

    for given in paths:
        path = Path(given)
        if path.is_dir() and not is_project(path):
            for paper in collection_papers(path):
                add(str(paper))
        else:
            add(str(given))
    return papers


def read_path_list(source: str, stdin: IO[str] | None = None) -> list[str]:
    """The paths listed in ``source`` (a file, or ``-`` for standard input), one per line.

    Blank lines and lines starting with ``#`` are skipped; surrounding whitespace is dropped."""
    if source == "-":
        text = (stdin or sys.stdin).read()
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such file (the --paths-from list)", path=source) from None
        except UnicodeDecodeError:
            raise InputError("the --paths-from list is not UTF-8 text", path=source) from None
        except OSError as error:
            raise InputError(f"cannot read the --paths-from list: {error.strerror}",
                             path=source) from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def is_batch(paths: tuple[str, ...], *, jobs: int | None, paths_from: str | None,
             output_format: str, report_html: Path | None, executor: str) -> bool:
    """Batch mode: several papers, a collection directory, a list, or a batch-only option.

    Here, not in the session module, so that deciding costs a single-paper run no imports."""
    if paths_from is not None or jobs is not None or report_html is not None:
        return True
    if executor != "local" or output_format in STREAMING_FORMATS or len(paths) > 1:
        return True
    return any(is_collection(Path(path)) for path in paths)
