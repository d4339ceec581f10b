"""Typed claims from one sentence: the shapes "number unit", "number [fillers] chip", "chip", ...
(the counting itself, and the compositions across a clause, are in :mod:`counting`)

The phrase matches come from :mod:`engine` (data from rules/ and the catalogue); this module knows
the few shapes that turn matches and numbers into claims, and the compositions authors write:
"4 nodes with 8 GPUs each" (32), "32 8xH100 nodes" (256), "2 DGX-2" (32 V100), "TPU v3-512"
(256 chips), "1,000 H100 hours" (chip-hours), "3.5 hours per epoch, 100 epochs" (350 h).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from paperlint.extract.counting import (
    count_before,
    group_count_before,
    is_per_group,
    number_ending_at,
    one_per_group,
    valid_count,
)
from paperlint.extract.model_sizes import model_size_claim
from paperlint.extract.quantities import TIMES_COUNT, TIMES_SIGNS, TOKEN_NUMBER_RE, is_year
from paperlint.extract.types import Kind, Match, Number, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

_YEAR_PREPOSITIONS = frozenset({"in", "since", "until", "by", "from", "of", "after", "before"})


def sentence_claims(
    doc: Doc, start: int, end: int, matches: list[Match], engine: Engine
) -> list[RawClaim]:
    """Every claim in the sentence ``doc[start:end]`` given the phrase matches inside it."""
    claims: list[RawClaim] = []
    hardware_at: dict[int, Match] = {}  # last token index of a hardware match -> match
    hw_tokens: set[int] = set()
    kinds = (Kind.UNIT, Kind.DEVICE, Kind.GROUP, Kind.HARDWARE, Kind.SYSTEM, Kind.PRECISION)
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
        from paperlint.extract.models import model_code_claims

        claims.extend(model_code_claims(doc, start, end, words, engine, hw_tokens))
    used_numbers: set[int] = set()
    for match in quantity:
        kind = match.kind
        if kind is Kind.UNIT:
            _unit_claim(doc, start, match, engine, hardware_at, claims, used_numbers)
        elif kind is Kind.PRECISION:
            claims.append(RawClaim("precision", match.id, match.start, match.end))
        elif kind is Kind.HARDWARE and match.end - 1 in hardware_at:
            _hardware_claims(doc, start, end, match, engine, hw_tokens, claims, used_numbers)
        elif kind is Kind.SYSTEM and match.end - 1 in hardware_at:
            _system_claims(doc, start, match, engine, claims, used_numbers)
        elif kind is Kind.DEVICE:
            _device_count(doc, start, end, match, engine, hw_tokens, claims, used_numbers)
    _bare_flop(doc, start, end, matches, engine, claims, used_numbers)
    _model_sizes(doc, start, matches, engine, claims, used_numbers)
    _per_epoch(doc, end, claims, engine)
    claims.sort(key=lambda c: (c.start, c.type))
    return claims


def _longest_first(matches: list[Match]) -> list[Match]:
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


def _vetoed(matches: list[Match], engine: Engine) -> set[int]:
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
    if number is None and unit.claim == "duration" and before >= low and doc[before].lower_ in (
        "a", "an"
    ):
        number = Number(1.0, before, False, False)  # "about a day" ("one day" is a number word)
    if number is None or number.start in used:
        return
    if unit.suffixed_only and not number.suffixed:
        return
    if unit.claim == "duration" and is_year(doc[before].text):
        return
    used.add(number.start)
    value = number.value * unit.factor
    if unit.claim in ("params", "tokens"):
        value = round(value)
    claims.append(RawClaim(unit.claim, value, number.start, match.end))


def _hardware_claims(doc: Doc, low: int, high: int, match: Match, engine: Engine,
                     hw_tokens: set[int], claims: list[RawClaim], used: set[int]) -> None:
    entry_id = match.id
    claims.append(RawClaim("hardware", entry_id, match.start, match.end))
    after = match.end
    # "TPU v3-512": a Cloud TPU slice; its size counts cores, the catalogue knows cores per chip.
    if after + 1 < high and doc[after].text == "-" and doc[after + 1].like_num:
        alias = doc[match.start : match.end].text
        system = engine.catalogue.lookup_system(f"{alias}-{doc[after + 1].text}")
        if system is not None:
            claims.append(RawClaim("chip_count", float(system.chips), match.start, after + 2))
            return
    following = _next_label(doc, after, high, engine)
    number = count_before(doc, match.start, low, engine, hw_tokens)
    if following == "GRP":
        # "8 H100 nodes" counts nodes, not chips; "32 8xH100 nodes" has 8 chips per node.
        sign = doc[match.start - 1].text if match.start - 1 >= low else ""
        times = sign in TIMES_SIGNS or bool(TIMES_COUNT.match(sign))
        if number is None or not times or not valid_count(number, engine):
            return
        nodes = count_before(doc, number.start, low, engine, set())
        total = number.value * (nodes.value if nodes and valid_count(nodes, engine) else 1.0)
        first = nodes.start if nodes and valid_count(nodes, engine) else number.start
        if number.start not in used:
            used.add(number.start)
            if nodes:
                used.add(nodes.start)
            claims.append(RawClaim("chip_count", total, first, after + 1))
        return
    if following == "DEV":
        return  # the device noun after it ("8 A100 GPUs") makes the count
    if following == "UNIT":
        return  # "5,000 H100 hours" is chip-time, read with the unit
    _add_count(doc, low, high, number, match.start, after, engine, claims, used, hw_tokens)


def _next_label(doc: Doc, index: int, high: int, engine: Engine) -> str | None:
    """ "GRP", "DEV" or "UNIT" when the next token is a group or device noun or a time unit."""
    if index >= high:
        return None
    word = doc[index].lower_
    if word in engine.group_words:
        return "GRP"
    if word in engine.device_words:
        return "DEV"
    if word in ("-", "‐") and index + 1 < high:
        word = doc[index + 1].lower_
    return "UNIT" if word in engine.time_unit_words else None


def _device_count(doc: Doc, low: int, high: int, match: Match, engine: Engine,
                  hw_tokens: set[int], claims: list[RawClaim], used: set[int]) -> None:
    number = count_before(doc, match.start, low, engine, hw_tokens)
    noun = doc[match.start : match.end].text.lower()
    if number is not None and noun in engine.explicit_only and not doc[number.start].like_num:
        return  # "a device" is seldom an accelerator; "8 devices" in a compute sentence is
    _add_count(doc, low, high, number, match.start, match.end, engine, claims, used, hw_tokens)


def _add_count(doc: Doc, low: int, high: int, number: Number | None, head: int, end: int,
               engine: Engine, claims: list[RawClaim], used: set[int],
               hw_tokens: frozenset[int] | set[int] = frozenset()) -> None:
    if number is None:
        groups = one_per_group(doc, head, low, engine, hw_tokens)
        if groups is not None and groups[1] not in used:
            used.add(groups[1])
            claims.append(RawClaim("chip_count", groups[0], groups[1], end))
        return
    if number.start in used or not valid_count(number, engine):
        return
    # A year-like number counts only right before the noun or before a chip name and its noun
    # ("1536 NVIDIA H800 GPUs"); "in 2020 NVIDIA GPUs ..." is a year.
    between = range(number.start + 1, head)
    named = all(i in hw_tokens or doc[i].text in engine.fillers for i in between) and any(
        i in hw_tokens for i in between)
    if is_year(doc[number.start].text) and between and not named:
        return
    if is_year(doc[number.start].text) and number.start > low and (
            doc[number.start - 1].lower_ in _YEAR_PREPOSITIONS):
        return  # "in 2019 GPU prices fell"
    used.add(number.start)
    total, first = number.value, number.start
    # "4 nodes with 8 GPUs each" / "8 GPUs per node": multiply by the node count before it.
    per_group = end < high and is_per_group(doc, end, high, engine)
    nodes = group_count_before(doc, number.start, low, engine)
    if nodes is not None and (per_group or nodes[0] == 1 or nodes[2]):
        total, first = nodes[0] * number.value, nodes[1]
    claims.append(RawClaim("chip_count", total, first, end))


def _system_claims(doc: Doc, low: int, match: Match, engine: Engine,
                   claims: list[RawClaim], used: set[int]) -> None:
    system_id = match.id
    system = next(s for s in engine.catalogue.systems if s.id == system_id)
    claims.append(RawClaim("hardware", system.hardware, match.start, match.end))
    number = count_before(doc, match.start, low, engine, set())
    count = number.value if number is not None and valid_count(number, engine) else 1.0
    first = number.start if number is not None and valid_count(number, engine) else match.start
    if number is not None:
        used.add(number.start)
    claims.append(RawClaim("chip_count", count * system.chips, first, match.end))


def _bare_flop(doc: Doc, low: int, high: int, matches: list[Match], engine: Engine,
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


def _model_sizes(doc: Doc, low: int, matches: list[Match], engine: Engine,
                 claims: list[RawClaim], used: set[int]) -> None:
    """ "Mistral 7B", "Qwen2.5-7b": sizes in model names, once every unit has taken its number."""
    sizes = [m for m in matches if m.kind is Kind.MODEL_SIZE]
    if not sizes:
        return
    taken = {i for c in claims for i in range(c.start, c.end)}
    for match in sizes:
        if match.start in used or match.start in taken:
            continue
        claim = model_size_claim(doc, low, match, engine)
        if claim is not None:
            used.add(match.start)
            claims.append(claim)


def _per_epoch(doc: Doc, high: int, claims: list[RawClaim], engine: Engine) -> None:
    """ "3.5 hours per epoch ... 100 epochs" -> 350 hours, when the sentence has one epoch count."""
    epochs: list[float] = []
    for index in range(claims[0].start if claims else high, high):
        if doc[index].lower_ == "epochs" and index > 0:
            number = number_ending_at(doc, index - 1, 0, engine)
            if number is not None:
                epochs.append(number.value)
    for claim in claims:
        if claim.type != "duration" or claim.end + 1 >= high:
            continue
        per_epoch = doc[claim.end].lower_ == "per" and doc[claim.end + 1].lower_ == "epoch"
        if per_epoch and len(set(epochs)) == 1 and isinstance(claim.value, float):
            claim.value = claim.value * epochs[0]
            claim.per_epoch_resolved = True
