"""Claims in tables: each row is one unit; a bare number in a cell takes its meaning from the column
header or the row label ("Training Cost (FLOPs)" over "2.3·10^19"; "Num devices & 512 & 128").

A scale written in the header ("FLOPs (×10^23)", "Params (B)") multiplies the cell. Cells that carry
their own unit ("12 hours", "8 V100") are read like running text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from paperlint.extract.datasheet import FIRST_PERSON
from paperlint.extract.evidence import has_evidence
from paperlint.extract.names import NO_NAMES, Names
from paperlint.extract.quantities import parse_scientific
from paperlint.extract.roles import assign_role, suppressed
from paperlint.extract.sentence import Sentence
from paperlint.extract.text import Context, make_claim, sentence_roles
from paperlint.extract.types import Found, Kind, RawClaim
from paperlint.extract.whose import adjust_roles

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.document import Document, Table, TableRow
    from paperlint.extract.engine import Engine
    from paperlint.model import Claim

_HEADER_SCALE = re.compile(
    r"(?:×|x|\\times|·|\\cdot)\s*(10\s*\^\s*\{?\s*[-−]?\d+\s*\}?|10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|\(\s*(?P<suffix>[KMBT])\s*\)"
    r"|\(\s*(?P<power>1[eE]\+?\d{1,2})\s*\)"  # "FLOPs (1e20)"
)
# "7B", "1.3B", "350M" at the end of a row label, after a space or a hyphen.
_LABEL_SIZE = re.compile(r"(?:^|[\s\-])(?P<size>\d+(?:\.\d+)?[MB])\s*$")
_CITATION = re.compile(r"\\(?:[Cc]ite[a-z]*|[a-z]*cite)\b")
# No training run is smaller than this; a smaller "FLOP" cell lost its scale (as in text, where a
# bare power of ten is only read from 1e12 up).
_MIN_FLOP = 1e12
# siunitx prints \SI{2}{\day} as "2 d"; in a cell under a duration header that is two days.
_CELL_DAYS = re.compile(r"^[\s$~≈]*(?P<num>\d+(?:\.\d+)?)\s*d[\s$]*$")
_CELL_NUMBER = re.compile(r"^[\s$~≈]*(?P<num>[^\s$]+?)[\s$]*$")


def header_scale(header: str, engine: Engine) -> float:
    """The multiplier a header announces: "FLOPs (×10^23)" -> 1e23, "Params (B)" -> 1e9."""
    match = _HEADER_SCALE.search(header)
    if not match:
        return 1.0
    if match.group("suffix"):
        return engine.rules.suffixes.get(match.group("suffix"), 1.0)
    if match.group("power"):
        return float(match.group("power"))
    return parse_scientific(match.group(1)) or 1.0


def _header_row(table: Table) -> list[str]:
    if table.header:
        return list(table.header)
    for row in table.rows:
        if row.is_header:
            return []  # filled by the caller from the row's cells
    return []


def table_claims(document: Document, engine: Engine, names: Names = NO_NAMES) -> list[Found]:
    found: list[Found] = []
    for table in document.tables:
        context: Context | None = None  # read once per table, when a row may hold a claim
        header = _header_row(table)
        if not header:
            for row in table.rows:
                if row.is_header:
                    header = [document.text[c.start : c.end].strip() for c in row.cells]
                    break
        for row in table.rows:
            if row.is_header or not engine.may_hold_claims(document.text[row.start : row.end]):
                continue
            # Under a header each row is a record (a model, a run): rows never continue each other.
            # Without one, rows are "key | value" lines of one description ("GPUs | 8", "Time |
            # 3 days") and group like the sentences of a paragraph, apart from the text.
            paragraph = -(row.start + 1) if header else -(table.start + 1)
            if context is None:
                context = table_context(document, table, header, engine, names)
            for claim in _row_claims(document, engine, row, header, context):
                found.append(Found(claim, row.start, paragraph))
    return found


def _label_size(document: Document, row: TableRow, row_doc: Doc, claims: list[Claim],
                engine: Engine) -> RawClaim | None:
    """A model size ending a row label ("Finch 2 7B", "Owl-1.3B"): in a table of models the label
    names the model and its size, so "7B" is 7e9 parameters though no "model" follows it."""
    if not row.cells or any(c.type == "params" for c in claims):
        return None
    label = row.cells[0]
    match = _LABEL_SIZE.search(document.text[label.start : label.end])
    if match is None:
        return None
    value = engine.numbers.parse(match.group("size"))
    if value is None or value < 1e6:
        return None
    start = label.start - row.start + match.start("size")
    span = row_doc.char_span(start, start + len(match.group("size")), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return RawClaim("params", float(round(value)), span.start, span.end)


# How much text around a table its caption may take: LaTeX captions stand just before or after
# the tabular; a PDF's caption line is next to the rows.
_CAPTION_WINDOW = 300


def table_context(document: Document, table: Table, header: list[str], engine: Engine,
                  names: Names) -> Context:
    """What a table is about, from its header and the text around it (the caption): running
    compute (rules/evidence.toml: a compute word or a hardware mention), and training (a training
    cue or a total). A row's own words count too (see :mod:`paperlint.extract.evidence`)."""
    text = document.text
    around = " ".join((*header, text[max(0, table.start - _CAPTION_WINDOW) : table.start],
                       text[table.end : table.end + _CAPTION_WINDOW]))
    doc = engine.nlp.make_doc(around)
    matches = engine.matches(doc, around)
    cues = engine.rules.cues
    training = any(m.kind is Kind.CUE and cues[m.rule].role in ("training", "fine-tuning")
                   for m in matches) or bool(
        {t.lower_ for t in doc} & engine.rules.evidence.run_totals)
    role, types = _caption_role(engine, _caption_text(text, table, header))
    if not role and _datasheet_header(header, engine):
        role, types = "specification", ("hardware", "chip_count")
    return Context(names=names, evidenced=has_evidence(doc, matches, engine), training=training,
                   table=True, caption_role=role, caption_types=types)


# The roles a caption can give every row, and the strongest cue priority that may: another work's
# phrases ("reported by", "prior work", "model card") and a datasheet's, never the weak signs of
# a comparison ("baseline", "compared to"), which a table of the paper's own runs also carries.
_CAPTION_ROLES = frozenset({"other-work", "specification"})
_CAPTION_PRIORITY = 50


def _caption_text(text: str, table: Table, header: list[str]) -> str:
    """The header and the caption written above the table: its own paragraph's text before it
    (the body text after a table is the paper's discussion of it, often of other works too)."""
    before = text[max(0, table.start - _CAPTION_WINDOW) : table.start]
    return " ".join((*header, before.rstrip().rsplit("\n\n", 1)[-1]))


# Header types that name a run's figures: a table with one of them is about runs.
_RUN_HEADERS = frozenset({"duration", "chip_hours", "flop", "tokens", "chip_count"})


def _datasheet_header(header: list[str], engine: Engine) -> bool:
    """Whether a table's header makes it a datasheet: a column of FLOP/s rates ("BF16 TFLOP/s")
    and no column of a run's figures (time, chip-hours, FLOP, tokens, chips) and no training
    cue: "Accelerator & Memory (GB) & BF16 TFLOP/s" lists chips, not the paper's runs."""
    units, cues = engine.rules.units, engine.rules.cues
    rate = False
    for cell in header:
        if set(engine.header_claims(cell)) & _RUN_HEADERS:
            return False
        doc = engine.nlp.make_doc(cell)
        for match in engine.matches(doc, cell):
            if match.kind is Kind.CUE and cues[match.rule].role in ("training", "fine-tuning"):
                return False
            rate = rate or (match.kind is Kind.UNIT and units[match.rule].claim == "flop_rate")
    return rate


def _caption_role(engine: Engine, caption: str) -> tuple[str, tuple[str, ...]]:
    """The role a table's caption and header give its rows, and the claim types it is for: a
    strong other-work or datasheet cue in them, with no first-person word (a table of the paper's
    own runs beside prior ones says "our"); cues rank as in a sentence (a lower priority wins),
    so "as reported by their authors" beats "training days"; else none."""
    doc = engine.nlp.make_doc(caption)
    if {token.lower_ for token in doc} & FIRST_PERSON:
        return "", ()
    matches = engine.matches(doc, caption)
    cues = engine.rules.cues
    found = [cues[m.rule] for m in matches
             if m.kind is Kind.CUE and cues[m.rule].mode in ("sentence", "nearest")]
    if not found:
        return "", ()
    cue = min(found, key=lambda cue: cue.priority)
    if cue.role not in _CAPTION_ROLES or cue.priority > _CAPTION_PRIORITY:
        return "", ()
    return cue.role, cue.types


def _row_role(claim_type: str, role: str, cited: bool, context: Context) -> str:
    """A row's claim keeps its role unless the row cites a paper or its caption says whose the
    rows are (then an own or unspecified role becomes that, for the types the caption's cue is
    for)."""
    if cited and role == "unspecified":
        return "other-work"
    if (context.caption_role and role in ("training", "fine-tuning", "unspecified")
            and (not context.caption_types or claim_type in context.caption_types)):
        return context.caption_role
    return role


def _row_claims(document: Document, engine: Engine, row: TableRow, header: list[str],
                context: Context) -> list[Claim]:
    claims: list[Claim] = []
    label = document.text[row.cells[0].start : row.cells[0].end] if row.cells else ""
    label_types = engine.header_claims(label) if label else []
    # A row that cites a paper ("Kestrel \\citep{k19} & 4.1e19") reports that paper's figures.
    cited = bool(_CITATION.search(document.source_text(row.start, row.end)))
    row_text = document.text[row.start : row.end]
    row_doc = engine.nlp.make_doc(row_text)  # a row is one unit: no sentence split needed
    row_matches = engine.matches(row_doc, row_text)
    whole = Sentence(row_doc, 0, len(row_doc), tuple(row_matches), engine)
    # Cells with their own units read like text (roles from the whole row's cues).
    for raw, role in sentence_roles(whole, context=context):
        role = _row_role(raw.type, role, cited, context)
        claims.append(make_claim(document, row_doc, raw, row.start, role))
    size = _label_size(document, row, row_doc, claims, engine)
    if size is not None:
        role = assign_role(size, row_matches, engine)
        role = _row_role(size.type, role, cited, context)
        claims.append(make_claim(document, row_doc, size, row.start, role))
    covered = [(c.start, c.end) for c in claims]
    for index, (cell, column_index) in enumerate(zip(row.cells, row.columns(), strict=True)):
        if any(s < cell.end and cell.start < e for s, e in covered):
            continue
        text = document.text[cell.start : cell.end]
        number_match = _CELL_NUMBER.match(text)
        days = None if number_match else _CELL_DAYS.match(text)
        number_match = number_match or days
        written = number_match.group("num") if number_match else ""
        value = engine.numbers.parse(written) if written else None
        if value is None or index == 0:
            continue
        column = header[column_index] if column_index < len(header) else ""
        types = engine.header_claims(column) if column else []
        # A cell that writes its own magnitude ("1.3B" under "Size (B)") is not scaled twice.
        own_magnitude = written[-1] in engine.numbers.suffix_letters
        scale = header_scale(column, engine) if types and not own_magnitude else 1.0
        if types[:1] in (["flop"], ["duration"], ["chip_hours"]):
            # "(MACs)": 2 FLOP each; "Days", "Time (min)", "GPU-days": the header's unit
            scale *= engine.header_factor(column, types[0]) or 1.0
        if days is not None:
            if types[:1] != ["duration"]:
                continue  # "2 d" is only days under a duration header ("2 d" may be 2-D)
            scale = 24.0
        if not types:
            types, scale = label_types, header_scale(label, engine)
        if not types:
            continue
        claim_type = types[0]
        if claim_type in ("hardware", "precision"):
            continue
        if claim_type == "chip_count" and (value != int(value) or value < 1):
            continue
        if claim_type == "flop" and value * scale < _MIN_FLOP:
            continue  # "0.4" under "FLOPs": the scale is written elsewhere (a caption); unknown
        # The cell as a claim: its tokens in the row's Doc, so roles see the row's cues.
        span = row_doc.char_span(cell.start - row.start, cell.end - row.start,
                                 alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        # 12 significant digits: "7.2" under "×10^23" is 7.2e23, not 7.199999999999999e23.
        raw = RawClaim(claim_type, float(f"{value * scale:.12g}"), span.start, span.end)
        if suppressed(raw, row_matches, engine):
            continue
        if claim_type == "duration" and not context.evidenced and not has_evidence(
                row_doc, row_matches, engine):
            continue  # "Hours" over a column of a clinical table: no run's length
        role = assign_role(raw, row_matches, engine)
        [(raw, role)] = adjust_roles(whole, [(raw, role)], [], context.names,
                                     training_context=context.training, subjects=False)
        role = _row_role(raw.type, role, cited, context)
        claims.append(make_claim(document, row_doc, raw, row.start, role))
    return claims
