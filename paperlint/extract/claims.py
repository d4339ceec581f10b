"""Typed claims from one sentence: the shapes "number unit", "number [fillers] chip", "chip", ...
(the counting itself, and the compositions across a clause, are in :mod:`counting`)

The phrase matches come from :mod:`engine` (data from rules/ and the catalogue); this module knows
the few shapes that turn matches and numbers into claims, and the compositions authors write:
"4 nodes with 8 GPUs each" (32), "32 8xH100 nodes" (256), "2 DGX-2" (32 V100), "TPU v3-512"
(256 chips), "1,000 H100 hours" (chip-hours), "3.5 hours per epoch, 100 epochs" (350 h).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING

from paperlint.extract.counting import number_ending_at
from paperlint.extract.durations import (
    compound_durations,
    duration_number,
    follows_duration,
    per_epoch,
)
from paperlint.extract.mentions import (
    anaphoric_counts,
    device_count,
    hardware_claims,
    slice_claims,
    system_claims,
)
from paperlint.extract.model_sizes import model_size_claim
from paperlint.extract.models import model_code_claims
from paperlint.extract.quantities import is_year
from paperlint.extract.sentence import NOTHING, Sentence, Taken
from paperlint.extract.types import Kind, Match, Number, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine
    from paperlint.extract.rule_types import Unit


def sentence_claims(sentence: Sentence) -> list[RawClaim]:
    """Every claim in the sentence, given the phrase matches inside it."""
    doc, start, end, engine = sentence.doc, sentence.first, sentence.last, sentence.engine
    matches = sentence.matches
    claims: list[RawClaim] = []
    hardware_at: dict[int, Match] = {}  # last token index of a hardware match -> match
    hw_tokens: set[int] = set()
    kinds = (Kind.UNIT, Kind.DEVICE, Kind.GROUP, Kind.HARDWARE, Kind.SYSTEM, Kind.PRECISION,
             Kind.SLICE)
    spans = {(m.start, m.end): m for m in matches if m.kind in kinds}
    quantity = _longest_first(list(spans.values()))
    vetoes = _vetoed(matches, engine)
    for match in quantity:
        if match.kind in (Kind.HARDWARE, Kind.SYSTEM) and match.start not in vetoes:
            hardware_at[match.end - 1] = match
            hw_tokens.update(range(match.start, match.end))
    generic = engine.generic_hardware
    for match in quantity:
        if match.kind is Kind.HARDWARE and doc[match.start : match.end].text.lower() in generic:
            hardware_at.pop(match.end - 1, None)  # "CPU" alone: a class, not a chip to count
    words = [m.start for m in matches if m.kind is Kind.MODEL and m.end == m.start + 1]
    if words:
        claims.extend(model_code_claims(doc, start, end, words, engine, hw_tokens))
    used_numbers: set[int] = set()  # start tokens of the numbers claims took

    def keep(taken: Taken) -> bool:
        claims.extend(taken.claims)
        used_numbers.update(taken.numbers)
        return bool(taken.claims)

    # Chip-time units first: in "9,900 TPUv3 core-days" the number is the chip-time's, not a
    # count of the chips the mention before the unit names.
    units = engine.rules.units
    chip_time = [m.kind is Kind.UNIT and units[m.rule].claim == "chip_hours" for m in quantity]
    for match, first in zip(quantity, chip_time, strict=True):
        if first and not keep(_unit_claim(sentence, match, hardware_at, claims, used_numbers)):
            keep(_row_label_values(sentence, match, used_numbers))
    for match, done in zip(quantity, chip_time, strict=True):
        kind = match.kind
        if done:
            continue
        if kind is Kind.UNIT:
            keep(_unit_claim(sentence, match, hardware_at, claims, used_numbers))
        elif kind is Kind.PRECISION:
            claims.append(RawClaim("precision", match.id, match.start, match.end))
        elif kind is Kind.HARDWARE and match.end - 1 in hardware_at:
            keep(hardware_claims(sentence, match, hw_tokens, used_numbers))
        elif kind is Kind.SYSTEM and match.end - 1 in hardware_at:
            keep(system_claims(sentence, match, claims))
        elif kind is Kind.DEVICE:
            keep(device_count(sentence, match, hw_tokens, claims, used_numbers))
        elif kind is Kind.SLICE:
            keep(slice_claims(sentence, match, claims, used_numbers))
    keep(anaphoric_counts(sentence, claims, used_numbers))
    keep(_bare_flop(sentence, claims, used_numbers))
    keep(_model_sizes(sentence, claims, used_numbers))
    claims.sort(key=lambda c: (c.start, c.type))
    claims = _named_mixed_precision(claims)
    claims = compound_durations(doc, end, claims)
    per_epoch(doc, start, end, claims, engine)
    return _core_counts(doc, end, claims, engine)


def _core_counts(doc: Doc, end: int, claims: list[RawClaim], engine: Engine) -> list[RawClaim]:
    """A chip count whose noun is a core ("128 TPU v3 cores", "64 TPU cores") counts cores."""
    nouns = engine.rules.core_nouns
    return [replace(c, unit="cores") if c.type == "chip_count" and (
                doc[c.end - 1].lower_ in nouns or (c.end < end and doc[c.end].lower_ in nouns))
            else c for c in claims]


def _named_mixed_precision(claims: list[RawClaim]) -> list[RawClaim]:
    """"bf16 mixed precision", "mixed precision (FP16)": the mixed precision is the one named
    beside it (within a token: a hyphen or a bracket), one claim, not a second precision."""
    named = [(c.start, c.end) for c in claims if c.type == "precision" and c.value != "mixed"]
    if not named:
        return claims
    return [c for c in claims if not (
        c.type == "precision" and c.value == "mixed"
        and any(0 <= c.start - end <= 1 or 0 <= start - c.end <= 1 for start, end in named))]


def _longest_first(matches: Sequence[Match]) -> list[Match]:
    """Non-overlapping matches, longer ones winning (filter_spans without building Spans)."""
    ordered = sorted(matches, key=lambda m: m.start)
    if all(a.end <= b.start for a, b in itertools.pairwise(ordered)):
        return ordered  # nothing overlaps: the common case
    kept: list[Match] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(i in taken for i in range(match.start, match.end)):
            kept.append(match)
            taken.update(range(match.start, match.end))
    return sorted(kept, key=lambda m: m.start)


def _vetoed(matches: Sequence[Match], engine: Engine) -> set[int]:
    """Start tokens of hardware matches that a veto phrase next to them turns off."""
    vetoes = [m for m in matches if m.kind in (Kind.VETO_AFTER, Kind.VETO_BEFORE)]
    if not vetoes:
        return set()
    hardware = [m for m in matches if m.kind is Kind.HARDWARE]
    out: set[int] = set()
    for veto in vetoes:
        for hw in hardware:
            if veto.kind is Kind.VETO_AFTER and veto.start in (hw.end, hw.end + 1):
                out.add(hw.start)
            if veto.kind is Kind.VETO_BEFORE and veto.end in (hw.start, hw.start - 1):
                out.add(hw.start)
    return out


def _row_label_values(sentence: Sentence, match: Match, used: AbstractSet[int]) -> Taken:
    """A chip-time unit that labels a table row, its numbers after it ("TPU-days 2.5k 0.7k 0.2k"
    as a PDF gives a table's row): one chip-time claim per number. Three numbers at least, or
    two that end the sentence, so that a unit in running text takes no number that follows it
    (a PDF row runs on into the next line's words)."""
    doc, end, engine = sentence.doc, sentence.last, sentence.engine
    unit = engine.rules.units[match.rule]
    index, numbers = match.end, []
    while index < end and not doc[index].is_punct:
        value = engine.numbers.parse(doc[index].text)
        if value is None or not doc[index].text[:1].isdigit():
            break
        numbers.append((index, value))
        index += 1
    if len(numbers) < 2 or (len(numbers) == 2 and index < end and not doc[index].is_punct):
        return NOTHING
    found = tuple(RawClaim("chip_hours", value * unit.factor, position, position + 1,
                           unit=_counted_unit(unit))
                  for position, value in numbers if position not in used)
    return Taken(found, frozenset(c.start for c in found))


def _unit_claim(sentence: Sentence, match: Match, hardware_at: dict[int, Match],
                claims: Sequence[RawClaim], used: AbstractSet[int]) -> Taken:
    """The claim of a unit ("8 GPU-days", "300B tokens") with the number before it (``claims``:
    those read so far, for a duration's second part; ``used``: numbers already taken)."""
    doc, low, engine = sentence.doc, sentence.first, sentence.engine
    unit = engine.rules.units[match.rule]
    before = match.start - 1
    if before >= low and doc[before].text in ("-", "‐"):
        before -= 1
    if (unit.claim == "duration" and before > low
            and doc[before].lower_ in engine.rules.duration_modifiers):
        before -= 1  # "one additional day", "two full days": the number is before the word
    hardware = hardware_at.get(before)
    if hardware is not None and unit.claim in ("duration", "chip_hours"):
        # "1,000 H100 hours", "2,048 TPUv4 chip-days", "500 H800-hours": chip-time of that chip.
        number = number_ending_at(doc, hardware.start - 1, low, engine)
        if number is not None and number.start not in used:
            value = number.value * unit.factor
            return Taken((RawClaim("chip_hours", value, number.start, match.end,
                                   unit=_counted_unit(unit)),), frozenset({number.start}))
        return NOTHING
    number = number_ending_at(doc, before, low, engine)
    if number is None and unit.claim == "duration":
        number = duration_number(doc, before, low, engine)  # "a day", "three and a half days"
    if number is None and unit.claim == "tokens":
        number = _qualified_size(doc, before, low, engine)
    if number is None and unit.claim in ("params", "tokens") and not unit.suffixed_only:
        number = _spaced_magnitude(doc, before, low, engine)
        if number is None:
            return _labelled_size(doc, match, unit.claim, engine, used)
    if number is None and unit.suffixed_only and unit.claim == "params":
        sizes = _bracketed_sizes(doc, match.end, engine, used)
        return Taken(tuple(sizes), frozenset(c.start for c in sizes))
    if number is None or number.start in used:
        return NOTHING
    if unit.suffixed_only and not number.suffixed:
        return NOTHING
    if unit.claim == "duration" and is_year(doc[before].text):
        return NOTHING
    if unit.compound_only and not follows_duration(claims, number.start):
        return NOTHING
    value = number.value * unit.factor
    if unit.claim in ("params", "tokens") and value < float("inf"):  # inf: PL006 drops it
        value = round(value)
    low_value = number.low * unit.factor if number.low is not None else None
    return Taken((RawClaim(unit.claim, value, number.start, match.end, low=low_value,
                           unit=_counted_unit(unit)),), frozenset({number.start}))


# Before a parameter or token count's unit, "m" is a million ("95m parameters"), as nowhere else
# ("95 m" is metres, "3m" minutes).
_MILLION_BEFORE_SIZES = {"m": 1e6}
_PLAIN_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def _spaced_magnitude(doc: Doc, index: int, low: int, engine: Engine) -> Number | None:
    """A count whose magnitude letter stands apart from its digits ("1.3 B parameters", "2 T
    tokens"), or is a lower-case "m" ("95m parameters", which the tokenizer splits)."""
    if index - 1 < low:
        return None
    letter = doc[index].text
    scale = engine.numbers.suffix(letter) or _MILLION_BEFORE_SIZES.get(letter)
    digits = doc[index - 1].text
    if scale is None or not _PLAIN_DIGITS.match(digits):
        return None
    return Number(float(digits.replace(",", "")) * scale, index - 1, True, False)


# Between a size's label and its value: "Total Parameters=110M", "#params: 1.3B".
_LABEL_MARKS = frozenset({"=", ":"})


def _labelled_size(doc: Doc, match: Match, claim: str, engine: Engine,
                   used: AbstractSet[int]) -> Taken:
    """A parameter or token count written after its label ("Total Parameters=110M", "Tokens:
    2T"): a number with a magnitude suffix, so "tokens: 512" (a context length) is none."""
    mark = match.end
    if mark + 1 >= len(doc) or doc[mark].text not in _LABEL_MARKS:
        return NOTHING
    number = number_ending_at(doc, mark + 1, mark + 1, engine)
    if number is None or not number.suffixed or number.start in used:
        return NOTHING
    return Taken((RawClaim(claim, float(round(number.value)), match.start, mark + 2),),
                 frozenset({number.start}))


def _counted_unit(unit: Unit) -> str | None:
    """The claim's own unit where it differs from its type's: TPU "core-days" are core-hours."""
    return "core-hours" if unit.counts == "core" else None


_LIST_JOINS = frozenset({",", "and", "or", "&"})


def _bracketed_sizes(doc: Doc, index: int, engine: Engine,
                     used: AbstractSet[int]) -> list[RawClaim]:
    """Sizes listed in brackets after a model noun: "our models (1.3B, 7B and 13B)". Only when the
    brackets hold sizes and list words alone ("models (see Table 3)" gives none)."""
    if index >= len(doc) or doc[index].text != "(":
        return []
    found: list[RawClaim] = []
    index += 1
    while index < len(doc) and doc[index].text != ")":
        if doc[index].lower_ not in _LIST_JOINS:
            number = number_ending_at(doc, index, index, engine)
            if number is None or not number.suffixed or number.value < 1e6:
                return []
            found.append(RawClaim("params", float(round(number.value)), index, index + 1))
        index += 1
    if index >= len(doc) or any(c.start in used for c in found):
        return []
    return found


# Words that may qualify a noun between a data size and it: "14.8 trillion diverse and
# high-quality tokens". A stop word other than these ("of", "the", "on") ends the walk, so a size
# of another noun ("the 7B model on the tokens") is not taken.
_QUALIFIER_JOINS = frozenset({"and", "-", "‐", ","})
_MAX_QUALIFIERS = 5
# A data size written with a magnitude and at least this large: the scale of training data, not
# of a vocabulary, a context or a batch.
_MIN_QUALIFIED_TOKENS = 1e9


def _qualified_size(doc: Doc, index: int, low: int, engine: Engine) -> Number | None:
    """The number before the words that qualify a token count ("2T high-quality web tokens")."""
    steps = 0
    while index >= low and steps <= _MAX_QUALIFIERS:
        token = doc[index]
        if token.like_num or token.lower_ in engine.rules.magnitudes:
            break
        if not (token.lower_ in _QUALIFIER_JOINS or (token.is_alpha and not token.is_stop)):
            return None
        index, steps = index - 1, steps + 1
    if steps == 0 or index < low or doc[index + 1].lower_ in _QUALIFIER_JOINS:
        return None
    number = number_ending_at(doc, index, low, engine)
    if number is None or not number.suffixed or number.value < _MIN_QUALIFIED_TOKENS:
        return None
    return number


def _bare_flop(sentence: Sentence, claims: Sequence[RawClaim], used: AbstractSet[int]) -> Taken:
    """ "3.1×10^23" with no unit, in a sentence that speaks of FLOPs: a FLOP amount (outside
    ``claims``, with a number no claim took)."""
    doc, low, engine = sentence.doc, sentence.first, sentence.engine
    if not any(m.kind is Kind.UNIT and m.rule in engine.flop_units for m in sentence.matches):
        return NOTHING
    taken = {i for c in claims for i in range(c.start, c.end)}
    found: list[RawClaim] = []
    numbers: set[int] = set()
    for index in sentence.tokens:
        if index in taken or not doc[index].like_num or not engine.numbers.token_pattern.match(
                doc[index].text):
            continue
        number = number_ending_at(doc, index, low, engine)
        if (number is not None and number.start not in used and number.start not in numbers
                and number.value >= 1e12):
            numbers.add(number.start)
            found.append(RawClaim("flop", number.value, number.start, index + 1))
    return Taken(tuple(found), frozenset(numbers))


def _model_sizes(sentence: Sentence, claims: Sequence[RawClaim], used: AbstractSet[int]) -> Taken:
    """ "Mistral 7B", "Qwen2.5-7b": sizes in model names, once every unit has taken its number."""
    sizes = [m for m in sentence.matches if m.kind is Kind.MODEL_SIZE]
    if not sizes:
        return NOTHING
    taken = {i for c in claims for i in range(c.start, c.end)}
    found: list[RawClaim] = []
    numbers: set[int] = set()
    for match in sizes:
        if match.start in used or match.start in numbers or match.start in taken:
            continue
        claim = model_size_claim(sentence.doc, sentence.first, match,
                                 sentence.engine.rules.model_sizes)
        if claim is not None:
            numbers.add(match.start)
            found.append(claim)
    return Taken(tuple(found), frozenset(numbers))
