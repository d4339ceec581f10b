"""Measurements taken inside one fresh interpreter (``python -m benchmarks.speed.probe``).

Prints one JSON object on stdout: the cost of importing paperlint's pipeline, the first (warm-up)
check, then the median in-process time of checking each given paper and of parsing the same files
with pylatexenc alone, the process's peak memory, and optionally a cProfile summary. Run by
``benchmarks.speed`` in a subprocess so that the import figures are those of a cold start.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402  (the clock starts before any import, on purpose)
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def _median_time(function: Any, runs: int) -> tuple[float, Any]:
    times = []
    value = None
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def forget_paragraphs() -> None:
    """Empty the engine's paragraph memo (extract/text.py), so that a timed check reads every
    paragraph as the first check of a paper does; without it, repeated rounds over the same
    papers would time the memo (the language server's gain), not a check."""
    from paperlint.extract.engine import default_engine

    engine = default_engine()
    engine.paragraph_memo.clear()
    engine.paragraph_memo_characters = 0


def parse_with_pylatexenc(files: list[Path]) -> int:
    """Parse every file with pylatexenc alone: the floor any LaTeX-reading linter pays."""
    from pylatexenc.latexwalker import LatexWalker

    count = 0
    for path in files:
        nodes, _, _ = LatexWalker(path.read_text(encoding="utf-8"),
                                  tolerant_parsing=True).get_latex_nodes()
        count += len(nodes)
    return count


def extraction_over_tokenisation(main: Path, runs: int) -> dict[str, Any]:
    """CPU seconds of ``extract`` on the paper's Document against tokenising the paragraphs and
    table rows it tokenises (the same spans, the same tokenizer), each the median of ``runs``
    interleaved runs:
    what the rule engine adds on top of tokenisation (issue: at most 50 ms per 10,000 words)."""
    from paperlint.api import read
    from paperlint.extract import extract, paragraphs
    from paperlint.extract.engine import default_engine

    document = read(main)
    engine = default_engine()
    rows = [(row.start, row.end) for table in document.tables for row in table.rows]
    text = document.text
    spans = [(a, b) for a, b in paragraphs(text, rows) if engine.may_hold_claims(text[a:b])]
    table_rows = [text[a:b] for a, b in rows]
    tokenizer: Any = engine.nlp.tokenizer

    def tokenise() -> None:
        for _ in tokenizer.pipe((text[a:b] for a, b in spans), batch_size=64):
            pass
        for _ in tokenizer.pipe(table_rows, batch_size=256):
            pass

    extract_times, tokenise_times = [], []
    extract(document)
    for _ in range(runs):
        forget_paragraphs()
        start = time.process_time()
        extract(document)
        extract_times.append(time.process_time() - start)
        start = time.process_time()
        tokenise()
        tokenise_times.append(time.process_time() - start)
    words = len(text.split())
    return {"words": words, "claims": len(extract(document).claims),
            "extract_cpu_s": statistics.median(extract_times),
            "tokenise_cpu_s": statistics.median(tokenise_times),
            "on_top_per_10k_words_ms": (statistics.median(extract_times)
                                        - statistics.median(tokenise_times)) * 1000 * 10_000
            / max(1, words)}


def extraction_over_papers(mains: list[Path], runs: int) -> dict[str, Any]:
    """:func:`extraction_over_tokenisation` of each paper, summed: the CPU extraction adds over
    all their words (each paper weighs by its length), with each paper's figures."""
    papers = {}
    for main in mains:
        try:
            papers[str(main)] = extraction_over_tokenisation(main, runs)
        except Exception as error:  # one unreadable paper is a row, not the end of the figure
            papers[str(main)] = {"error": repr(error)}
    ok = [p for p in papers.values() if "error" not in p]
    words = sum(p["words"] for p in ok)
    extract_s = sum(p["extract_cpu_s"] for p in ok)
    tokenise_s = sum(p["tokenise_cpu_s"] for p in ok)
    return {"papers": papers, "measured": len(ok), "words": words,
            "claims": sum(p["claims"] for p in ok),
            "extract_cpu_s": extract_s, "tokenise_cpu_s": tokenise_s,
            "on_top_per_10k_words_ms": ((extract_s - tokenise_s) * 1000 * 10_000 / words
                                        if words else None)}


def _profile(main: Path, top: int) -> list[dict[str, Any]]:
    import cProfile
    import pstats

    from paperlint.api import check_path

    profiler = cProfile.Profile()
    profiler.enable()
    check_path(main)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{Path(filename).name}:{line}({name})", "calls": calls,
                     "tottime_s": round(tottime, 4), "cumtime_s": round(cumtime, 4),
                     "file": filename.replace(str(Path.cwd()) + "/", "")})
    # Self time over every function (a hot regex shows up as re's); cumulative time only over the
    # libraries that matter, or the call chain's wrappers would fill the list.
    own = [r for r in rows if any(k in r["file"] for k in ("paperlint", "spacy", "pylatexenc",
                                                              "pypdf", "thinc"))]
    by_total = sorted(rows, key=lambda r: r["tottime_s"], reverse=True)[:top]
    by_cumulative = sorted(own, key=lambda r: r["cumtime_s"], reverse=True)[:top]
    return ([{"by": "tottime", **r} for r in by_total]
            + [{"by": "cumtime", **r} for r in by_cumulative])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paper", action="append", default=[], nargs=3,
                        metavar=("LABEL", "MAIN", "FILES_JSON"),
                        help="a paper to time: label, root file, JSON list of its .tex files")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, help="top N functions (0: no profile)")
    parser.add_argument("--extraction", choices=("first", "all"), default="first",
                        help="measure extraction on top of tokenisation on the first paper only, "
                        "or on every paper, summed")
    args = parser.parse_args()
    out: dict[str, Any] = {"start_to_main_s": time.perf_counter() - _T0}

    start = time.perf_counter()
    error = None
    try:
        from paperlint.api import check_path
        from paperlint.document import plain_document  # noqa: F401  (part of the pipeline's cost)
    except Exception as exc:  # a broken pipeline is a figure too, not a crash
        error = f"import failed: {exc!r}"
    out["import_s"] = time.perf_counter() - start
    if error:
        out["error"] = error
        print(json.dumps(out))
        return

    papers = [(label, Path(main), [Path(f) for f in json.loads(files)])
              for label, main, files in args.paper]
    if papers:
        # The first check builds the spaCy pipeline and loads rules and catalogue: start-up cost.
        start = time.perf_counter()
        first = check_path(papers[0][1])
        out["warmup_s"] = time.perf_counter() - start
        out["warmup_error"] = first.error
    # Interleaved: each round times every paper's check and its pylatexenc parse once, so that
    # the speed of this (shared, virtual) machine, which drifts by tens of percent over minutes,
    # weighs on every size and on both sides of a ratio alike; medians over the rounds.
    check_times: dict[str, list[float]] = {label: [] for label, _, _ in papers}
    parse_times: dict[str, list[float]] = {label: [] for label, _, _ in papers}
    results: dict[str, Any] = {}
    for _ in range(max(1, args.runs)):
        for label, main_file, files in papers:
            forget_paragraphs()
            seconds, results[label] = _median_time(lambda m=main_file: check_path(m), 1)
            check_times[label].append(seconds)
            seconds, _ = _median_time(lambda f=files: parse_with_pylatexenc(f), 1)
            parse_times[label].append(seconds)
    rows = {}
    for label, _, _ in papers:
        result = results[label]
        rows[label] = {
            "check_s": statistics.median(check_times[label]),
            "pylatexenc_parse_s": statistics.median(parse_times[label]),
            "check_runs_s": check_times[label], "pylatexenc_runs_s": parse_times[label],
            "error": result.error, "verdict": result.verdict, "claims": len(result.claims),
            "findings": len(result.findings),
        }
    out["papers"] = rows
    if papers and args.extraction == "first":
        out["extraction"] = extraction_over_tokenisation(papers[0][1], max(1, args.runs) * 5)
    elif papers:
        out["extraction"] = extraction_over_papers([main for _, main, _ in papers],
                                                   max(1, args.runs) * 5)
    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.profile and papers:
        out["profile"] = _profile(papers[0][1], args.profile)
    print(json.dumps(out))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
