"""The source map: every character of the text lands on the right file, line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paperlint.document import Document, segments_cover
from tests.readers.conftest import read

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "example"


@pytest.fixture(scope="module")
def example() -> Document:
    return read(FIXTURE)


def test_segments_tile_the_text(example: Document) -> None:
    assert segments_cover(example.segments, len(example.text))
    assert example.files == (
        "main.tex", "sections/intro.tex", "sections/setup.tex", "sections/results.tex"
    )


def test_verbatim_segments_are_the_source_characters(example: Document) -> None:
    verbatim = [s for s in example.segments if s.verbatim]
    assert len(verbatim) > 20
    for segment in verbatim:
        source = example.sources[segment.file].text
        assert source[segment.source_start:segment.source_end] == (
            example.text[segment.text_start:segment.text_end]
        )


def test_every_word_maps_back_to_itself(example: Document) -> None:
    """For each word of verbatim text: location and source_text point at the same characters."""
    checked = 0
    for match in re.finditer(r"[A-Za-z0-9][\w.-]*", example.text):
        start, end = match.span()
        segment = next(s for s in example.segments if s.text_start <= start < s.text_end)
        if not segment.verbatim or end > segment.text_end:
            continue
        source = example.sources[segment.file]
        offset = segment.source_start + start - segment.text_start
        assert example.source_text(start, end) == match.group()
        location = example.location(start, end)
        assert (location.file, location.line, location.column) == (
            segment.file, *source.line_col(offset)
        )
        line_text = source.line_text(location.line)
        assert line_text[location.column - 1:location.column - 1 + len(match.group())] == (
            match.group()
        )
        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("phrase", "file", "line", "column"),
    [
        ("NVIDIA A100 GPUs for 12 days in bf16", "sections/setup.tex", 2, 26),
        ("Large models are costly", "sections/intro.tex", 2, 1),
        ("made-up score of 71.3", "sections/results.tex", 2, 21),
        ("The ablation runs used", "main.tex", 23, 1),
    ],
)
def test_known_phrases_land_on_their_lines(
    example: Document, phrase: str, file: str, line: int, column: int
) -> None:
    start = example.text.index(phrase)
    location = example.location(start, start + len(phrase))
    assert (location.file, location.line, location.column) == (file, line, column)
    assert example.source_text(start, start + len(phrase)) == phrase


def test_generated_text_maps_to_the_whole_command(example: Document) -> None:
    start = example.text.index("64 NVIDIA")
    assert example.source_text(start, start + 2) == "\\numgpus{}"
    times = example.text.index("×")
    assert example.source_text(times, times + 1) == "\\times"
    phrase = "3.1×10^20"
    start = example.text.index(phrase)
    # The exact map ends at the last digit read, inside the braces.
    assert example.source_text(start, start + len(phrase)) == "3.1\\times10^{20"


def test_a_range_across_generated_and_verbatim_text(example: Document) -> None:
    phrase = "64 NVIDIA A100 GPUs"
    start = example.text.index(phrase)
    location = example.location(start, start + len(phrase))
    assert (location.line, location.column, location.end_line) == (2, 15, 2)
    assert example.source_text(start, start + len(phrase)) == "\\numgpus{} NVIDIA A100 GPUs"
