"""The organisers' HTML report in headless Chromium: rule filter, stated/estimated FLOP, hardware
display names, the per-rule table, CSV export from the page, paste-ready text as code, and
screenshots showing that the chart and the tables are drawn.

Uses the browser of tests/batch/test_batch_browser.py (Debian's chromium, driven by playwright);
skips with a reason where there is none.
"""

from __future__ import annotations

import csv
import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from paperlint.model import ComputeReport, DocumentResult, Estimate, Finding, Location, Report
from paperlint.report import html
from tests.batch.test_batch_browser import browser  # noqa: F401  (the shared fixture)

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

PASTE = (r"Training used about $2.6\times10^{19}$~FLOP (estimated from 4 NVIDIA A100 GPUs "
         r"$\times$ 20 h $\times$ 30\% utilization).")


def _finding(code: str, name: str, line: int, suggestion: str | None = None) -> Finding:
    return Finding(code, name, "warning", f"{code} says <b>so</b>", Location("main.tex", line, 1),
                   suggestion)


def _documents() -> tuple[DocumentResult, ...]:
    stated = ComputeReport(Location("main.tex", 3, 1), hardware="nvidia-a100", role="training",
                           flop=3e21)
    estimated = ComputeReport(Location("main.tex", 3, 1), hardware="nvidia-v100-sxm2",
                              role="training",
                              estimate=Estimate(4e19, 2e19, 8e19, "hardware-time"))
    return (
        DocumentResult("subs/stated.tex", "latex", verdict="complete",
                       compute_reports=(stated,),
                       findings=(_finding("PL201", "ambiguous-flops-unit", 4),)),
        DocumentResult("subs/estimated.tex", "latex", verdict="partial",
                       compute_reports=(estimated,),
                       findings=(_finding("PL105", "missing-total-flop", 3, PASTE),
                                 _finding("PL201", "ambiguous-flops-unit", 7),
                                 _finding("PL201", "ambiguous-flops-unit", 9))),
        DocumentResult("subs/=HYPERLINK(evil).tex", "latex", verdict="missing",
                       findings=(_finding("PL101", "missing-compute-report", 1),)),
        DocumentResult("subs/broken.zip", None, error="damaged archive"),
    )


def _png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """(width, height, RGB pixels) of an 8-bit RGB or RGBA PNG, as Chromium writes them."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and color in (2, 6) and interlace == 0
    step = 3 if color == 2 else 4
    raw, stride = zlib.decompress(chunks), width * step
    previous, pixels, offset = bytearray(stride), [], 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), left), (abs(guess - up), up),
                           (abs(guess - corner), corner), key=lambda pair: pair[0])
                line[i] = (line[i] + near[1]) & 0xFF
        pixels += [tuple(line[i:i + 3]) for i in range(0, stride, step)]  # type: ignore[misc]
        previous = line
    return width, height, pixels


def _near(pixels: list[tuple[int, int, int]], color: tuple[int, int, int], slack: int = 12) -> int:
    return sum(1 for p in pixels if all(abs(a - b) <= slack for a, b in zip(p, color, strict=True)))


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Any:  # noqa: F811
    page_file = tmp_path / "report.html"
    page_file.write_text(html.render(Report(_documents(), "test")), encoding="utf-8")
    opened = browser.new_page(accept_downloads=True)
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    opened.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:", "blob:"))
              else problems.append("request: " + r.url))
    opened.goto(page_file.as_uri())
    yield opened
    assert problems == []
    opened.close()


def _visible(page: Any, column: int) -> list[str]:
    return list(page.eval_on_selector_all(
        "#papers tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{column}].textContent.trim())"))


def test_flop_is_marked_stated_or_estimated_and_hardware_has_its_name(page: Any) -> None:
    assert _visible(page, 3) == ["3e21 stated", "4e19 estimated", "–", "–"]
    assert page.get_attribute("#papers tbody tr:nth-child(2) td:nth-child(4)",
                              "data-flop-kind") == "estimated"
    assert _visible(page, 4)[:2] == ["NVIDIA A100", "NVIDIA Tesla V100 SXM2"]  # not the ids
    assert "stated by the paper" in (page.text_content("#paper-0") or "")
    assert "estimated by paperlint, hardware-time" in (page.text_content("#paper-1") or "")


def test_the_per_rule_table_and_the_rule_filter(page: Any) -> None:
    rows = page.eval_on_selector_all("#rules tbody tr", "rows => rows.map(r => "
                                     "Array.from(r.cells).map(c => c.textContent.trim()))")
    assert rows == [["PL201", "ambiguous-flops-unit", "warning", "3", "2", "50%"],
                    ["PL101", "missing-compute-report", "warning", "1", "1", "25%"],
                    ["PL105", "missing-total-flop", "warning", "1", "1", "25%"]]
    page.select_option("#rule-filter", "PL201")
    assert page.text_content("#shown") == "showing 2 of 4"
    assert _visible(page, 1) == ["stated", "estimated"]
    page.select_option("#rule-filter", "")
    page.click("#rules button[data-code='PL101']")  # a code in the rule table filters too
    assert page.input_value("#rule-filter") == "PL101"
    assert _visible(page, 1) == ["=HYPERLINK(evil)"]


def test_csv_export_from_the_page_holds_the_rows_shown(page: Any, tmp_path: Path) -> None:
    with page.expect_download() as download:
        page.click("#export-csv")
    saved = tmp_path / "all.csv"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "paperlint-submissions.csv"
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == html.EXPORT_COLUMNS
    assert [row[1] for row in rows[1:]] == ["stated", "estimated", "'=HYPERLINK(evil)", "broken"]
    by_paper = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_paper["stated"]["flop_kind"] == "stated" and by_paper["stated"]["flop"] == "3e+21"
    assert by_paper["estimated"]["hardware"] == "NVIDIA Tesla V100 SXM2"
    assert by_paper["estimated"]["codes"] == "PL105 PL201"
    assert by_paper["broken"]["verdict"] == "error"
    page.select_option("#verdict-filter", "partial")
    with page.expect_download() as filtered:
        page.click("#export-csv")
    filtered.value.save_as(tmp_path / "some.csv")
    some = list(csv.reader(io.StringIO((tmp_path / "some.csv").read_text(encoding="utf-8"))))
    assert [row[1] for row in some[1:]] == ["estimated"]


def test_the_paste_ready_sentence_is_code_that_copies_verbatim(page: Any) -> None:
    assert page.text_content("#paper-1 pre.paste code") == PASTE
    assert page.locator("#paper-1 pre.paste").count() == 1
    assert page.locator("#paper-0 pre.paste").count() == 0  # advice stays prose
    assert page.locator("text=says <b>so</b>").count() >= 1  # shown as text, not markup


def test_screenshots_show_the_chart_and_the_tables(page: Any, tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    page.locator("#histogram svg").screenshot(path=str(chart))
    width, height, pixels = _png_pixels(chart.read_bytes())
    assert width >= 600 and height >= 200
    # Two submissions with a figure, in decades 1e19 and 1e21: bars in .bar's colour, #3f6fb5.
    assert _near(pixels, (0x3F, 0x6F, 0xB5)) > 2000
    table = tmp_path / "papers.png"
    page.locator("#papers").screenshot(path=str(table))
    _, _, cells = _png_pixels(table.read_bytes())
    assert _near(cells, (0x2E, 0x7D, 0x32)) > 50  # the "complete" verdict chip
    assert _near(cells, (0xB2, 0x6A, 0x00)) > 50  # the "partial" one
    assert _near(cells, (0x1D, 0x23, 0x30), slack=40) > 200  # text
    rules = tmp_path / "rules.png"
    page.locator("#rules").screenshot(path=str(rules))
    _, _, rule_pixels = _png_pixels(rules.read_bytes())
    assert _near(rule_pixels, (0x23, 0x4D, 0x8F), slack=40) > 50  # the rule codes' links
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    print(f"screenshots: {chart} {table} {rules} {tmp_path / 'report.png'}")
