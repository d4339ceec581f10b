"""A sentence's readers share one Sentence and return what they found (our own sentences)."""

from __future__ import annotations

from paperlint.extract.claims import sentence_claims
from paperlint.extract.engine import default_engine
from paperlint.extract.mentions import add_count, device_count, hardware_claims
from paperlint.extract.nlp import sentence_bounds
from paperlint.extract.sentence import NOTHING, Sentence, Taken
from paperlint.extract.types import Kind


def _sentence(text: str, index: int = 0) -> Sentence:
    engine = default_engine()
    doc = engine.nlp.tokenizer(text)
    first, last = sentence_bounds(doc)[index]
    inside = tuple(m for m in engine.matches(doc, text) if first <= m.start and m.end <= last)
    return Sentence(doc, first, last, inside, engine)


def test_a_sentence_knows_its_tokens_and_text() -> None:
    sentence = _sentence("Our lab is small. We trained it on 8 A100 GPUs for 3 days.", 1)
    assert sentence.text == "We trained it on 8 A100 GPUs for 3 days."
    assert list(sentence.tokens) == list(range(sentence.first, sentence.last))
    assert all(sentence.first <= m.start and m.end <= sentence.last for m in sentence.matches)


def test_sentence_claims_reads_the_sentence_it_is_given() -> None:
    claims = sentence_claims(_sentence("We trained it on 4 nodes with 8 A100 GPUs each."))
    found = {(c.type, c.value) for c in claims}
    assert ("hardware", "nvidia-a100") in found and ("chip_count", 32.0) in found


def test_a_mention_returns_its_claims_and_the_number_it_took() -> None:
    sentence = _sentence("We trained it on 16 H100 GPUs.")
    chip = next(m for m in sentence.matches if m.kind is Kind.HARDWARE)
    taken = hardware_claims(sentence, chip, set(range(chip.start, chip.end)), set())
    assert [(c.type, c.value) for c in taken.claims] == [("hardware", chip.id),
                                                          ("chip_count", 16.0)]
    assert taken.numbers == {chip.start - 1}
    # A number another claim took is not counted again: the chip alone.
    again = hardware_claims(sentence, chip, set(range(chip.start, chip.end)), taken.numbers)
    assert [c.type for c in again.claims] == ["hardware"] and again.numbers == frozenset()


def test_a_device_noun_a_chip_mention_counted_gives_nothing() -> None:
    sentence = _sentence("We trained it on 16 H100 GPUs.")
    chip = next(m for m in sentence.matches if m.kind is Kind.HARDWARE)
    device = next(m for m in sentence.matches if m.kind is Kind.DEVICE)
    names = set(range(chip.start, chip.end))
    counted = hardware_claims(sentence, chip, names, set())
    assert device_count(sentence, device, names, counted.claims, counted.numbers) is NOTHING
    # Read alone, the noun takes the count over the chip's name.
    assert [c.value for c in device_count(sentence, device, names, (), set()).claims] == [16.0]


def test_add_count_leaves_a_used_number_alone() -> None:
    sentence = _sentence("The job used 64 GPUs.")
    device = next(m for m in sentence.matches if m.kind is Kind.DEVICE)
    number = sentence.doc[device.start - 1]
    free = device_count(sentence, device, set(), (), set())
    assert isinstance(free, Taken) and [c.value for c in free.claims] == [64.0]
    assert free.numbers == {number.i}
    assert add_count(sentence, None, device.start, device.end, {number.i}) is NOTHING
