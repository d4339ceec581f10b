"""Which claims make one run: second runs in a sentence, the chip and count a run infers.

Every sentence here is our own writing."""

from __future__ import annotations

from tests.extract.helpers import run


def _runs(text: str) -> list[tuple[object, ...]]:
    return [(r.hardware, r.chip_count, r.duration_hours, r.params, r.tokens, r.inferred)
            for r in run(text).compute_reports]


def test_a_model_size_opens_the_run_it_names() -> None:
    # An aside on the first run's tokens stands between the two runs: the 9B belongs to the
    # second one (it used to join the first run's report).
    text = ("Our 3B model was trained on 2 trillion tokens (1.8 trillion of them web text), "
            "and our 9B model on 4 trillion tokens.")
    runs = _runs(text)
    assert (None, None, None, 3e9, 2e12, ()) in runs
    assert (None, None, None, 9e9, 4e12, ()) in runs


def test_without_a_size_between_the_cut_stays_before_the_repeated_figure() -> None:
    text = "With 8 GPUs, the base model trains in 3 days and the large one on 32 GPUs in 9 days."
    assert [(r[1], r[2]) for r in _runs(text)] == [(8, 72.0), (32, 216.0)]
    text = "Our 1B model was trained on 2 trillion tokens and then on 3 trillion tokens."
    assert [(r[3], r[4]) for r in _runs(text)] == [(1e9, 2e12), (None, 3e12)]


def test_a_bare_gpu_count_runs_on_the_chip_named_just_before() -> None:
    # Two accelerators in the paper: no sole one, but the previous paragraph names the chip.
    text = ("We ran data filtering on 4 A100 GPUs.\n\n"
            "Our main model was pretrained on a cluster of H100 GPUs.\n\n"
            "Pretraining took 12 days on 256 GPUs.")
    last = run(text).compute_reports[-1]
    assert (last.hardware, last.chip_count, last.inferred) == ("nvidia-h100-sxm", 256,
                                                               ("hardware",))


def test_a_chip_named_further_back_or_by_another_work_is_not_taken() -> None:
    far = ("We ran data filtering on 4 A100 GPUs.\n\n"
           "Our main model was pretrained on a cluster of H100 GPUs.\n\n"
           "Evaluating each checkpoint takes 2 hours.\n\n"
           "Pretraining took 12 days on 256 GPUs.")
    assert run(far).compute_reports[-1].hardware is None
    cited = ("We ran data filtering on 4 A100 GPUs and tokenising on 2 H100 GPUs.\n\n"
             "A comparable model was reportedly trained on TPU v4 chips.\n\n"
             "Pretraining took 12 days on 256 GPUs.")
    assert run(cited).compute_reports[-1].hardware is None


def test_a_run_told_by_its_time_alone_takes_the_setups_one_count() -> None:
    text = ("All experiments run on a single RTX 3090 GPU.\n\n"
            "Training the small model takes 6 hours.")
    last = run(text).compute_reports[-1]
    assert (last.hardware, last.chip_count, last.inferred) == ("nvidia-rtx-3090", 1,
                                                               ("hardware", "chip_count"))


def test_two_counts_for_the_chip_or_stated_chip_hours_infer_no_count() -> None:
    two = ("We pretrain on 64 V100 GPUs for 9 days. Probing runs used 2 V100 GPUs.\n\n"
           "Training the small model takes 6 hours.")
    assert run(two).compute_reports[-1].chip_count is None
    hours = ("All experiments run on a single RTX 3090 GPU.\n\n"
             "Training the small model takes 6 hours, about 6 GPU-hours in all.")
    assert run(hours).compute_reports[-1].chip_count is None


def test_a_list_of_stages_runs_on_the_cluster_named_before_it() -> None:
    # Each stage is a paragraph of its own; only the first follows the cluster's sentence, and
    # each later one follows a stage that took the chip.
    text = ("Data filtering ran on 4 A100 GPUs.\n\nOur cluster has 1024 H100 GPUs.\n\n"
            "Pretraining took 20 days on 512 GPUs.\n\n"
            "Fine-tuning took 2 days on 64 GPUs.\n\n"
            "The reward model was trained for 1 day on 32 GPUs.")
    reports = run(text).compute_reports
    assert [r.hardware for r in reports if r.chip_count in (512, 64, 32)] == [
        "nvidia-h100-sxm"] * 3


def test_a_stage_without_a_chip_before_it_passes_nothing_on() -> None:
    text = ("We ran data filtering on 4 A100 GPUs and tokenising on 2 H100 GPUs.\n\n"
            "A comparable model was reportedly trained on TPU v4 chips.\n\n"
            "Pretraining took 20 days on 512 GPUs.\n\n"
            "Fine-tuning took 2 days on 64 GPUs.")
    reports = run(text).compute_reports
    assert [r.hardware for r in reports if r.chip_count in (512, 64)] == [None, None]


def test_sizes_listed_together_make_one_run_that_keeps_the_largest() -> None:
    reports = run("Our models (3B, 11B) were trained on 16 A100 GPUs for 5 days on 200B tokens."
                  ).compute_reports
    assert [(r.params, r.chip_count, r.duration_hours) for r in reports] == [(11e9, 16, 120.0)]


def test_one_size_stays_the_runs_size() -> None:
    reports = run("Our 11B model was trained on 16 A100 GPUs for 5 days.").compute_reports
    assert [r.params for r in reports] == [11e9]


def test_a_conjunction_before_a_subject_keeps_the_ablation_cue_to_its_clause() -> None:
    extraction = run("Our main run used 256 H100 GPUs for 10 days, and each ablation used 32 H100 "
                     "GPUs for 1 day.")
    roles = {(c.type, c.value): c.role for c in extraction.claims}
    assert roles[("chip_count", 256.0)] == "training"
    assert roles[("chip_count", 32.0)] == "ablation"
    assert roles[("duration", 24.0)] == "ablation"


def test_a_conjunction_without_a_subject_cuts_nothing() -> None:
    # "and ran" has no subject after it: one clause, one run.
    extraction = run("For the ablations, we trained on 8 GPUs, and ran each for 6 hours.")
    assert {c.role for c in extraction.claims} == {"ablation"}


def test_exploratory_models_are_a_run_of_their_own() -> None:
    extraction = run("The final model trained for 6 days on 64 A100s. Smaller exploratory models "
                     "took 2 hours each on 8 A100s.")
    reports = [(r.role, r.chip_count, r.duration_hours) for r in extraction.compute_reports]
    assert reports == [("training", 64, 144.0), ("ablation", 8, 2.0)]


def test_a_hyperparameter_search_is_compute_and_a_run_of_its_own() -> None:
    extraction = run("Hyper-parameters were selected with 40 trials of 3 hours on one V100. The "
                     "final training took 4 days on 8 V100s.")
    reports = [(r.role, r.chip_count, r.duration_hours) for r in extraction.compute_reports]
    assert reports == [("ablation", 1, 3.0), ("training", 8, 96.0)]


def test_hyperparameters_alone_are_no_compute() -> None:
    assert run("Hyperparameters are listed in Table 2; warm-up lasts 2 epochs.").claims == ()
