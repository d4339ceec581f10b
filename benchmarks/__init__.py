"""paperlint's benchmarks: accuracy against the gold-labelled corpus, speed and memory.

Run from the repository root:

    python -m benchmarks.accuracy      # precision/recall, verdicts, false alarms, estimator
    python -m benchmarks.speed         # start-up, analysis time, growth, PDF and batch figures

The corpus (other people's papers) lives outside the repository, in ``../shared/corpus``; where it
is absent (a user's clone) the commands say so and exit 0. Figures are never asserted in unit tests:
they are printed, written as JSON under ``benchmarks/results/`` and published in docs/.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_CORPUS = DEFAULT_SHARED / "corpus"
DEFAULT_ESTIMATOR_CSV = DEFAULT_SHARED / "estimator" / "epoch-models-dev.csv"
