"""Files of a LaTeX project: finding the root, loading sources safely, resolving includes.

Everything here works on paths and bytes; nothing parses LaTeX. The security rule lives here: an
include that resolves outside the root file's directory tree is refused before a byte is read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from paperlint.errors import InputError

# All sources of one paper, counting a file each time it is included: real papers are well under
# 2 MB (the corpus's largest, 0.5 MB); 8 MB of LaTeX takes about half a minute to check.
MAX_TOTAL_BYTES = 8 * 1024 * 1024
# Files read for one paper, counting a file each time it is included (the corpus's most is 48):
# eight small files that each \input the next one ten times are 10^8 reads of a few bytes.
MAX_FILE_READS = 2000
MAX_DIRECTORY_SCAN = 2000  # .tex files looked at when finding the root of a directory

# A \documentclass that is not commented out. Classes that mark a child document, not a paper.
_DOCUMENTCLASS = re.compile(r"^[^%\n]*?\\documentclass\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}", re.M)
_CHILD_CLASSES = {"subfiles", "standalone"}
_TEX_ROOT = re.compile(r"^\s*%\s*!\s*TeX\s+root\s*=\s*(\S.*?)\s*$", re.M | re.I)


@dataclass
class Budget:
    """Bytes read so far, so that a project of many large files is refused as a whole."""

    used: int = 0
    reads: int = 0  # files read, each time it is included
    notes: list[str] = field(default_factory=list)  # encoding fall-backs, for the metadata


@dataclass(frozen=True)
class Loaded:
    text: str
    encoding: str


def load_source(path: Path, shown: str, budget: Budget) -> Loaded:
    """Read and decode one source file, or raise an InputError naming it. The budget is charged
    before a byte is read, so a paper that would exceed it stops at once."""
    try:
        size = path.stat().st_size
        if budget.used + size > MAX_TOTAL_BYTES:
            limit = MAX_TOTAL_BYTES // (1024 * 1024)
            raise InputError(f"LaTeX sources larger than {limit} MB in total (a file counts each "
                             f"time it is included); the limit is {limit} MB", path=shown)
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read file ({error.strerror or error})", path=shown) from None
    budget.used += len(data)
    if b"\x00" in data:
        raise InputError("binary file, not LaTeX", path=shown)
    try:
        return Loaded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        # Older papers are often Latin-1; every byte decodes, so reading never fails here.
        budget.notes.append(f"{shown}: not valid UTF-8, read as Latin-1")
        return Loaded(data.decode("latin-1"), "latin-1")


def _peek(path: Path, limit: int = 65536) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(limit).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _is_paper_root(path: Path) -> bool:
    for match in _DOCUMENTCLASS.finditer(_peek(path)):
        return match.group(1).strip() not in _CHILD_CLASSES
    return False


def find_roots(directory: Path, shown: str) -> list[Path]:
    """The main files of a paper's directory: the .tex files holding a (non-child)
    \\documentclass, in name order.

    Top-level files are preferred; only if none qualifies are subdirectories searched. Several
    roots in one folder are one submission's parts (an arXiv tarball's main.tex and
    supplement.tex): all are read, as one paper. Roots in different subfolders are refused: they
    cannot share the root directory that file names and includes are relative to."""
    top = sorted(p for p in directory.glob("*.tex") if p.is_file())
    candidates = [p for p in top if _is_paper_root(p)]
    if not candidates:
        # Bounded before sorting: a user may point at a huge tree by mistake.
        found = sorted(itertools.islice(directory.rglob("*.tex"), MAX_DIRECTORY_SCAN))
        nested = [p for p in found if p.is_file() and p.parent != directory]
        if not top and not nested:
            raise InputError("no .tex file in this directory", path=shown)
        candidates = [p for p in nested if _is_paper_root(p)]
        if not candidates:
            if len(top) == 1:
                return top  # a lone fragment without \documentclass: read it as it is
            raise InputError(
                "no .tex file with \\documentclass in this directory; pass the main file",
                path=shown,
            )
    if len({p.parent for p in candidates}) > 1:
        names = ", ".join(p.relative_to(directory).as_posix() for p in candidates)
        raise InputError(f"holds papers in several folders: {names}; pass one of them", path=shown)
    return candidates


MAX_TEX_ROOT_LEVELS = 3  # "../main.tex", "../../main.tex": how far up a child may name its root


def tex_root(path: Path) -> Path | None:
    """The root named by a ``% !TEX root = ...`` magic comment near the top of ``path``, if any.

    Followed only to a paper's root file (a ``.tex`` with a ``\\documentclass``) in the child's
    directory or at most three directories above it: a comment must not make paperlint read a
    file elsewhere on the machine (a hostile submission naming ``/home/chair/notes.tex``), and
    the root's directory bounds every include after it."""
    match = _TEX_ROOT.search(_peek(path, 4096))
    if match is None:
        return None
    try:
        target = (path.parent / match.group(1)).resolve()
        ancestors = [path.parent, *path.parent.parents][: MAX_TEX_ROOT_LEVELS + 1]
        if (target.suffix.lower() != ".tex" or target.parent not in ancestors
                or not target.is_file() or not _is_paper_root(target)):
            return None
    except (OSError, ValueError):  # a name the file system refuses (too long, a NUL byte)
        return None
    return target


@dataclass(frozen=True)
class Resolved:
    """The outcome of resolving an include: a file inside the project, a refusal, or nothing."""

    path: Path | None = None  # resolved, inside the root tree and existing
    refused: bool = False  # resolves outside the root tree (or absolute): never read


def _looks_absolute(name: str) -> bool:
    return name.startswith(("/", "\\", "~")) or bool(re.match(r"^[A-Za-z]:[\\/]", name))


def resolve_include(name: str, bases: list[Path], root_dir: Path, *, force_tex: bool) -> Resolved:
    """Find the file ``name`` (with or without .tex) under the first base that has it.

    ``root_dir`` must be resolved. Any candidate that resolves outside it refuses the whole include:
    the user's tree is the only place paperlint reads from, whatever the include says."""
    if not name or _looks_absolute(name):
        return Resolved(refused=bool(name))
    if force_tex or not name.lower().endswith(".tex"):
        names = [name + ".tex"] if force_tex else [name + ".tex", name]
    else:
        names = [name]
    for base in bases:
        for candidate_name in names:
            try:
                candidate = (base / candidate_name).resolve()
            except (OSError, RuntimeError, ValueError):  # symlink loops, a NUL byte in the name
                return Resolved(refused=True)
            if not candidate.is_relative_to(root_dir):
                return Resolved(refused=True)
            try:
                found = candidate.is_file()
            except (OSError, ValueError):  # a name too long (an unclosed \input{...), a NUL
                found = False
            if found:
                return Resolved(path=candidate)
    return Resolved()


def unbalanced_brace(text: str) -> tuple[int, str] | None:
    """The offset of the first brace without its partner in ``text`` (already masked), and which
    kind: ``"}"`` for a closing brace that closes nothing, ``"{"`` for the outermost group never
    closed. Comments and escaped braces (``\\{``, ``\\}``) are skipped; ``\\\\`` is a line break."""
    opened: list[int] = []
    for match in _BRACE_TOKENS.finditer(text):
        token = match.group()
        if token == "{":
            opened.append(match.start())
        elif token == "}":
            if not opened:
                return match.start(), "}"
            opened.pop()
    return (opened[0], "{") if opened else None


# A control sequence's next character (\{ \} \% \\), a comment, or a brace: scanned in one pass.
_BRACE_TOKENS = re.compile(r"\\.|%[^\n]*|[{}]", re.DOTALL)


def mask_skipped(text: str) -> str:
    """``text`` with the insides of verbatim-like environments and ``\\iffalse`` blocks blanked.

    Their content need not be valid LaTeX (unbalanced braces in code listings), so it is hidden from
    the parser; blanking keeps every offset, so positions still map to the original source."""
    if "\\begin" not in text and "\\iffalse" not in text:
        return text
    chars: list[str] | None = None
    position = 0
    while True:
        match = _SKIP_START.search(text, position)
        if match is None:
            break
        if match.group("comment") is not None or match.group("escape") is not None:
            position = match.end()
            continue
        start = match.end()
        if match.group("env") is not None:
            stop = text.find("\\end{" + match.group("env") + "}", start)
            stop = len(text) if stop < 0 else stop
        else:
            stop = _iffalse_end(text, start)
        if chars is None:
            chars = list(text)
        for index in range(start, stop):
            if chars[index] != "\n":
                chars[index] = " "
        position = max(stop, start + 1)
    return "".join(chars) if chars is not None else text


SKIPPED_ENVIRONMENTS = (
    "comment", "verbatim", "verbatim*", "Verbatim", "Verbatim*", "BVerbatim", "lstlisting",
    "minted", "filecontents", "filecontents*", "lstlisting*",
)
_SKIP_START = re.compile(
    r"(?P<escape>\\[\\%])|(?P<comment>%[^\n]*)"
    r"|\\begin\s*\{(?P<env>" + "|".join(re.escape(e) for e in SKIPPED_ENVIRONMENTS) + r")\}"
    r"|\\iffalse(?![A-Za-z@])"
)
_CONDITIONAL = re.compile(
    r"\\[\\%]|%[^\n]*|(?P<newif>\\newif\s*\\if[A-Za-z@]*)"
    r"|(?P<open>\\if[A-Za-z@]*)|(?P<else>\\else(?![A-Za-z@]))|(?P<fi>\\fi(?![A-Za-z@]))"
)


def _iffalse_end(text: str, start: int) -> int:
    """Where the hidden branch of an ``\\iffalse`` opened before ``start`` ends: at its ``\\else``
    or ``\\fi`` (nested conditionals counted), or at the end of the text."""
    depth = 1
    for match in _CONDITIONAL.finditer(text, start):
        if match.group("open") is not None:
            depth += 1
        elif match.group("fi") is not None:
            depth -= 1
            if depth == 0:
                return match.start()
        elif match.group("else") is not None and depth == 1:
            return match.start()
    return len(text)
