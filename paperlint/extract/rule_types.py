"""The typed rule groups a rule file fills in (rules/*.toml, merged by :mod:`rules`): units,
role cues, clause words, suppressions, hardware vetoes, grouping words, model sizes and evidence.
Plain frozen dataclasses, so that any module may read them without loading the rules."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Unit:
    """A unit name family: ``names`` all mean ``factor`` of the claim type's unit."""

    claim: str
    factor: float
    names: tuple[str, ...]
    attached: tuple[str, ...] = ()  # abbreviations written glued to digits ("36h")
    suffixed_only: bool = False  # the number must carry a magnitude suffix ("7B model")
    case_sensitive: bool = False  # names match exactly as written ("GFLOPs" is not "GFLOPS")
    compound_only: bool = False  # only right after another duration ("45m" in "1h45m")
    counts: str = "chip"  # what a chip-time unit counts: "chip", or "core" ("TPU core-days")


@dataclass(frozen=True)
class Cue:
    role: str
    priority: int
    phrases: tuple[str, ...]
    window: int | None = None  # tokens after the claim (mode "after")
    mode: str = "sentence"  # "sentence" | "nearest" | "after" | "citation"
    unless: tuple[str, ...] = ()  # phrases that, anywhere in the sentence, cancel this cue
    types: tuple[str, ...] = ()  # claim types the cue applies to; empty: every type
    scope: str = "sentence"  # "clause": the cue and its ``unless`` act within their clause
    unless_types: tuple[str, ...] = ()  # the claim types ``unless`` cancels it for; empty: all
    generic: bool = False  # nearest mode: a word of running anything, below a named phase


@dataclass(frozen=True)
class Clauses:
    """Words that cut a sentence into clauses for the cues of scope "clause" (lowercased)."""

    marks: frozenset[str] = frozenset()  # tokens that end a clause (";")
    subjects: frozenset[str] = frozenset()  # after a comma, start a clause (", we train")
    subject_marks: frozenset[str] = frozenset()  # like a comma before a subject ("...: we train")
    # Verbs of a subject set off by commas, no clause of its own (", we expect, would be ...").
    parentheticals: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()  # with a subject after a comma (", and each ...")
    modals: frozenset[str] = frozenset()  # after a conjunction, start a clause ("and would")
    # After a comma, a conjunction of result starts a clause whatever its subject (", so the
    # final model was trained ..."): what the first clause supposes, the second need not.
    results: frozenset[str] = frozenset()
    asides: frozenset[str] = frozenset()  # soon after a comma (", far less than", ", following")
    openers: frozenset[str] = frozenset()  # start a clause that ends at its next comma
    relative: frozenset[str] = frozenset()  # after a comma or a citation, start a clause
    # Passive verbs whose agent ("... was pre-trained on 15T tokens by Meta") owns the run.
    agent_verbs: frozenset[str] = frozenset()
    # After a model's name, its makers and its writing as the subject ("the BERT authors").
    makers: frozenset[str] = frozenset()
    # Subjects that point back at the sentence before ("It was trained ...") and the nouns of
    # a model ("This model", "our detector"): extract/antecedents.py.
    anaphor_subjects: frozenset[str] = frozenset()
    model_nouns: frozenset[str] = frozenset()
    # Organisations behind another work, never bare after "the" ("That group's model").
    organisations: frozenset[str] = frozenset()
    works: frozenset[str] = frozenset()
    # Writing besides works, after a third-person possessive ("its model card"): agents.py.
    writings: frozenset[str] = frozenset()
    # Words that open a fronted phrase ("Given 64 GPUs, we estimate ... would ..."): the phrase
    # has no verb of its own, so it takes the mood and owner of the clause after its comma.
    fronted: frozenset[str] = frozenset()
    # Word endings of a process or a plural, not a model's name ("Pretraining", "Distillation").
    process_endings: frozenset[str] = frozenset()
    # Reported speech (extract/speech.py): reporting verbs, passives of hearsay, and the
    # paper's own sources as a subject ("Table 3 reports").
    speech_verbs: frozenset[str] = frozenset()
    hearsay_participles: frozenset[str] = frozenset()
    own_sources: frozenset[str] = frozenset()
    # A sentence opening with one of these supposes its figures (extract/conditions.py).
    # Another work's model by its description (extract/described.py): "the commercial model".
    other_modifiers: frozenset[str] = frozenset()
    described_nouns: frozenset[str] = frozenset()
    other_nouns: frozenset[str] = frozenset()
    # Titles of sections about other work (extract/sections.py), lowercased.
    others_sections: frozenset[str] = frozenset()
    conditions: frozenset[str] = frozenset()
    inversions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Suppress:
    name: str
    types: tuple[str, ...]
    phrases: tuple[str, ...]
    window: int | None = None  # tokens either side of the claim; None: the whole sentence
    side: str = "both"  # "before" | "after" | "both": where the phrase stands (with a window)
    unless: tuple[str, ...] = ()  # phrases after the claim that keep it ("3 days of training")
    # Words that, among the first words of the next sentence, carry a sentence-wide rule into it
    # ("... each batch takes a rater 20 minutes to label. For 40 batches, this comes to 13 hours.").
    carry: tuple[str, ...] = ()
    # A count that names its device ("3 GPUs", "8 A100s") is hardware whatever the context says:
    # the rule drops only counts of other nouns ("1,000 nodes" of a graph).
    named_devices_stay: bool = False


@dataclass(frozen=True)
class HardwareVeto:
    name: str
    following: tuple[str, ...] = ()
    preceding: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grouping:
    """rules/grouping.toml [grouping]: which figures of neighbouring text tell one run."""

    marks: frozenset[str] = frozenset()  # separate two runs' figures in a sentence
    distributive: frozenset[str] = frozenset()  # "each", "both": a figure of every run just told
    run_nouns: frozenset[str] = frozenset()  # "run", "stage": after a distributive opener
    restate: frozenset[str] = frozenset()  # "(16 TPU chips total)": the same run's count again
    same: frozenset[str] = frozenset()  # "the same A40": the chip of a run told before
    anaphors: frozenset[str] = frozenset()  # "64 of them": the chips named before
    not_antecedents: frozenset[str] = frozenset()  # "100 epochs ... 3 of them": not chips


@dataclass(frozen=True)
class ModelSizes:
    """rules/sizes.toml [model_sizes]: "Llama-2-7B", "Mistral 7B" -> 7e9 parameters."""

    scales: dict[str, float] = field(default_factory=dict)  # suffix letter -> factor
    not_after: frozenset[str] = frozenset()  # "Figure 3B": words a size never follows
    not_names: frozenset[str] = frozenset()  # "LAION-5B": dataset names, not models
    not_before: frozenset[str] = frozenset()  # "5B images": a data count, not a model


@dataclass(frozen=True)
class Evidence:
    """rules/evidence.toml: what says a clause is about running compute (lowercased words)."""

    words: tuple[str, ...] = ()
    run_nouns: frozenset[str] = frozenset()  # what "a 3-day ..." must qualify to be a run length
    run_totals: frozenset[str] = frozenset()  # what makes a FLOP amount a run's total
    short_name_length: int = 0  # chip names this short need evidence of their own ("T4", "P5")
    min_duration_hours: float = 0.0  # a shorter duration in running text is no run's length
    # Besides the words above, what says a precision is a run's: the paper's own voice, and the
    # things a run keeps in a number format ("weights are kept in fp32", "matmuls use TF32").
    precision_words: frozenset[str] = frozenset()
    # "training on X": a duration inside X is data. The words that join a compute word to what
    # it runs on, and the words that end that object (another preposition, a clause's verb).
    data_objects: frozenset[str] = frozenset()
    object_ends: frozenset[str] = frozenset()
    # "an A100 is used for every run": verbs that put hardware to use, so a chip that is the
    # subject of its clause is the run's setup, not a datasheet's (whose.py, chip subjects).
    setup_verbs: frozenset[str] = frozenset()
    # A token count this small is no training set ("truncated to 512 tokens", "a vocabulary of
    # 50,257 tokens") unless its clause speaks of data or a total: one of ``data_words`` or
    # ``run_totals`` ("a budget of 650,000 tokens for the run").
    min_data_tokens: float = 0.0
    data_words: frozenset[str] = frozenset()
    # "takes", "lasted": evidence only beside something that runs (one of ``runners``, a run
    # noun, the paper's voice): "the tutorial takes 3 hours" is no compute.
    taking_verbs: frozenset[str] = frozenset()
    runners: frozenset[str] = frozenset()
    # Evidence words that name what a chip offers ("throughput"), not a run: beside them a chip
    # described in the present tense stays a datasheet's (extract/datasheet.py).
    datasheet_words: frozenset[str] = frozenset()
