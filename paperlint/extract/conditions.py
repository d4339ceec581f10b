"""Suppositions without a modal: "If one had 1,000 GPUs, the same run takes about 3 days",
"Assuming 1,024 A100 GPUs, training ends in 20 days", "Should a lab rent 256 H100 GPUs, the run
finishes within a week". The modal cues of rules/roles.toml ("would", "could") miss these; the
construction tells them: a sentence that opens with a condition of ``[clauses] conditions`` (or
an inversion of ``inversions``: "Should", "Had", "Were" as its first word), the condition, up to
its comma, naming the hardware or a figure of the run, and the main clause after it told in the
present, with no first-person word.

What a paper ran is told in the past ("Given its size, the model was trained on 64 GPUs",
"Assuming 40% MFU, the run used 1e21 FLOP") or in the first person ("If a node fails, we restart
on 8 GPUs"): neither is a supposition, and a condition that names no figure ("If memory allows,
...") supposes nothing about the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from paperlint.extract.datasheet import FIRST_PERSON

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine
    from paperlint.extract.types import RawClaim

# Past forms that are no "-ed" word: a main clause with one tells what happened. Wider than
# whose.py's past forms on purpose: "put", "set", "cost" may be present too, and here any doubt
# keeps the run the paper's.
_IRREGULAR_PAST = frozenset({"was", "were", "had", "took", "ran", "spent", "saw", "did", "got",
                             "went", "began", "grew", "fell", "rose", "kept", "made", "led",
                             "left", "found", "gave", "put", "set", "cost"})
_CLAUSE_ENDS = frozenset({";", ":"})


def supposed_span(doc: Doc, first: int, last: int, claims: Sequence[RawClaim],
                  engine: Engine) -> tuple[int, int] | None:
    """The tokens ``[start, end)`` of the sentence ``doc[first:last]`` that a supposition covers
    (its condition and its main clause), or None (module docstring)."""
    words = engine.rules.clauses
    start = first
    while start < last and (doc[start].is_space or doc[start].is_punct):
        start += 1
    if start >= last:
        return None
    opener = doc[start].lower_
    if not (opener in words.conditions or (opener in words.inversions and start + 1 < last
                                          and doc[start + 1].is_alpha)):
        return None
    comma = next((i for i in range(start + 1, last) if doc[i].text == ","), None)
    if comma is None:
        return None
    if not any(start <= claim.start < comma for claim in claims):
        return None  # "If memory allows, ...": nothing about the run is supposed
    end = next((i for i in range(comma + 1, last) if doc[i].text in _CLAUSE_ENDS), last)
    for index in range(comma + 1, end):
        word = doc[index].lower_
        if word in FIRST_PERSON or word in _IRREGULAR_PAST or (
                doc[index].is_alpha and word.endswith("ed")):
            return None  # the paper's own, or told in the past: what happened
    return start, end
