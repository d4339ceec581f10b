"""Commands with logic of their own: includes, macro definitions and expansion (siunitx's
quantities and units are in latex_siunitx.py; ``\\DeclareSIUnit``, a definition, is here).

Kept apart from the walk loop (latex_walk.py) so each stays readable; every handler has the walk
loop's signature ``(node, siblings, next_index, frame) -> next_index`` so it may consume siblings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from pylatexenc.latexwalker import LatexCharsNode, LatexGroupNode, LatexMacroNode, LatexSpecialsNode

from paperlint.document import ReaderProblem, SourceFile
from paperlint.errors import IncludeCycleError, InputError
from paperlint.model import Location
from paperlint.readers.cache import remembered
from paperlint.readers.latex_files import (
    MAX_FILE_READS,
    include_message,
    load_source,
    mask_skipped,
    resolve_include,
    unbalanced_brace,
)
from paperlint.readers.latex_frame import Frame
from paperlint.readers.latex_macros import (
    MAX_EXPANDED_CHARS,
    MAX_EXPANSION_DEPTH,
    MAX_EXPANSION_TEXT,
    MAX_EXPANSIONS,
    MacroDef,
    prescan_argspecs,
    substitute,
)
from paperlint.readers.latex_sinks import BufferSink, BuilderSink, NullSink
from paperlint.readers.latex_siunitx import SiunitxCommands, inner
from paperlint.readers.latex_structure import unbalanced_environments

if TYPE_CHECKING:
    from paperlint.readers.latex_walk import Walker

Handler = Callable[[Any, list[Any], int, Frame], int]
MAX_INCLUDE_DEPTH = 64
_BARE_NAME = re.compile(r"[^\s{}%\\]+")
_IMPORTS = {"import": True, "inputfrom": True, "includefrom": True,
            "subimport": False, "subinputfrom": False, "subincludefrom": False}


class Commands:
    def __init__(self, walker: Walker) -> None:
        self.w = walker
        self.display_base = PurePosixPath(".")  # how the user sees the root dir, for error lines
        # Text that stands for a file on disk (an editor's unsaved buffer, via --stdin-filename):
        # resolved path -> bytes.
        self.overrides: dict[str, bytes] = {}
        table: dict[str, Handler] = {}
        for name in ("input", "include", "subfile", "InputIfFileExists", *_IMPORTS):
            table[name] = self.include
        for name in ("newcommand", "renewcommand", "providecommand", "DeclareRobustCommand"):
            table[name] = self.newcommand
        for name in ("def", "gdef", "edef", "xdef"):
            table[name] = self.define
        table.update({"let": self.let, "DeclareMathOperator": self.math_operator,
                      "DeclareSIUnit": self.declare_unit})
        self.siunitx = SiunitxCommands(walker, self._expansion)
        table.update(self.siunitx.handlers)
        self.handlers = table
        self.cited = False  # a citation met inside the expansion being read
        self.cited_expansions: set[tuple[MacroDef, bool]] = set()  # cached expansions that cite
        # Files an earlier part of the same submission already read ("paper.tex" and
        # "paper_arxiv.tex" both \input{body}): read once, or every claim would count twice.
        self.earlier_parts: frozenset[str] = frozenset()

    # -- files ----------------------------------------------------------------------------------
    def read_file(self, path: Path, input_base: Path) -> None:
        """Read, parse and walk one source file (the root or an include)."""
        w = self.w
        rel = path.relative_to(w.root_dir).as_posix()
        if rel in self.earlier_parts:
            return
        chain = [name for _, name in w.stack]
        if any(seen == path for seen, _ in w.stack):
            first = next(i for i, (seen, _) in enumerate(w.stack) if seen == path)
            raise IncludeCycleError(
                "include cycle: " + " -> ".join([*chain[first:], rel]), path=w.shown
            )
        if len(w.stack) >= MAX_INCLUDE_DEPTH:
            raise InputError(f"includes nested more than {MAX_INCLUDE_DEPTH} deep", path=w.shown)
        shown = w.shown if not w.stack else str(self.display_base / rel)
        w.budget.reads += 1
        if w.budget.reads > MAX_FILE_READS:
            raise InputError(
                f"more than {MAX_FILE_READS:,} files read, {rel} included again (files that "
                f"include others over and over); the limit is {MAX_FILE_READS:,}", path=w.shown)
        loaded = load_source(path, shown, w.budget, data=self.overrides.get(str(path)),
                             overlay=w.cache.text_of if w.cache is not None else None)
        if loaded.encoding != "utf-8":
            w.builder.metadata["encoding"] = loaded.encoding
        w.builder.add_source(SourceFile(rel, loaded.text))
        masked = remembered(w.cache, ("mask", loaded.text), lambda: mask_skipped(loaded.text))
        self._report_unbalanced_brace(masked, w.builder.sources[rel])
        self._report_unbalanced_environments(masked, w.builder.sources[rel])
        w.context.declare(prescan_argspecs(masked))
        nodes = w.parse(masked, rel)
        frame = Frame(rel, loaded.text, masked, path.parent, input_base)
        w.stack.append((path, rel))
        try:
            w.walk_file(nodes, frame)
        finally:
            w.stack.pop()

    def _report_unbalanced_brace(self, masked: str, source: SourceFile) -> None:
        """A stray or unclosed brace becomes a PL004 finding; the file is still read (TeX, too,
        only warns about a group left open at the end of a file)."""
        found = remembered(self.w.cache, ("braces", masked), lambda: unbalanced_brace(masked))
        if found is None:
            return
        offset, kind = found
        line, column = source.line_col(offset)
        message = (
            "this { is never closed: the rest of the file may be read as one group"
            if kind == "{"
            else "this } closes no group: a brace before it is missing or this one is stray"
        )
        self.w.builder.problems.append(
            ReaderProblem("PL004", message, Location(source.path, line, column, line, column + 1))
        )

    def _report_unbalanced_environments(self, masked: str, source: SourceFile) -> None:
        """A crossed or stray \\end, or a \\begin never closed, becomes a PL005 finding; the
        file is still read."""
        for problem in remembered(self.w.cache, ("environments", masked),
                                  lambda: tuple(unbalanced_environments(masked))):
            line, column = source.line_col(problem.offset)
            end_line, end_column = source.line_col(problem.offset + problem.length)
            self.w.builder.problems.append(ReaderProblem(
                "PL005", problem.message, Location(source.path, line, column, end_line, end_column)
            ))

    def include(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        w = self.w
        name = node.macroname
        args = w.mandatory(node)
        if w.expanding or not args:
            return index
        input_base = frame.input_base
        if name in _IMPORTS:
            if len(args) < 2:
                return index
            folder = w.raw(args[0], frame).strip()
            target = w.raw(args[1], frame).strip()
            anchor = w.root_dir if _IMPORTS[name] else frame.directory
            input_base = anchor / folder
            bases = [input_base] if not folder.startswith(("/", "\\", "~")) else []
            if not bases:
                self._problem("PL002", node, frame, folder + "/" + target)
                return index
        else:
            target = w.raw(args[0], frame).strip()
            if not isinstance(args[0], LatexGroupNode):  # TeX syntax: \input file
                match = _BARE_NAME.match(frame.text, args[0].pos)
                if match is None:
                    return index
                target = match.group()
                w.skip_to[frame.file] = match.end()
            first = frame.directory if name == "subfile" else frame.input_base
            bases = list(dict.fromkeys([first, w.root_dir, frame.directory]))
        force_tex = name in ("include", "includefrom", "subincludefrom")
        resolved = resolve_include(target, bases, w.root_dir, force_tex=force_tex)
        if resolved.refused:
            self._problem("PL002", node, frame, target)
            return index
        if resolved.path is None:
            if name != "InputIfFileExists" or resolved.special:
                self._problem("PL001", node, frame, target, resolved.special)
            return index
        w.line_break(frame, node.pos)
        self.read_file(resolved.path, input_base)
        w.line_break(frame, node.pos + node.len)
        return index

    def _problem(self, code: str, node: Any, frame: Frame, target: str, special: str = "") -> None:
        w = self.w
        message = include_message(code, target, special)
        source = w.builder.sources[frame.file]
        line, column = source.line_col(node.pos)
        end_line, end_column = source.line_col(node.pos + node.len)
        location = Location(frame.file, line, column, end_line, end_column)
        w.builder.problems.append(ReaderProblem(code, message, location))

    # -- definitions ----------------------------------------------------------------------------
    def newcommand(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        w = self.w
        slots = [arg for _, arg in w.arguments(node)]
        if len(slots) < 5 or slots[1] is None or slots[4] is None:
            return index
        name = _macro_name(slots[1], w.raw(slots[1], frame))
        if not name or (node.macroname == "providecommand" and name in w.macros):
            return index
        count = w.raw(slots[2], frame).strip()
        nargs = int(count) if count.isdigit() else 0
        default = w.raw(slots[3], frame) if slots[3] is not None and nargs else None
        self._define(MacroDef(name, nargs, default, w.raw(slots[4], frame)))
        return index

    def define(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        """``\\def\\name#1#2{body}``: the name, parameter text and body arrive as siblings."""
        if index >= len(nodes) or not isinstance(nodes[index], LatexMacroNode):
            return index
        target = nodes[index]
        name_end = target.pos + 1 + len(target.macroname)
        for position in range(index + 1, min(index + 6, len(nodes))):
            body = nodes[position]
            if isinstance(body, LatexGroupNode):
                nargs = frame.text[name_end:body.pos].count("#")
                self._define(MacroDef(target.macroname, nargs, None, self.w.raw(body, frame)))
                return position + 1
            if not isinstance(body, LatexCharsNode | LatexSpecialsNode):
                break
        return index + 1

    def let(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        macros = [n for n in nodes[index:index + 3] if isinstance(n, LatexMacroNode)][:2]
        attached = self.w.mandatory(macros[0]) if macros else []
        if attached and isinstance(attached[0], LatexMacroNode):
            # \let\b\a: pylatexenc took \a as the argument of the accent command \b.
            source = self.w.macros.get(attached[0].macroname)
            if source is not None:
                self._define(replace(source, name=macros[0].macroname))
            return nodes.index(macros[0], index) + 1
        if len(macros) == 2:
            source = self.w.macros.get(macros[1].macroname)
            if source is not None:
                self._define(MacroDef(macros[0].macroname, source.nargs, source.default,
                                      source.body))
            return nodes.index(macros[1], index) + 1
        return index

    def math_operator(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        args = self.w.mandatory(node)
        if len(args) == 2:
            name = _macro_name(args[0], self.w.raw(args[0], frame))
            if name:
                self._define(MacroDef(name, 0, None, "\\text{" + self.w.raw(args[1], frame) + "}"))
        return index

    def _define(self, definition: MacroDef) -> None:
        self.w.macros[definition.name] = definition
        self.w.context.declare({definition.name: definition.argspec})
        self.forget_expansions()

    def forget_expansions(self) -> None:
        """A definition changed: a cached expansion may hold the old text of any macro it calls
        (``\\b`` expands to ``\\a``, then ``\\a`` is redefined), so none is kept."""
        self.w.expansion_cache.clear()
        self.cited_expansions.clear()

    def expand(self, node: Any, definition: MacroDef, nodes: list[Any], index: int,
               frame: Frame) -> int:
        """Replace a user macro call by its expansion: generated text mapped to the call."""
        w = self.w
        end = node.pos + node.len
        args: list[str] = []
        parsed = w.arguments(node)
        if parsed:
            for kind, arg in parsed:
                missing = definition.default if kind == "[" else ""
                args.append(w.raw(arg, frame) if arg is not None else (missing or ""))
        elif definition.nargs:
            # Defined after pylatexenc parsed this file: take the arguments from the siblings.
            needed = definition.nargs - (definition.default is not None)
            if definition.default is not None:
                args.append(definition.default)
            while needed and index < len(nodes):
                sibling = nodes[index]
                if isinstance(sibling, LatexCharsNode) and not sibling.chars.strip():
                    index += 1
                elif isinstance(sibling, LatexGroupNode):
                    args.append(w.raw(sibling, frame))
                    end, index, needed = sibling.pos + sibling.len, index + 1, needed - 1
                else:
                    break
        elif (index < len(nodes) and isinstance(nodes[index], LatexGroupNode)
              and not nodes[index].nodelist and nodes[index].pos == end):
            # \numgpus{} : the {} is part of the call
            end, index = end + nodes[index].len, index + 1
        if isinstance(w.sink, NullSink):
            return index
        if w.expanding >= MAX_EXPANSION_DEPTH or w.expansions >= MAX_EXPANSIONS:
            w.builder.metadata["macro_limit"] = (
                f"\\{definition.name}: expansion stopped (recursive or too many expansions)"
            )
            return index
        w.expansions += 1
        if not w.expanding:  # the call the author wrote, for the error line
            source = w.builder.sources.get(frame.file)
            line = source.line_col(node.pos)[0] if source is not None else 0
            w.outer_call = (definition.name, frame.file, line)
        key = (definition, w.math)  # the definition itself: an id may be reused once it is freed
        text = w.expansion_cache.get(key) if not args else None
        if text is None:
            outer, self.cited = self.cited, False
            text = self._expansion(substitute(definition, args), frame)
            if not args:
                w.expansion_cache[key] = text
                if self.cited:
                    self.cited_expansions.add(key)
            cited, self.cited = self.cited, outer or self.cited
        else:
            cited = key in self.cited_expansions
            self.cited = self.cited or cited
        w.expanded_chars += len(text)
        if w.expanded_chars > MAX_EXPANSION_TEXT:
            # Counted at every level, cached or not: a definition that repeats another's
            # expansion 50 times, three deep, is 100 KB of source and gigabytes of text.
            name, file, line = w.outer_call or (definition.name, frame.file, 0)
            where = f"{file}:{line}" if line else file
            raise InputError(
                f"{where}: \\{name} expands to more than {MAX_EXPANSION_TEXT:,} characters of "
                f"macro text in total (its definitions repeat each other's expansions); the "
                f"limit is {MAX_EXPANSION_TEXT:,}", path=w.shown)
        if (not definition.nargs and node.macro_post_space and end == node.pos + node.len
                and text[-1:].isalnum() and not w.math):
            text += " "  # "\numgpus GPUs" reads "16 GPUs", as with \xspace
        w.sink.generated(frame.file, node.pos, end, text)
        if cited and not w.expanding:
            # "\gpt{} was trained" with \gpt = "GPT-3~\cite{x}": the citation is placed after the
            # macro's text, the nearest place the map can name.
            self.record_citation(frame.file, end)
        return index

    # -- citations ------------------------------------------------------------------------------
    def citation(self, node: Any, frame: Frame) -> None:
        """A citation command: dropped from the text, its position kept (Document.citations)."""
        if self.w.expanding:
            self.cited = True  # the outermost expansion records it, after its text
        else:
            self.record_citation(frame.file, node.pos)

    def record_citation(self, file: str, source_offset: int) -> None:
        sink, builder = self.w.sink, self.w.builder
        if isinstance(sink, BuilderSink):
            builder.citations.append(builder.length)
        elif isinstance(sink, BufferSink):  # a table cell, trimmed before it reaches the text
            builder.cite_at_source(file, source_offset)

    def _expansion(self, text: str, frame: Frame) -> str:
        w = self.w
        if len(text) > MAX_EXPANDED_CHARS:
            return ""
        try:
            nodes = w.parse(text, frame.file)
        except InputError:
            return ""
        w.expanding += 1
        try:
            return w.collect(nodes, w.expansion_frame(frame, text)).text()
        finally:
            w.expanding -= 1

    def declare_unit(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        args = self.w.mandatory(node)
        if len(args) == 2:
            name = _macro_name(args[0], self.w.raw(args[0], frame))
            if name:
                self.w.units[name] = self.w.collect(inner(args[1]), frame).text().strip()
                self.forget_expansions()
        return index


def _macro_name(arg: Any, raw: str) -> str:
    """The name defined by ``{\\name}`` or ``\\name`` (without its backslash), or ""."""
    if isinstance(arg, LatexMacroNode):
        return str(arg.macroname)
    name = raw.strip()
    return name[1:] if name.startswith("\\") and len(name) > 1 else ""
