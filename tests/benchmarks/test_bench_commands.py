"""The two documented commands: clear messages, exit codes, and a run over a tiny corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import REPO
from benchmarks.accuracy import run_paper, synthetic_root
from benchmarks.accuracy.__main__ import main as accuracy_main
from benchmarks.corpus import load_corpus
from benchmarks.speed.__main__ import main as speed_main
from benchmarks.speed.__main__ import render as speed_render


def test_accuracy_without_corpus_says_so_and_exits_0(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.accuracy", "--corpus", str(tmp_path / "absent"),
         "--json", str(tmp_path / "out.json"), "--no-generalisation"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0
    assert "no corpus at" in done.stdout and "nothing to measure" in done.stdout
    assert not (tmp_path / "out.json").exists()
    assert "Traceback" not in done.stderr


def test_accuracy_without_corpus_still_reports_the_generalisation_set(
    tiny_genset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    assert accuracy_main(["--corpus", str(tmp_path / "absent"), "--json", str(out),
                          "--generalisation-dir", str(tiny_genset)]) == 0
    printed = capsys.readouterr().out
    assert "no corpus at" in printed
    assert "Generalisation set: dev (2 cases" in printed and "Generalisation set: held" in printed
    data = json.loads(out.read_text())
    assert "skipped" in data["corpus"] and set(data["generalisation"]["splits"]) == {"dev", "held"}
    assert "misses" not in data["generalisation"]["splits"]["held"]


def test_accuracy_on_a_malformed_corpus_is_one_line_and_exit_2(
    tiny_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny_corpus / "gold.jsonl").write_text("{oops\n")
    assert accuracy_main(["--corpus", str(tiny_corpus), "--json", str(tmp_path / "o.json")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "gold.jsonl:1: not JSON" in err[0]


def test_accuracy_runs_every_paper_and_writes_json(
    tiny_corpus: Path, tiny_genset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results" / "accuracy.json"
    assert accuracy_main(["--corpus", str(tiny_corpus), "--json", str(out),
                          "--estimator-csv", str(tmp_path / "none.csv"),
                          "--generalisation-dir", str(tiny_genset)]) == 0
    data = json.loads(out.read_text())
    rows = {p["id"]: p for p in data["papers"]}
    assert set(rows) == {"tex90", "tex91", "pdf90"}
    # The PDF file does not exist: that paper is an error row, and the run went on.
    assert rows["pdf90"]["error"] and data["verdicts"]["pdf"]["matrix"]["missing"]["error"] == 1
    assert data["verdicts"]["all"]["papers"] == 3
    assert "skipped" in data["estimator"]
    printed = capsys.readouterr().out
    assert "Confusion matrix (all)" in printed and "figures written to" in printed
    # The generalisation set comes after the corpus figures, dev and held apart.
    assert printed.index("Confusion matrix (all)") < printed.index("Generalisation set: dev")
    assert set(data["generalisation"]["splits"]) == {"dev", "held"}


def test_skip_pdf_leaves_pdf_papers_out(tiny_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    assert accuracy_main(["--corpus", str(tiny_corpus), "--json", str(out), "--skip-pdf",
                          "--only", "tex90", "--no-generalisation"]) == 0
    assert [p["id"] for p in json.loads(out.read_text())["papers"]] == ["tex90"]


def test_a_paper_without_root_gets_a_synthetic_root(tiny_corpus: Path, tmp_path: Path) -> None:
    root = synthetic_root(tiny_corpus / "tex91", tmp_path)
    assert "\\input{intro}" in root.read_text()
    assert (tmp_path / "intro.tex").read_text() == (tiny_corpus / "tex91" / "intro.tex").read_text()
    result = run_paper(load_corpus(tiny_corpus)[1])
    assert "seconds" in result and "error" in result


def test_speed_rejects_zero_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert speed_main(["--runs", "0"]) == 2
    assert "--runs must be at least 1" in capsys.readouterr().err


def test_speed_report_shows_each_target_with_pass_or_fail() -> None:
    data = {
        "runs": 5, "paper": {"words": 10_000, "files": 11}, "notes": ["chktex absent"],
        "commands": {"python -c pass": {"median_s": 0.05, "peak_rss_mib": 9, "error": None},
                     "paperlint check (10k words)": {"median_s": 2.5, "peak_rss_mib": 150,
                                                     "error": None}},
        "in_process": {"start_to_main_s": 0.01},
        "analysis": {"import_s": 0.1, "warmup_s": 2.0, "check_per_10k_words_s": 0.8,
                     "pylatexenc_parse_per_10k_words_s": 0.5, "peak_rss_mib": 140,
                     "growth_exponent": 1.02, "growth": {"1x": {"words": 10_000, "check_s": 0.8}}},
        "sub_benchmarks": {"pdf": {"skipped": "benchmarks.pdf_speed does not exist yet"}},
        "targets": [{"name": "growth", "value": 1.02, "limit": 1.1, "passed": True, "owner": "x"},
                    {"name": "floor", "value": 1.6, "limit": 1.3, "passed": False, "owner": "y"},
                    {"name": "pdf", "value": None, "limit": 2.0, "passed": None, "owner": "z"}],
    }
    text = speed_render(data)
    assert "| growth " in text and "PASS" in text and "FAIL" in text and "n/a" in text
    assert "x python start-up" in text and "50.00" in text  # 2.5 s / 0.05 s
    assert "skipped: benchmarks.pdf_speed does not exist yet" in text
