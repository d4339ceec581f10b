"""Repairs of the text a PDF backend extracted, expressed as edits over that text.

A repair never rewrites the text in place: it returns :class:`Edit` objects (replace
``text[start:end]`` by ``replacement``) over the *extracted* text, which is the PDF's source text in
the Document. :func:`merge_edits` keeps a non-overlapping set and :func:`apply_edits` turns it into
pieces for ``DocumentBuilder.append_verbatim`` (kept runs) and ``append_generated`` (replaced
runs), so every character of the repaired text still maps to its page and column exactly.

The edit types and their merging live in :mod:`paperlint.readers.pdf_edits`, the removal of page
furniture (running headers, page and line numbers, references) in
:mod:`paperlint.readers.pdf_furniture`; this module holds the repairs of the text itself and
:func:`repair`, which runs them all, and re-exports the others' public names.

Every function is pure (strings and offsets in, edits out), so each is tested on its own.
Offsets are into the whole extracted text (all pages, joined by ``"\\n"``); ``page_starts`` gives
where each page begins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from paperlint.readers.pdf_edits import (
    Edit,
    Piece,
    apply_edits,
    merge_edits,
    overlaps,
    render,
)
from paperlint.readers.pdf_furniture import (
    line_number_edits,
    page_spans,
    reference_ranges,
    running_line_edits,
)

__all__ = [
    "LIGATURES",
    "T1_LIGATURES",
    "Edit",
    "Piece",
    "apply_edits",
    "control_char_edits",
    "hyphenation_edits",
    "ligature_edits",
    "ligatures_lost",
    "line_number_edits",
    "lost_ligature_edits",
    "lost_superscript_edits",
    "merge_edits",
    "page_spans",
    "reference_ranges",
    "render",
    "repair",
    "running_line_edits",
    "superscript_edits",
]


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
        if not overlaps(decided, start, end):
            exponent = m.group("exp").replace("−", "-")
            edits.append(Edit(start, end, "^" + exponent, "lost superscript", low_confidence=True))
    for m in _GLUED_FOOTNOTE_RE.finditer(text):
        start, end = m.span("mark")
        if not overlaps(decided, start, end):
            edits.append(Edit(start, end, "", "glued footnote marker", low_confidence=True))
    return edits


# -- odd characters --------------------------------------------------------------------------------
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\xad\ufffd]")


def control_char_edits(text: str) -> list[Edit]:
    """Drop control characters, soft hyphens and replacement characters some fonts produce."""
    return [Edit(m.start(), m.end(), "", "control character") for m in _CONTROL_RE.finditer(text)]


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
