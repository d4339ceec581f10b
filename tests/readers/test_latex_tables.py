"""Tables: one line per row, " | " between cells, a Table with cell offsets and a header."""

from __future__ import annotations

from pathlib import Path

from paperlint.document import Document
from tests.readers.conftest import END, PREAMBLE, read, write


def _doc(tmp_path: Path, body: str) -> Document:
    write(tmp_path, {"main.tex": PREAMBLE + body + END})
    return read(tmp_path / "main.tex")


def _cells(document: Document, row: int, table: int = 0) -> list[str]:
    return [document.text[c.start:c.end] for c in document.tables[table].rows[row].cells]


BOOKTABS = """Before the table.
\\begin{tabular}{lrr}
\\toprule
Hardware & GPUs & Time \\\\
\\midrule
A100 & 64 & 12 days \\\\
\\multicolumn{2}{c}{TPU v4 pod} & 3\\,h \\\\
\\bottomrule
\\end{tabular}
After the table."""


def test_rows_are_lines_and_cells_are_recorded(tmp_path: Path) -> None:
    document = _doc(tmp_path, BOOKTABS)
    assert "\nHardware | GPUs | Time\nA100 | 64 | 12 days\nTPU v4 pod | 3 h\n" in document.text
    [table] = document.tables
    assert len(table.rows) == 3
    assert _cells(document, 1) == ["A100", "64", "12 days"]
    assert _cells(document, 2) == ["TPU v4 pod", "3 h"]
    assert table.header == ("Hardware", "GPUs", "Time")
    assert table.rows[0].is_header and not table.rows[1].is_header
    assert table.column_header(2) == "Time"
    assert document.text[table.start:table.end].startswith("Hardware | GPUs")
    assert document.text[table.start:table.end].endswith("TPU v4 pod | 3 h")


def test_cells_map_to_their_source(tmp_path: Path) -> None:
    document = _doc(tmp_path, BOOKTABS)
    cell = document.tables[0].rows[1].cells[2]
    location = document.location(cell.start, cell.end)
    assert (location.line, location.column) == (8, 13)
    assert document.source_text(cell.start, cell.end) == "12 days"
    separator = document.text.index(" | ", cell.start - 4)
    assert document.source_text(separator, separator + 3) == "&"


def test_a_numeric_first_row_is_not_a_header(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\begin{tabular}{ll}\n1 & 2 \\\\ \\hline\n"
                    "3 & 4 \\\\\n\\end{tabular}")
    assert document.tables[0].header == ()
    assert not document.tables[0].rows[0].is_header


def test_all_text_first_row_is_a_header_without_rules(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\begin{tabular}{ll}\nModel & Chips \\\\\n"
                    "Owl & 16 \\\\\n\\end{tabular}")
    assert document.tables[0].header == ("Model", "Chips")


def test_a_mixed_first_row_without_a_rule_is_not_a_header(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\begin{tabular}{ll}\nOwl & 16 \\\\\nCat & 8 \\\\\n\\end{tabular}")
    assert document.tables[0].header == ()


def test_rows_with_line_breaks_inside_cells_stay_on_one_line(tmp_path: Path) -> None:
    document = _doc(
        tmp_path,
        "\\begin{tabularx}{\\linewidth}{lX}\nSetting & A long\ncell over\nlines \\\\\n"
        "Other & \\textbf{x} % a comment in a table\n\\\\ \\cmidrule(lr){1-2}\n\\end{tabularx}",
    )
    assert "Setting | A long cell over lines\nOther | x\n" in document.text
    assert "1-2" not in document.text and "(lr)" not in document.text
    assert document.comments[0].text == " a comment in a table"


def test_longtable_and_tabular_star(tmp_path: Path) -> None:
    document = _doc(
        tmp_path,
        "\\begin{longtable}{ll}\nName & Days \\\\ \\hline\\endhead\nRun & 4 \\\\\n"
        "\\end{longtable}\n"
        "\\begin{tabular*}{\\textwidth}{@{}ll}\nKey & Value \\\\\n\\end{tabular*}",
    )
    assert len(document.tables) == 2
    assert _cells(document, 1, table=0) == ["Run", "4"]
    assert document.tables[1].header == ("Key", "Value")
    assert "textwidth" not in document.text and "@" not in document.text


def test_a_table_float_keeps_its_caption(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\begin{table}[h]\\caption{Compute per run.}\n"
                    "\\begin{tabular}{l}\nA \\\\\n\\end{tabular}\\end{table}")
    assert "\nCompute per run.\n" in document.text
    assert document.text.index("Compute") < document.tables[0].start
