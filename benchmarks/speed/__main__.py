"""``python -m benchmarks.speed``: paperlint's speed and memory, side by side with reference tools.

Prints a table of commands (median wall time, peak memory), the in-process analysis and growth
figures, and every target with its pass/fail; writes all figures to a JSON file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_CORPUS, RESULTS, publish
from benchmarks.accuracy import machine
from benchmarks.speed import growth, measure
from benchmarks.tables import fmt, table


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (medians)")
    parser.add_argument("--quick", action="store_true",
                        help="one run, growth at 1x/2x/4x: a smoke test, not figures to publish")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile the 10k-word check and list the top N functions")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="corpus folder for an extra real-paper data point (default: "
                             "%(default)s; skipped when absent)")
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus data point")
    parser.add_argument("--json", type=Path, default=RESULTS / "speed.json",
                        help="where to write the figures (default: %(default)s)")
    return parser


def _log(message: str) -> None:
    print(f"benchmarks.speed: {message}", file=sys.stderr, flush=True)


def render(data: dict[str, Any]) -> str:
    parts = []
    bare = data["commands"].get("python -c pass", {}).get("median_s")
    rows = []
    for name, sample in data["commands"].items():
        median = sample["median_s"]
        rows.append([name, fmt(median, 3), fmt(median / bare if median and bare else None, 2),
                     fmt(sample["peak_rss_mib"], 0), sample["error"] or ""])
    parts.append(table(["command", "median s", "x python start-up", "peak RSS MiB", "error"], rows,
                       f"Commands ({data['paper']['words']}-word paper, {data['runs']} runs)"))
    analysis = data["analysis"]
    parts.append(table(
        ["figure", "value"],
        [["interpreter start-up to main (s)", fmt(data["in_process"].get("start_to_main_s"), 3)],
         ["import paperlint pipeline (s)", fmt(analysis["import_s"], 3)],
         ["first check, builds spaCy pipeline (s)", fmt(analysis["warmup_s"], 3)],
         ["check per 10,000 words, after start-up (s)", fmt(analysis["check_per_10k_words_s"], 3)],
         ["pylatexenc parse per 10,000 words, in-process (s)",
          fmt(analysis["pylatexenc_parse_per_10k_words_s"], 3)],
         ["peak RSS of the in-process run (MiB)", fmt(analysis["peak_rss_mib"], 0)],
         ["growth exponent", fmt(analysis["growth_exponent"], 2)],
         *_extraction_rows(analysis.get("extraction"))],
        "In-process (fresh interpreter, after start-up)",
    ))
    growth_rows = [[label, row["words"], fmt(row.get("check_s"), 3),
                    fmt(row.get("pylatexenc_parse_s"), 3), row.get("error") or ""]
                   for label, row in analysis["growth"].items()]
    parts.append(table(["size", "words", "check s", "pylatexenc s", "error"], growth_rows,
                       "Growth"))
    shapes = data.get("growth_by_shape")
    if isinstance(shapes, dict) and shapes.get("shapes"):
        rows, exponents, lines = growth.render_rows(shapes)
        parts.append(table(["paper", "words", "check s", "pylatexenc s", "check / pylatexenc",
                            "error"], rows, "Growth by text shape (one file each, medians)"))
        parts.append(table(["shape", "check exponent", "pylatexenc exponent",
                            "check / pylatexenc, largest (paired median)", "each round"],
                           exponents, "Growth exponents (time ~ words^k)"))
        parts.append(table(["one line of", "bytes", "paperlint check s", "peak RSS MiB", "exit",
                            "stderr"], lines, "One enormous line"))
    corpus = data.get("corpus")
    if isinstance(corpus, dict) and corpus.get("papers"):
        corpus_rows = [[pid, row.get("source_words"), fmt(row.get("check_s"), 3),
                        fmt(row.get("pylatexenc_parse_s"), 3), (row.get("error") or "")[:60]]
                       for pid, row in corpus["papers"].items()]
        parts.append(table(["paper", "source words", "check s", "pylatexenc s", "error"],
                           corpus_rows, "Corpus LaTeX papers (one run each)"))
        extraction = corpus.get("extraction")
        if isinstance(extraction, dict) and "extract_cpu_s" in extraction:
            what = f"sum over {extraction['measured']} corpus papers, each a median"
            parts.append(table(["figure", "value"], _extraction_rows(extraction, what),
                               "Extraction on real papers (the extraction target's figure)"))
    for name, sub in data["sub_benchmarks"].items():
        if "skipped" in sub:
            parts.append(f"### {name}\n\nskipped: {sub['skipped']}\n")
        elif isinstance(sub.get("output"), str):
            output = sub["output"].strip()
            parts.append(f"### {name}\n\n`{sub.get('command')}`\n\n```\n{output}\n```\n")
        elif isinstance(sub.get("rows"), list) and sub["rows"] and isinstance(sub["rows"][0], dict):
            headers = list(sub["rows"][0])
            parts.append(table(headers, [[r.get(h) for h in headers] for r in sub["rows"]], name))
        else:
            dumped = json.dumps(sub, indent=1, default=str)[:3000]
            parts.append(f"### {name}\n\n```\n{dumped}\n```\n")
    target_rows = [[t["name"], fmt(t["value"], 2),
                    f"{'>=' if t.get('at_least') else '<='} {t['limit']}",
                    {True: "PASS", False: "FAIL", None: "n/a"}[t["passed"]], t.get("owner", ""),
                    (t.get("note") or "")[:80]] for t in data["targets"]]
    parts.append(table(["target", "value", "limit", "result", "owner", "note"], target_rows,
                       "Targets"))
    if data.get("notes"):
        parts.append("Notes:\n" + "\n".join(f"- {n}" for n in data["notes"]) + "\n")
    profile = data["in_process"].get("profile")
    if profile:
        rows = [[p["by"], p["function"], p["calls"], p["tottime_s"], p["cumtime_s"]]
                for p in profile]
        parts.append(table(["sorted by", "function", "calls", "self s", "cumulative s"], rows,
                           "Profile of one 10k-word check"))
    return "\n".join(parts)


def _extraction_rows(extraction: object, what: str = "10k-word paper") -> list[list[object]]:
    if not isinstance(extraction, dict) or "extract_cpu_s" not in extraction:
        return []
    words = extraction.get("words")
    density = (extraction["claims"] * 10_000 / words if words and "claims" in extraction
               else None)
    return [[f"extraction, CPU s (median, {what})", fmt(extraction["extract_cpu_s"], 3)],
            ["tokenising the same text, CPU s", fmt(extraction["tokenise_cpu_s"], 3)],
            ["claims per 10,000 words", fmt(density, 0)],
            ["extraction on top of tokenisation, ms per 10,000 words",
             fmt(extraction["on_top_per_10k_words_ms"], 1)]]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.runs < 1:
        print("benchmarks.speed: error: --runs must be at least 1", file=sys.stderr)
        return 2
    corpus = None
    if not args.no_corpus:
        if (args.corpus / "gold.jsonl").is_file():
            corpus = args.corpus
        else:
            _log(f"no corpus at {args.corpus}: the real-paper data point is skipped")
    runs = 1 if args.quick else args.runs
    data = measure(runs=runs, quick=args.quick, profile=args.profile, corpus=corpus, log=_log)
    data["machine"] = machine()
    data["command"] = "python -m benchmarks.speed " + " ".join(argv or sys.argv[1:])
    print(render(data))
    return publish(data, args.json, "benchmarks.speed")


if __name__ == "__main__":
    sys.exit(main())
