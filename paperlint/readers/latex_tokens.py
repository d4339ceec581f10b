"""A pylatexenc LatexWalker that reads faster and says how a piece of text ended.

Used for every parse the LaTeX reader makes (latex_pieces.py). Two additions, neither of which
changes a node:

- it tells how a parse ended: the errors tolerant mode recovered from, and how many nested node
  lists (group, environment, maths, optional argument) the end of the text left open, which
  tolerant mode does not report;
- the loop of get_latex_nodes asks get_token for one token at a time; for the common kinds - a
  paragraph break, a control word or symbol, a brace, a specials, plain characters - the token is
  built here as pylatexenc's get_token builds it, and plain characters, which pylatexenc returns
  one by one for the loop to append to its pending run, come as one run. An empty group ``{}`` is
  made without running a node-list loop over nothing.

tests/readers/test_latex_pieces.py compares its trees with pylatexenc's own on generated texts.
"""

from __future__ import annotations

import re
from typing import Any

from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexGroupNode,
    LatexToken,
    LatexWalker,
    LatexWalkerEndOfStream,
)

from paperlint.readers import latex_loop

_UNSET: Any = object()  # an argument the caller of get_token did not pass


class Walker(LatexWalker):  # type: ignore[misc]
    """A tolerant LatexWalker that says how a piece ended - the errors it recovered from, and how
    many nested node lists (group, environment, maths, optional argument) the end of the text
    left open, which tolerant mode does not report - and that reads a run of plain characters
    as one token (see :func:`_plain_run`)."""

    def __init__(self, text: str, db: Any) -> None:
        super().__init__(text, latex_context=db, tolerant_parsing=True)
        self.errors: list[Any] = []
        self.open_at_end = 0
        self._depth = 0
        self.ended = False  # the last token read was the end of the text
        self._specials = _specials_by_first(db)
        self._firsts = self.specials_firsts = "".join(self._specials)
        self._run = _plain_run(self._firsts, None)
        self._plain_group = re.compile(
            "\\{([^\\\\%{}$" + "".join(re.escape(c) for c in self._firsts) + "]*)\\}")

    def _report_ignore_parse_error(self, exc: Any) -> None:
        self.errors.append(exc)

    def get_token(self, pos: int, include_brace_chars: Any = _UNSET, environments: Any = _UNSET,
                  keep_inline_math: Any = _UNSET, parsing_state: Any = _UNSET,
                  **kwargs: Any) -> Any:
        if keep_inline_math is _UNSET and not kwargs:
            # The call get_latex_nodes' loop makes is the only one with exactly these two
            # keywords (get_latex_braced_group's first token too, which is never a plain
            # character for a group that opens): only it may take a run of characters at once.
            loop = (include_brace_chars is not _UNSET and parsing_state is not _UNSET
                    and environments is _UNSET)
            token = self._fast_token(
                pos, None if include_brace_chars is _UNSET else include_brace_chars,
                True if environments is _UNSET else bool(environments), run=loop)
            if token is not None:
                self.ended = False
                return token
        passed = {key: value for key, value in (
            ("include_brace_chars", include_brace_chars), ("environments", environments),
            ("keep_inline_math", keep_inline_math), ("parsing_state", parsing_state))
            if value is not _UNSET}
        try:
            token = super().get_token(pos, **passed, **kwargs)
        except LatexWalkerEndOfStream:
            self.ended = True
            raise
        self.ended = False
        return token

    def _fast_token(self, pos: int, braces: Any, environments: bool, *, run: bool) -> Any:
        """The token at ``pos``, built as pylatexenc's get_token builds it, for the common kinds:
        a paragraph break, a control word or symbol, a brace, a specials, a plain character -
        and with ``run``, the plain characters after it too, which pylatexenc returns one by one
        for get_latex_nodes' loop to append to its pending run. None: ask pylatexenc (the end
        of the text, comments, maths, an environment's \\begin or \\end)."""
        s = self.s
        space = _SPACE.match(s, pos)
        start = space.end() if space is not None else pos
        if start > pos:
            paragraph = s.find("\n\n", pos, start)
            if paragraph >= 0:  # pylatexenc: "two \n's indicate new paragraph"
                return LatexToken(tok="char", arg="\n\n", pos=paragraph, len=2,
                                  pre_space=s[pos:paragraph])
        if start >= len(s):
            return None
        char = s[start]
        if char == "\\":
            return self._control(start, s[pos:start], environments)
        if char == "%":
            return None
        if char in "{}" or (braces and any(char in pair for pair in braces)):
            opening = char == "{" or any(char == pair[0] for pair in braces or ())
            return LatexToken(tok="brace_open" if opening else "brace_close", arg=char,
                              pos=start, len=1, pre_space=s[pos:start])
        if char == "$":
            return None  # maths: pylatexenc looks at the parsing state
        end = start + 1
        if char in self._firsts:
            special = self._special(start)
            if special is not None:
                return LatexToken(tok="specials", arg=special, pos=start,
                                  len=len(special.specials_chars), pre_space=s[pos:start])
        if run:
            # The run after the first character (which may start a specials and still be
            # plain, such as a lone - before a letter).
            follows = (_plain_run(self._firsts, braces) if braces else self._run).match(s, end)
            end = follows.end() if follows is not None else end
        return LatexToken(tok="char", arg=s[start:end], pos=start, len=end - start,
                          pre_space=s[pos:start])

    def _special(self, start: int) -> Any:
        """pylatexenc's test_for_specials, over the specials that start with this character, in
        its order: the first of the longest that match."""
        best, length = None, 0
        for chars, spec in self._specials[self.s[start]]:
            if len(chars) > length and self.s.startswith(chars, start):
                best, length = spec, len(chars)
        return best

    def _control(self, start: int, pre_space: str, environments: bool) -> Any:
        s, n = self.s, len(self.s)
        if start + 1 >= n:
            return None
        end = start + 2
        alpha = s[start + 1].isalpha()
        if alpha:
            while end < n and s[end].isalpha():
                end += 1
        name = s[start + 1:end]
        if name in _MATH_TOKENS or (environments and name in ("begin", "end")):
            return None
        post_space = ""
        if alpha:  # a control word eats the white space after it, up to a paragraph break
            space = _SPACE.match(s, end)
            if space is not None:
                post_space = space.group()
                paragraph = post_space.find("\n\n")
                if paragraph >= 0:
                    post_space = post_space[:paragraph]
        return LatexToken(tok="macro", arg=name, pos=start, len=end - start + len(post_space),
                          pre_space=pre_space, post_space=post_space)

    def get_latex_braced_group(self, pos: int, brace_type: str = "{",
                               parsing_state: Any = None) -> Any:
        group = self._plain_group.match(self.s, pos) if brace_type == "{" else None
        if group is not None:
            # A group of plain characters only (``\\gpu{}``, ``\\label{tab:r6}``): pylatexenc
            # would run a node-list loop over it; whatever the spaces and paragraph breaks in it,
            # its characters are one node, and the group is the same.
            if parsing_state is None:
                parsing_state = self.make_parsing_state()
            self.ended = False
            chars = group.group(1)
            nodes = [self._mknodeposlen(LatexCharsNode, parsing_state=parsing_state, chars=chars,
                                        pos=pos + 1, len=len(chars))[0]] if chars else []
            return self._mknodeposlen(LatexGroupNode, nodelist=nodes, parsing_state=parsing_state,
                                      delimiters=("{", "}"), pos=pos, len=len(chars) + 2)
        return super().get_latex_braced_group(pos, brace_type=brace_type,
                                              parsing_state=parsing_state)

    def loop_token(self, pos: int, include_brace_chars: Any, parsing_state: Any) -> Any:
        """The token get_latex_nodes' loop reads at ``pos`` (latex_loop.py)."""
        token = self._fast_token(pos, include_brace_chars, True, run=True)
        if token is not None:
            self.ended = False
            return token
        try:
            token = super().get_token(pos, include_brace_chars=include_brace_chars,
                                      parsing_state=parsing_state)
        except LatexWalkerEndOfStream:
            self.ended = True
            raise
        self.ended = False
        return token

    def get_latex_nodes(self, *args: Any, **kwargs: Any) -> Any:
        self._depth += 1
        try:
            result = latex_loop.get_latex_nodes(self, *args, **kwargs)
        finally:
            self._depth -= 1
        if self._depth and self.ended:
            self.open_at_end += 1  # a nested list whose loop stopped at the end of the text
        return result


_SPACE = re.compile(r"\s+")
# Control symbols pylatexenc reads as maths delimiters.
_MATH_TOKENS = frozenset(("[", "]", "(", ")"))
_RUN_PATTERNS: dict[tuple[str, tuple[tuple[str, str], ...]], re.Pattern[str]] = {}


def _specials_by_first(db: Any) -> dict[str, list[tuple[str, Any]]]:
    """Every specials ``db`` knows (the same in and out of maths), by first character, in the
    order pylatexenc's test_for_specials tries them."""
    by_first: dict[str, list[tuple[str, Any]]] = {}
    for category in db.category_list:
        for chars, spec in db.d[category]["specials"].items():
            if chars:
                by_first.setdefault(chars[0], []).append((chars, spec))
    return dict(sorted(by_first.items()))


def _plain_run(firsts: str, braces: Any) -> re.Pattern[str]:
    """Characters pylatexenc reads as one plain character token each: not white space, not a
    backslash, comment, brace (or the extra brace pair of an optional argument), dollar, nor
    the first character of a specials."""
    extra = tuple((str(pair[0]), str(pair[1])) for pair in braces or ())
    pattern = _RUN_PATTERNS.get((firsts, extra))
    if pattern is None:
        excluded = firsts + "".join(char for pair in extra for char in pair)
        pattern = re.compile("[^\\s\\\\%{}$" + "".join(re.escape(c) for c in excluded) + "]+")
        _RUN_PATTERNS[(firsts, extra)] = pattern
    return pattern
