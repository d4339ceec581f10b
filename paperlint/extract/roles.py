"""Roles: whose compute a claim is and what for, from cue phrases in rules/roles.toml.

Three kinds of cue (the ``mode`` of each rule):
 - ``after``: a cue right after the claim ("4.2 GFLOPs per image") makes it per-example;
 - ``sentence``: a cue anywhere in the sentence overrides (thanks, "would take", another paper);
   the lowest priority number wins;
 - ``citation``: like ``sentence``, for a sentence holding a citation (no phrase to match; see
   :mod:`paperlint.extract.citations`);
 - ``nearest``: the paper's own phases (training, fine-tuning, inference); the cue nearest the claim
   wins, so "40 days between the start of training and the evaluation ..." stays training.
A claim with no cue is "unspecified". Suppression rules (rules/context.toml) drop claims that are
human time, signal rates or graph nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.claims import RawClaim
    from paperlint.extract.engine import Engine, Match
    from paperlint.extract.rules import Cue

# Specification cues ("peak", "up to") describe hardware facts; they only apply to these types, so
# "trained on up to 6T tokens" stays training.
_SPECIFICATION_TYPES = frozenset({"flop_rate", "hardware"})


def assign_role(claim: RawClaim, matches: list[Match], engine: Engine, *, cited: bool = False
                ) -> str:
    """The role of ``claim`` given the cue matches of its sentence. ``cited``: the sentence
    holds a citation, which the ``citation`` cues read as a sign of another work."""
    cues = engine.rules.cues
    cancelled = {m.label[5:] for m in matches if m.label.startswith("NOCUE")}
    found: list[tuple[Cue, Match | None]] = [
        (cues[int(m.label[3:])], m) for m in matches
        if m.label.startswith("CUE") and m.label[3:] not in cancelled
    ]
    if cited:
        # A citation has no phrase to match: its cues join the sentence cues, unless cancelled
        # ("Following [4], we train ..." stays the paper's own run).
        found += [(cue, None) for index, cue in enumerate(cues)
                  if cue.mode == "citation" and str(index) not in cancelled]
    for cue, match in found:
        if match is None:
            continue
        if cue.mode == "after" and not claim.per_epoch_resolved:
            window = cue.window or 4
            if claim.end <= match.start <= claim.end + window:
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
    nearest: tuple[int, int, str] | None = None
    for cue, match in found:
        if cue.mode != "nearest" or match is None:
            continue
        if match.end <= claim.start:
            distance = claim.start - match.end
        elif match.start >= claim.end:
            distance = match.start - claim.end
        else:
            distance = 0
        key = (distance, cue.priority, cue.role)
        if nearest is None or key < nearest:
            nearest = key
    return nearest[2] if nearest else "unspecified"


def suppressed(claim: RawClaim, matches: list[Match], engine: Engine) -> bool:
    """True when a suppression rule drops this claim (annotator hours, 20 Hz, graph nodes)."""
    rules = engine.rules.suppress
    for match in matches:
        if not match.label.startswith("SUP"):
            continue
        index = int(match.label[3:])
        rule = rules[index]
        if claim.type not in rule.types:
            continue
        if rule.window is None:
            return True
        before = claim.start - rule.window <= match.start and match.end <= claim.start
        after = claim.end <= match.start and match.end <= claim.end + rule.window
        around = claim.start - rule.window <= match.start and match.end <= claim.end + rule.window
        near = {"before": before, "after": after}.get(rule.side, around)
        if near and not _kept(claim, matches, f"KEEP{index}", rule.window + 3):
            return True
    return False


# How far into the next sentence a carrying word may stand ("For 30 rows, this should take ...").
_CARRY_OPENING = 6
# Labels of a hardware or device match: a sentence naming one is about compute, not a carried rule.
_HARDWARE_LABELS = ("HW|", "SYS|", "DEV")


def carried_types(doc: Doc, first: int, inside: list[Match], previous: list[Match],
                  engine: Engine) -> frozenset[str]:
    """Claim types that a sentence-wide suppression rule of the previous sentence (``previous``
    holds its matches) drops in the sentence starting at token ``first``, because this sentence
    goes on about the same thing: it opens with one of the rule's ``carry`` words and names no
    hardware or device of its own."""
    if not previous or any(m.label.startswith(_HARDWARE_LABELS) for m in inside):
        return frozenset()
    opening = {token.lower_ for token in doc[first : first + _CARRY_OPENING]}
    types: set[str] = set()
    for match in previous:
        if match.label.startswith("SUP"):
            rule = engine.rules.suppress[int(match.label[3:])]
            if rule.window is None and opening.intersection(rule.carry):
                types.update(rule.types)
    return frozenset(types)


def _kept(claim: RawClaim, matches: list[Match], label: str, window: int) -> bool:
    """True when a phrase of the rule's ``unless`` list follows the claim within ``window``."""
    return any(m.label == label and claim.end <= m.start <= claim.end + window for m in matches)
