"""Hardware mentions, each parsed as a whole:

    [count] [x | × | "of"] [vendor/brand] model [variant] [memory] [form factor] [noun] [× count]

"16 NVIDIA H100 94GB NVL cards", "4 x Quadro RTX 8000 48GB", "2xH100-SXM5-80GB", "a single 24GB
GPU", "GTX TITAN X × 2", "8\\nNVIDIA A100 GPUs" (a count at the end of a PDF line), "TPU v3-512"
(a slice: 256 chips), "2 DGX-2" (32 V100s), "32 8xH100 nodes" (256). The count is linked to its
chip inside the mention, never by adjacency after the fact, so whatever the grammar allows between
them (makers, memory, packages, line breaks) cannot lose it.

The words come from data only: makers, brands, form factors and memory from the catalogue's
``[vocabulary]``; device and group nouns, per-group words and fillers from rules/counts.toml. A
new accelerator or package is a data change.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperlint.extract.counting import (
    count_before,
    group_count_before,
    is_per_group,
    number_ending_at,
    one_per_group,
    skip_name_words,
    valid_count,
)
from paperlint.extract.quantities import TIMES_COUNT, TIMES_SIGNS, is_year
from paperlint.extract.sentence import NOTHING, Sentence, Taken
from paperlint.extract.types import Match, Number, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

_YEAR_PREPOSITIONS = frozenset({"in", "since", "until", "by", "from", "of", "after", "before"})
_HYPHENS = frozenset({"-", "‐"})


@dataclass(frozen=True)
class Tail:
    """What follows a chip's name inside its mention."""

    end: int  # the token after the mention's last token
    noun: str | None  # "device" ("GPUs"), "group" ("nodes"), "unit" ("hours") or None
    count: Number | None = None  # a count written after the name: "TITAN X × 2", "V100 (x8)"


def tail(doc: Doc, after: int, high: int, engine: Engine) -> Tail:
    """Read what follows a chip's name ending at ``after``: variant words, memory, packages, then
    the noun or a count written after it."""
    position = skip_name_words(doc, after, high, engine, forward=True)
    if position < high:
        word = doc[position].lower_
        if word in engine.group_words:
            return Tail(position + 1, "group")
        following = doc[position + 1].lower_ if position + 1 < high else ""
        if following in _HYPHENS and position + 2 < high:
            following = doc[position + 2].lower_
        if word in engine.time_unit_words or (
                following in engine.time_unit_words and (
                    word in _HYPHENS or word in engine.device_words)):
            return Tail(position, "unit")  # "H100 hours", "H800-hours", "TPUv4 chip-days"
        if word in engine.device_words:
            return Tail(position + 1, "device")
        counted = _count_after(doc, position, high, engine)
        if counted is not None:
            return counted
    return Tail(after, None)


def _count_after(doc: Doc, position: int, high: int, engine: Engine) -> Tail | None:
    """ "× 2", "x 8 GPUs", "(x8)", "(8x)" right after a chip's name: the count of that chip."""
    close = False
    if doc[position].text == "(" and position + 1 < high:
        position, close = position + 1, True
    token = doc[position].text
    glued = (token[:1] in ("x", "×") and token[1:].isdigit()) or bool(TIMES_COUNT.match(token))
    if glued:
        value = float(token.strip("x×"))
        end = position + 1
    elif token in TIMES_SIGNS and position + 1 < high and doc[position + 1].like_num:
        number = number_ending_at(doc, position + 1, position + 1, engine)
        if number is None:
            return None
        value, end = number.value, position + 2
    else:
        return None
    if close and not (end < high and doc[end].text == ")"):
        return None
    if close:
        end += 1
    elif end < high and doc[end].lower_ in engine.device_words:
        end += 1  # "× 2 GPUs", "× 2GPU"
    number = Number(value, position, False, False)
    return Tail(end, "device", number) if valid_count(number, engine) else None


def hardware_claims(sentence: Sentence, match: Match, hw_tokens: AbstractSet[int],
                    used: AbstractSet[int]) -> Taken:
    """The hardware claim of a chip's name, and the chip count its mention gives (``used``: the
    numbers other claims of the sentence took)."""
    doc, low, high, engine = sentence.doc, sentence.first, sentence.last, sentence.engine
    chip = RawClaim("hardware", match.id, match.start, match.end)
    after = match.end
    # "TPU v3-512", "v6e-8": a Cloud TPU slice; its size counts cores for some generations,
    # chips for others (the catalogue's cores_per_chip), so the catalogue reads the whole name.
    if after + 1 < high and doc[after].text in _HYPHENS and doc[after + 1].like_num:
        alias = doc[match.start : match.end].text
        system = engine.catalogue.lookup_system(f"{alias}-{doc[after + 1].text}")
        if system is not None:
            return _sliced(sentence, chip, system.chips, after + 1, hw_tokens)
    if match.id in engine.host_ids:
        # "Intel Xeon Gold 6248", "AMD EPYC 7763": the model is part of the name
        after = _cpu_model_end(doc, after, high, engine)
        chip = RawClaim("hardware", match.id, match.start, after)
    following = tail(doc, after, high, engine)
    number = count_before(doc, match.start, low, engine, hw_tokens)
    # A name that is itself a group ("a Cloud TPU Pod") is counted like "8 H100 nodes"; "a
    # dual-socket Xeon server" counts its sockets, the CPUs.
    sockets = number is not None and any(
        doc[i].lower_ in engine.rules.host_parts for i in range(number.start, match.start))
    if (following.noun == "group" or doc[match.end - 1].lower_ in engine.group_words) and (
            not sockets):
        # "8 H100 nodes" counts nodes, not chips; "32 8xH100 nodes" has 8 chips per node.
        sign = doc[match.start - 1].text if match.start - 1 >= low else ""
        times = sign in TIMES_SIGNS or bool(TIMES_COUNT.match(sign))
        if number is None or not times or not valid_count(number, engine):
            return Taken((chip,))
        nodes = count_before(doc, number.start, low, engine, set())
        total = number.value * (nodes.value if nodes and valid_count(nodes, engine) else 1.0)
        first = nodes.start if nodes and valid_count(nodes, engine) else number.start
        if number.start in used:
            return Taken((chip,))
        numbers = {number.start} | ({nodes.start} if nodes else set())
        return Taken((chip, RawClaim("chip_count", total, first, following.end)),
                     frozenset(numbers))
    if following.noun == "unit":
        return Taken((chip,))  # "5,000 H100 hours" is chip-time, read with the unit
    if following.count is not None and number is None:
        if following.count.start in used:
            return Taken((chip,))
        return Taken((chip, RawClaim("chip_count", following.count.value, match.start,
                                     following.end)), frozenset({following.count.start}))
    count = add_count(sentence, number, match.start, following.end, used, hw_tokens)
    return Taken((chip, *count.claims), count.numbers)


def _cpu_model_end(doc: Doc, after: int, high: int, engine: Engine) -> int:
    """The end of a CPU's model words after its family's name ending at ``after``: tiers and
    part numbers ("Gold 6248", "E5-2680 v4", "i9-13900K"), never a clock or a core count."""
    vocabulary = engine.catalogue.vocabulary
    stops = vocabulary.cpu_stops | engine.memory_units  # "16 cores", "2.45 GHz", "256 GB"
    end = after
    while end < high and end - after < 5:
        word = doc[end].text
        glued = end > after or not doc[end - 1].whitespace_  # "i9-13900K"
        if word in _HYPHENS and glued and end + 1 < high and (
                vocabulary.is_cpu_model_part(doc[end + 1].text)):
            end += 1
            continue
        suffix = end > after and not doc[end - 1].whitespace_ and doc[end].is_upper and (
            doc[end].is_alpha and len(word) <= 3)  # "13900K" read as "13900" and "K"
        following = doc[end + 1].lower_ if end + 1 < high else ""
        if following in _HYPHENS and end + 2 < high:
            following = doc[end + 2].lower_  # "7543 32-Core"
        if not (vocabulary.is_cpu_model_part(word) or suffix) or following in stops:
            break
        end += 1
    return end


def device_count(sentence: Sentence, match: Match, hw_tokens: AbstractSet[int],
                 claims: Sequence[RawClaim], used: AbstractSet[int]) -> Taken:
    """The count of a device noun ("8 GPUs", "a single 24GB GPU"), unless a chip's mention
    already took it ("8 A100 GPUs": one of ``claims``)."""
    if any(c.type == "chip_count" and c.start < match.end <= c.end for c in claims):
        return NOTHING
    doc, engine = sentence.doc, sentence.engine
    number = count_before(doc, match.start, sentence.first, engine, hw_tokens)
    noun = doc[match.start : match.end].text.lower()
    if number is not None and noun in engine.explicit_only and not doc[number.start].like_num:
        return NOTHING  # "a device" is seldom an accelerator; "8 devices" in a compute sentence is
    return add_count(sentence, number, match.start, match.end, used, hw_tokens)


def add_count(sentence: Sentence, number: Number | None, head: int, end: int,
              used: AbstractSet[int], hw_tokens: AbstractSet[int] = frozenset()) -> Taken:
    """A chip count for the mention whose name or noun starts at ``head`` and ends at ``end``,
    with the node counts that multiply it ("4 nodes with 8 GPUs each")."""
    doc, low, high, engine = sentence.doc, sentence.first, sentence.last, sentence.engine
    if number is None:
        groups = one_per_group(doc, head, low, engine, hw_tokens)
        if groups is not None and groups[1] not in used:
            return Taken((RawClaim("chip_count", groups[0], groups[1], end),),
                         frozenset({groups[1]}))
        return NOTHING
    if number.start in used or not valid_count(number, engine):
        return NOTHING
    # A year-like number counts only right before the noun or before a chip name and its noun
    # ("1536 NVIDIA H800 GPUs"); "in 2020 NVIDIA GPUs ..." is a year.
    between = range(number.start + 1, head)
    named = all(i in hw_tokens or engine.is_name_word(doc[i]) for i in between) and any(
        i in hw_tokens for i in between)
    if is_year(doc[number.start].text) and between and not named:
        return NOTHING
    if is_year(doc[number.start].text) and number.start > low and (
            doc[number.start - 1].lower_ in _YEAR_PREPOSITIONS):
        return NOTHING  # "in 2019 GPU prices fell"
    total, first = number.value, number.start
    # "4 nodes with 8 GPUs each" / "8 GPUs per node": multiply by the node count before it.
    per_group = end < high and is_per_group(doc, end, high, engine)
    nodes = group_count_before(doc, number.start, low, engine)
    if nodes is not None and (per_group or nodes[0] == 1 or nodes[2]):
        total, first = nodes[0] * number.value, nodes[1]
    return Taken((RawClaim("chip_count", total, first, end, low=_low(number, total)),),
                 frozenset({number.start}))


def _low(number: Number, total: float) -> float | None:
    """The lower end of a count written as a range ("3-4 H200 GPUs"), scaled like the count."""
    if number.low is None or not number.value:
        return None
    return number.low * total / number.value


def system_claims(sentence: Sentence, match: Match,
                  claims: Sequence[RawClaim] = ()) -> Taken:
    """A named system ("2 DGX-2", "a p4d.24xlarge"): its chips and how many of them. In brackets
    right after its chips' mention ("1,024 Trainium chips (trn1.32xlarge instances)") it names
    the machines those chips sit in, and their count stays the mention's."""
    doc, engine = sentence.doc, sentence.engine
    system = next(s for s in engine.catalogue.systems if s.id == match.id)
    chip = RawClaim("hardware", system.hardware, match.start, match.end)
    before = match.start - 1
    if before >= sentence.first and doc[before].text == "(" and any(
            c.type in ("hardware", "chip_count") and c.end == before for c in claims) and any(
            c.type == "hardware" and c.value == system.hardware for c in claims):
        return Taken((chip,))
    number = count_before(doc, match.start, sentence.first, engine, set())
    count = number.value if number is not None and valid_count(number, engine) else 1.0
    first = number.start if number is not None and valid_count(number, engine) else match.start
    return Taken((chip, RawClaim("chip_count", count * system.chips, first, match.end)),
                 frozenset() if number is None else frozenset({number.start}))


def slice_claims(sentence: Sentence, match: Match, claims: Sequence[RawClaim],
                 used: AbstractSet[int] = frozenset()) -> Taken:
    """ "v4-2048", "v2-32", "2 v3-8 slices": a Cloud TPU slice named by its generation alone
    (unless it is part of a name one of ``claims`` already read)."""
    doc, high, engine = sentence.doc, sentence.last, sentence.engine
    after = match.end
    if any(c.start <= match.start < c.end for c in claims):
        return NOTHING  # part of a name already read ("TPU v3-512")
    if after < high and doc[after].lower_ in engine.rules.generation_nouns:
        # "each v4 pod", "256 v5p chips": the chip, and the count of a device noun after it
        chip = RawClaim("hardware", match.id, match.start, after)
        if doc[after].lower_ not in engine.device_words:
            return Taken((chip,))  # a pod's or a slice's size is not written
        count = add_count(sentence, count_before(doc, match.start, sentence.first, engine,
                                                 set()), match.start, after + 1, used)
        return Taken((chip, *count.claims), count.numbers)
    if not (after + 1 < high and doc[after].text in _HYPHENS and doc[after + 1].like_num):
        return NOTHING
    system = engine.catalogue.lookup_system(f"{doc[match.start].text}-{doc[after + 1].text}")
    if system is None:
        return NOTHING
    chip = RawClaim("hardware", system.hardware, match.start, after + 2)
    return _sliced(sentence, chip, system.chips, after + 1, set())


def _sliced(sentence: Sentence, chip: RawClaim, chips: float, size: int,
            hw_tokens: AbstractSet[int]) -> Taken:
    """``chip`` and its count for a slice name whose size is token ``size`` ("TPU v3-8",
    "v4-2048"), times a count of slices before it ("2 v3-8 slices"). The slice's size is the
    name's, never a count of the noun after it ("v2-8 devices")."""
    doc, engine = sentence.doc, sentence.engine
    number = count_before(doc, chip.start, sentence.first, engine, hw_tokens)
    counted = number is not None and valid_count(number, engine)
    slices = number.value if number is not None and counted else 1.0
    first = number.start if number is not None and counted else chip.start
    taken = frozenset({size} | (set() if number is None else {number.start}))
    return Taken((chip, RawClaim("chip_count", slices * chips, first, size + 1)), taken)


def anaphoric_counts(sentence: Sentence, claims: Sequence[RawClaim],
                     used: AbstractSet[int]) -> Taken:
    """ "our model was trained on 64 of them", "another 10 hours on 32 of them": a count of the
    chips the sentence named just before, read as that chip and its count (both from the words
    "64 of them"), so a clause of its own carries its hardware. Not when a plural noun between
    them is what "them" means ("100 epochs ... we ran 3 of them")."""
    doc, low, high, engine = sentence.doc, sentence.first, sentence.last, sentence.engine
    chips = [c for c in claims if c.type == "hardware"]
    if not chips:
        return NOTHING
    words = engine.rules.grouping  # rules/grouping.toml: anaphors, not_antecedents
    others = words.not_antecedents | {w for w in words.run_nouns if w.endswith("s")}
    found: list[RawClaim] = []
    numbers: set[int] = set()
    for index in range(low + 1, high - 1):
        if doc[index].lower_ != "of" or doc[index + 1].lower_ not in words.anaphors:
            continue
        number = number_ending_at(doc, index - 1, low, engine)
        if number is None or number.start in used or not valid_count(number, engine):
            continue
        before = [c for c in chips if c.end <= number.start]
        if not before or any(doc[i].lower_ in others
                             for i in range(before[-1].end, number.start)):
            continue
        found += [RawClaim("hardware", before[-1].value, number.start, index + 2),
                  RawClaim("chip_count", number.value, number.start, index + 2)]
        numbers.add(number.start)
    return Taken(tuple(found), frozenset(numbers))
