"""paperlint's benchmarks: accuracy against the gold-labelled corpus, speed and memory.

Run from the repository root:

    python -m benchmarks.accuracy      # precision/recall, verdicts, false alarms, estimator
    python -m benchmarks.speed         # start-up, analysis time, growth, PDF and batch figures

The corpus (other people's papers) lives outside the repository, in ``../shared/corpus``; where it
is absent (a user's clone) the commands say so and exit 0. Figures are never asserted in unit tests:
they are printed, written as JSON under ``benchmarks/results/`` and published in docs/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_CORPUS = DEFAULT_SHARED / "corpus"
DEFAULT_ESTIMATOR_CSV = DEFAULT_SHARED / "estimator" / "epoch-models-dev.csv"


def publish(data: dict[str, Any], path: Path, command: str) -> int:
    """Print where the figures went after writing them as JSON; 0, or 2 when the file cannot be
    written (one line naming it). Shared by every benchmark command."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    except OSError as error:
        print(f"{command}: error: {path}: cannot write: {error.strerror}", file=sys.stderr)
        return 2
    print(f"figures written to {path}")
    return 0
