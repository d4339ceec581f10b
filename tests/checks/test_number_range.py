"""Numbers beyond float range (issue 19): a PL006 finding, never a crash; every output strict JSON.

``float("1e400")`` is infinity, and so is ``1e200 * 1e200``. Infinity once crashed the checks
(``int(inf)``, a format string) or reached the JSON report as ``Infinity``, which is not JSON.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import Paper, codes

from paperlint.api import check_path
from paperlint.cli import main
from paperlint.model import DocumentResult, Report
from paperlint.report import renderer
from paperlint.report.json import dumps


def _strict(text: str) -> Any:
    """json.loads that refuses Infinity and NaN, as most JSON parsers do."""
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _finite_everywhere(data: Any) -> bool:
    if isinstance(data, float):
        return math.isfinite(data)
    if isinstance(data, dict):
        return all(_finite_everywhere(v) for v in data.values())
    if isinstance(data, list):
        return all(_finite_everywhere(v) for v in data)
    return True


def _paper(tmp_path: Path, body: str) -> Path:
    paper = tmp_path / "paper.tex"
    paper.write_text("\\documentclass{article}\n\\begin{document}\n" + body
                     + "\n\\end{document}\n", encoding="utf-8")
    return paper


BEYOND = [
    "Training took $10^{400}$ FLOP on 8 A100 GPUs for 3 days.",  # once an internal error
    "Training took $10^{400}$ FLOP.",  # once "flop": Infinity in the JSON
    "We trained a 1e400 parameter model on 1e400 tokens with 1e400 GPUs for 1e400 hours.",
    "Training used " + "9" * 400 + " FLOP.",
    "The run took $3\\times10^{999}$ FLOP, about 10⁴⁰⁰ operations.",
    # Finite as written, beyond range once normalised (trillion tokens, weeks in hours).
    "We used 1.7e308 trillion tokens.",
    "We used 1e308 billion parameters.",
    "It took 1e308 weeks on 8 A100 GPUs.",
    "It took 1.5e308 PFLOP.",
    # Finite figures whose estimate is not (6 x 1e200 x 1e200; 1e300 GPU-hours at a peak).
    "We trained a model with 1e200 parameters on 1e200 tokens.",
    "Training took 1e300 GPU-hours on A100 GPUs.",
    "We trained on 8 A100 GPUs for 1e306 days, 1e308 FLOP in total.",
]


@pytest.mark.parametrize("body", BEYOND)
def test_a_number_beyond_float_range_is_a_finding_never_a_crash(tmp_path: Path,
                                                                 body: str) -> None:
    result = check_path(_paper(tmp_path, body))
    assert result.error is None, result.error
    assert "PL006" in codes(result)
    assert _finite_everywhere(result.to_dict())
    for fmt in ("json", "jsonl", "sarif"):
        _strict(renderer(fmt)(Report((result,), "0")))


def test_the_finding_is_where_the_number_is(tmp_path: Path) -> None:
    result = check_path(_paper(tmp_path, "Our budget was\nabout $10^{400}$ FLOP."))
    (finding,) = [f for f in result.findings if f.code == "PL006"]
    assert (finding.location.file, finding.location.line) == ("paper.tex", 4)
    assert "10^400" in finding.message and "not read" in finding.message


@pytest.mark.parametrize("body", [
    "Training took $10^{23}$ FLOP on 8 A100 GPUs for 3 days.",
    "Training took $10^{300}$ FLOP.",  # large, but a float
    "The loss fell to $10^{-400}$.",  # tiny: it rounds to zero, no overflow
    "We used 1e308 tokens.",
    # Beyond range but no quantity: no unit follows (a bound in a proof; a PDF's exponent and a
    # footnote mark run together).
    "The number of programs is at most $10^{400}$, so the search ends.",
    "Figure 3: accuracy against steps, 10^2 10^375 on the axis.",
    # A model noun after axis ticks is no unit: a size needs a suffix ("a 7B model").
    "Figure 4: 10^2 10^375 80 90 Transformer baseline model.",
])
def test_numbers_within_range_stay_quiet(tmp_path: Path, body: str) -> None:
    result = check_path(_paper(tmp_path, body))
    assert result.error is None and "PL006" not in codes(result)


def test_the_cli_exit_code_and_strict_json(tmp_path: Path) -> None:
    paper = _paper(tmp_path, "Training took $10^{400}$ FLOP on 8 A100 GPUs for 3 days.")
    result = CliRunner().invoke(main, ["check", str(paper), "--format", "json"])
    assert result.exit_code == 1  # a warning, not an unreadable paper
    data = _strict(result.stdout)
    assert "PL006" in [f["code"] for f in data["documents"][0]["findings"]]


def test_a_hand_built_claim_that_is_infinite_is_dropped_with_its_figure() -> None:
    paper = Paper("We trained on 8 GPUs for a very long time.")
    count = paper.claim("8 GPUs", "chip_count", 8.0)
    time = paper.claim("a very long time", "duration", math.inf)
    paper.report(count, time, chip_count=8, duration_hours=math.inf)
    result = paper.check()
    assert "PL006" in codes(result)
    assert [c.type for c in result.claims] == ["chip_count"]
    (report,) = result.compute_reports
    assert report.duration_hours is None and report.claims == (0,)
    assert _finite_everywhere(result.to_dict())


def test_dumps_writes_null_for_what_slipped_through() -> None:
    assert _strict(dumps({"a": [math.inf, -math.inf, math.nan, 1.5]})) == {
        "a": [None, None, None, 1.5]}
    document = DocumentResult("p.tex", "latex")
    assert _strict(dumps(document.to_dict()))["path"] == "p.tex"
