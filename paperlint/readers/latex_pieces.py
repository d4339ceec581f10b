"""pylatexenc in bounded pieces: the node tree of a whole text, at a cost linear in its length.

pylatexenc 2 (the only line published) grows a run of plain text one character at a time
(``self.lastchars += chars``), so its parse is quadratic in a run's length: 16x the words cost 41x
the time, a 1 MB line 23 s. :func:`parse` cuts the text where latex_scan.py says the parser is
between two tokens at the top level of a node list, parses each piece on its own and places the
pieces' nodes at their offsets, so that the result is the tree a whole-text parse gives, except that
a run of characters may arrive as two adjacent character nodes (which the walker emits as one
verbatim run: the text and the source map are the same).

Every piece is checked against pylatexenc itself: a piece that ends inside a group, maths, an
argument or an environment the scan did not see gets an "end of stream" error from the parser; a
piece that meets its container's closing token at its own top level skips it (a gap between its
nodes); a piece that opens a container must end with that container's node. Any mismatch, and any
exception, and the text is parsed whole, as before. All pieces are parsed before the walk begins, so
every piece sees the same macro argument specs a whole parse would (definitions met during the walk
change the context for later files only, as before).

What cannot be cut - one group, formula or argument of more than :data:`MAX_UNCUT_CHARS` - would
cost minutes; it is refused with :class:`PieceLimitError` rather than read for a quarter of an
hour.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from pylatexenc.latexwalker import LatexCharsNode, LatexEnvironmentNode, LatexGroupNode

from paperlint.errors import InputError
from paperlint.readers.latex_scan import ROOT, Layout, scan
from paperlint.readers.latex_tokens import Walker

PIECE_CHARS = 16_000  # the length the reader aims at for each piece
HARD_CUT_CONTEXT = 32  # non-space characters after the last command before a cut inside a line
MAX_UNCUT_CHARS = 2_000_000  # a stretch that cannot be cut (one group, formula, argument)
MAX_REPLANS = 4  # plans tried again without a cut that did not fit, before a whole parse

_EOS = re.compile(r"end of (stream|input)|cannot find matching|missing argument", re.I)


@dataclass
class Stats:
    """How texts were parsed, for the benchmarks (a process-wide tally, never part of output)."""

    whole: int = 0  # texts parsed in one go (short, or with no place to cut)
    pieced: int = 0  # texts parsed in pieces
    pieces: int = 0
    replans: int = 0  # pieces that did not fit, planned again without their cut
    fallbacks: int = 0  # texts whose pieces still did not fit, parsed whole after all


STATS = Stats()


class PieceLimitError(Exception):
    """A stretch that cannot be cut into pieces is too long to parse in bounded time."""

    def __init__(self, offset: int, length: int, limit: int, what: str) -> None:
        super().__init__(what)
        self.offset = offset
        self.length = length
        self.limit = limit
        self.what = what


class _Mismatch(Exception):
    """A piece did not parse as the whole text would: plan again without the cut it ended at or
    without cutting inside the containers named, or parse the text whole."""

    def __init__(self, cut: int | None = None, containers: tuple[int, ...] = ()) -> None:
        super().__init__(cut, containers)
        self.cut = cut
        self.containers = containers


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    opens: tuple[int, ...]  # containers whose opening token is in this piece and that it ends in
    closes: bool  # the piece ends where the innermost open container's closing token starts


def parse(text: str, db: Any, *, piece_chars: int | None = None) -> list[Any]:
    """The top-level nodes of ``text`` (masked), as ``LatexWalker(text).get_latex_nodes()`` gives
    them, read in pieces of about ``piece_chars`` characters (:data:`PIECE_CHARS`) where the text
    allows."""
    piece_chars = piece_chars or PIECE_CHARS
    if len(text) > piece_chars:
        layout = scan(text, db)
        layout.excluded.update(_lone_backslash_tail(text))
        for _ in range(MAX_REPLANS + 1):
            pieces = plan(layout, text, piece_chars)
            if len(pieces) < 2:
                break
            try:
                nodes = _assemble(text, db, layout, pieces)
            except _Mismatch as mismatch:
                STATS.replans += 1
                if mismatch.cut is None and not mismatch.containers:
                    break
                if mismatch.cut is not None:
                    layout.excluded.add(mismatch.cut)
                for cid in mismatch.containers:
                    layout.containers[cid].splittable = False
            else:
                STATS.pieced += 1
                STATS.pieces += len(pieces)
                return nodes
        else:
            STATS.fallbacks += 1
    check_uncut(text, 0, len(text))
    STATS.whole += 1
    return whole(text, db)


def parse_file(text: str, db: Any, name: str, shown: str) -> list[Any]:
    """:func:`parse` for the file (or expansion) ``name`` of the paper ``shown``: what it cannot
    read is one InputError line naming the file, never a traceback."""
    try:
        return parse(text, db)
    except PieceLimitError as error:
        line = text.count("\n", 0, error.offset) + 1
        raise InputError(
            f"{name}:{line}: {error.length:,} {error.what} that cannot be cut into pieces "
            f"(one group, formula or argument); the limit is {error.limit:,}",
            path=shown) from None
    except RecursionError:
        raise InputError(f"{name}: groups nested too deeply to read", path=shown) from None
    except Exception as error:  # tolerant mode still gives up on some inputs; say so plainly
        raise InputError(
            f"{name}: could not parse the LaTeX ({type(error).__name__})", path=shown
        ) from None


def _lone_backslash_tail(text: str) -> range:
    """Offsets no piece may start at: from the white space before a lone backslash that ends the
    text. pylatexenc drops that white space with the backslash ("... in it \\" ends its character
    node at "it"), which a piece that ends before the backslash cannot know."""
    run = len(text) - len(text.rstrip("\\"))
    if run % 2 == 0:
        return range(0)
    start = len(text) - run
    return range(len(text[:start].rstrip()), len(text) + 1)


def whole(text: str, db: Any) -> list[Any]:
    nodes, _, _ = Walker(text, db).get_latex_nodes(pos=0)
    return list(nodes)


def check_uncut(text: str, start: int, end: int) -> None:
    """Refuse a stretch that must be parsed in one go and would take minutes: the reader's own
    loop (latex_loop.py) is linear in a run of characters, but pylatexenc still copies the rest
    of the text at each ``\\begin``, ``\\end`` and argument it reads (2 MB of an argument full
    of environments: 9 s)."""
    if end - start > MAX_UNCUT_CHARS:
        raise PieceLimitError(start, end - start, MAX_UNCUT_CHARS, "characters")


# -- planning ---------------------------------------------------------------------------------
def plan(layout: Layout, text: str, piece_chars: int) -> list[Piece]:
    """Greedy pieces of at most ``piece_chars`` where cuts allow: at each step the furthest
    blank-line cut within reach, shallowest first (a small environment is not cut open for
    nothing), else a cut inside a line, else the first cut beyond reach."""
    n = len(text)
    cut_at = [offset for offset, _ in layout.cuts]
    stretch_at = [start for start, _, _ in layout.stretches]
    containers = layout.containers
    pieces: list[Piece] = []
    start, open_ = 0, list[int]()
    while True:
        current = open_[-1] if open_ else ROOT
        closed = bool(open_) and containers[current].closed
        limit = containers[current].end_start if closed else n
        reach = min(limit, start + piece_chars)
        cut = None
        if limit > reach:  # the rest of this container does not fit in one piece
            cut = (_blank_cut(layout, cut_at, start, reach, len(open_))
                   or _hard_cut(layout, stretch_at, text, start, reach, current)
                   or _first_cut_after(layout, cut_at, stretch_at, text, reach, limit, current))
        if cut is None:
            pieces.append(Piece(start, limit, (), True))
            if not closed:
                return pieces
            start = containers[open_.pop()].end
            continue
        offset, cid = cut
        path = layout.path(cid)
        if path[:len(open_)] != tuple(open_):  # the scan's invariant: cuts lie in open containers
            raise AssertionError(f"cut at {offset} outside the open containers")
        pieces.append(Piece(start, offset, path[len(open_):], False))
        open_, start = list(path), offset


def _blank_cut(layout: Layout, cut_at: list[int], low: int, high: int,
               depth: int) -> tuple[int, int] | None:
    """The furthest blank-line cut in ``(low, high]`` among the shallowest ones."""
    best: tuple[int, int, int] | None = None  # (depth, -offset, container)
    for index in range(bisect.bisect_right(cut_at, high) - 1,
                       bisect.bisect_right(cut_at, low) - 1, -1):
        offset, cid = layout.cuts[index]
        if offset in layout.excluded or not layout.usable(cid):
            continue
        rank = (len(layout.path(cid)), -offset, cid)
        if best is None or rank < best:
            best = rank
            if rank[0] == depth:
                break  # the furthest cut at the current depth; none can be shallower
    return (-best[1], best[2]) if best is not None else None


def _first_cut_after(layout: Layout, cut_at: list[int], stretch_at: list[int], text: str,
                     low: int, limit: int, current: int) -> tuple[int, int] | None:
    """The first cut after ``low`` and before ``limit`` (a piece longer than aimed at)."""
    index = bisect.bisect_right(cut_at, low)
    while index < len(cut_at) and cut_at[index] < limit and (
            cut_at[index] in layout.excluded or not layout.usable(layout.cuts[index][1])):
        index += 1
    blank = layout.cuts[index] if index < len(cut_at) and cut_at[index] < limit else None
    hard = _hard_cut(layout, stretch_at, text, low, blank[0] if blank else limit, current,
                     first=True)
    return hard if hard is not None else blank


def _hard_cut(layout: Layout, stretch_at: list[int], text: str, low: int, high: int,
              current: int, *, first: bool = False) -> tuple[int, int] | None:
    """A cut inside a line, in ``(low, high]``, in a plain stretch inside the current container:
    the last such cut, or the first with ``first``."""
    stretches = layout.stretches
    begin = max(0, bisect.bisect_right(stretch_at, low) - 1)
    end = bisect.bisect_right(stretch_at, high)
    order = range(begin, end) if first else range(end - 1, begin - 1, -1)
    for index in order:
        start, stop, cid = stretches[index]
        if stop <= low or not layout.usable(cid):
            continue
        found = _word_start(text, start, max(start, low), min(stop, high), first,
                            layout.excluded)
        if found is not None:
            return found, cid
    return None


_WORD_START = re.compile(r"(?<=\s)[^\s\[*]")


def _word_start(text: str, stretch: int, low: int, high: int, first: bool,
                excluded: set[int]) -> int | None:
    """A word start in ``(low, high]`` after white space, not ``[`` or ``*`` (an optional argument
    or a star), with :data:`HARD_CUT_CONTEXT` non-space characters before it since the stretch's
    start and since its last ``[``, ``]`` or ``*``, so that no command is still taking
    arguments (each argument is a token of one character at least)."""
    if high - low < 2:
        return None
    found = _WORD_START.finditer(text, low + 1, min(high + 1, len(text)))
    starts = found if first else reversed([match for match in found])
    for match in starts:
        position = match.start()
        if position in excluded:
            continue
        floor = max(stretch, position - 4 * HARD_CUT_CONTEXT)
        base = max(floor, text.rfind("[", floor, position) + 1,
                   text.rfind("]", floor, position) + 1, text.rfind("*", floor, position) + 1)
        window = text[base:position]
        if len(window) - sum(ch.isspace() for ch in window) >= HARD_CUT_CONTEXT:
            return position
    return None


# -- parsing and assembly ---------------------------------------------------------------------
def _assemble(text: str, db: Any, layout: Layout, pieces: list[Piece]) -> list[Any]:
    n = len(text)
    root: list[Any] = []
    lists: list[list[Any]] = [root]
    open_: list[int] = []
    nodes_of: dict[int, Any] = {}
    for piece in pieces:
        nodes, end = _parse_piece(text, db, piece, layout, open_)
        _join(lists[-1], nodes)
        node: Any = nodes[-1] if piece.opens and nodes else None
        for depth, cid in enumerate(piece.opens):
            container = layout.containers[cid]
            if node is None or not _is_container_node(node, container.kind, container.name,
                                                      container.begin):
                raise _Mismatch(piece.end, piece.opens)
            nodes_of[cid] = node
            lists.append(node.nodelist)
            open_.append(cid)
            if depth + 1 < len(piece.opens):
                node = node.nodelist[-1] if node.nodelist else None
        if not piece.closes or not open_:
            continue
        if piece.end >= n:
            # Never closed: pylatexenc reads each open container to where its parse of the text
            # ends (a lone backslash at the very end is left out).
            for cid in open_:
                nodes_of[cid].len = end - nodes_of[cid].pos
            break
        cid = open_.pop()
        lists.pop()
        nodes_of[cid].len = layout.containers[cid].end - nodes_of[cid].pos
    return root


def _join(nodes: list[Any], more: list[Any]) -> None:
    """Append a piece's nodes to a list. A run of characters the cut went through comes as two
    character nodes; the whole parse makes one (its pending run goes on), and so does this."""
    if (nodes and more and isinstance(nodes[-1], LatexCharsNode)
            and isinstance(more[0], LatexCharsNode)
            and nodes[-1].pos + nodes[-1].len == more[0].pos):
        nodes[-1].chars += more[0].chars
        nodes[-1].len += more[0].len
        more = more[1:]
    nodes.extend(more)


def _is_container_node(node: Any, kind: str, name: str, begin: int) -> bool:
    if node is None or node.pos != begin:
        return False
    if kind == "env":
        return isinstance(node, LatexEnvironmentNode) and node.environmentname == name
    return isinstance(node, LatexGroupNode) and tuple(node.delimiters) == ("{", "}")


def _parse_piece(text: str, db: Any, piece: Piece, layout: Layout,
                 open_: list[int]) -> tuple[list[Any], int]:
    """The piece's nodes, placed at their offsets, and where its parse ended; raises _Mismatch
    when the piece does not read as it would inside the whole text.

    A piece inside a container is read as pylatexenc reads the container's body (stopping at its
    closing token), and the container's last piece with that closing token, so that a command
    just before it looks ahead at what the whole parse would show it."""
    container = layout.containers[open_[-1]] if open_ else None
    closing = piece.closes and container is not None and container.closed
    end = container.end if closing and container is not None else piece.end
    if end <= piece.start:
        return [], piece.start
    check_uncut(text, piece.start, end)
    source = text[piece.start:end]
    stop: dict[str, str] = {}
    if container is not None:
        stop = ({"stop_upon_end_environment": container.name} if container.kind == "env"
                else {"stop_upon_closing_brace": "}"})
    walker = Walker(source, db)
    here = tuple(open_[-1:])
    try:
        nodes, _, length = walker.get_latex_nodes(pos=0, **stop)
    except Exception:  # the whole-text parse decides what the error is
        raise _Mismatch(None if piece.closes else piece.end, here if piece.closes else ()
                        ) from None
    cut_short = any(_EOS.search(str(getattr(error, "msg", ""))) for error in walker.errors)
    if closing:
        # It must end with the closing token, read as the last one, and nothing left open.
        if walker.ended or length != len(source) or cut_short or walker.open_at_end:
            raise _Mismatch(None, here)
    elif end < len(text):
        # Ending at a cut must leave open exactly the containers the piece opens, no command
        # short of its arguments, and must not meet the container's closing token before.
        if (not walker.ended or length != len(source) or cut_short
                or walker.open_at_end != len(piece.opens)):
            raise _Mismatch(piece.end)
    elif container is not None and not walker.ended:
        raise _Mismatch(None, here)  # the scan saw no closing token, pylatexenc met one
    nodes = list(nodes)
    _place(nodes, piece.start, text)
    return nodes, piece.start + length


def _place(nodes: list[Any], offset: int, text: str) -> None:
    """Move a piece's nodes to their offsets in ``text`` (and let ``latex_verbatim`` see it)."""
    states: set[int] = set()
    seen: set[int] = set()
    work = list(nodes)
    while work:
        node = work.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        node.pos += offset
        state = node.parsing_state
        if state is not None and id(state) not in states:
            states.add(id(state))
            state.s = text
        children = getattr(node, "nodelist", None)
        if children:
            work.extend(children)
        argd = getattr(node, "nodeargd", None)
        if argd is not None and argd.argnlist:
            work.extend(argd.argnlist)
