"""The speed harness's logic: growth fit, subprocess runs, the synthetic paper and the targets.

No figure is asserted here (benchmarks/ publishes those); only that the harness computes them right.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from benchmarks.optional import run_script
from benchmarks.speed import SCRIPT_FIGURES, Target
from benchmarks.speed.synth import COMPUTE, generate
from benchmarks.speed.timing import Run, Sample, fit_exponent, ratio, run_once, run_rounds


@pytest.mark.parametrize("k", [0.5, 1.0, 1.1, 2.0])
def test_fit_exponent_recovers_a_power_law(k: float) -> None:
    sizes = [1.0, 4.0, 16.0]
    assert fit_exponent(sizes, [0.3 * s**k for s in sizes]) == pytest.approx(k)


def test_fit_exponent_is_undefined_without_two_usable_points() -> None:
    assert fit_exponent([1.0], [1.0]) is None
    assert fit_exponent([2.0, 2.0], [1.0, 3.0]) is None
    assert fit_exponent([1.0, 4.0], [1.0, 0.0]) is None


def test_ratio_guards_missing_and_zero() -> None:
    assert ratio(3.0, 2.0) == 1.5
    assert ratio(None, 2.0) is None and ratio(1.0, 0.0) is None


def test_run_once_reports_exit_status_memory_and_last_error_line() -> None:
    run = run_once([sys.executable, "-c", "import sys; print('x'); sys.exit('bad input')"])
    assert run.returncode == 1 and run.stderr_tail == "bad input"
    assert run.seconds > 0 and run.peak_rss_mib > 1


def test_samples_take_medians_and_flag_failed_runs() -> None:
    sample = Sample("s", ("x",), [Run(3.0, 10, 0), Run(1.0, 30, 1), Run(2.0, 20, 0)])
    assert sample.median == 2.0 and sample.peak_rss_mib == 30
    assert sample.failed is None  # exit 1 means "findings" for a linter
    sample.runs.append(Run(1.0, 1, 2, "error: x"))
    assert sample.failed is not None and sample.to_dict()["error"] == "error: x"


def test_run_rounds_interleaves_and_drops_warmup(tmp_path: Path) -> None:
    log = tmp_path / "log"
    script = f"open({str(log)!r}, 'a').write(__import__('sys').argv[1])"
    commands = {"a": [sys.executable, "-c", script, "a"], "b": [sys.executable, "-c", script, "b"]}
    samples = run_rounds(commands, runs=2, warmup=1)
    assert log.read_text() == "ababab"
    assert [len(s.runs) for s in samples.values()] == [2, 2]


def test_target_pass_fail_and_unmeasured() -> None:
    assert Target("t", 1.2, 1.3, "o").passed is True
    assert Target("t", 1.4, 1.3, "o").passed is False
    assert Target("t", None, 1.3, "o").to_dict()["passed"] is None


def test_speed_up_targets_must_reach_their_limit() -> None:
    assert Target("s", 1.9, 1.8, "o", at_least=True).passed is True
    assert Target("s", 1.5, 1.8, "o", at_least=True).passed is False


@pytest.mark.parametrize(
    ("module", "output", "value"),
    [
        ("benchmarks.pdf_speed", "  pypdf: repairs add 12% over bare; reader is 3.1x pdftotext",
         0.12),
        ("benchmarks.batch_speed",
         "speed-up --jobs 2 vs 1: 1.74x end to end, 1.9x steady state (medians)\n"
         "paired speed-up --jobs 2 vs 1 (median over rounds of each round's ratio): 1.81x", 1.81),
        # The ratio of medians alone is not the headline.
        ("benchmarks.batch_speed", "speed-up --jobs 2 vs 1: 1.74x end to end, 1.9x steady", None),
        ("benchmarks.batch_speed", "the run printed something else entirely", None),
    ],
)
def test_headline_figures_are_read_from_script_output(module: str, output: str,
                                                      value: float | None) -> None:
    (_label, pattern, _limit, _at_least, scale), = SCRIPT_FIGURES[module]
    match = re.search(pattern, output)
    assert (float(match.group(1)) * scale if match else None) == (
        pytest.approx(value) if value is not None else None)


def test_missing_script_is_skipped() -> None:
    outcome = run_script("benchmarks.no_such_script", [], timeout=10, cwd=".")
    assert outcome.data is None and "does not exist yet" in (outcome.skipped or "")


def test_synthetic_paper_is_deterministic_and_about_ten_thousand_words(tmp_path: Path) -> None:
    one = generate(tmp_path / "a")
    two = generate(tmp_path / "b")
    assert 10_000 <= one.words < 11_000
    texts_one = [f.read_text() for f in one.files]
    assert texts_one == [f.read_text() for f in two.files]
    body = "".join(texts_one)
    assert "\\begin{tabular}" in body and "\\begin{equation}" in body and "\\newcommand" in body
    assert any(sentence in body for sentence in COMPUTE)


def test_synthetic_paper_inputs_resolve_and_copies_scale(tmp_path: Path) -> None:
    base = generate(tmp_path / "x1")
    four = generate(tmp_path / "x4", copies=4)
    assert four.words == 4 * base.words and len(four.files) == 4 * (len(base.files) - 1) + 1
    for name in re.findall(r"\\input\{([^}]+)\}", four.main.read_text()):
        assert (four.main.parent / f"{name}.tex").is_file()
    # Each copy in files of its own: no two inputs name the same file.
    inputs = re.findall(r"\\input\{([^}]+)\}", four.main.read_text())
    assert len(inputs) == len(set(inputs))


@pytest.mark.parametrize(("milliseconds", "passed"), [(36.0, True), (50.0, True), (61.0, False),
                                                       (None, None)])
def test_extraction_on_top_of_tokenisation_is_a_target(milliseconds: float | None,
                                                       passed: bool | None) -> None:
    from benchmarks.speed import _targets

    target = next(t for t in _targets({}, {}, None, None, milliseconds)
                  if t.name.startswith("extraction on top of tokenisation"))
    assert target.limit == 50 and target.passed is passed


def test_extraction_target_reads_the_corpus_figure_when_there_is_one() -> None:
    from benchmarks.speed import _extraction_target

    synthetic = {"in_process": {"extraction": {"on_top_per_10k_words_ms": 70.0}}}
    value, note = _extraction_target(synthetic)
    assert value == 70.0 and "synthetic" in note
    real = {**synthetic, "corpus": {"extraction": {"on_top_per_10k_words_ms": 31.5,
                                                   "measured": 26, "words": 264_000}}}
    value, note = _extraction_target(real)
    assert value == 31.5 and "26 LaTeX papers" in note
    # A corpus whose probe failed leaves the synthetic figure in charge, not an empty target.
    broken = {**synthetic, "corpus": {"error": "probe failed"}}
    assert _extraction_target(broken)[0] == 70.0
    assert _extraction_target({}) == (None, _extraction_target({})[1])


def test_extraction_over_papers_sums_and_keeps_going(tmp_path: Path) -> None:
    from benchmarks.speed.probe import extraction_over_papers

    papers = [tmp_path / "p.tex", tmp_path / "q.tex"]
    for paper in papers:
        paper.write_text("\\documentclass{article}\\begin{document}\n"
                         "We train on 8 A100 GPUs for 3 days.\n\\end{document}\n",
                         encoding="utf-8")
    missing = tmp_path / "missing.tex"
    out = extraction_over_papers([*papers, missing], runs=1)
    assert out["measured"] == 2 and "error" in out["papers"][str(missing)]
    one = out["papers"][str(papers[0])]
    assert one["claims"] == 3  # hardware, chip_count, duration
    assert out["claims"] == 2 * one["claims"] and out["words"] == 2 * one["words"]
    assert out["on_top_per_10k_words_ms"] is not None
