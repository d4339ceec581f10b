"""The text report's closing line counts in words that agree with their numbers."""

from __future__ import annotations

from report_helpers import finding, latex_result, report

from paperlint.report.text import render


def _tail(*severities: str) -> str:
    findings = [finding(severity=s, line=4 + i) for i, s in enumerate(severities)]  # type: ignore[arg-type]
    return render(report(latex_result(*findings))).splitlines()[-1]


def test_one_of_each_is_singular() -> None:
    assert _tail("error", "warning", "info") == (
        "Found 3 findings (1 error, 1 warning, 1 info) in 1 document.")


def test_none_and_several_are_plural() -> None:
    assert _tail() == "Found 0 findings (0 errors, 0 warnings, 0 info) in 1 document."
    assert _tail("warning", "warning") == (
        "Found 2 findings (0 errors, 2 warnings, 0 info) in 1 document.")
