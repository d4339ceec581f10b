"""The Document: the plain text a reader produced, with an exact map back to the author's source.

TeXtidote's lesson: the map is built while the text is produced, never by searching for the words
again afterwards. A reader appends text through :class:`DocumentBuilder`, saying for each piece
where in which source file it came from; the builder records one :class:`Segment` per piece.

Two kinds of segment:
 - *verbatim*: the text is the source slice character for character, so every offset inside it maps
   exactly (``source_start + (offset - text_start)``);
 - *generated*: the text was produced from the source (a macro expansion, ``$\\times$`` -> ``×``, a
   table-cell separator); every offset inside maps to the start of the source span it came from, and
   the end of a range to the end of that span.

Positions are 1-based lines and columns; columns count Unicode code points.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from paperlint.model import Location


@dataclass(frozen=True)
class Segment:
    """A run of document text ``[text_start, text_end)`` that came from
    ``[source_start, source_end)`` of ``file``. ``verbatim``: the two are the same characters."""

    text_start: int
    text_end: int
    file: str
    source_start: int
    source_end: int
    verbatim: bool


@dataclass(frozen=True)
class SourceFile:
    """One source file as read (decoded), with the index of its line starts for offset -> line/col.

    For a PDF the reader may pass ``line_starts`` of its own (for instance one per page, so that
    "line" is the page number); by default lines are split at newlines.
    """

    path: str
    text: str
    line_starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not self.line_starts:
            # str.find in a loop: one C scan per line, not a Python step per character.
            starts = [0]
            find = self.text.find
            newline = find("\n")
            while newline >= 0:
                starts.append(newline + 1)
                newline = find("\n", newline + 1)
            object.__setattr__(self, "line_starts", tuple(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into this file's text."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]


@dataclass(frozen=True)
class Comment:
    """A LaTeX comment kept aside (suppression directives live in them). ``text`` excludes the %."""

    file: str
    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Heading:
    """A sectioning command's title, as text ``[start, end)``, and its depth: 1 for a chapter or
    a section, 2 for a subsection, 3 for a subsubsection, 4 for a paragraph heading. A heading's
    part of the paper runs to the next heading of the same depth or less."""

    start: int
    end: int
    level: int


@dataclass(frozen=True)
class TableCell:
    """One cell of a table row: ``[start, end)`` in the document text."""

    start: int
    end: int
    span: int = 1  # columns the cell covers (\\multicolumn{2}{c}{...} covers 2)


@dataclass(frozen=True)
class TableRow:
    """One row of a table: a single line of document text whose cells are kept apart."""

    start: int
    end: int
    cells: tuple[TableCell, ...]
    is_header: bool = False

    def columns(self) -> list[int]:
        """The first table column of each cell (cells spanning several columns shift the rest)."""
        out: list[int] = []
        column = 0
        for cell in self.cells:
            out.append(column)
            column += max(1, cell.span)
        return out


@dataclass(frozen=True)
class Table:
    """A table (tabular and friends). ``header`` holds the text of the header cells, if known, so
    that later stages can read a cell "12h" under the column "Time". It is indexed by table column
    (see :meth:`TableRow.columns`): a ``\\multicolumn`` header covers each of its columns, and a
    header of several rows joins them per column ("Training Cost (FLOPs)" over "EN-DE" gives
    "Training Cost (FLOPs) EN-DE")."""

    start: int
    end: int
    rows: tuple[TableRow, ...]
    header: tuple[str, ...] = ()

    def column_header(self, cell_index: int) -> str | None:
        return self.header[cell_index] if 0 <= cell_index < len(self.header) else None


@dataclass(frozen=True)
class ReaderProblem:
    """Something a reader met that is worth a finding but does not stop reading (a missing include,
    an include refused because it leaves the project, a PDF page with no text). ``code`` is a rule
    code of the PL0xx family."""

    code: str
    message: str
    location: Location


@dataclass(frozen=True)
class Document:
    """A paper as plain text plus a source map. Built by a reader, read by everything after it.

    ``citations`` holds, in increasing order, the text offsets where a citation stood: the reader
    drops ``\\cite{...}`` and friends from the text, but a sentence with one ("trained on 2048 TPU
    cores~\\cite{x}") is likely about another paper's compute, so later stages may ask whether a
    claim's sentence holds one. An offset is where the text after the citation begins ("cores."
    -> the offset of the "."), so ``start <= offset <= end`` tests a sentence ``[start, end)`` and
    one that ends with the citation. Empty for PDFs (for now) and for readers that do not know."""

    path: str  # as given by the user
    format: str  # "latex" | "pdf"
    text: str
    segments: tuple[Segment, ...]
    sources: dict[str, SourceFile]  # file name (relative to the root dir) -> its text
    files: tuple[str, ...]  # sources read, in include order
    comments: tuple[Comment, ...] = ()
    tables: tuple[Table, ...] = ()
    problems: tuple[ReaderProblem, ...] = ()
    # Extra facts a reader knows (PDF: per-page confidence, backend); free-form, JSON-able values.
    metadata: dict[str, object] = field(default_factory=dict)
    citations: tuple[int, ...] = ()  # text offsets where a citation stood (see the docstring)
    headings: tuple[Heading, ...] = ()  # section titles in text order (LaTeX; empty for PDFs)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [s.text_start for s in self.segments])

    # -- source map -----------------------------------------------------------------------------
    def _segment_at(self, offset: int) -> Segment | None:
        if not self.segments:
            return None
        starts: list[int] = self.__dict__["_starts"]
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            index = 0
        segment = self.segments[index]
        # An offset in a gap (or past the end) maps to the nearest segment before it.
        return segment

    def source_offset(self, offset: int, *, end: bool = False) -> tuple[str, int] | None:
        """(file, offset in that file's text) of a document-text offset.

        ``end=True`` maps an exclusive end offset (the character before it, plus one), which for a
        generated segment is the end of its source span."""
        probe = offset - 1 if end and offset > 0 else offset
        segment = self._segment_at(probe)
        if segment is None:
            return None
        if segment.verbatim:
            span = segment.source_end - segment.source_start
            inside = min(max(probe - segment.text_start, 0), span)
            return segment.file, segment.source_start + inside + (1 if end else 0)
        return segment.file, segment.source_end if end else segment.source_start

    def location(self, start: int, end: int | None = None) -> Location:
        """The source Location of the document-text range ``[start, end)``."""
        begin = self.source_offset(start)
        if end is None or end <= start:
            return self._location(begin, None)
        return self._location(begin, self.source_offset(end, end=True))

    def source_text(self, start: int, end: int) -> str:
        """The author's source text behind the document-text range ``[start, end)`` (same file)."""
        return self._source_text(start, end, self.source_offset(start),
                                 self.source_offset(end, end=True))

    def source_span(self, start: int, end: int) -> tuple[str, Location]:
        """:meth:`source_text` and :meth:`location` of ``[start, end)`` (``end > start``) at once:
        each maps both ends, and extraction asks for both of every claim."""
        begin, finish = self.source_offset(start), self.source_offset(end, end=True)
        return self._source_text(start, end, begin, finish), self._location(begin, finish)

    def _location(self, begin: tuple[str, int] | None, finish: tuple[str, int] | None
                  ) -> Location:
        if begin is None:
            return Location(file=self.path, line=1, column=1)
        file, source_start = begin
        line, column = self.sources[file].line_col(source_start)
        if finish is None or finish[0] != file:
            return Location(file=file, line=line, column=column)
        end_line, end_column = self.sources[file].line_col(finish[1])
        return Location(file, line, column, end_line, end_column)

    def _source_text(self, start: int, end: int, begin: tuple[str, int] | None,
                     finish: tuple[str, int] | None) -> str:
        if begin is None or finish is None or begin[0] != finish[0]:
            return self.text[start:end]
        return self.sources[begin[0]].text[begin[1] : finish[1]]

    def mapped_lines(self) -> Iterator[tuple[Location, str]]:
        """Each line of the text with the Location of its first character (``text --map``)."""
        position = 0
        for line in self.text.split("\n"):
            yield self.location(position), line
            position += len(line) + 1


class DocumentBuilder:
    """Accumulates text and its segments as a reader walks the source."""

    def __init__(self, path: str, format: str) -> None:
        self.path = path
        self.format = format
        self._parts: list[str] = []
        self._length = 0
        self._segments: list[Segment] = []
        self.sources: dict[str, SourceFile] = {}
        self.files: list[str] = []
        self.comments: list[Comment] = []
        self.tables: list[Table] = []
        self.problems: list[ReaderProblem] = []
        self.metadata: dict[str, object] = {}
        # Text offsets where a citation stood; readers append ``length`` as they drop one.
        self.citations: list[int] = []
        self.headings: list[Heading] = []
        # Citations met while text was held back (a table cell being trimmed): file and source
        # offset, turned into text offsets through the source map when the Document is built.
        self._citations_at_source: list[tuple[str, int]] = []

    @property
    def length(self) -> int:
        """Current length of the text (the offset the next appended piece starts at)."""
        return self._length

    def add_source(self, source: SourceFile) -> None:
        if source.path not in self.sources:
            self.sources[source.path] = source
            self.files.append(source.path)

    def append_verbatim(self, file: str, source_start: int, text: str) -> None:
        """Append ``text``, which is exactly ``file[source_start:source_start+len(text)]``."""
        if text:
            self._push(text, file, source_start, source_start + len(text), verbatim=True)

    def append_generated(self, file: str, source_start: int, source_end: int, text: str) -> None:
        """Append ``text`` produced from ``file[source_start:source_end]`` (other characters)."""
        if text:
            self._push(text, file, source_start, source_end, verbatim=False)

    def _push(self, text: str, file: str, start: int, end: int, *, verbatim: bool) -> None:
        previous = self._segments[-1] if self._segments else None
        if (
            verbatim
            and previous is not None
            and previous.verbatim
            and previous.file == file
            and previous.source_end == start
            and previous.text_end == self._length
        ):
            # Merge contiguous verbatim runs: fewer segments, same map.
            self._segments[-1] = Segment(
                previous.text_start, self._length + len(text), file, previous.source_start,
                end, True,
            )
        else:
            self._segments.append(
                Segment(self._length, self._length + len(text), file, start, end, verbatim)
            )
        self._parts.append(text)
        self._length += len(text)

    def cite_at_source(self, file: str, source_offset: int) -> None:
        """Record a citation by where it stood in ``file``, for text not yet appended (a reader's
        buffer); :meth:`build` maps it to the text offset of the first piece after it."""
        self._citations_at_source.append((file, source_offset))

    def _citation_offsets(self) -> list[int]:
        offsets = list(self.citations)
        for file, position in self._citations_at_source:
            after = next(
                (s.text_start for s in self._segments
                 if s.file == file and s.source_start >= position),
                self._length,
            )
            offsets.append(after)
        return sorted(set(offsets))

    def build(self) -> Document:
        return Document(
            path=self.path,
            format=self.format,
            text="".join(self._parts),
            segments=tuple(self._segments),
            sources=dict(self.sources),
            files=tuple(self.files),
            comments=tuple(self.comments),
            tables=tuple(self.tables),
            problems=tuple(self.problems),
            metadata=dict(self.metadata),
            citations=tuple(self._citation_offsets()),
            headings=tuple(self.headings),
        )


def plain_document(text: str, path: str = "<text>") -> Document:
    """A Document whose text is its own single source: for tests and for extracting strings."""
    builder = DocumentBuilder(path, "latex")
    builder.add_source(SourceFile(path, text))
    builder.append_verbatim(path, 0, text)
    return builder.build()


def segments_cover(segments: Sequence[Segment], length: int) -> bool:
    """True when the segments tile ``[0, length)`` without gaps or overlaps (a reader invariant)."""
    position = 0
    for segment in segments:
        if segment.text_start != position or segment.text_end <= segment.text_start:
            return False
        position = segment.text_end
    return position == length
