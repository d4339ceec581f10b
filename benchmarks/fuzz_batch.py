"""Mixed submissions folders for ``python -m benchmarks.fuzz --batch``.

Each round writes a folder of good and broken papers and checks it as an organiser would, with the
batch runner (``paperlint check FOLDER --jobs 2 --format jsonl -o FILE``, in a subprocess so that
a crash or a hang of the whole run is seen too). Good papers are generated from sentences written
for this harness; broken ones are the issue 19 cases, written here as small generated inputs (a
name that is not UTF-8, a name holding a line break and ``::error``, a 255-byte name, a corrupt
LZMA zip, a .tar.xz, a .7z, an empty folder, a folder named main.tex, a folder of fragments, a link
to a folder elsewhere, a FIFO, a PDF cut before ``%%EOF``, ``$10^{400}$`` FLOP, a ``% !TEX root``
leaving the folder), plus seeds broken by the other modes (LaTeX, PDFs, archives).

The run must: exit 0, 1 or 2; write valid UTF-8 and strict JSON (no ``Infinity``); give exactly
one row per paper, a verdict for each good one and an error for each one that cannot be read; never
an internal error or a time-out; print no traceback and no line a CI runner would read as a
workflow command; and never read the file outside the folder (its marker must not appear).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

VERDICT, ERROR, ANY = "verdict", "error", "any"
MARKER = "7.77e23"  # the FLOP figure of the papers outside the folder: read, it would show
CHIPS = ("8 NVIDIA A100 GPUs", "64 TPU v3 chips", "16 V100 GPUs", "4 H100 GPUs", "32 A10G GPUs")
OPENINGS = ("We trained the model for {days} days on {chips}.",
            "Training took {days} days on {chips}, about {flop} FLOP in total.",
            "All runs used {chips}; the main run lasted {days} days.")


def tex(body: str) -> str:
    return "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n"


def good_paper(rng: random.Random) -> str:
    """A short paper of our own words that reports its compute."""
    sentence = rng.choice(OPENINGS).format(days=rng.randint(1, 30), chips=rng.choice(CHIPS),
                                           flop=f"{rng.randint(1, 9)}e{rng.randint(18, 24)}")
    return tex("\\section{Experiments}\n" + sentence + "\n")


@dataclass
class Round:
    """One folder being written: its entries and what each must yield."""

    folder: Path
    rng: random.Random
    number: int
    expected: dict[str, str] = field(default_factory=dict)  # shown name -> VERDICT/ERROR/ANY
    made: int = 0

    def name(self, stem: str, suffix: str = "") -> str:
        """A name no other entry of the folder has."""
        self.made += 1
        return f"{stem}-{self.number}.{self.made}{suffix}"

    def file(self, name: str, data: bytes | str, expect: str) -> None:
        from paperlint.display import shown_path

        raw = data.encode("utf-8") if isinstance(data, str) else data
        (self.folder / name).write_bytes(raw)
        self.expected[shown_path(name)] = expect


Maker = Callable[[Round, "Sources"], None]


@dataclass(frozen=True)
class Sources:
    """What broken inputs are made from: seed texts and PDFs, and the folder's surroundings."""

    tex: list[str]
    pdf: list[bytes]
    outside: Path  # a folder beside the submissions, holding a paper with MARKER
    mutate_tex: Callable[[str, random.Random], str]
    mutate_pdf: Callable[[bytes, random.Random], bytes]
    archive: Callable[[str, random.Random, Path], tuple[str, bytes]]


def _non_utf8_name(r: Round, s: Sources) -> None:
    with contextlib.suppress(OSError):  # a file system holding UTF-8 names only refuses it
        r.file(os.fsdecode(r.name("caf\xe9").encode("latin-1") + b"-\xff.tex"),
               good_paper(r.rng), VERDICT)


def _control_name(r: Round, s: Sources) -> None:
    name = r.name("x\r\n::error file=a.tex,line=1::pwned")
    if r.rng.random() < 0.5:
        r.file(name + ".tex", good_paper(r.rng), VERDICT)
    else:  # unreadable, so that the name reaches the error lines on stderr
        r.file(name + ".pdf", b"not a PDF\n", ERROR)


def _long_name(r: Round, s: Sources) -> None:
    stem = r.name("long")
    with contextlib.suppress(OSError):  # a file system with shorter names refuses it
        r.file(stem + "l" * (251 - len(stem)) + ".tex", good_paper(r.rng), VERDICT)


def _corrupt_lzma_zip(r: Round, s: Sources) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("main.tex", good_paper(r.rng) * 40)
    data = bytearray(buffer.getvalue())
    start = data.find(b"main.tex") + len(b"main.tex") + 8
    for index in range(start, start + 40):
        data[index] ^= 0x55
    r.file(r.name("lzma", ".zip"), bytes(data), ERROR)


def _tar_xz(r: Round, s: Sources) -> None:
    data = good_paper(r.rng).encode("utf-8")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as archive:
        info = tarfile.TarInfo("main.tex")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    r.file(r.name("paper", ".tar.xz"), buffer.getvalue(), VERDICT)


def _seven_z(r: Round, s: Sources) -> None:
    r.file(r.name("paper", ".7z"), b"7z\xbc\xaf\x27\x1c" + bytes(64), ERROR)


def _folder(r: Round, name: str, files: dict[str, str], expect: str) -> None:
    (r.folder / name).mkdir()
    for inner, text in files.items():
        (r.folder / name / inner).write_text(text, encoding="utf-8")
    r.expected[name] = expect


def _empty(r: Round, s: Sources) -> None:
    _folder(r, r.name("empty"), {}, ERROR)


def _named_main_tex(r: Round, s: Sources) -> None:
    _folder(r, r.name("dir") + "-main.tex", {}, ERROR)


def _fragments(r: Round, s: Sources) -> None:
    _folder(r, r.name("fragments"), {"intro.tex": "We used 8 GPUs.\n", "b.tex": "x\n"}, ERROR)


def _linked_outside(r: Round, s: Sources) -> None:
    name = r.name("linked")
    (r.folder / name).symlink_to(s.outside.resolve())
    r.expected[name] = ERROR


def _fifo(r: Round, s: Sources) -> None:
    if hasattr(os, "mkfifo"):
        name = r.name("pipe", r.rng.choice([".tex", ".pdf", ".zip"]))
        os.mkfifo(r.folder / name)
        r.expected[name] = ERROR


def _cut_pdf(r: Round, s: Sources) -> None:
    if s.pdf:
        data = r.rng.choice(s.pdf)
        r.file(r.name("cut", ".pdf"), data[: data.rfind(b"%%EOF")], ANY)


def _huge_number(r: Round, s: Sources) -> None:
    r.file(r.name("huge", ".tex"),
           tex("We trained with $10^{400}$ FLOP on 8 A100 GPUs for 3 days."), VERDICT)


def _tex_root_out(r: Round, s: Sources) -> None:
    r.file(r.name("texroot", ".tex"), "% !TEX root = ../outside.tex\n" + good_paper(r.rng),
           VERDICT)


def _mutated_tex(r: Round, s: Sources) -> None:
    folder = r.name("mutated")
    text = s.mutate_tex(r.rng.choice(s.tex), r.rng)
    _folder(r, folder, {"main.tex": text}, ANY)  # a subfolder: always one paper, one row


def _mutated_pdf(r: Round, s: Sources) -> None:
    if s.pdf:
        r.file(r.name("broken", ".pdf"), s.mutate_pdf(r.rng.choice(s.pdf), r.rng), ANY)


def _broken_archive(r: Round, s: Sources) -> None:
    name, data = s.archive(r.rng.choice(s.tex), r.rng, r.folder.parent / "escaped.tex")
    stem, dot, suffix = name.partition(".")
    r.file(r.name(stem) + dot + suffix, data, ANY)


ISSUE19: tuple[Maker, ...] = (
    _non_utf8_name, _control_name, _long_name, _corrupt_lzma_zip, _tar_xz, _seven_z, _empty,
    _named_main_tex, _fragments, _linked_outside, _fifo, _cut_pdf, _huge_number, _tex_root_out)
MUTATED: tuple[Maker, ...] = (_mutated_tex, _mutated_pdf, _broken_archive)


def write_round(root: Path, number: int, rng: random.Random, sources: Sources,
                size: int) -> Round:
    """A fresh submissions folder under ``root``: two or three good papers, the rest broken."""
    folder = root / "subs"
    folder.mkdir(parents=True)
    # What a link or a `% !TEX root = ../outside.tex` would reach: never to be read.
    (root / "outside.tex").write_text(tex(f"The hidden run used {MARKER} FLOP."), encoding="utf-8")
    made = Round(folder, rng, number)
    for index in range(rng.randint(2, 3)):
        made.file(f"good-{number}-{index}.tex", good_paper(rng), VERDICT)
    makers = rng.sample(ISSUE19, k=min(len(ISSUE19), max(size - 3, 1)))
    for maker in [*makers, *rng.choices(MUTATED, k=max(size // 3, 1))]:
        maker(made, sources)
    return made


def check_round(made: Round, timeout: float) -> tuple[list[dict[str, object]], list[str]]:
    """Run the batch over the round's folder; its rows and what went wrong (empty: nothing)."""
    output = made.folder.parent / "rows.jsonl"
    command = [sys.executable, "-m", "paperlint", "check", str(made.folder), "--jobs", "2",
               "--format", "jsonl", "-o", str(output), "--timeout", f"{timeout:g}", "--isolated"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout * len(made.expected)
                              + 120, cwd=made.folder.parent, check=False)
    except subprocess.TimeoutExpired:
        return [], ["the batch as a whole did not finish"]
    problems: list[str] = []
    if done.returncode not in (0, 1, 2):
        problems.append(f"exit code {done.returncode}")
    try:
        log = done.stderr.decode("utf-8")
        data = output.read_bytes().decode("utf-8") if output.exists() else ""
    except UnicodeDecodeError as error:
        return [], [f"output not UTF-8: {error}"]
    if "Traceback" in log:
        problems.append("a traceback: " + log[log.index("Traceback"):][:300])
    problems += [f"a workflow command on stderr: {line[:80]!r}" for line in log.splitlines()
                 if line.startswith("::")]
    rows = []
    for line in data.splitlines():
        try:
            rows.append(json.loads(line, parse_constant=_refuse_constant))
        except ValueError as error:
            problems.append(f"not strict JSON: {error}: {line[:120]!r}")
    return rows, problems + judge(made.expected, rows, data)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def judge(expected: dict[str, str], rows: list[dict[str, object]], data: str) -> list[str]:
    """What the rows get wrong against what each paper must yield."""
    problems = []
    seen: dict[str, int] = {}
    for row in rows:
        name = Path(str(row.get("path"))).name
        seen[name] = seen.get(name, 0) + 1
        error = row.get("error")
        expect = expected.get(name)
        if expect is None:
            problems.append(f"{name!r}: a row for no paper of the folder")
        elif isinstance(error, str) and (error.startswith("internal error") or
                                         "timed out" in error):
            problems.append(f"{name!r}: {error[:200]}")
        elif expect == VERDICT and (error is not None or row.get("verdict") is None):
            problems.append(f"{name!r}: a good paper without its verdict ({error})")
        elif expect == ERROR and not error:
            problems.append(f"{name!r}: read, yet it cannot be ({row.get('verdict')})")
    problems += [f"{name!r}: {count} rows" for name, count in seen.items() if count > 1]
    problems += [f"{name!r}: no row" for name in expected if name not in seen]
    if MARKER in data:
        problems.append("a paper outside the folder was read")
    return problems


def save(folder: Path, target: Path) -> None:
    """Keep a failing folder: files copied, links and FIFOs made again (a FIFO is never read)."""
    for current, dirs, files in os.walk(folder):
        here = target / Path(current).relative_to(folder)
        here.mkdir(parents=True, exist_ok=True)
        for name in [*dirs, *files]:
            source, copy = Path(current) / name, here / name
            if source.is_symlink():
                copy.symlink_to(os.readlink(source))
            elif source.is_fifo():
                os.mkfifo(copy)
            elif source.is_file():
                shutil.copyfile(source, copy)


def run_batches(seconds: float, seed: int, corpus: Path | None, keep: Path, timeout: float,
                papers: int = 12, log: bool = True) -> dict[str, object]:
    """Folders of mixed papers, one batch each, for ``seconds``; counts and failures."""
    import tempfile
    import time

    from benchmarks import fuzz, fuzz_archive

    tex_seeds = fuzz.seeds(corpus)
    if not tex_seeds:
        return {"error": "no seed files"}
    sources = Sources(
        [path.read_text(encoding="utf-8", errors="replace") for path in tex_seeds],
        [path.read_bytes() for path in fuzz.seeds(corpus, ".pdf")[:20]],
        Path(), fuzz.mutate, fuzz.mutate_pdf, fuzz_archive.hostile_archive)
    rng = random.Random(seed)
    counts = {"batches": 0, "checked": 0, "read": 0, "refused": 0}
    failures: list[str] = []
    stop = time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="paperlint-fuzz-batch-") as tmp:
        while time.monotonic() < stop:
            root = Path(tmp) / f"round{counts['batches']}"
            private = root / "private"
            private.mkdir(parents=True)
            (private / "main.tex").write_text(tex(f"The hidden run used {MARKER} FLOP."),
                                              encoding="utf-8")
            made = write_round(root, counts["batches"], rng,
                               Sources(**{**sources.__dict__, "outside": private}), papers)
            rows, problems = check_round(made, timeout)
            counts["batches"] += 1
            counts["checked"] += len(rows)
            counts["refused"] += sum(1 for row in rows if row.get("error"))
            counts["read"] += sum(1 for row in rows if not row.get("error"))
            if problems:
                target = keep / f"batch-seed{seed}-{counts['batches']}"
                save(made.folder, target / "subs")
                for problem in problems:
                    failures.append(f"{target}: {problem}")
                    if log:
                        print(f"failure: {failures[-1]}", file=sys.stderr)
            shutil.rmtree(root, ignore_errors=True)
    return {"seeds": len(tex_seeds), **counts, "failures": failures}
