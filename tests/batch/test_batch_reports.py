"""The batch reporters: JSON Lines (and reading it back), CSV rows, the organisers' HTML page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from paperlint.errors import InputError
from paperlint.model import (
    Claim,
    ComputeReport,
    Coverage,
    DocumentResult,
    Estimate,
    Finding,
    Location,
    Report,
)
from paperlint.report import csvout, html, jsonl

HOSTILE = 'sub/<script>alert("x")</script>&"q".tex'


def _report(role: str = "training", *, flop: float | None = None,
            estimate: float | None = 3e21, hardware: str | None = "nvidia-a100") -> ComputeReport:
    est = Estimate(estimate, estimate / 3, estimate * 3, "hardware-time", {"utilization": 0.3}) \
        if estimate else None
    return ComputeReport(Location("main.tex", 4, 2), hardware=hardware, chip_count=8,
                         duration_hours=72.0, flop=flop, role=role, claims=(0,), estimate=est)


def _document(path: str = "papers/a.tex", **kwargs: object) -> DocumentResult:
    claim = Claim("chip_count", "8 GPUs", 8.0, "chips", Location("main.tex", 4, 2, 4, 8),
                  role="training")
    finding = Finding("PL104", "no-total-flop", "warning", "state the total FLOP <here>",
                      Location("main.tex", 4, 2, 4, 30), suggestion="about 3e21 FLOP")
    values: dict[str, object] = {
        "path": path, "format": "latex", "files": ("main.tex",), "verdict": "partial",
        "claims": (claim,), "compute_reports": (_report(),), "findings": (finding,),
        "coverage": Coverage(2, 1, 1),
    }
    values.update(kwargs)
    return DocumentResult(**values)  # type: ignore[arg-type]


# -- JSON Lines -----------------------------------------------------------------------------------
def test_a_jsonl_line_is_a_documents_entry_and_reads_back_equal() -> None:
    document = _document()
    line = jsonl.line(document)
    assert line.endswith("\n") and line.count("\n") == 1
    assert json.loads(line) == Report((document,)).to_dict()["documents"][0]
    back = jsonl.from_dict(json.loads(line))
    assert back.to_dict() == document.to_dict()


def test_load_ignores_a_torn_last_line_and_says_where_to_cut(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    whole = jsonl.line(_document("a.tex")) + jsonl.line(_document("b.tex"))
    output.write_text(whole + '{"path": "c.te', encoding="utf-8")
    loaded = jsonl.load(output)
    assert [d.path for d in loaded.documents] == ["a.tex", "b.tex"]
    assert loaded.valid_bytes == len(whole.encode("utf-8"))


def test_load_refuses_a_file_that_is_not_paperlint_output(tmp_path: Path) -> None:
    output = tmp_path / "notes.jsonl"
    output.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.jsonl"):
        jsonl.load(output)
    assert jsonl.load(tmp_path / "absent.jsonl").documents == ()


# -- CSV ------------------------------------------------------------------------------------------
def test_csv_has_one_row_per_paper_with_the_documented_columns() -> None:
    broken = DocumentResult(path="b.pdf", format=None, error="not a PDF file")
    text = csvout.render(Report((_document(), broken)))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == csvout.COLUMNS
    assert rows[0]["id"] == "a" and rows[0]["verdict"] == "partial"
    assert float(rows[0]["flop"]) == pytest.approx(3e21)
    assert float(rows[0]["flop_low"]) == pytest.approx(1e21)
    assert rows[0]["hardware"] == "nvidia-a100" and rows[0]["warnings"] == "1"
    assert rows[1]["error"] == "not a PDF file" and rows[1]["flop"] == ""


def test_csv_defuses_spreadsheet_formulas_in_paper_derived_cells(tmp_path: Path) -> None:
    text = csvout.render(Report((_document(path="=HYPERLINK(1)"), _document(path="ok.tex"))))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1] == "'=HYPERLINK(1)" and rows[2][1] == "ok.tex"
    output = tmp_path / "out.csv"
    output.write_text(text, encoding="utf-8")
    assert csvout.done_paths(output)[0] == {"=HYPERLINK(1)", "ok.tex"}


def test_headline_prefers_own_training_and_stated_figures() -> None:
    stated = _document(compute_reports=(_report(flop=5e20, estimate=9e22),))
    assert csvout.headline(stated) == csvout.Headline(5e20, 5e20, 5e20, "stated", "nvidia-a100")
    runs = (_report("fine-tuning", estimate=1e24), _report("training", estimate=2e21),
            _report("training", estimate=7e21), _report("other-work", estimate=1e25))
    figure = csvout.headline(_document(compute_reports=runs))
    assert figure is not None and figure.flop == 7e21  # the largest own training run
    only_others = _document(compute_reports=(_report("other-work"), _report("inference")))
    assert csvout.headline(only_others) is None
    assert csvout.headline(_document(compute_reports=(_report("fine-tuning"),))) is not None


@pytest.mark.parametrize(("path", "expected"), [
    ("subs/paper-17.tar.gz", "paper-17"), ("subs/p.pdf", "p"), ("subs/dir/", "dir"),
    ("x.tex", "x"), (".tex", ".tex"),
])
def test_paper_id(path: str, expected: str) -> None:
    assert csvout.paper_id(path) == expected


# -- HTML -----------------------------------------------------------------------------------------
def test_html_escapes_everything_a_submission_controls() -> None:
    hostile_finding = Finding("PL104", "x", "warning", "<img src=x onerror=alert(1)>",
                              Location("<b>.tex", 1, 1))
    page = html.render(Report((
        _document(path=HOSTILE, findings=(hostile_finding,)),
        DocumentResult(path="e.pdf", format=None, error="<iframe>bad</iframe>"),
    )))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "<iframe>" not in page and "<b>.tex" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_html_is_self_contained() -> None:
    page = html.render(Report((_document(), _document("b.tex"))))
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for needle in ("<link", " src=", "@import", "url(", "https://", "//fonts"):
        assert needle not in page, needle
    assert page.count("<script>") == 1


def test_html_table_rows_link_to_each_papers_findings() -> None:
    documents = (_document("a.tex"), _document("b.tex"),
                 DocumentResult(path="c.pdf", format=None, error="unreadable"))
    page = html.render(Report(documents))
    for index in range(3):
        assert f'href="#paper-{index}"' in page and f'id="paper-{index}"' in page
    assert 'data-verdict="error"' in page and 'data-verdict-count="partial">2<' in page


def test_histogram_counts_papers_per_decade_including_empty_decades() -> None:
    assert html.histogram_bins([2e18, 5e18, 3e21]) == [(18, 2), (19, 0), (20, 0), (21, 1)]
    assert html.histogram_bins([]) == []
    svg = html.histogram_svg([2e18, 5e18, 3e21])
    assert svg.count("<rect") == 4 and 'data-count="2"' in svg and "1e21" in svg
    assert "No submission" in html.histogram_svg([])
