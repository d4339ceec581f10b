"""Property tests: random LaTeX-like input never raises anything but InputError, and the segments
always tile the text with verbatim pieces equal to their source."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperlint.api import CheckOptions
from paperlint.document import segments_cover
from paperlint.errors import InputError
from paperlint.readers.latex import read_latex

TOKENS = [
    "\\section{", "\\newcommand{\\x}{", "\\newcommand{\\y}[1]{#1 ", "\\x", "\\y{", "\\def\\z#1{",
    "\\z", "{", "}", "[", "]", "$", "$$", "\\[", "\\]", "\\times", "10^{", "_", "&", "\\\\", "%",
    "\n", "\n\n", " ", "~", "\\%", "\\begin{tabular}{ll}", "\\end{tabular}", "\\begin{itemize}",
    "\\end{itemize}", "\\item", "\\begin{verbatim}", "\\end{verbatim}", "\\iffalse", "\\else",
    "\\fi", "\\footnote{", "\\SI{3}{\\hour}", "\\qty{", "\\si{", "\\cite{a}", "\\input{",
    "\\input ",
    "\\include{missing}", "\\multicolumn{2}{c}{", "\\hline", "\\cmidrule(lr){1-2}", "\\url{",
    "\\'", "\\begin{document}", "\\end{document}", "\\begin{comment}", "\\end{comment}", "#", "^",
    "8 GPUs", "é", "12 days", "\\mathrm{", "\\let\\b\\x", "\\begin{equation}", "\\end{equation}",
    "\\begin{foo}", "\\end{bar}", "\\verb|", "|", "\\newcommand", "\\renewcommand{\\x}{\\x}",
]
latexish = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(alphabet="abc 12.,\\{}$%&#_^~\n", max_size=6)),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=latexish, wrap=st.booleans())
def test_random_latex_never_crashes_and_always_tiles(body: str, wrap: bool) -> None:
    source = ("\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n"
              if wrap else body)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "main.tex"
        path.write_text(source, encoding="utf-8")
        try:
            document = read_latex(path, CheckOptions(), display_path="main.tex")
        except InputError:
            return
    assert segments_cover(document.segments, len(document.text))
    for segment in document.segments:
        assert segment.file in document.sources
        text = document.sources[segment.file].text
        assert 0 <= segment.source_start <= segment.source_end <= len(text)
        if segment.verbatim:
            assert text[segment.source_start:segment.source_end] == (
                document.text[segment.text_start:segment.text_end]
            )
    for row in (r for table in document.tables for r in table.rows):
        assert "\n" not in document.text[row.start:row.end]
