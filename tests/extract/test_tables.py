"""Claims in LaTeX tables: FLOP under spanning and multi-row headers, header scales, cited rows.

Every table here is our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.extract import Extraction, extract
from tests.readers.conftest import END, PREAMBLE, read, write


def _extract(tmp_path: Path, body: str) -> Extraction:
    write(tmp_path, {"main.tex": PREAMBLE + body + END})
    return extract(read(tmp_path / "main.tex"))


def _flop(result: Extraction) -> list[tuple[float | str, str]]:
    return [(c.value, c.role) for c in result.claims if c.type == "flop"]


SPANNED = """\\begin{tabular}{lccccc}
\\toprule
\\multirow{2}{*}{Method} & \\multicolumn{2}{c}{Accuracy} & &
\\multicolumn{2}{c}{Compute to train (FLOPs)} \\\\
\\cmidrule(lr){2-3} \\cmidrule(lr){5-6}
 & Task A & Task B & & Task A & Task B \\\\
\\hline
Kestrel \\citep{kestrel} & 30.1 & 33.0 & & $5.1\\cdot10^{19}$ & $2.0\\cdot10^{20}$ \\\\
\\rule{0pt}{2ex}Ours (large) & 31.4 & 35.2 & & \\multicolumn{2}{c}{$4.4\\cdot10^{19}$} \\\\
\\bottomrule
\\end{tabular}"""


def test_flop_under_a_spanning_two_row_header(tmp_path: Path) -> None:
    found = _flop(_extract(tmp_path, SPANNED))
    assert [value for value, _ in found] == [pytest.approx(5.1e19), pytest.approx(2.0e20),
                                             pytest.approx(4.4e19)]


def test_a_row_citing_a_paper_is_other_work(tmp_path: Path) -> None:
    roles = [role for _, role in _flop(_extract(tmp_path, SPANNED))]
    assert roles == ["other-work", "other-work", "unspecified"]


def test_scores_under_the_spanning_header_are_not_claims(tmp_path: Path) -> None:
    result = _extract(tmp_path, SPANNED)
    assert all(c.value not in (30.1, 33.0, 31.4, 35.2) for c in result.claims)


GLUED_SCALE = """\\begin{tabular}{lccc}
\\toprule
 & & \\multicolumn{2}{c}{Benchmarks} \\\\
Model & FLOP$\\times 10^{22}$ & QA & Math \\\\
\\midrule
Finch 3B & 2.5 & 50.1 & 12.0 \\\\
Finch 9B & 8.0 & 61.7 & 30.5 \\\\
\\bottomrule
\\end{tabular}"""


def test_a_scale_glued_to_the_header_name_multiplies(tmp_path: Path) -> None:
    found = _flop(_extract(tmp_path, GLUED_SCALE))
    assert [value for value, _ in found] == [2.5e22, 8.0e22]  # exact: no 2.4999999e22


def test_a_written_power_scale_in_parentheses(tmp_path: Path) -> None:
    body = ("\\begin{tabular}{lc}\nModel & FLOPs (1e21) \\\\ \\midrule\nFinch & 3.0 \\\\\n"
            "\\end{tabular}")
    assert [value for value, _ in _flop(_extract(tmp_path, body))] == [3.0e21]


def test_a_flop_cell_without_its_scale_is_not_read(tmp_path: Path) -> None:
    # "0.4" under a bare "FLOPs" header: the scale lives in a caption we cannot tie to it.
    body = ("\\begin{tabular}{lc}\nModel & FLOPs \\\\ \\midrule\nFinch & 0.4 \\\\\n"
            "Wren & 2.0e21 \\\\\n\\end{tabular}")
    assert [value for value, _ in _flop(_extract(tmp_path, body))] == [2.0e21]


MODELS = """\\begin{tabular}{lcc}
\\toprule
Model & Score & FLOP$\\times 10^{21}$ \\\\
\\midrule
Finch 7B & 50.1 & 3.0 \\\\
Wren-1.3B & 41.0 & n/a \\\\
Heron 7B & 55.2 & 4.0 \\\\
ResNet 50 & 30.0 & 0.9 \\\\
\\bottomrule
\\end{tabular}"""


def test_a_size_ending_a_row_label_is_the_parameter_count(tmp_path: Path) -> None:
    result = _extract(tmp_path, MODELS)
    params = [c.value for c in result.claims if c.type == "params"]
    assert params == [7e9, 1.3e9, 7e9]  # "ResNet 50" has no magnitude suffix


def test_rows_under_a_header_are_separate_records(tmp_path: Path) -> None:
    result = _extract(tmp_path, MODELS)
    reports = [(r.params, r.flop) for r in result.compute_reports]
    # Wren-1.3B's row gives a size and no compute: a model named, not a run described.
    assert reports == [(7e9, 3.0e21), (7e9, 4.0e21), (None, 9.0e20)]


def test_key_value_rows_still_group(tmp_path: Path) -> None:
    body = ("\\begin{tabular}{ll}\nHardware & 8 A100 GPUs \\\\\nTraining time & 3 days \\\\\n"
            "\\end{tabular}")
    result = _extract(tmp_path, body)
    assert [(r.chip_count, r.duration_hours) for r in result.compute_reports] == [(8, 72.0)]


# Multiply-accumulates: one MAC is two FLOP (a multiply and an add). A header that names its unit
# gives the cells that unit's factor.
MACS_TABLE = """\\begin{tabular}{lcc}
\\toprule
Variant & Train compute (MACs) & Top-1 \\\\
\\midrule
Tiny & $3.0\\times 10^{17}$ & 61.2 \\\\
Huge & $4.5\\times 10^{20}$ & 80.4 \\\\
\\bottomrule
\\end{tabular}"""


def test_a_column_of_training_macs_is_twice_as_many_flop(tmp_path: Path) -> None:
    found = _flop(_extract(tmp_path, MACS_TABLE))
    assert [value for value, _ in found] == [6.0e17, 9.0e20]


def test_a_column_of_per_image_gmacs_is_no_training_compute(tmp_path: Path) -> None:
    # A backbone's cost per image: a few GMACs, far below any training run.
    body = ("\\begin{tabular}{lcc}\nBackbone & GMACs & Top-1 \\\\ \\midrule\n"
            "Small & 4.1 & 76.0 \\\\\nLarge & 15.6 & 79.9 \\\\\n\\end{tabular}")
    assert _flop(_extract(tmp_path, body)) == []


def test_a_column_of_datasheet_rates_is_no_flop_amount(tmp_path: Path) -> None:
    body = ("\\begin{tabular}{lr}\nChip & FP16 TFLOP/s \\\\ \\midrule\n"
            "Kite & 400 \\\\\nHawk & 1200 \\\\\n\\end{tabular}")
    assert _flop(_extract(tmp_path, body)) == []


# A two-row header whose second row carries notes in brackets that start with a number
# ("(12 tasks)"): still a header, so the unit "(MACs)" under "Train compute" is read.
NOTED = """\\begin{tabular}{lcccc}
\\toprule
 & Corpus & Train compute & Mean score \\\\
Corpus & size & (MACs) & (12 tasks) \\\\
\\midrule
Heron \\citep{heron} & 0.9B & $2.0\\times 10^{20}$ & 51.0 \\\\
Ours & 1.7B & $3.0\\times 10^{20}$ & 55.3 \\\\
\\bottomrule
\\end{tabular}"""


def test_a_numbered_note_in_brackets_keeps_a_header_row(tmp_path: Path) -> None:
    found = _flop(_extract(tmp_path, NOTED))
    assert found == [(pytest.approx(4.0e20), "other-work"), (pytest.approx(6.0e20), "unspecified")]


def test_a_header_row_of_numbers_with_words_outside_brackets_is_data(tmp_path: Path) -> None:
    body = ("\\begin{tabular}{lcc}\n\\toprule\nSetting & Train compute (MACs) & Score \\\\\n"
            "Small & 12 runs & 3 \\\\\n\\midrule\n"
            "Large & $3.0\\times 10^{20}$ & 55.3 \\\\\n\\bottomrule\n\\end{tabular}")
    assert [value for value, _ in _flop(_extract(tmp_path, body))] == [pytest.approx(6.0e20)]


def _params(result: Extraction) -> list[float | str]:
    return [c.value for c in result.claims if c.type == "params"]


def test_size_is_the_model_size_alone_or_after_a_model_word(tmp_path: Path) -> None:
    for header in ("Size", "Model size", "Size (B)"):
        body = (f"\\begin{{tabular}}{{lc}}\n\\toprule\nName & {header} \\\\\n\\midrule\n"
                "Ours & 1.3B \\\\\n\\bottomrule\n\\end{tabular}")
        assert _params(_extract(tmp_path, body)) == [1.3e9], header


def test_another_nouns_size_is_no_model_size(tmp_path: Path) -> None:
    for header in ("Dataset size", "Batch size", "Vocab size"):
        body = (f"\\begin{{tabular}}{{lc}}\n\\toprule\nName & {header} \\\\\n\\midrule\n"
                "Ours & 1.3B \\\\\n\\bottomrule\n\\end{tabular}")
        assert _params(_extract(tmp_path, body)) == [], header


def _counts_and_hours(result: Extraction) -> list[tuple[str, float | str]]:
    return sorted((c.type, c.value) for c in result.claims
                  if c.type in ("chip_count", "duration", "chip_hours"))


@pytest.mark.parametrize(
    ("header", "hours"),
    [("Days", 48.0), ("Training time (days)", 48.0), ("Time (min)", 2 / 60),
     ("Wall-clock (h)", 2.0), ("Time", 2.0)],
)
def test_a_duration_column_reads_the_unit_of_its_header(tmp_path: Path, header: str,
                                                        hours: float) -> None:
    body = ("\\begin{tabular}{lrl}\\toprule Run & " + header + " & Chip \\\\ \\midrule "
            "Heron-S & 2 & A100 \\\\ \\bottomrule\\end{tabular}")
    durations = [c.value for c in _extract(tmp_path, body).claims if c.type == "duration"]
    assert durations == [pytest.approx(hours)], header


def test_a_chip_hours_column_in_days_is_24_chip_hours_a_day(tmp_path: Path) -> None:
    body = ("Training used V100 GPUs.\n\n\\begin{tabular}{lr}\\toprule Run & GPU-days \\\\ "
            "\\midrule Heron & 12 \\\\ \\bottomrule\\end{tabular}")
    assert ("chip_hours", 288.0) in _counts_and_hours(_extract(tmp_path, body))


@pytest.mark.parametrize("header",
                         ["Accelerators", "\\#NPUs", "Num. accelerators", "Number of GPUs"])
def test_a_header_that_is_a_device_noun_counts_devices(tmp_path: Path, header: str) -> None:
    body = ("\\begin{tabular}{lrl}\\toprule Run & " + header + " & Chip \\\\ \\midrule "
            "Heron-S & 16 & A100 \\\\ \\bottomrule\\end{tabular}")
    assert ("chip_count", 16.0) in _counts_and_hours(_extract(tmp_path, body)), header


@pytest.mark.parametrize("header", ["Layers", "Heads", "Seeds", "Accelerator"])
def test_a_header_that_names_no_devices_counts_none(tmp_path: Path, header: str) -> None:
    body = ("\\begin{tabular}{lrl}\\toprule Run & " + header + " & Chip \\\\ \\midrule "
            "Heron-S & 16 & A100 \\\\ \\bottomrule\\end{tabular}")
    assert not [v for t, v in _counts_and_hours(_extract(tmp_path, body)) if t == "chip_count"]


def _hardware_roles(result: Extraction) -> list[tuple[float | str, str]]:
    return [(c.value, c.role) for c in result.claims if c.type == "hardware"]


def test_a_table_of_peak_rates_is_a_datasheet(tmp_path: Path) -> None:
    body = ("\\begin{tabular}{lrr}\\toprule Chip & HBM (GB) & FP8 PFLOP/s \\\\ \\midrule "
            "B200 & 192 & 4.5 \\\\ Gaudi3 & 128 & 1.8 \\\\ \\bottomrule\\end{tabular}")
    roles = {role for _, role in _hardware_roles(_extract(tmp_path, body))}
    assert roles == {"specification"}


def test_a_table_of_runs_with_a_rate_column_stays_the_runs(tmp_path: Path) -> None:
    body = ("\\begin{tabular}{lrrr}\\toprule Run & Hardware & TFLOP/s per GPU & Days \\\\ "
            "\\midrule Main & 32 H100 & 410 & 6 \\\\ \\bottomrule\\end{tabular}")
    roles = {role for _, role in _hardware_roles(_extract(tmp_path, body))}
    assert roles and roles <= {"training", "unspecified"}
