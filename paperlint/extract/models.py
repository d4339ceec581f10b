"""Hardware named by a model code the phrase matcher does not list: "Tesla P-100 GPU" (a spelling
of P100), "Intel i7-4765T" (a CPU model). The catalogue's own lookup ignores case, hyphens and
vendor words, so the code is looked up there; a code it does not know takes the id the word next
to it gives (rules/counts.toml ``model_nouns`` / ``model_vendors``: "CPU" -> ``cpu``), or none.

The phrase matcher stays the first and fast path; this only runs on sentences that hold a vendor
word or a model noun, and only on tokens no hardware phrase covered.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from paperlint.extract.types import RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from paperlint.extract.engine import Engine

# Letters and digits, maybe hyphenated: "P-100", "i7-4765T", "K20c", "E5-2690". Both a letter and
# a digit, so neither "GPU" nor "2048" is a code.
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9\-]{1,14}$")
_YEAR = re.compile(r"^(?:19|20)\d\d[a-z]?$")
_HYPHENS = frozenset({"-", "‐"})


def model_code_claims(doc: Doc, low: int, high: int, words: list[int], engine: Engine,
                      taken: set[int]) -> list[RawClaim]:
    """Hardware claims for model codes next to a model noun or after a vendor word in
    ``doc[low:high]``; ``words`` are the token indices of those nouns and vendor words (the
    matcher's MODEL matches). ``taken`` (tokens of known hardware names) is extended with the
    code's tokens, so that a count before the code reaches over it ("a single Tesla P-100
    GPU")."""
    rules = engine.rules
    claims: list[RawClaim] = []
    for index in words:
        word = doc[index].lower_
        if word in rules.model_vendors and index + 1 < high:
            found = _code_at(doc, index + 1, high, engine, taken, forward=True)
            fallback = rules.model_vendors[word]
        elif word in rules.model_nouns and index - 1 >= low:
            found = _code_at(doc, index - 1, low, engine, taken, forward=False)
            fallback = rules.model_nouns[word]
        else:
            continue
        if found is None:
            continue
        first, last, entry_id = found
        entry_id = entry_id or fallback
        if entry_id and not any(first <= c.start < last for c in claims):
            claims.append(RawClaim("hardware", entry_id, first, last))
            taken.update(range(first, last))
    return claims


def _code_at(doc: Doc, edge: int, limit: int, engine: Engine, taken: set[int], *, forward: bool
             ) -> tuple[int, int, str] | None:
    """The longest code of 1-4 glued tokens starting (forward) or ending (backward) at ``edge``:
    (first token, end token, catalogue id or "")."""
    for width in (4, 3, 2, 1):  # "i7-4765T" is four tokens: i7 - 4765 T
        first, last = (edge, edge + width) if forward else (edge - width + 1, edge + 1)
        if (first < limit if not forward else last > limit) or first < 0:
            continue
        tokens = doc[first:last]
        if any(i in taken for i in range(first - 1, last + 1)):
            continue  # in or next to a listed name ("Xeon E5-2690"): that name is the claim
        if any(token.whitespace_ for token in tokens[:-1]):
            continue  # a code is written without spaces
        if first > 0 and doc[first - 1].text in _HYPHENS and not doc[first - 1].whitespace_:
            continue  # the tail of a longer code ("i9-12900K" after "Core i9")
        text = tokens.text
        if not _CODE.match(text) or _YEAR.match(text):
            continue
        entry = engine.catalogue.lookup(text)
        return first, last, entry.id if entry is not None else ""
    return None
