"""The generalisation set: short LaTeX texts written for this benchmark, labelled by hand.

``cases.py`` loads and validates the cases, ``split.py`` makes the committed dev/held split,
``run.py`` runs paperlint over them and ``score.py`` compares its output with the labels;
``python -m benchmarks.generalisation`` prints the figures (docs/accuracy.md, "Generalisation set").

The held third (``held.jsonl``) is for measuring only: its texts are never read while tuning
extraction, and the benchmark reports it as aggregates, never case by case.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"  # one JSONL file per class: the set as written
DEV = HERE / "dev.jsonl"
HELD = HERE / "held.jsonl"
SCHEMA = HERE / "case.schema.json"
SPLITS = {"dev": DEV, "held": HELD}
