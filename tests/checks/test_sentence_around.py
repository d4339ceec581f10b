"""The checks' "same sentence" is the extraction's (one splitter): CheckContext.sentence_around."""

from __future__ import annotations

from paperlint.checks.context import CheckContext
from paperlint.checks.profiles import get_profile
from paperlint.document import plain_document
from paperlint.extract import Extraction, extract

TEXT = "We train on 8 A100 GPUs. It took 3 days.\n\nNo figures here at all.\n\nThe rest: 2 h."


def _context(extraction: Extraction) -> CheckContext:
    return CheckContext(plain_document(TEXT), extraction, (), get_profile("flop"),
                        frozenset())


def test_a_span_gets_the_sentence_the_extraction_read_around_it() -> None:
    ctx = _context(extract(plain_document(TEXT)))
    start = TEXT.index("3 days")
    assert TEXT[slice(*ctx.sentence_around(start, start + 6))] == "It took 3 days."
    first = TEXT.index("A100")
    assert TEXT[slice(*ctx.sentence_around(first, first + 4))] == "We train on 8 A100 GPUs."


def test_a_span_over_two_sentences_gets_both() -> None:
    ctx = _context(extract(plain_document(TEXT)))
    start, end = TEXT.index("A100"), TEXT.index("took") + 4
    assert TEXT[slice(*ctx.sentence_around(start, end))] == (
        "We train on 8 A100 GPUs. It took 3 days.")


def test_text_never_read_is_its_own_sentence() -> None:
    ctx = _context(extract(plain_document(TEXT)))
    start = TEXT.index("figures")
    assert ctx.sentence_around(start, start + 7) == (start, start + 7)
    assert _context(Extraction()).sentence_around(3, 9) == (3, 9)
