"""Roles: whose compute a claim is and what for, from cue phrases in rules/roles.toml.

Three kinds of cue (the ``mode`` of each rule):
 - ``after``: a cue right after the claim ("4.2 GFLOPs per image") makes it per-example;
 - ``sentence``: a cue anywhere in the sentence overrides (thanks, "would take", another paper);
   the lowest priority number wins;
 - ``citation``: like ``sentence``, for a sentence holding a citation (no phrase to match; see
   :mod:`paperlint.extract.citations`);
 - ``nearest``: the paper's own phases (training, fine-tuning, inference); the cue nearest the claim
   wins, so "40 days between the start of training and the evaluation ..." stays training.
A cue of ``scope`` "clause" (the other-work cues) and its ``unless`` words act only within their
clause (:func:`split_clauses`), so in "Unlike [3], which used 512 TPUs, we train on 8 GPUs" the
citation marks 512 TPUs and "we" keeps 8 GPUs the paper's own.
A claim with no cue is "unspecified". Suppression rules (rules/context.toml) drop claims that are
human time, signal rates or graph nodes.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperlint.extract.types import HARDWARE_KINDS, Kind, Match, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine
    from paperlint.extract.rule_types import Clauses, Cue

# Specification cues ("peak", "up to") describe hardware facts; they only apply to these types, so
# "trained on up to 5T tokens" stays training.
_SPECIFICATION_TYPES = frozenset({"flop_rate", "hardware"})


@dataclass(frozen=True)
class Clause:
    """Tokens ``[start, end)`` of one clause of a sentence, for the cues of scope "clause"."""

    start: int
    end: int
    cited: bool = False  # a citation stands in it, or just before it (a relative clause)
    inherited: tuple[Match, ...] = ()  # cue matches just before a relative clause ("et al., who")
    # A citation is its subject: it opens the clause ("\citet{x} trained a 175B model on ...").
    cited_subject: bool = False


def assign_role(claim: RawClaim, matches: Sequence[Match], engine: Engine, *, cited: bool = False,
                clause: Clause | None = None, part: Clause | None = None) -> str:
    """The role of ``claim`` given the cue matches of its sentence. ``cited``: the sentence
    holds a citation, which the ``citation`` cues read as a sign of another work. ``clause``:
    the claim's clause, when the sentence has more than one and a clause cue tells them apart;
    ``part``: its clause in any case, where a phase cue inside it beats a nearer one outside."""
    cues = engine.rules.cues

    def here(match: Match, index: int) -> bool:
        """Whether a match of cue ``index`` acts on the claim: a clause cue's only in its clause."""
        return (clause is None or cues[index].scope != "clause"
                or (clause.start <= match.start and match.end <= clause.end))

    cancelled = {m.rule for m in matches if m.kind is Kind.NOCUE and here(m, m.rule)
                 and (not cues[m.rule].unless_types or claim.type in cues[m.rule].unless_types)}
    found: list[tuple[Cue, Match | None]] = [
        (cues[m.rule], m) for m in matches
        if m.kind is Kind.CUE and m.rule not in cancelled and here(m, m.rule)
    ]
    if clause is not None:
        found += [(cues[m.rule], m) for m in clause.inherited if m.rule not in cancelled]
    # A citation has no phrase to match: its cues join the sentence cues, unless cancelled
    # ("Following [4], we train ..." stays the paper's own run).
    found += [(cue, None) for index, cue in enumerate(cues)
              if cue.mode == "citation" and index not in cancelled
              and (clause.cited if clause is not None and cue.scope == "clause" else cited)]
    for cue, match in found:
        if match is None:
            continue
        if cue.mode == "after" and not claim.per_epoch_resolved and (
                not cue.types or claim.type in cue.types):
            window = cue.window or 4
            if claim.end <= match.start <= claim.end + window and (
                    clause is None or match.end <= clause.end):  # not across "; each ..."
                return cue.role
    sentence = sorted(
        ((cue, m) for cue, m in found if cue.mode in ("sentence", "citation")),
        key=lambda pair: pair[0].priority,
    )
    for cue, _ in sentence:
        if cue.role == "specification" and claim.type not in _SPECIFICATION_TYPES:
            continue
        if cue.types and claim.type not in cue.types:
            continue
        return cue.role
    nearest: tuple[bool, bool, int, int, str] | None = None
    for cue, match in found:
        if cue.mode != "nearest" or match is None:
            continue
        if match.end <= claim.start:
            distance = claim.start - match.end
        elif match.start >= claim.end:
            distance = match.start - claim.end
        else:
            distance = 0
        # A phase named in the claim's own clause wins over a nearer one in the next clause:
        # "Pre-training ran 14 days on 256 GPUs; the fine-tuning stage needed 10 hours".
        outside = part is not None and not (part.start <= match.start
                                            and match.end <= part.end)
        key = (outside, cue.generic and not outside, distance, cue.priority, cue.role)
        if nearest is None or key < nearest:
            nearest = key
    return nearest[-1] if nearest else "unspecified"


# Commas and marks inside brackets ("[3, 14]", "(Lovelace, 1843)") cut no clause.
_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")
# ", so that ..." and ", so as to ...": a purpose, not a result; no clause of its own.
_PURPOSE = frozenset({"that", "as"})


def split_clauses(doc: Doc, first: int, last: int, matches: Sequence[Match], engine: Engine,
                  cites: Collection[int] = ()) -> list[Clause]:
    """The clauses of the sentence ``doc[first:last]``, cut by rules/roles.toml ``[clauses]``:
    marks (";"); a comma before a subject, or a conjunction and a subject (", and each ablation
    used ..."); openers and asides (", whereas ...", ", far less than ...") and a fronted phrase
    with a citation ("Using the code of [3], ..."), each up to its comma; a relative word after
    a citation, a clause cue or their comma ("[3], which used ..."), taking that citation or cue.
    ``cites``: the tokens a citation stands just before. Without these: one clause."""
    words = engine.rules.clauses
    tokens = [index for index in range(first, last) if not doc[index].is_space]  # no "\n"
    if not tokens:
        return [Clause(first, last)]
    # Where another work is named: the tokens a citation or a clause cue's phrase stands before.
    marked = {_unspaced(doc, cite, last) for cite in cites}
    named = marked | {_unspaced(doc, m.end, last) for m in matches if clause_cue(m, engine)}
    cuts: list[tuple[int, bool]] = []  # (first token of a clause, whether it is relative)
    # Relative clauses right after an opener's clause ("Unlike BERT, which was trained on ..."):
    # "which" is about what the opener names, so it takes the opener clause's cues.
    after_opener: set[int] = set()
    depth = 0
    closing = opened = any(doc[t].lower_ in words.openers for t in tokens[:2])  # to its comma
    beyond = dict(itertools.pairwise(tokens))  # each token's next one
    fronting = doc[tokens[0]].lower_ in words.fronted  # "Using [3]'s code, training took ..."
    for index, following in itertools.pairwise(tokens):
        text, after = doc[index].lower_, doc[following].lower_
        if text in _OPENING:
            depth += 1
            continue
        if text in _CLOSING:
            depth = max(0, depth - 1)
        if depth:
            continue
        if text in words.marks or (text in words.subject_marks and after in words.subjects):
            cuts.append((following, False))
            closing = opened = after in words.openers
        elif text in words.conjunctions and after in words.modals:  # "and would expect"
            cuts.append((index, False))
            closing = opened = False
        elif after in words.relative and (following in named or (text == "," and index in named)):
            cuts.append((following, True))
            closing, opened = True, False
        elif text == "," and opened and after in words.relative:
            cuts.append((following, True))
            after_opener.add(following)
            closing, opened = True, False
        elif text == "," and _comma_cuts(doc, following, beyond, words, closing or (
                fronting and any(m <= index for m in marked))):
            fronting = False
            cuts.append((following, False))
            closing = opened = after in words.openers or _aside_starts(doc, following, beyond,
                                                                         words.asides)
    if not cuts:
        return [Clause(first, last, cited_subject=_unspaced(doc, first, last) in marked)]
    bounds = [first, *(start for start, _ in cuts), last]
    relative = [False, *(flag for _, flag in cuts)]
    clauses = []
    for previous, start, end, attached in zip([first, *bounds], bounds, bounds[1:], relative,
                                              strict=False):
        # A citation belongs to the clause of the token it follows.
        cited = any(start <= max(cite - 1, first) < end for cite in cites)
        inherited: tuple[Match, ...] = ()
        if attached:
            # What the relative word refers to stands just before it, or before its comma.
            comma = max(index for index in tokens if index < start)
            before = comma if doc[comma].text == "," else start
            cited = cited or before in marked
            inherited = tuple(m for m in matches if clause_cue(m, engine) and (
                _unspaced(doc, m.end, last) == before
                or (start in after_opener and previous <= m.start and m.end <= before)))
        clauses.append(Clause(start, end, cited, inherited, _unspaced(doc, start, last) in marked))
    # A fronted phrase is cut off by a comma and has no subject of its own: "With 8 GPUs we
    # trained for 3 days; it would take ..." is a clause that tells a run.
    comma = max(index for index in tokens if index < clauses[1].start)
    if (doc[tokens[0]].lower_ in words.fronted and not relative[1] and doc[comma].text == ","
            and not any(doc[i].lower_ in words.subjects for i in tokens if i < comma)):
        clauses[0] = _fronted(clauses[0], clauses[1], matches, engine)
    return clauses


def _comma_cuts(doc: Doc, following: int, beyond: dict[int, int], words: Clauses,
                cut_anyway: bool) -> bool:
    """Whether the comma before token ``following`` begins a clause: not before a writer's aside
    (", we expect, ..."); before a subject, an opener, a conjunction and a subject, a result
    (", so the final model ..."; not "so that") or an aside (", far less than ..."), or when
    ``cut_anyway`` (an opener's or a fronted citation's clause ends at its comma)."""
    if _parenthetical(doc, following, beyond, words.parentheticals):
        return False
    after = doc[following].lower_
    second = doc[beyond[following]].lower_ if following in beyond else None
    return (cut_anyway or after in words.subjects or after in words.openers
            or (after in words.conjunctions and second in words.subjects)
            or (after in words.results and second is not None and second not in _PURPOSE)
            or _aside_starts(doc, following, beyond, words.asides))


def _parenthetical(doc: Doc, start: int, beyond: dict[int, int], verbs: Collection[str]) -> bool:
    """Whether a word (its subject), one of ``verbs`` and a comma follow the comma before
    ``start`` (", we expect, ...", ", they believe, ..."): the writer's aside, no clause."""
    verb = beyond.get(start)
    if verb is None or verb not in beyond:
        return False
    return doc[verb].lower_ in verbs and doc[beyond[verb]].text == "," and doc[start].is_alpha


def _aside_starts(doc: Doc, start: int, beyond: dict[int, int], asides: Collection[str]) -> bool:
    """Whether a word of ``asides`` stands within three tokens from ``start`` (", far less than
    ...", ", following the recipe of ...")."""
    index: int | None = start
    for _ in range(3):
        if index is None:
            return False
        if doc[index].lower_ in asides:
            return True
        index = beyond.get(index)
    return False


def _fronted(phrase: Clause, main: Clause, matches: Sequence[Match], engine: Engine) -> Clause:
    """A fronted phrase ("Given 64 GPUs, we estimate ... would ...") that holds no clause cue of
    its own takes the clause cues of the clause after it, those its own words do not cancel."""
    def inside(match: Match, clause: Clause) -> bool:
        return clause.start <= match.start and match.end <= clause.end

    if any(clause_cue(m, engine) and inside(m, phrase) for m in matches):
        return phrase
    cancelled = {m.rule for m in matches if m.kind is Kind.NOCUE and inside(m, main)}
    taken = tuple(m for m in matches
                  if clause_cue(m, engine) and inside(m, main) and m.rule not in cancelled)
    if not taken:
        return phrase
    return Clause(phrase.start, phrase.end, phrase.cited, phrase.inherited + taken,
                  phrase.cited_subject)


def clause_cue(match: Match, engine: Engine) -> bool:
    """True for a phrase match of a cue of scope "clause"."""
    return match.kind is Kind.CUE and engine.rules.cues[match.rule].scope == "clause"


def _unspaced(doc: Doc, index: int, last: int) -> int:
    """The first token from ``index`` on that is not whitespace (or ``last``)."""
    while index < last and doc[index].is_space:
        index += 1
    return index


def suppressed(claim: RawClaim, matches: Sequence[Match], engine: Engine) -> bool:
    """True when a suppression rule drops this claim (annotator hours, 20 Hz, graph nodes)."""
    rules = engine.rules.suppress
    for match in matches:
        if match.kind is not Kind.SUPPRESS:
            continue
        index = match.rule
        rule = rules[index]
        if claim.type not in rule.types:
            continue
        if rule.named_devices_stay and any(
                m.kind in HARDWARE_KINDS and claim.start <= m.start and m.end <= claim.end
                for m in matches):
            continue  # "on 3 GPUs" in a sentence about graph nodes: still 3 GPUs
        if rule.window is None:
            return True
        before = claim.start - rule.window <= match.start and match.end <= claim.start
        after = claim.end <= match.start and match.end <= claim.end + rule.window
        around = claim.start - rule.window <= match.start and match.end <= claim.end + rule.window
        near = {"before": before, "after": after}.get(rule.side, around)
        if near and not _kept(claim, matches, index, rule.window + 3):
            return True
    return False


# How far into the next sentence a carrying word may stand ("For 40 batches, this comes to ...").
_CARRY_OPENING = 6

def carried_types(doc: Doc, first: int, inside: list[Match], previous: list[Match],
                  engine: Engine) -> frozenset[str]:
    """Claim types that a sentence-wide suppression rule of the previous sentence (``previous``
    holds its matches) drops in the sentence starting at token ``first``, because this sentence
    goes on about the same thing: it opens with one of the rule's ``carry`` words and names no
    hardware or device of its own."""
    if not previous or any(m.kind in HARDWARE_KINDS for m in inside):
        return frozenset()
    opening = {token.lower_ for token in doc[first : first + _CARRY_OPENING]}
    types: set[str] = set()
    for match in previous:
        if match.kind is Kind.SUPPRESS:
            rule = engine.rules.suppress[match.rule]
            if rule.window is None and opening.intersection(rule.carry):
                types.update(rule.types)
    return frozenset(types)


def _kept(claim: RawClaim, matches: Sequence[Match], rule: int, window: int) -> bool:
    """True when a phrase of the rule's ``unless`` list follows the claim within ``window``."""
    return any(m.kind is Kind.KEEP and m.ref == rule and claim.end <= m.start <= claim.end + window
               for m in matches)
