"""Every claim type: sentences that must match with the exact normalised value, and near-misses."""

from __future__ import annotations

import pytest

from tests.extract.helpers import claims_of, run, values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We train on NVIDIA A100 GPUs.", "nvidia-a100"),
        ("Training used eight Tesla V100-SXM2-32GB cards.", "nvidia-v100-sxm2"),
        ("All runs used A100s.", "nvidia-a100"),
        ("We trained on V100 GPUs.", "nvidia-v100"),
        ("The model was trained on a TPU v3 pod.", "google-tpu-v3"),
        ("Our runs used TPUv3 hardware.", "google-tpu-v3"),
        ("We fine-tune on one AMD MI250x.", "amd-mi250x"),
    ],
)
def test_hardware_names_resolve_to_catalogue_ids(text: str, expected: str) -> None:
    found = values(text, "hardware")
    assert found, text
    assert str(found[0]).startswith(expected)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("We train on 8 NVIDIA A100 GPUs.", 8),
        ("We train on eight P100 GPUs.", 8),
        ("The model fits on a single K40 GPU.", 1),
        ("Training used 8×A100 for the big model.", 8),
        ("Training used 8x V100 for the big model.", 8),
        ("Training ran on 4 nodes with 8 GPUs each.", 32),
        ("Training spans 32 8xH100 nodes of the cluster.", 256),
        ("We train on 2 DGX-2 systems.", 32),
        ("The model was trained on a TPU v3-512 slice.", 256),
        ("Pretraining used 64 TPU chips.", 64),
        ("We used one p4d.24xlarge instance.", 8),
        ("All experiments use 8-GPU distributed training.", 8),
    ],
)
def test_chip_counts_with_compositions(text: str, count: int) -> None:
    assert count in values(text, "chip_count"), text


@pytest.mark.parametrize(
    "text",
    [
        "Our cluster has 8 H100 nodes.",  # nodes, not chips
        "The citation graph has 81 million paper nodes and 4 GPUs worth of edges.",
        "We compare 3 models and 2023 baselines.",
        "Each A100 has 80 GB of memory.",
    ],
)
def test_chip_count_near_misses(text: str) -> None:
    assert values(text, "chip_count") == [], text


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Training takes 3 days.", 72.0),
        ("We trained for two weeks.", 336.0),
        ("The run took 36h.", 36.0),
        ("Training took 11.5 hours.", 11.5),
        ("Fine-tuning took 40 minutes.", 40 / 60),
        ("Pretraining ran for one month.", 730.0),
        ("Training converged in about a day.", 24.0),
        ("Training took 3.5 hours per epoch, and we trained for 100 epochs.", 350.0),
    ],
)
def test_durations_in_hours(text: str, hours: float) -> None:
    assert values(text, "duration") == [pytest.approx(hours)], text


@pytest.mark.parametrize(
    "text",
    [
        "Annotators spent 3 days labelling the data.",
        "The user study participants worked for 2 hours.",
        "Annotators earned 15-20$ per hour.",
        "In 2023 we revisited section 3.2 of the report.",
        "The robot runs its controller at 20 Hz for 5 minutes of driving.",
        "The corpus holds 300 hours of speech.",
    ],
)
def test_duration_near_misses(text: str) -> None:
    assert values(text, "duration") == [], text


@pytest.mark.parametrize(
    ("text", "chip_hours"),
    [
        ("Training used 1,200 GPU-hours.", 1200.0),
        ("The sweep cost 170 GPU days.", 170 * 24.0),
        ("Pretraining took 2,048 TPUv4 chip-days.", 2048 * 24.0),
        ("Overall we spent 1.2M GPU hours.", 1.2e6),
        ("Training consumed 5,000 H100 hours.", 5000.0),
    ],
)
def test_chip_hours(text: str, chip_hours: float) -> None:
    assert values(text, "chip_hours") == [pytest.approx(chip_hours)], text


def test_chip_hours_without_a_number_is_no_claim() -> None:
    assert values("Priced at $2/H100 hour, the run stayed cheap.", "chip_hours") == []


@pytest.mark.parametrize(
    ("text", "flop"),
    [
        ("Training used 3.1e23 FLOP in total.", 3.1e23),
        ("Training used 3.1 × 10^23 FLOPs.", 3.1e23),
        ("Training used 3.1×10^23 FLOPs.", 3.1e23),
        ("The run took 4.5·10^20 floating-point operations.", 4.5e20),
        ("Training used 1.5 PF-days.", 1.5 * 8.64e19),
        ("Training used 2 petaflop/s-days.", 2 * 8.64e19),
        ("The model needed 5 zettaFLOPs to train.", 5e21),
        ("Its training FLOPs were 3.1×10^23, which is modest.", 3.1e23),
    ],
)
def test_flop_amounts(text: str, flop: float) -> None:
    assert values(text, "flop") == [pytest.approx(flop)], text


def test_flop_rates_and_per_example_cost() -> None:
    rate = claims_of("The A100's peak is 312 TFLOP/s.", "flop_rate")
    assert [c.value for c in rate] == [pytest.approx(312e12)]
    assert rate[0].role == "specification"
    assert values("We assume 125 TFLOPS per chip.", "flop_rate") == [pytest.approx(125e12)]
    cost = claims_of("The network needs 4.2 GFLOPs per image.", "flop")
    assert [c.value for c in cost] == [pytest.approx(4.2e9)] and cost[0].role == "per-example"


def test_multiply_accumulates_are_two_flop_each() -> None:
    cost = claims_of("Each forward pass of the encoder costs 3.5 GMACs.", "flop")
    assert [c.value for c in cost] == [pytest.approx(7e9)] and cost[0].role == "per-example"
    assert run("Each forward pass of the encoder costs 3.5 GMACs.").compute_reports == ()


def test_macs_near_misses() -> None:
    # Apple computers and network addresses are no multiply-accumulates.
    assert values("The lab bought 3 Macs and 2 printers for annotation.", "flop") == []
    assert values("The switch logs 40 MAC addresses per port.", "flop") == []


def test_flop_near_misses() -> None:
    assert values("The paper was published in 2023 with 10 figures.", "flop") == []
    # A power of ten with no FLOP word anywhere in the sentence is not a FLOP amount.
    assert values("The search space holds 10^23 configurations.", "flop") == []
    # "GFLOPS" (a rate) is not "GFLOPs" (an amount).
    assert values("The chip sustains 900 GFLOPS.", "flop") == []


@pytest.mark.parametrize(
    ("text", "type_", "value"),
    [
        ("The model has 7B parameters.", "params", 7e9),
        ("We train a 350M-parameter model.", "params", 350e6),
        ("We release a 13B model.", "params", 13e9),
        ("The corpus has 1.4T tokens.", "tokens", 1.4e12),
        ("We pretrain on 4.05 trillion tokens.", "tokens", 4.05e12),
        # Words that qualify the tokens may stand between the number and the noun.
        ("We pretrain on 3.2 trillion deduplicated and filtered tokens.", "tokens", 3.2e12),
        ("The mixture holds 2T high-quality web tokens.", "tokens", 2e12),
    ],
)
def test_sizes(text: str, type_: str, value: float) -> None:
    assert values(text, type_) == [pytest.approx(value)], text


def test_size_near_misses() -> None:
    assert values("We compare 3 models on two tasks.", "params") == []
    assert values("Each token is embedded separately.", "tokens") == []
    # A size that belongs to another noun, or a count too small for training data.
    assert values("The 7B model reads high-quality tokens only.", "tokens") == []
    assert values("Its tokenizer knows 50 thousand unique tokens.", "tokens") == []
    assert values("We train the 7B model on the tokens of the corpus.", "tokens") == []


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("We train in bf16.", "bf16"), ("Weights are kept in fp32.", "fp32"),
        ("We use bfloat16 activations.", "bf16"), ("Inference runs in int8.", "int8"),
        ("We use mixed precision training.", "mixed"), ("Matmuls use TF32.", "tf32"),
        ("Training uses FP8 matmuls.", "fp8"), ("Weights are stored in half precision.", "fp16"),
    ],
)  # fmt: skip
def test_precision(text: str, precision: str) -> None:
    assert precision in values(text, "precision"), text


def test_claim_text_and_location_point_at_the_source() -> None:
    text = "Intro line.\nWe trained for 3 days on 8 V100 GPUs.\n"
    claims = run(text).claims
    duration = next(c for c in claims if c.type == "duration")
    assert duration.text == "3 days"
    assert text[duration.start : duration.end] == "3 days"
    assert (duration.location.line, duration.location.column) == (2, 16)
    assert duration.unit == "hours"


# Counts composed across a clause: the group count and the per-group count stand apart.
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("We train on 4 nodes, and each node has 8 A100 GPUs.", 32),
        ("The job used 6 machines, each machine with 4 V100 GPUs.", 24),
        ("Each of the 4 nodes has 8 H100 GPUs.", 32),
        ("Each of 16 servers holds 2 A40 GPUs.", 32),
        ("The service is spread over eight hosts, one per A100 GPU.", 8),
        ("We use 3 hosts, one for each GPU.", 3),
    ],
)
def test_chip_counts_composed_across_a_clause(text: str, count: int) -> None:
    assert values(text, "chip_count") == [count], text


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # Not per group: plain "with" may give the total, and a clause about something else.
        ("We use 4 nodes with 32 GPUs.", [32]),
        ("We use 4 nodes for data loading and 8 GPUs for training.", [8]),
        # "each node" with no group count before it: the count stays per node.
        ("Each node has 8 GPUs.", [8]),
        # "one per" after something that is not a group of machines.
        ("We run 3 seeds, one per GPU.", []),
        ("We start 5 jobs, one per A100 GPU.", []),
        # "each of" too far from the group count or before another noun.
        ("Each of the models was trained on 4 nodes with 8 GPUs.", [8]),
    ],
)
def test_clause_compositions_stay_quiet_elsewhere(text: str, counts: list[int]) -> None:
    assert values(text, "chip_count") == counts, text


# A group count in one sentence, the per-group count in the next.
@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("We train on 16 nodes. Each node has 8 A100 GPUs.", [128]),
        ("Training used 4 machines. Every machine is equipped with 8 V100 GPUs.", [32]),
        ("We use 16 nodes. Training used 8 GPUs per node.", [128]),
        ("We use 3 servers. The job ran with 4 GPUs each.", [12]),
    ],
)
def test_per_group_counts_take_the_previous_sentences_group_count(text: str,
                                                                  counts: list[int]) -> None:
    assert values(text, "chip_count") == counts, text


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("We use 16 nodes. Each run used 8 GPUs.", [8]),  # "each run" is no per-group count
        ("We use 16 nodes. We train on 8 GPUs.", [8]),  # a total, not per node
        ("We train on 16 nodes with 8 GPUs each. Each node has 2 TB of memory.", [128]),
        ("The cluster has 4 nodes and 2 hosts. Each node has 8 GPUs.", [8]),  # which group?
        ("We train on a single node. Each node has 8 A100 GPUs.", [8]),
        ("We train on 16 nodes.\n\nEach node has 8 A100 GPUs.", [8]),  # another paragraph
        ("We use 16 nodes. The data is split in two. Each node has 8 GPUs.", [8]),  # not next
    ],
)
def test_per_group_counts_stay_alone_without_one_clear_group_count(text: str,
                                                                   counts: list[int]) -> None:
    assert values(text, "chip_count") == counts, text


@pytest.mark.parametrize(
    ("text", "count", "low"),
    [
        ("Between 8-64 GPUs were used.", 64.0, 8.0),  # a range: the upper end, the lower kept
        ("The solver ran on 3--4 H200 GPUs.", 4.0, 3.0),
        ("Training used 2–4 A100 GPUs depending on the task.", 4.0, 2.0),
    ],
)
def test_a_count_written_as_a_range_keeps_both_ends(text: str, count: float, low: float) -> None:
    [claim] = claims_of(text, "chip_count")
    assert (claim.value, claim.low) == (count, low)


@pytest.mark.parametrize(("text", "hours"), [
    ("Pre-training took 2.5k TPUv3-core-days.", 60000.0),
    ("Training used 900 TPUv3 core-days in total.", 21600.0),  # the number is no chip count
    ("Training took 2,048 TPUv4 chip-days.", 49152.0),
])
def test_chip_time_after_a_chip_name_is_chip_time_not_a_count(text: str, hours: float) -> None:
    assert values(text, "chip_hours") == [hours]
    assert values(text, "chip_count") == []


def test_a_chip_time_unit_labelling_a_row_of_numbers_gives_one_figure_each() -> None:
    # A table row as a PDF gives it: the label, then the columns' values.
    assert values("TPU-days 1.5k 0.4k 0.1k Table 4: budgets", "chip_hours") == [
        36000.0, 9600.0, 2400.0]


@pytest.mark.parametrize("text", [
    "We report GPU-days 12 and more.",  # one number after the unit: running text
    "GPU-days 12 24 for the two models.",  # two, and words follow: not a row
])
def test_numbers_after_a_chip_time_unit_in_running_text_are_not_its_figures(text: str) -> None:
    assert values(text, "chip_hours") == []


@pytest.mark.parametrize("text", [
    "The ASCEND study enrolled 900 patients and followed them for 4 years.",
    "We photographed Trillium flowers across two valleys.",
    "As Grace Hopper said, it is easier to ask forgiveness.",
])
def test_a_chip_name_without_a_digit_is_an_ordinary_word_without_evidence(text: str) -> None:
    assert values(text, "hardware") == []


@pytest.mark.parametrize(("text", "chip"), [
    ("All models were trained on Trillium for 3 days.", "google-tpu-v6e"),
    ("We use Huawei Ascend for training.", "huawei-ascend-910"),
    ("Hardware: Grace Hopper superchip", "nvidia-gh200"),
])
def test_a_chip_name_without_a_digit_is_read_with_compute_evidence(text: str, chip: str) -> None:
    assert values(text, "hardware") == [chip]


@pytest.mark.parametrize("text", [
    "Bfloat16 keeps the exponent range of FP32 with fewer mantissa bits.",
    "FP8 halves memory traffic relative to BF16.",
])
def test_what_a_number_format_is_gives_no_precision_claim(text: str) -> None:
    assert values(text, "precision") == []


@pytest.mark.parametrize(("text", "precision"), [
    ("We use bfloat16 everywhere.", "bf16"),
    ("Training runs in FP16 with loss scaling.", "fp16"),
    ("Weights are kept in fp32.", "fp32"),
])
def test_a_runs_precision_is_read(text: str, precision: str) -> None:
    assert precision in values(text, "precision")


@pytest.mark.parametrize("text", [
    "A TPU v4 pod contains 4,096 chips connected in a 3D torus.",
    "The H100 delivers 989 TFLOP/s of dense BF16.",
])
def test_counts_and_precisions_of_a_chips_datasheet_are_specifications(text: str) -> None:
    roles = {c.role for c in run(text).claims if c.type in ("chip_count", "precision")}
    assert roles <= {"specification"}  # the chip's, or (a format's name alone) no claim at all
    assert run(text).compute_reports == ()


def test_a_count_beside_a_chip_in_a_run_is_no_specification() -> None:
    roles = {c.role for c in run("We trained on 8 H100 GPUs in BF16 for 3 days.").claims}
    assert roles == {"training"}


@pytest.mark.parametrize(("text", "counts"), [
    # a count that names its device is hardware though the sentence speaks of a graph
    ("Partitioning the mesh graph, the solver handles 300 million unknowns on 4 GPUs.", [4.0]),
    ("Message passing over graph nodes runs on 2 A100 GPUs.", [2.0]),
    # ... while the graph's own counts stay no chips
    ("The knowledge graph spans 40 shards stored on 12 nodes.", []),
])
def test_graph_context_drops_only_counts_of_other_nouns(text: str, counts: list[float]) -> None:
    assert values(text, "chip_count") == counts, text
