"""What is kept, what is skipped, and how bad input is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.errors import InputError
from paperlint.readers import latex_files
from tests.readers.conftest import END, PREAMBLE, read, words, write

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _doc(tmp_path: Path, body: str):  # type: ignore[no-untyped-def]
    write(tmp_path, {"main.tex": PREAMBLE + body + END})
    return read(tmp_path / "main.tex")


def test_comments_are_kept_aside_with_positions(tmp_path: Path) -> None:
    document = _doc(
        tmp_path, "We used 8 GPUs. % paperlint: disable=PL104\n% whole line 512 TPUs\nNext."
    )
    assert "paperlint" not in document.text and "512" not in document.text
    assert words(document) == "We used 8 GPUs. Next."
    first, second = document.comments
    assert (first.file, first.line, first.column) == ("main.tex", 3, 17)
    assert first.text == " paperlint: disable=PL104"
    assert (second.line, second.column, second.text) == (4, 1, " whole line 512 TPUs")


def test_escaped_percent_is_not_a_comment(tmp_path: Path) -> None:
    document = _doc(tmp_path, "Utilisation was 40\\% of peak.")
    assert words(document) == "Utilisation was 40% of peak." and not document.comments


def test_a_comment_after_a_full_stop_does_not_glue_sentences(tmp_path: Path) -> None:
    document = _doc(tmp_path, "First sentence.%\nSecond sentence.")
    assert words(document) == "First sentence. Second sentence."


@pytest.mark.parametrize(
    "hidden",
    [
        "\\begin{comment}\nWe used 999 GPUs { unbalanced\n\\end{comment}",
        "\\begin{verbatim}\nWe used 999 GPUs }\n\\end{verbatim}",
        "\\begin{lstlisting}[language=Python]\ngpus = 999 {\n\\end{lstlisting}",
        "\\begin{minted}{python}\ngpus = 999\n\\end{minted}",
        "\\iffalse\nWe used 999 GPUs {\n\\fi",
        "\\iffalse outer \\ifx\\a\\b 999 \\fi still hidden 999 \\fi",
        "\\begin{tikzpicture}\\node {999 GPUs};\\end{tikzpicture}",
    ],
)
def test_skipped_regions_are_not_read(tmp_path: Path, hidden: str) -> None:
    document = _doc(tmp_path, "Before.\n" + hidden + "\nAfter.")
    assert "999" not in document.text
    assert words(document) == "Before. After."


def test_iffalse_else_branch_is_read(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\iffalse hidden 999 \\else shown 64 \\fi end")
    assert words(document) == "shown 64 end"


def test_bibliography_is_excluded(tmp_path: Path) -> None:
    document = _doc(
        tmp_path,
        "Body text.\n\\bibliography{refs}\n\\printbibliography[heading=none]\n"
        "\\begin{thebibliography}{9}\\bibitem{a} Someone. Trained on 4096 GPUs."
        "\\end{thebibliography}"
        "\n\\appendix\\section{More}Appendix text with 16 GPUs.",
    )
    assert "4096" not in document.text and "refs" not in document.text
    assert "heading" not in document.text
    assert "Appendix text with 16 GPUs." in document.text


def test_latin1_falls_back_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": (PREAMBLE + "Caf\xe9 with 8 GPUs." + END).encode("latin-1")})
    document = read(tmp_path / "main.tex")
    assert words(document) == "Café with 8 GPUs."
    assert document.metadata["encoding"] == "latin-1"
    assert "main.tex" in str(document.metadata["encoding_note"])


def test_utf8_is_the_default(tmp_path: Path) -> None:
    document = _doc(tmp_path, "Ünïcode café ×")
    assert document.metadata["encoding"] == "utf-8" and "encoding_note" not in document.metadata
    start = document.text.index("café")
    assert document.location(start).column == 9


def test_binary_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": b"\\documentclass{article}\x00\x01\x02"})
    with pytest.raises(InputError, match="binary file, not LaTeX"):
        read(tmp_path / "main.tex")


def test_binary_include_is_refused_naming_it(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "\\input{fig}" + END, "fig.tex": b"\x00PNG"})
    with pytest.raises(InputError, match=r"fig\.tex.*binary file"):
        read(tmp_path / "main.tex")


def test_oversized_sources_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(latex_files, "MAX_TOTAL_BYTES", 200)
    write(tmp_path, {"main.tex": PREAMBLE + "\\input{big}" + END, "big.tex": "x" * 300})
    with pytest.raises(InputError, match="larger than"):
        read(tmp_path / "main.tex")


def test_broken_latex_is_read_as_far_as_possible() -> None:
    document = read(FIXTURES / "broken" / "main.tex")
    text = words(document)
    assert "We trained on 8 GPUs for 3 days" in text
    assert "An item in a list" in text


def test_deep_nesting_is_an_input_error_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "{" * 3000 + "x" + "}" * 3000 + END})
    try:
        document = read(tmp_path / "main.tex")
    except InputError as error:
        assert "main.tex" in str(error)
    else:
        assert "x" in document.text


def test_no_compute_fixture_reads_cleanly() -> None:
    document = read(FIXTURES / "no_compute")
    assert "sort socks" in document.text and not document.problems and not document.tables
