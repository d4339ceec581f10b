"""The source map: offsets in the plain text land on the exact file, line and column."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from paperlint.document import DocumentBuilder, SourceFile, plain_document, segments_cover


def _two_file_document():
    main = "Intro line.\n\\input{setup}\nEnd $\\times$ here.\n"
    setup = "We used 8 GPUs.\nSecond line é.\n"
    builder = DocumentBuilder("main.tex", "latex")
    builder.add_source(SourceFile("main.tex", main))
    builder.add_source(SourceFile("setup.tex", setup))
    builder.append_verbatim("main.tex", 0, main[:12])  # "Intro line.\n"
    builder.append_verbatim("setup.tex", 0, setup)
    start = main.index("End")
    builder.append_verbatim("main.tex", start, "End ")
    times = main.index("$\\times$")
    builder.append_generated("main.tex", times, times + len("$\\times$"), "×")
    rest = times + len("$\\times$")
    builder.append_verbatim("main.tex", rest, main[rest:])
    return builder.build()


def test_verbatim_offsets_map_exactly_across_files() -> None:
    document = _two_file_document()
    assert segments_cover(document.segments, len(document.text))
    start = document.text.index("8 GPUs")
    location = document.location(start, start + len("8 GPUs"))
    assert (location.file, location.line, location.column) == ("setup.tex", 1, 9)
    assert (location.end_line, location.end_column) == (1, 15)
    assert document.source_text(start, start + len("8 GPUs")) == "8 GPUs"


def test_columns_count_code_points() -> None:
    document = _two_file_document()
    start = document.text.index("é")
    assert document.location(start).column == len("Second line ") + 1


def test_generated_text_maps_to_its_whole_source_span() -> None:
    document = _two_file_document()
    start = document.text.index("×")
    assert document.source_text(start, start + 1) == "$\\times$"
    location = document.location(start, start + 1)
    assert (location.file, location.line, location.column) == ("main.tex", 3, 5)


def test_mapped_lines_name_each_lines_origin() -> None:
    document = _two_file_document()
    origins = [(loc.file, loc.line) for loc, _ in document.mapped_lines()][:4]
    assert origins == [("main.tex", 1), ("setup.tex", 1), ("setup.tex", 2), ("main.tex", 3)]


@given(st.text(max_size=300))
def test_plain_document_maps_every_offset_to_itself(text: str) -> None:
    document = plain_document(text)
    assert segments_cover(document.segments, len(text)) or text == ""
    for offset in range(0, len(text), 7):
        assert document.source_offset(offset) == ("<text>", offset)
        assert document.source_text(offset, len(text)) == text[offset:]
