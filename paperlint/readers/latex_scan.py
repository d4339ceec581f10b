"""Where a LaTeX text may be cut so that pylatexenc reads each piece as it would read the whole.

pylatexenc 2 is quadratic in a run of plain text (its walker grows the pending characters with
``lastchars += chars``), so the reader hands it bounded pieces (latex_pieces.py). This module finds
the places to cut, by a light scan that mirrors pylatexenc's tokenizer for the tokens that make
structure - control sequences, comments, braces, ``$``, ``$$``, ``\\(``, ``\\[``, ``\\begin``,
``\\end``, ``\\verb`` and the verbatim environment - and for its paragraph token (``\\n\\n``
and nothing else).
It records:

- *containers*: environments, brace groups and maths, from their opening token to their end, and
  whether the reader may cut inside them (an environment parsed like text, or a group that is not
  a command's argument; never maths, verbatim or an argument);
- *cuts*: the ends of paragraph tokens at *region level* (every enclosing container may be cut);
- *stretches*: runs of plain characters at region level, where a hard cut may go when a text has no
  blank line for a long way (one enormous line).

The scan is a model, not a parser: a command's arguments are invisible to it, so it can be wrong
about a ``$`` or a ``}`` taken as an argument. latex_pieces.py checks every piece against
pylatexenc itself and reads the text whole when a piece does not fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pylatexenc.macrospec import MacroStandardArgsParser, VerbatimArgsParser

# pylatexenc's own patterns: an environment name after \begin/\end, and a comment's end.
_ENV_NAME = re.compile(r"\s*\{([\w* ._-]+)\}")
_COMMENT_END = re.compile(r"(\n|\r|\n\r)(?P<extraspace>\s*)")
_EVENT = re.compile(r"[\\%{}$]|\n\n")
_MATH_CLOSERS = {"\\(": "\\)", "\\[": "\\]", "$": "$", "$$": "$$"}
ROOT = -1  # the container id of the text's own top level


@dataclass(slots=True)
class Container:
    """An environment (``name`` is its name), group (``"{"``) or maths (``name``: its closer)."""

    kind: str  # "env" | "group" | "math"
    name: str
    begin: int  # offset of its opening token
    parent: int
    splittable: bool  # the reader may cut inside (region level below it, if above it too)
    math_env: bool = False
    end_start: int = -1  # where its closing token starts (-1: never closed)
    end: int = -1  # where its closing token ends

    @property
    def closed(self) -> bool:
        return self.end_start >= 0


@dataclass
class Layout:
    containers: list[Container] = field(default_factory=list)
    cuts: list[tuple[int, int]] = field(default_factory=list)  # (offset, innermost container)
    stretches: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, container)
    excluded: set[int] = field(default_factory=set)  # cuts found not to fit (latex_pieces)

    def usable(self, cid: int) -> bool:
        """Whether the reader may cut inside ``cid`` (and every container around it)."""
        while cid != ROOT:
            container = self.containers[cid]
            if not container.splittable:
                return False
            cid = container.parent
        return True

    def path(self, cid: int) -> tuple[int, ...]:
        """The containers enclosing and including ``cid``, outermost first."""
        chain: list[int] = []
        while cid != ROOT:
            chain.append(cid)
            cid = self.containers[cid].parent
        return tuple(reversed(chain))


def scan(text: str, db: Any, *, min_stretch: int = 64) -> Layout:
    """The containers, cuts and plain stretches of ``text`` (already masked) for context ``db``."""
    return _Scanner(text, db, min_stretch).run()


class _Scanner:
    def __init__(self, text: str, db: Any, min_stretch: int) -> None:
        self.text = text
        self.db = db
        self.min_stretch = min_stretch
        self.layout = Layout()
        self.stack: list[int] = []
        self.blocked = 0  # containers on the stack that may not be cut inside
        self.env_kinds: dict[str, tuple[bool, bool, bool]] = {}

    # -- the stack ------------------------------------------------------------------------------
    @property
    def top(self) -> int:
        return self.stack[-1] if self.stack else ROOT

    def push(self, kind: str, name: str, begin: int, splittable: bool,
             math_env: bool = False) -> None:
        splittable = splittable and not self.blocked
        self.layout.containers.append(
            Container(kind, name, begin, self.top, splittable, math_env))
        self.stack.append(len(self.layout.containers) - 1)
        self.blocked += not splittable

    def pop(self, end_start: int, end: int) -> None:
        container = self.layout.containers[self.stack.pop()]
        container.end_start, container.end = end_start, end
        self.blocked -= not container.splittable

    def top_is(self, kind: str, name: str) -> bool:
        if not self.stack:
            return False
        container = self.layout.containers[self.stack[-1]]
        return container.kind == kind and container.name == name

    def in_dollar_math(self) -> bool:
        """pylatexenc reads ``$$`` as one ``$`` inside ``$...$`` maths (groups and text
        environments inherit the maths state; a maths environment has a delimiter of its own)."""
        for cid in reversed(self.stack):
            container = self.layout.containers[cid]
            if container.kind == "math":
                return container.name == "$"
            if container.math_env:
                return False
        return False

    # -- the scan -------------------------------------------------------------------------------
    def run(self) -> Layout:
        text, n = self.text, len(self.text)
        pos = stretch = 0
        while True:
            match = _EVENT.search(text, pos)
            if match is None:
                self.stretch(stretch, n)
                break
            start = match.start()
            if match.group() == "\n\n":
                if not self.blocked:
                    self.layout.cuts.append((match.end(), self.top))
                pos = match.end()
                continue
            self.stretch(stretch, start)
            pos = self.token(match.group(), start)
            if pos >= n:
                break
            stretch = pos
        return self.layout

    def stretch(self, start: int, end: int) -> None:
        if not self.blocked and end - start >= self.min_stretch:
            self.layout.stretches.append((start, end, self.top))

    def token(self, char: str, start: int) -> int:
        """Handle the structural token at ``start``; return where scanning resumes."""
        text = self.text
        if char == "%":
            end = _COMMENT_END.search(text, start)
            if end is None:
                return len(text)
            # A blank line right after the comment's newline ends it there; otherwise the comment
            # swallows all the white space after it (pylatexenc's post_space), blank lines too.
            return end.start() if end.group("extraspace")[:1] in ("\n", "\r") else end.end()
        if char == "{":
            self.push("group", "{", start, self.free_standing(start))
            return start + 1
        if char == "}":
            if self.top_is("group", "{"):
                self.pop(start, start + 1)
            return start + 1  # a stray } is skipped by pylatexenc's tolerant mode
        if char == "$":
            delimiter = "$$" if text.startswith("$$", start) and not self.in_dollar_math() else "$"
            self.math(delimiter, start, len(delimiter))
            return start + len(delimiter)
        return self.control(start)

    def control(self, start: int) -> int:
        text, n = self.text, len(self.text)
        if start + 1 >= n:
            return n
        end = start + 2
        if text[start + 1].isalpha():
            while end < n and text[end].isalpha():
                end += 1
        name = text[start + 1:end]
        if name in ("(", ")", "[", "]"):
            self.math("\\" + name, start, 2)
            return end
        if name in ("begin", "end"):
            match = _ENV_NAME.match(text, end)
            if match is None:
                return end  # pylatexenc: a "Bad \begin" placeholder, read as characters
            if name == "begin":
                return self.begin(match.group(1), start, match.end())
            if self.top_is("env", match.group(1)):
                self.pop(start, match.end())
            return match.end()  # a mismatched \end is skipped by pylatexenc's tolerant mode
        if name == "verb" and isinstance(getattr(self.db.get_macro_spec("verb"), "args_parser",
                                                 None), VerbatimArgsParser):
            return self.verb(end)
        return end

    def begin(self, name: str, start: int, end: int) -> int:
        kinds = self.env_kinds.get(name)
        if kinds is None:
            spec = self.db.get_environment_spec(name)
            # No spec: pylatexenc reads it as EnvironmentSpec(''), a plain text environment.
            parser = spec.args_parser if spec is not None else MacroStandardArgsParser("")
            verbatim = isinstance(parser, VerbatimArgsParser)
            math = bool(getattr(spec, "is_math_mode", False))
            kinds = (verbatim, math, type(parser) is MacroStandardArgsParser and not math)
            self.env_kinds[name] = kinds
        verbatim, math, plain = kinds
        self.push("env", name, start, plain, math_env=math)
        if verbatim:
            # pylatexenc's verbatim parser looks for this exact string, whatever the name.
            close = self.text.find("\\end{verbatim}", end)
            return close if close >= 0 else end
        return end

    def verb(self, end: int) -> int:
        r"""``\verb|...|``: pylatexenc skips white space (blank lines too), takes the next character
        as the delimiter and reads to its next occurrence; unclosed, \verb is a bare command."""
        text, n = self.text, len(self.text)
        position = end
        while position < n and text[position].isspace():
            position += 1
        if position >= n:
            return n
        close = text.find(text[position], position + 1)
        return close + 1 if close >= 0 else end

    def math(self, delimiter: str, start: int, length: int) -> None:
        if self.top_is("math", delimiter):
            self.pop(start, start + length)
        elif delimiter not in ("\\)", "\\]"):  # a stray closer is skipped by pylatexenc
            self.push("math", _MATH_CLOSERS[delimiter], start, False)

    def free_standing(self, start: int) -> bool:
        """A brace group that is not a command's argument, as far as the text before it shows:
        not after a control word, a ``]``, a ``*`` or a closing brace (``\\frac{a}{b}``)."""
        text = self.text
        index = start - 1
        floor = max(-1, start - 256)
        while index > floor and text[index] in " \t\r\n":
            index -= 1
        if index == floor:
            return index < 0
        char = text[index]
        if char in "]*}" or (index > 0 and text[index - 1] == "\\"):
            return False
        if char.isalpha():
            while index > 0 and text[index - 1].isalpha():
                index -= 1
            return not (index > 0 and text[index - 1] == "\\")
        return True
