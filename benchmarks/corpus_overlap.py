"""``python -m benchmarks.corpus_overlap [REV]``: lines of the repository that share a run of six
words with the corpus papers.

The corpus papers are other people's writing and must not be copied into the repository (tests,
fixtures, docs and comments are our own words). This lists every line added since ``REV`` (by
default: every tracked line) that holds six consecutive words, lowercased and stripped of
punctuation, that also stand in a corpus paper's LaTeX source or its PDF's text. Stock phrases
("with a batch size of") and markup ("\\cmidrule(lr){2-3}") show up too: read the list, do not
count it. The generalisation set's files are not scanned (their lines would show held cases).
Without the corpus (a user's clone) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import logging
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from benchmarks import DEFAULT_CORPUS

_WORD = re.compile(r"[a-z0-9]+")
_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree: every line is new
RUN = 6
_HELD_ASIDE = "benchmarks/generalisation/*.jsonl"  # dev, held and source/*.jsonl


def word_runs(text: str, length: int = RUN) -> set[str]:
    """Every run of ``length`` consecutive words of ``text`` (lowercased, punctuation dropped)."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + length]) for i in range(len(words) - length + 1)}


def corpus_runs(corpus: Path) -> set[str]:
    """The word runs of every paper of ``corpus``: LaTeX sources as written, PDFs through pypdf."""
    runs: set[str] = set()
    for path in sorted(corpus.rglob("*.tex")):
        runs |= word_runs(path.read_text(encoding="utf-8", errors="ignore"))
    from pypdf import PdfReader

    logging.disable(logging.CRITICAL)  # pypdf's warnings about fonts and broken objects
    try:
        for path in sorted(corpus.rglob("*.pdf")):
            try:
                reader = PdfReader(str(path))
                runs |= word_runs(" ".join(page.extract_text() or "" for page in reader.pages))
            except Exception as error:  # one unreadable PDF never stops the scan
                print(f"corpus_overlap: {path}: {type(error).__name__}", file=sys.stderr)
    finally:
        logging.disable(logging.NOTSET)
    return runs


def overlapping_lines(lines: Iterable[str], runs: set[str]) -> list[tuple[str, list[str]]]:
    """The lines holding a run of ``runs``, each with (up to two of) the runs it shares."""
    out = []
    for line in lines:
        shared = sorted(word_runs(line) & runs)
        if shared:
            out.append((line, shared[:2]))
    return out


def added_lines(revision: str, root: Path) -> list[str]:
    """The lines ``git diff revision`` adds in the working tree of ``root``."""
    # The generalisation set is left out: printing its lines would show held cases' texts, which
    # nobody tuning extraction may read (benchmarks/generalisation/README.md).
    diff = subprocess.run(["git", "diff", revision, "--", ".", f":!{_HELD_ASIDE}"],
                          capture_output=True, text=True, cwd=root, check=True).stdout
    return [line[1:] for line in diff.splitlines()
            if line.startswith("+") and not line.startswith("+++")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus_overlap",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", nargs="?", default=_EMPTY_TREE,
                        help="list lines added since this revision (default: every line)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus_overlap: no corpus at {args.corpus}: nothing to compare, skipped")
        return 0
    root = Path(__file__).resolve().parent.parent
    found = overlapping_lines(added_lines(args.revision, root), corpus_runs(args.corpus))
    for line, shared in found:
        print(f"{line.strip()[:120]}  | {'; '.join(shared)}")
    print(f"lines sharing a run of {RUN} words with the corpus: {len(found)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
