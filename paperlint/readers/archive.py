"""Archives of LaTeX sources (what arXiv and submission systems hand out), unpacked safely.

``paperlint check paper.tar.gz`` (.tar.gz, .tgz, .tar, .tar.xz, .txz, .tar.bz2, .tbz2, .zip, or a
single gzipped .tex) extracts the
archive into a temporary directory and reads it with the LaTeX reader, which finds the file holding
``\\documentclass``. The Document holds the source text itself, so the directory is removed as soon
as the paper is read.

An archive is untrusted input. Every member is checked before a byte is written: no absolute path,
no ``..``, no link that leaves the directory, no device or FIFO; and the unpacking is bounded in
member count, total size and compression ratio (zip bombs), counting bytes as they are written in
chunks, so a member that lies about its size is stopped at the limit. Directories count as members
(a 470 KB tarball can hold 100,000 of them). Each refusal is one InputError naming the archive and
the member; compressed data that does not decompress (zlib, bzip2, LZMA) is a "damaged archive".
"""

from __future__ import annotations

import gzip
import lzma
import shutil
import stat
import tarfile
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Protocol

from paperlint.document import Document
from paperlint.errors import InputError

if TYPE_CHECKING:
    from paperlint.options import ReadOptions

CHUNK = 64 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """How much an archive may unpack to. A paper's sources are a few MiB; figures are the bulk."""

    max_members: int = 5000
    max_total_bytes: int = 200 * 1024 * 1024
    max_member_bytes: int = 100 * 1024 * 1024
    max_ratio: float = 200.0  # unpacked bytes per archive byte, beyond the first MiB
    ratio_grace_bytes: int = 1024 * 1024


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Refused(Exception):
    """A member or the archive as a whole is refused; the message says why."""


def read_archive(
    path: Path, options: ReadOptions, *, display_path: str, limits: ArchiveLimits | None = None
) -> Document:
    """Unpack ``path`` safely into a temporary directory and read the paper in it."""
    from paperlint.readers.latex import read_latex

    limits = limits or ArchiveLimits()
    with tempfile.TemporaryDirectory(prefix="paperlint-") as temp:
        root = Path(temp)
        try:
            extract_archive(path, root, limits)
        except _Refused as error:
            raise InputError(f"archive refused: {error}", path=display_path) from None
        except (OSError, EOFError, zlib.error, lzma.LZMAError, tarfile.TarError,
                zipfile.BadZipFile) as error:
            raise InputError(f"damaged archive ({_short(error)})", path=display_path) from None
        except (ValueError, RuntimeError, NotImplementedError) as error:  # odd members, unknown
            raise InputError(f"unreadable archive ({_short(error)})", path=display_path) from None
        if not any(root.rglob("*.tex")):
            raise InputError("the archive holds no .tex file", path=display_path)
        return read_latex(root, options, display_path=display_path)


def extract_archive(path: Path, destination: Path, limits: ArchiveLimits) -> None:
    """Unpack a .zip, a tar (any compression) or a single gzipped file into ``destination``."""
    budget = _Budget(limits, max(path.stat().st_size, 1))
    name = path.name.lower()
    if zipfile.is_zipfile(path):
        _extract_zip(path, destination, budget)
    elif _is_tar(path):
        _extract_tar(path, destination, budget)
    elif name.endswith(".gz"):
        # arXiv serves a one-file submission as a gzipped .tex without a tar around it.
        stem = PurePosixPath(path.name[: -len(".gz")]).name or "main.tex"
        target = stem if stem.lower().endswith(".tex") else stem + ".tex"
        with gzip.open(path, "rb") as stream:
            _copy(stream, destination / _safe_name(target), budget, target)
    else:
        raise _Refused("not a zip, tar or gzip archive")


def _is_tar(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except (OSError, EOFError, zlib.error, lzma.LZMAError, tarfile.TarError):
        return False


class _Budget:
    def __init__(self, limits: ArchiveLimits, archive_bytes: int) -> None:
        self.limits = limits
        self.archive_bytes = archive_bytes
        self.members = 0
        self.total = 0

    def member(self, name: str) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise _Refused(f"more than {self.limits.max_members} files")

    def spend(self, count: int, name: str, member_total: int) -> None:
        self.total += count
        limits = self.limits
        if member_total > limits.max_member_bytes:
            raise _Refused(f"{name}: larger than {limits.max_member_bytes // 2**20} MiB unpacked")
        if self.total > limits.max_total_bytes:
            raise _Refused(f"more than {limits.max_total_bytes // 2**20} MiB unpacked")
        if (
            self.total > limits.ratio_grace_bytes
            and self.total / self.archive_bytes > limits.max_ratio
        ):
            raise _Refused(
                f"compression ratio above {limits.max_ratio:g} (a decompression bomb?) at {name}"
            )


def _safe_name(name: str) -> PurePosixPath:
    """The member's path relative to the destination, or a refusal: no absolute paths, no "..",
    no drive letters, no empty names. Backslashes count as separators (archives made on Windows)."""
    cleaned = name.replace("\\", "/")
    if cleaned.startswith("/") or (len(cleaned) > 1 and cleaned[1] == ":"):
        raise _Refused(f"{name}: absolute path")
    parts = [part for part in cleaned.split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts):
        raise _Refused(f"{name}: path leaves the archive (..)")
    if not parts or any("\x00" in part for part in parts):
        raise _Refused(f"{name!r}: invalid member name")
    return PurePosixPath(*parts)


def _is_top(name: str) -> bool:
    """The archive's own top folder, "." or "./": what `tar czf x.tgz -C dir .` writes first.
    As a directory member it creates nothing, so it is skipped rather than refused."""
    return name.replace("\\", "/").rstrip("/") == "."


def _copy(source: _Readable, target: Path, budget: _Budget, name: str) -> None:
    """Copy in chunks, counting as it goes: a member's declared size is not trusted."""
    budget.member(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with target.open("wb") as out:
        while True:
            chunk = source.read(CHUNK)
            if not chunk:
                break
            written += len(chunk)
            budget.spend(len(chunk), name, written)
            out.write(chunk)


def _extract_zip(path: Path, destination: Path, budget: _Budget) -> None:
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > budget.limits.max_members:
            raise _Refused(f"more than {budget.limits.max_members} files")
        for info in members:
            if info.is_dir() and _is_top(info.filename):
                continue
            relative = _safe_name(info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise _Refused(f"{info.filename}: symbolic links are not allowed")
            # Only the file-type bits matter; many zip tools store permissions without them.
            if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise _Refused(f"{info.filename}: not a regular file")
            if info.flag_bits & 0x1:
                raise _Refused(f"{info.filename}: encrypted member")
            if info.is_dir():
                budget.member(info.filename)
                (destination / relative).mkdir(parents=True, exist_ok=True)
                continue
            with archive.open(info) as stream:
                _copy(stream, destination / relative, budget, info.filename)


def _extract_tar(path: Path, destination: Path, budget: _Budget) -> None:
    links: list[tuple[PurePosixPath, PurePosixPath]] = []
    with tarfile.open(path, mode="r:*") as archive:
        for member in archive:  # streamed: members are read one at a time, not listed up front
            if member.isdir() and _is_top(member.name):
                continue
            relative = _safe_name(member.name)
            if member.isdir():
                budget.member(member.name)  # 100k directories cost inodes, not bytes
                (destination / relative).mkdir(parents=True, exist_ok=True)
                continue
            if member.issym() or member.islnk():
                links.append((relative, _link_target(member, relative)))
                continue
            if not member.isreg():
                raise _Refused(f"{member.name}: device, FIFO or special file")
            stream = archive.extractfile(member)
            if stream is None:
                raise _Refused(f"{member.name}: cannot be read")
            with stream:
                _copy(stream, destination / relative, budget, member.name)
    # A link inside the paper (figures/x.pdf -> ../shared/x.pdf within the archive) becomes a copy
    # of its target, so that nothing on disk points anywhere.
    for relative, target in links:
        source = destination / target
        if source.is_file() and not source.is_symlink():
            budget.member(str(relative))
            budget.spend(source.stat().st_size, str(relative), source.stat().st_size)
            (destination / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination / relative)


def _link_target(member: tarfile.TarInfo, relative: PurePosixPath) -> PurePosixPath:
    """Where a link points, relative to the archive root; a refusal if that is outside it."""
    target = member.linkname.replace("\\", "/")
    if target.startswith("/"):
        raise _Refused(f"{member.name}: link to an absolute path ({member.linkname})")
    # Symbolic links are relative to the link's directory; hard links to the archive root.
    base = relative.parent.parts if member.issym() else ()
    parts: list[str] = list(base)
    for part in target.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                raise _Refused(f"{member.name}: link leaves the archive ({member.linkname})")
            parts.pop()
        else:
            parts.append(part)
    if not parts:
        raise _Refused(f"{member.name}: link to the archive root")
    return PurePosixPath(*parts)


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."
