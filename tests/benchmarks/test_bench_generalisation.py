"""The generalisation benchmark's scoring, split and format, on tiny cases written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generalisation import DEV, HELD, SOURCE
from benchmarks.generalisation.cases import (
    CaseError,
    derived_verdict,
    read_cases,
    read_source,
    rule_errors,
    schema_errors,
)
from benchmarks.generalisation.score import (
    Matcher,
    aggregate,
    predicted_main_report,
    score_case,
)
from benchmarks.generalisation.split import main as split_main
from benchmarks.generalisation.split import split
from tests.benchmarks.conftest import HELD_SECRET, fact, genset_case


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    from paperlint.catalogue import load_catalogue

    return Matcher(load_catalogue())


def claim(type_: str, value: object, role: str = "training", text: str = "") -> dict[str, Any]:
    return {"type": type_, "value": value, "role": role, "text": text or str(value)}


def result(verdict: str | None, claims: list[dict[str, Any]], codes: tuple[str, ...] = (),
           reports: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"verdict": verdict, "claims": claims, "compute_reports": reports or [],
            "findings": [{"code": c} for c in codes], "error": None}


def report(role: str = "training", **fields: object) -> dict[str, Any]:
    base: dict[str, Any] = {k: None for k in ("hardware", "chip_count", "duration_hours",
                                              "chip_hours", "flop")}
    return {**base, "role": role, "estimate": None, **fields}


RUN = genset_case("x-001", "We trained on 8 V100s for 3 days (2--3 days on 4 nodes x 2).",
                  "complete", [fact("hardware", "NVIDIA V100"), fact("chip_count", 8),
                               fact("duration", 72), fact("duration", 48, optional=True),
                               fact("duration", 24, "distractor")])


# --------------------------------------------------------------------------------- claim counts

def test_facts_found_missed_and_claims_matching_nothing(matcher: Matcher) -> None:
    found = result("complete", [claim("hardware", "nvidia-v100-sxm2"), claim("chip_count", 8.0),
                                claim("chip_count", 4.0), claim("duration", 48.0)])
    score = score_case(RUN, found, matcher)
    assert score.counts["hardware"]["tp"] == 1 and score.counts["chip_count"]["tp"] == 1
    assert score.counts["chip_count"]["fp"] == 1  # the node count
    assert score.counts["duration"] == {"tp": 0, "fp": 0, "fn": 1, "unjudged": 1,
                                        "distractor_hits": 0}
    assert score.training_found == {"hardware": [1, 1], "chip_count": [1, 1], "duration": [0, 1]}
    assert any("FN duration=72" in m for m in score.misses)


def test_a_claim_on_a_distractor_is_a_false_positive_and_counted_as_such(matcher: Matcher
                                                                         ) -> None:
    score = score_case(RUN, result("complete", [claim("duration", 24.0)]), matcher)
    assert score.counts["duration"]["fp"] == 1 and score.counts["duration"]["distractor_hits"] == 1


def test_values_match_within_one_percent_only(matcher: Matcher) -> None:
    near, far = (score_case(RUN, result("complete", [claim("duration", v)]), matcher)
                 for v in (72.5, 73.0))
    assert near.counts["duration"]["tp"] == 1 and far.counts["duration"]["tp"] == 0


@pytest.mark.parametrize(("gold", "found", "same"), [
    ("NVIDIA V100", "nvidia-v100-sxm2", True),
    ("NVIDIA V100", "nvidia-v100s", False),  # the plural "V100s" is not the V100S
    ("TPU v3", "google-tpu-v3", True),
    ("TPU", "google-tpu-v4", True),  # a TPU of unknown generation: any TPU
    ("TPU", "nvidia-a100", False),
    ("Intel Xeon Gold 6248R", "cpu", True),  # a CPU model the catalogue lacks
    ("NVIDIA A100", "nvidia-a10", False),
])
def test_hardware_is_matched_through_the_catalogue(matcher: Matcher, gold: str, found: str,
                                                   same: bool) -> None:
    assert matcher.hardware(gold, found) is same


# ------------------------------------------------------------------------------------- roles

@pytest.mark.parametrize(("gold_role", "found_role", "agree"), [
    ("training", "unspecified", True), ("training", "fine-tuning", True),
    ("training", "other-work", False), ("other-work", "other-work", True),
    ("other-work", "training", False), ("specification", "unspecified", False),
    ("hypothetical", "hypothetical", True), ("ablation", "training", True),
])
def test_role_agreement(matcher: Matcher, gold_role: str, found_role: str, agree: bool) -> None:
    case = genset_case("x-002", "text of the case", "missing", [fact("chip_count", 64, gold_role)])
    score = score_case(case, result("missing", [claim("chip_count", 64.0, found_role)]), matcher)
    assert score.roles == {gold_role: [int(agree), 1]}


def test_two_facts_of_one_value_need_two_claims_to_agree_on_both(matcher: Matcher) -> None:
    case = genset_case("x-003", "text of the case", "complete",
                       [fact("hardware", "NVIDIA A100"), fact("hardware", "NVIDIA A100",
                                                              "specification")])
    one = score_case(case, result("partial", [claim("hardware", "nvidia-a100")]), matcher)
    assert one.roles == {"training": [1, 1], "specification": [0, 1]}


# ------------------------------------------------------------------- verdicts and findings

def test_missing_detail_findings_on_a_missing_case_are_counted(matcher: Matcher) -> None:
    case = genset_case("x-004", "text of the case", "missing", [])
    score = score_case(case, result("partial", [], ("PL102", "PL105")), matcher)
    assert score.missing_detail_codes == ("PL102",) and not score.verdict_right


def test_aggregate_confusion_and_per_class(matcher: Matcher) -> None:
    scores = [score_case(RUN, result("complete", []), matcher),
              score_case(genset_case("y-001", "t" * 12, "missing", [], cls="sizes", nm=True),
                         result("partial", [], ("PL103",)), matcher)]
    figures = aggregate(scores)
    assert figures["verdicts"]["correct"] == 1
    assert figures["verdicts"]["matrix"]["missing"]["partial"] == 1
    assert figures["missing_cases_without_PL102_PL104"] == {"cases": 1, "quiet": 0, "share": 0.0}
    assert figures["per_class"]["sizes"]["verdict_accuracy"] == 0.0
    assert figures["near_miss"]["cases"] == 1 and figures["positive"]["cases"] == 1
    assert figures["training_facts"]["total"] == 3


def test_an_error_is_its_own_column() -> None:
    from paperlint.catalogue import load_catalogue

    broken: dict[str, Any] = {"verdict": None, "claims": [], "compute_reports": [], "findings": [],
                              "error": "boom"}
    figures = aggregate([score_case(RUN, broken, Matcher(load_catalogue()))])
    assert figures["verdicts"]["matrix"]["complete"]["error"] == 1


# ------------------------------------------------------------------------------ main report

MAIN = {"hardware": "NVIDIA A100", "chip_count": 64, "duration_hours": 120, "chip_hours": None,
        "flop": None}


def test_the_main_report_is_the_largest_own_training_report() -> None:
    small = report(hardware="nvidia-a100", chip_count=8, duration_hours=2)
    large = report(hardware="nvidia-a100", chip_count=64, duration_hours=120)
    other = report("other-work", chip_count=4096, duration_hours=900)
    assert predicted_main_report(result("complete", [], reports=[small, large, other])) == large


def test_a_report_marked_main_wins_over_size() -> None:
    small = {**report(chip_count=8, duration_hours=2), "main": True}
    large = report(chip_count=64, duration_hours=120)
    assert predicted_main_report(result("complete", [], reports=[large, small])) == small


def test_an_ablations_gpu_hours_merged_into_the_main_report_disagree(matcher: Matcher) -> None:
    case = genset_case("x-005", "text of the case", "complete",
                       [fact("hardware", "NVIDIA A100"), fact("chip_count", 64),
                        fact("duration", 120), fact("chip_hours", 2000, "ablation")],
                       main_report=MAIN)
    merged = report(hardware="nvidia-a100", chip_count=64, duration_hours=120, chip_hours=2000)
    right = report(hardware="nvidia-a100", chip_count=64, duration_hours=120)
    bad = score_case(case, result("complete", [], reports=[merged]), matcher)
    good = score_case(case, result("complete", [], reports=[right]), matcher)
    assert bad.main_report is not None and not bad.main_report["agree"]
    assert not bad.main_report["fields"]["chip_hours"]
    assert good.main_report is not None and good.main_report["agree"]


# ----------------------------------------------------------------------- format and verdicts

@pytest.mark.parametrize(("facts", "verdict"), [
    ([fact("flop", 1e21)], "complete"),
    ([fact("hardware", "H100"), fact("chip_count", 8), fact("duration", 5)], "complete"),
    ([fact("hardware", "H100"), fact("chip_hours", 500)], "complete"),
    ([fact("hardware", "H100"), fact("chip_hours", 500, "ablation")], "partial"),
    ([fact("hardware", "Jetson Nano", "inference")], "partial"),
    ([fact("params", 1e9), fact("tokens", 2e10)], "partial"),
    ([fact("params", 1e9), fact("tokens", 2e10, "data")], "missing"),
    ([fact("duration", 5, optional=True)], "missing"),
    ([fact("flop", 1e24, "other-work"), fact("chip_count", 8, "hypothetical")], "missing"),
])
def test_derived_verdict(facts: list[dict[str, Any]], verdict: str) -> None:
    assert derived_verdict(facts) == verdict


BROKEN: list[dict[str, Any]] = [
    {"verdict": "done"},
    {"facts": [{"type": "precision", "value": "fp12", "role": "training"}]},
    {"facts": [{"type": "duration", "value": "5 h", "role": "training"}]},
    {"facts": [{"type": "duration", "value": 5, "role": "ours"}]},
    {"main_report": {"hardware": "A100"}},
    {"surprise": 1},
]


@pytest.mark.parametrize("broken", BROKEN)
def test_the_schema_rejects_malformed_cases(broken: dict[str, Any]) -> None:
    case = {**genset_case("x-006", "a text long enough", "missing", []), **broken}
    assert schema_errors(case)


def test_a_verdict_the_facts_do_not_imply_is_an_error() -> None:
    case = genset_case("x-007", "a text long enough", "complete", [fact("duration", 5)])
    assert not schema_errors(case)
    assert rule_errors(case) == ["verdict complete but the facts imply partial"]


def test_a_bad_line_is_one_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text('{"id": "x-008"}\n{oops\n', encoding="utf-8")
    with pytest.raises(CaseError, match=r"dev\.jsonl:1: "):
        read_cases(path)


def test_every_committed_case_validates() -> None:
    from paperlint.catalogue import load_catalogue

    catalogue = load_catalogue()
    cases = read_source()  # raises on any schema violation or a repeated id
    problems = {c["id"]: rule_errors(c, catalogue) for c in cases}
    assert {k: v for k, v in problems.items() if v} == {}
    assert len(cases) >= 360
    classes = {c["class"] for c in cases}
    assert all(sum(c["class"] == k for c in cases) >= 20 for k in classes)
    assert sum(c["near_miss"] for c in cases) >= len(cases) / 3


# ------------------------------------------------------------------------------------ split

def _cases(counts: dict[str, int]) -> list[dict[str, Any]]:
    return [genset_case(f"{k}-{i:03d}", "a text long enough", "missing", [], cls=k)
            for k, n in counts.items() for i in range(1, n + 1)]


def test_the_split_is_deterministic_stratified_and_order_free() -> None:
    cases = _cases({"sizes": 9, "paper": 30, "cited": 20})
    dev, held = split(cases)
    again = split(list(reversed(cases)))
    assert (dev, held) == again
    for name, n in (("sizes", 9), ("paper", 30), ("cited", 20)):
        assert sum(c["class"] == name for c in held) == round(n / 3)
    assert {c["id"] for c in dev} | {c["id"] for c in held} == {c["id"] for c in cases}
    assert not {c["id"] for c in dev} & {c["id"] for c in held}


def test_a_class_draw_does_not_depend_on_other_classes() -> None:
    _, held = split(_cases({"sizes": 9, "paper": 30}))
    _, more = split(_cases({"sizes": 9, "paper": 31}))
    assert [c["id"] for c in held if c["class"] == "sizes"] == \
        [c["id"] for c in more if c["class"] == "sizes"]


def test_the_committed_files_are_the_split_of_the_source(capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    assert split_main(["--check"]) == 0
    assert DEV.is_file() and HELD.is_file() and SOURCE.is_dir()


def test_check_reports_a_stale_split(tmp_path: Path) -> None:
    (tmp_path / "dev.jsonl").write_text("", encoding="utf-8")
    assert split_main(["--check", "--dev", str(tmp_path / "dev.jsonl"),
                       "--held", str(tmp_path / "held.jsonl")]) == 1


# -------------------------------------------------------------------------------- the command

def test_the_command_lists_dev_misses_and_never_held_ones(
        tiny_genset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.generalisation.__main__ import main

    out = tmp_path / "g.json"
    assert main(["--dir", str(tiny_genset), "--json", str(out), "--misses"]) == 0
    printed = capsys.readouterr().out
    assert "Generalisation set: dev (2 cases" in printed
    assert "Generalisation set: held (1 cases" in printed
    assert "Misses (dev:" in printed and "not listed: the held split" in printed
    written = out.read_text(encoding="utf-8")
    for secret in ("paper-003", HELD_SECRET, "quokka"):
        assert secret not in printed and secret not in written
    data = json.loads(written)
    assert "misses" in data["splits"]["dev"] and "misses" not in data["splits"]["held"]


def test_the_command_on_a_bad_file_is_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.generalisation.__main__ import main

    (tmp_path / "dev.jsonl").write_text("{oops\n", encoding="utf-8")
    assert main(["--dir", str(tmp_path), "--split", "dev", "--json",
                 str(tmp_path / "g.json")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "dev.jsonl:1: not JSON" in err[0]
