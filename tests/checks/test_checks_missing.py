"""PL1xx rules: each fires on a hand-built case and stays quiet on its near-misses."""

from __future__ import annotations

from paperlint.api import CheckOptions
from paperlint.checks import run_checks
from paperlint.document import DocumentBuilder, SourceFile
from paperlint.extract import Extraction
from tests.checks.helpers import Paper, codes, only


def a100_run(text: str, *, count: bool = True, time: bool = True, hardware: bool = True,
             role: str = "training") -> Paper:
    paper = Paper(text)
    values: dict[str, object] = {}
    indices = []
    if hardware:
        indices.append(paper.claim("A100 GPUs", "hardware", "nvidia-a100", role))
        values["hardware"] = "nvidia-a100"
    if count:
        indices.append(paper.claim("64", "chip_count", 64, role))
        values["chip_count"] = 64
    if time:
        indices.append(paper.claim("12 days", "duration", 288.0, role))
        values["duration_hours"] = 288.0
    paper.report(*indices, role=role, **values)
    return paper


# -- PL101 -------------------------------------------------------------------------------------

def test_pl101_fires_when_no_compute_detail_and_points_at_the_experiments_section() -> None:
    text = "\\section{Intro}\nWe study parsing.\n\\section{Experiments}\nWe train for 90 epochs.\n"
    paper = Paper(text)
    paper.claim("90 epochs", "duration", 0.0, "other-work")  # not own: must not count
    result = paper.check()
    [finding] = only(result, "PL101")
    assert (finding.location.line, finding.location.column) == (3, 1)
    assert finding.location.end_line == 3
    assert result.verdict == "missing"


def test_pl101_prefers_a_training_details_heading() -> None:
    text = "\\section{Experiments}\nx\n\\subsection{Training details}\ny\n"
    [finding] = only(Paper(text).check(), "PL101")
    assert finding.location.line == 3


def test_pl101_points_at_the_top_of_the_main_file_without_a_section() -> None:
    [finding] = only(Paper("We propose a new loss.\n").check(), "PL101")
    assert (finding.location.file, finding.location.line, finding.location.column) == (
        "paper.tex", 1, 1)


def test_pl101_uses_the_included_file_holding_the_section() -> None:
    builder = DocumentBuilder("main.tex", "latex")
    main = "\\input{exp}\n"
    exp = "Intro text.\n\\section{Experimental Setup}\nWe use Adam.\n"
    builder.add_source(SourceFile("main.tex", main))
    builder.add_source(SourceFile("exp.tex", exp))
    builder.append_verbatim("exp.tex", 0, exp)
    document = builder.build()
    result = run_checks(document, Extraction(), CheckOptions())
    [finding] = only(result, "PL101")
    assert (finding.location.file, finding.location.line) == ("exp.tex", 2)


def test_pl101_quiet_with_any_own_detail() -> None:
    paper = Paper("We run all experiments on a single RTX 3090.")
    paper.claim("RTX 3090", "hardware", "nvidia-rtx-3090", "unspecified")
    assert "PL101" not in codes(paper.check())


# -- PL102 / PL103 / PL104 ---------------------------------------------------------------------

def test_pl102_fires_on_count_and_time_without_hardware() -> None:
    paper = Paper("The model was trained on 8 GPUs for 3 days.")
    count = paper.claim("8", "chip_count", 8)
    time = paper.claim("3 days", "duration", 72.0)
    paper.report(count, time, chip_count=8, duration_hours=72.0)
    [finding] = only(paper.check(), "PL102")
    assert "8 chips and 72 hours" in finding.message
    assert finding.location.column == paper.text.index("8") + 1


def test_pl102_quiet_when_hardware_named() -> None:
    assert "PL102" not in codes(a100_run("We train on 64 A100 GPUs for 12 days.").check())


def test_pl102_quiet_for_other_work() -> None:
    paper = Paper("Prior work trained on 8 GPUs for 3 days.")
    count = paper.claim("8", "chip_count", 8, "other-work")
    time = paper.claim("3 days", "duration", 72.0, "other-work")
    paper.report(count, time, role="other-work", chip_count=8, duration_hours=72.0)
    assert "PL102" not in codes(paper.check())


def test_pl103_fires_on_hardware_without_time() -> None:
    paper = a100_run("We fine-tune on 64 A100 GPUs.", time=False)
    [finding] = only(paper.check(), "PL103")
    assert "NVIDIA A100" in finding.message


def test_pl103_quiet_with_chip_hours_or_time() -> None:
    assert "PL103" not in codes(a100_run("We train on 64 A100 GPUs for 12 days.").check())
    paper = Paper("We use 900 GPU-hours on A100 GPUs.")
    hw = paper.claim("A100 GPUs", "hardware", "nvidia-a100")
    hours = paper.claim("900 GPU-hours", "chip_hours", 900.0)
    paper.report(hw, hours, hardware="nvidia-a100", chip_hours=900.0)
    assert "PL103" not in codes(paper.check())


def test_pl104_fires_on_hardware_and_time_without_count() -> None:
    paper = a100_run("Training took 12 days on A100 GPUs.", count=False)
    assert len(only(paper.check(), "PL104")) == 1


def test_pl104_quiet_with_count() -> None:
    assert "PL104" not in codes(a100_run("We train on 64 A100 GPUs for 12 days.").check())


def test_cpu_without_time_is_not_a_missing_duration() -> None:
    paper = Paper("Data are tokenized on 64 CPU cores.")
    hw = paper.claim("CPU", "hardware", "cpu")
    count = paper.claim("64", "chip_count", 64)
    paper.report(hw, count, hardware="cpu", chip_count=64)
    assert "PL103" not in codes(paper.check())


def test_fragment_with_another_phase_label_is_covered() -> None:
    paper = a100_run("We train on 64 A100 GPUs for 12 days. The A100 GPUs use bf16.")
    second = paper.text.rindex("A100 GPUs")
    paper.claims.append(paper.claims[0].__class__(
        "hardware", "A100 GPUs", "nvidia-a100", None, paper.document.location(second),
        "unspecified", second, second + 9))
    paper.report(len(paper.claims) - 1, role="unspecified", hardware="nvidia-a100")
    assert "PL103" not in codes(paper.check())


def test_inference_runs_checked_by_neurips_only() -> None:
    paper = a100_run("Evaluation runs on 64 A100 GPUs.", time=False, role="inference")
    assert "PL103" not in codes(paper.check())
    assert "PL103" in codes(paper.check(profile="neurips"))


def test_fragment_of_a_complete_run_is_not_flagged() -> None:
    paper = a100_run("We train on 64 A100 GPUs for 12 days. We train on A100 GPUs in bf16.")
    second = paper.text.rindex("A100 GPUs")
    paper.claims.append(paper.claims[0].__class__(
        "hardware", "A100 GPUs", "nvidia-a100", None, paper.document.location(second),
        "training", second, second + 9))
    paper.report(len(paper.claims) - 1, hardware="nvidia-a100", precision="bf16")
    assert "PL103" not in codes(paper.check())


# -- PL105 -------------------------------------------------------------------------------------

def test_pl105_fires_with_estimate_and_paste_sentence() -> None:
    paper = a100_run("We pretrain on 64 A100 GPUs for 12 days.")
    result = paper.check()
    [finding] = only(result, "PL105")
    assert finding.severity == "warning"
    estimate = result.compute_reports[0].estimate
    assert estimate is not None and estimate.low <= estimate.flop <= estimate.high
    # 64 × 288 h × 3600 s/h × 312e12 FLOP/s × 30% ≈ 6.2e21
    assert 5e21 < estimate.flop < 8e21
    assert finding.suggestion and "FLOP" in finding.suggestion and "A100" in finding.suggestion
    assert f"{estimate.flop:.2g}" in finding.message


def test_pl105_is_info_in_checklist_profiles() -> None:
    paper = a100_run("We pretrain on 64 A100 GPUs for 12 days.")
    assert only(paper.check(profile="acl"), "PL105")[0].severity == "info"
    assert "PL105" not in codes(paper.check(profile="aaai"))


def test_pl105_quiet_when_flop_stated_anywhere() -> None:
    paper = a100_run("We pretrain on 64 A100 GPUs for 12 days. Training used 5e21 FLOP.")
    paper.claim("5e21 FLOP", "flop", 5e21, "training")
    assert "PL105" not in codes(paper.check())


def test_pl105_quiet_when_not_estimable() -> None:
    paper = a100_run("We pretrain on 64 A100 GPUs.", time=False)
    result = paper.check()
    assert result.compute_reports[0].estimate is None
    assert "PL105" not in codes(result)


def test_pl105_quiet_for_inference_runs() -> None:
    paper = a100_run("We serve on 64 A100 GPUs for 12 days.", role="inference")
    assert "PL105" not in codes(paper.check())


def test_utilization_option_reaches_the_estimate() -> None:
    paper = a100_run("We pretrain on 64 A100 GPUs for 12 days.")
    low = paper.check(utilization=0.1).compute_reports[0].estimate
    high = paper.check(utilization=0.5).compute_reports[0].estimate
    assert low is not None and high is not None and high.flop == 5 * low.flop


# -- PL106 / PL107 / PL108 ---------------------------------------------------------------------

def test_pl106_memory_in_neurips() -> None:
    paper = a100_run("We train on 64 A100 GPUs for 12 days.")
    assert "PL106" in codes(paper.check(profile="neurips"))
    assert "PL106" not in codes(paper.check())  # not a flop-profile rule


def test_pl106_quiet_with_memory_size() -> None:
    paper = a100_run("We train on 64 A100 GPUs (80GB) for 12 days.")
    assert "PL106" not in codes(paper.check(profile="neurips"))


def test_pl106_a_dataset_size_in_gb_is_not_memory() -> None:
    # A corpus of 40 GB is not memory: the rule still fires.
    paper = a100_run("We train on 64 A100 GPUs for 12 days. The corpus is 40 GB of text.")
    assert "PL106" in codes(paper.check(profile="aaai"))


def b200_run(text: str) -> Paper:
    paper = Paper(text)
    indices = [paper.claim("B200", "hardware", "nvidia-b200"), paper.claim("8", "chip_count", 8),
               paper.claim("3 days", "duration", 72.0)]
    paper.report(*indices, hardware="nvidia-b200", chip_count=8, duration_hours=72.0)
    return paper


def test_pl106_a_memory_size_beside_any_catalogued_chip_is_memory() -> None:
    # The chip is read from the claims, not a list of three names: "8 B200 (80 GB)" gives memory.
    paper = b200_run("We train on 8 B200 (80 GB) for 3 days.")
    assert "PL106" not in codes(paper.check(profile="neurips"))


def test_pl106_a_memory_type_word_makes_a_size_memory() -> None:
    paper = b200_run("We train on 8 B200 for 3 days. Each node has 2 TB of RAM.")
    assert "PL106" not in codes(paper.check(profile="neurips"))
    hbm = b200_run("We train on 8 B200 for 3 days. The chips carry 192GB HBM3e.")
    assert "PL106" not in codes(hbm.check(profile="neurips"))


def test_pl106_a_size_in_another_sentence_than_the_chip_is_not_memory() -> None:
    paper = b200_run("We train on 8 B200 for 3 days. The dataset takes 80 GB.")
    assert "PL106" in codes(paper.check(profile="neurips"))


def test_pl107_parameter_count_in_acl() -> None:
    paper = a100_run("We train on 64 A100 GPUs for 12 days.")
    assert "PL107" in codes(paper.check(profile="acl"))
    with_params = a100_run("We train our 110M-parameter tagger on 64 A100 GPUs for 12 days.")
    with_params.claim("110M-parameter", "params", 1.1e8)
    assert "PL107" not in codes(with_params.check(profile="acl"))


def test_pl107_quiet_without_any_compute_description() -> None:
    result = Paper("We propose a loss.").check(profile="acl")
    assert "PL107" not in codes(result) and "PL101" in codes(result)


def test_pl108_software_versions_in_aaai() -> None:
    paper = a100_run("We train with PyTorch on 64 A100 GPUs (40GB) for 12 days.")
    assert "PL108" in codes(paper.check(profile="aaai"))
    versioned = a100_run("We train with PyTorch 2.1 on 64 A100 GPUs (40GB) for 12 days.")
    assert "PL108" not in codes(versioned.check(profile="aaai"))


def test_pl108_reads_the_software_names_of_rules() -> None:
    # The names come from rules/software.toml; a name's space may be left out.
    for text in ("We train with HuggingFace 4.40 on 64 A100 GPUs (40GB) for 12 days.",
                 "We train with Megatron-LM v3.0 on 64 A100 GPUs (40GB) for 12 days.",
                 "We train with JAX (0.4.23) on 64 A100 GPUs (40GB) for 12 days."):
        assert "PL108" not in codes(a100_run(text).check(profile="aaai")), text


def test_pl108_a_version_needs_a_named_software_before_it() -> None:
    # A number after a word that names no software, or a name inside a longer word, is no version.
    for text in ("We train with our code 2.1 on 64 A100 GPUs (40GB) for 12 days.",
                 "We train with PyJAXtools 1.2 on 64 A100 GPUs (40GB) for 12 days."):
        assert "PL108" in codes(a100_run(text).check(profile="aaai")), text
