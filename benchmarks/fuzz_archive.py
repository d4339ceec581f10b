"""Broken and hostile archives for ``python -m benchmarks.fuzz --archive``.

Each input is a seed LaTeX file packed as ``main.tex`` (with a small section beside it) into a zip
(stored, deflated, bzip2 or LZMA members), a .tar.gz or a .tar.xz, then broken one to three ways:
bytes flipped, the file cut off, a member named with ``..`` or an absolute path, links (to an
absolute path, out of the archive, through a linked folder), thousands of members or directories
(the limit is 5,000), an archive nested in another, a compressed member corrupted, a
decompression bomb, a name the reader does not unpack (``.7z``, ``.rar``, ``.zst``). Every outcome
must be a result or a clean "archive refused" / "damaged archive" line; the harness also checks that
nothing was written outside the folder the archive sits in (:func:`escapes`).
"""

from __future__ import annotations

import gzip
import io
import lzma
import random
import tarfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

FORMATS = (".zip", ".tar.gz", ".tar.xz")
ZIP_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                    zipfile.ZIP_LZMA)
NOT_READ = (".7z", ".rar", ".tar.zst")
# Where a traversal or a link would land if the reader followed it: the harness looks there.
ESCAPE_NAME = "paperlint-fuzz-escaped.tex"
SECTION = ("\\section{Setup}\nWe trained for 2 days on 16 V100 GPUs; the total was 3e20 FLOP.\n")

Members = list[tuple[str, bytes]]


def pack(members: Members, suffix: str, rng: random.Random,
         links: list[tuple[str, str, bool]] | None = None) -> bytes:
    """``members`` (name, data) packed as ``suffix``; ``links`` (name, target, symbolic) in tars.

    Names are written as given, ``..`` and ``/`` included: that is the point."""
    buffer = io.BytesIO()
    if suffix == ".zip":
        with zipfile.ZipFile(buffer, "w", rng.choice(ZIP_COMPRESSIONS)) as archive:
            for name, data in members:
                archive.writestr(zipfile.ZipInfo(name), data)
            for name, target, _symbolic in links or []:
                link = zipfile.ZipInfo(name)
                link.external_attr = 0o120777 << 16  # a zip's symbolic link: mode in the high bits
                archive.writestr(link, target)
        return buffer.getvalue()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            if name.endswith("/"):
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
                continue
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, target, symbolic in links or []:
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE if symbolic else tarfile.LNKTYPE
            info.linkname = target
            tar.addfile(info)
    compress = gzip.compress if suffix == ".tar.gz" else lzma.compress  # what w:gz, w:xz do
    return compress(buffer.getvalue())


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _traversal(members: Members, rng: random.Random, escape: Path) -> Members:
    name = rng.choice(["../" + ESCAPE_NAME, "sections/../../" + ESCAPE_NAME, str(escape),
                       "..\\" + ESCAPE_NAME, "C:/" + ESCAPE_NAME, "./../" + ESCAPE_NAME])
    return [*members, (name, b"\\documentclass{article}\\begin{document}x\\end{document}")]


def _many(members: Members, rng: random.Random) -> Members:
    count = rng.choice([4_999, 5_001, 6_000])
    if rng.random() < 0.5:  # directories cost inodes, not bytes: they count too
        return [*members, *((f"d{n}/", b"") for n in range(count))]
    return [*members, *((f"f/{n}.tex", b"%\n") for n in range(count))]


@cache
def _bomb() -> bytes:
    """20 MiB of zeros, deflated to about 20 KB: a ratio of 1,000 beyond the first MiB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("main.tex", b"\\documentclass{article}%" + bytes(20 * 2**20))
    return buffer.getvalue()


def _corrupt_member(members: Members, rng: random.Random) -> bytes:
    """A zip whose compressed main.tex is damaged inside its data, its headers intact."""
    buffer = io.BytesIO()
    compression = rng.choice(ZIP_COMPRESSIONS[1:])
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, text in members:
            archive.writestr(name, text * 20)
    data = bytearray(buffer.getvalue())
    start = data.find(b"main.tex") + len(b"main.tex")
    for index in range(start + rng.randint(4, 30), min(start + 80, len(data))):
        data[index] ^= rng.randrange(1, 256)
    return bytes(data)


def hostile_archive(text: str, rng: random.Random, escape: Path) -> tuple[str, bytes]:
    """A file name and the bytes of one broken archive built around ``text`` (a seed paper)."""
    members: Members = [("main.tex", text.encode("utf-8")),
                        ("sections/setup.tex", SECTION.encode("utf-8"))]
    suffix = rng.choice(FORMATS)
    links: list[tuple[str, str, bool]] = []
    kind = rng.choice(KINDS)
    if kind == "corrupt member":
        return "paper.zip", _corrupt_member(members, rng)
    if kind == "bomb":
        return "paper.zip", _bomb()
    if kind == "traversal":
        members = _traversal(members, rng, escape)
    elif kind == "link":
        target = rng.choice([str(escape), "../" + ESCAPE_NAME, "sections/../../x", "/etc/hostname",
                             "main.tex", "sections"])
        links.append((rng.choice(["fig.tex", "sections/link.tex", "up"]), target,
                      rng.random() < 0.7))
        if rng.random() < 0.4:  # then a file written through the link, if it were a folder
            members.append(("up/" + ESCAPE_NAME, b"%"))
    elif kind == "many":
        members = _many(members, rng)
    elif kind == "nested":
        inner = rng.choice(FORMATS)
        nested = pack(members, inner, rng)
        members = [(f"inner{inner}", nested)] + ([members[0]] if rng.random() < 0.5 else [])
    data = pack(members, suffix, rng, links)
    name = "paper" + suffix
    if kind == "not read":
        name = "paper" + rng.choice(NOT_READ)
    if kind == "flip":
        data = flip_bytes(data, rng)
    elif kind == "cut":
        data = _cut(data, rng)
    elif rng.random() < 0.3:  # and perhaps damaged on top of it
        data = rng.choice(DAMAGE)(data, rng)
    return name, data


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))] if data else data


KINDS = ("flip", "cut", "traversal", "link", "many", "nested", "corrupt member", "bomb",
         "not read", "clean")
DAMAGE: tuple[Callable[[bytes, random.Random], bytes], ...] = (flip_bytes, _cut)


def escapes(folder: Path, escape: Path) -> list[str]:
    """What a traversal or a link could have written outside ``folder`` (the archive's own)."""
    found = [str(p) for p in folder.parent.glob(ESCAPE_NAME)]
    return found + ([str(escape)] if escape.exists() else [])
