"""Whose compute is it, where a cue phrase does not say: rules that read a clause as a whole.

The cue phrases of rules/roles.toml decide most roles (:mod:`roles`). What they cannot see is
read clause by clause, each from positive evidence:

 - **Another model as the subject.** "Gopher's training took 920 hours on 4096 TPUv3 chips",
   "ViT-H/14 required 2.5k TPUv3-core-days", "GPT-3 was trained on 300B tokens": a clause whose
   subject is a model's name, with no first-person word in it, reports that model's compute:
   always when the name has a possessive, is cited, or the paper names its own models
   otherwise; in a paper that never does, when the clause is told in the past (the paper's own
   method is told in the present: "Owl-2 is trained on 512 GPUs"). The paper's own models are
   the names it introduces as its own ("we propose Finch", "our Finch-7B", "we fine-tune
   BERT-base"), read once per document (extract/names.py); those stay the paper's, and so does
   a name that labels a line ("MobileNetV3-Small: 56 MFLOPs"). A name after a training word is
   read the same way ("Training GPT-3 took 3.14e23 FLOP", "The training of PaLM consumed ...").
 - **A citation as the subject.** "\\citet{x} trained a 175B-parameter model on 300B tokens":
   a clause that opens with a citation and has no first-person word reports the cited work's
   run, its size and tokens too (a citation elsewhere in a clause marks only compute figures,
   since it often just names the model the paper builds on).
 - **A FLOP figure with no run.** "Our backbone needs 3.8 billion FLOPs", a table of per-image
   FLOPs: a FLOP amount is training compute only when its clause (or its table's header or
   caption) speaks of training or of a total or budget, or when it is too large to be the cost
   of one input (1e16 FLOP and up); otherwise it is a model's cost per example.
 - **A figure of the hardware, not of a run**: extract/datasheet.py.
 - **Someone else's people or agent**: "was trained by Meta", "the authors report training on
   ...", "the winning team's log": extract/agents.py.
 - **Someone else's words**: "Epoch AI estimates that ...", "its model card notes":
   extract/speech.py.
 - **A model described as someone else's**: "The commercial model, trained over 4 months on
   ...", "Its closest competitor required ...": extract/described.py.
 - **A supposition with no modal**: "Assuming 1,024 A100 GPUs, training ends in 20 days":
   extract/conditions.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from paperlint.extract.agents import passive_agent, third_person_makers
from paperlint.extract.conditions import supposed_span
from paperlint.extract.datasheet import (
    FIRST_PERSON,
    OWN_PHASES,
    SentenceView,
    chip_roles,
    clause_of,
    inside,
)
from paperlint.extract.described import described_as_others
from paperlint.extract.names import MODEL_NAME, Names
from paperlint.extract.speech import reported_speech
from paperlint.extract.types import Kind, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from paperlint.extract.engine import Engine
    from paperlint.extract.roles import Clause
    from paperlint.extract.sentence import Sentence

# No model's cost for one input comes near this (a forward pass of a trillion-parameter model
# over a 4k-token input is about 1e16 FLOP; image and video models stay below 1e13), and no
# training run worth reporting is as small: a larger FLOP amount is never a per-example cost.
_LARGEST_PER_EXAMPLE = 1e16
# Words that stand before a clause's subject without being it.
_LEAD_WORDS = frozenset({"the", "a", "an", "its", "for", "comparison", ",", "as", "is", "well",
                         "known", "whereas", "while", "unlike", "although", "by", "contrast",
                         "in", "original", "public", "released",
                         # "Where BERT-Large needed four days on 16 TPUs, our model ...": a contrast
                         "where"})
_TRAIN_WORD = re.compile(r"(?i)train|tun|sft|rlhf|dpo|budget|run")
# A version or size after a model's name: "2", "2.5", "70B", "350M".
_VERSION = re.compile(r"^(?:\d+(?:\.\d+)?[MBK]?|v\d+(?:\.\d+)?)$")
_FINE_TUNED = re.compile(r"(?i)\b(?:fine-?\s*tun|finetun|instruction-?\s*tun)")
_JOINERS = frozenset({"-", "/", "."})
_PAST = frozenset({"was", "were", "had", "took", "ran", "spent", "saw"})
_ARTICLES = frozenset({"the", "a", "an", "its", "their", "this", "that"})
# The present verbs of a run with a singular subject ("Osprey uses 2,048 chips").
_SINGULAR_VERBS = frozenset({"is", "uses", "needs", "requires", "takes", "consumes", "runs"})
_BEFORE_VERB = frozenset({"also", "only", "then", "first", "still", "itself"})
# The first-person words that make a clause the paper's own whatever its subject: not the object
# forms, which compare ("PaLM's 6,144-chip run dwarfs ours").
_OWN_SUBJECTS = FIRST_PERSON - {"ours", "us"}
# The roles a clause's subject can make another work's: the paper's own phases, and serving
# ("The commercial model, trained on 16,000 H100 GPUs, leads the benchmark" is its inference).
_OWN_OR_SERVING = OWN_PHASES | {"inference"}
# Claim types whose clause's subject decides whose they are. A precision is often the named base
# model's own ("Gemma 2 natively uses bf16") in a paper that trains with it.
SUBJECT_TYPES = frozenset({"hardware", "chip_count", "duration", "chip_hours", "flop", "params",
                           "tokens"})


def _versioned_name(doc: Doc, index: int, after: int, high: int, engine: Engine) -> int:
    """How many version and size tokens follow a capitalised word, or a name of capitalised words
    ending at ``after``, and make it a model's name ("Llama 2 70B", "Mistral 7B", "Qwen 2.5",
    "Stable Diffusion v1"): 0 for anything else, and for the labels and run nouns and function
    words a number follows just as well ("Table 2", "Stage 1", "Run 3", "On 1B-parameter
    models")."""
    head = doc[index]
    word = head.lower_
    if (after <= index or not head.is_alpha or not head.text[:1].isupper() or head.is_stop
            or word in engine.rules.model_sizes.not_after
            or word in engine.rules.grouping.run_nouns):
        return 0
    count = 0
    while after + count < high and count < 2 and _VERSION.match(doc[after + count].text):
        count += 1
    return count


def _hyphenated_name(doc: Doc, index: int, after: int, engine: Engine) -> bool:
    """Whether tokens ``[index, after)`` join into a model's name with a capitalised suffix
    ("BERT-Large", "T5-XXL", "ViT-Huge"): capitals after the joiner, and no part a chip, a device
    or a maker ("Multi-GPU", "NVIDIA-SMI"). Not a phrase in lower case ("Fine-tuning took ...")."""
    parts = [doc[i] for i in range(index, after) if doc[i].text not in _JOINERS]
    if len(parts) == after - index:
        return False  # no joiner: words in a row ("Distributed CG on H200 GPUs")
    if len(parts) < 2 or not parts[0].text[:1].isupper() or not parts[-1].text[:1].isupper():
        return False
    return not any(engine.is_name_word(part) or part.lower_ in engine.device_words
                   or engine.catalogue.lookup(part.text) is not None for part in parts)


def hardware_or_format(token: Token, engine: Engine) -> bool:
    """Whether a token names hardware or a number format, never a model: a maker ("NVIDIA"), a
    device noun ("GPU"), a chip of the catalogue ("Gaudi2"), a precision ("FP8")."""
    text = token.text
    return (engine.is_name_word(token) or token.lower_ in engine.device_words
            or engine.catalogue.lookup(text) is not None or text in engine.rules.precision
            or token.lower_ in engine.rules.precision)


def _plain_name(doc: Doc, index: int, high: int, names: Names, engine: Engine) -> bool:
    """Whether a plain capitalised word opening a clause is a model's name as the subject of its
    verb ("Osprey was pre-trained on ...", "Nimbus, by comparison, used ..."): no ordinary word
    (the paper writes it in lower case somewhere, a stop word, a process noun, a plural or an
    adverb by its ending, rules/roles.toml ``process_endings``; no article before it), and a
    singular verb after it, past or present, perhaps after an aside set off by commas ("Models
    were trained" is a plural noun)."""
    token = doc[index]
    word = token.lower_
    if index > 0 and doc[index - 1].lower_ in _ARTICLES:
        return False  # "The LLM uses ...": a common noun (a name goes without an article)
    if (not token.is_alpha or len(word) < 3 or not token.text[0].isupper() or token.is_stop
            or word in names.lowered or word.endswith(tuple(engine.rules.clauses.process_endings))
            or word in engine.rules.model_sizes.not_after
            or word in engine.rules.grouping.run_nouns):
        return False
    verb = index + 1
    if verb < high and doc[verb].text == ",":  # ", by comparison,": an aside before the verb
        verb = next((i + 1 for i in range(verb + 1, min(high, verb + 6)) if doc[i].text == ","),
                    high)
    while verb < high and (doc[verb].lower_.endswith("ly") or doc[verb].lower_ in _BEFORE_VERB):
        verb += 1
    if verb >= high:
        return False
    following = doc[verb].lower_
    return following in _PAST - {"were"} or following in _SINGULAR_VERBS or (
        doc[verb].is_alpha and following.endswith("ed"))


def _past_size(doc: Doc, index: int, high: int) -> int:
    """The token after a model size that stands before a name ("175B-parameter", "7B"), or
    ``index`` where none does."""
    if index >= high or not _VERSION.match(doc[index].text):
        return index
    if (index + 2 < high and doc[index + 1].text == "-"
            and doc[index + 2].lower_ in ("parameter", "param")):
        return index + 3
    return index + 1 if doc[index].text[-1:] in "MBK" else index


def _subject_name(doc: Doc, clause: tuple[int, int], names: Names, engine: Engine) -> bool:
    """Whether the clause's subject is another work's model (module docstring): a name the paper
    does not call its own ("Gopher's training took ...", "GPT-3 was trained on ...", "the
    original T5 models"), or the makers of a named model ("the BERT authors"); not a chip, a
    number format or a label."""
    low, high = clause
    index = low
    original = False  # "The original T5 models were trained ...": the model as first released
    while index < high and (doc[index].is_space or doc[index].is_punct
                            or doc[index].lower_ in _LEAD_WORDS):
        original = original or doc[index].lower_ == "original"
        index += 1
    index = _past_size(doc, index, high)  # "The 175B-parameter GPT-3 saw 300B tokens"
    if index >= high:
        return False
    token = doc[index]
    if token.is_stop:
        return False  # "This paper's largest model", "Each run": no model's name
    text = token.text
    # A name of a few capitalised words ("Stable Diffusion's first release", "the BERT authors"):
    # what follows it says whether another work is the subject.
    after = index + 1
    while after < high and not doc[after - 1].whitespace_ and (
            doc[after].text in _JOINERS or doc[after - 1].text in _JOINERS):
        after += 1  # a name in several tokens: "ViT-H/14", "GPT-3.5"
    while (after < high and after - index < 4 and doc[after].text[:1].isupper()
           and doc[after].text.isalnum()):
        after += 1
    versioned = _versioned_name(doc, index, after, high, engine)
    after += versioned
    clause_words = engine.rules.clauses
    if after < high and doc[after].lower_ in clause_words.makers and text[:1].isupper():
        return True  # "The BERT authors pre-trained ...": the makers of a named model
    if (after < high and doc[after].lower_ in clause_words.works and text[:1].isupper()
            and text.lower() not in names.own):
        return True  # "The Chinchilla study fitted ...": a named model's paper
    possessive = after < high and doc[after].lower_ in ("'s", "’s")
    if any(doc[i].text == ":" for i in range(index + 1, min(high, after + 4))):
        # "MobileNetV3-Small: 56 MFLOPs and 2.5M parameters", "Janus-Pro 1B Model Training:": a
        # label or a heading
        return False
    # A hyphenated name with a capital suffix ("BERT-Large") may as well name a dataset or a
    # method ("Hatespeech-Kumar"): only its run told in the past makes it another work's.
    hyphenated_only = not (possessive and text[:1].isupper()) and not MODEL_NAME.match(text) \
        and not versioned
    plain = hyphenated_only and after == index + 1 and _plain_name(doc, index, high, names, engine)
    if hyphenated_only and not plain and not _hyphenated_name(doc, index, after, engine):
        return False
    if hardware_or_format(token, engine):
        return False  # "NVIDIA", "GPU", "Gaudi2", "FP8": hardware and formats, not a model
    if names.is_own(text):
        return False
    stem = re.split(r"[-/]", text)[0].lower()
    if (not hyphenated_only or plain) and (possessive or original or bool(names.own)
                                           or text.lower() in names.cited
                                           or stem in names.cited):
        return True
    # A paper that never says which models are its own tells its method in the present ("Owl-2
    # is trained on 512 GPUs"); another work's run is told in the past ("GPT-3 was trained on
    # 300B tokens", "ViT-H/14 needed 2,500 core-days").
    verb = after
    while verb < high and (doc[verb].lower_.endswith("ly") or doc[verb].lower_ in _BEFORE_VERB):
        verb += 1  # "GPT-3 originally used ..."
    # A named base model fine-tuned is the paper's own work on it ("Mistral 7B was fine-tuned
    # on 8 H100s"): only a model's own training told in the past is another work's.
    if _FINE_TUNED.search(doc[verb : min(high, verb + 4)].text):
        return False
    return verb < high and (doc[verb].lower_ in _PAST or (
        doc[verb].is_alpha and doc[verb].lower_.endswith("ed")))


def _maker_as_subject(doc: Doc, clause: tuple[int, int], names: Names, engine: Engine) -> bool:
    """Whether a named maker ran the clause's run in the active voice: a capitalised subject, a
    run verb of ``agent_verbs`` and a model's name as its object ("DeepMind trained AlphaFold on
    128 TPU v3 cores", "OpenAI pre-trained GPT-2 on 32 TPU v3 chips") or a common noun after a
    determiner ("Google trained the production model on ..."). The paper's own run has a
    first-person subject, or an object the paper calls its own."""
    low, high = clause
    index = low
    while index < high and (doc[index].is_space or doc[index].is_punct):
        index += 1
    if index + 2 >= high or not doc[index].text[:1].isupper() or doc[index].lower_ in FIRST_PERSON:
        return False
    if doc[index].lower_ in engine.device_words:
        return False
    verb = index + 1
    word = doc[verb].lower_
    if verb + 2 < high and doc[verb + 1].text == "-":  # "pre-trained" in three tokens
        word, verb = word + "-" + doc[verb + 2].lower_, verb + 2
    if word not in engine.rules.clauses.agent_verbs:
        return False
    model = verb + 1
    while model < high and doc[model].lower_ in ("the", "its", "their", "a", "an"):
        model += 1
    if model >= high:
        return False
    if model > verb + 1 and doc[model].is_alpha and doc[model].text.islower():
        # "Google trained the production model on 4,096 TPU v4 chips": a maker and a common
        # noun; not a pronoun or a word like "Each" ("It trained the student ...")
        return not doc[index].is_stop
    text = doc[model].text
    named = MODEL_NAME.match(text) or _versioned_name(doc, model, model + 1, high, engine)
    if not named or engine.is_name_word(doc[model]):  # "Meta trained Llama 3 405B on ..."
        return False
    return not names.is_own(text)


# A run named by what it trained: "Training GPT-3 took ...", "The training of PaLM consumed ...",
# "To train Stable Diffusion, ...". Not fine-tuning: a paper fine-tunes the models it names.
_TRAINING_WORDS = frozenset({"training", "pre-training", "pretraining", "train", "pre-train",
                             "pretrain"})
_BEFORE_TRAINING = frozenset({"the", "to", "of"})


def _trained_name(doc: Doc, clause: tuple[int, int], names: Names, engine: Engine) -> bool:
    """Whether the clause opens with the training of a model named as another work's, read as
    :func:`_subject_name` reads a name that is the subject ("Training GPT-3 took 3.14e23 FLOP",
    "Pre-training BERT-Large required 4 days on 16 Cloud TPUs")."""
    low, high = clause
    index = low
    while index < high and (doc[index].is_space or doc[index].is_punct
                            or doc[index].lower_ in _BEFORE_TRAINING):
        index += 1
    word = doc[index].lower_ if index < high else ""
    if index + 2 < high and doc[index + 1].text == "-":  # "pre-training" in three tokens
        word, index = word + "-" + doc[index + 2].lower_, index + 2
    if word not in _TRAINING_WORDS:
        return False
    index += 1
    if index < high and doc[index].lower_ in ("of", "the"):  # "The training of PaLM"
        index += 1
    return index < high and not doc[index].is_stop and _subject_name(
        doc, (index, high), names, engine)


def _others_run(doc: Doc, clause: tuple[int, int], names: Names, engine: Engine, *,
                cited: bool) -> bool:
    """Whether a clause with no first-person word tells someone else's run: a cited or named
    model as its subject, an agent after "by", a maker with a model's name, another work's
    people (extract/agents.py), what someone else says (extract/speech.py), or a model
    described as someone else's (extract/described.py)."""
    return (cited or _subject_name(doc, clause, names, engine)
            or _trained_name(doc, clause, names, engine)
            or passive_agent(doc, clause, engine)
            or _maker_as_subject(doc, clause, names, engine)
            or third_person_makers(doc, clause, engine, first_person=names.first_person)
            or reported_speech(doc, clause, engine, first_person=names.first_person)
            or described_as_others(doc, clause, engine))


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
    others: dict[tuple[int, int], bool] = {}  # whose a clause's run is, read once per clause
    supposed = supposed_span(doc, sentence.first, sentence.last, [c for c, _ in pairs], engine)
    for claim, role in pairs:
        if supposed and role in OWN_PHASES and supposed[0] <= claim.start < supposed[1]:
            role = "hypothetical"  # "Assuming 1,024 A100 GPUs, training ends in 20 days"
        clause = clause_of(spans, claim)
        words = {doc[i].lower_ for i in range(*clause)}
        if subjects and claim.type in SUBJECT_TYPES and role in _OWN_OR_SERVING:
            if clause not in others:
                others[clause] = (
                    _others_run(doc, clause, names, engine, cited=clause in cited_subjects)
                    if not words & _OWN_SUBJECTS
                    # "The model we start from was trained by Meta on ...": a first-person word
                    # in a relative clause, the clause's own predicate a passive with an agent
                    else passive_agent(doc, clause, engine, finite=True))
            if others[clause]:
                role = "other-work"
        if (claim.type == "flop" and role in OWN_PHASES and not training_context
                and isinstance(claim.value, float) and claim.value < _LARGEST_PER_EXAMPLE):
            text = doc[claim.start : claim.end].text.lower()
            # A verb of training, not of taking: "processing one clip takes 180 GFLOP" is a
            # cost per input.
            trained = any(m.kind is Kind.CUE and cues[m.rule].role in ("training", "fine-tuning")
                          and inside(m, clause) and _TRAIN_WORD.search(doc[m.start:m.end].text)
                          for m in matches)
            totals = words & engine.rules.evidence.run_totals
            if not (trained or totals or "train" in text or "total" in text):
                role = "per-example"  # a model's cost per input, not a run's compute
        out.append((claim, role))
    view = SentenceView(doc, matches, spans, engine)
    return chip_roles(view, out, subjects=subjects, training_context=training_context)
