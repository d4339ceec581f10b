"""Another work's model by its description, not its name: "The commercial model, trained over 4
months on 16,000 H100 GPUs, ...", "Its closest competitor required 2,048 TPU v4 chips", "The
model behind the chatbot ran for 90 days", "Earlier releases of the library trained for 12 days",
"The 2019 system used 512 TPU v3 cores".

Positive evidence of otherness in a clause with no first-person word (the caller asks only of
those): a modifier of rules/roles.toml ``[clauses] other_modifiers`` (commercial, proprietary,
concurrent, earlier, ...) up to two words before a noun of a model (``model_nouns`` and
``described_nouns``: release, version, submission, ...); a noun of otherness of
``other_nouns`` (competitor); a model noun followed by "behind" ("the system behind the
assistant"); a year before a model noun ("The 2021 version of the tagger") or after it with "of"
or "from" ("the median large model of 2022"). The paper's own model
is "our model", "the proposed model" or its name; none of these describes it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

_YEAR = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")
_DATED = frozenset({"of", "from"})  # "the median model of 2022", "systems from 2019"
# How far before its noun a modifier may stand: "the closed frontier model", "earlier public
# releases".
_REACH = 3


def described_as_others(doc: Doc, clause: tuple[int, int], engine: Engine) -> bool:
    """Whether the clause describes another work's model (module docstring)."""
    low, high = clause
    words = engine.rules.clauses
    nouns = words.model_nouns | words.described_nouns
    for index in range(low, high):
        word = doc[index].lower_
        if word in words.other_nouns:
            return True
        if word not in nouns:
            continue
        if index + 1 < high and doc[index + 1].lower_ == "behind":
            return True  # "the model behind the chatbot"
        if (index + 2 < high and doc[index + 1].lower_ in _DATED
                and _YEAR.match(doc[index + 2].text)):
            return True  # "the median large model of 2022": a dated model, someone else's
        for back in range(index - 1, max(low, index - _REACH) - 1, -1):
            before = doc[back]
            if before.lower_ in words.other_modifiers or _YEAR.match(before.text):
                return True
            if not (before.is_alpha or before.text == "-"):
                break  # a figure or a mark ends the noun phrase
    return False
