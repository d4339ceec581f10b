"""Mutation fuzzing of the LaTeX reader and everything after it: no input may end in a crash.

Run: ``python -m benchmarks.fuzz [--seconds 120] [--seed 0] [--corpus DIR] [--keep DIR] [--pdf]``.

Each round takes a seed file (the repository's fixtures and example paper, plus the corpus LaTeX
files when ``../shared/corpus`` is there; corpus text is only read, never copied into the
repository), breaks it the way real drafts break (an unclosed ``\\input{``, a stray brace or
``\\begin``, a cut-off file, a NUL byte, a half-written macro definition, a deleted stretch), and
checks it with ``paperlint.check``. With ``--pdf`` the seeds are PDFs (the fixtures', and the
corpus's), broken byte-wise: bytes overwritten, stretches cut, PDF keywords (``obj``, ``xref``,
``/Length 999999``) inserted, the file cut off.

Every outcome must be a result or a clean input error (one line, exit 2 on the command line). An
``internal error`` result, an exception, or a check that runs past ``--timeout`` is a failure:
its input is saved under ``--keep`` (default ``benchmarks/results/fuzz/``, git-ignored) and the
command exits 1. It prints how many inputs were checked, how many were read, how many were
refused as bad input, and the failures.

``--archive`` packs the LaTeX seeds into zips and tarballs and breaks those
(benchmarks/fuzz_archive.py); an archive that writes anything outside its folder is a failure too.
``--batch`` writes folders of good and broken papers (the issue 19 cases among them) and checks each
with the batch runner, ``paperlint check FOLDER --jobs 2 --format jsonl``: every paper must yield
exactly one row, each good one its verdict (benchmarks/fuzz_batch.py).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_KEEP = REPO / "benchmarks" / "results" / "fuzz"
MAX_SEED_BYTES = 200_000  # larger seeds make slow rounds and find nothing the small ones miss

# What breaks in real drafts: unfinished commands and groups, cut files, stray bytes.
INSERTIONS = (
    "\\", "{", "}", "\\begin{", "\\end{", "\\begin{itemize}", "\\end{table}", "$", "$$", "\\[",
    "\\input{", "\\include{", "%", "\\def\\x{", "#1", "&", "\\\\", "\\newcommand{\\a}[2]{#1#2",
    "\\verb|", "\\iffalse", "\\fi", "\x00", "\ufffd", "\\csname", "^^", "~", "\\begin{tabular}{",
    "\\multicolumn{2}{c}{", "\\footnote{", "\\caption{", "\\SI{", "\\num{", "\\cite{", "\\x",
)


class Timeout(Exception):
    pass


PDF_INSERTIONS = (b"obj", b"endobj", b"stream", b"endstream", b"<<", b">>", b"/Length 999999",
                  b"xref", b"trailer", b"%%EOF", b"\x00" * 50, b"/Filter /FlateDecode", b"(")
MAX_PDF_SEED_BYTES = 3_000_000


def seeds(corpus: Path | None, suffix: str = ".tex") -> list[Path]:
    """The seed files: ours first, then the corpus's (read in place)."""
    roots = [REPO / "fixtures", REPO / "examples"]
    if corpus is not None:
        roots.append(corpus)
    limit = MAX_PDF_SEED_BYTES if suffix == ".pdf" else MAX_SEED_BYTES
    return [path for root in roots if root.is_dir() for path in sorted(root.rglob(f"*{suffix}"))
            if path.stat().st_size <= limit]


def mutate_pdf(data: bytes, rng: random.Random) -> bytes:
    """``data`` broken in one to twenty places."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if not out:
            break
        position = rng.randrange(len(out))
        choice = rng.random()
        if choice < 0.6:
            out[position] = rng.randrange(256)
        elif choice < 0.8:
            del out[position : position + rng.randint(1, 2000)]
        elif choice < 0.93:
            out[position:position] = rng.choice(PDF_INSERTIONS)
        else:
            del out[position:]  # a download cut off
    return bytes(out)


def mutate(text: str, rng: random.Random) -> str:
    """``text`` broken in one to eight places."""
    for _ in range(rng.randint(1, 8)):
        position = rng.randrange(len(text) + 1)
        choice = rng.random()
        if choice < 0.55:
            text = text[:position] + rng.choice(INSERTIONS) + text[position:]
        elif choice < 0.85:
            text = text[:position] + text[position + rng.randint(1, 200):]
        else:
            text = text[:position]  # a file cut off mid-write
    if "\\documentclass" not in text and rng.random() < 0.3:
        text = "\\documentclass{article}\n\\begin{document}\n" + text
    return text


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def run(seconds: float, seed: int, corpus: Path | None, keep: Path, timeout: float,
        log: bool = True, pdf: bool = False, archive: bool = False) -> dict[str, object]:
    """Fuzz for ``seconds``; the counts of outcomes and the saved failures."""
    import paperlint
    from benchmarks import fuzz_archive
    from paperlint.deadline import deadline

    suffix = ".pdf" if pdf else ".tex"
    files = seeds(corpus, suffix)
    if archive:  # packed as main.tex, a fragment is only ever "no documentclass": papers only
        files = [f for f in files if "\\documentclass" in _read_text(f)] or files
    if not files:
        return {"error": "no seed files"}
    rng = random.Random(seed)
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    stop = time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="paperlint-fuzz-") as tmp:
        work = Path(tmp) / "paper"
        escape = Path(tmp) / "escaped-absolute.tex"  # where an absolute member name would land
        while time.monotonic() < stop:
            source = rng.choice(files)
            name = f"main{suffix}"
            if pdf:
                data = mutate_pdf(source.read_bytes(), rng)
            elif archive:
                text = _read_text(source)
                name, data = fuzz_archive.hostile_archive(
                    mutate(text, rng) if rng.random() < 0.3 else text, rng, escape)
            else:
                data = mutate(_read_text(source), rng).encode("utf-8")
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            paper = work / name
            paper.write_bytes(data)
            try:
                with deadline(timeout, Timeout):
                    document = paperlint.check(paper).documents[0]
                problem = (document.error if document.error and
                           document.error.startswith("internal error") else None)
                escaped = fuzz_archive.escapes(work, escape) if archive else []
                if escaped:
                    problem = f"wrote outside its folder: {', '.join(escaped)}"
                    for path in escaped:
                        Path(path).unlink()
                outcome = "failed" if problem else ("refused" if document.error else "read")
            except Timeout:
                outcome, problem = "failed", f"still running after {timeout:g} s"
            except Exception as error:  # a crash is the finding
                outcome, problem = "failed", f"raised {type(error).__name__}: {error}"
            outcomes[outcome] += 1
            if problem:
                keep.mkdir(parents=True, exist_ok=True)
                saved = keep / f"seed{seed}-{sum(outcomes.values())}-{name}"
                saved.write_bytes(data)
                failures.append(f"{saved}: from {source.name}: {problem[:200]}")
                if log:
                    print(f"failure: {failures[-1]}", file=sys.stderr)
    return {"seeds": len(files), "checked": sum(outcomes.values()), **outcomes,
            "failures": failures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, default=DEFAULT_KEEP)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per input")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--pdf", action="store_true", help="fuzz the PDF reader instead")
    mode.add_argument("--archive", action="store_true",
                      help="fuzz the archive reader: seeds packed, then broken")
    mode.add_argument("--batch", action="store_true",
                      help="fuzz batch mode: folders of good and broken papers")
    parser.add_argument("--papers", type=int, default=12,
                        help="--batch: about how many papers per folder")
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus.is_dir() else None
    if corpus is None:
        print(f"benchmarks.fuzz: no corpus at {args.corpus}: seeding from the repository's own "
              "fixtures only", file=sys.stderr)
    started = time.monotonic()
    if args.batch:
        from benchmarks.fuzz_batch import run_batches

        result = run_batches(args.seconds, args.seed, corpus, args.keep, args.timeout,
                             papers=args.papers)
    else:
        result = run(args.seconds, args.seed, corpus, args.keep, args.timeout, pdf=args.pdf,
                     archive=args.archive)
    if "error" in result:
        print(f"benchmarks.fuzz: error: {result['error']}", file=sys.stderr)
        return 2
    failures = result["failures"]
    assert isinstance(failures, list)
    mode_name = ("batch" if args.batch else "archive" if args.archive else
                 "pdf" if args.pdf else "latex")
    batches = f" in {result['batches']} batches" if args.batch else ""
    print(f"{mode_name}: {result['checked']} inputs{batches} from {result['seeds']} seed files in "
          f"{time.monotonic() - started:.0f} s (seed {args.seed}): {result.get('read', 0)} read, "
          f"{result.get('refused', 0)} refused as bad input, {len(failures)} failures")
    for failure in failures:
        print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
