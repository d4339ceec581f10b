"""The words around figures that decide which run they belong to (rules/grouping.toml): a mark
between two runs in a sentence, a count told again in brackets, "each run" / "both stages", "the
same A40"; and durations with a word between number and unit ("two full days").

Every sentence here is our own writing."""

from __future__ import annotations

from paperlint.extract.continuation import distributes, holds
from paperlint.extract.rules import default_rules
from tests.extract.helpers import run

WORDS = default_rules().grouping


def _runs(text: str) -> list[tuple[object, ...]]:
    return [(r.hardware, r.chip_count, r.duration_hours, r.tokens, r.inferred)
            for r in run(text).compute_reports]


def _durations(text: str) -> list[float]:
    return [float(c.value) for c in run(text).claims if c.type == "duration"]


# -- a mark between two runs' figures --------------------------------------------------------


def test_figures_after_the_last_mark_open_the_second_run() -> None:
    # A stage total, an aside in brackets, then the first phase told with its own figures: the
    # tokens are the phase's (they used to stay with the stage total's report).
    text = ("Stage two: ~40 days (with restarts) The first phase on 3T tokens took about 9 days "
            "on 256 GPUs, followed by 30 more days on 512 GPUs.")
    runs = _runs(text)
    assert (None, None, 960.0, None, ()) in runs
    assert (None, 256, 216.0, 3e12, ()) in runs
    assert (None, 512, 720.0, None, ()) in runs


def test_figures_before_a_mark_stay_with_the_first_run() -> None:
    text = "The base model saw 2T tokens in 3 days, and the large one took 9 days."
    assert [(r[2], r[3]) for r in _runs(text)] == [(72.0, 2e12), (216.0, None)]
    text = "We train for 3 days on 8 GPUs and then for 2 days on 16 GPUs."
    assert [(r[1], r[2]) for r in _runs(text)] == [(8, 72.0), (16, 48.0)]


def test_marks_are_whole_words_or_signs() -> None:
    assert holds(" took about ", WORDS.marks) is False
    assert holds(" (with restarts) The first ", WORDS.marks)
    assert holds(" and then ", WORDS.marks)
    assert holds(" band ", WORDS.marks) is False  # "and" inside a word is no mark


# -- a count told again in brackets -------------------------------------------------------------


def test_a_bracketed_total_is_the_same_runs_count_in_chips() -> None:
    text = ("The base model was trained on 4 Cloud TPUs (16 TPU chips total) and the large "
            "model on 8 Cloud TPUs (32 TPU chips in all).")
    assert [r[1] for r in _runs(text)] == [16, 32]


def test_a_bracketed_count_without_a_total_word_is_another_run() -> None:
    text = "We train on 8 A100 GPUs (32 A100 GPUs for the large model) for 3 days."
    assert sorted(r[1] for r in _runs(text)) == [8, 32]


# -- a figure of every run just told ----------------------------------------------------------


def test_each_run_gives_its_figure_to_the_runs_just_told() -> None:
    text = ("The small model was trained on 4 Cloud TPUs. The large model was trained on "
            "16 Cloud TPUs. Each pretraining took 4 days to complete.")
    assert [(r[1], r[2], r[4]) for r in _runs(text)] == [
        (4, 96.0, ("duration_hours",)), (16, 96.0, ())]
    text = "We train one model on 8 A100 GPUs and one on 32 A100 GPUs. Both runs took 5 days."
    assert [r[2] for r in _runs(text)] == [120.0, 120.0]


def test_a_time_per_epoch_or_a_new_paragraph_gives_nothing_to_earlier_runs() -> None:
    text = ("The small model was trained on 4 Cloud TPUs. The large model was trained on "
            "16 Cloud TPUs. Each epoch took 20 minutes.")
    assert _runs(text)[0][2] is None
    text = ("The small model was trained on 4 Cloud TPUs.\n\n"
            "The large model was trained on 16 Cloud TPUs. Both runs took 4 days.")
    assert _runs(text)[0][2] is None


def test_distributive_openings() -> None:
    assert distributes("Each pretraining took 4 days", WORDS)
    assert distributes("Both of them ran for a week", WORDS)
    assert distributes("All three runs used bf16", WORDS)
    assert not distributes("Each epoch took 4 minutes", WORDS)
    assert not distributes("All experiments in Table 2 are averages", WORDS)
    assert not distributes("Training took 4 days", WORDS)


# -- "the same" chip ------------------------------------------------------------------------


def test_the_same_chip_runs_on_the_count_of_the_run_before() -> None:
    text = ("Each fold trained for 25 minutes on an A40; the final model trained for 3 hours "
            "on the same A40.")
    assert _runs(text)[-1][:3] == ("nvidia-a40", 1, 3.0)
    assert _runs(text)[-1][4] == ("chip_count",)


def test_a_chip_not_called_the_same_takes_no_count() -> None:
    text = ("Each fold trained for 25 minutes on 2 A40 GPUs; the final model trained for "
            "3 hours on an L4 GPU.")
    assert _runs(text)[-1][:3] == ("nvidia-l4", 1, 3.0)  # "an L4": its own count
    text = ("Each fold trained for 25 minutes on 2 A40 GPUs; the final model trained for "
            "3 hours on the same cluster's H100 GPUs.")
    assert _runs(text)[-1][1] is None


# -- a word between the number and its time unit --------------------------------------------


def test_a_modifier_between_number_and_unit_keeps_the_duration() -> None:
    assert _durations("Training took two full days on 8 GPUs.") == [48.0]
    assert _durations("The extension stage on 64 GPUs added one additional day.") == [24.0]
    assert _durations("We trained on 8 GPUs for a full day.") == [24.0]
    assert _durations("Fine-tuning on 4 GPUs needs 3 extra hours.") == [3.0]


def test_a_modifier_without_a_number_is_no_duration() -> None:
    assert _durations("Training on 8 GPUs, each additional hour costs more.") == []
    assert _durations("We need more days of data before training on 8 GPUs.") == []


# -- a size in brackets, a precision named twice -----------------------------------------------


def test_a_size_in_brackets_is_read() -> None:
    claims = run("The first stage (2T tokens) took 5 days on 128 H100 GPUs.").claims
    assert [c.value for c in claims if c.type == "tokens"] == [2e12]
    claims = run("Our model [1.2B parameters] was trained on 8 GPUs for 2 days.").claims
    assert [c.value for c in claims if c.type == "params"] == [1.2e9]


def test_mixed_precision_named_with_its_format_is_one_precision() -> None:
    for text in ("We train with bf16 mixed precision on 8 GPUs for 2 days.",
                 "We train in mixed precision (FP16) on 8 GPUs for 2 days."):
        result = run(text)
        assert len([c for c in result.claims if c.type == "precision"]) == 1, text
        assert len(result.compute_reports) == 1, text


def test_mixed_precision_apart_from_a_format_stays_mixed() -> None:
    result = run("We use mixed precision; inference runs in fp16 on 8 GPUs.")
    assert sorted(str(c.value) for c in result.claims if c.type == "precision") == [
        "fp16", "mixed"]
