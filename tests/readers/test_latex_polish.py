"""LaTeX reader polish: the title, configuration commands, cross-references and citation positions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from paperlint.document import Document, DocumentBuilder, SourceFile
from paperlint.readers.latex_macros import CONFIGURATION
from paperlint.readers.latex_walk import CITATIONS, DROPPED, REFERENCE_PLACEHOLDER
from tests.readers.conftest import END, read, words, write

Tex = Callable[..., Document]


def _paper(tmp_path: Path, preamble: str, body: str) -> Document:
    write(tmp_path, {"main.tex": "\\documentclass{article}\n" + preamble
                     + "\\begin{document}\n" + body + END})
    return read(tmp_path / "main.tex")


# -- the title ---------------------------------------------------------------------------------


def test_title_in_the_preamble_is_read_as_its_own_line(tmp_path: Path) -> None:
    document = _paper(
        tmp_path,
        "\\title{Sparse Adapters on One Consumer GPU}\n\\author{Ann Example}\n\\date{May}\n",
        "\\maketitle\nWe fine-tune for 3 hours.",
    )
    lines = [line for line in document.text.split("\n") if line.strip()]
    assert lines == ["Sparse Adapters on One Consumer GPU", "We fine-tune for 3 hours."]
    assert "Ann" not in document.text and "May" not in document.text  # only the title
    start = document.text.index("Sparse")
    location = document.location(start, start + len("Sparse"))
    assert (location.line, location.column, location.end_column) == (2, 8, 14)


def test_title_with_running_title_macros_and_thanks(tmp_path: Path) -> None:
    document = _paper(
        tmp_path,
        "\\newcommand{\\method}{TinyNet}\n"
        "\\title[Short]{\\method: Training on 4 GPUs\\thanks{Work done while away.}}\n",
        "Body text.",
    )
    assert words(document).startswith("TinyNet: Training on 4 GPUs (Work done while away.)")
    assert "Short" not in document.text


def test_no_title_and_title_in_the_body(tmp_path: Path) -> None:
    assert words(_paper(tmp_path, "\\usepackage{amsmath}\n", "Only body.")) == "Only body."
    document = _paper(tmp_path, "", "\\title{In The Body}\nText.")
    assert words(document) == "In The Body Text."


# -- configuration commands --------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "\\thispagestyle{fancy}", "\\pagestyle{headings}", "\\setlength{\\parskip}{2pt}",
        "\\addtolength{\\textheight}{1cm}", "\\setcounter{section}{4}",
        "\\hypersetup{colorlinks=true, urlcolor=teal}", "\\definecolor{ours}{RGB}{10,20,30}",
        "\\colorlet{pale}{ours!20}", "\\fancyhead[LE,RO]{Running Head}", "\\lhead{Left words}",
        "\\fancyhf{}", "\\newgeometry{margin=2cm}", "\\linespread{1.05}",
        "\\enlargethispage*{3ex}", "\\pagenumbering{arabic}", "\\captionsetup{font=footnotesize}",
        "\\newcolumntype{Y}{>{\\centering}X}", "\\crefname{table}{Tab.}{Tabs.}",
        "\\addcontentsline{toc}{section}{Extra Words}", "\\setlist[itemize]{leftmargin=8pt}",
        "\\titleformat{\\section}{\\bfseries}{\\thesection}{1em}{}", "\\copyrightyear{2031}",
        "\\acmConference[XYZ '31]{Some Venue}{June 2031}{Nowhere}", "\\phantom{00}",
        "\\settowidth{\\mylen}{widest label}", "\\newcounter{step}[section]",
    ],
)
def test_configuration_commands_leave_no_words(tex: Tex, command: str) -> None:
    assert words(tex(f"Before.\n{command}\nAfter.")) == "Before. After."


def test_every_configuration_command_is_dropped() -> None:
    assert set(CONFIGURATION) <= DROPPED


def test_unknown_commands_still_keep_their_text(tex: Tex) -> None:
    # Near miss: a command we do not know keeps its argument's words (it may be prose).
    assert words(tex("We used \\ourhighlight{8 GPUs}.")) == "We used 8 GPUs."


# -- cross-references --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("See Section~\\ref{sec:setup}.", "See Section §."),
        ("As Eq.~\\eqref{eq:c} shows.", "As Eq. § shows."),
        ("\\autoref{tab:a} and \\cref{fig:b,fig:c} and \\Cref*{x}.", "§ and § and §."),
        ("On page~\\pageref{p} in \\nameref{n}.", "On page § in §."),
        ("Figures~\\crefrange{a}{b} agree.", "Figures § agree."),
        ("A label\\label{here} leaves nothing.", "A label leaves nothing."),
    ],
)
def test_references_read_as_a_placeholder(tex: Tex, body: str, expected: str) -> None:
    assert words(tex(body)) == expected


def test_reference_placeholder_maps_to_the_command(tex: Tex) -> None:
    document = tex("See Table~\\ref{t}.")
    at = document.text.index(REFERENCE_PLACEHOLDER)
    assert document.source_text(at, at + 1) == "\\ref{t}"


def test_extraction_reads_nothing_into_the_placeholder(tex: Tex) -> None:
    from paperlint.extract import extract

    with_ref = tex("We train on 8 A100 GPUs (see Section~\\ref{s}) for 3 days. "
                   "As Table~\\ref{t} shows, the model has 7B parameters.")
    plain = tex("We train on 8 A100 GPUs (see Section Alpha) for 3 days. "
                "As Table Alpha shows, the model has 7B parameters.")
    got, want = extract(with_ref), extract(plain)
    assert got.statements == want.statements == 2  # the placeholder ends no sentence
    assert [(c.type, c.value, c.sentence) for c in got.claims] == [
        (c.type, c.value, c.sentence) for c in want.claims
    ]
    assert len(got.compute_reports) == 1


# -- citations ---------------------------------------------------------------------------------


def _before(document: Document, offset: int, width: int = 20) -> str:
    return document.text[max(0, offset - width):offset]


def test_citation_positions_in_prose(tex: Tex) -> None:
    document = tex("A recent system used 2048 TPU cores~\\cite{x}. We use 8 GPUs.\n"
                   "\\citet{y} report more \\citep[p.~3]{z}, and \\parencite{w}.")
    assert len(document.citations) == 4
    first, second, third, fourth = document.citations
    assert _before(document, first).endswith("TPU cores") and document.text[first] == "."
    assert document.text[second:].startswith(" report more")
    assert _before(document, third).endswith("report more ")
    assert _before(document, fourth).endswith("and ")
    assert list(document.citations) == sorted(document.citations)


def test_no_citations_no_positions(tex: Tex) -> None:
    document = tex("We use 8 GPUs.\\nocite{*} See Section~\\ref{s}.\\label{l}")
    assert document.citations == ()


def test_citation_in_the_preamble_or_a_comment_is_not_recorded(tmp_path: Path) -> None:
    document = _paper(tmp_path, "\\newcommand{\\unused}{\\cite{q}}\n",
                      "Text. % \\cite{commented}\nMore.")
    assert document.citations == ()


def test_citation_inside_a_macro_is_placed_after_its_text(tex: Tex) -> None:
    document = tex("\\newcommand{\\gpt}{GPT-3~\\cite{b}}\\gpt{} was large; so was \\gpt{} again.")
    assert len(document.citations) == 2  # the second expansion comes from the cache
    assert all(_before(document, c).endswith("GPT-3") for c in document.citations)


def test_citation_in_a_table_cell(tex: Tex) -> None:
    document = tex("\\begin{tabular}{ll}\nBaseline~\\citep{b} & 2.3e19 \\\\\n"
                   "Ours & 1e18 \\\\\n\\end{tabular}")
    [offset] = document.citations
    assert _before(document, offset).endswith("Baseline")
    [table] = document.tables
    assert table.rows[0].start <= offset <= table.rows[0].end
    assert not table.rows[1].start <= offset <= table.rows[1].end


def test_citations_in_an_included_file(tex: Tex) -> None:
    document = tex("First.\n\\input{part}\nLast~\\cite{c}.",
                   {"part.tex": "Included work~\\cite{p} used 64 GPUs."})
    first, second = document.citations
    assert _before(document, first).endswith("Included work")
    assert _before(document, second).endswith("Last")


def test_citation_commands_cover_the_common_packages() -> None:
    assert {"cite", "citep", "citet", "parencite", "textcite", "autocite", "footcite"} <= CITATIONS
    assert "nocite" not in CITATIONS and "setcitestyle" not in CITATIONS


def test_builder_maps_citations_recorded_by_source_position() -> None:
    source = "alpha [cite] beta"
    builder = DocumentBuilder("x.tex", "latex")
    builder.add_source(SourceFile("x.tex", source))
    builder.append_verbatim("x.tex", 0, "alpha")
    builder.cite_at_source("x.tex", 6)  # "[cite]" is not in the text
    builder.append_generated("x.tex", 12, 13, " ")
    builder.append_verbatim("x.tex", 13, "beta")
    builder.citations.append(builder.length)  # and one at the very end
    builder.cite_at_source("x.tex", 99)  # past every segment: the end of the text
    document = builder.build()
    assert document.text == "alpha beta"
    assert document.citations == (5, 10)


def test_documents_default_to_no_citations() -> None:
    from paperlint.document import plain_document

    assert plain_document("We cite nobody.").citations == ()
