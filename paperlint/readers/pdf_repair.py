"""Repairs of the text a PDF backend extracted, expressed as edits over that text.

A repair never rewrites the text in place: it returns :class:`Edit` objects (replace
``text[start:end]`` by ``replacement``) over the *extracted* text, which is the PDF's source text in
the Document. :func:`merge_edits` keeps a non-overlapping set and :func:`apply_edits` turns it into
pieces for ``DocumentBuilder.append_verbatim`` (kept runs) and ``append_generated`` (replaced
runs), so every character of the repaired text still maps to its page and column exactly.

Every function here is pure (strings and offsets in, edits out), so each is tested on its own.
Offsets are into the whole extracted text (all pages, joined by ``"\\n"``); ``page_starts`` gives
where each page begins.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of the extracted text by ``replacement`` ("" deletes)."""

    start: int
    end: int
    replacement: str
    reason: str = ""
    low_confidence: bool = False  # the repair guessed (a "× 1020" read as 10^20 without positions)


@dataclass(frozen=True)
class Piece:
    """A run of the repaired text: ``replacement is None`` keeps ``[start, end)`` verbatim."""

    start: int
    end: int
    replacement: str | None
    low_confidence: bool = False


# -- ligatures -------------------------------------------------------------------------------------
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURE_RE = re.compile("[" + "".join(LIGATURES) + "]")


# Type 3 and bitmap fonts in LaTeX's T1 encoding have no Unicode map; extraction then yields the
# glyph's slot, a control character: 0x1b ff, 0x1c fi, 0x1d fl, 0x1e ffi, 0x1f ffl.
T1_LIGATURES = {"\x1b": "ff", "\x1c": "fi", "\x1d": "fl", "\x1e": "ffi", "\x1f": "ffl"}
_T1_RE = re.compile(r"(?<=[A-Za-z])[\x1b-\x1f]|[\x1b-\x1f](?=[a-z])")


def ligature_edits(text: str) -> list[Edit]:
    """ﬁ -> fi and friends: fonts map these to one glyph, and "ﬁne-tuning" must match "fine"."""
    edits = [
        Edit(m.start(), m.end(), LIGATURES[m.group()], "ligature")
        for m in _LIGATURE_RE.finditer(text)
    ]
    edits.extend(
        Edit(m.start(), m.end(), T1_LIGATURES[m.group()], "ligature") for m in _T1_RE.finditer(text)
    )
    return sorted(edits, key=lambda edit: edit.start)


# A font without a ToUnicode entry for its ligature glyph loses it: "conﬁguration" comes out as
# "con guration" or "conguration". Only words that matter near compute statements are restored,
# each matched as a whole word so that no correct word is touched.
_LOST_LIGATURES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), fixed)
    for pattern, fixed in (
        (r"\be ?cien(?=(?:t|tly|cy|cies)\b)", "efficien"),
        (r"\bine ?cien(?=(?:t|tly|cy)\b)", "inefficien"),
        (r"\bdi ?eren(?=(?:t|tly|ce|ces)\b)", "differen"),
        (r"\bspeci ?c(?=(?:|ally|ation|ations)\b)", "specific"),
        (r"\bsigni ?can(?=(?:t|tly|ce)\b)", "significan"),
        (r"\bcon ?gur(?=(?:e|ed|es|ing|ation|ations)\b)", "configur"),
        (r"(?<![\w\x1b-\x1f-])ne-tun(?=(?:e|ed|es|ing)\b)", "fine-tun"),
        (r"(?<![\w\x1b-\x1f-])oating(?=[- ]point\b)", "floating"),
        (r"(?<![\w\x1b-\x1f-])rst(?=\b)", "first"),
        (r"\be ?ective(?=(?:|ly|ness)\b)", "effective"),
    )
)


# One scan for all of them (each pattern in its own group), instead of one scan per word.
_LOST_LIGATURE_RE = re.compile("|".join(f"({pattern.pattern})" for pattern, _ in _LOST_LIGATURES))


def lost_ligature_edits(text: str) -> list[Edit]:
    """Restore a few compute-relevant words whose ligature glyph was dropped by the font."""
    return [
        Edit(m.start(), m.end(), _LOST_LIGATURES[(m.lastindex or 1) - 1][1], "lost ligature")
        for m in _LOST_LIGATURE_RE.finditer(text)
    ]


def ligatures_lost(text: str) -> bool:
    """True when the text looks like its fonts dropped the fi/ff/fl glyphs: English has an "fi"
    or "ff" about every few hundred characters, so a long text with almost none has lost them.
    (Also saves the lost-ligature scan on the usual PDF, whose ligatures are fine.)"""
    if len(text) < 2000:
        return True
    seen = sum(text.count(pair) for pair in ("fi", "ff", "fl", "ﬁ", "ﬀ", "ﬂ", "ﬃ", "\x1c", "\x1b"))
    return seen < len(text) / 2000


# -- hyphenation -----------------------------------------------------------------------------------
# Words whose hyphen is part of the compound ("fine-\ntuning" -> "fine-tuning", not "finetuning").
_KEEP_HYPHEN = frozenset(
    [
        "fine",
        "state",
        "large",
        "small",
        "half",
        "mixed",
        "full",
        "well",
        "low",
        "high",
        "self",
        "non",
        "multi",
        "single",
        "cross",
        "long",
        "short",
        "open",
        "data",
        "compute",
        "model",
        "task",
    ]
)
_HYPHEN_RE = re.compile(r"(?<=\w)-\n(?=\w)")
_WORD_END_RE = re.compile(r"\w+$")


def hyphenation_edits(text: str) -> list[Edit]:
    """Join a word split at a line end. The hyphen is dropped between two lower-case halves
    ("pre-\\ntraining" -> "pretraining") unless the first half is a compound head; it is kept before
    a capital or a digit ("BERT-\\nBase", "16-\\nbit" keeps its hyphen either way)."""
    edits = []
    for m in _HYPHEN_RE.finditer(text):
        hyphen = m.start()
        word = _WORD_END_RE.search(text, max(0, hyphen - 40), hyphen)
        left, first = (word.group() if word else ""), text[m.end()]
        join = left.isalpha() and left[-1:].islower() and first.islower() and first.isalpha()
        if join and left.lower() not in _KEEP_HYPHEN:
            edits.append(Edit(hyphen, hyphen + 2, "", "hyphenation"))
        else:
            edits.append(Edit(hyphen, hyphen + 2, "-", "hyphenation"))
    return edits


# -- running headers, footers and page numbers -----------------------------------------------------
_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:\d{1,4}|[ivxlc]{1,6}|[Pp]age \d{1,4}(?: of \d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])\s*$"
)
_EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be a header/footer


def _page_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, end excluding the newline."""
    lines = []
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        lines.append((position, stop))
        if newline < 0:
            break
        position = newline + 1
    return lines


def _edge_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines = [line for line in _page_lines(text, start, end) if text[line[0] : line[1]].strip()]
    if len(lines) <= 2 * _EDGE_LINES:
        return lines
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


def _shape(line: str) -> str:
    """A header's shape: digits vary from page to page ("Preprint 3", "Preprint 4")."""
    return re.sub(r"\d+", "#", " ".join(line.split()))


def page_spans(page_starts: Sequence[int], length: int) -> list[tuple[int, int]]:
    """(start, end) of each page's text, end excluding the newline that joins it to the next."""
    ends = [start - 1 for start in page_starts[1:]] + [length]
    return list(zip(page_starts, ends, strict=True))


def running_line_edits(text: str, page_starts: Sequence[int]) -> list[Edit]:
    """Delete lines at the top or bottom of a page that repeat on at least half the pages (a
    running header or footer, digits ignored) and lone page numbers there."""
    spans = page_spans(page_starts, len(text))
    counts: Counter[str] = Counter()
    edges = [_edge_lines(text, start, end) for start, end in spans]
    for lines in edges:
        counts.update({_shape(text[a:b]) for a, b in lines})
    needed = max(2, (len(spans) + 1) // 2)
    edits = []
    for lines in edges:
        for a, b in lines:
            line = text[a:b]
            repeated = len(spans) >= 2 and counts[_shape(line)] >= needed
            if repeated or _PAGE_NUMBER_RE.match(line):
                stop = b + 1 if b < len(text) and text[b] == "\n" else b
                edits.append(Edit(a, stop, "", "running header/footer"))
    return edits


# -- margin line numbers of review copies ----------------------------------------------------------
# lineno and the NeurIPS/ICML/ICLR/ACL review styles print a number beside every line; extraction
# puts it at the start or end of the line, or on a line of its own ("017", "18"). A number is taken
# for a margin number only as part of a run of at least _MIN_RUN numbers counting up by one.
_LINE_START_NUMBER_RE = re.compile(r"[ \t]*(\d{1,4})(?:[ \t]+|$)")
_LINE_END_NUMBER_RE = re.compile(r"(?<!\d)(?<!\d[.,])[ \t]*(\d{1,4})[ \t]*$")
_MIN_RUN = 5


@dataclass(frozen=True)
class _Number:
    start: int  # the digits
    end: int
    value: int
    at_end: bool  # printed after the line's text (else before it, or alone)
    span_start: int  # the digits with the whitespace that separates them from the text
    span_end: int


def _margin_numbers(text: str) -> list[_Number]:
    """Numbers at the start or the end of each line (line by line: cheaper than one big regex)."""
    found = []
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        stop = length if newline < 0 else newline
        first = _LINE_START_NUMBER_RE.match(text, position, stop)
        if first:
            found.append(
                _Number(
                    first.start(1),
                    first.end(1),
                    int(first.group(1)),
                    False,
                    first.start(1),
                    first.end(),
                )
            )
        last = _LINE_END_NUMBER_RE.search(text, max(position, stop - 12), stop)
        if last and not (first and last.start(1) < first.end()):
            found.append(
                _Number(
                    last.start(1), last.end(1), int(last.group(1)), True, last.start(), last.end(1)
                )
            )
        position = stop + 1
    return found


def line_number_edits(text: str) -> list[Edit]:
    """Delete margin line numbers: runs of >= 5 line-initial, line-final or lone numbers, each one
    more than the last (gaps of up to 3 allowed where a line's number was lost or merged)."""
    # Chains are followed greedily in text order; several chains may interleave (ACL prints one
    # per column), so each candidate extends the chain that expects it. A chain keeps to one side
    # (line starts or line ends), so that a section number at the start of a heading does not
    # steal the run of numbers printed at the line ends.
    chains: list[list[_Number]] = []
    for number in _margin_numbers(text):
        for chain in reversed(chains[-50:]):  # recent chains only: bounded work on long papers
            last = chain[-1]
            if last.at_end == number.at_end and 0 < number.value - last.value <= 3:
                chain.append(number)
                break
        else:
            chains.append([number])
    # The whitespace beside a number goes with it, so "017 The model" becomes "The model".
    return [
        Edit(number.span_start, number.span_end, "", "line number")
        for chain in chains
        if len(chain) >= _MIN_RUN
        for number in chain
    ]


# -- superscripts: exponents and footnote markers --------------------------------------------------
_TIMES_BEFORE_RE = re.compile(r"(?:\d(?:\.\d+)?\s*[×x·⋅*]\s*|(?<![\d.])|\b)10$")
_SUP_DIGITS_RE = re.compile(r"^[-−]?\d{1,3}$")
_FOOTNOTE_MARK_RE = re.compile(r"^(?:\d{1,3}|[*†‡§¶]|[a-z])$")


def superscript_edits(text: str, superscripts: Iterable[tuple[int, int]]) -> list[Edit]:
    """Use raised runs the backend located (smaller font, higher baseline): digits raised after
    "10" are an exponent ("× 1020" -> "× 10^20", sure, since the position says so); a digit or
    mark raised right after a word is a footnote marker and is dropped ("8 GPUs1" -> "8 GPUs")."""
    edits = []
    for start, end in superscripts:
        raised = text[start:end]
        before = text[max(0, start - 12) : start]
        if _SUP_DIGITS_RE.match(raised) and _TIMES_BEFORE_RE.search(before):
            edits.append(Edit(start, end, "^" + raised.replace("−", "-"), "superscript exponent"))
        elif _FOOTNOTE_MARK_RE.match(raised) and (
            not before or before[-1].isalpha() or before[-1] in ".,;:)\n"
        ):
            edits.append(Edit(start, end, "", "footnote marker"))
    return edits


# Without positions (or where the backend could not tell): "3.1 × 1020" is read as 3.1 × 10^20, the
# only sensible reading of a mantissa times "10NN", and marked low confidence.
# Anchored on the multiplication sign (rare in prose), so the scan does not start at every digit.
_LOST_EXPONENT_RE = re.compile(
    r"(?:(?<=\d)|(?<=\d\s))[×·⋅]\s?10(?P<exp>[-−]?\d{1,2})(?!\d|\.\d|\^)"
)
_GLUED_FOOTNOTE_RE = re.compile(
    r"\b(?:GPUs?|TPUs?|chips|cores|nodes|hours|days|FLOPs|tokens|parameters|steps|epochs)"
    r"(?P<mark>\d{1,2})(?=[\s.,;:)]|$)"
)


def lost_superscript_edits(text: str, known: Iterable[tuple[int, int]] = ()) -> list[Edit]:
    """Guess exponents and footnote markers where no position told (low confidence). Spans in
    ``known`` were already decided from positions and are left alone."""
    decided = sorted(known)
    edits = []
    for m in _LOST_EXPONENT_RE.finditer(text):
        start, end = m.span("exp")
        if not _overlaps(decided, start, end):
            exponent = m.group("exp").replace("−", "-")
            edits.append(Edit(start, end, "^" + exponent, "lost superscript", low_confidence=True))
    for m in _GLUED_FOOTNOTE_RE.finditer(text):
        start, end = m.span("mark")
        if not _overlaps(decided, start, end):
            edits.append(Edit(start, end, "", "glued footnote marker", low_confidence=True))
    return edits


# -- odd characters --------------------------------------------------------------------------------
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\xad\ufffd]")


def control_char_edits(text: str) -> list[Edit]:
    """Drop control characters, soft hyphens and replacement characters some fonts produce."""
    return [Edit(m.start(), m.end(), "", "control character") for m in _CONTROL_RE.finditer(text)]


# -- references ------------------------------------------------------------------------------------
_REFERENCES_RE = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}\.?|[IVX]{1,4}\.)?[ \t]*"
    r"(?:References|REFERENCES|Bibliography|BIBLIOGRAPHY|Literature Cited)[ \t]*$"
)
# What ends the references: an appendix or a checklist heading ("A Training details", "Appendix B",
# "NeurIPS Paper Checklist"). A letter heading needs a capitalised word after it and no final
# period, so that a reference line like "A. Author and B. Writer." is not taken for one.
_AFTER_REFERENCES_RE = re.compile(
    r"(?m)^[ \t]*(?:"
    r"(?:Appendix|APPENDIX|Appendices|APPENDICES|Supplementary Material|SUPPLEMENTARY MATERIAL)"
    r"\b[^\n]{0,80}"
    r"|[A-H](?:\.\d{1,2})?[ \t]+[A-Z][A-Za-z-]+(?:[ \t]+[A-Za-z-]+){0,8}"
    r"|[^\n]{0,40}\bChecklist"
    r")[ \t]*$"
)


def reference_ranges(text: str) -> list[tuple[int, int]]:
    """[start, end) of each references section: from its heading to the next appendix or checklist
    heading, or to the end. Appendices and checklists are kept: they often hold the compute."""
    ranges: list[tuple[int, int]] = []
    for m in _REFERENCES_RE.finditer(text):
        if ranges and m.start() < ranges[-1][1]:
            continue
        after = _AFTER_REFERENCES_RE.search(text, m.end())
        ranges.append((m.start(), after.start() if after else len(text)))
    return ranges


# -- putting edits together ------------------------------------------------------------------------
def _overlaps(accepted: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(accepted, (start, start))
    if index > 0 and accepted[index - 1][1] > start:
        return True
    return index < len(accepted) and accepted[index][0] < max(end, start + 1)


def merge_edits(groups: Sequence[Iterable[Edit]]) -> list[Edit]:
    """Keep a non-overlapping set of edits, earlier groups first (a deleted header beats a
    ligature inside it), and return them in text order."""
    accepted: list[tuple[int, int]] = []
    kept: dict[tuple[int, int], Edit] = {}
    for group in groups:
        for edit in group:
            if edit.end <= edit.start or _overlaps(accepted, edit.start, edit.end):
                continue
            bisect.insort(accepted, (edit.start, edit.end))
            kept[(edit.start, edit.end)] = edit
    return [kept[span] for span in accepted]


def apply_edits(text: str, edits: Sequence[Edit]) -> list[Piece]:
    """Cut ``text`` into verbatim pieces and replaced pieces (``edits`` sorted, non-overlapping)."""
    pieces = []
    position = 0
    for edit in edits:
        if edit.start > position:
            pieces.append(Piece(position, edit.start, None))
        pieces.append(Piece(edit.start, edit.end, edit.replacement, edit.low_confidence))
        position = edit.end
    if position < len(text):
        pieces.append(Piece(position, len(text), None))
    return pieces


def render(text: str, pieces: Sequence[Piece]) -> str:
    """The repaired text the pieces stand for (what the Document's text will be)."""
    return "".join(
        text[p.start : p.end] if p.replacement is None else p.replacement for p in pieces
    )


def repair(
    text: str, page_starts: Sequence[int], superscripts: Sequence[tuple[int, int]] = ()
) -> list[Piece]:
    """Every repair, in priority order, over the extracted text of a whole PDF."""
    removed = [Edit(start, end, "", "references") for start, end in reference_ranges(text)]
    groups: list[Iterable[Edit]] = [
        removed,
        running_line_edits(text, page_starts),
        line_number_edits(text),
        superscript_edits(text, superscripts),
        lost_superscript_edits(text, superscripts),
        ligature_edits(text),  # before control characters: T1 ligature slots are control codes
        control_char_edits(text),
        hyphenation_edits(text),
        lost_ligature_edits(text) if ligatures_lost(text) else [],
    ]
    return apply_edits(text, merge_edits(groups))
