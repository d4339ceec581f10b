"""Where the LaTeX walker's text goes: the Document builder, a buffer, or nowhere.

The walker always writes through a sink. The builder sink is the document itself; a buffer collects
pieces (with their source positions) so a table cell can be trimmed or a macro expansion joined
before being passed on; the null sink swallows a preamble's text while its definitions still count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperlint.document import DocumentBuilder


@dataclass(frozen=True)
class Piece:
    text: str
    file: str
    start: int
    end: int
    verbatim: bool


class Sink:
    """Receives text pieces. ``last`` is the last character written ("\\n" before any)."""

    last: str = "\n"

    def verbatim(self, file: str, start: int, text: str) -> None:
        raise NotImplementedError

    def generated(self, file: str, start: int, end: int, text: str) -> None:
        raise NotImplementedError


class NullSink(Sink):
    def verbatim(self, file: str, start: int, text: str) -> None:
        return None

    def generated(self, file: str, start: int, end: int, text: str) -> None:
        return None


class BuilderSink(Sink):
    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder

    def verbatim(self, file: str, start: int, text: str) -> None:
        if text:
            self.builder.append_verbatim(file, start, text)
            self.last = text[-1]

    def generated(self, file: str, start: int, end: int, text: str) -> None:
        if text:
            self.builder.append_generated(file, start, end, text)
            self.last = text[-1]


class BufferSink(Sink):
    def __init__(self) -> None:
        self.pieces: list[Piece] = []

    def verbatim(self, file: str, start: int, text: str) -> None:
        if text:
            self.pieces.append(Piece(text, file, start, start + len(text), True))
            self.last = text[-1]

    def generated(self, file: str, start: int, end: int, text: str) -> None:
        if text:
            self.pieces.append(Piece(text, file, start, end, False))
            self.last = text[-1]

    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n][\s]*")


def one_line(pieces: list[Piece]) -> list[Piece]:
    """The pieces on one line, trimmed: each run of whitespace holding a line break becomes one
    generated space (a table row must be a single line of text), and the ends lose their spaces."""
    flat: list[Piece] = []
    for piece in pieces:
        if "\n" not in piece.text and "\r" not in piece.text:
            flat.append(piece)
        elif not piece.verbatim:
            flat.append(Piece(_LINE_BREAKS.sub(" ", piece.text), *_where(piece)))
        else:
            position = 0
            for match in _LINE_BREAKS.finditer(piece.text):
                if match.start() > position:
                    flat.append(_verbatim_slice(piece, position, match.start()))
                flat.append(
                    Piece(" ", piece.file, piece.start + match.start(), piece.start + match.end(),
                          False)
                )
                position = match.end()
            if position < len(piece.text):
                flat.append(_verbatim_slice(piece, position, len(piece.text)))
    return _trim(flat)


def _where(piece: Piece) -> tuple[str, int, int, bool]:
    return piece.file, piece.start, piece.end, piece.verbatim


def _verbatim_slice(piece: Piece, start: int, end: int) -> Piece:
    return Piece(piece.text[start:end], piece.file, piece.start + start, piece.start + end, True)


def _trim(pieces: list[Piece]) -> list[Piece]:
    while pieces and not pieces[0].text.strip():
        pieces = pieces[1:]
    while pieces and not pieces[-1].text.strip():
        pieces = pieces[:-1]
    if not pieces:
        return []
    first, last = pieces[0], pieces[-1]
    cut = len(first.text) - len(first.text.lstrip())
    if cut:
        first = (_verbatim_slice(first, cut, len(first.text)) if first.verbatim
                 else Piece(first.text[cut:], *_where(first)))
        pieces = [first, *pieces[1:]]
        last = pieces[-1]
    keep = len(last.text.rstrip())
    if keep < len(last.text):
        last = (_verbatim_slice(last, 0, keep) if last.verbatim
                else Piece(last.text[:keep], *_where(last)))
        pieces = [*pieces[:-1], last]
    # Inside the row, collapse runs of generated spaces that trimming left next to each other.
    result: list[Piece] = []
    for piece in pieces:
        if result and piece.text == " " and not piece.verbatim and result[-1].text.endswith(" "):
            continue
        result.append(piece)
    return result


def flush(pieces: list[Piece], sink: Sink) -> None:
    for piece in pieces:
        if piece.verbatim:
            sink.verbatim(piece.file, piece.start, piece.text)
        else:
            sink.generated(piece.file, piece.start, piece.end, piece.text)
