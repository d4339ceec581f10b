"""The speed paths must not change what is found: the no-digit/no-trigger prefilter, cached header
matching and sentence splitting only for paragraphs with a quantity-like match."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperlint.document import plain_document
from paperlint.extract import extract
from paperlint.extract.engine import default_engine
from paperlint.extract.nlp import sentence_bounds

# Our own sentences, a mix of claims without digits and prose with none.
PARAGRAPHS = [
    "We trained the tagger for about an hour on a single GPU.",
    "Eight accelerators were used throughout.",
    "Training ran in mixed precision on Xeon processors.",
    "Our method improves accuracy on every benchmark we tried.",
    "The encoder reads the input and the decoder writes the output. It works well.",
    "Each run took two weeks on sixteen TPU chips.",
    "We use 4 nodes with 8 V100 GPUs each for 3 days.",
]


@pytest.mark.parametrize(
    "text",
    ["about an hour", "eight cards", "mixed precision", "on Xeon machines", "3 of them",
     "a TPU pod", "bfloat16"],
)
def test_prefilter_keeps_text_that_may_hold_a_claim(text: str) -> None:
    assert default_engine().may_hold_claims(text)


@pytest.mark.parametrize(
    "text",
    ["Our method improves accuracy.", "We thank the reviewers for their comments.",
     "The model reads a sentence and writes its translation."],
)
def test_prefilter_skips_prose_with_nothing_compute_like(text: str) -> None:
    assert not default_engine().may_hold_claims(text)


def test_the_prefilter_changes_nothing_found(monkeypatch: pytest.MonkeyPatch) -> None:
    document = plain_document("\n\n".join(PARAGRAPHS))
    filtered = extract(document)
    engine = default_engine()
    monkeypatch.setattr(type(engine), "may_hold_claims", lambda self, text: True)
    unfiltered = extract(document)
    # The same claims and reports; only the sentences of the skipped paragraphs are not listed
    # (nothing compute-like is in them, so no check asks about them).
    assert (filtered.claims, filtered.compute_reports, filtered.statements) == (
        unfiltered.claims, unfiltered.compute_reports, unfiltered.statements)
    assert set(filtered.sentences) < set(unfiltered.sentences)
    assert {c.type for c in filtered.claims} >= {"duration", "chip_count", "precision",
                                                 "hardware"}


def test_header_claims_are_cached_and_copied() -> None:
    engine = default_engine()
    first = engine.header_claims("Training time (hours)")
    first.append("mutated")
    assert engine.header_claims("Training time (hours)") == ["duration"]


_PIECES = ["We", "train", "on", "8", "GPUs", ".", "!", "?", "...", "e.g.", "Fig.", "(", ")", '"',
           "3", "days", ";", ",", "It", "works", "\u2026", "-", "i.e.", "A100s", "ok"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_sentence_bounds_split_like_the_sentencizer(pieces: list[str]) -> None:
    engine = default_engine()
    text = " ".join(pieces)
    doc = engine.nlp(text)
    expected: list[tuple[int, int]] = []
    for sent in doc.sents:
        # One deliberate difference: a bracket closed after the full stop, then a lower-case
        # word or a number, continues the sentence ("on 8 GPUs (A100 cards.) for 12 days").
        first = doc[sent.start]
        if expected and (first.is_lower or first.is_digit) and _closed_after_stop(
                doc, expected[-1]):
            expected[-1] = (expected[-1][0], sent.end)
        else:
            expected.append((sent.start, sent.end))
    assert sentence_bounds(engine.nlp.make_doc(text)) == expected


def _closed_after_stop(doc: object, bounds: tuple[int, int]) -> bool:
    """Whether the sentence ends with a sentence-final character and then a ")"."""
    tokens = [doc[i].text for i in range(*bounds)]  # type: ignore[index]
    punct = default_engine().nlp.get_pipe("sentencizer").punct_chars  # type: ignore[attr-defined]
    finals = [i for i, t in enumerate(tokens) if t in punct]
    return bool(finals) and ")" in tokens[finals[-1] + 1 :]
