"""pylatexenc's node-list loop (``LatexWalker.get_latex_nodes``), written again without its costs.

The loop is the parser's inner loop: it runs once per token of the text. pylatexenc's own defines a
class and a closure at every call (one per group, argument, environment and formula: thousands of
classes in a long paper, all of them cyclic garbage for the collector), and grows the pending
characters with ``lastchars += chars``. This one is pylatexenc 2's loop step for step - the same
tokens, nodes, errors (tolerant mode: reported, never raised) and stopping rules - with the
pending characters kept in a list, and with a run of plain characters and white space taken in
one regular-expression match: whatever tokens pylatexenc would read there (characters, paragraph
breaks, the white space before the next token) all end in the same character node.

Only :class:`~paperlint.readers.latex_tokens.Walker` uses it (a tolerant walker);
tests/readers/test_latex_pieces.py compares the trees with pylatexenc's own.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pylatexenc import macrospec
from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexMacroNode,
    LatexMathNode,
    LatexSpecialsNode,
    LatexWalkerEndOfStream,
    LatexWalkerParseError,
    _maketuple,
)

_LOGGER = logging.getLogger("pylatexenc.latexwalker")  # where pylatexenc's loop warns
_OPENING = {"}": "{", "]": "[", ")": "(", ">": "<"}
_NO_SPEC = macrospec.MacroSpec("")  # what pylatexenc reads an unknown macro with (no arguments)
_TEXT_PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {}


def text_run(firsts: str, braces: str) -> re.Pattern[str]:
    """Characters and white space that pylatexenc's loop only ever appends to its pending run:
    not a backslash, comment, brace (or ``braces``), dollar, nor a specials' first character."""
    pattern = _TEXT_PATTERNS.get((firsts, braces))
    if pattern is None:
        excluded = "".join(re.escape(c) for c in firsts + braces)
        pattern = re.compile("[^\\\\%{}$" + excluded + "]+")
        _TEXT_PATTERNS[(firsts, braces)] = pattern
    return pattern


def get_latex_nodes(w: Any, pos: int = 0, stop_upon_closing_brace: Any = None,
                    stop_upon_end_environment: Any = None, stop_upon_closing_mathmode: Any = None,
                    read_max_nodes: Any = None, parsing_state: Any = None) -> Any:
    """``LatexWalker.get_latex_nodes(...)`` for the tolerant walker ``w``: ``(nodes, pos, len)``.

    The loop itself stays in one function, and a plain run is taken inline: it is the hot path
    (once per run of characters), and a call per step would cost more than the step does."""
    if parsing_state is None:
        parsing_state = w.make_parsing_state()
    stop_upon_closing_brace, include_brace_chars = _brace_stop(stop_upon_closing_brace)
    if stop_upon_closing_mathmode is not None and not parsing_state.in_math_mode:
        _LOGGER.warning(
            "Call to LatexWalker.get_latex_nodes(stop_upon_closing_mathmode=%r) but parsing "
            "state has in_math_mode=%r", stop_upon_closing_mathmode, parsing_state.in_math_mode)
    s = w.s
    braces = "".join(pair[0] + pair[1] for pair in include_brace_chars or ())
    run = text_run(w.specials_firsts, braces)
    origpos = pos
    last = len(s) - 1
    state = parsing_state
    nodelist: list[Any] = []
    chars: list[str] = []
    chars_pos = -1  # where the pending characters start (-1: none pending)
    while True:
        endnow: Any = None
        try:
            plain = run.match(s, pos)
            if plain is not None:  # characters pylatexenc would append one token at a time
                end = plain.end()
                if end == last and s[end] == "\\":
                    # A lone backslash ends the text: pylatexenc drops the white space before
                    # it (after the last paragraph break); its own tokens say how much.
                    end = pos + len(plain.group().rstrip())
                if end > pos:
                    if chars_pos < 0:
                        chars_pos = pos
                    chars.append(s[pos:end])
                    pos = end
                    continue
            try:
                tok = w.loop_token(pos, include_brace_chars, state)
            except LatexWalkerEndOfStream as error:
                endnow = error
                raise _Stop from None
            pos = tok.pos + tok.len
            if tok.tok == "char":
                if chars_pos < 0:
                    chars_pos = tok.pos - len(tok.pre_space)
                chars.append(tok.pre_space + tok.arg)
                continue
            if chars_pos >= 0 or tok.pre_space:
                nodelist.append(_pending_node(chars, chars_pos, state, tok))
                chars_pos = -1
                if read_max_nodes and len(nodelist) >= read_max_nodes:
                    pos = tok.pos
                    endnow = True
                    raise _Stop
            node, pos, state, endnow = _token_node(
                w, tok, pos, state, stop_upon_closing_brace, stop_upon_end_environment,
                stop_upon_closing_mathmode)
            if node is not None:
                nodelist.append(node)
                if read_max_nodes and len(nodelist) >= read_max_nodes:
                    endnow = True
        except _Stop:
            pass
        except LatexWalkerEndOfStream as error:  # from deeper down: get_token's is returned
            endnow = _end_inside(w, pos, error, stop_upon_closing_brace,
                                 stop_upon_end_environment, stop_upon_closing_mathmode)
        except LatexWalkerParseError as error:
            w._report_ignore_parse_error(error)
            endnow = False
        if endnow:
            pos = _last_chars(nodelist, chars, chars_pos, state, pos, endnow)
            return nodelist, origpos, pos - origpos


def _brace_stop(stop: Any) -> tuple[Any, Any]:
    """``(closing brace to stop at, include_brace_chars)`` as pylatexenc reads the argument: a
    closing brace, or an (opening, closing) pair; a brace other than } is one the tokens read."""
    if not stop:
        return stop, None
    opening = _OPENING.get(stop)
    if opening is None and len(stop) == 2:
        opening, stop = stop
    return stop, ([(opening, stop)] if stop != "}" else None)


def _pending_node(chars: list[str], chars_pos: int, state: Any, tok: Any) -> Any:
    """The node a token that is no character ends: the pending characters with the white space
    before the token (``chars`` is emptied), or that white space alone when none are pending
    (pylatexenc keeps it in a node of its own - latex2text's strict_latex_spaces - never joined
    to the next node)."""
    if chars_pos >= 0:
        node = LatexCharsNode(parsing_state=state, chars="".join(chars) + tok.pre_space,
                              pos=chars_pos, len=tok.pos - chars_pos)
        chars.clear()
        return node
    return LatexCharsNode(parsing_state=state, chars=tok.pre_space,
                          pos=tok.pos - len(tok.pre_space), len=len(tok.pre_space))


def _end_inside(w: Any, pos: int, error: LatexWalkerEndOfStream, stop_brace: Any, stop_env: Any,
                stop_math: Any) -> Any:
    """The text ended inside a deeper read: reported (tolerant) when this list waits for a
    closing brace, environment or math mode (the loop stops: True), else the error itself."""
    if not (stop_brace or stop_env or stop_math):
        return error
    expecting = ("'" + stop_brace + "'" if stop_brace
                 else "\\end{" + stop_env + "}" if stop_env
                 else "'" + stop_math + "'")
    w._report_ignore_parse_error(LatexWalkerParseError(
        s=w.s, pos=pos, msg=f"Unexpected end of stream, was expecting {expecting}",
        **w.pos_to_lineno_colno(len(w.s), as_dict=True)))
    return True


def _last_chars(nodelist: list[Any], chars: list[str], chars_pos: int, state: Any, pos: int,
                endnow: Any) -> int:
    """The loop ends: the text's final white space joins the pending characters, which become the
    list's last node; the position after them."""
    if isinstance(endnow, LatexWalkerEndOfStream):
        if endnow.final_space:
            if chars_pos < 0:
                chars_pos = pos
            chars.append(endnow.final_space)
        pos += len(endnow.final_space)
    if chars_pos >= 0:
        text = "".join(chars)
        nodelist.append(LatexCharsNode(parsing_state=state, chars=text, pos=chars_pos,
                                       len=len(text)))
    return pos


class _Stop(Exception):
    """The loop's step is over and the loop may end (``endnow`` says)."""


def _error(w: Any, pos: int, msg: str) -> LatexWalkerParseError:
    return LatexWalkerParseError(s=w.s, pos=pos, msg=msg,
                                 **w.pos_to_lineno_colno(pos, as_dict=True))


def _token_node(w: Any, tok: Any, pos: int, state: Any, stop_brace: Any, stop_env: Any,
                stop_math: Any) -> tuple[Any, int, Any, Any]:
    """pylatexenc's step for a token that is not a character: ``(node or None, position after
    it, parsing state after it, whether the loop stops)``; raises its parse errors."""
    kind = tok.tok
    if kind == "brace_close":
        if tok.arg != stop_brace:
            raise _error(w, tok.pos, f"Unexpected mismatching closing brace: '{tok.arg}'")
        return None, pos, state, True
    if kind == "end_environment":
        if not stop_env:
            raise _error(w, tok.pos, f"Unexpected closing environment: '{tok.arg}'")
        if tok.arg != stop_env:
            raise _error(w, tok.pos, f"Unexpected mismatching closing environment: '{tok.arg}', "
                         f"was expecting '{stop_env}'")
        return None, pos, state, True
    if kind in ("mathmode_inline", "mathmode_display"):
        return _math_node(w, tok, pos, state, stop_math)
    if kind == "comment":
        return (LatexCommentNode(parsing_state=state, comment=tok.arg,
                                 comment_post_space=tok.post_space, pos=tok.pos, len=tok.len),
                pos, state, None)
    if kind == "brace_open":
        try:
            group, bpos, blen = w.get_latex_braced_group(tok.pos, brace_type=tok.arg,
                                                         parsing_state=state)
        except LatexWalkerParseError as error:
            _add_context(error, w, "open brace", tok)
            raise
        return group, bpos + blen, state, None
    if kind == "begin_environment":
        try:
            env, epos, elen = w.get_latex_environment(tok.pos, environmentname=tok.arg,
                                                      parsing_state=state)
        except LatexWalkerParseError as error:
            _add_context(error, w, f'begin environment "{tok.arg}"', tok)
            raise
        return env, epos + elen, state, None
    if kind == "macro":
        return _macro_node(w, tok, state)
    if kind == "specials":
        return _specials_node(w, tok, state)
    raise _error(w, pos, f"Unknown token: {tok!r}")


def _add_context(error: LatexWalkerParseError, w: Any, what: str, tok: Any) -> None:
    """Name what ``tok`` opened in an error raised inside it, as pylatexenc's loop does."""
    error.open_contexts.append(_maketuple(what, tok.pos, *w.pos_to_lineno_colno(tok.pos)))


def _math_node(w: Any, tok: Any, pos: int, state: Any,
               stop_math: Any) -> tuple[Any, int, Any, Any]:
    """A math-mode delimiter: the end of the formula this list reads, or a formula of its own."""
    if stop_math is not None:
        if tok.arg == stop_math:
            return None, pos, state, True
        if tok.arg in ("\\)", "\\]"):
            raise _error(w, tok.pos, f"Mismatching closing math mode: '{tok.arg}', "
                         f"expected '{stop_math}'")
    elif tok.arg in ("\\)", "\\]"):
        raise _error(w, tok.pos, f"Unexpected closing math mode: '{tok.arg}'")
    closing = {"\\(": "\\)", "\\[": "\\]"}.get(tok.arg, tok.arg)
    inner = state.sub_context(in_math_mode=True, math_mode_delimiter=tok.arg)
    try:
        nodes, mpos, mlen = w.get_latex_nodes(pos, stop_upon_closing_mathmode=closing,
                                              parsing_state=inner)
    except LatexWalkerParseError as error:
        _add_context(error, w, f'math mode "{tok.arg}"', tok)
        raise
    node = LatexMathNode(parsing_state=state,
                         displaytype="inline" if tok.arg in ("\\(", "$") else "display",
                         nodelist=nodes, delimiters=(tok.arg, closing), pos=tok.pos,
                         len=mpos + mlen - tok.pos)
    return node, mpos + mlen, state, None


def _macro_node(w: Any, tok: Any, state: Any) -> tuple[Any, int, Any, Any]:
    """A macro and the arguments its spec reads (none for an unknown macro)."""
    spec = state.latex_context.get_macro_spec(tok.arg) or _NO_SPEC
    try:
        result = spec.parse_args(w=w, pos=tok.pos + tok.len, parsing_state=state)
    except (LatexWalkerEndOfStream, LatexWalkerParseError) as error:
        raised = w._exchandle_parse_subexpression(error, tok, f'arguments of macro "{tok.arg}"')
        if raised is not None:
            raise raised from None
        result = (None, tok.pos + tok.len, 0, {})
    argd, apos, alen = result[0], result[1], result[2]
    extra = result[3] if len(result) == 4 else {}
    pos = apos + alen
    legacy = argd.legacy_nodeoptarg_nodeargs if argd is not None else None
    optarg, args = (legacy[0], legacy[1]) if legacy else (None, [])
    node = LatexMacroNode(parsing_state=state, macroname=tok.arg, nodeargd=argd,
                          macro_post_space=tok.post_space, nodeoptarg=optarg, nodeargs=args,
                          pos=tok.pos, len=pos - tok.pos)
    return node, pos, extra.get("new_parsing_state", state), None


def _specials_node(w: Any, tok: Any, state: Any) -> tuple[Any, int, Any, Any]:
    """A specials token (``~``, ``&``, ``''``...) and the arguments it reads, if any."""
    special = tok.arg
    pos = tok.pos + tok.len
    argd: Any = None
    extra: dict[str, Any] = {}
    try:
        result = special.parse_args(w=w, pos=pos, parsing_state=state)
    except (LatexWalkerEndOfStream, LatexWalkerParseError) as error:
        raised = w._exchandle_parse_subexpression(
            error, tok, f'arguments of specials "{special.specials_chars}"')
        if raised is not None:
            raise raised from None
        result = (None, pos, 0, {})
    if result is not None:
        argd, pos = result[0], result[1] + result[2]
        extra = result[3] if len(result) == 4 else {}
    node = LatexSpecialsNode(parsing_state=state, specials_chars=special.specials_chars,
                             nodeargd=argd, pos=tok.pos, len=pos - tok.pos)
    return node, pos, extra.get("new_parsing_state", state), None
