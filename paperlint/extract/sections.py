"""Sections about other work: a figure in "Related Work" or "Background" that no first-person word
claims is another work's ("The largest dense models were trained on thousands of accelerators;
one such run used 6,144 TPU v4 chips for 50 days", with no citation in the sentence).

The section titles are data (rules/roles.toml ``[clauses] others_sections``). A LaTeX paper's
headings come from its sectioning commands (``Document.headings``); a PDF's from its numbered
heading lines ("2 Related Work", "2.1 Efficient training", "II. BACKGROUND"). A section runs to
the next heading of the same depth or less, so its subsections are in it. A sentence there with
"we" or "our" ("We follow [3] ...", "Our work differs ...") keeps its own roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from paperlint.document import Heading
from paperlint.extract.datasheet import FIRST_PERSON, OWN_PHASES

if TYPE_CHECKING:
    from paperlint.document import Document
    from paperlint.extract.engine import Engine
    from paperlint.extract.types import Found

# A PDF heading line: a section number ("2", "2.1", "II.") and a short title of capitalised
# words, nothing else on the line.
_PDF_HEADING = re.compile(
    r"^[ \t]*(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.)[ \t]+"
    r"(?P<title>[A-Z][A-Za-z\-]*(?:[ \t]+[A-Za-z][A-Za-z\-]*){0,6})[ \t]*$", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z]+")


def pdf_headings(text: str) -> list[tuple[Heading, str]]:
    """The numbered heading lines of a PDF's text, each with its number ("2.1"; "" for a Roman
    one), its depth from the number ("2.1" is 2)."""
    headings = []
    for line in _PDF_HEADING.finditer(text):
        number = line.group("number").rstrip(".")
        if not number[:1].isdigit():
            number = ""
        depth = number.count(".") + 1 if number else 1
        headings.append((Heading(line.start("title"), line.end("title"), depth), number))
    return headings


def others_spans(document: Document, titles: frozenset[str]) -> list[tuple[int, int]]:
    """Text spans ``[start, end)`` of the sections whose title is one of ``titles``: to the next
    heading of the same depth or less (LaTeX), or to the next heading that is not numbered as
    one of its subsections (PDF: "2 Related Work" runs through "2.1" to "3.1", whether or not
    "3" itself was read as a heading)."""
    if not titles:
        return []
    text = document.text
    if document.headings:
        numbered = [(heading, "") for heading in document.headings]
    elif document.format == "pdf":
        numbered = pdf_headings(text)
    else:
        return []
    spans = []
    for index, (heading, number) in enumerate(numbered):
        title = " ".join(text[heading.start : heading.end].split()).lower().rstrip(".:")
        if title not in titles:
            continue
        end = len(text)
        for later, later_number in numbered[index + 1 :]:
            inside = (later_number.startswith(number + ".") if number
                      else later.level > heading.level and not later_number)
            if not inside:
                end = later.start
                break
        spans.append((heading.end, end))
    return spans


def in_others_sections(found: Sequence[Found], sentences: Sequence[tuple[int, int]],
                       document: Document, engine: Engine) -> list[Found]:
    """``found`` with the claims of the paper's own phases in a section about other work made
    another work's, unless their sentence has a first-person word."""
    spans = others_spans(document, engine.rules.clauses.others_sections)
    if not spans:
        return list(found)
    ends = dict(sentences)
    text = document.text
    out = []
    for item in found:
        claim = item.claim
        inside = any(low <= claim.start < high for low, high in spans)
        if inside and claim.role in OWN_PHASES:
            sentence = text[item.unit : ends.get(item.unit, claim.end)]
            if not {word.lower() for word in _WORD.findall(sentence)} & FIRST_PERSON:
                item = replace(item, claim=replace(claim, role="other-work"))
        out.append(item)
    return out
