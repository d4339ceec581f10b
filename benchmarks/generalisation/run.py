"""Running paperlint over generalisation cases, one warm process, each case as its own main.tex.

Each text is wrapped in a minimal article (with the packages its macros come from, as a real
paper would load them) and checked through the public API, ``paperlint.api.check_path``. A case
that fails or takes too long becomes an ``error`` result; the run goes on.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.generalisation.cases import Case

PREAMBLE = "\\documentclass{article}\n\\usepackage{siunitx,booktabs,natbib}\n\\begin{document}\n"
ENDING = "\n\\end{document}\n"


def wrap(text: str) -> str:
    """The LaTeX file a case's text is checked as."""
    return PREAMBLE + text + ENDING


def check_text(text: str, folder: Path, timeout: float = 30.0) -> dict[str, Any]:
    """paperlint's result dict for one text written to ``folder/main.tex``."""
    from benchmarks.accuracy import time_limit
    from paperlint.api import check_path

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "main.tex"
    path.write_text(wrap(text), encoding="utf-8")
    try:
        with time_limit(timeout):
            return check_path(path).to_dict()
    except Exception as error:  # a timeout, or a bug: that case's error, never the run's end
        return {"verdict": None, "claims": [], "compute_reports": [], "findings": [],
                "error": f"{type(error).__name__}: {error}"}


def run_cases(cases: Sequence[Case], timeout: float = 30.0,
              progress: Callable[[Case, dict[str, Any]], None] | None = None,
              ) -> dict[str, dict[str, Any]]:
    """Results by case id, each with ``seconds``. Every case gets a folder of its own, so that
    nothing read for one case (a file's mtime, a cache keyed by path) can leak into the next."""
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="paperlint-genset-") as tmp:
        for number, case in enumerate(cases):
            start = time.perf_counter()
            result = check_text(case["text"], Path(tmp) / f"case{number:04d}", timeout)
            result["seconds"] = round(time.perf_counter() - start, 4)
            results[case["id"]] = result
            if progress is not None:
                progress(case, result)
    return results
