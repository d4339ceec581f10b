"""The organisers' HTML report in a real headless Chromium: loads cleanly, sorts, filters, links.

Needs Debian's chromium (``apt-get install -y chromium``; .ci/run installs it) and the
playwright package, which drives that browser: ``playwright install`` (a download) is never run.
Skips with a reason only where no browser can be installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paperlint.model import ComputeReport, DocumentResult, Estimate, Finding, Location, Report
from paperlint.report import html

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
# Debian's chromium first (what .ci/run installs); other Chromium builds where that is absent.
CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _paper(path: str, verdict: str, flop: float | None, warnings: int = 0) -> DocumentResult:
    reports = ()
    if flop is not None:
        estimate = Estimate(flop, flop / 2, flop * 2, "hardware-time")
        reports = (ComputeReport(Location("main.tex", 3, 1), hardware="nvidia-v100",
                                 role="training", estimate=estimate),)
    findings = tuple(Finding("PL104", "no-total-flop", "warning", f"finding {i}",
                             Location("main.tex", 3, 1)) for i in range(warnings))
    return DocumentResult(path=path, format="latex", verdict=verdict,  # type: ignore[arg-type]
                          compute_reports=reports, findings=findings)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("no chromium binary (apt-get install -y chromium could not run here)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


def _column(page: Any, index: int) -> list[str]:
    return list(page.eval_on_selector_all(
        "#papers tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{index}].textContent.trim())",
    ))


def test_the_report_loads_sorts_filters_and_links(browser: Any, tmp_path: Path) -> None:
    documents = (
        _paper("subs/beta.tex", "partial", 3e21, warnings=2),
        _paper('subs/<img src=x onerror="alert(1)">.tex', "missing", None, warnings=1),
        _paper("subs/alpha.tex", "complete", 4e18),
        _paper("subs/gamma.pdf", "complete", 7e23),
        DocumentResult(path="subs/delta.zip", format=None, error="<script>alert(2)</script>"),
    )
    page_file = tmp_path / "report.html"
    page_file.write_text(html.render(Report(documents, "test")), encoding="utf-8")

    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:"))
            else problems.append("request: " + r.url))
    page.goto(page_file.as_uri())

    assert page.text_content("#shown") == "showing 5 of 5"
    assert page.locator("#histogram svg rect").count() == 6  # decades 1e18 .. 1e23
    # The hostile path is shown as text, not run.
    assert page.locator("text=<img src=x").count() >= 1

    flop = page.locator("#papers th", has_text="FLOP").locator("button")
    flop.click()
    flops = ["4e18 estimated", "3e21 estimated", "7e23 estimated"]  # estimates, not stated
    assert _column(page, 3)[:3] == flops and _column(page, 3)[3:] == ["–", "–"]
    flop.click()
    assert _column(page, 3)[:3] == flops[::-1]
    page.locator("#papers th", has_text="paper").locator("button").click()
    assert _column(page, 1)[:2] == ["<img src=x onerror=\"alert(1)\">", "alpha"]

    page.fill("#filter", "v100")
    assert page.text_content("#shown") == "showing 3 of 5"
    page.fill("#filter", "")
    page.select_option("#verdict-filter", "complete")
    assert sorted(_column(page, 1)) == ["alpha", "gamma"]
    page.select_option("#verdict-filter", "error")
    assert _column(page, 1) == ["delta"]

    page.click("#papers tbody tr:not([hidden]) a")
    assert page.evaluate("location.hash") == "#paper-4"
    assert "alert(2)" in (page.text_content("#paper-4 .error") or "")

    page.select_option("#verdict-filter", "")
    screenshot = tmp_path / "organisers-report.png"
    page.screenshot(path=str(screenshot), full_page=True)
    print(f"screenshot: {screenshot}")
    assert screenshot.stat().st_size > 10_000
    assert problems == []
    page.close()
