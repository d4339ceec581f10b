"""Evidence before a claim: a number with a time unit, a count of generic "devices" or a chip's
short name that is also an ordinary token ("T4", "P5", "K80") is a compute claim only when its
clause says it is about running compute.

What counts as evidence is positive and small (rules/evidence.toml): a compute verb or noun
("trained", "took", "converges", "wall-clock", "inference"), or a hardware mention in the clause
(a chip's name, a device noun such as "GPUs", a named system, chip-hours). Text about anything
else ("24-hour ECG recordings", "a 1,000-day rolling window", "48 hours of ICU stay", "the
paraphrase labelled P5") holds none, so it makes no claim, without a list of what it is not.

A duration written as an adjective ("a 3-day training run", "24-hour recordings") is the length
of the noun it qualifies: a run's length only when that noun is a run (``run_nouns``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from paperlint.extract.datasheet import FIRST_PERSON, clause_of
from paperlint.extract.types import Kind, Match, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from paperlint.extract.engine import Engine
    from paperlint.extract.roles import Clause
    from paperlint.extract.sentence import Sentence

_HYPHENS = frozenset({"-", "‐"})
# Words after a duration that are no noun it could qualify ("12 hour on", "3 h and 20 min").
_NOT_NOUNS = frozenset({"and", "or", "on", "of", "in", "for", "with", "to", "at", "per", "each",
                        "using", "by", "from", "a", "the", "we", "it", "this", "min", "m"})
_KEY_NOISE = re.compile(r"[\s\-_/().]+")
# A slice written as a generation and a size alone ("v4-2048", "v5e-16"), like a release number.
_POSSESSIVE = frozenset({"'s", "’s"})
_COUNT_WORDS = frozenset({"single", "dual"})
_ARTICLES = frozenset({"a", "an", "one"})
_RUN_ON = frozenset({"on", "with", "using", "across", "over"})
_BARE_SLICE = re.compile(r"^v\d+[a-z]?\W?$", re.IGNORECASE)


def weak_names(doc: Doc, matches: Sequence[Match], engine: Engine) -> set[int]:
    """Start tokens of hardware and system matches that name a chip by a word that is also an
    ordinary token: a short code ("P5", "T4", "A40") or a name without a digit ("Trillium",
    "Ascend", "Grace Hopper": a plant, a trial, a person), with no maker word before them, no
    device noun after them and no count after a preposition of running ("on a single A100").
    So is a TPU slice's name written without "TPU" ("v4-2048" is as often a dataset's release as
    2048 TPU v4 cores)."""
    limit = engine.rules.evidence.short_name_length
    if not limit:
        return set()
    weak = set()
    for match in matches:
        if match.kind not in (Kind.HARDWARE, Kind.SYSTEM, Kind.SLICE):
            continue
        key = _KEY_NOISE.sub("", doc[match.start : match.end].text)
        if match.kind is Kind.SLICE:
            if not _BARE_SLICE.match(doc[match.start : match.end].text):
                continue  # "TPUv3-8", "v5litepod-16": a TPU's name whatever stands around
        elif len(key) > limit and any(char.isdigit() for char in key):
            continue
        before = match.start - 1
        while before >= 0 and (doc[before].is_space or doc[before].lower_ in _POSSESSIVE):
            before -= 1  # "NVIDIA's H200": the maker's
        after = match.end
        while after < len(doc) and (doc[after].is_space or (
                match.kind is Kind.SLICE and (doc[after].text in _HYPHENS or doc[after].is_digit))):
            after += 1  # past a slice's size too: "v4-128 slice"
        maker = before >= 0 and (doc[before].lower_ in engine.catalogue.vocabulary.makers
                                 or (match.kind is Kind.SLICE
                                     and doc[before].lower_ in engine.device_words))
        noun = after < len(doc) and (doc[after].lower_ in engine.device_words
                                     or doc[after].lower_ in engine.group_words)
        if not (maker or noun or _counted_on(doc, before, match, engine)):
            weak.add(match.start)
    return weak


def is_count_word(token: Token, engine: Engine) -> bool:
    """Whether a token is a number, in digits or in words ("8", "1,024", "eight")."""
    return token.like_num or token.lower_ in engine.rules.number_words


def _counted_on(doc: Doc, before: int, match: Match, engine: Engine) -> bool:
    """Whether a count stands right before the name and a preposition of running before the
    count ("on a single A100", "with 8 T4", "using two K80s"): chips a thing runs on. "a single
    T4 marker" and "3 T4 models" count something else."""
    if before < 0 or match.kind is Kind.SLICE:
        return False
    word = doc[before]
    if not (is_count_word(word, engine) or word.lower_ in _COUNT_WORDS):
        return False
    index = before - 1
    while index >= 0 and (doc[index].lower_ in _ARTICLES or doc[index].is_space):
        index -= 1  # "on a single A100"
    return index >= 0 and doc[index].lower_ in _RUN_ON


def _clause_has_evidence(doc: Doc, clause: tuple[int, int], matches: Sequence[Match],
                         weak: set[int], engine: Engine,
                         sentence: tuple[int, int] | None = None) -> bool:
    """Evidence of compute in ``clause``. A verb of taking time counts beside something that
    runs in the clause, or beside other evidence anywhere in its ``sentence`` ("Both models
    were trained on 64 H100s; the 1B took 2 days")."""
    low, high = clause

    def doc_text(match: Match) -> str:
        return doc[match.start : match.end].text.lower()

    evidence = engine.rules.evidence
    for match in matches:
        if not (low <= match.start and match.end <= high):
            continue
        kind = match.kind
        if kind is Kind.EVIDENCE and doc_text(match) in evidence.taking_verbs:
            words = {doc[i].lower_ for i in range(low, high)}
            if words & (evidence.runners | evidence.run_nouns | FIRST_PERSON) or (
                    sentence is not None and _clause_has_evidence(
                        doc, sentence, [m for m in matches if m is not match], weak, engine)):
                return True
            continue  # "the tutorial takes 3 hours": nothing that runs takes the time
        if kind is Kind.EVIDENCE:
            return True
        if kind in (Kind.HARDWARE, Kind.SYSTEM, Kind.SLICE) and match.start not in weak:
            return True
        if kind is Kind.DEVICE and doc_text(match) not in engine.explicit_only:
            return True
        if kind is Kind.UNIT and engine.rules.units[match.rule].claim in ("chip_hours", "flop"):
            return True
    return False


def _adjective_noun(doc: Doc, claim: RawClaim, high: int, engine: Engine) -> bool | None:
    """For a duration written as an adjective ("24-hour recordings", "the 100 hour subset"):
    whether the noun it qualifies is a run; None when the duration is no adjective."""
    after = claim.end
    while after < high and doc[after].is_space:
        after += 1  # a line break of a PDF between the adjective and its noun
    if after >= high or not doc[after].is_alpha:
        return None
    hyphenated = claim.end - claim.start >= 3 and doc[claim.end - 2].text in _HYPHENS
    # English writes an adjective's unit in the singular: "a 100 hour subset", not "100 hours".
    unit = doc[claim.end - 1]
    singular = unit.is_alpha and not unit.lower_.endswith("s") and claim.value != 1.0 and (
        doc[claim.start].like_num and doc[claim.start].lower_ not in ("one", "1"))
    if not (hyphenated or singular) or doc[after].lower_ in _NOT_NOUNS:
        return None
    following = {doc[i].lower_ for i in range(after, min(high, after + 3))}
    return bool(following & engine.rules.evidence.run_nouns)


_HARDWARE_KINDS = (Kind.HARDWARE, Kind.SYSTEM, Kind.DEVICE, Kind.GROUP, Kind.SLICE)


def _trained_on(doc: Doc, claim: RawClaim, low: int, matches: Sequence[Match],
                engine: Engine) -> bool:
    """Whether a duration stands in the object of "training on" ("when training on the splits of
    10 min, 1 hour and 10 hours"): what a run trains on is data, so the duration is an amount of
    it. The object ends at another preposition, a clause mark, a compute word or a hardware
    mention (``object_ends`` in rules/evidence.toml): "trained on 8 GPUs for 3 days" stays."""
    evidence = engine.rules.evidence
    if not evidence.data_objects:
        return False
    stops = {i for m in matches if m.kind in _HARDWARE_KINDS and m.end <= claim.start
             for i in range(m.start, m.end)}
    compute_ends = {m.end for m in matches if m.kind is Kind.EVIDENCE and m.end <= claim.start}
    index = claim.start - 1
    while index >= low:
        word = doc[index].lower_
        if index in stops or word in evidence.object_ends or index + 1 in compute_ends:
            return False
        if word in evidence.data_objects:
            return index in compute_ends
        index -= 1
    return False


def needs_evidence(claims: Sequence[RawClaim]) -> bool:
    """Whether any claim of a sentence may need evidence (durations, counts, chip names, small
    token counts)."""
    return any(c.type in ("duration", "chip_count", "hardware", "precision", "tokens")
               for c in claims)


def has_evidence(doc: Doc, matches: Sequence[Match], engine: Engine) -> bool:
    """Whether ``doc`` (a table's caption and header, a row) says it is about compute."""
    if not engine.rules.evidence.words:
        return True
    return _clause_has_evidence(doc, (0, len(doc)), matches, weak_names(doc, matches, engine),
                                engine)


def with_evidence(sentence: Sentence, claims: list[RawClaim], clauses: Sequence[Clause], *,
                  given: bool = False, labelled: bool = False) -> list[RawClaim]:
    """The claims of one sentence that need no evidence or have it in their clause. ``given``:
    the context (a table's caption or header) is evidence for every clause; ``labelled``: the
    paragraph's label gave it ("Hardware and time."), so a short chip name needs no more. A rule
    set without evidence words (a user's own rules alone) asks for none."""
    doc, high, matches, engine = sentence.doc, sentence.last, sentence.matches, sentence.engine
    if not engine.rules.evidence.words:
        return claims
    weak = weak_names(doc, matches, engine)
    # Without clauses the one span starts at the Doc's start, not the sentence's: the matches are
    # the sentence's alone, but the precision words and "training on" are then also read in a
    # paragraph's earlier sentences. Kept so (narrowing it to the sentence changes claims).
    spans = [(c.start, c.end) for c in clauses] or [(0, high)]
    weak -= _put_to_use(doc, weak, spans, matches, engine)

    def evidenced(claim: RawClaim, *, own: bool = False) -> bool:
        """Evidence in the claim's clause, or (unless ``own``) in the context given."""
        if given and not own:
            return True
        clause = clause_of(spans, claim)
        return _clause_has_evidence(doc, clause, matches, weak, engine,
                                    (spans[0][0], spans[-1][1]))

    # The counts and names of a short-code mention ("8 P5") stand or fall with the code.
    weak_spans = [(c.start, c.end) for c in claims if c.type == "hardware" and c.start in weak]
    explicit = engine.explicit_only
    kept = []
    for claim in claims:
        if claim.type == "duration":
            if (isinstance(claim.value, float) and not claim.per_epoch_resolved
                    and claim.value < engine.rules.evidence.min_duration_hours):
                continue  # a step's or an example's time, not a run's
            adjective = _adjective_noun(doc, claim, high, engine)
            if adjective is False or (adjective is None and not evidenced(claim)):
                continue
            clause = clause_of(spans, claim)
            if _trained_on(doc, claim, clause[0], matches, engine):
                continue  # "fine-tuned on 10 hours of labelled audio": data, not a run
        elif claim.type == "hardware" and claim.start in weak:
            # A short code needs words of its own: a table about training still has rows whose
            # first cell is a label such as "P5". Past the first cell ("Ours | 64 A100 | 12
            # days" under "GPUs"), the table's header and caption are its words.
            if not evidenced(claim, own=not (labelled or (
                    given and _past_first_cell(doc, claim.start)))):
                continue
        elif claim.type == "precision":
            # What a number format is ("bfloat16 keeps FP32's exponent range") is no run's
            # precision: that needs a word of running compute (trained, mixed-precision
            # training, inference) in its clause, or a context about training.
            clause = clause_of(spans, claim)
            words = engine.rules.evidence.precision_words
            if not given and not any(m.kind is Kind.EVIDENCE and clause[0] <= m.start
                                     and m.end <= clause[1] for m in matches) and not any(
                    doc[i].lower_ in words for i in range(*clause)):
                continue
        elif claim.type == "tokens" and not given and isinstance(claim.value, (int, float)) and (
                claim.value < engine.rules.evidence.min_data_tokens):
            clause = clause_of(spans, claim)
            evidence = engine.rules.evidence
            if not any(doc[i].lower_ in evidence.data_words | evidence.run_totals
                       for i in range(*clause)):
                continue  # a length, a vocabulary, a batch: no training set
        elif claim.type == "chip_count":
            tied = any(s < claim.end and claim.start < e for s, e in weak_spans)
            generic = doc[claim.end - 1].lower_ in explicit
            table_cell = given and _past_first_cell(doc, claim.start)
            if (tied and not evidenced(claim, own=not (labelled or table_cell))) or (
                    generic and not evidenced(claim)):
                continue
        kept.append(claim)
    return kept


# Words that count a chip named just after them ("a single A100", "an L4"); number words and
# digits count too ("one H100", "2 A40").
_COUNTING = frozenset({"a", "an", "single"})


def _put_to_use(doc: Doc, weak: set[int], spans: Sequence[tuple[int, int]],
                matches: Sequence[Match], engine: Engine) -> set[int]:
    """The short names of ``weak`` that their clause counts and puts to use: "we use a single
    A100 for every experiment", "all runs use one H100". A device counted and used is hardware;
    a code is neither counted nor used ("we use V100 wind speeds", "the P5 condition"), and a
    name that qualifies a noun names that noun ("a single T4 marker")."""
    evidence = engine.rules.evidence
    used = set()
    for start in weak:
        clause = next((s for s in spans if s[0] <= start < s[1]), spans[-1])
        words = {doc[i].lower_ for i in range(*clause)}
        before = start - 1
        while before >= clause[0] and doc[before].is_space:
            before -= 1
        counted = before >= clause[0] and (doc[before].lower_ in _COUNTING
                                           or doc[before].like_num)
        end = next((m.end for m in matches if m.start == start), start + 1)
        while end < clause[1] and doc[end].is_space:
            end += 1
        # "a single T4 marker" names a marker: the name must stand alone, no noun after it
        alone = end >= clause[1] or doc[end].is_punct or doc[end].lower_ in _NOT_NOUNS
        if counted and alone and words & (evidence.setup_verbs | evidence.run_nouns):
            used.add(start)
    return used


def _past_first_cell(doc: Doc, start: int) -> bool:
    """True when token ``start`` of a table row's Doc stands after the row's first cell."""
    return any(doc[index].text == "|" for index in range(start))
