"""Reported speech: a clause that tells what someone else says of a run ("Epoch AI estimates that
the final run consumed 2e25 FLOP", "A spokesperson told reporters that ...", "Sanderling-3B, its
model card notes, was pre-trained on ...", "The model is rumoured to have required ...").

Positive evidence, the construction rather than the source's name:
 - a reporting verb of rules/roles.toml ``[clauses] speech_verbs`` after its subject, a
   third-person noun phrase (its last word a noun or a name, a citation, or a pronoun such as
   "they" or "others"), perhaps with an auxiliary or an adverb between ("have suggested",
   "publicly stated");
 - a participle of ``hearsay_participles`` after a form of "be" and before "to" or "that" ("is
   rumoured to", "was said that"), or any reporting participle before "to have" ("is estimated
   to have required").
The paper's own reporting stays its own: the caller asks only of a clause with no first-person
word, and a subject with one of ``own_sources`` ("Table 3 reports", "the profiler reports",
"Preliminary results suggest"), a demonstrative ("These numbers indicate") or a gerund
("Profiling reports") is the paper's; so are, in a paper written in the third person, "the
authors" and "the paper". A verb form that reads as a noun or a participle is no report: after an
article ("the report"), before "of", a hyphen or a colon ("state-of-the-art", "Notes:"), an
"-ed" form before a preposition ("the numbers reported in Table 2").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Between a subject and its verb: "have suggested", "also claims", "publicly stated" (and -ly).
_AUXILIARIES = frozenset({"have", "has", "had", "also", "later", "once", "since", "even",
                          "themselves", "itself", "reportedly"})
# Stop words that are a third-person subject: "they say", "others report", "some estimate".
_PRONOUNS = frozenset({"they", "he", "she", "others", "some", "many", "most", "several"})
# The paper's own text pointing at itself: "These results suggest", "This confirms".
_DEMONSTRATIVES = frozenset({"this", "these", "here"})
# After a verb form, a noun or a compound: "state of the art", "state-of-the-art", "Notes:".
_NOUN_AFTER = frozenset({"of", "-", ":"})
# After an "-ed" form, a reduced relative clause, no report: "the numbers reported in Table 2",
# "the setup described above", "compute estimated with 6ND".
_PARTICIPLE_AFTER = frozenset({"in", "on", "at", "by", "from", "with", "using", "above", "below",
                               "here", "earlier", "later", "previously", "for", "as"})
_CLOSING = frozenset({")", "]"})  # a citation's end: "[12] report that ..."


def reported_speech(doc: Doc, clause: tuple[int, int], engine: Engine, *,
                    first_person: bool) -> bool:
    """Whether the clause ``doc[low:high]`` tells what someone else says (module docstring).
    ``first_person``: the paper speaks of itself as "we" somewhere."""
    low, high = clause
    words = engine.rules.clauses
    for index in range(low, high):
        word = doc[index].lower_
        if word in words.hearsay_participles or word in words.speech_verbs:
            if _passive_hearsay(doc, index, low, high, words.hearsay_participles):
                return True
            if (word in words.speech_verbs and _finite(doc, index, high)
                    and _third_person_subject(doc, low, index, engine, first_person,
                                              plural=word + "s" in words.speech_verbs)):
                return True
    return False


def _passive_hearsay(doc: Doc, index: int, low: int, high: int,
                     participles: frozenset[str]) -> bool:
    """"is rumoured to", "was said that", "is estimated to have": a passive of hearsay."""
    if index == low or doc[index - 1].lower_ not in _BE or index + 1 >= high:
        return False
    after = doc[index + 1].lower_
    if doc[index].lower_ in participles and after in ("to", "that"):
        return True
    return after == "to" and index + 2 < high and doc[index + 2].lower_ == "have"


def _finite(doc: Doc, index: int, high: int) -> bool:
    """Whether the verb form at ``index`` reads as a finite verb, not a noun or a participle."""
    if index + 1 >= high:
        return True  # "..., the authors say."
    after = doc[index + 1].lower_
    if after in _NOUN_AFTER:
        return False
    return not (doc[index].lower_.endswith("ed") and after in _PARTICIPLE_AFTER)


def _third_person_subject(doc: Doc, low: int, verb: int, engine: Engine, first_person: bool,
                          *, plural: bool) -> bool:
    """Whether a third-person subject, not the paper's own source, stands before ``verb``: the
    words after the last comma before it (or from the clause's start). ``plural``: the verb is a
    base form ("claim", "state"), which also reads as a noun after a noun ("the optimizer state
    for the 7B variant"): only a plural subject makes it a verb ("Forum posts claim", "Reports
    from the lab mention", "they say")."""
    head = verb - 1
    while head >= low and (doc[head].lower_ in _AUXILIARIES
                           or (doc[head].is_alpha and doc[head].lower_.endswith("ly"))):
        head -= 1
    if head < low:
        return False  # "Note that ...": an imperative, no subject
    start = head
    while start > low and doc[start - 1].text not in (",", ";", ":"):
        start -= 1
    words = engine.rules.clauses
    subject = {doc[i].lower_ for i in range(start, head + 1)}
    if subject & (words.own_sources | words.subjects | _DEMONSTRATIVES):
        return False
    if not first_person and subject & (words.makers | words.works) and "the" in subject:
        return False  # a paper in the third person: "The authors report ..." is its own
    if plural and not any(_plural(doc[i].lower_) for i in range(start, head + 1)):
        return False
    token = doc[head]
    if token.text in _CLOSING:
        return True
    if not token.is_alpha:
        return False
    if token.lower_ in _PRONOUNS:
        return True
    # An article or a preposition is no subject ("the report", "as noted"), nor a gerund
    # ("Profiling reports").
    return not (token.is_stop or token.lower_.endswith("ing"))


def _plural(word: str) -> bool:
    """A plural noun or pronoun by its form ("posts", "analysts", "they"), not "press" or "bus"."""
    return word in _PRONOUNS or (word.endswith("s") and not word.endswith(("ss", "us", "is")))
