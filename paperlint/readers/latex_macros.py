"""User macros (\\newcommand, \\def, ...) and the pylatexenc context that knows their arguments.

A definition is recorded when the walker meets it; its *argument count* is also found by a quick
scan of each file before parsing, so that pylatexenc parses ``\\gpus{8}`` with its argument
attached.
Expansion substitutes the call's raw arguments into the body; the walker parses and reads the result
as generated text mapped to the call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_EXPANSION_DEPTH = 12  # nested user-macro expansions; deeper means a recursive definition
MAX_EXPANSIONS = 20000  # per document: a guard against exponential definitions
MAX_EXPANDED_CHARS = 200_000  # one expansion's source (the body with its arguments)
# Text all expansions of one document produce, counted at every level of nesting and for cached
# expansions too (the corpus's most is about 0.1 MB): the bound on the work and memory they cost.
MAX_EXPANSION_TEXT = 2_000_000


@dataclass(frozen=True)
class MacroDef:
    """A user macro: ``nargs`` parameters, the first optional with ``default`` when not None."""

    name: str
    nargs: int
    default: str | None
    body: str

    @property
    def argspec(self) -> str:
        if self.nargs == 0:
            return ""
        if self.default is not None:
            return "[" + "{" * (self.nargs - 1)
        return "{" * self.nargs


_NEWCOMMAND = re.compile(
    r"\\(?:newcommand|renewcommand|providecommand|DeclareRobustCommand)\*?\s*"
    r"(?:\{\s*\\([A-Za-z@]+)\s*\}|\\([A-Za-z@]+))\s*(?:\[\s*(\d)\s*\])?\s*(\[)?"
)
_DEF = re.compile(r"\\[gex]?def\s*\\([A-Za-z@]+)\s*((?:#\d)*)\s*\{")
_PARAMETER = re.compile(r"##|#([1-9])")


def prescan_argspecs(text: str) -> dict[str, str]:
    """Argument specs (pylatexenc syntax) of the macros a file defines, by a regex scan."""
    specs: dict[str, str] = {}
    if "command" in text:
        for match in _NEWCOMMAND.finditer(text):
            name = match.group(1) or match.group(2)
            nargs = int(match.group(3) or 0)
            optional = match.group(4) is not None and nargs > 0
            specs[name] = MacroDef(name, nargs, "" if optional else None, "").argspec
    if "def" in text:
        for match in _DEF.finditer(text):
            specs[match.group(1)] = "{" * match.group(2).count("#")
    return specs


def substitute(definition: MacroDef, args: list[str]) -> str:
    """The body with ``#1``... replaced by the raw arguments (``##`` is a literal #)."""
    if definition.nargs == 0:
        return definition.body

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return "#"
        index = int(match.group(1)) - 1
        return args[index] if index < len(args) else ""

    return _PARAMETER.sub(replace, definition.body)


# Configuration commands (page layout, headers, colours, counters, list/caption/listing setup,
# publisher metadata): no prose, so the walker drops them with their arguments (latex_walk.DROPPED).
# Their specs attach the arguments to the node; without one, "\\thispagestyle{fancy}" in the body
# would leave the loose group "fancy" in the text. Specs pylatexenc already knows (setlength,
# hypersetup, definecolor, ...) are not repeated.
CONFIGURATION: dict[str, str] = {
    "pagestyle": "{", "thispagestyle": "{", "pagenumbering": "{", "enlargethispage": "*{",
    "newgeometry": "{", "geometry": "{", "linespread": "{", "setstretch": "{",
    "fancyhf": "[{", "fancyhead": "[{", "fancyfoot": "[{", "lhead": "[{", "chead": "[{",
    "rhead": "[{", "lfoot": "[{", "cfoot": "[{", "rfoot": "[{",
    "captionsetup": "[{", "setlist": "[{", "newlist": "{{{", "setlistdepth": "{",
    "newcolumntype": "{[{", "crefname": "{{{", "Crefname": "{{{", "addcontentsline": "{{{",
    "addtocontents": "{{", "hyphenation": "{", "urlstyle": "{", "lstset": "{",
    "lstdefinestyle": "{{", "tcbset": "{", "mathtoolsset": "{", "pgfplotsset": "{",
    "usetikzlibrary": "{", "tikzset": "{", "titleformat": "*{[{{{{[", "titlespacing": "*{{{{[",
    "newcounter": "{[", "stepcounter": "{", "refstepcounter": "{", "numberwithin": "[{{",
    "newlength": "{", "settowidth": "{{", "settoheight": "{{", "settodepth": "{{",
    "theoremstyle": "{", "setcitestyle": "{", "bibpunct": "[{{{{{{",
    "DeclareGraphicsExtensions": "{", "pdfbookmark": "[{{", "bookmarksetup": "{",
    "floatsetup": "[{", "floatplacement": "{{", "phantom": "{",
    "setcopyright": "{", "copyrightyear": "{", "acmYear": "{", "acmDOI": "{", "acmISBN": "{",
    "acmPrice": "{", "acmConference": "[{{{", "acmBooktitle": "{", "acmSubmissionID": "{",
    "settopmatter": "{", "ccsdesc": "[{",
}
# Cross-references: the walker writes a placeholder for each (latex_walk.REFERENCE_PLACEHOLDER).
REFERENCES: dict[str, str] = {
    "ref": "*{", "eqref": "{", "autoref": "*{", "Autoref": "*{", "cref": "*{", "Cref": "*{",
    "pageref": "*{", "nameref": "*{", "vref": "*{", "Vref": "*{", "cpageref": "*{",
    "Cpageref": "*{", "labelcref": "{", "subref": "*{", "autopageref": "*{", "crefrange": "*{{",
    "Crefrange": "*{{",
}


def _paperlint_specs() -> tuple[list[Any], list[Any]]:
    """Argument specs for the macros and environments the reader treats specially, so that their
    arguments arrive attached to the node rather than as loose siblings."""
    from pylatexenc.macrospec import MacroSpec, std_environment

    macros = {
        # siunitx (v2 and v3 names)
        "SI": "[{[{", "qty": "[{{", "num": "[{", "si": "[{", "unit": "[{", "ang": "[{",
        "SIrange": "[{{{", "qtyrange": "[{{{", "numrange": "[{{", "tablenum": "[{",
        "DeclareSIUnit": "[{{",
        # includes
        "input": "{", "include": "{", "subfile": "{", "import": "*{{", "subimport": "*{{",
        "inputfrom": "{{", "subinputfrom": "{{", "includefrom": "{{", "subincludefrom": "{{",
        "InputIfFileExists": "{{{", "includeonly": "{",
        # definitions
        "newcommand": "*{[[{", "renewcommand": "*{[[{", "providecommand": "*{[[{",
        "DeclareRobustCommand": "*{[[{", "DeclareMathOperator": "*{{",
        "newenvironment": "*{[[{{", "renewenvironment": "*{[[{{", "newtheorem": "*{[{[",
        # tables
        "multicolumn": "{{{", "multirow": "[{[{[{", "makecell": "[{", "thead": "[{",
        "cline": "{", "specialrule": "{{{", "rule": "[{{", "fontsize": "{{", "rowcolor": "[{",
        "cellcolor": "[{",
        "addlinespace": "[", "resizebox": "*{{{", "scalebox": "{[{", "adjustbox": "{{",
        # text structure
        "paragraph": "*[{", "subparagraph": "*[{", "part": "*[{", "caption": "[{",
        "captionof": "*{[{", "subcaption": "[{", "footnote": "[{", "footnotetext": "[{",
        "footnotemark": "[", "thanks": "{", "href": "[{{", "hyperref": "[{", "todo": "[{",
        "printbibliography": "[", "addbibresource": "[{", "bibliographystyle": "{",
        "nocite": "{", "pageref": "{", "nameref": "{", "graphicspath": "{", "vspace": "*{",
        "hspace": "*{", "textsuperscript": "{", "textsubscript": "{", "fbox": "{",
        "operatorname": "*{", "tnote": "{", "sisetup": "{", "setlength": "{{",
        "addtolength": "{{", "setcounter": "{{", "addtocounter": "{{", "xspace": "",
        "citealp": "*[[{", "citeauthor": "*[[{", "citeyear": "*[[{", "Citeauthor": "*[[{",
        "parencite": "*[[{", "textcite": "*[[{", "autocite": "*[[{", "footcite": "*[[{",
        "title": "[{",  # \\title[running title]{Title}: the full title is the last argument
        **CONFIGURATION,
        **REFERENCES,
    }
    environments = {
        "tabular": "[{", "tabular*": "{[{", "tabularx": "{[{", "tabulary": "{[{",
        "longtable": "[{", "longtable*": "[{", "tblr": "[{", "NiceTabular": "[{",
        "supertabular": "{", "xtabular": "[{", "tabu": "{",
        "minipage": "[[[{", "wrapfigure": "[{[{", "wraptable": "[{[{", "subfigure": "[{",
        "subtable": "[{", "multicols": "{", "adjustbox": "{", "algorithm": "[",
        "algorithmic": "[", "tablenotes": "[", "threeparttable": "[", "thebibliography": "{",
        "table": "[", "table*": "[", "figure": "[", "figure*": "[", "appendices": "",
        "displaymath": "", "math": "",
    }
    math_envs = {"displaymath", "math"}
    return (
        [MacroSpec(name, spec) for name, spec in macros.items()],
        [
            std_environment(name, spec or None, is_math_mode=name in math_envs)
            for name, spec in environments.items()
        ],
    )


@lru_cache(maxsize=1)
def _base_context() -> Any:
    from pylatexenc.latexwalker import get_default_latex_context_db

    db = get_default_latex_context_db()
    macros, environments = _paperlint_specs()
    db.add_context_category("paperlint", macros=macros, environments=environments, prepend=True)
    return db


class MacroContext:
    """A pylatexenc context for one document: the defaults, paperlint's specs, and the argument
    specs of the user's macros (added file by file, before each file is parsed)."""

    def __init__(self) -> None:
        from pylatexenc.macrospec import LatexContextDb

        base = _base_context()
        self.db = LatexContextDb()
        # Share the read-only default categories; only the user category below is ever changed.
        self.db.category_list = list(base.category_list)
        self.db.d = dict(base.d)
        self.db.unknown_macro_spec = base.unknown_macro_spec
        self.db.unknown_environment_spec = base.unknown_environment_spec
        self.db.unknown_specials_spec = base.unknown_specials_spec
        self.db.add_context_category("user", prepend=True)
        self._user: dict[str, Any] = self.db.d["user"]["macros"]
        self._known: dict[str, str] = {}

    def signature(self) -> frozenset[tuple[str, str]]:
        """The user's argument specs in force: with the text, all a parse depends on."""
        return frozenset(self._known.items())

    def declare(self, specs: dict[str, str]) -> None:
        from pylatexenc.macrospec import MacroSpec

        for name, spec in specs.items():
            if self._known.get(name) != spec:
                self._known[name] = spec
                self._user[name] = MacroSpec(name, spec)
