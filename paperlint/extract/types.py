"""The types extraction passes between its modules, in one leaf module that imports none of them.

A phrase match (:class:`Match`) says what it found by a :class:`Kind` and a reference into the rule
set or the catalogue (``Kind.UNIT`` with the unit's index, ``Kind.HARDWARE`` with the chip's
catalogue id), so no module parses a label string. :class:`RawClaim` is a claim in token indices,
before it has a role and a place in the document; :class:`Found` is a finished claim with the unit
and paragraph it came from; :class:`Extraction` is what ``extract`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from paperlint.model import Claim, ComputeReport


class Kind(StrEnum):
    """What a phrase match is. The value is the prefix of its key in the compiled matchers."""

    UNIT = "U"  # ref: index into RuleSet.units
    DEVICE = "DEV"  # a device noun ("GPUs", "accelerators")
    GROUP = "GRP"  # a group noun ("nodes", "servers")
    PER = "PER"  # per-group words ("each", "per node")
    MODEL = "MODEL"  # a vendor word or model noun next to which an unlisted model code is read
    HARDWARE = "HW"  # ref: catalogue id
    SYSTEM = "SYS"  # ref: catalogue system id ("DGX-2", "p4d.24xlarge")
    PRECISION = "PREC"  # ref: precision value ("bf16")
    CUE = "CUE"  # ref: index into RuleSet.cues
    NOCUE = "NOCUE"  # ref: index of the cue it cancels
    SUPPRESS = "SUP"  # ref: index into RuleSet.suppress
    KEEP = "KEEP"  # ref: index of the suppression rule it cancels
    VETO_AFTER = "VF"  # ref: hardware veto index; the phrase follows a hardware name
    VETO_BEFORE = "VP"  # ref: hardware veto index; the phrase precedes a hardware name
    HEADER = "HDR"  # ref: claim type a table header names
    MODEL_SIZE = "MSIZE"  # a size that may end a model's name ("7B" in "Mistral 7B")
    EVIDENCE = "EVD"  # a word that says the sentence is about compute ("trained", "wall-clock")
    SLICE = "SLICE"  # ref: catalogue id; a TPU generation ("v4") that names a slice before "-N"


# Matches that can make a claim: a sentence without one is never looked at further.
QUANTITY_KINDS = frozenset({Kind.UNIT, Kind.DEVICE, Kind.HARDWARE, Kind.SYSTEM, Kind.PRECISION,
                            Kind.MODEL, Kind.MODEL_SIZE, Kind.SLICE})
# Matches that name hardware or a device: compute evidence of their own.
HARDWARE_KINDS = frozenset({Kind.HARDWARE, Kind.SYSTEM, Kind.DEVICE})


class Match(NamedTuple):
    """One phrase match in a Doc: what it is and its token range ``[start, end)``.

    A NamedTuple rather than a dataclass: a paper makes thousands, and a tuple is built in C."""

    kind: Kind
    ref: int | str | None
    start: int
    end: int

    @property
    def rule(self) -> int:
        """The reference as an index (for kinds whose reference is a rule's position)."""
        assert isinstance(self.ref, int), self
        return self.ref

    @property
    def id(self) -> str:
        """The reference as a string id (hardware, system, precision, header claim type)."""
        assert isinstance(self.ref, str), self
        return self.ref


def encode(kind: Kind, ref: int | str | None = None) -> str:
    """The matcher key of a phrase of ``kind`` (spaCy's matchers take string keys)."""
    return kind.value if ref is None else f"{kind.value}|{ref}"


def decode(key: str) -> tuple[Kind, int | str | None]:
    """The kind and reference of a matcher key made by :func:`encode`."""
    kind, _, ref = key.partition("|")
    if not ref:
        return Kind(kind), None
    if Kind(kind) in _INDEXED:
        return Kind(kind), int(ref)
    return Kind(kind), ref


_INDEXED = frozenset({Kind.UNIT, Kind.CUE, Kind.NOCUE, Kind.SUPPRESS, Kind.KEEP, Kind.VETO_AFTER,
                      Kind.VETO_BEFORE})


@dataclass
class RawClaim:
    """A claim found in a Doc, before roles and offsets: ``[start, end)`` are token indices.

    ``low`` is the lower end of a range ("2-3 weeks": value 504 h, low 336 h)."""

    type: str
    value: float | str
    start: int
    end: int
    per_epoch_resolved: bool = False
    low: float | None = None
    unit: str | None = None  # None: the type's unit (CLAIM_UNITS); "core-hours", "cores": TPU cores


@dataclass(frozen=True)
class Number:
    value: float
    start: int  # first token of the number expression
    suffixed: bool  # written with a magnitude ("7B", "1.4 trillion")
    scientific: bool  # written as a power of ten or with an exponent
    low: float | None = None  # the lower end when the number is a range ("2-3", "24 to 72")


@dataclass(frozen=True)
class Found:
    """A claim with the unit (sentence or row) and paragraph it came from, before grouping."""

    claim: Claim
    unit: int
    paragraph: int


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one Document."""

    claims: tuple[Claim, ...] = ()
    compute_reports: tuple[ComputeReport, ...] = ()  # estimates are not filled in yet
    statements: int = 0  # sentences / table rows holding at least one claim (coverage)
    # Every sentence the extraction read (its one splitter, extract/nlp.py) and every table row,
    # as (start, end) offsets of the document text, in order: what "the same sentence" means to
    # the checks too.
    sentences: tuple[tuple[int, int], ...] = ()
