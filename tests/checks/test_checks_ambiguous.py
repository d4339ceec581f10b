"""PL2xx rules: ambiguous units and names, firing cases and near-misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.catalogue import load_catalogue
from paperlint.checks.ambiguous import ambiguous_alternatives
from tests.checks.helpers import Paper, codes, only

# -- PL201 -------------------------------------------------------------------------------------


def test_pl201_flops_used_for_a_count() -> None:
    paper = Paper("Training used 3.1e21 FLOPS in total.")
    paper.claim("3.1e21 FLOPS", "flop", 3.1e21)
    [finding] = only(paper.check(), "PL201")
    assert 'write "FLOP"' in finding.message and "amount" in finding.message
    start = paper.text.index("FLOPS")
    assert (finding.location.column, finding.location.end_column) == (start + 1, start + 6)


def test_pl201_tflops_used_for_a_rate() -> None:
    paper = Paper("The A100 reaches 312 TFLOPS in bf16.")
    paper.claim("312 TFLOPS", "flop_rate", 3.12e14, "specification")
    [finding] = only(paper.check(), "PL201")
    assert '"TFLOP/s"' in finding.message


def test_pl201_unclear_when_read_both_ways_suggests_both() -> None:
    paper = Paper("The model needs 12 GFLOPs.")
    paper.claim("12 GFLOPs", "flop", 1.2e10)
    paper.claim("12 GFLOPs", "flop_rate", 1.2e10)
    [finding] = only(paper.check(), "PL201")
    assert '"GFLOP" for an amount or "GFLOP/s" for a rate' in finding.message
    assert finding.fix is None  # which one the author meant is theirs to say


def test_pl201_judges_the_claims_unit_not_any_flops_in_the_text() -> None:
    # PL201 reads the claims: a "FLOPs" the extractor read no figure with (here none at all) is
    # prose, and one claim's unit is one finding however many claims read it.
    assert "PL201" not in codes(Paper("The model needs 12 GFLOPs.").check())
    paper = Paper("Training used 2-3e21 FLOPs in total.")
    paper.claim("2-3e21 FLOPs", "flop", 3e21)
    paper.claim("3e21 FLOPs", "flop", 3e21)
    [finding] = only(paper.check(), "PL201")
    assert finding.location.column == paper.text.index("FLOPs") + 1


def test_pl201_reads_the_extractors_claims_end_to_end(tmp_path: Path) -> None:
    from paperlint.api import check_path

    tex = tmp_path / "main.tex"
    tex.write_text("\\documentclass{article}\n\\begin{document}\nWe trained for 3 days on 8 "
                   "A100 GPUs, 1.2e21 FLOPs in all; an A100 peaks at 312 TFLOPS. We report "
                   "FLOPs per token in Table 2.\n\\end{document}\n", encoding="utf-8")
    findings = only(check_path(tex), "PL201")
    assert ['"FLOPs" is used for an amount' in f.message for f in findings] == [True, False]
    assert '"TFLOPS" is used for a rate' in findings[1].message


def test_pl201_looks_at_other_work_wording_too() -> None:
    paper = Paper("GPT-3 used 3.14e23 FLOPs.")
    paper.claim("3.14e23 FLOPs", "flop", 3.14e23, "other-work")
    assert "PL201" in codes(paper.check())


@pytest.mark.parametrize(
    "text",
    [
        "Training used 3.1e21 FLOP in total.",
        "The A100 reaches 312 TFLOP/s in bf16.",
        "Throughput is 150 TFLOPs/s per GPU.",
        "Throughput is 150 TFLOPS per second per GPU.",
        "We report FLOPs for each model in Table 2.",  # no figure: prose
        "Training took 3.5 petaflop/s-days.",
    ],
)
def test_pl201_near_misses(text: str) -> None:
    assert "PL201" not in codes(Paper(text).check())


# -- PL202 -------------------------------------------------------------------------------------


def tpu_paper(text: str, wording: str, role: str = "training") -> Paper:
    paper = Paper(text)
    paper.claim(wording, "hardware", "google-tpu-v3", role)
    return paper


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("Our model is pre-trained for six days on a TPU v3-8.", "TPU v3-8"),
        ("Training used 512 TPU v3 cores for two days.", "TPU v3"),
        ("We train on a TPU v3 pod for a day.", "TPU v3"),
        ("We used 32 TPU devices for training.", "TPU"),
    ],
)
def test_pl202_fires_on_cores_slices_pods_devices(text: str, wording: str) -> None:
    [finding] = only(tpu_paper(text, wording).check(), "PL202")
    assert "chips" in finding.message


def test_pl202_quiet_when_chips_are_stated() -> None:
    paper = tpu_paper("We pretrain on a TPU v3-8 slice (4 chips) for one week.", "TPU v3-8")
    paper.claim("4 chips", "chip_count", 4.0)
    assert "PL202" not in codes(paper.check())
    # The chips of another sentence do not say how many this slice has.
    paper = tpu_paper("We pretrain on a TPU v3-8 slice for one week. Serving used 4 chips.",
                      "TPU v3-8")
    paper.claim("4 chips", "chip_count", 4.0, sentence=1)
    assert "PL202" in codes(paper.check())


@pytest.mark.parametrize(("text", "wording", "quoted"), [
    ("We train on 128 cores of a Cloud TPU v3 for a day.", "TPU v3", "cores of a Cloud TPU v3"),
    ("We train on a TPU v3-512 for a day.", "TPU v3", "TPU v3-512"),
    ("We train on 2 TPU v4 boards for a day.", "TPU v4", "TPU v4 boards"),
])
def test_pl202_quotes_the_wording_that_counts_no_chips(text: str, wording: str,
                                                       quoted: str) -> None:
    [finding] = only(tpu_paper(text, wording).check(), "PL202")
    assert finding.message.startswith(f'"{quoted}" counts')


def test_pl202_quiet_for_a_gpu_counted_in_devices() -> None:
    paper = Paper("We used 32 A100 devices for training.")
    paper.claim("A100", "hardware", "nvidia-a100")
    paper.claim("32 A100 devices", "chip_count", 32.0)
    assert "PL202" not in codes(paper.check())


def test_pl202_reads_the_extractors_claims_end_to_end(tmp_path: Path) -> None:
    from paperlint.api import check_path

    tex = tmp_path / "main.tex"
    tex.write_text("\\documentclass{article}\n\\begin{document}\nWe pretrain on a TPU v3-8 "
                   "for 3 days. Fine-tuning takes 2 hours on 4 TPU v4 chips.\n\\end{document}\n",
                   encoding="utf-8")
    [finding] = only(check_path(tex), "PL202")
    assert finding.message.startswith('"TPU v3-8" counts') and finding.location.line == 3


def test_pl202_quiet_for_other_work() -> None:
    paper = tpu_paper("T5 was trained on a TPU v3 pod.", "TPU v3", "other-work")
    assert "PL202" not in codes(paper.check())


@pytest.mark.parametrize("text", [
    "We train on TPU v4 hardware and compare with DeepSeek-V2-0506.",
    "Our model, Foo-v3-8, is trained on TPU v4 hardware.",
])
def test_pl202_quiet_on_model_versions_that_look_like_slices(text: str) -> None:
    assert "PL202" not in codes(tpu_paper(text, "TPU v4").check())
    # The same sentence with a real slice name fires.
    sliced = text.replace("TPU v4 hardware", "a v4-32 slice")
    assert "PL202" in codes(tpu_paper(sliced, "v4-32").check())


def test_pl202_quiet_on_chip_counts() -> None:
    assert "PL202" not in codes(tpu_paper("We train on 64 TPU v4 chips.", "TPU v4").check())


# -- PL203 -------------------------------------------------------------------------------------


def test_pl203_chip_hours_without_type() -> None:
    paper = Paper("Training took about 1,200 GPU-hours in total.")
    hours = paper.claim("1,200 GPU-hours", "chip_hours", 1200.0)
    paper.report(hours, chip_hours=1200.0)
    result = paper.check()
    [finding] = only(result, "PL203")
    assert "1,200 GPU-hours" in finding.message
    assert "PL102" not in codes(result)  # the more specific rule speaks


def test_pl203_says_what_a_bare_table_cell_counts() -> None:
    # "120" under a "GPU-hours" header: the message and the sentence to paste name the unit.
    paper = Paper("Small & 8 & 120")
    hours = paper.claim("120", "chip_hours", 120.0)
    paper.report(hours, chip_hours=120.0)
    [finding] = only(paper.check(), "PL203")
    assert '"120" (chip-hours)' in finding.message
    assert finding.suggestion is not None and '"120 chip-hours on' in finding.suggestion


def test_pl203_quiet_with_type_in_report_or_sentence() -> None:
    paper = Paper("Training took about 1,200 A100 GPU-hours.")
    hw = paper.claim("A100", "hardware", "nvidia-a100")
    hours = paper.claim("1,200 A100 GPU-hours", "chip_hours", 1200.0)
    paper.report(hw, hours, hardware="nvidia-a100", chip_hours=1200.0)
    assert "PL203" not in codes(paper.check())
    loose = Paper("Training took about 1,200 GPU-hours on V100 cards.")
    loose.claim("1,200 GPU-hours", "chip_hours", 1200.0)
    loose.claim("V100", "hardware", "nvidia-v100-sxm2")
    assert "PL203" not in codes(loose.check())


def test_pl203_quiet_for_other_work() -> None:
    paper = Paper("Their model took 5,000 GPU-hours.")
    paper.claim("5,000 GPU-hours", "chip_hours", 5000.0, "other-work")
    assert "PL203" not in codes(paper.check())


# -- PL204 -------------------------------------------------------------------------------------


def test_pl204_titan_x_is_ambiguous() -> None:
    paper = Paper("We train on 4 Titan X GPUs for 2 days. Later, the Titan X runs again.")
    paper.claim("Titan X GPUs", "hardware", "nvidia-titan-x-maxwell")
    second = paper.text.rindex("Titan X")
    paper.claims.append(paper.claims[0].__class__(
        "hardware", "Titan X", "nvidia-titan-x-maxwell", None, paper.document.location(second),
        "training", second, second + 7))
    [finding] = only(paper.check(), "PL204")  # once per name
    assert "Maxwell" in finding.message and "Pascal" in finding.message
    assert (finding.location.line, finding.location.column) == (1, paper.text.index("Titan") + 1)


def test_pl204_quiet_on_exact_names_and_other_work() -> None:
    exact = Paper("We train on 4 Titan X (Pascal) GPUs.")
    exact.claim("Titan X (Pascal) GPUs", "hardware", "nvidia-titan-x-pascal")
    assert "PL204" not in codes(exact.check())
    other = Paper("AlexNet-era work used Titan X GPUs.")
    other.claim("Titan X GPUs", "hardware", "nvidia-titan-x-maxwell", "other-work")
    assert "PL204" not in codes(other.check())


def test_pl204_ignores_catalogue_notes_that_are_not_about_the_name() -> None:
    # The A100 entry's note is about sparse datasheet figures, not an ambiguous name.
    paper = Paper("We train on 8 A100 GPUs.")
    paper.claim("A100 GPUs", "hardware", "nvidia-a100")
    assert "PL204" not in codes(paper.check())


def test_pl204_names_the_variants_and_their_peaks() -> None:
    paper = Paper("We train on 4 NVIDIA GTX Titan X 12GB GPUs.")
    paper.claim("NVIDIA GTX Titan X 12GB GPUs", "hardware", "nvidia-titan-x-maxwell")
    [finding] = only(paper.check(), "PL204")
    assert "6.69 TFLOP/s FP32" in finding.message and "11 TFLOP/s FP32" in finding.message
    assert finding.message.endswith("the estimate assumes NVIDIA GeForce GTX Titan X (Maxwell)")


@pytest.mark.parametrize(
    ("wording", "hardware"),
    [
        ("Titan X", "nvidia-titan-x-maxwell"),
        ("GeForce GTX TITAN X", "nvidia-titan-x-maxwell"),
        ("H100", "nvidia-h100-sxm"),  # PCIe peaks 24% lower than SXM5
        ("H100 80GB GPUs", "nvidia-h100-sxm"),  # both variants have 80 GB
        ("Graphcore IPU", "graphcore-gc200"),  # MK1 is half of MK2
        ("Huawei Ascend", "huawei-ascend-910"),
    ],
)
def test_pl204_fires_on_bare_names_with_material_gaps(wording: str, hardware: str) -> None:
    paper = Paper(f"All models were trained on {wording} accelerators.")
    paper.claim(wording, "hardware", hardware)
    assert "PL204" in codes(paper.check())


@pytest.mark.parametrize(
    ("wording", "hardware"),
    [
        ("Titan Xp", "nvidia-titan-xp"),  # its own chip, not a Titan X
        ("Titan X (Pascal)", "nvidia-titan-x-pascal"),
        ("Titan X Maxwell", "nvidia-titan-x-maxwell"),
        ("V100", "nvidia-v100-sxm2"),  # PCIe is 10% below SXM2: inside MATERIAL_GAP
        ("Tesla P100", "nvidia-p100-pcie"),  # SXM2 is 14% above PCIe
        ("H100 PCIe", "nvidia-h100-pcie"),
        ("H100 SXM5", "nvidia-h100-sxm"),
        ("H100 80GB HBM3", "nvidia-h100-sxm"),  # HBM3 is the SXM5 module's memory
        ("IPU MK2", "graphcore-gc200"),
        ("Ascend 910B", "huawei-ascend-910b"),
        ("A100", "nvidia-a100"),  # no variants in the catalogue
    ],
)
def test_pl204_quiet_on_exact_or_close_names(wording: str, hardware: str) -> None:
    paper = Paper(f"All models were trained on {wording} accelerators.")
    paper.claim(wording, "hardware", hardware)
    assert "PL204" not in codes(paper.check())


def test_ambiguous_alternatives_uses_the_threshold(tmp_path: Path) -> None:
    # Two made-up chips 10% and 30% apart: only the second gap is material.
    table = """
[[hardware]]
id = "acme-x1"
name = "Acme X1"
vendor = "Acme"
kind = "accelerator"
family = "x"
aliases = ["X1", "Acme X"]
peak_flop_per_s = { bf16 = 100e12 }
ambiguous_names = ["Acme X"]
variants = ["acme-x1", "acme-x1-fast"]
source = "test"

[[hardware]]
id = "acme-x1-fast"
name = "Acme X1 Fast"
vendor = "Acme"
kind = "accelerator"
family = "x"
aliases = ["X1 Fast"]
peak_flop_per_s = { bf16 = GAP }
source = "test"
"""
    for gap, expected in (("110e12", False), ("130e12", True)):
        path = tmp_path / f"hw{gap}.toml"
        path.write_text(table.replace("GAP", gap), encoding="utf-8")
        catalogue = load_catalogue(path=path)
        entry = catalogue.get("acme-x1")
        assert bool(ambiguous_alternatives("Acme X accelerators", entry, catalogue)) is expected
        assert not ambiguous_alternatives("Acme X1", entry, catalogue)


def test_pl204_quiet_when_the_variant_is_named_elsewhere() -> None:
    paper = Paper("Our H100 GPUs ran hot. The cluster has 64 H100 SXM5 boards.")
    paper.claim("H100 GPUs", "hardware", "nvidia-h100-sxm")
    paper.claim("H100 SXM5", "hardware", "nvidia-h100-sxm")
    assert "PL204" not in codes(paper.check())
    pcie = Paper("Our H100 GPUs ran hot. Each node holds 4 H100 PCIe cards.")
    pcie.claim("H100 GPUs", "hardware", "nvidia-h100-sxm")
    pcie.claim("H100 PCIe", "hardware", "nvidia-h100-pcie")
    assert "PL204" not in codes(pcie.check())
    # Near miss: a variant named only for another paper's run does not settle ours.
    other = Paper("Our H100 GPUs ran hot. Prior work used H100 PCIe cards.")
    other.claim("H100 GPUs", "hardware", "nvidia-h100-sxm")
    other.claim("H100 PCIe", "hardware", "nvidia-h100-pcie", "other-work")
    assert "PL204" in codes(other.check())


def test_pl204_quiet_on_a_name_with_a_documented_default() -> None:
    paper = Paper("We train on 8 V100 GPUs for 2 days.")
    paper.claim("V100 GPUs", "hardware", "nvidia-v100-sxm2")
    assert "PL204" not in codes(paper.check())
