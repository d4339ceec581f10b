"""Archives of LaTeX sources: each format read, each hostile member refused with a clear line."""

from __future__ import annotations

import gzip
import io
import random
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest

from paperlint.api import CheckOptions
from paperlint.errors import InputError
from paperlint.readers import read_path
from paperlint.readers.archive import ArchiveLimits, read_archive

MAIN = "\\documentclass{article}\n\\begin{document}\n\\input{sections/setup}\n\\end{document}\n"
SETUP = "We trained the model for 36 hours on 64 TPU v4 chips.\n"


def _tar(
    target: Path, members: list[tarfile.TarInfo | tuple[str, bytes]], mode: str = "w:gz"
) -> Path:
    with tarfile.open(target, mode) as archive:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                archive.addfile(member)
            else:
                name, data = member
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return target


def _paper() -> list[tarfile.TarInfo | tuple[str, bytes]]:
    return [("main.tex", MAIN.encode()), ("sections/setup.tex", SETUP.encode())]


def _zip(target: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def read(path: Path, limits: ArchiveLimits | None = None) -> object:
    return read_archive(path, CheckOptions(), display_path=path.name, limits=limits)


def _link(name: str, target: str, kind: bytes = tarfile.SYMTYPE) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


# -- formats that are read -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("suffix", "mode"), [(".tar.gz", "w:gz"), (".tgz", "w:gz"), (".tar", "w"), (".gz", "w:gz")]
)
def test_tar_formats_are_read(tmp_path: Path, suffix: str, mode: str) -> None:
    archive = _tar(tmp_path / f"paper{suffix}", _paper(), mode)
    document = read_path(archive, CheckOptions())
    assert "64 TPU v4 chips" in document.text
    assert document.path == str(archive)
    assert any(name.endswith("sections/setup.tex") for name in document.files)


def test_zip_is_read_with_the_paper_in_a_folder(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "paper.zip",
        {"paper/main.tex": MAIN.encode(), "paper/sections/setup.tex": SETUP.encode()},
    )
    document = read_path(archive, CheckOptions())
    assert "36 hours" in document.text


def test_single_gzipped_tex(tmp_path: Path) -> None:
    target = tmp_path / "paper.tex.gz"
    target.write_bytes(
        gzip.compress(b"\\documentclass{article}\\begin{document}On 8 GPUs.\\end{document}")
    )
    assert "On 8 GPUs." in read_path(target, CheckOptions()).text


def test_temporary_directory_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    read(_tar(tmp_path / "paper.tar.gz", _paper()))
    assert list(scratch.iterdir()) == []
    with pytest.raises(InputError):
        read(_tar(tmp_path / "bad.tar.gz", [("../x.tex", b"x")]))
    assert list(scratch.iterdir()) == []


def test_link_inside_the_archive_becomes_a_copy(tmp_path: Path) -> None:
    members = [
        ("main.tex", MAIN.encode()),
        ("shared/setup.tex", SETUP.encode()),
        _link("sections/setup.tex", "../shared/setup.tex"),
    ]
    assert "64 TPU v4 chips" in read(_tar(tmp_path / "p.tar.gz", members)).text  # type: ignore[attr-defined]


# -- refusals --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("member", "message"),
    [
        (("../evil.tex", b"x"), "path leaves the archive"),
        (("a/../../evil.tex", b"x"), "path leaves the archive"),
        (("/etc/evil.tex", b"x"), "absolute path"),
        (("C:\\evil.tex", b"x"), "absolute path"),
        (_link("main2.tex", "/etc/passwd"), "link to an absolute path"),
        (_link("sections/x.tex", "../../outside.tex"), "link leaves the archive"),
        (_link("hard.tex", "../outside.tex", tarfile.LNKTYPE), "link leaves the archive"),
    ],
)
def test_hostile_tar_members_are_refused(tmp_path: Path, member: object, message: str) -> None:
    archive = _tar(tmp_path / "paper.tar.gz", [*_paper(), member])  # type: ignore[list-item]
    with pytest.raises(InputError, match=message) as caught:
        read(archive)
    assert str(caught.value).startswith("paper.tar.gz: archive refused")


@pytest.mark.parametrize("kind", [tarfile.CHRTYPE, tarfile.BLKTYPE, tarfile.FIFOTYPE])
def test_device_files_are_refused(tmp_path: Path, kind: bytes) -> None:
    device = tarfile.TarInfo("dev.tex")
    device.type = kind
    with pytest.raises(InputError, match="device, FIFO or special file"):
        read(_tar(tmp_path / "paper.tar", [*_paper(), device], "w"))


def test_zip_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "paper.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("main.tex", MAIN)
        link = zipfile.ZipInfo("setup.tex")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(InputError, match="symbolic links are not allowed"):
        read(target)


def test_zip_traversal_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="path leaves the archive"):
        read(_zip(tmp_path / "paper.zip", {"main.tex": MAIN.encode(), "../../x.tex": b"x"}))


def test_zip_bomb_is_stopped_by_the_ratio(tmp_path: Path) -> None:
    bomb = _zip(
        tmp_path / "bomb.zip", {"main.tex": MAIN.encode(), "zeros.tex": b"\0" * (20 * 2**20)}
    )
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InputError, match="compression ratio"):
        read(bomb)


def test_gzip_bomb_is_stopped(tmp_path: Path) -> None:
    bomb = tmp_path / "paper.tex.gz"
    bomb.write_bytes(gzip.compress(b" " * (20 * 2**20)))
    with pytest.raises(InputError, match="compression ratio"):
        read(bomb)


def test_total_size_and_member_count_limits(tmp_path: Path) -> None:
    archive = _tar(tmp_path / "paper.tar", [*_paper(), ("big.bin", b"x" * 5000)], "w")
    with pytest.raises(InputError, match="MiB unpacked"):
        read(archive, ArchiveLimits(max_total_bytes=4096, max_member_bytes=2**20))
    with pytest.raises(InputError, match="larger than"):
        read(archive, ArchiveLimits(max_member_bytes=4096))
    with pytest.raises(InputError, match="more than 2 files"):
        read(archive, ArchiveLimits(max_members=2))


def test_limits_that_are_not_reached_let_the_paper_through(tmp_path: Path) -> None:
    archive = _tar(tmp_path / "paper.tar", [*_paper(), ("big.bin", b"x" * 5000)], "w")
    assert "36 hours" in read(archive, ArchiveLimits(max_total_bytes=10_000, max_members=3)).text  # type: ignore[attr-defined]


def test_not_an_archive(tmp_path: Path) -> None:
    fake = tmp_path / "paper.zip"
    fake.write_text("hello")
    with pytest.raises(InputError, match="not a zip, tar or gzip archive"):
        read(fake)


def test_archive_without_tex(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"holds no \.tex file"):
        read(_zip(tmp_path / "figs.zip", {"fig.png": b"\x89PNG"}))


def test_corrupt_gzip(tmp_path: Path) -> None:
    broken = tmp_path / "paper.tar.gz"
    broken.write_bytes(gzip.compress(b"not a tar at all" * 100)[:40])
    with pytest.raises(InputError, match=r"damaged archive|not a zip"):
        read(broken)


# -- fuzzing ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["tar.gz", "zip"])
def test_mutated_archives_give_a_document_or_an_input_error(tmp_path: Path, kind: str) -> None:
    source = tmp_path / f"good.{kind}"
    if kind == "zip":
        _zip(source, {"main.tex": MAIN.encode(), "sections/setup.tex": SETUP.encode()})
    else:
        _tar(source, _paper())
    data = source.read_bytes()
    rng = random.Random(f"archive-{kind}")
    target = tmp_path / f"fuzzed.{kind}"
    for _ in range(40):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        target.write_bytes(bytes(mutated[: rng.randint(len(mutated) // 2, len(mutated))]))
        try:
            document = read(target)
        except InputError as error:
            assert "\n" not in str(error) and str(error).startswith(target.name)
        else:
            assert document.format == "latex"  # type: ignore[attr-defined]


def test_a_tarball_with_a_paper_and_its_supplement_is_checked_as_one_paper(tmp_path: Path) -> None:
    # The compute statement is only in the supplement, a document of its own: the submission
    # still reports it, and the claim points into supplement.tex.
    from paperlint.api import check_path

    paper = "\\documentclass{article}\n\\begin{document}\nOur method is simple.\n\\end{document}\n"
    supplement = ("\\documentclass{article}\n\\begin{document}\n"
                  "Training took 36 hours on 64 TPU v4 chips.\n\\end{document}\n")
    archive = _tar(tmp_path / "submission.tar.gz",
                   [("main.tex", paper.encode()), ("supplement.tex", supplement.encode())])
    result = check_path(archive)
    assert result.error is None
    assert result.files == ("main.tex", "supplement.tex")
    chips = [c for c in result.claims if c.type == "chip_count"]
    assert [(c.location.file, c.location.line) for c in chips] == [("supplement.tex", 3)]
    assert result.verdict != "missing"


# -- issue 19: damaged compression, more formats, directories counted ------------------------------
def _corrupt_member(path: Path, name: str, compression: int) -> Path:
    """A zip whose member's compressed bytes are flipped after its local header."""
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        archive.writestr(name, (MAIN * 40).encode())
    data = bytearray(path.read_bytes())
    start = data.find(name.encode()) + len(name) + 8
    for index in range(start, start + 40):
        data[index] ^= 0x55
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("compression", [zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2,
                                         zipfile.ZIP_DEFLATED])
def test_a_corrupt_compressed_zip_member_is_a_damaged_archive(
        tmp_path: Path, compression: int) -> None:
    broken = _corrupt_member(tmp_path / "paper.zip", "main.tex", compression)
    with pytest.raises(InputError, match="damaged archive"):
        read(broken)


def test_a_corrupt_xz_tarball_is_a_damaged_archive(tmp_path: Path) -> None:
    archive = _tar(tmp_path / "paper.tar.xz", [*_paper(), ("pad.tex", b"x" * 20000)], "w:xz")
    data = bytearray(archive.read_bytes())
    for index in range(100, 200):
        data[index] ^= 0x55
    archive.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"damaged archive|not a zip, tar"):
        read(archive)


@pytest.mark.parametrize(("suffix", "mode"), [(".tar.xz", "w:xz"), (".txz", "w:xz"),
                                              (".tar.bz2", "w:bz2"), (".tbz2", "w:bz2")])
def test_xz_and_bzip2_tarballs_are_read(tmp_path: Path, suffix: str, mode: str) -> None:
    archive = _tar(tmp_path / f"paper{suffix}", _paper(), mode)
    document = read_path(archive, CheckOptions())
    assert "64 TPU v4 chips" in document.text


@pytest.mark.parametrize("suffix", [".7z", ".rar", ".tar.zst", ".zst", ".xz", ".bz2"])
def test_archive_formats_not_read_are_refused_as_archives(tmp_path: Path, suffix: str) -> None:
    archive = tmp_path / f"paper{suffix}"
    archive.write_bytes(b"\xfd7zXZ\x00\x00\x00binary" * 10)
    with pytest.raises(InputError, match="archive format not read") as raised:
        read_path(archive, CheckOptions())
    assert "binary file" not in str(raised.value)


def _directories(count: int) -> list[tarfile.TarInfo]:
    """Directory members d0, d1, ... for a tarball."""
    directories = []
    for number in range(count):
        info = tarfile.TarInfo(f"d{number}")
        info.type = tarfile.DIRTYPE
        directories.append(info)
    return directories


def test_directory_entries_count_towards_the_member_limit(tmp_path: Path) -> None:
    tarball = _tar(tmp_path / "dirs.tar.gz", [*_directories(50), *_paper()])
    with pytest.raises(InputError, match="more than 40 files"):
        read(tarball, ArchiveLimits(max_members=40))
    archive = tmp_path / "dirs.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for number in range(50):
            bundle.writestr(f"d{number}/", b"")
        bundle.writestr("main.tex", MAIN.encode())
    with pytest.raises(InputError, match="more than 40 files"):
        read(archive, ArchiveLimits(max_members=40))
    assert not list(tmp_path.glob("paperlint-*"))


def test_many_directories_are_stopped_before_they_are_created(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tarball = _tar(tmp_path / "dirs.tar.gz", [*_directories(300), *_paper()])
    created: list[Path] = []  # mkdir(parents=True) may call itself: distinct paths are counted
    real = Path.mkdir

    def mkdir(self: Path, *args: object, **kwargs: object) -> None:
        created.append(self)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with pytest.raises(InputError, match="more than 100 files"):
        read(tarball, ArchiveLimits(max_members=100))
    assert len(set(created)) <= 100


# -- archives packed from inside their folder ("tar czf paper.tar.gz -C dir .") ------------------
def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    (folder / "sections").mkdir(parents=True)
    (folder / "main.tex").write_text(MAIN, encoding="utf-8")
    (folder / "sections" / "setup.tex").write_text(SETUP, encoding="utf-8")
    return folder


def test_tar_packed_with_dot_members_is_read_like_one_without(tmp_path: Path) -> None:
    # tarfile.add(folder, arcname=".") writes what `tar czf x.tar.gz -C folder .` writes: a "."
    # directory member, then "./main.tex", "./sections", "./sections/setup.tex".
    folder = _folder(tmp_path)
    dotted = tmp_path / "dotted.tar.gz"
    with tarfile.open(dotted, "w:gz") as archive:
        archive.add(folder, arcname=".")
    with tarfile.open(dotted) as packed:
        names = packed.getnames()
    assert names[0] == "." and "./sections/setup.tex" in names
    plain = _tar(tmp_path / "plain.tar.gz", _paper())
    with_dots, without = read_path(dotted, CheckOptions()), read_path(plain, CheckOptions())
    assert with_dots.text == without.text
    assert with_dots.files == without.files == ("main.tex", "sections/setup.tex")


def test_the_tar_command_with_dash_c_dot_is_read(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("tar") is None:
        pytest.skip("no tar command")
    folder = _folder(tmp_path)
    archive = tmp_path / "paper.tar.gz"
    subprocess.run(["tar", "czf", str(archive), "-C", str(folder), "."], check=True)
    assert "64 TPU v4 chips" in read_path(archive, CheckOptions()).text


def test_zip_with_dot_slash_members_is_read(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "paper.zip", {"./": b"", "./main.tex": MAIN.encode(),
                                            "./sections/setup.tex": SETUP.encode()})
    assert "36 hours" in read_path(archive, CheckOptions()).text


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (("./../evil.tex", b"x"), "path leaves the archive"),
        (("./a/../../evil.tex", b"x"), "path leaves the archive"),
        (_link("./main2.tex", "/etc/passwd"), "link to an absolute path"),
        (_link("./sections/x.tex", "../../outside.tex"), "link leaves the archive"),
        (("./", b"x"), "invalid member name"),  # a *file* named "." is still nonsense
    ],
)
def test_dot_slash_does_not_open_a_way_out(tmp_path: Path, member: object, message: str) -> None:
    archive = _tar(tmp_path / "paper.tar.gz", [*_paper(), member])  # type: ignore[list-item]
    with pytest.raises(InputError, match=message):
        read(archive)
