"""Whose run a pronoun tells: "We analyse Falcon-40B. It was trained on 384 A100 GPUs" reports
Falcon-40B's run, "We introduce Wisp. It was trained on 64 H100 GPUs" the paper's own.

A sentence whose first clause opens with an anaphor of rules/roles.toml ``[clauses]``
(``anaphor_subjects``: "It", "Its"; "These" before a verb; or "this", "that", "the" before one
of ``model_nouns``: "This model", "The model") and holds no first-person word takes its owner
from the sentence before: another work's when that sentence names a model the paper does not
call its own (a name with a digit or inner capitals, an all-capital word, a capitalised word the
paper never writes in lower case) and names none of the paper's own ("our model", "our
detector", a name it introduces).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperlint.extract.datasheet import FIRST_PERSON, OWN_PHASES, clause_of
from paperlint.extract.names import MODEL_NAME, Names
from paperlint.extract.whose import SUBJECT_TYPES, hardware_or_format

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine
    from paperlint.extract.roles import Clause
    from paperlint.extract.sentence import Sentence
    from paperlint.extract.types import RawClaim

_DETERMINERS = frozenset({"this", "that", "the", "these", "those"})
# "These" and "Those" stand for something only before a verb ("These were trained ..."); before
# a noun they are its determiner.
_PLURAL_PRONOUNS = frozenset({"these", "those"})
_PLURAL_VERBS = frozenset({"were", "are", "have", "had", "took", "take", "ran", "run", "saw",
                           "need", "use", "required", "require"})


def opens_with_anaphor(doc: Doc, low: int, high: int, engine: Engine) -> bool:
    """Whether ``doc[low:high]`` opens with an anaphor as its subject ("It was trained ...",
    "This model took ...") and has no first-person word."""
    words = engine.rules.clauses
    # The first two words only, then the first-person check: most sentences stop at the first.
    tokens = []
    for index in range(low, high):
        if not (doc[index].is_space or doc[index].is_punct):
            tokens.append(index)
            if len(tokens) == 2:
                break
    if not tokens:
        return False
    first = doc[tokens[0]].lower_
    second = doc[tokens[1]].lower_ if len(tokens) > 1 else ""
    opens = (first in words.anaphor_subjects
             # "These were pre-trained on ...", not "These results show ..."
             or (first in _PLURAL_PRONOUNS and (second in _PLURAL_VERBS or second.endswith("ed")))
             or (first in _DETERMINERS and second in words.model_nouns))
    return opens and not any(doc[i].lower_ in FIRST_PERSON for i in range(low, high))


def foreign_antecedent(doc: Doc, low: int, high: int, names: Names, engine: Engine) -> bool:
    """Whether the sentence ``doc[low:high]`` names another work's model and none of the
    paper's own, so that an anaphor in the next sentence points at that other model."""
    words = engine.rules.clauses
    foreign = False
    for index in range(low, high):
        token = doc[index]
        lower = token.lower_
        if lower in ("our", "ours") and any(doc[i].lower_ in words.model_nouns
                                            for i in range(index + 1, min(high, index + 4))):
            return False  # "Our detector replaces ResNet-152": the paper's own is the subject
        if names.is_own(token.text):
            return False  # "We introduce Wisp, a 1B-parameter model"
        if not foreign and _model_name(doc, index, names, engine):
            foreign = True
    return foreign


def _model_name(doc: Doc, index: int, names: Names, engine: Engine) -> bool:
    """Whether token ``index`` names a model: its shape, or a capitalised word inside the
    sentence that the paper never writes in lower case; never a chip, a maker, a number format
    or a device noun."""
    token = doc[index]
    text = token.text
    if hardware_or_format(token, engine) or token.is_stop:
        return False
    # its shape: a digit with a letter ("Falcon-40B"), inner capitals ("AlphaFold"), or all
    # capitals of four letters or more ("BLOOM", "BERT")
    if MODEL_NAME.match(text) or (len(text) >= 4 and text.isalpha() and text.isupper()):
        return True
    return (token.is_alpha and text[:1].isupper() and not token.is_sent_start
            and index > 0 and not doc[index - 1].is_punct and len(text) > 2
            and token.lower_ not in names.lowered)


def foreign_runs(sentence: Sentence, pairs: list[tuple[RawClaim, str]],
                 clauses: Sequence[Clause]) -> list[tuple[RawClaim, str]]:
    """``pairs`` with the run figures of the clause that opens with the anaphor made another
    work's (the caller found that the sentence before names another work's model)."""
    doc, engine = sentence.doc, sentence.engine
    spans = [(c.start, c.end) for c in clauses] or [(sentence.first, sentence.last)]
    out = []
    for claim, role in pairs:
        low, high = clause_of(spans, claim)
        if (claim.type in SUBJECT_TYPES and role in OWN_PHASES
                and opens_with_anaphor(doc, low, high, engine)):
            role = "other-work"
        out.append((claim, role))
    return out
