"""Files of a LaTeX project: finding the root, loading sources safely, resolving includes.

Everything here works on paths and bytes; nothing parses LaTeX. The security rule lives here: an
include that resolves outside the root file's directory tree is refused before a byte is read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from paperlint import paths
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


def load_source(path: Path, shown: str, budget: Budget, *, data: bytes | None = None,
                overlay: Callable[[Path], str | None] | None = None) -> Loaded:
    """Read and decode one source file, or raise an InputError naming it. ``data``, when given,
    is the file's text from elsewhere (standard input), read instead of the disk's; ``overlay``
    gives the text of a file open in an editor (the language server), which wins over both. The
    budget is charged before a byte is read, so a paper that would exceed it stops at once."""
    text = overlay(path) if overlay is not None else None
    if text is not None:
        size = len(text.encode("utf-8", errors="surrogatepass"))
        _check_budget(budget, size, shown)
        budget.used += size
        if "\x00" in text:
            raise InputError("binary file, not LaTeX", path=shown)
        return Loaded(text, "utf-8")
    try:
        _check_budget(budget, path.stat().st_size if data is None else len(data), shown)
        if data is None:
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


def _check_budget(budget: Budget, size: int, shown: str) -> None:
    if budget.used + size > MAX_TOTAL_BYTES:
        limit = MAX_TOTAL_BYTES // (1024 * 1024)
        raise InputError(f"LaTeX sources larger than {limit} MB in total (a file counts each "
                         f"time it is included); the limit is {limit} MB", path=shown)


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


def is_paper_root(path: Path) -> bool:
    """True when ``path`` holds a \\documentclass that is not a child's (subfiles, standalone)."""
    return _is_paper_root(path)


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
            # A lone fragment is no paper either: nothing checked must not pass for success.
            names = ", ".join(p.name for p in top[:3]) + (", ..." if len(top) > 3 else "")
            held = f" ({names} {'is a fragment' if len(top) == 1 else 'are fragments'})" \
                if top else ""
            raise InputError(
                f"no .tex file with \\documentclass in this directory{held}; pass the main file",
                path=shown,
            )
    if len({p.parent for p in candidates}) > 1:
        names = ", ".join(p.relative_to(directory).as_posix() for p in candidates)
        raise InputError(f"holds papers in several folders: {names}; pass one of them", path=shown)
    return candidates


MAX_TEX_ROOT_LEVELS = 3  # "../main.tex", "../../main.tex": how far up a child may name its root


@dataclass(frozen=True)
class TexRoot:
    """What a ``% !TEX root`` comment names: the root to read, or why it is not followed."""

    target: Path | None = None
    refused: str | None = None  # a one-line reason, for a PL002 finding on the comment
    line: int = 1  # the comment's line in the child


def tex_root(path: Path, within: Path | None = None) -> TexRoot:
    """The root named by a ``% !TEX root = ...`` magic comment near the top of ``path``, if any.

    Followed only to a paper's root file (a ``.tex`` with a ``\\documentclass``) in the child's
    directory or at most three directories above it, and never outside ``within`` (the directory
    given on the command line, or the git repository; by default the child's own directory): a
    comment must not make paperlint read a file elsewhere on the machine (a hostile submission
    naming ``/home/chair/notes.tex``, or ``../other-team/main.tex`` in a submissions folder), and
    the root's directory bounds every include after it. A root that leaves those bounds is
    refused with the reason; one that is missing or not a paper's root is ignored, as before."""
    head = _peek(path, 4096)
    match = _TEX_ROOT.search(head)
    if match is None:
        return TexRoot()
    line = head.count("\n", 0, match.start()) + 1
    named = match.group(1)
    try:
        target = (path.parent / named).resolve()
        bound = (within or path.parent).resolve()
        ancestors = [path.parent, *path.parent.parents][: MAX_TEX_ROOT_LEVELS + 1]
        if target.suffix.lower() != ".tex" or not target.is_file() or not _is_paper_root(target):
            return TexRoot(line=line)
        if target.parent not in ancestors or not target.is_relative_to(bound):
            where = ("more than three directories above this file"
                     if target.parent not in ancestors and target.is_relative_to(bound)
                     else "outside the directory given on the command line (or the git "
                     "repository) that holds this file")
            return TexRoot(refused=f"% !TEX root = {named} not followed: it names a file {where}; "
                           "this file is read on its own (check the paper's folder instead)",
                           line=line)
    except (OSError, ValueError):  # a name the file system refuses (too long, a NUL byte)
        return TexRoot(line=line)
    return TexRoot(target, line=line)


def boundary(child: Path, given_dirs: tuple[str, ...]) -> Path:
    """Where a child's ``% !TEX root`` (or the search for the paper including it) may reach: the
    deepest directory given on the command line that holds ``child``, else the root of the git
    work tree holding it, else the current directory when it holds ``child`` (a user naming a
    file of the project they are in), else the child's own directory."""
    holding = [Path(d) for d in given_dirs if child.is_relative_to(d)]
    if holding:
        return max(holding, key=lambda d: len(d.parts))
    for directory in child.parents:
        if paths.exists(directory / ".git"):
            return directory
    try:
        here = Path.cwd().resolve()
    except OSError:  # the current directory was removed
        return child.parent
    return here if child.is_relative_to(here) else child.parent


def paper_root(path: Path, within: Path | None = None) -> TexRoot:
    """What a ``.tex`` path is read as: the root its ``% !TEX root`` names (or why that is not
    followed); for a fragment without one, the paper found to include it
    (:func:`including_root`), so that it is checked in context; else nothing (read on its own).
    ``within`` bounds both, as in :func:`tex_root`."""
    resolved = path.resolve()
    named = tex_root(resolved, within)
    if named.target is None and named.refused is None and not _is_paper_root(resolved):
        including = including_root(resolved, within)
        if including is not None:
            return TexRoot(including, line=named.line)
    return named


def paper_root_file(path: Path, within: Path | None = None) -> Path:
    """The root file a ``.tex`` path is read as (see :func:`paper_root`), resolved."""
    return paper_root(path, within).target or path.resolve()


# \input{x}, \include{x}, \subfile{x} (not commented out): enough to tell which paper includes a
# fragment; the reader itself resolves includes exactly.
_INCLUDE = re.compile(r"^[^%\n]*?\\(input|include|subfile)\s*\{([^}\n]+)\}", re.M)
MAX_ROOT_SEARCH_FILES = 400  # files scanned, in all, when looking for a fragment's paper


def including_root(path: Path, within: Path | None = None) -> Path | None:
    """The paper root that includes ``path`` (a fragment without ``% !TEX root``), if one can be
    found: a ``.tex`` with a ``\\documentclass`` in the fragment's directory or up to three
    above it whose includes, followed from it, reach ``path``. The nearest directory wins; in
    one directory, the first root by name. Bounded, like :func:`tex_root`, to the directories a
    child may name (never outside ``within``, by default its own directory), and to
    :data:`MAX_ROOT_SEARCH_FILES` files scanned."""
    target = path.resolve()
    bound = (within or target.parent).resolve()
    budget = [MAX_ROOT_SEARCH_FILES]
    for directory in [target.parent, *target.parent.parents][: MAX_TEX_ROOT_LEVELS + 1]:
        if not directory.is_relative_to(bound):
            break
        try:
            roots = sorted(p for p in directory.glob("*.tex") if p.is_file() and p != target)
        except OSError:
            continue
        for root in roots[:50]:
            if budget[0] <= 0:
                return None
            if _is_paper_root(root) and _includes(root.resolve(), target, budget):
                return root.resolve()
    return None


def _includes(root: Path, target: Path, budget: list[int]) -> bool:
    """Whether following ``root``'s includes (relative to its directory) reaches ``target``."""
    root_dir, seen, queue = root.parent, {root}, [root]
    while queue and budget[0] > 0:
        current = queue.pop()
        budget[0] -= 1
        for command, name in _INCLUDE.findall(_peek(current, 1 << 20)):
            bases = [current.parent] if command == "subfile" else [root_dir, current.parent]
            found = resolve_include(name.strip(), bases, root_dir,
                                    force_tex=command == "include").path
            if found == target:
                return True
            if found is not None and found not in seen and found.suffix.lower() == ".tex":
                seen.add(found)
                queue.append(found)
    return False


@dataclass(frozen=True)
class Resolved:
    """The outcome of resolving an include: a file inside the project, a refusal, or nothing."""

    path: Path | None = None  # resolved, inside the root tree and existing
    refused: bool = False  # resolves outside the root tree (or absolute): never read
    special: str = ""  # why an existing entry by that name is not read (a FIFO, a device)


def include_message(code: str, target: str, special: str = "") -> str:
    """PL001/PL002 for an include, named by its start (an unclosed \\input{ takes all after it)."""
    shown = " ".join(target.split())
    shown = shown if len(shown) <= 80 else shown[:60] + "..."
    if code == "PL002":
        return f"include '{shown}' refused: it resolves outside the paper's directory"
    return f"included file '{shown}' " + (f"is {special}" if special else "not found")


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
            if paths.exists(candidate):  # a FIFO or device is never opened: say what it is
                return Resolved(special=paths.problem(candidate) or "not a regular file: not read")
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
