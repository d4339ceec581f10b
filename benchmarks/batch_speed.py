"""Batch throughput and isolation at conference scale.

    python3 -m benchmarks.batch_speed                 # 240 papers x jobs 1 and 2, then 1,000 papers
    python3 -m benchmarks.batch_speed --papers 400 --big 0

Measures, on this machine:
1. throughput of the local runner with --jobs 1 and --jobs 2 over N papers (target: >= 1.8x), both
   end to end (pool start included) and after the first result (steady state);
2. peak memory of each worker (VmHWM, the peak resident set, sampled from /proc while the batch
   runs; it counts the pages shared copy-on-write with the forkserver, so it is an upper bound);
3. a batch of 1,000 papers of which 2% are broken or hostile completes, with exactly those reported
   as errors.

Papers are the repository's fixtures/ plus synthetic variants written here into a temporary
directory (our own sentences); with --corpus, the .tex projects of ../shared/corpus are mixed in too
(read at run time, never copied into the repository).
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from paperlint.api import CheckOptions
from paperlint.batch.discover import discover
from paperlint.batch.runner import RunSettings, run_local

REPO = Path(__file__).resolve().parent.parent
HARDWARE = ["NVIDIA A100 GPUs", "V100 GPUs", "TPU v4 chips", "H100 GPUs", "RTX 3090 cards"]
FILLER = [
    "Our method builds on a standard encoder and adds a small routing module.",
    "We evaluate on three benchmarks and report the mean over five seeds.",
    "Ablations in the appendix isolate the effect of each component.",
    "The learning rate follows a cosine schedule with a linear warm-up.",
    "Results are consistent across model sizes, with larger gains for small models.",
]


def synthetic_paper(rng: random.Random) -> str:
    """A short LaTeX paper of our own writing with a varying compute statement (or none)."""
    paragraphs = []
    for _ in range(rng.randint(6, 14)):
        paragraphs.append(" ".join(rng.choice(FILLER) for _ in range(rng.randint(3, 7))))
    kind = rng.random()
    chips, days = rng.choice([1, 4, 8, 16, 64, 256]), rng.randint(1, 30)
    if kind < 0.4:
        statement = f"We trained the model on {chips} {rng.choice(HARDWARE)} for {days} days."
    elif kind < 0.7:
        statement = (f"Training used {chips * days * 24} GPU-hours in total, about "
                     f"{rng.randint(1, 9)}e{rng.randint(18, 23)} FLOP.")
    else:
        statement = "Training details follow prior work."
    paragraphs.insert(rng.randint(1, len(paragraphs)), statement)
    table = ("\\begin{tabular}{lr}\nModel & Params \\\\\nSmall & "
             f"{rng.randint(10, 900)}M \\\\\n\\end{{tabular}}")
    body = "\n\n".join(paragraphs)
    return ("\\documentclass{article}\n\\begin{document}\n\\section{Method}\n" + body +
            "\n\n" + table + "\n\\end{document}\n")


def build_papers(root: Path, count: int, *, seed: int = 7, corpus: bool = False) -> list[str]:
    """``count`` paper paths under ``root``: fixtures, corpus projects, then synthetic papers."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    sources = [p for p in sorted((REPO / "fixtures").glob("*/main.tex"))]
    shared = REPO.parent / "shared" / "corpus"
    if corpus and shared.is_dir():
        sources += [p for p in sorted(shared.iterdir()) if p.is_dir() and p.name.startswith("tex")]
    papers: list[str] = []
    for index, source in enumerate(sources[:count]):
        target = root / f"source{index:03d}"
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copytree(source.parent, target)
        papers.append(str(target))
    while len(papers) < count:
        path = root / f"synthetic{len(papers):04d}.tex"
        path.write_text(synthetic_paper(rng), encoding="utf-8")
        papers.append(str(path))
    return discover(papers)


def hostile_papers(root: Path, count: int) -> list[str]:
    """``count`` inputs that no reader can accept: each must become exactly one error row."""
    root.mkdir(parents=True, exist_ok=True)
    makers: list[tuple[str, Callable[[Path], object]]] = [
        ("fake{}.pdf", lambda p: p.write_bytes(b"GIF89a not a pdf")),
        ("binary{}.tex", lambda p: p.write_bytes(os.urandom(4096) + b"\0" * 4096)),
        ("truncated{}.tar.gz", lambda p: p.write_bytes(gzip.compress(b"x" * 10_000)[:40])),
        ("corrupt{}.zip", lambda p: p.write_bytes(b"PK\x03\x04" + os.urandom(200))),
        ("empty{}.zip", lambda p: zipfile.ZipFile(p, "w").close()),
    ]
    paths = []
    for index in range(count):
        pattern, make = makers[index % len(makers)]
        path = root / pattern.format(index)
        make(path)
        paths.append(str(path))
    return paths


def descendants_peak_kb(pid: int) -> dict[int, int]:
    """VmHWM (kB) of every process below ``pid`` except its direct children (the forkserver)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    peaks: dict[int, int] = {}
    for child, parent in parents.items():
        if parents.get(parent) == pid:  # a grandchild: a worker forked by the forkserver
            try:
                for line in Path(f"/proc/{child}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[child] = int(line.split()[1])
            except OSError:
                continue
    return peaks


def run(papers: list[str], jobs: int, timeout: float = 60,
        failed: set[str] | None = None) -> dict[str, float]:
    """One batch; ``failed`` (if given) receives the paths reported as errors."""
    started = time.monotonic()
    first = 0.0
    errors = 0
    peaks: dict[int, int] = {}
    for done, result in enumerate(run_local(papers, CheckOptions(),
                                            RunSettings(jobs=jobs, timeout=timeout)), 1):
        if done == 1:
            first = time.monotonic()
        errors += result.error is not None
        if result.error is not None and failed is not None:
            failed.add(result.path)
        if done % 10 == 0:
            for pid, peak in descendants_peak_kb(os.getpid()).items():
                peaks[pid] = max(peaks.get(pid, 0), peak)
    total = time.monotonic() - started
    steady = (len(papers) - 1) / (time.monotonic() - first) if len(papers) > 1 else 0.0
    return {"seconds": total, "per_second": len(papers) / total, "steady_per_second": steady,
            "errors": errors, "peak_worker_mb": max(peaks.values(), default=0) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=240)
    parser.add_argument("--big", type=int, default=1000, help="size of the hostile batch (0: skip)")
    parser.add_argument("--corpus", action="store_true", help="mix in ../shared/corpus projects")
    parser.add_argument("--repeat", type=int, default=3,
                        help="alternate --jobs 1 and 2 this many times; each best counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="paperlint-batch-") as tmp:
        papers = build_papers(Path(tmp) / "papers", args.papers, corpus=args.corpus)
        print(f"{len(papers)} papers, {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f} (other work on the machine skews the speed-up)")
        run(papers[:2], 1)  # start the forkserver (imports, spaCy) outside the timed runs
        # Alternating runs and keeping each setting's best is the usual defence against other
        # work on a shared machine: interference only ever makes a run slower.
        runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
        for _ in range(max(1, args.repeat)):
            for jobs in (1, 2):
                runs[jobs].append(run(papers, jobs))
        one, two = (min(runs[jobs], key=lambda r: r["seconds"]) for jobs in (1, 2))
        for jobs in (1, 2):
            print(f"--jobs {jobs} runs: " + ", ".join(f"{r['seconds']:.1f} s" for r in runs[jobs]))
        for jobs, figures in ((1, one), (2, two)):
            print(f"--jobs {jobs}: {figures['seconds']:.1f} s, {figures['per_second']:.1f} "
                  f"papers/s end to end, {figures['steady_per_second']:.1f}/s after the first; "
                  f"peak worker RSS {figures['peak_worker_mb']:.0f} MB; {figures['errors']:.0f} "
                  "errors")
        print(f"speed-up --jobs 2 vs 1: {two['per_second'] / one['per_second']:.2f}x end to end, "
              f"{two['steady_per_second'] / one['steady_per_second']:.2f}x steady state")
        if args.big:
            broken = args.big // 50
            big = build_papers(Path(tmp) / "big", args.big - broken, seed=11)
            bad = hostile_papers(Path(tmp) / "hostile", broken)
            failed: set[str] = set()
            batch = run(big + bad, 2, failed=failed)
            exact = "exactly the broken ones" if failed == set(bad) else "NOT the broken set"
            print(f"{len(big) + len(bad)} papers ({broken} broken or hostile), --jobs 2: "
                  f"{batch['seconds']:.1f} s, {batch['per_second']:.1f} papers/s, "
                  f"{len(failed)} errors reported, {exact}; "
                  f"peak worker RSS {batch['peak_worker_mb']:.0f} MB")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
