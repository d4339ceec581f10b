"""Each PDF repair on its own: sentences that must be repaired, and near-misses that must not be."""

from __future__ import annotations

from paperlint.readers.pdf_layout import (
    Line,
    Run,
    column_order,
    interleaved_columns,
    matrix_position,
    superscript_spans,
)
from paperlint.readers.pdf_repair import (
    Edit,
    apply_edits,
    control_char_edits,
    hyphenation_edits,
    ligature_edits,
    ligatures_lost,
    line_number_edits,
    lost_ligature_edits,
    lost_superscript_edits,
    merge_edits,
    reference_ranges,
    render,
    repair,
    running_line_edits,
    superscript_edits,
)


def fix(text: str, edits: list[Edit]) -> str:
    return render(text, apply_edits(text, merge_edits([edits])))


# -- ligatures -------------------------------------------------------------------------------------
def test_ligatures_become_letters() -> None:
    text = "ﬁne-tuning is eﬃcient; the ﬂoat32 baseline diﬀers"
    assert (
        fix(text, ligature_edits(text)) == "fine-tuning is efficient; the float32 baseline differs"
    )


def test_t1_ligature_slots_between_letters_are_ligatures() -> None:
    text = "the \x1crst run, more e\x1ecient, in b\x1doat16"
    assert fix(text, ligature_edits(text)) == "the first run, more efficient, in bfloat16"


def test_control_character_alone_is_not_a_ligature() -> None:
    text = "value \x1c 3"
    assert ligature_edits(text) == []
    assert fix(text, control_char_edits(text)) == "value  3"


def test_lost_ligatures_are_restored_in_known_words() -> None:
    text = "an e cient con guration; the rst ne-tuned model in oating point"
    assert (
        fix(text, lost_ligature_edits(text))
        == "an efficient configuration; the first fine-tuned model in floating point"
    )


def test_lost_ligature_near_misses_stay() -> None:
    text = "the first efficient burst; worst case; rstats; a floating point"
    assert fix(text, lost_ligature_edits(text)) == text


def test_lost_ligature_repair_runs_only_where_ligatures_were_lost() -> None:
    healthy = "We find the first efficient configuration of the offline buffer. " * 40
    assert not ligatures_lost(healthy + " the rst run")
    assert render(healthy + " rst", repair(healthy + " rst", [0])).endswith(" rst")
    damaged = "We nd the rst e cient con guration of the o line bu er. " * 40
    assert ligatures_lost(damaged)
    assert "the first efficient configuration" in render(damaged, repair(damaged, [0]))


# -- hyphenation -----------------------------------------------------------------------------------
def test_end_of_line_hyphen_between_lower_case_halves_is_removed() -> None:
    text = "trained on eight accel-\nerators for pre-\ntraining"
    assert fix(text, hyphenation_edits(text)) == "trained on eight accelerators for pretraining"


def test_compound_heads_and_capitals_keep_their_hyphen() -> None:
    text = "the fine-\ntuning of BERT-\nBase in 16-\nbit"
    assert fix(text, hyphenation_edits(text)) == "the fine-tuning of BERT-Base in 16-bit"


def test_hyphen_not_at_line_end_is_untouched() -> None:
    text = "a well-known result - and\nthen more"
    assert hyphenation_edits(text) == []


# -- running headers, footers, page numbers --------------------------------------------------------
def _pages(*pages: str) -> tuple[str, list[int]]:
    starts, position = [], 0
    for page in pages:
        starts.append(position)
        position += len(page) + 1
    return "\n".join(pages), starts


def test_running_header_and_page_numbers_are_removed() -> None:
    text, starts = _pages(
        "Under review at a workshop\nFirst page body.\nMore body.\n1",
        "Under review at a workshop\nSecond page body.\nOther text.\n2",
        "Under review at a workshop\nThird page body.\nLast words.\n3",
    )
    fixed = fix(text, running_line_edits(text, starts))
    assert "Under review" not in fixed
    assert "First page body." in fixed and "Last words." in fixed
    assert "\n1" not in fixed and "\n3" not in fixed


def test_header_with_changing_page_number_is_one_shape() -> None:
    text, starts = _pages("Preprint 12\nalpha\nbeta", "Preprint 13\ngamma\ndelta")
    assert fix(text, running_line_edits(text, starts)).split() == [
        "alpha",
        "beta",
        "gamma",
        "delta",
    ]


def test_line_seen_on_one_page_only_is_kept() -> None:
    text, starts = _pages(
        "Section title here\nbody one\nend one",
        "Other heading\nbody two\nend two",
        "Third heading\nbody three\nend three",
    )
    assert running_line_edits(text, starts) == []


def test_number_inside_the_page_is_not_a_page_number() -> None:
    text, starts = _pages("top line\nsecond\n42\nfourth\nfifth\nsixth")
    assert running_line_edits(text, starts) == []


# -- margin line numbers ---------------------------------------------------------------------------
def test_line_numbers_glued_at_line_ends_are_removed() -> None:
    text = "\n".join(f"line of prose number {word}{n}" for n, word in enumerate("abcdef", start=12))
    fixed = fix(text, line_number_edits(text))
    assert fixed.splitlines()[0] == "line of prose number a"
    assert not any(ch.isdigit() for ch in fixed)


def test_acl_style_zero_padded_numbers_at_line_starts_are_removed() -> None:
    text = "\n".join(f"{n:03d} Sentence {word} goes here." for n, word in enumerate("abcdefg"))
    assert fix(text, line_number_edits(text)).splitlines()[2] == "Sentence c goes here."


def test_lone_number_lines_counting_up_are_removed() -> None:
    text = "Training took 36 hours\n" + "\n".join(str(n) for n in range(40, 47)) + "\non 8 GPUs."
    fixed = fix(text, line_number_edits(text))
    assert "36 hours" in fixed and "8 GPUs" in fixed and "41" not in fixed


def test_a_few_numbers_are_not_a_run() -> None:
    text = "we used 8\nGPUs and 9\nnodes for 10\ndays"
    assert line_number_edits(text) == []


def test_section_number_does_not_join_line_number_run() -> None:
    text = "Title1\n1 Introduction2\nbody3\nbody4\nbody5\nbody6"
    fixed = fix(text, line_number_edits(text))
    assert fixed.splitlines()[1] == "1 Introduction"


# -- superscripts: exponents and footnote markers --------------------------------------------------
def test_raised_digits_after_ten_are_an_exponent() -> None:
    text = "used 3.1×1020 FLOP"
    start = text.index("20 FLOP")
    assert fix(text, superscript_edits(text, [(start, start + 2)])) == "used 3.1×10^20 FLOP"


def test_raised_mark_after_a_word_is_a_footnote_marker() -> None:
    text = "trained on 8 GPUs1 for 12 days"
    start = text.index("1 for")
    assert (
        fix(text, superscript_edits(text, [(start, start + 1)])) == "trained on 8 GPUs for 12 days"
    )


def test_raised_digits_after_other_numbers_are_left_alone() -> None:
    text = "an area of 52 mm here"  # "2" raised after "5": not after 10, not after a word
    assert superscript_edits(text, [(text.index("2"), text.index("2") + 1)]) == []


def test_without_positions_times_ten_nn_is_read_as_a_power_low_confidence() -> None:
    text = "a total of 3.1 × 1020 FLOP and 2·1018 more"
    edits = lost_superscript_edits(text)
    assert fix(text, edits) == "a total of 3.1 × 10^20 FLOP and 2·10^18 more"
    assert all(edit.low_confidence for edit in edits)


def test_lost_superscript_near_misses() -> None:
    text = "batch 1024 on 10 GPUs, 3 × 10 runs, 3.1×10^20 FLOP, 3 × 1024 images"
    assert (
        fix(text, lost_superscript_edits(text))
        == "batch 1024 on 10 GPUs, 3 × 10 runs, 3.1×10^20 FLOP, 3 × 10^24 images"
    )


def test_glued_footnote_marker_on_a_compute_noun() -> None:
    text = "on 8 GPUs2 for 3 days1. ResNet50 and GPT2 stay."
    assert (
        fix(text, lost_superscript_edits(text)) == "on 8 GPUs for 3 days. ResNet50 and GPT2 stay."
    )


def test_positions_decide_before_guesses() -> None:
    text = "3.1 × 1020"
    decided = [(8, 10)]
    assert lost_superscript_edits(text, decided) == []


# -- references ------------------------------------------------------------------------------------
def test_references_are_cut_until_the_appendix() -> None:
    text = (
        "Body on 8 GPUs.\nReferences\n[1] A. Author. Trained on 512 GPUs. 2020.\n"
        "A Training details\nWe used 4 TPUs."
    )
    ((start, end),) = reference_ranges(text)
    assert text[start:end].startswith("References") and "512 GPUs" in text[start:end]
    assert text[end:].startswith("A Training details")


def test_references_run_to_the_checklist() -> None:
    text = "Body.\n7 References\nSmith, J. A paper.\nNeurIPS Paper Checklist\n1. Claims"
    ((_, end),) = reference_ranges(text)
    assert text[end:].startswith("NeurIPS Paper Checklist")


def test_reference_line_with_initials_is_not_an_appendix() -> None:
    text = "Body.\nReferences\nB. Writer and C. Person. A study.\nD. Other. Another one."
    assert reference_ranges(text) == [(6, len(text))]


def test_a_lettered_appendix_heading_with_a_period_ends_the_references() -> None:
    text = ("Body.\nReferences\n[1] B. Writer. A study. 2019.\nA. Instance Segmentation Baselines\n"
            "We fine-tune on 4 GPUs.")
    ((_, end),) = reference_ranges(text)
    assert text[end:].startswith("A. Instance Segmentation Baselines")


def test_a_name_with_an_initial_broken_onto_its_own_line_stays_in_the_references() -> None:
    # Reference lines broken after a name: "E. Rivers", "D. Marsh and", "C. Okafor, and".
    for line in ("E. Rivers", "D. Marsh and", "C. Okafor, and", "B. Lund Jensen"):
        text = f"Body.\nReferences\n[4] A. Stone and\n{line}\nA study of lakes. 2011.\n"
        assert reference_ranges(text) == [(6, len(text))], line


def test_word_references_inside_a_sentence_is_not_a_heading() -> None:
    assert reference_ranges("see the references below for details\nmore text") == []


# -- layout ----------------------------------------------------------------------------------------
def test_superscript_spans_from_positions() -> None:
    text = "used 3.1×1020 FLOP, code15 and"
    runs = [
        Run(0, 11, 72.0, 600.0, 10.0),  # "used 3.1×10"
        Run(11, 13, 120.0, 604.0, 7.0),  # "20" raised and smaller
        Run(13, 24, 128.0, 600.0, 10.0),  # " FLOP, code"
        Run(24, 26, 170.0, 604.0, 7.0),  # "15"
        Run(26, 30, 178.0, 600.0, 10.0),
    ]
    assert superscript_spans(text, runs) == [(11, 13), (24, 26)]


def test_small_caps_and_subscripts_are_not_superscripts() -> None:
    text = "SciBERT x2"
    runs = [
        Run(0, 1, 72.0, 600.0, 10.0),
        Run(1, 3, 79.0, 600.0, 8.0),  # small caps: smaller, same baseline
        Run(3, 9, 90.0, 600.0, 10.0),
        Run(9, 10, 120.0, 597.0, 7.0),  # subscript: lower
    ]
    assert superscript_spans(text, runs) == []


def test_footnote_mark_opening_a_line_is_raised_against_the_next_run() -> None:
    text = "body\n1NVIDIA cards"
    runs = [Run(0, 5, 72.0, 700.0, 10.0), Run(5, 6, 72.0, 103.0, 6.0), Run(6, 18, 76.0, 100.0, 8.0)]
    assert superscript_spans(text, runs) == [(5, 6)]


def test_matrix_position_applies_both_matrices() -> None:
    assert matrix_position([1, 0, 0, 1, 10, 20], [2, 0, 0, 2, 5, 5], 10.0) == (25.0, 45.0, 20.0)


def test_interleaved_columns_are_put_in_reading_order() -> None:
    lines = []
    for row in range(6):
        y = 700.0 - 12 * row
        lines.append(Line(0, 1, 72.0, y))  # left column, row by row...
        lines.append(Line(0, 1, 320.0, y))  # ...then the right column's line at the same height
    assert interleaved_columns(lines, 612.0)
    assert column_order(lines, 612.0) == [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]


def test_columns_already_in_order_are_left_alone() -> None:
    lines = [Line(0, 1, 72.0, 700.0 - 12 * r) for r in range(10)]
    lines += [Line(0, 1, 320.0, 700.0 - 12 * r) for r in range(10)]
    assert not interleaved_columns(lines, 612.0)
    assert column_order(lines, 612.0) == list(range(20))


# -- the whole pipeline of repairs -----------------------------------------------------------------
def test_repair_keeps_an_exact_map() -> None:
    text, starts = _pages(
        "Preprint\nWe ﬁne-tune on 8 GPUs2 for 3.1 × 1020 FLOP\nin total.\n1",
        "Preprint\nMore text.\nReferences\n[1] Someone. 2020.\n2",
    )
    pieces = repair(text, starts)
    fixed = render(text, pieces)
    assert "Preprint" not in fixed and "Someone" not in fixed
    assert "We fine-tune on 8 GPUs for 3.1 × 10^20 FLOP" in fixed
    position = 0
    for piece in pieces:  # pieces tile the extracted text
        assert piece.start == position
        position = piece.end
    assert position == len(text)
    assert [p for p in pieces if p.low_confidence]  # the guessed exponent is marked
