"""The speed and memory harness: paperlint side by side with the tools it should be compared to.

``measure(...)`` returns one JSON-able dict with every figure and a ``targets`` list (name, value,
limit, passed); ``python -m benchmarks.speed`` prints it and writes it to
``benchmarks/results/speed.json``.
Every stage is guarded: a stage that cannot run (paperlint still being built, chktex absent, a
sub-benchmark missing) is reported with the reason and the others still run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import REPO
from benchmarks.optional import call_optional
from benchmarks.speed import growth
from benchmarks.speed.synth import SynthPaper, generate
from benchmarks.speed.timing import fit_exponent, ratio, run_rounds

PY = sys.executable
PARSE_SCRIPT = (
    "import sys\n"
    "from pylatexenc.latexwalker import LatexWalker\n"
    "for p in sys.argv[1:]:\n"
    "    LatexWalker(open(p, encoding='utf-8').read(), tolerant_parsing=True).get_latex_nodes()\n"
)
FLOOR_SCRIPT = "import spacy\nspacy.blank('en')\n" + PARSE_SCRIPT


@dataclass(frozen=True)
class Target:
    """A speed target with its measured value (None: could not be measured)."""

    name: str
    value: float | None
    limit: float
    owner: str
    note: str = ""
    at_least: bool = False  # True: the value must reach the limit (a speed-up), not stay under it

    @property
    def passed(self) -> bool | None:
        if self.value is None:
            return None
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "limit": self.limit,
                "at_least": self.at_least, "passed": self.passed, "owner": self.owner,
                "note": self.note}


def _probe(papers: list[tuple[str, SynthPaper | tuple[Path, list[Path]]]], runs: int,
           profile: int = 0, timeout: float = 1800, extraction: str = "first"
           ) -> dict[str, Any]:
    """In-process figures from a fresh interpreter (benchmarks/speed/probe.py)."""
    argv = [PY, "-m", "benchmarks.speed.probe", "--runs", str(runs), "--profile", str(profile),
            "--extraction", extraction]
    for label, paper in papers:
        main, files = (paper.main, list(paper.files)) if isinstance(paper, SynthPaper) else paper
        argv += ["--paper", label, str(main), json.dumps([str(f) for f in files])]
    try:
        done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"probe took longer than {timeout:g} s"}
    lines = done.stdout.strip().splitlines()
    try:
        data: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"probe failed (exit {done.returncode}): {tail[0]}"}
    return data


def _commands(paper: SynthPaper) -> dict[str, list[str]]:
    files = [str(f) for f in paper.files]
    commands = {
        "python -c pass": [PY, "-c", "pass"],
        "python -c 'import click'": [PY, "-c", "import click"],
        "paperlint --version": [PY, "-m", "paperlint.cli", "--version"],
        "paperlint check (10k words)": [PY, "-m", "paperlint.cli", "check", str(paper.main)],
        "pylatexenc parse (fresh interpreter)": [PY, "-c", PARSE_SCRIPT, *files],
        "floor: spacy.blank + pylatexenc parse": [PY, "-c", FLOOR_SCRIPT, *files],
    }
    chktex = shutil.which("chktex")
    if chktex:
        # -q: no banner. chktex follows \input itself (relative to its working directory).
        commands["chktex (10k words)"] = [chktex, "-q", str(paper.main)]
    return commands


def measure(runs: int = 5, quick: bool = False, profile: int = 0,
            corpus: Path | None = None, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Every speed figure (see docs/performance.md for what each one means)."""
    out: dict[str, Any] = {"runs": runs, "notes": []}
    with tempfile.TemporaryDirectory(prefix="paperlint-speed-") as tmp:
        paper = generate(Path(tmp) / "paper10k")
        out["paper"] = {"words": paper.words, "files": len(paper.files)}
        log(f"generated a {paper.words}-word paper in {len(paper.files)} files; timing commands "
            f"({runs} runs each, interleaved)")
        commands = _commands(paper)
        if "chktex (10k words)" not in commands:
            out["notes"].append("chktex is not installed (apt-get install chktex): not compared")
        samples = run_rounds(commands, runs, cwd=REPO,
                             cwds={"chktex (10k words)": paper.main.parent})
        out["commands"] = {name: sample.to_dict() for name, sample in samples.items()}

        scales = (1, 2, 4) if quick else (1, 4, 16)
        growth_papers = [
            (f"{k}x", paper if k == 1 else generate(Path(tmp) / f"paper{k}x", copies=k))
            for k in scales
        ]
        labels = ", ".join(label for label, _ in growth_papers)
        log(f"in-process timings (fresh interpreter) at {labels}")
        probe = _probe(list(growth_papers), runs=max(1, runs if not quick else 1), profile=profile)
        out["in_process"] = probe
        out["growth_by_shape"] = growth.measure_shapes(
            Path(tmp) / "shapes", runs=max(1, runs if not quick else 1), quick=quick, log=log)
        corpus_rows = _corpus_probe(corpus, log) if corpus is not None else None
        if corpus_rows is not None:
            out["corpus"] = corpus_rows

    words = {label: p.words for label, p in growth_papers}
    rows = probe.get("papers", {}) if isinstance(probe, dict) else {}
    usable = {k: v for k, v in rows.items() if not v.get("error")}
    sizes = [float(words[k]) for k in usable]
    times = [v["check_s"] for v in usable.values()]
    exponent = fit_exponent(sizes, times) if len(usable) >= 2 else None
    base = rows.get("1x", {})
    per_10k = base.get("check_s") * 10_000 / paper.words if base.get("check_s") else None
    out["analysis"] = {
        "check_per_10k_words_s": per_10k,
        "pylatexenc_parse_per_10k_words_s": (base["pylatexenc_parse_s"] * 10_000 / paper.words
                                             if base.get("pylatexenc_parse_s") else None),
        "import_s": probe.get("import_s"), "warmup_s": probe.get("warmup_s"),
        "extraction": probe.get("extraction"),
        "peak_rss_mib": probe.get("peak_rss_mib"),
        "growth": {k: {"words": words[k], **v} for k, v in rows.items()},
        "growth_exponent": exponent,
    }
    failed_run = samples["paperlint check (10k words)"].failed
    check_error = (failed_run.stderr_tail or f"exit {failed_run.returncode}") if failed_run \
        else base.get("error")
    out["targets"] = [t.to_dict() for t in _targets(samples, base, exponent, check_error,
                                                    *_extraction_target(out))]
    out["targets"].extend(t.to_dict() for t in growth.targets(out["growth_by_shape"], Target))
    out["sub_benchmarks"] = {}
    for name, module in (("pdf", "benchmarks.pdf_speed"), ("batch", "benchmarks.batch_speed")):
        log(f"sub-benchmark {module}")
        outcome, targets = _sub_benchmark(name, module, corpus, runs, quick)
        out["sub_benchmarks"][name] = outcome.to_dict()
        out["targets"].extend(targets)
    return out


# Command lines for the sub-benchmarks that have no ``benchmark()`` function yet (see README).
SCRIPT_ARGS = {
    "benchmarks.pdf_speed": (["--no-verdicts"], ["--no-verdicts"]),
    # Synthetic papers and fixtures only, to keep this step near two minutes: the full mix
    # (corpus PDFs, projects, archives) is `python3 -m benchmarks.batch_speed`'s default, ~12 min.
    "benchmarks.batch_speed": (["--papers", "240", "--big", "0", "--jobs", "1,2", "--repeat", "5",
                                "--no-corpus"],
                               ["--papers", "20", "--big", "0", "--jobs", "1,2", "--repeat", "1",
                                "--no-corpus"]),
}
# Figures read from their printed output: (target name, regex, limit, at_least, scale).
SCRIPT_FIGURES = {
    "benchmarks.pdf_speed": [
        ("PDF reader overhead over bare pypdf extraction", r"pypdf: repairs add (-?\d+)% over bare",
         0.30, False, 0.01),
    ],
    "benchmarks.batch_speed": [
        ("batch speed-up --jobs 2 vs 1 (paired, end to end)",
         r"paired speed-up --jobs 2 vs 1 [^:]*: ([\d.]+)x", 1.8, True, 1.0),
    ],
}


def _sub_benchmark(name: str, module: str, corpus: Path | None, runs: int,
                   quick: bool) -> tuple[Any, list[dict[str, Any]]]:
    """A PDF or batch figure from its owner's module: its ``benchmark()`` dict where it has one,
    else its command line's output with the headline figures read from the text."""
    import re

    from benchmarks.optional import run_script

    outcome = call_optional(module, ("benchmark", "measure"), corpus_dir=corpus, runs=runs,
                            quick=quick)
    if outcome.data is not None:
        targets = [{"owner": module, **t} for t in outcome.data.get("targets", []) or []
                   if isinstance(t, dict) and "name" in t]
        return outcome, targets
    if outcome.skipped and "defines none of" not in outcome.skipped:
        return outcome, []
    full, smoke = SCRIPT_ARGS.get(module, ([], []))
    extra = ["--corpus", str(corpus)] if corpus is not None and module.endswith("pdf_speed") else []
    outcome = run_script(module, (smoke if quick else full) + extra, timeout=1800, cwd=str(REPO))
    text = str((outcome.data or {}).get("output", ""))
    targets = []
    for label, pattern, limit, at_least, scale in SCRIPT_FIGURES.get(module, []):
        match = re.search(pattern, text)
        value = float(match.group(1)) * scale if match else None
        note = "" if match else "figure not found in its output"
        targets.append(Target(label, value, limit, module, note, at_least).to_dict())
    return outcome, targets


def _extraction_target(out: dict[str, Any]) -> tuple[float | None, str]:
    """The figure the extraction target reads, and where it comes from: the corpus LaTeX papers
    when the corpus is there (real text: about 44 claims per 10,000 words), else the synthetic
    paper, which packs about six times as many claims into its words and so is the harsher
    test (both are printed; docs/performance.md)."""
    corpus = out.get("corpus")
    real = corpus.get("extraction") if isinstance(corpus, dict) else None
    if isinstance(real, dict) and real.get("on_top_per_10k_words_ms") is not None:
        return real["on_top_per_10k_words_ms"], (
            f"corpus: {real['measured']} LaTeX papers, {real['words']} words")
    probe = out.get("in_process")
    synthetic = probe.get("extraction") if isinstance(probe, dict) else None
    value = synthetic.get("on_top_per_10k_words_ms") if isinstance(synthetic, dict) else None
    return value, "no corpus: the synthetic paper (about 6x the claims of a real one)"


def _targets(samples: dict[str, Any], base: dict[str, Any], exponent: float | None,
             check_error: object, extraction_ms: float | None = None,
             extraction_note: str = "") -> list[Target]:
    def median(name: str) -> float | None:
        sample = samples.get(name)
        return sample.median if sample is not None and sample.failed is None else None

    note = f"paperlint check failed: {check_error}" if check_error else ""
    check = median("paperlint check (10k words)") if not check_error else None
    in_process = base.get("check_s") if not base.get("error") else None
    return [
        Target("paperlint --version / python -c 'import click'",
               ratio(median("paperlint --version"), median("python -c 'import click'")), 1.5,
               "CLI"),
        Target("paperlint check 10k words / floor (spacy.blank + pylatexenc parse)",
               ratio(check, median("floor: spacy.blank + pylatexenc parse")), 1.3,
               "pipeline (reader, extraction, checks)", note),
        Target("in-process check 10k words / in-process pylatexenc parse",
               ratio(in_process, base.get("pylatexenc_parse_s")), 2.0,
               "pipeline (reader, extraction, checks)", note),
        Target("growth exponent (time ~ size^k, 1x/4x/16x)", exponent, 1.1,
               "pipeline (reader, extraction, checks)", note),
        Target("extraction on top of tokenisation, ms CPU per 10,000 words", extraction_ms, 50,
               "extraction", "; ".join(n for n in (extraction_note, note) if n)),
    ]


def _corpus_probe(corpus: Path, log: Callable[[str], None]) -> dict[str, Any] | None:
    """In-process check time of each corpus LaTeX paper (an extra, real-world data point)."""
    try:
        from benchmarks.corpus import load_corpus

        # A paper without a root file (tex01) cannot be checked as it is; it would also spoil
        # the probe's warm-up, which checks the first paper to build the spaCy pipeline.
        papers = [p for p in load_corpus(corpus) if p.kind == "tex" and p.main_file]
    except Exception as error:
        return {"skipped": f"corpus not usable: {error}"}
    entries: list[tuple[str, SynthPaper | tuple[Path, list[Path]]]] = [
        (p.id, (p.input_path, sorted(p.folder.rglob("*.tex")))) for p in papers
    ]
    log(f"corpus data point: {len(entries)} LaTeX papers, one run each")
    data = _probe(entries, runs=1, extraction="all")
    for paper in papers:
        row = data.get("papers", {}).get(paper.id)
        if row is not None:
            row["source_words"] = sum(len(f.read_text(encoding="utf-8", errors="replace").split())
                                      for f in sorted(paper.folder.rglob("*.tex")))
    return data
