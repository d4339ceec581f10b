"""Progress on standard error: a rich bar on a terminal, plain periodic lines elsewhere."""

from __future__ import annotations

import io

from paperlint.batch.progress import BatchProgress
from paperlint.display import shown
from paperlint.model import DocumentResult

OK = DocumentResult(path="a.tex", format="latex", verdict="complete")
BAD = DocumentResult(path="b\x1b[2J.pdf", format=None, error="not a PDF file")


def test_plain_lines_every_n_papers_with_failures_and_a_final_line() -> None:
    stream = io.StringIO()
    with BatchProgress(5, stream=stream, live=False, every=2, seconds=3600) as progress:
        for result in (OK, BAD, OK, OK, OK):
            progress.advance(result)
    lines = stream.getvalue().splitlines()
    # No escape sequence reaches the terminal: it is shown escaped.
    assert lines[0] == "paperlint: error: b\\x1b[2J.pdf: not a PDF file"
    assert lines[1].startswith("paperlint: 2/5 papers checked, 1 failed, ")
    assert "ETA" in lines[1]
    assert lines[2].startswith("paperlint: 4/5 papers checked, 1 failed")
    assert lines[-1].startswith("paperlint: 5/5 papers checked, 1 failed") and "took" in lines[-1]
    assert len(lines) == 4


def test_the_live_bar_shows_done_failed_and_rate() -> None:
    stream = io.StringIO()
    with BatchProgress(3, stream=stream, live=True) as progress:
        for result in (OK, BAD, OK):
            progress.advance(result)
    text = stream.getvalue()
    assert "3/3" in text and "1 failed" in text and "/s" in text
    assert "not a PDF file" in text and "\x1b[2J" not in text


def test_control_characters_are_escaped_and_nothing_else() -> None:
    assert shown("ok päper\t\r\n\x07\x1b[2J") == "ok päper\\t\\r\\n\\x07\\x1b[2J"
