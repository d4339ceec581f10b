"""``python -m benchmarks.speed.fair_gc``: is the long-paper win only the collector's thresholds?

paperlint raises the cyclic garbage collector's thresholds for a check (paperlint/collector.py);
benchmarks.speed compares the check with pylatexenc's parse at the interpreter's defaults. This
probe gives pylatexenc the same thresholds too: in one process, after a warm-up check, each of
``--runs`` rounds times paperlint's check of each 160k-word shape, pylatexenc's whole-file parse
with the default thresholds and the same parse inside ``fewer_collections()``; it prints medians
and the paired ratio of the check to the latter.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.speed.shapes import SHAPES, shaped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed.fair_gc",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=160_000)
    args = parser.parse_args(argv)
    from pylatexenc.latexwalker import LatexWalker

    from benchmarks.speed.probe import forget_paragraphs
    from paperlint.api import check_path
    from paperlint.collector import fewer_collections

    def parse(text: str) -> float:
        start = time.perf_counter()
        LatexWalker(text, tolerant_parsing=True).get_latex_nodes()
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix="paperlint-fair-gc-") as tmp:
        papers = {shape: shaped(Path(tmp) / shape, shape, args.words).main for shape in SHAPES}
        check_path(shaped(Path(tmp) / "warm", "macro", 2000).main)  # builds the spaCy pipeline
        print("| paper | check s | pylatexenc, default s | pylatexenc, paperlint's thresholds s "
              "| check / the latter, paired |\n|---|---|---|---|---|")
        for shape, main in papers.items():
            text = main.read_text(encoding="utf-8")
            checks, default, tuned = [], [], []
            for _ in range(max(1, args.runs)):
                forget_paragraphs()  # time a first check of the paper, not the memo
                start = time.perf_counter()
                check_path(main)
                checks.append(time.perf_counter() - start)
                default.append(parse(text))
                with fewer_collections():
                    tuned.append(parse(text))
            paired = statistics.median(c / t for c, t in zip(checks, tuned, strict=True))
            print(f"| {shape}-{args.words // 1000}k | {statistics.median(checks):.3f} "
                  f"| {statistics.median(default):.3f} | {statistics.median(tuned):.3f} "
                  f"| {paired:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
