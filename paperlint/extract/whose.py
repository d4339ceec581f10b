"""Whose compute is it, where a cue phrase does not say: rules that read a clause as a whole.

The cue phrases of rules/roles.toml decide most roles (:mod:`roles`). Four things they cannot
see, read here clause by clause, each from positive evidence:

 - **Another model as the subject.** "Gopher's training took 920 hours on 4096 TPUv3 chips",
   "ViT-H/14 required 2.5k TPUv3-core-days": a clause whose subject is a model's name, with no
   first-person word in it, reports that model's compute when the name is written with a
   possessive or after "the original", or cited in the paper, or the paper names its own models
   otherwise. The paper's
   own models are the names it introduces as its own ("we propose Finch", "our Finch-7B", "we
   fine-tune BERT-base"), read once per document (:func:`paper_names`); those stay the paper's.
 - **A citation as the subject.** "\\citet{x} trained a 175B-parameter model on 300B tokens":
   a clause that opens with a citation and has no first-person word reports the cited work's
   run, its size and tokens too (a citation elsewhere in a clause marks only compute figures,
   since it often just names the model the paper builds on).
 - **A FLOP figure with no run.** "Our backbone needs 3.8 billion FLOPs", a table of per-image
   FLOPs: a FLOP amount is training compute only when its clause (or its table's header or
   caption) speaks of training or of a total or budget, or when it is too large to be the cost
   of one input (1e16 FLOP and up); otherwise it is a model's cost per example.
 - **A figure of the hardware, not of a run.** A clause that gives a rate (TFLOP/s) and names no
   run ("the B200 reaches 4.5 PFLOP/s of FP8") describes the chip: its hardware and counts are a
   specification. So does a clause whose subject is a chip named without a count, with a verb in
   the present tense, no first-person word, no compute evidence and no verb that puts hardware to
   use ("an A100 has 40 MB of L2 cache", "TPU v5p pods scale to 8,960 chips"): a datasheet speaks
   of the chip in the present; a paper's run is counted, put to use, or told in the past. A run
   is named by a training cue ("trained", "took", "experiments"), not by compute words, which a
   datasheet uses too ("2.2 PFLOP/s of dense FP16 compute"); and a sentence that gives the own
   run's length keeps its chips the run's, the datasheet figure an aside ("Training took 52 hours
   on 8 A100-80GB GPUs, each with 2 TB/s of memory bandwidth").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperlint.extract.types import Kind, Match, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine
    from paperlint.extract.roles import Clause
    from paperlint.extract.rules import Cue
    from paperlint.extract.sentence import Sentence

# No model's cost for one input comes near this (a forward pass of a trillion-parameter model
# over a 4k-token input is about 1e16 FLOP; image and video models stay below 1e13), and no
# training run worth reporting is as small: a larger FLOP amount is never a per-example cost.
_LARGEST_PER_EXAMPLE = 1e16
FIRST_PERSON = frozenset({"we", "our", "us", "ours", "i", "my"})
_OWN_PHASES = frozenset({"training", "fine-tuning", "unspecified"})
# Words that stand before a clause's subject without being it.
_LEAD_WORDS = frozenset({"the", "a", "an", "its", "for", "comparison", ",", "as", "is", "well",
                         "known", "whereas", "while", "unlike", "although", "by", "contrast",
                         "in", "original", "public", "released"})
# Names the paper makes its own: "we propose Finch", "our Finch-7B", "we fine-tune BERT-base",
# "Finch (ours)".
_OWN = re.compile(
    r"\b(?:[Ww]e\s+(?:propose|introduce|present|call|name|release|build|train|pre-?train|"
    r"fine-?tune|finetune|use|adopt|extend|distil+|initiali[sz]e\s+from|start\s+from|"
    r"reimplement|reproduce)|[Oo]ur|[Dd]ubbed|[Cc]alled|[Nn]amed)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:model|method|system|network|agent|approach|framework|student|variant)\s+)?"
    r"(?P<name>[A-Z][\w.\-/]*)"
    r"|(?P<ours>[A-Z][\w.\-/]*)\s*\((?:ours|Ours|this work)\)"
)
# A token that reads as a model's name: a letter and a digit ("GPT-4", "ViT-H/14"), or a capital
# inside ("AlphaGo", "MuZero", "DALL-E", "LLaMA").
_NAME = re.compile(r"^(?=.*[A-Za-z])(?:(?=.*\d)[A-Za-z][\w.\-/]*|[A-Z]\w*[a-z][A-Z][\w.\-/]*)$")
# Claim types whose clause's subject decides whose they are. A precision is often the named base
# model's own ("Gemma 2 natively uses bf16") in a paper that trains with it.
_SUBJECT_TYPES = frozenset({"hardware", "chip_count", "duration", "chip_hours", "flop", "params",
                            "tokens"})


@dataclass(frozen=True)
class Names:
    """Model names of one paper, lowercased: its own, and those it cites."""

    own: frozenset[str] = frozenset()
    cited: frozenset[str] = frozenset()


NO_NAMES = Names()

# The name just before a citation ("Gopher~\cite{rae21}" leaves "Gopher " before its offset).
_BEFORE_CITATION = re.compile(r"(?P<name>[A-Z][\w.\-/]*)[\s~(]*$")


def paper_names(text: str, citations: Sequence[int] = ()) -> Names:
    """The names a paper introduces as its own models, and the names it cites, lowercased, each
    with its stem before a size or a hyphen too ("Finch-7B" also gives "finch")."""
    own: set[str] = set()
    for match in _OWN.finditer(text):
        _add(own, (match.group("name") or match.group("ours") or "").rstrip(".,;:"))
    cited: set[str] = set()
    for offset in citations:
        found = _BEFORE_CITATION.search(text, max(0, offset - 40), offset)
        if found:
            _add(cited, found.group("name").rstrip(".,;:"))
    return Names(frozenset(own), frozenset(cited - own))


def _add(names: set[str], name: str) -> None:
    if (len(name) >= 2 and _NAME.match(name)) or (name[:1].isupper() and len(name) >= 3):
        names.add(name.lower())
        names.add(re.split(r"[-/]", name)[0].lower())


def _subject_name(doc: Doc, clause: tuple[int, int], names: Names, engine: Engine) -> bool:
    """Whether the clause's subject is another work's model: a name the paper does not call its
    own, written with a possessive ("Gopher's training took ..."), or cited somewhere in the
    paper, or met in a paper that names its own models otherwise. A paper that never says which
    models are its own may be about this very one: then a bare name is no sign."""
    low, high = clause
    index = low
    original = False  # "The original T5 models were trained ...": the model as first released
    while index < high and (doc[index].is_space or doc[index].is_punct
                            or doc[index].lower_ in _LEAD_WORDS):
        original = original or doc[index].lower_ == "original"
        index += 1
    if index >= high:
        return False
    token = doc[index]
    text = token.text
    possessive = index + 1 < high and doc[index + 1].lower_ in ("'s", "’s")
    if not (possessive and text[:1].isupper()) and not _NAME.match(text):
        return False
    if engine.is_name_word(token) or token.lower_ in engine.device_words:
        return False  # "NVIDIA", "GPU": hardware words, not a model
    stem = re.split(r"[-/]", text)[0].lower()
    if text.lower() in names.own or stem in names.own:
        return False
    return (possessive or original or bool(names.own) or text.lower() in names.cited
            or stem in names.cited)


def _passive_agent(doc: Doc, clause: tuple[int, int], engine: Engine) -> bool:
    """Whether the clause names who ran it, someone else: a run verb of rules/roles.toml
    ``agent_verbs`` followed by "by" and a capitalised name ("was pre-trained on 15T tokens by
    Meta", "models released by DeepMind"). Not an acronym ("trained by SGD"), not hardware
    ("accelerated by NVIDIA GPUs" is no run verb, and a chip is no agent)."""
    low, high = clause
    verbs = engine.rules.clauses.agent_verbs
    verb = next((i for i in range(low, high) if doc[i].lower_ in verbs), None)
    if verb is None:
        return False
    for index in range(verb + 1, high - 1):
        if doc[index].lower_ != "by":
            continue
        agent = doc[index + 1]
        text = agent.text
        # A maker's name is an agent unless a chip or device follows it ("accelerated by NVIDIA
        # GPUs"): "trained by Google on 6144 TPU v4 chips" names who ran it.
        named_chip = engine.is_name_word(agent) and index + 2 < high and (
            doc[index + 2].lower_ in engine.device_words or engine.is_name_word(doc[index + 2])
            or any(ch.isdigit() for ch in doc[index + 2].text))
        if (text[:1].isupper() and any(ch.islower() for ch in text) and agent.lower_ not in
                FIRST_PERSON and agent.lower_ not in engine.device_words
                and not named_chip and not agent.is_sent_start):
            return True
    return False


def _clause_of(spans: Sequence[tuple[int, int]], claim: RawClaim) -> tuple[int, int]:
    return next((s for s in spans if s[0] <= claim.start < s[1]), spans[-1])


def _inside(match: Match, clause: tuple[int, int]) -> bool:
    return clause[0] <= match.start and match.end <= clause[1]


def adjust_roles(sentence: Sentence, pairs: list[tuple[RawClaim, str]],
                 clauses: Sequence[Clause], names: Names, *, training_context: bool = False,
                 subjects: bool = True) -> list[tuple[RawClaim, str]]:
    """The roles of one sentence's claims after the clause rules above. ``training_context``:
    the claims' table says, in its header or caption, that it is about training; ``subjects``:
    the text has subjects (a table row's first cell is a label, not a subject)."""
    doc, matches, engine = sentence.doc, sentence.matches, sentence.engine
    spans = [(c.start, c.end) for c in clauses] or [(sentence.first, sentence.last)]
    cited_subjects = {(c.start, c.end) for c in clauses if c.cited_subject}
    cues = engine.rules.cues
    out = []
    for claim, role in pairs:
        clause = _clause_of(spans, claim)
        words = {doc[i].lower_ for i in range(*clause)}
        if (subjects and claim.type in _SUBJECT_TYPES and role in _OWN_PHASES
                and not words & FIRST_PERSON and (clause in cited_subjects
                                                   or _subject_name(doc, clause, names, engine)
                                                   or _passive_agent(doc, clause, engine))):
            role = "other-work"
        if (claim.type == "flop" and role in _OWN_PHASES and not training_context
                and isinstance(claim.value, float) and claim.value < _LARGEST_PER_EXAMPLE):
            text = doc[claim.start : claim.end].text.lower()
            trained = any(m.kind is Kind.CUE and cues[m.rule].role in ("training", "fine-tuning")
                          and _inside(m, clause) for m in matches)
            totals = words & engine.rules.evidence.run_totals
            if not (trained or totals or "train" in text or "total" in text):
                role = "per-example"  # a model's cost per input, not a run's compute
        out.append((claim, role))
    if subjects:
        out = _chip_subjects(doc, out, matches, spans, engine)
        # A precision described in general: every precision of its clause is ("BF16 training
        # is more stable than FP16").
        general = {_clause_of(spans, c) for c, r in out if c.type == "precision"
                   and r in _OWN_PHASES and _precision_is_described(doc, c, _clause_of(spans, c))}
        out = [(c, "specification" if c.type == "precision" and r in _OWN_PHASES
                and _clause_of(spans, c) in general else r) for c, r in out]
    view = _Sentence(doc, matches, spans, cues)
    if any(c.type == "flop_rate" for c, _ in out):
        out = [(c, _specification(view, c, r, out)) for c, r in out]
    if any(r == "specification" for c, r in out if c.type == "hardware"):
        out = [(c, _of_the_chip(view, c, r, out)) for c, r in out]
    return _a_run_keeps_its_chips(out)


def _a_run_keeps_its_chips(pairs: list[tuple[RawClaim, str]]) -> list[tuple[RawClaim, str]]:
    """A sentence that tells how long the paper's own run took is about that run: a datasheet
    figure in it is an aside, and the chips and counts it read as a specification are the run's
    ("Training took 52 hours on 8 A100-80GB GPUs, each with 2 TB/s of memory bandwidth"). A
    datasheet gives no run's length; a rate stays the chip's."""
    run = next((r for c, r in pairs if c.type in _RUN_LENGTHS and r in _OWN_PHASES), None)
    if run is None:
        return pairs
    return [(c, run if r == "specification" and c.type in ("hardware", "chip_count") else r)
            for c, r in pairs]


@dataclass(frozen=True)
class _Sentence:
    """What the datasheet rules read of a sentence: its tokens, cue matches, clauses and cues."""

    doc: Doc
    matches: Sequence[Match]
    spans: Sequence[tuple[int, int]]
    cues: Sequence[Cue]

    def first_person(self, clause: tuple[int, int]) -> bool:
        return any(self.doc[i].lower_ in FIRST_PERSON for i in range(*clause))

    def names_a_run(self, clause: tuple[int, int]) -> bool:
        """Whether a cue of the paper's own training stands in the clause ("trained", "took",
        "experiments", "we ran"). Compute words alone do not name a run: a datasheet speaks of
        "compute", "throughput" and "inference" too ("2.2 PFLOP/s of dense FP16 compute")."""
        return any(m.kind is Kind.CUE and self.cues[m.rule].role in _RUN_CUE_ROLES
                   and _inside(m, clause) for m in self.matches)


def _of_the_chip(view: _Sentence, claim: RawClaim, role: str,
                 pairs: list[tuple[RawClaim, str]]) -> str:
    """A count or a precision in the clause of a chip read as a specification ("A TPU v4 pod
    contains 4,096 chips", "the H100 delivers 989 TFLOP/s of dense BF16") describes that chip,
    unless the clause names a run."""
    if claim.type not in ("chip_count", "precision") or role not in ("unspecified", "inference"):
        return role
    clause = _clause_of(view.spans, claim)
    if role == "inference" and view.first_person(clause):
        return role  # the paper's own serving
    if not any(c.type == "hardware" and r == "specification" and _clause_of(view.spans, c) == clause
               for c, r in pairs):
        return role
    if view.names_a_run(clause):
        return role
    return "specification"


def _specification(view: _Sentence, claim: RawClaim, role: str,
                   pairs: list[tuple[RawClaim, str]]) -> str:
    """A chip's name or count in a clause that gives a rate and names no run: a specification.
    So it is when an inference word read it as inference ("reaches 1.3 PFLOP/s of dense FP16
    throughput"), unless the paper speaks in the first person (its own serving)."""
    if claim.type not in ("hardware", "chip_count", "flop_rate") or role not in _OWN_PHASES | {
            "inference"}:
        return role
    clause = _clause_of(view.spans, claim)
    if role == "inference" and view.first_person(clause):
        return role
    if not any(c.type == "flop_rate" and _clause_of(view.spans, c) == clause for c, _ in pairs):
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
_DATASHEET_TYPES = frozenset({"hardware", "chip_count", "precision", "flop_rate"})
_RUN_LENGTHS = frozenset({"duration", "chip_hours"})
_RUN_CUE_ROLES = frozenset({"training", "fine-tuning", "ablation"})


def _chip_subjects(doc: Doc, pairs: list[tuple[RawClaim, str]], matches: Sequence[Match],
                   spans: Sequence[tuple[int, int]], engine: Engine) -> list[tuple[RawClaim, str]]:
    """Each clause whose subject is a chip described in the present tense (module docstring):
    its hardware, counts, precisions and rates become a specification."""
    clauses = {_clause_of(spans, c) for c, _ in pairs if c.type == "hardware"}
    described = [clause for clause in clauses
                 if _chip_is_described(doc, clause, pairs, matches, spans, engine)]
    if not described:
        return pairs
    return [(c, "specification" if r in _OWN_PHASES and c.type in _DATASHEET_TYPES
             and _clause_of(spans, c) in described else r) for c, r in pairs]


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
    if any(m.kind is Kind.EVIDENCE and _inside(m, clause) for m in matches):
        return False
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
