"""Counting in a sentence: the number before a noun, and the compositions that multiply or
replace it ("4 nodes, each with 8 GPUs" = 32, "each of the 4 nodes has 8 GPUs" = 32, "six
hosts, one per L4 GPU" = 6). The words are data (rules/counts.toml ``[counts]``)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from paperlint.extract.quantities import (
    TIMES_COUNT,
    TIMES_SIGNS,
    is_year,
)
from paperlint.extract.types import HARDWARE_KINDS, Kind, Match, Number

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

_RANGE_SIGNS = frozenset({"-", "–", "to", "—", "--"})


def number_ending_at(doc: Doc, index: int, low: int, engine: Engine) -> Number | None:
    """The number expression whose last token is ``doc[index]`` (not before token ``low``)."""
    if index < low:
        return None
    token = doc[index]
    magnitude = engine.rules.magnitudes.get(token.lower_)
    if magnitude is not None and index - 1 >= low and doc[index - 1].like_num:
        inner = number_ending_at(doc, index - 1, low, engine)
        if inner is None:
            return None
        return Number(inner.value * magnitude, inner.start, True, inner.scientific)
    if not token.like_num:
        return None
    value = engine.numbers.parse(token.text)
    if value is None:
        return None
    start = index
    scientific = bool(engine.numbers.token_pattern.match(token.text))
    # "3.1 × 10^23" in three tokens; "10 ^ 23" when the exponent was written apart.
    if token.text.startswith("10") and scientific and index - 2 >= low:
        sign, mantissa = doc[index - 1], doc[index - 2]
        if sign.text in TIMES_SIGNS and mantissa.like_num:
            base = engine.numbers.parse(mantissa.text)
            if base is not None:
                value, start = base * value, index - 2
    elif index - 2 >= low and doc[index - 1].text == "^" and doc[index - 2].text == "10":
        value, start, scientific = 10.0**value, index - 2, True
        if start - 2 >= low and doc[start - 1].text in TIMES_SIGNS and doc[start - 2].like_num:
            base = engine.numbers.parse(doc[start - 2].text)
            if base is not None:
                value, start = base * value, start - 2
    suffixed = token.text[-1:].isalpha() and not token.text.isalpha()
    # A range ("2-3 weeks", "24 to 72 hours", "3--4 GPUs"): the upper end is the quantity, the
    # lower end is kept beside it. A falling pair ("5-3") or a pair of years is no range.
    between = (start - 3 >= low and doc[start - 1].lower_ == "and"
               and doc[start - 3].lower_ == "between")  # "between 2 and 3 days"
    if start - 2 >= low and (doc[start - 1].text in _RANGE_SIGNS or between) and (
            doc[start - 2].like_num):
        lower = engine.numbers.parse(doc[start - 2].text)
        if lower is None or not lower < value or is_year(doc[start - 2].text):
            return None
        first = start - 2
        if first - 1 >= low and doc[first - 1].lower_ in ("from", "between"):
            first -= 1
        return Number(value, first, suffixed, scientific, low=lower)
    return Number(value, start, suffixed, scientific)


def skip_name_words(doc: Doc, index: int, limit: int, engine: Engine, *, forward: bool,
                    skip: AbstractSet[int] = frozenset()) -> int:
    """The first token from ``index`` on (``forward``) or before it that is not part of a
    hardware name's surroundings: maker and brand words, form factors, memory sizes and types
    ("94GB", "(80 GB)", "HBM3"), fillers, hyphens between them, line breaks, and the ``skip``
    tokens (chip names already matched). Backward, returns ``limit - 1`` when nothing else is
    left; forward, ``limit``."""
    step = 1 if forward else -1
    position = index if forward else index - 1
    while (position < limit) if forward else (position >= limit):
        token = doc[position]
        width = _memory_width(doc, position, limit, engine, forward)
        if width:
            position += step * width
            continue
        if forward and token.lower_ in _FORWARD_STOPS:
            break  # after a name these start a count ("× 2") or another phrase ("of the")
        if position in skip or token.is_space or engine.is_name_word(token):
            position += step
            continue
        break
    return position


_FORWARD_STOPS = frozenset({*TIMES_SIGNS, "(", "of", "the"})


def _memory_width(doc: Doc, position: int, limit: int, engine: Engine, forward: bool) -> int:
    """How many tokens a memory size takes at ``position`` read in that direction: "80 GB" (2),
    "(80 GB)" (4), "(80GB HBM3)" (5); 0 when none stands there."""
    unit = engine.memory_units
    if forward:
        if doc[position].text == "(":
            end = position + 1
            while end < min(limit, position + 6) and doc[end].text != ")":
                if not (engine.is_name_word(doc[end]) or doc[end].like_num
                        or doc[end].lower_ in unit):
                    return 0
                end += 1
            return end - position + 1 if end < limit and doc[end].text == ")" else 0
        if doc[position].like_num and position + 1 < limit and doc[position + 1].lower_ in unit:
            return 2
        return 0
    if doc[position].text == ")":
        start = position - 1
        while start > max(limit - 1, position - 6) and doc[start].text != "(":
            if not (engine.is_name_word(doc[start]) or doc[start].like_num
                    or doc[start].lower_ in unit):
                return 0
            start -= 1
        return position - start + 1 if start >= limit and doc[start].text == "(" else 0
    if doc[position].lower_ in unit and position - 1 >= limit and doc[position - 1].like_num:
        return 2  # "80 GB A100": the 80 is memory, not a count
    return 0


def count_before(doc: Doc, index: int, low: int, engine: Engine,
                 skip: AbstractSet[int]) -> Number | None:
    """A count ending just before token ``index``, skipping what may stand between a count and
    a chip's name (:func:`skip_name_words`) and the ``skip`` tokens (chip names)."""
    position = skip_name_words(doc, index, low, engine, forward=False, skip=skip)
    if position < low:
        return None
    glued = TIMES_COUNT.match(doc[position].text)
    if glued:
        return Number(float(glued.group(1)), position, False, False)
    number = number_ending_at(doc, position, low, engine)
    if number is not None:
        return number
    # "a single K40", "an A100", "a dual-socket Xeon" (as written: a hyphen has no spaces); "a
    # pair of L40S GPUs", whose "of" the name words skipped as a filler
    phrases = engine.rules.number_phrases
    ends = (position, position + 1) if doc[position + 1].lower_ == "of" else (position,)
    for end in ends:
        for width in (4, 3, 2, 1):
            first = end - width + 1
            if first >= low:
                words = doc[first : end + 1]
                phrase = " ".join(t.lower_ for t in words)
                if phrase not in phrases:
                    phrase = words.text.lower()
                if phrase in phrases:
                    return Number(phrases[phrase], first, False, False)
    return None


def valid_count(number: Number, engine: Engine) -> bool:
    value = number.value
    return (
        value >= 1 and value == int(value) and value <= engine.rules.max_count
        and not number.scientific
    )


def is_per_group(doc: Doc, index: int, high: int, engine: Engine) -> bool:
    words = " ".join(t.lower_ for t in doc[index : min(high, index + 2)])
    return any(words.startswith(p.lower()) for p in engine.rules.per_group)


# How far before a device count its group count may stand ("4 nodes, and each node has 8 GPUs").
_GROUP_WINDOW = 10
# A group noun after these is the "each node" of a per-group phrase, not the group count's noun.
_DISTRIBUTIVE = frozenset({"each", "every", "per"})


def group_count_before(
    doc: Doc, index: int, low: int, engine: Engine
) -> tuple[float, int, bool] | None:
    """ "4 nodes with" / "one machine with" just before a device count: (4, first token, whether
    the words between say the count is per group: "4 nodes, each with 8 GPUs", "16 nodes of 8
    GPUs", "4 nodes, and each node has 8 GPUs", "each of the 4 nodes has 8 GPUs"; plain "4 nodes
    with 8 GPUs" may be 8 in all, so it is not multiplied)."""
    for position in range(index - 1, max(low, index - _GROUP_WINDOW) - 1, -1):
        if doc[position].lower_ not in engine.group_words:
            continue
        if position > low and doc[position - 1].lower_ in _DISTRIBUTIVE:
            continue  # "each node has 8 GPUs": look further back for "4 nodes"
        number = count_before(doc, position, low, engine, set())
        if number is None or not valid_count(number, engine):
            return None
        between = " ".join("{group}" if t.lower_ in engine.group_words else t.lower_
                           for t in doc[position + 1 : index] if not t.is_punct)
        per_group = between in engine.per_group_before or (
            between in engine.per_group_verbs and _each_of_before(doc, number.start, low, engine))
        return number.value, number.start, per_group
    return None


def _each_of_before(doc: Doc, index: int, low: int, engine: Engine) -> bool:
    """True when "each of (the)" stands right before token ``index``."""
    words = " ".join(t.lower_ for t in doc[max(low, index - 3) : index])
    return any(words.endswith(phrase) for phrase in engine.each_of)


def one_per_group(doc: Doc, head: int, low: int, engine: Engine,
                   hw_tokens: AbstractSet[int]) -> tuple[float, int] | None:
    """ "six hosts, one per L4 GPU": (6, first token) for the device noun at ``head``."""
    position = skip_name_words(doc, head, low, engine, forward=False, skip=hw_tokens)
    for phrase in engine.one_device_per:
        width = len(phrase.split())
        first = position - width + 1
        if first < low or " ".join(t.lower_ for t in doc[first : position + 1]) != phrase:
            continue
        group = first - 1
        while group >= low and doc[group].is_punct:
            group -= 1
        if group >= low and doc[group].lower_ in engine.group_words:
            number = count_before(doc, group, low, engine, set())
            if number is not None and valid_count(number, engine):
                return number.value, number.start
    return None


def group_counts(doc: Doc, first: int, matches: list[Match], engine: Engine) -> list[float]:
    """The group counts ("16 nodes") among ``matches`` of the sentence starting at ``first``; a
    group noun after "each"/"every"/"per" is a per-group phrase, not a count."""
    counts = []
    for match in matches:
        if match.kind is not Kind.GROUP or (match.start > first
                                    and doc[match.start - 1].lower_ in _DISTRIBUTIVE):
            continue
        number = count_before(doc, match.start, first, engine, set())
        if number is not None and valid_count(number, engine):
            counts.append(number.value)
    return counts


def per_group_sentence(doc: Doc, first: int, matches: list[Match]) -> bool:
    """True when the sentence gives a count per group: "each node has 8 GPUs", "8 GPUs per
    node", "with 8 GPUs each" (the per-group words right after a device noun or chip name, so
    that "Each run used 8 GPUs" is not one)."""
    device_ends = {m.end for m in matches if m.kind in (Kind.DEVICE, Kind.HARDWARE)}
    return any((match.kind is Kind.PER and match.start in device_ends)
               or (match.kind is Kind.GROUP and match.start > first
                   and doc[match.start - 1].lower_ in _DISTRIBUTIVE)
               for match in matches)


def groups_of_previous_sentence(doc: Doc, first: int, matches: list[Match], engine: Engine
                                ) -> float | None:
    """The one group count of the previous sentence ("We train on 16 nodes.") that a per-group
    count in the next one multiplies ("Each node has 8 A100 GPUs." = 128): None when that sentence
    names a device or chip itself, or gives no group count, or several different ones."""
    if any(m.kind in HARDWARE_KINDS for m in matches):
        return None
    counts = set(group_counts(doc, first, matches, engine))
    value = counts.pop() if len(counts) == 1 else None
    return value if value is not None and value >= 2 else None
