"""Typed claims from one sentence: the shapes "number unit", "number [fillers] chip", "chip", ...
(the counting itself, and the compositions across a clause, are in :mod:`counting`)

The phrase matches come from :mod:`engine` (data from rules/ and the catalogue); this module knows
the few shapes that turn matches and numbers into claims, and the compositions authors write:
"4 nodes with 8 GPUs each" (32), "32 8xH100 nodes" (256), "2 DGX-2" (32 V100), "TPU v3-512"
(256 chips), "1,000 H100 hours" (chip-hours), "3.5 hours per epoch, 100 epochs" (350 h).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from paperlint.extract.counting import number_ending_at
from paperlint.extract.durations import (
    compound_durations,
    duration_number,
    follows_duration,
    per_epoch,
)
from paperlint.extract.mentions import (
    device_count,
    hardware_claims,
    slice_claims,
    system_claims,
)
from paperlint.extract.model_sizes import model_size_claim
from paperlint.extract.models import model_code_claims
from paperlint.extract.quantities import TOKEN_NUMBER_RE, is_year
from paperlint.extract.types import Kind, Match, Number, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine
    from paperlint.extract.sentence import Sentence


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
    used_numbers: set[int] = set()
    # Chip-time units first: in "9,900 TPUv3 core-days" the number is the chip-time's, not a
    # count of the chips the mention before the unit names.
    units = engine.rules.units
    chip_time = [m.kind is Kind.UNIT and units[m.rule].claim == "chip_hours" for m in quantity]
    for match, first in zip(quantity, chip_time, strict=True):
        if first:
            before = len(claims)
            _unit_claim(doc, start, match, engine, hardware_at, claims, used_numbers)
            if len(claims) == before:
                _row_label_values(doc, end, match, engine, claims, used_numbers)
    for match, done in zip(quantity, chip_time, strict=True):
        kind = match.kind
        if done:
            continue
        if kind is Kind.UNIT:
            _unit_claim(doc, start, match, engine, hardware_at, claims, used_numbers)
        elif kind is Kind.PRECISION:
            claims.append(RawClaim("precision", match.id, match.start, match.end))
        elif kind is Kind.HARDWARE and match.end - 1 in hardware_at:
            hardware_claims(doc, start, end, match, engine, hw_tokens, claims, used_numbers)
        elif kind is Kind.SYSTEM and match.end - 1 in hardware_at:
            system_claims(doc, start, match, engine, claims, used_numbers)
        elif kind is Kind.DEVICE:
            device_count(doc, start, end, match, engine, hw_tokens, claims, used_numbers)
        elif kind is Kind.SLICE:
            slice_claims(doc, start, end, match, engine, claims, used_numbers)
    _bare_flop(doc, start, end, matches, engine, claims, used_numbers)
    _model_sizes(doc, start, matches, engine, claims, used_numbers)
    claims.sort(key=lambda c: (c.start, c.type))
    claims = compound_durations(doc, end, claims)
    per_epoch(doc, start, end, claims, engine)
    return claims


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


def _row_label_values(doc: Doc, end: int, match: Match, engine: Engine,
                      claims: list[RawClaim], used: set[int]) -> None:
    """A chip-time unit that labels a table row, its numbers after it ("TPU-days 2.5k 0.7k 0.2k"
    as a PDF gives a table's row): one chip-time claim per number. Three numbers at least, or
    two that end the sentence, so that a unit in running text takes no number that follows it
    (a PDF row runs on into the next line's words)."""
    unit = engine.rules.units[match.rule]
    index, numbers = match.end, []
    while index < end and not doc[index].is_punct:
        value = engine.numbers.parse(doc[index].text)
        if value is None or not doc[index].text[:1].isdigit():
            break
        numbers.append((index, value))
        index += 1
    if len(numbers) < 2 or (len(numbers) == 2 and index < end and not doc[index].is_punct):
        return
    for position, value in numbers:
        if position not in used:
            used.add(position)
            claims.append(RawClaim("chip_hours", value * unit.factor, position, position + 1))


def _unit_claim(doc: Doc, low: int, match: Match, engine: Engine, hardware_at: dict[int, Match],
                claims: list[RawClaim], used: set[int]) -> None:
    unit = engine.rules.units[match.rule]
    before = match.start - 1
    if before >= low and doc[before].text in ("-", "‐"):
        before -= 1
    hardware = hardware_at.get(before)
    if hardware is not None and unit.claim in ("duration", "chip_hours"):
        # "1,000 H100 hours", "2,048 TPUv4 chip-days", "500 H800-hours": chip-time of that chip.
        number = number_ending_at(doc, hardware.start - 1, low, engine)
        if number is not None and number.start not in used:
            used.add(number.start)
            value = number.value * unit.factor
            claims.append(RawClaim("chip_hours", value, number.start, match.end))
        return
    number = number_ending_at(doc, before, low, engine)
    if number is None and unit.claim == "duration":
        number = duration_number(doc, before, low, engine)  # "a day", "three and a half days"
    if number is None and unit.claim == "tokens":
        number = _qualified_size(doc, before, low, engine)
    if number is None and unit.suffixed_only and unit.claim == "params":
        claims.extend(_bracketed_sizes(doc, match.end, engine, used))
        return
    if number is None or number.start in used:
        return
    if unit.suffixed_only and not number.suffixed:
        return
    if unit.claim == "duration" and is_year(doc[before].text):
        return
    if unit.compound_only and not follows_duration(claims, number.start):
        return
    used.add(number.start)
    value = number.value * unit.factor
    if unit.claim in ("params", "tokens") and value < float("inf"):  # inf: PL006 drops it
        value = round(value)
    low_value = number.low * unit.factor if number.low is not None else None
    claims.append(RawClaim(unit.claim, value, number.start, match.end, low=low_value))


_LIST_JOINS = frozenset({",", "and", "or", "&"})


def _bracketed_sizes(doc: Doc, index: int, engine: Engine, used: set[int]) -> list[RawClaim]:
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
    used.update(c.start for c in found)
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


def _bare_flop(doc: Doc, low: int, high: int, matches: Sequence[Match], engine: Engine,
               claims: list[RawClaim], used: set[int]) -> None:
    """ "3.1×10^23" with no unit, in a sentence that speaks of FLOPs: a FLOP amount."""
    if not any(m.kind is Kind.UNIT and m.rule in engine.flop_units for m in matches):
        return
    taken = {i for c in claims for i in range(c.start, c.end)}
    for index in range(low, high):
        if index in taken or not doc[index].like_num or not TOKEN_NUMBER_RE.match(doc[index].text):
            continue
        number = number_ending_at(doc, index, low, engine)
        if number is not None and number.start not in used and number.value >= 1e12:
            used.add(number.start)
            claims.append(RawClaim("flop", number.value, number.start, index + 1))


def _model_sizes(doc: Doc, low: int, matches: Sequence[Match], engine: Engine,
                 claims: list[RawClaim], used: set[int]) -> None:
    """ "Mistral 7B", "Qwen2.5-7b": sizes in model names, once every unit has taken its number."""
    sizes = [m for m in matches if m.kind is Kind.MODEL_SIZE]
    if not sizes:
        return
    taken = {i for c in claims for i in range(c.start, c.end)}
    for match in sizes:
        if match.start in used or match.start in taken:
            continue
        claim = model_size_claim(doc, low, match, engine.rules.model_sizes)
        if claim is not None:
            used.add(match.start)
            claims.append(claim)
