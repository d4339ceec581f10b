"""Which papers a batch holds: walk a submissions directory or read a list of paths.

The rule (docs/batch.md): a directory whose top level holds exactly one ``.tex`` file with
``\\documentclass`` is one paper's project, handed whole to the LaTeX reader. Any other directory
is a *collection*: each top-level ``.tex`` with ``\\documentclass``, each PDF, each archive and each
subdirectory is one paper. A file named directly is always one paper.

The LaTeX reader refuses a directory holding several ``\\documentclass`` files (it cannot know which
is the paper); discovery decides before calling it, so a folder of submissions is never mistaken for
one ambiguous project.

Some entries are refused here, each with its own error row (:class:`Discovery`): an entry of a
collection that is a symbolic link to outside it, an entry named like a paper (``.tex``, ``.pdf``,
an archive) that is a FIFO, a device, a socket or a broken link (never opened), and a directory
given that holds no paper or cannot be listed. Other entries that are not regular files are
skipped.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from paperlint import paths
from paperlint.errors import InputError

# Formats that stream one line per paper: they make any run a batch.
STREAMING_FORMATS = ("jsonl", "csv")

# Every archive is a paper of a collection, those the reader refuses (.7z, .rar) too: they get an
# error row saying so rather than disappearing from the batch.
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip", ".gz", ".tar.xz", ".txz", ".tar.bz2",
                    ".tbz2", ".tbz", ".7z", ".rar", ".zst", ".tzst", ".xz", ".bz2", ".lz",
                    ".lzma")
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
    if not paths.is_file(path):  # a FIFO would block the read; a device never ends
        return False
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
        if entry.suffix.lower() == ".tex" and has_documentclass(entry)
    ]


def is_project(directory: Path) -> bool:
    """A paper's project: exactly one top-level .tex file with ``\\documentclass``."""
    try:
        return len(root_tex_files(directory)) == 1
    except InputError:
        return False  # a directory that cannot be listed: discovery reports it as a collection


@dataclass(frozen=True)
class Discovery:
    """The papers of a batch, in order, and those among them refused before any check.

    A refused entry still gets its row (an error saying why): a submission is never dropped
    silently, and nothing checked is never a success."""

    papers: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # path -> why it is not checked


def _collection(directory: Path) -> tuple[list[Path], dict[Path, str]]:
    """The papers of a collection directory, in name order, and the entries refused."""
    papers: list[Path] = []
    refused: dict[Path, str] = {}
    inside = directory.resolve()
    for entry in _entries(directory):
        name = entry.name.lower()
        if paths.is_dir(entry):
            pass
        elif not paths.is_file(entry):
            if not (name.endswith((".pdf", ".tex")) or is_archive(entry)):
                continue  # litter of another kind: not a submission
            # Named like a paper but a FIFO, a device, a socket or a broken link: never opened
            # (a FIFO would block the read), yet a submission, so it gets its row saying why.
            papers.append(entry)
            refused[entry] = paths.problem(entry) or "not a regular file: not read"
            continue
        elif not (name.endswith(".pdf") or is_archive(entry) or (
            name.endswith(".tex") and has_documentclass(entry)
        )):
            continue
        papers.append(entry)
        if entry.is_symlink() and not entry.resolve().is_relative_to(inside):
            # A submission is what the folder holds: a link to elsewhere on the machine is not.
            refused[entry] = ("a symbolic link to outside the submissions folder: not read "
                              "(copy the paper into the folder to check it)")
    return papers, refused


def collection_papers(directory: Path) -> list[Path]:
    """The papers of a collection directory, in name order (see the module docstring)."""
    return _collection(directory)[0]


def _why_empty(directory: Path) -> str:
    """Why a directory given to check holds no paper, in one phrase."""
    entries = _entries(directory)
    if not entries:
        return "an empty directory: no paper to check"
    fragments = [e.name for e in entries if e.suffix.lower() == ".tex" and paths.is_file(e)]
    if fragments:
        names = ", ".join(fragments[:3]) + (", ..." if len(fragments) > 3 else "")
        return (f"no paper in this directory: its .tex files ({names}) have no "
                "\\documentclass; pass the main file, or the folder that holds it")
    return ("no paper in this directory: no .tex file with \\documentclass, no PDF, no archive "
            "and no subfolder")


def is_collection(path: Path) -> bool:
    return paths.is_dir(path) and not is_project(path)


def discover_all(given: Iterable[str | Path]) -> Discovery:
    """One entry per paper, in the order given (collections expanded in name order), no duplicates;
    with the entries refused before any check.

    A path that does not exist (or that the file system refuses, as a name too long) is kept: the
    per-paper check turns it into that paper's error row, so one mistyped line in a list never
    stops the batch. A directory given that holds no paper, or that cannot be listed, is refused
    with the reason."""
    found = Discovery()

    def add(path: str, why_not: str | None = None) -> None:
        if path not in found.refused and path not in found.papers:
            found.papers.append(path)
            if why_not is not None:
                found.refused[path] = why_not

    for item in given:
        path = Path(item)
        if not is_collection(path):
            add(str(item))
            continue
        try:
            papers, refused = _collection(path)
            if not papers:
                add(str(item), _why_empty(path))
        except InputError as error:
            add(str(item), error.message)
            continue
        for paper in papers:
            add(str(paper), refused.get(paper))
    return found


def discover(given: Iterable[str | Path]) -> list[str]:
    """The papers :func:`discover_all` finds, refused ones included (each is one row)."""
    return discover_all(given).papers


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


def is_batch(given: tuple[str, ...], *, jobs: int | None, paths_from: str | None,
             output_format: str, report_html: Path | None, executor: str) -> bool:
    """Batch mode: several papers, a collection directory, a list, or a batch-only option.

    Here, not in the session module, so that deciding costs a single-paper run no imports."""
    if paths_from is not None or jobs is not None or report_html is not None:
        return True
    if executor != "local" or output_format in STREAMING_FORMATS or len(given) > 1:
        return True
    return any(is_collection(Path(path)) for path in given)
