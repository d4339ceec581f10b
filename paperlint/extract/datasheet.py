"""A figure of the hardware, not of a run: the clause rules that tell a chip's datasheet from
the paper's own use of it, each from positive evidence.

A clause that gives a rate (TFLOP/s) and names no
run ("the B200 reaches 4.5 PFLOP/s of FP8") describes the chip: its hardware and counts are a
specification. So does a clause whose subject is a chip named without a count, with a verb in
the present tense, no first-person word, no compute evidence and no verb that puts hardware to
use ("an A100 has 40 MB of L2 cache", "TPU v5p pods scale to 8,960 chips"): a datasheet speaks
of the chip in the present; a paper's run is counted, put to use, or told in the past. A run
is named by a training cue ("trained", "took", "experiments"), not by compute words, which a
datasheet uses too ("2.2 PFLOP/s of dense FP16 compute"); and a sentence that gives the own
run's length keeps its chips the run's, the datasheet figure an aside ("Training took 52 hours
on 8 A100-80GB GPUs, each with 2 TB/s of memory bandwidth").

A sentence that names a chip and tells nothing of running it at all (no first-person word, no
run cue or run noun, no verb of use, no run length, no label, no set of chips the paper has)
describes the chip too: "Modern accelerators such as the H100 execute FP8 products at twice the
BF16 rate".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperlint.extract.types import Kind, Match, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

FIRST_PERSON = frozenset({"we", "our", "us", "ours", "i", "my"})
OWN_PHASES = frozenset({"training", "fine-tuning", "unspecified"})


def clause_of(spans: Sequence[tuple[int, int]], claim: RawClaim) -> tuple[int, int]:
    """The clause (a token span of ``spans``) that holds ``claim``; the last one if none does."""
    return next((s for s in spans if s[0] <= claim.start < s[1]), spans[-1])


def inside(match: Match, clause: tuple[int, int]) -> bool:
    """Whether ``match`` lies wholly inside the token span ``clause``."""
    return clause[0] <= match.start and match.end <= clause[1]


def chip_roles(view: SentenceView, pairs: list[tuple[RawClaim, str]], *, subjects: bool,
               training_context: bool) -> list[tuple[RawClaim, str]]:
    """The roles of one sentence's claims after the datasheet rules. ``subjects``: the text has
    subjects (a table row's first cell is a label); ``training_context``: the claims' table
    says, in its header or caption, that it is about training."""
    doc, spans, engine = view.doc, view.spans, view.engine
    out = pairs
    if subjects:
        out = _chip_subjects(doc, out, view.matches, spans, engine)
        # A precision described in general: every precision of its clause is ("BF16 training
        # is more stable than FP16").
        general = {clause_of(spans, c) for c, r in out if c.type == "precision"
                   and r in OWN_PHASES and _precision_is_described(doc, c, clause_of(spans, c))}
        out = [(c, "specification" if c.type == "precision" and r in OWN_PHASES
                and clause_of(spans, c) in general else r) for c, r in out]
    if any(c.type == "flop_rate" for c, _ in out):
        out = [(c, _specification(view, c, r, out)) for c, r in out]
        out = _rate_precisions(out)
    if any(r == "specification" for c, r in out if c.type == "hardware"):
        out = [(c, _of_the_chip(view, c, r, out)) for c, r in out]
    if subjects and not training_context:
        out = _never_put_to_use(view, out, engine)
    return _a_run_keeps_its_chips(out, view.spans)


def _never_put_to_use(view: SentenceView, pairs: list[tuple[RawClaim, str]],
                      engine: Engine) -> list[tuple[RawClaim, str]]:
    """A sentence that names a chip and says nothing of running it speaks of the chip: "Modern
    accelerators such as the H100 execute FP8 products at twice the BF16 rate", "Consumer GPUs
    like the RTX 3090 ship with 24 GB". A run is told by positive evidence: a first-person word;
    a cue of a run (trained, took, run on); a noun of one (runs, jobs, experiments); a word of
    running compute (rules/evidence.toml: "computing", "cluster", "inference") or of chip-hours;
    a verb that puts hardware to use (used, deployed); something placed on the hardware
    ("solver speed on H200 GPUs"); a run's length; a label ("Hardware: 4x A6000"); or chips
    counted as a set the paper has ("the 8 A100s each hold a copy of the model"). Without any,
    the chip, its counts and its precisions are a specification."""
    named = any(c.type == "hardware" and r == "unspecified" for c, r in pairs) or (
        # a chip's short name that made no claim for want of evidence ("an H100 can hold ...")
        any(m.kind is Kind.HARDWARE for m in view.matches)
        and not any(c.type == "hardware" for c, _ in pairs))
    if not named:
        return pairs
    doc = view.doc
    low, high = view.spans[0][0], view.spans[-1][1]
    words = {doc[i].lower_ for i in range(low, high)}
    evidence = engine.rules.evidence
    if words & FIRST_PERSON or words & (evidence.setup_verbs | evidence.run_nouns) or ":" in words:
        return pairs
    units = engine.rules.units
    if view.names_a_run((low, high)) or any(
            m.kind is Kind.EVIDENCE or (m.kind is Kind.UNIT and units[m.rule].claim == "chip_hours")
            for m in view.matches):
        return pairs  # running compute ("two computing boards", "GPU hours on an H100")
    if any(_placed_on(doc, m.start, low, engine) for m in view.matches if m.kind in _PLACES):
        return pairs  # something runs on the chip ("solver speed on H200 GPUs")
    if any(c.type in _RUN_LENGTHS and r in OWN_PHASES for c, r in pairs):
        return pairs
    if any(c.type == "chip_count" and c.start > low and doc[c.start - 1].lower_ in _DEFINITE
           and doc[c.start].like_num for c, _ in pairs):
        return pairs  # "the 8 A100s each hold a copy of the model": a set the paper has
    return [(c, "specification" if r == "unspecified" and c.type in _DATASHEET_TYPES else r)
            for c, r in pairs]


_PLACES = frozenset({Kind.HARDWARE, Kind.SYSTEM, Kind.DEVICE, Kind.GROUP, Kind.SLICE})
# Words between "on" and the hardware it places a computation on ("on a set of four hosts").
# Number words and digits are fillers too (``like_num``).
_PLACE_FILLERS = frozenset({"the", "a", "an", "single", "same", "pool", "set", "of", "our",
                            "multiple", "several", "all"})


def _placed_on(doc: Doc, start: int, low: int, engine: Engine) -> bool:
    """Whether "on" or "across" places something on the hardware mention starting at ``start``:
    a computation put on a chip ("solver runs on H200 GPUs", "engines on the same A100", "fit
    on one 12 GB Titan V": a memory size is part of the mention)."""
    index = start - 1
    while index >= low and start - index <= 5 and (
            doc[index].lower_ in _PLACE_FILLERS or doc[index].like_num or doc[index].is_space
            or doc[index].lower_ in engine.memory_units):
        index -= 1
    return index >= low and doc[index].lower_ in ("on", "across")


def _a_run_keeps_its_chips(pairs: list[tuple[RawClaim, str]],
                           spans: Sequence[tuple[int, int]]) -> list[tuple[RawClaim, str]]:
    """A sentence that tells how long the paper's own run took is about that run: a datasheet
    figure in it is an aside, and the chips and counts it read as a specification are the run's
    ("Training took 52 hours on 8 A100-80GB GPUs, each with 2 TB/s of memory bandwidth"). A
    datasheet gives no run's length; a rate stays the chip's. A chip named without a count in a
    clause of its own is the datasheet's subject, not the run's ("We ran on 4 L40S GPUs for 30
    hours; the L40S is rated at 362 TFLOP/s")."""
    lengths = [(c, r) for c, r in pairs if c.type in _RUN_LENGTHS and r in OWN_PHASES]
    if not lengths:
        return pairs
    run = lengths[0][1]
    run_clauses = {clause_of(spans, c) for c, _ in lengths}
    counted = {clause_of(spans, c) for c, _ in pairs if c.type == "chip_count"}

    def keeps(claim: RawClaim) -> bool:
        clause = clause_of(spans, claim)
        return claim.type == "chip_count" or clause in run_clauses or clause in counted

    return [(c, run if r == "specification" and c.type in ("hardware", "chip_count") and keeps(c)
             else r) for c, r in pairs]


@dataclass(frozen=True)
class SentenceView:
    """What the clause rules read of a sentence: its tokens, matches, clauses and the engine."""

    doc: Doc
    matches: Sequence[Match]
    spans: Sequence[tuple[int, int]]
    engine: Engine

    def first_person(self, clause: tuple[int, int]) -> bool:
        return any(self.doc[i].lower_ in FIRST_PERSON for i in range(*clause))

    def names_a_run(self, clause: tuple[int, int]) -> bool:
        """Whether a cue of the paper's own training stands in the clause ("trained", "took",
        "experiments", "we ran"). Compute words alone do not name a run: a datasheet speaks of
        "compute", "throughput" and "inference" too ("2.2 PFLOP/s of dense FP16 compute")."""
        return any(m.kind is Kind.CUE and self.engine.rules.cues[m.rule].role in _RUN_CUE_ROLES
                   and inside(m, clause) for m in self.matches)


# How far a precision may stand from a rate and still be the rate's ("989 TFLOP/s in BF16",
# "BF16 TFLOP/s", "362 TFLOP/s of dense FP16").
_RATE_REACH = 3


def _rate_precisions(pairs: list[tuple[RawClaim, str]]) -> list[tuple[RawClaim, str]]:
    """A precision written with a datasheet's FLOP/s rate is the precision the rate is quoted at,
    a fact of the chip, not of the run: "8 H100 GPUs (each rated at 989 TFLOP/s in BF16)". A
    rate the run reached ("reaching 400 TFLOP/s per GPU in BF16") keeps its precision the run's."""
    rates = [c for c, r in pairs if c.type == "flop_rate" and r == "specification"]

    def beside(claim: RawClaim) -> bool:
        return any(0 <= claim.start - rate.end <= _RATE_REACH or 0 <= rate.start - claim.end <= 1
                   for rate in rates)

    return [(c, "specification" if c.type == "precision" and r in OWN_PHASES | {"inference"}
             and beside(c) else r) for c, r in pairs]


def _of_the_chip(view: SentenceView, claim: RawClaim, role: str,
                 pairs: list[tuple[RawClaim, str]]) -> str:
    """A count or a precision in the clause of a chip read as a specification ("A TPU v4 pod
    contains 4,096 chips", "the H100 delivers 989 TFLOP/s of dense BF16") describes that chip,
    unless the clause names a run."""
    if claim.type not in ("chip_count", "precision") or role not in ("unspecified", "inference"):
        return role
    clause = clause_of(view.spans, claim)
    if role == "inference" and view.first_person(clause):
        return role  # the paper's own serving
    if not any(c.type == "hardware" and r == "specification" and clause_of(view.spans, c) == clause
               for c, r in pairs):
        return role
    if view.names_a_run(clause):
        return role
    return "specification"


def _specification(view: SentenceView, claim: RawClaim, role: str,
                   pairs: list[tuple[RawClaim, str]]) -> str:
    """A chip's name or count in a clause that gives a rate and names no run: a specification.
    So it is when an inference word read it as inference ("reaches 1.3 PFLOP/s of dense FP16
    throughput"), unless the paper speaks in the first person (its own serving)."""
    if claim.type not in ("hardware", "chip_count", "flop_rate") or role not in OWN_PHASES | {
            "inference"}:
        return role
    clause = clause_of(view.spans, claim)
    if role == "inference" and view.first_person(clause):
        return role
    if not any(c.type == "flop_rate" and clause_of(view.spans, c) == clause for c, _ in pairs):
        return role
    if view.names_a_run(clause):
        return role
    return "specification"


# Words between a clause's start and a chip that is its subject ("Each A100 ...", "The H100 ...").
_CHIP_LEADS = frozenset({"the", "a", "an", "each", "every", "one", "single", "this", "that",
                         "its", "their", "modern", "newer", "older", "today's"})
# Words between the chip and its verb ("the H100 also offers ...").
_ADVERBS = frozenset({"also", "only", "alone", "now", "still", "even", "already", "itself"})
# A plural subject's next word that is no verb ("H100 GPUs in the cluster ...").
_NOT_VERBS = frozenset({"in", "on", "with", "for", "at", "from", "by", "of", "and", "or", "to",
                        "as", "per", "across", "over", "during", "via", "into", "under", "like"})
_PAST_OR_MODAL = frozenset({"was", "were", "had", "did", "took", "ran", "made", "got", "gave",
                            "kept", "could", "would", "might", "should", "will", "may", "must"})
_DEFINITE = frozenset({"the", "these", "those", "all", "both"})
_DATASHEET_TYPES = frozenset({"hardware", "chip_count", "precision", "flop_rate"})
_RUN_LENGTHS = frozenset({"duration", "chip_hours"})
_RUN_CUE_ROLES = frozenset({"training", "fine-tuning", "ablation"})


def _chip_subjects(doc: Doc, pairs: list[tuple[RawClaim, str]], matches: Sequence[Match],
                   spans: Sequence[tuple[int, int]], engine: Engine) -> list[tuple[RawClaim, str]]:
    """Each clause whose subject is a chip described in the present tense (module docstring):
    its hardware, counts, precisions and rates become a specification."""
    clauses = {clause_of(spans, c) for c, _ in pairs if c.type == "hardware"}
    described = [clause for clause in clauses
                 if _chip_is_described(doc, clause, pairs, matches, spans, engine)]
    if not described:
        return pairs
    # "inference" too: "the A100 triples dense FP16 throughput" read an inference word
    return [(c, "specification" if r in OWN_PHASES | {"inference"} and c.type in _DATASHEET_TYPES
             and clause_of(spans, c) in described else r) for c, r in pairs]


def _chip_is_described(doc: Doc, clause: tuple[int, int], pairs: list[tuple[RawClaim, str]],
                       matches: Sequence[Match], spans: Sequence[tuple[int, int]],
                       engine: Engine) -> bool:
    low, high = clause
    index = low
    while index < high and (doc[index].is_space or doc[index].is_punct
                            or doc[index].lower_ in _CHIP_LEADS):
        index += 1
    if index + 1 < high and engine.is_name_word(doc[index]) and doc[index + 1].lower_ in (
            "'s", "’s"):
        index += 2  # a vendor's possessive: "Apple's M2 Ultra has ..."
    chip = next((c for c, _ in pairs if c.type == "hardware" and c.start <= index < c.end), None)
    if chip is None:
        return False
    if any(c.type == "chip_count" and low <= c.start < chip.end for c, _ in pairs):
        return False  # "8 A100s hold ...", "each of the 64 TPUs ...": the paper's own chips
    words = {doc[i].lower_ for i in range(low, high)}
    evidence = engine.rules.evidence
    if words & FIRST_PERSON or words & evidence.setup_verbs:
        return False
    if any(m.kind is Kind.EVIDENCE and inside(m, clause)
           and doc[m.start : m.end].text.lower() not in evidence.datasheet_words for m in matches):
        return False  # "the A100 trains the model in 3 days": a run, not the chip
    verb = chip.end
    while verb < high and (doc[verb].lower_ in _ADVERBS or doc[verb].lower_.endswith("ly")
                           or doc[verb].lower_ in engine.device_words):  # "Gaudi3 card"
        verb += 1
    return _present_verb(doc, verb, high)


def _present_verb(doc: Doc, verb: int, high: int) -> bool:
    """Whether ``doc[verb]`` is a verb in the present tense ("has", "delivers", "are"), or after a
    plural subject a word that is no preposition ("H100s hold ...")."""
    if verb >= high:
        return False
    word = doc[verb].lower_
    if not word.isalpha() or word in _PAST_OR_MODAL or word.endswith("ed"):
        return False
    if word in ("is", "are", "has", "have", "can") or (
            word.endswith("s") and not word.endswith("ss") and len(word) > 3):
        return True
    plural = doc[verb - 1].lower_.endswith("s")
    return plural and word not in _NOT_VERBS


# Nouns a precision names in general when it is the subject ("FP16 training needs loss scaling",
# "BF16 arithmetic is cheaper"): what the format does, not a run's.
_FORMAT_NOUNS = frozenset({"training", "inference", "arithmetic", "math", "format", "formats",
                           "precision", "mixed-precision", "numbers", "values", "weights",
                           "matmuls", "computation", "compute", "accumulation", "tensors"})


def _precision_is_described(doc: Doc, claim: RawClaim, clause: tuple[int, int]) -> bool:
    """A precision as its clause's subject, with a verb in the present tense and no first-person
    word: "FP16 training needs loss scaling", "BF16 keeps FP32's exponent range"."""
    low, high = clause
    index = low
    while index < high and (doc[index].is_space or doc[index].is_punct
                            or doc[index].lower_ in _CHIP_LEADS or doc[index].lower_ in (
                                "pure", "plain", "naive", "full")):
        index += 1
    if index != claim.start or any(doc[i].lower_ in FIRST_PERSON for i in range(low, high)):
        return False
    verb = claim.end
    while verb < high and (doc[verb].lower_ in _FORMAT_NOUNS or doc[verb].lower_ in _ADVERBS
                           or doc[verb].is_space):
        verb += 1
    return _present_verb(doc, verb, high)
