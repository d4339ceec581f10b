"""Tables: each row of a tabular becomes one line of text, its cells joined by " | ".

A :class:`paperlint.document.Table` records the rows with their cells' text offsets, and the header
(the first row's cells) when the first row looks like one, so that a later stage can read a cell
"12" under the column "Days".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pylatexenc.latexwalker import LatexCharsNode, LatexGroupNode, LatexMacroNode, LatexSpecialsNode

from paperlint.document import Table, TableCell, TableRow
from paperlint.readers.latex_frame import Frame
from paperlint.readers.latex_math import names
from paperlint.readers.latex_sinks import Piece, flush, one_line

if TYPE_CHECKING:
    from paperlint.readers.latex_walk import Walker

ROW_ENDS = frozenset(("\\", "tabularnewline", "cr"))
RULES = names("""hline toprule midrule bottomrule cline cmidrule specialrule addlinespace
hdashline cdashline endhead endfirsthead endfoot endlastfoot morecmidrules rowcolor noalign
arrayrulecolor hhline""")
# Rules that, right after the first row, mark it as the header.
HEADER_RULES = names("hline midrule cmidrule cline hdashline specialrule endhead endfirsthead "
                         "hhline")
PARTIAL_RULES = names("cmidrule cline cdashline")
SEPARATOR = " | "
_NUMERIC = re.compile(r"^[\s~≈<>≤≥±$+\-−(]*\.?\d")
_PARENTHESISED = re.compile(r"^\s*\([^)]*\)\s*$")
_WORDY = re.compile(r"[A-Za-z]{3,}")


@dataclass
class RawRow:
    """A row as parsed: the nodes of each cell, the ``&`` nodes between them, its ``\\\\``."""

    cells: list[list[Any]] = field(default_factory=lambda: [[]])
    separators: list[Any] = field(default_factory=list)
    end: Any = None
    rule_after: bool = False
    full_rule_after: bool = False  # a rule across the table, not \cmidrule{2-3} under a span

    def blank(self) -> bool:
        return not self.separators and all(_blank(node) for node in self.cells[0])


def _blank(node: Any) -> bool:
    return isinstance(node, LatexCharsNode) and not node.chars.strip()


def split_rows(nodes: list[Any]) -> list[RawRow]:
    rows: list[RawRow] = []
    row = RawRow()
    after_cmidrule = 0  # \cmidrule(lr){2-3}: its "(lr)" and "{2-3}" are not cell text
    for node in nodes:
        if after_cmidrule:
            after_cmidrule -= 1
            if isinstance(node, LatexCharsNode) and _PARENTHESISED.match(node.chars):
                continue
            if isinstance(node, LatexGroupNode):
                after_cmidrule = 0
                continue
        if isinstance(node, LatexMacroNode):
            name = node.macroname
            if name in ROW_ENDS:
                row.end = node
                rows.append(row)
                row = RawRow()
                continue
            if name in RULES:
                if name in HEADER_RULES and rows and row.blank():
                    rows[-1].rule_after = True
                    rows[-1].full_rule_after |= name not in PARTIAL_RULES
                if name == "cmidrule":
                    after_cmidrule = 2
                continue
        elif isinstance(node, LatexSpecialsNode) and node.specials_chars == "&":
            row.cells.append([])
            row.separators.append(node)
            continue
        row.cells[-1].append(node)
    if not row.blank():
        rows.append(row)
    return rows


def looks_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text))


def read_table(walker: Walker, node: Any, frame: Frame) -> None:
    """Emit a tabular-like environment row by row and record it as a Table."""
    rows = split_rows(list(node.nodelist))
    recording = walker.recording
    walker.line_break(frame, node.pos)
    table_rows: list[TableRow] = []
    texts: list[list[str]] = []
    rules: list[bool] = []
    full_rules: list[bool] = []
    for raw in rows:
        cells = [one_line(walker.collect(nodes, frame).pieces) for nodes in raw.cells]
        if not any(cells):
            if raw.rule_after and rules:
                rules[-1] = True
                full_rules[-1] |= raw.full_rule_after
            continue
        row_start = walker.builder.length
        offsets: list[TableCell] = []
        for position, pieces in enumerate(cells):
            if position:
                separator = raw.separators[position - 1]
                walker.sink.generated(frame.file, separator.pos, separator.pos + 1, SEPARATOR)
            cell_start = walker.builder.length
            flush(pieces, walker.sink)
            offsets.append(TableCell(cell_start, walker.builder.length, span(raw.cells[position])))
        row_end = walker.builder.length
        end = raw.end if raw.end is not None else None
        stop = end.pos + end.len if end is not None else node.pos + node.len
        walker.sink.generated(frame.file, end.pos if end is not None else stop, stop, "\n")
        table_rows.append(TableRow(row_start, row_end, tuple(offsets)))
        texts.append([_text(pieces) for pieces in cells])
        rules.append(raw.rule_after)
        full_rules.append(raw.full_rule_after)
    if not recording or not table_rows:
        return
    header: tuple[str, ...] = ()
    if is_header(texts[0], rules[0], all(rules[:-1]) and len(rules) > 2):
        block = header_rows(texts, full_rules)
        header = joined_header([(texts[i], table_rows[i].cells) for i in range(block)])
        for index in range(block):
            row = table_rows[index]
            table_rows[index] = TableRow(row.start, row.end, row.cells, is_header=True)
    walker.builder.tables.append(
        Table(table_rows[0].start, table_rows[-1].end, tuple(table_rows), header)
    )


def is_header(cells: list[str], rule_after: bool, every_row_ruled: bool) -> bool:
    """A first row is a header if a rule follows it (unless every row has one) or if none of its
    cells is a number; a row of numbers never is."""
    filled = [cell for cell in cells if cell]
    if not filled or all(looks_numeric(cell) for cell in filled):
        return False
    if rule_after and not every_row_ruled:
        return True
    return not any(looks_numeric(cell) for cell in filled)


# A header of more than this many rows is more likely a table of words than a header.
_MAX_HEADER_ROWS = 3


def header_rows(texts: list[list[str]], rules: list[bool]) -> int:
    """How many leading rows form the header: the first, or every row up to the first rule across
    the table when they are all words ("BLEU" over "EN-DE | EN-FR", then \\midrule; a
    \\cmidrule under a span does not end it). Without such a rule, one row."""
    for index, ruled in enumerate(rules[:_MAX_HEADER_ROWS]):
        if any(looks_numeric(cell) and not _annotation(cell) for cell in texts[index] if cell):
            return 1
        if ruled:
            return index + 1
    return 1


def _annotation(cell: str) -> bool:
    """A header's note in brackets that starts with a number ("(38 datasets)", "(8 GPUs)"
    under "Avg. performance"): words in it, so no figure of a row."""
    return bool(_PARENTHESISED.match(cell)) and _WORDY.search(cell) is not None


def joined_header(rows: list[tuple[list[str], tuple[TableCell, ...]]]) -> tuple[str, ...]:
    """The header text of each table column: every header row's cell over it, joined by a space."""
    width = max(sum(max(1, cell.span) for cell in cells) for _, cells in rows)
    columns: list[list[str]] = [[] for _ in range(width)]
    for texts, cells in rows:
        column = 0
        for text, cell in zip(texts, cells, strict=True):
            for covered in range(column, column + max(1, cell.span)):
                if text.strip():
                    columns[covered].append(text.strip())
            column += max(1, cell.span)
    return tuple(" ".join(parts) for parts in columns)


def span(nodes: list[Any]) -> int:
    """The columns a cell covers: n for a cell that is one ``\\multicolumn{n}{..}{..}``."""
    filled = [node for node in nodes if not _blank(node)]
    if len(filled) != 1 or not isinstance(filled[0], LatexMacroNode):
        return 1
    macro = filled[0]
    arguments = macro.nodeargd.argnlist if macro.nodeargd is not None else []
    if macro.macroname != "multicolumn" or not arguments or arguments[0] is None:
        return 1
    written = arguments[0].latex_verbatim().strip("{} ")
    return int(written) if written.isdigit() and 0 < int(written) <= 1000 else 1


def _text(pieces: list[Piece]) -> str:
    return "".join(piece.text for piece in pieces)
