"""The LaTeX walker: pylatexenc nodes in, Document text with an exact source map out.

Each file is parsed once (pylatexenc, tolerant mode) and its node tree walked once. Text the author
typed goes out verbatim (its offsets map character by character); everything the reader makes up -
symbols, macro expansions, separators, line breaks - goes out as generated text mapped to the
source span it stands for. Commands with their own logic (includes, definitions, siunitx, tables)
live in latex_commands.py, latex_siunitx.py and latex_tables.py; the tables of command names in
latex_names.py; parsing a file in pieces (and its error lines) in latex_pieces.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexSpecialsNode,
)

from paperlint.document import Comment, DocumentBuilder, Heading
from paperlint.readers import latex_commands, latex_pieces, latex_tables
from paperlint.readers.latex_files import Budget
from paperlint.readers.latex_frame import Frame
from paperlint.readers.latex_macros import MacroContext, MacroDef
from paperlint.readers.latex_math import (
    ACCENTS,
    FUNCTIONS,
    NEGATIVE_SPACES,
    SPACES,
    SYMBOLS,
    accented,
)
from paperlint.readers.latex_names import (
    CITATIONS,
    DROPPED,
    FOOTNOTES,
    HEADING_LEVELS,
    LAST_ARGUMENT,
    LINE_ENDS,
    MATH_ENVIRONMENTS,
    PARAGRAPHS,
    REFERENCE_PLACEHOLDER,
    REFERENCES,
    SECTIONS,
    SKIPPED,
    TABLE_ENVIRONMENTS,
    TEXT_IN_MATH,
)
from paperlint.readers.latex_sinks import BufferSink, BuilderSink, NullSink, Sink

if TYPE_CHECKING:
    from paperlint.readers.cache import ReadCache

# The command tables and Frame are re-exported: tests and older callers import them from here.
__all__ = [
    "CITATIONS",
    "DROPPED",
    "FOOTNOTES",
    "LAST_ARGUMENT",
    "LINE_ENDS",
    "MATH_ENVIRONMENTS",
    "PARAGRAPHS",
    "REFERENCES",
    "REFERENCE_PLACEHOLDER",
    "SECTIONS",
    "SKIPPED",
    "TABLE_ENVIRONMENTS",
    "TEXT_IN_MATH",
    "Frame",
    "Walker",
]

_NON_SPACE = re.compile(r"\S+")


class Walker:
    """Walks one document's node trees into a DocumentBuilder."""

    def __init__(self, builder: DocumentBuilder, root_dir: Path, shown: str,
                 macros: dict[str, str], cache: ReadCache | None = None) -> None:
        self.builder = builder
        self.cache = cache  # editor buffers and earlier parses (the language server), or None
        self.root_dir = root_dir
        self.shown = shown
        self.context = MacroContext()
        self.sink: Sink = BuilderSink(builder)
        self.macros: dict[str, MacroDef] = {
            name.lstrip("\\"): MacroDef(name.lstrip("\\"), 0, None, body)
            for name, body in macros.items()
        }
        self.units: dict[str, str] = {}
        self.math = False
        self.expanding = 0  # depth of user-macro expansion in progress
        self.expansions = 0
        self.expanded_chars = 0  # text produced by expansions so far (MAX_EXPANSION_TEXT)
        self.outer_call: tuple[str, str, int] | None = None  # (macro, file, line) being expanded
        self.expansion_cache: dict[tuple[MacroDef, bool], str] = {}
        self.stack: list[tuple[Path, str]] = []  # the include chain: (resolved path, file name)
        self.budget = Budget()
        self.skip_to: dict[str, int] = {}  # file -> offset: chars before it were consumed already
        self.commands = latex_commands.Commands(self)
        self.read_table = latex_tables.read_table

    # -- parsing --------------------------------------------------------------------------------
    def parse(self, text: str, name: str) -> list[Any]:
        """pylatexenc's nodes for ``text``, read in bounded pieces (latex_pieces.py), once per
        text and macro specs when the reader has a cache (the language server)."""
        if self.cache is not None:
            return self.cache.parsed(text, self.context.signature(),
                                     lambda: latex_pieces.parse_file(text, self.context.db, name,
                                                                     self.shown))
        return latex_pieces.parse_file(text, self.context.db, name, self.shown)

    def walk_file(self, nodes: list[Any], frame: Frame) -> None:
        """A file's nodes; if it has a document environment, its preamble gives definitions only."""
        document = next((i for i, node in enumerate(nodes) if isinstance(node, LatexEnvironmentNode)
                         and node.environmentname == "document"), None)
        if document is None:
            self.walk(nodes, frame)
            return
        saved, self.sink = self.sink, NullSink()
        try:
            self.walk(nodes[:document], frame)
        finally:
            self.sink = saved
        # The preamble gives definitions only, except the title: prose, read as its own line.
        for node in nodes[:document]:
            if isinstance(node, LatexMacroNode) and node.macroname == "title":
                self.walk([node], frame)
        self.walk(nodes[document].nodelist, frame)
        for node in nodes[document + 1:]:  # after \end{document}: only comments still count
            if isinstance(node, LatexCommentNode):
                self.comment(node, frame)

    # -- the walk -------------------------------------------------------------------------------
    def walk(self, nodes: list[Any], frame: Frame) -> None:
        index, count = 0, len(nodes)
        while index < count:
            node = nodes[index]
            index += 1
            if isinstance(node, LatexCharsNode):
                self.chars(node, frame)
            elif isinstance(node, LatexMacroNode):
                index = self.macro(node, nodes, index, frame)
            elif isinstance(node, LatexGroupNode):
                self.walk(node.nodelist, frame)
            elif isinstance(node, LatexCommentNode):
                self.comment(node, frame)
            elif isinstance(node, LatexMathNode):
                self.math_node(node, node.nodelist, node.displaytype == "display", frame)
            elif isinstance(node, LatexEnvironmentNode):
                self.environment(node, frame)
            elif isinstance(node, LatexSpecialsNode):
                following = nodes[index] if index < count else None
                if not (node.specials_chars == "~" and isinstance(following, LatexMacroNode)
                        and following.macroname in CITATIONS):
                    self.specials(node, frame)  # "train~\cite{x}." reads "train.", not "train ."

    def chars(self, node: Any, frame: Frame) -> None:
        start, text = node.pos, node.chars
        skip = self.skip_to.get(frame.file, -1) if not self.expanding else -1
        if skip > start:
            cut = min(skip - start, len(text))
            start, text = start + cut, text[cut:]
        if not text:
            return
        if frame.text is not frame.source and frame.source[start:start + len(text)] != text:
            return  # blanked (skipped) source: never show it, never pretend it is verbatim
        if self.math:
            for match in _NON_SPACE.finditer(text):
                self.sink.verbatim(frame.file, start + match.start(), match.group())
        else:
            self.sink.verbatim(frame.file, start, text)

    def comment(self, node: Any, frame: Frame) -> None:
        if self.sink.last in ".!?;:," and node.comment_post_space:
            # TeX joins "days.%note<newline>Next"; a sentence splitter should not see them glued.
            self.sink.generated(frame.file, node.pos, node.pos + node.len, " ")
        if self.expanding:
            return
        source = self.builder.sources.get(frame.file)
        if source is not None:
            line, column = source.line_col(node.pos)
            self.builder.comments.append(Comment(frame.file, line, column, node.comment))

    def specials(self, node: Any, frame: Frame) -> None:
        chars = node.specials_chars
        if chars in ("~", "&"):
            if not self.math and not self.sink.last.isspace():
                self.sink.generated(frame.file, node.pos, node.pos + node.len, " ")
        elif not self.math or chars not in ("``", "''"):
            self.sink.verbatim(frame.file, node.pos, frame.source[node.pos:node.pos + node.len])

    def math_node(self, node: Any, nodes: list[Any], display: bool, frame: Frame) -> None:
        end = node.pos + node.len
        if display:
            self.space(frame, node.pos, node.pos)
        saved, self.math = self.math, True
        try:
            self.walk(nodes, frame)
        finally:
            self.math = saved
        if display:
            self.space(frame, end, end)

    def environment(self, node: Any, frame: Frame) -> None:
        name = node.environmentname
        if name in SKIPPED:
            return
        if name in MATH_ENVIRONMENTS:
            self.math_node(node, node.nodelist, True, frame)
        elif name in TABLE_ENVIRONMENTS:
            self.read_table(self, node, frame)
        else:
            self.line_break(frame, node.pos)
            self.walk(node.nodelist, frame)
            self.line_break(frame, node.pos + node.len)

    # -- small emitters -------------------------------------------------------------------------
    def line_break(self, frame: Frame, position: int) -> None:
        if self.sink.last != "\n":
            self.sink.generated(frame.file, position, position, "\n")

    def space(self, frame: Frame, start: int, end: int) -> None:
        if not self.sink.last.isspace():
            self.sink.generated(frame.file, start, end, " ")

    def macro_text(self, node: Any, text: str, frame: Frame) -> None:
        """Generated text for a whole macro call; a control word's eaten space is given back so
        that ``\\LaTeX is`` does not read "LaTeXis"."""
        if text and not self.math and node.macro_post_space and text[-1].isalnum():
            text += " "
        self.sink.generated(frame.file, node.pos, node.pos + node.len, text)

    def arguments(self, node: Any) -> list[tuple[str, Any]]:
        """(spec character, node or None) for each parsed argument."""
        argd = node.nodeargd
        if argd is None or not argd.argnlist:
            return []
        spec = argd.argspec or ""
        return [(spec[i] if i < len(spec) else "{", arg) for i, arg in enumerate(argd.argnlist)]

    def mandatory(self, node: Any) -> list[Any]:
        return [arg for kind, arg in self.arguments(node) if kind == "{" and arg is not None]

    def raw(self, arg: Any, frame: Frame) -> str:
        """An argument's source text without its braces (what a macro body's #1 receives)."""
        if arg is None:
            return ""
        text = frame.text[arg.pos:arg.pos + arg.len]
        if isinstance(arg, LatexGroupNode) and len(text) >= 2 and text[0] in "{[":
            return text[1:-1]
        return text

    def walk_one(self, arg: Any, frame: Frame) -> None:
        if arg is not None:
            self.walk(arg.nodelist if isinstance(arg, LatexGroupNode) else [arg], frame)

    def collect(self, nodes: list[Any], frame: Frame) -> BufferSink:
        """Walk ``nodes`` into a fresh buffer instead of the current sink."""
        buffer = BufferSink()
        saved, self.sink = self.sink, buffer
        try:
            self.walk(nodes, frame)
        finally:
            self.sink = saved
        return buffer

    @property
    def recording(self) -> bool:
        """True when text goes straight into the document (tables and problems may be recorded)."""
        return isinstance(self.sink, BuilderSink) and not self.expanding

    # -- macros ---------------------------------------------------------------------------------
    def macro(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        name = node.macroname
        definition = self.macros.get(name)
        if definition is not None:
            return self.commands.expand(node, definition, nodes, index, frame)
        handler = self.commands.handlers.get(name)
        if handler is not None:
            return handler(node, nodes, index, frame)
        if name in SYMBOLS:
            self.macro_text(node, SYMBOLS[name], frame)
        elif name in DROPPED:
            if name in CITATIONS:
                self.commands.citation(node, frame)
        elif name in REFERENCES:
            self.sink.generated(frame.file, node.pos, node.pos + node.len, REFERENCE_PLACEHOLDER)
        elif name in SPACES:
            self.spacing(node, frame)
        elif name in NEGATIVE_SPACES:
            pass
        elif name in ACCENTS:
            arg = self.mandatory(node)
            base = self.raw(arg[0], frame).strip() if arg else ""
            base = SYMBOLS.get(base[1:].strip(), "") if base.startswith("\\") else base
            self.macro_text(node, accented(base, name), frame)
        elif name in LAST_ARGUMENT:
            args = self.mandatory(node)
            if args:
                self.walk_one(args[-1], frame)
        elif name in SECTIONS:
            args = self.mandatory(node)
            self.line_break(frame, node.pos)
            start = self.builder.length
            if args:
                self.walk_one(args[-1], frame)
            if name in HEADING_LEVELS and self.builder.length > start:
                self.builder.headings.append(
                    Heading(start, self.builder.length, HEADING_LEVELS[name]))
            self.line_break(frame, node.pos + node.len)
        elif name in FOOTNOTES:
            self.footnote(node, frame)
        elif name in LINE_ENDS:
            self.space(frame, node.pos, node.pos + node.len)
        elif name in PARAGRAPHS:
            self.line_break(frame, node.pos)
        elif name == "item":
            self.line_break(frame, node.pos)
            for kind, arg in self.arguments(node):
                if kind == "[" and arg is not None:
                    self.walk_one(arg, frame)
                    self.space(frame, node.pos, node.pos + node.len)
        elif name == "url":
            args = self.mandatory(node)
            if args:
                start = args[0].pos + 1 if isinstance(args[0], LatexGroupNode) else args[0].pos
                self.verbatim_slice(frame, start, start + len(self.raw(args[0], frame)))
        elif name in ("iffalse", "if0"):
            while index < len(nodes):  # the hidden branch was blanked; resume after \else or \fi
                index += 1
                if isinstance(nodes[index - 1], LatexMacroNode) and nodes[index - 1].macroname in (
                    "else", "fi"):
                    break
        elif self.math and name in TEXT_IN_MATH:
            self.text_in_math(node, frame)
        elif self.math and name in FUNCTIONS:
            self.sink.generated(frame.file, node.pos, node.pos + node.len, name + " ")
        elif name in ("frac", "tfrac", "dfrac", "nicefrac"):
            args = self.mandatory(node)
            for position, arg in enumerate(args[:2]):
                if position:
                    self.sink.generated(frame.file, arg.pos, arg.pos, "/")
                self.walk_one(arg, frame)
        elif name == "sqrt":
            self.sink.generated(frame.file, node.pos, node.pos + 5, "√")
            for arg in self.mandatory(node):
                self.walk_one(arg, frame)
        else:
            for arg in self.mandatory(node):  # unknown commands keep the text of their arguments
                self.walk_one(arg, frame)
        return index

    def spacing(self, node: Any, frame: Frame) -> None:
        end = node.pos + node.len
        following = frame.text[end:end + 1]
        if self.sink.last.isdigit() and following.isdigit():
            return  # a thousands separator: 1\,000 reads 1000
        self.space(frame, node.pos, end)

    def text_in_math(self, node: Any, frame: Frame) -> None:
        if self.sink.last.isdigit():
            self.sink.generated(frame.file, node.pos, node.pos, " ")
        saved, self.math = self.math, False
        try:
            for arg in self.mandatory(node):
                self.walk_one(arg, frame)
        finally:
            self.math = saved

    def footnote(self, node: Any, frame: Frame) -> None:
        """Footnote text in parentheses, so that "8 GPUs\\footnote{...}" never reads "8 GPUs1"."""
        args = self.mandatory(node)
        if not args:
            return
        opening = " (" if not self.sink.last.isspace() else "("
        self.sink.generated(frame.file, node.pos, args[-1].pos + 1, opening)
        self.walk_one(args[-1], frame)
        end = args[-1].pos + args[-1].len
        self.sink.generated(frame.file, max(end - 1, node.pos), end, ")")

    def verbatim_slice(self, frame: Frame, start: int, end: int) -> None:
        text = frame.text[start:end]
        if frame.text is frame.source or frame.source[start:end] == text:
            self.sink.verbatim(frame.file, start, text)

    def expansion_frame(self, frame: Frame, text: str) -> Frame:
        return replace(frame, source=text, text=text)
