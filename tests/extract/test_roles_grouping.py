"""Roles from cue words, suppression contexts, grouping into compute reports, and tables."""

from __future__ import annotations

import pytest

from paperlint.document import DocumentBuilder, SourceFile, Table, TableCell, TableRow
from paperlint.extract import extract
from tests.extract.helpers import claims_of, run


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("We pretrain the model on 64 V100 GPUs.", "training"),
        ("We fine-tune the model on 4 A100 GPUs.", "fine-tuning"),
        ("At test time the detector runs on 1 Titan X GPU.", "inference"),
        ("Smith et al. trained their model on 512 GPUs.", "other-work"),
        ("Training the same model from scratch would take 2,000 GPUs.", "hypothetical"),
        ("We thank the cloud team for access to 256 TPU chips.", "acknowledgment"),
        ("The network has 16 GPUs in its diagram.", "unspecified"),
    ],
)
def test_roles_from_cues(text: str, role: str) -> None:
    counts = claims_of(text, "chip_count")
    assert counts, text
    assert counts[0].role == role


def test_nearest_phase_cue_wins() -> None:
    text = ("Roughly 40 days went by between the start of training and the evaluation, "
            "on 512 H100 GPUs.")
    duration = claims_of(text, "duration")[0]
    assert duration.role == "training"


def test_specification_cues_do_not_touch_sizes() -> None:
    tokens = claims_of("We trained on up to 5T tokens.", "tokens")
    assert tokens[0].role == "training"


def test_related_work_counts_are_not_training() -> None:
    text = "Prior work trained a similar model on 8 GPUs for 2 weeks."
    assert {c.role for c in run(text).claims} == {"other-work"}


def test_same_sentence_claims_form_one_report() -> None:
    result = run("We trained the model for 3 days on 8 NVIDIA V100 GPUs in fp16.")
    assert len(result.compute_reports) == 1
    report = result.compute_reports[0]
    assert (report.chip_count, report.duration_hours, report.precision) == (8, 72.0, "fp16")
    assert report.hardware is not None and report.hardware.startswith("nvidia-v100")
    assert report.role == "training"
    assert report.estimate is None
    assert list(report.claims) == list(range(len(result.claims)))
    assert result.statements == 1


def test_adjacent_sentence_continues_a_report() -> None:
    result = run("We train on 16 A100 GPUs. Training takes 5 days.")
    assert len(result.compute_reports) == 1
    assert result.compute_reports[0].duration_hours == 120.0
    assert result.statements == 2


def test_two_runs_in_one_sentence_are_two_reports() -> None:
    result = run("Stage one took 9 days on 512 GPUs, and stage two took 30 days on 1024 GPUs.")
    pairs = [(r.chip_count, r.duration_hours) for r in result.compute_reports]
    assert pairs == [(512, 216.0), (1024, 720.0)]


def test_distant_paragraphs_do_not_merge() -> None:
    result = run("We train on 16 A100 GPUs.\n\nUnrelated text.\n\nEvaluation took 2 hours.")
    assert len(result.compute_reports) == 2


def test_per_example_claims_make_no_report() -> None:
    result = run("The network needs 4.2 GFLOPs per image.")
    assert result.claims and not result.compute_reports


def _table_document() -> tuple[str, object]:
    lines = [
        "Model & BLEU & Training Cost (FLOPs) & Time",
        "Base & 27.3 & 3.3·10^18 & 12 hours",
        "Big & 28.4 & 2.3·10^19 & 3.5 days",
    ]
    text = "\n".join(lines) + "\n"
    builder = DocumentBuilder("table.tex", "latex")
    builder.add_source(SourceFile("table.tex", text))
    builder.append_verbatim("table.tex", 0, text)
    rows = []
    position = 0
    for number, line in enumerate(lines):
        cells = []
        cursor = position
        for part in line.split(" & "):
            cells.append(TableCell(cursor, cursor + len(part)))
            cursor += len(part) + 3
        rows.append(TableRow(position, position + len(line), tuple(cells), is_header=number == 0))
        position += len(line) + 1
    header = tuple(lines[0].split(" & "))
    builder.tables.append(Table(0, len(text), tuple(rows), header))
    return text, builder.build()


def test_table_cells_read_with_their_column_headers() -> None:
    _text, document = _table_document()
    result = extract(document)  # type: ignore[arg-type]
    flops = [c.value for c in result.claims if c.type == "flop"]
    assert flops == [pytest.approx(3.3e18), pytest.approx(2.3e19)]
    assert [c.value for c in result.claims if c.type == "duration"] == [12.0, 84.0]
    # BLEU scores are numbers under a header that names no claim type.
    assert all(c.value not in (27.3, 28.4) for c in result.claims)
    assert [(r.flop, r.duration_hours) for r in result.compute_reports] == [
        (pytest.approx(3.3e18), 12.0), (pytest.approx(2.3e19), 84.0)
    ]
    assert result.claims[0].location.line == 2


def test_header_scale_multiplies_cells() -> None:
    from paperlint.extract.engine import default_engine
    from paperlint.extract.tables import header_scale

    engine = default_engine()
    assert header_scale("FLOPs (×10^23)", engine) == 1e23
    assert header_scale("Params (B)", engine) == 1e9
    assert header_scale("FLOPs", engine) == 1.0
    assert engine.header_claims("Num devices") == ["chip_count"]
    assert engine.header_claims("BLEU") == []


@pytest.mark.parametrize(
    ("text", "hardware", "count"),
    [
        # The host CPU comes first; the GPU beside it did the work.
        ("We ran everything on a four-core Intel Xeon CPU with a Tesla K20c GPU for training.",
         "nvidia-k20", 1),
        ("Training used 8 V100 GPUs and a 32-core AMD EPYC CPU for 3 days.",
         "nvidia-v100-sxm2", 8),
        # A CPU alone is the run's hardware.
        ("We trained on a 16-core Intel Xeon CPU for 3 days.", "cpu", None),
    ],
)
def test_an_accelerator_beside_a_host_cpu_names_the_run(text: str, hardware: str,
                                                        count: int | None) -> None:
    reports = run(text).compute_reports
    assert [(r.hardware, r.chip_count) for r in reports] == [(hardware, count)]
