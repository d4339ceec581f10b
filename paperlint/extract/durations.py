"""Durations as people write them: "about a day", "three and a half days", "an hour and a half",
compounds ("5 hours and 15 minutes", "2 days, 6 hours", "1h45m", "3 h 20 min"), ranges ("2-3
weeks", "24 to 72 hours": the upper end, with the lower kept; see :mod:`counting`), and time per
epoch times the epochs, in either order ("3.5 hours per epoch for 100 epochs", "every epoch lasts
12 minutes and we run 90 of them", "40 epochs of 25 min each").

The units themselves (siunitx's "d", "wk" and "s" included) are data in rules/durations.toml.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from paperlint.extract.counting import number_ending_at
from paperlint.extract.types import Number, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

# Words that join the parts of a compound duration ("5 hours and 15 minutes", "2 days, 6 h").
_JOINERS = frozenset({"and", ",", "plus"})
_HALF = ("and", "a", "half")
# How far before a duration the word "epoch" may stand for it to be the time of one epoch
# ("every epoch lasts 12 minutes", "one epoch takes about 7 minutes").
_EPOCH_BEFORE = 5
# Units that after "a" are an ordinal ("a second model"), never one unit of time.
_ORDINAL_UNITS = frozenset({"second", "sec"})


def duration_number(doc: Doc, before: int, low: int, engine: Engine) -> Number | None:
    """A duration's number that is not a plain numeral, ending at token ``before``: "a" or "an"
    ("about a day"), "half a" ("half a day"), "three and a half" (3.5)."""
    if before < low:
        return None
    word = doc[before].lower_
    if word in ("a", "an") and doc[before + 1].lower_ not in _ORDINAL_UNITS:
        if before - 1 >= low and doc[before - 1].lower_ == "half":
            return Number(0.5, before - 1, False, False)
        return Number(1.0, before, False, False)
    if word == "half" and before - 3 >= low and tuple(
            t.lower_ for t in doc[before - 2 : before + 1]) == _HALF:
        whole = number_ending_at(doc, before - 3, low, engine)
        if whole is not None:
            return Number(whole.value + 0.5, whole.start, False, False)
    return None


def follows_duration(claims: Sequence[RawClaim], start: int) -> bool:
    """True when a duration claim ends right before token ``start`` ("1h" before "45m")."""
    return any(c.type == "duration" and c.end == start for c in claims)


def compound_durations(doc: Doc, high: int, claims: list[RawClaim]) -> list[RawClaim]:
    """Join the parts of a duration written in several units ("5 hours and 15 minutes" = 5.25 h),
    and read "an hour and a half" (1.5 h). ``claims`` are sorted by position."""
    out: list[RawClaim] = []
    for claim in claims:
        if claim.type == "duration" and isinstance(claim.value, float):
            _and_a_half(doc, high, claim)
            previous = out[-1] if out else None
            if (previous is not None and previous.type == "duration"
                    and isinstance(previous.value, float) and previous.low is None
                    and claim.low is None and claim.value < previous.value
                    and all(doc[i].lower_ in _JOINERS for i in range(previous.end, claim.start))):
                previous.value += claim.value
                previous.end = claim.end
                continue
        out.append(claim)
    return out


def _and_a_half(doc: Doc, high: int, claim: RawClaim) -> None:
    """ "an hour and a half", "a day and a half": one unit and a half."""
    after = tuple(doc[i].lower_ for i in range(claim.end, min(high, claim.end + 3)))
    if after == _HALF and doc[claim.start].lower_ in ("a", "an", "one") and isinstance(
            claim.value, float):
        claim.value *= 1.5
        claim.end += 3


def per_epoch(doc: Doc, low: int, high: int, claims: list[RawClaim], engine: Engine) -> None:
    """The time of one epoch times the number of epochs, when the sentence gives one epoch count:
    "3.5 hours per epoch ... 100 epochs" (350 h), "every epoch lasts 12 minutes and we run 90 of
    them" (18 h), "40 epochs of 25 min each" (16.7 h)."""
    durations = [c for c in claims if c.type == "duration" and isinstance(c.value, float)]
    if not durations:
        return
    singles = [c for c in durations if _one_epoch(doc, low, high, c, engine)]
    if not singles:
        return
    counts, them = _epoch_counts(doc, low, high, engine, singles)
    if len(counts) != 1:
        return
    epochs = counts.pop()
    # "... and we run 90 of them": the 90 counts epochs, not the GPUs named before.
    claims[:] = [c for c in claims if not (c.type in ("chip_count", "hardware")
                                           and c.start in them)]
    for claim in singles:
        assert isinstance(claim.value, float)
        claim.value *= epochs
        if claim.low is not None:
            claim.low *= epochs
        claim.per_epoch_resolved = True


def _one_epoch(doc: Doc, low: int, high: int, claim: RawClaim, engine: Engine) -> bool:
    """Whether a duration is the time of one epoch (or pass, rules/durations.toml): "per epoch",
    "an epoch", "/epoch" after it, "each" after "epochs of ...", or "every/each/one epoch"
    shortly before it."""
    single, plural = engine.rules.epoch_singular, engine.rules.epoch_plural
    after = [doc[i].lower_ for i in range(claim.end, min(high, claim.end + 2))]
    if (len(after) == 2 and after[0] in ("per", "an", "each", "/") and after[1] in single) or (
            after[:1] == ["/epoch"]):
        return True
    if after[:1] == ["each"] and claim.start - 2 >= low and doc[claim.start - 1].lower_ == "of" \
            and doc[claim.start - 2].lower_ in plural:
        return True
    for index in range(max(low, claim.start - _EPOCH_BEFORE), claim.start):
        if doc[index].lower_ in single and index - 1 >= low and doc[index - 1].lower_ in (
                "every", "each", "one", "an", "a", "per", "single"):
            return True
        if doc[index].lower_ in plural and _each_of(doc, low, index):
            return True  # "each of the 36 epochs took 25 minutes"
    return False


def _each_of(doc: Doc, low: int, index: int) -> bool:
    """Whether "each of [the] N" stands before the token at ``index``."""
    words = [doc[i].lower_ for i in range(max(low, index - 4), index)]
    return words[-4:-1] == ["each", "of", "the"] or words[-3:-1] == ["each", "of"]


def _epoch_counts(doc: Doc, low: int, high: int, engine: Engine, singles: list[RawClaim]
                  ) -> tuple[set[float], set[int]]:
    """The epoch counts of the sentence: "100 epochs", and "90 of them" after a per-epoch time
    (with the start tokens of such numbers)."""
    counts: set[float] = set()
    them: set[int] = set()
    first = min(c.start for c in singles)
    plural = engine.rules.epoch_plural
    for index in range(low + 1, high):
        word = doc[index].lower_
        if word in plural:
            number = number_ending_at(doc, index - 1, low, engine)
            if number is not None and number.value > 1:
                counts.add(number.value)
        elif word == "of" and index + 1 < high and doc[index + 1].lower_ == "them" and (
                index > first):
            number = number_ending_at(doc, index - 1, low, engine)
            if number is not None and number.value > 1:
                counts.add(number.value)
                them.add(number.start)
    return counts, them
