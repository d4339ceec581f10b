"""Who ran it, when a clause names someone other than the paper's authors: an agent after "by"
("was pre-trained on 15T tokens by Meta") or another work's people as the subject ("The
authors report training on 16 TPU v3 chips", "the winning team's log shows 18 hours").

Positive evidence only: a run verb and its agent, a maker noun of rules/roles.toml
``[clauses] makers`` or an organisation of ``organisations`` under a third-person determiner,
or a possessive after "that" ("That model's final run"), or someone else's writing by a
possessive ("Per its report, ..."). :mod:`whose` asks these per clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperlint.extract.datasheet import FIRST_PERSON

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

# The auxiliary of a finite passive ("The model we start from was trained by Meta ..."): the run
# verb is the clause's own predicate, not a reduced relative ("the model released by Meta").
_PASSIVE_AUXILIARIES = frozenset({"was", "were", "is", "are", "been"})
# Determiners of someone else's people ("the authors", "its developers", "their team"), up to
# two words before the maker noun ("the original authors", "the winning team's").
_THIRD_PERSON = frozenset({"the", "its", "their", "those", "these", "that", "another"})
# A possessive after these is something named before, not the paper's own ("That model's final
# run", "Those systems' budgets"): the paper says "our" of its own.
_DEMONSTRATIVES = frozenset({"that", "those"})
_POSSESSIVE = frozenset({"'s", "'", "’s", "’"})


def passive_agent(doc: Doc, clause: tuple[int, int], engine: Engine, *,
                  finite: bool = False) -> bool:
    """Whether the clause names who ran it, someone else: a run verb of rules/roles.toml
    ``agent_verbs`` followed by "by" and a capitalised name ("was pre-trained on 15T tokens by
    Meta", "models released by DeepMind"). Not an acronym ("trained by SGD"), not hardware
    ("accelerated by NVIDIA GPUs" is no run verb, and a chip is no agent). ``finite``: only a
    verb with its passive auxiliary ("was trained by Meta"), the clause's own predicate, and a
    subject that is not the paper's ("Our detector was trained ... by Tamsin" is ours)."""
    low, high = clause
    verbs = engine.rules.clauses.agent_verbs
    verb = next((i for i in range(low, high) if doc[i].lower_ in verbs), None)
    if verb is None:
        return False
    if finite:
        first = next((i for i in range(low, verb) if doc[i].is_alpha), verb)
        if (verb == low or doc[verb - 1].lower_ not in _PASSIVE_AUXILIARIES
                or doc[first].lower_ in FIRST_PERSON):
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
        # "released by the lab", "trained by another team": someone else's people
        if (agent.lower_ in _THIRD_PERSON and index + 2 < high
                and doc[index + 2].lower_ in _people(engine)):
            return True
    return False


def third_person_makers(doc: Doc, clause: tuple[int, int], engine: Engine, *,
                        first_person: bool) -> bool:
    """Whether the clause's people are another work's: a maker noun of ``makers`` ("authors",
    "team", "developers") or an organisation of ``organisations`` ("group", "lab") after a
    third-person determiner ("its developers", "the original authors", "the winning team's
    log", "another lab"), or a possessive after "that" ("That model's final run"). Bare "the
    authors" are another work's only in a paper that speaks of itself in the first person
    (``first_person``): written in the third person, a paper calls itself so ("The authors
    trained all models on 24 GPUs"); bare "the group" is never an organisation. The caller asks
    only of a clause with no first-person word ("our team", "we thank the authors")."""
    low, high = clause
    if _demonstrative_possessive(doc, clause) or _possessed_writing(doc, clause, engine):
        return True
    people = _people(engine)
    for index in range(low, high):
        if doc[index].lower_ not in people:
            continue
        maker = doc[index].lower_ in engine.rules.clauses.makers
        for back in range(index - 1, max(low, index - 3) - 1, -1):
            word = doc[back].lower_
            if word in _THIRD_PERSON:
                # "the authors" bare: which authors the paper's voice tells; "the original
                # authors", "its developers": someone else's whatever the voice
                if (first_person and maker) or word != "the" or back < index - 1:
                    return True
                break
    return False


# Possessive determiners of someone else: the paper calls its own writing "our report".
_THIRD_POSSESSIVES = frozenset({"its", "their", "his", "her"})


def _possessed_writing(doc: Doc, clause: tuple[int, int], engine: Engine) -> bool:
    """Whether the clause cites someone else's writing by a possessive ("Per its report, ...",
    "their model card lists ...", "its technical report gives ..."): a third-person possessive
    and, up to two words after it, a noun of ``works`` or ``writings``."""
    low, high = clause
    words = engine.rules.clauses
    writings = words.works | words.writings
    for index in range(low, high):
        if doc[index].lower_ in _THIRD_POSSESSIVES and any(
                doc[i].lower_ in writings for i in range(index + 1, min(high, index + 4))):
            return True
    return False


def _people(engine: Engine) -> frozenset[str]:
    return engine.rules.clauses.makers | engine.rules.clauses.organisations


def _demonstrative_possessive(doc: Doc, clause: tuple[int, int]) -> bool:
    """Whether the clause holds "that X's" or "those X'" ("That model's final run spanned 54
    days", "That group's model required 4,000 GPU-days"): something named before, whose run
    it is; the paper calls its own "our"."""
    low, high = clause
    return any(doc[index].lower_ in _DEMONSTRATIVES and doc[index + 1].is_alpha
               and doc[index + 2].text in _POSSESSIVE for index in range(low, high - 2))
