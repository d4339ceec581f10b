"""Table headers: \\multicolumn spans, headers of several rows, layout commands in cells.

The tables are our own; the shapes are the ones papers use for cost tables (a spanning group
header, a \\cmidrule under it, sub-headers, then \\midrule)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperlint.document import Document

GROUPED = """\\begin{tabular}{lcccc}
\\toprule
\\multirow{2}{*}{System} & \\multicolumn{2}{c}{Accuracy} & \\multicolumn{2}{c}{Cost (FLOPs)} \\\\
\\cmidrule(lr){2-3} \\cmidrule(lr){4-5}
 & Dev & Test & Small & Large \\\\
\\midrule
Heron & 71.2 & 70.9 & $4.1\\cdot10^{19}$ & $9.0\\cdot10^{20}$ \\\\
\\rule{0pt}{2ex}Wren & 68.0 & 67.5 & \\multicolumn{2}{c}{$2.2\\cdot10^{19}$} \\\\
\\bottomrule
\\end{tabular}"""


def _cells(document: Document, row: int) -> list[str]:
    return [document.text[c.start:c.end] for c in document.tables[0].rows[row].cells]


def test_a_header_of_two_rows_is_joined_per_column(tex: Any) -> None:
    document = tex(GROUPED)
    table = document.tables[0]
    assert table.header == ("System", "Accuracy Dev", "Accuracy Test", "Cost (FLOPs) Small",
                            "Cost (FLOPs) Large")
    assert [row.is_header for row in table.rows] == [True, True, False, False]


def test_a_multicolumn_cell_records_its_span_and_shifts_the_columns(tex: Any) -> None:
    document = tex(GROUPED)
    header, _sub, _heron, wren = document.tables[0].rows
    assert [cell.span for cell in header.cells] == [1, 2, 2]
    assert header.columns() == [0, 1, 3]
    assert [cell.span for cell in wren.cells] == [1, 1, 1, 2]
    assert wren.columns() == [0, 1, 2, 3]
    assert document.tables[0].header[wren.columns()[3]] == "Cost (FLOPs) Small"


def test_a_rule_strut_leaves_no_text(tex: Any) -> None:
    document = tex(GROUPED)
    assert _cells(document, 3)[0] == "Wren"
    assert "0pt" not in document.text and "2ex" not in document.text


def test_font_size_commands_leave_no_digits(tex: Any) -> None:
    document = tex("\\begin{tabular}{ll}\n{\\fontsize{8}{9}\\selectfont Model} & "
                   "{\\fontsize{8}{9}\\selectfont Days} \\\\ \\midrule\n"
                   "Owl & 4 \\\\\n\\end{tabular}")
    assert document.tables[0].header == ("Model", "Days")


def test_a_numeric_second_row_stays_data(tex: Any) -> None:
    # No rule after the first row: only it is the header, even though the next row has words.
    document = tex("\\begin{tabular}{lll}\nModel & GPUs & Days \\\\\nOwl & 8 & 3 \\\\\n"
                   "Cat & 16 & 2 \\\\\n\\end{tabular}")
    assert document.tables[0].header == ("Model", "GPUs", "Days")
    assert [row.is_header for row in document.tables[0].rows] == [True, False, False]


def test_word_rows_before_a_midrule_with_numbers_are_not_header(tex: Any) -> None:
    # The second row holds a number: the header is the first row alone.
    document = tex("\\begin{tabular}{ll}\nModel & Days \\\\\nOwl & 3 \\\\ \\midrule\n"
                   "Cat & 2 \\\\\n\\end{tabular}")
    assert document.tables[0].header == ("Model", "Days")
    assert [row.is_header for row in document.tables[0].rows] == [True, False, False]


def test_more_than_three_word_rows_are_not_one_header(tex: Any) -> None:
    body = "".join(f"W{i} & V{i} \\\\\n" for i in range(5))
    document = tex("\\begin{tabular}{ll}\n" + body + "\\midrule\nOwl & 3 \\\\\n\\end{tabular}")
    assert document.tables[0].header == ("W0", "V0")


@st.composite
def _grouped_table(draw: st.DrawFn) -> tuple[str, int, list[int]]:
    """A table whose first row groups the columns with \\multicolumn, a sub-header row, a rule,
    then numeric rows: (LaTeX, number of columns, the group widths)."""
    widths = draw(st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=4))
    columns = sum(widths)
    groups = " & ".join(f"\\multicolumn{{{w}}}{{c}}{{G{i}}}" if w > 1 else f"G{i}"
                        for i, w in enumerate(widths))
    sub = " & ".join(f"S{j}" for j in range(columns))
    rows = [" & ".join(str(draw(st.integers(0, 99))) for _ in range(columns))
            for _ in range(draw(st.integers(1, 3)))]
    body = "\\\\\n".join([groups + " \\\\ \\cmidrule{1-2}", sub + " \\\\ \\midrule", *rows])
    return f"\\begin{{tabular}}{{{'c' * columns}}}\n{body} \\\\\n\\end{{tabular}}", columns, widths


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=_grouped_table())
def test_grouped_headers_cover_every_column(tex: Any, table: tuple[str, int, list[int]]) -> None:
    source, columns, widths = table
    document = tex(source)
    [parsed] = document.tables
    assert len(parsed.header) == columns
    groups = [f"G{i}" for i, width in enumerate(widths) for _ in range(width)]
    expected = [f"{group} S{k}" for k, group in enumerate(groups)]
    assert list(parsed.header) == expected
    assert [cell.span for cell in parsed.rows[0].cells] == widths
    for row in parsed.rows[2:]:
        assert row.columns() == list(range(columns))
