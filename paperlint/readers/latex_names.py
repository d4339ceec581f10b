"""The walker's command tables: which commands it drops, keeps, reads as headings or line breaks.

Data only, kept apart from the walk loop (latex_walk.py) so that a command is added to a table
without reading the walker; the walker's ``macro`` and ``environment`` methods look names up here.
"""

from __future__ import annotations

from paperlint.readers.latex_files import SKIPPED_ENVIRONMENTS
from paperlint.readers.latex_macros import CONFIGURATION
from paperlint.readers.latex_macros import REFERENCES as REFERENCE_SPECS
from paperlint.readers.latex_math import names

# Commands whose arguments are not prose: references, citations, layout, package setup.
DROPPED = names("""
label cite citep citet citealp citealt citeauthor
citeyear citeyearpar Citet Citep Citealt Citealp Citeauthor citenum nocite parencite textcite
autocite
footcite citetext citetalias citepalias defcitealias includegraphics bibliography bibliographystyle
printbibliography addbibresource usepackage RequirePackage documentclass setlength addtolength
setcounter addtocounter vspace hspace hypersetup graphicspath definecolor providecolor colorlet
color pagecolor pagestyle thispagestyle newtheorem newenvironment renewenvironment todo verb
includeonly sisetup hphantom vphantom phantom newif newcounter numberwithin crefname Crefname
captionsetup setcitestyle bibpunct DeclareGraphicsExtensions lstset tnote footnotemark rowcolors
tikzstyle usetikzlibrary pgfplotsset newlength settowidth theoremstyle rule
fontsize
""") | frozenset(CONFIGURATION)
# A cross-reference reads as this placeholder, so "Section~\\ref{x}." keeps its shape ("Section
# §."). Not LaTeX's "??": a "?" ends a sentence for the extractor and for the checks, and would cut
# "8 GPUs (Section~\\ref{x}) for 3 days" in two. Neither a number nor a word, it reads as nothing.
REFERENCE_PLACEHOLDER = "§"
REFERENCES = frozenset(REFERENCE_SPECS)
# Commands that cite in the running text (\\nocite and the style setters cite nowhere).
CITATIONS = frozenset(name for name in DROPPED if "cite" in name.lower()) - {
    "nocite", "setcitestyle", "defcitealias"}
# Commands that show only their last argument (a link's text, a coloured text, a table cell).
LAST_ARGUMENT = names("""
href hyperref textcolor colorbox fcolorbox multicolumn multirow makecell thead resizebox scalebox
adjustbox
""")
SECTIONS = names("part chapter section subsection subsubsection paragraph subparagraph title "
                     "caption captionof subcaption author date")
# The depth of each sectioning command's heading (paperlint.document.Heading).
HEADING_LEVELS = {"part": 1, "chapter": 1, "section": 1, "subsection": 2, "subsubsection": 3,
                  "paragraph": 4, "subparagraph": 5}
FOOTNOTES = frozenset(("footnote", "footnotetext", "thanks"))
LINE_ENDS = frozenset(("\\", "newline", "linebreak", "tabularnewline", "cr", "break"))
PARAGRAPHS = frozenset(("par", "newpage", "clearpage", "cleardoublepage", "pagebreak", "bigskip",
                        "medskip", "smallskip", "noindent", "appendix", "maketitle"))
# Inside math these read as text (their spaces kept), not as symbols.
TEXT_IN_MATH = names("text textrm textit textbf textsf texttt textup textnormal mbox mathrm "
                         "mathit mathbf mathsf mathtt operatorname emph hbox")
SKIPPED = frozenset(SKIPPED_ENVIRONMENTS) | {"thebibliography", "tikzpicture", "pgfpicture",
                                             "axis", "forest", "filecontents"}
MATH_ENVIRONMENTS = names("""equation equation* align align* gather gather* multline multline*
flalign flalign* eqnarray eqnarray* alignat alignat* displaymath math split""")
TABLE_ENVIRONMENTS = names("""tabular tabular* tabularx tabulary longtable longtable* tblr
NiceTabular supertabular xtabular tabu""")
