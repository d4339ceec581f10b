"""One sentence (or table row) as its readers share it: the Doc it is in, its token range, the
phrase matches inside it and the engine whose rules read it.

Every reader of a sentence (the claim shapes, the mentions, evidence, roles) takes one
:class:`Sentence` instead of the same five loose arguments; what a reader adds (claims, the
tokens of the numbers it took) comes back as its return value, a :class:`Taken`, never by
appending to a list it was handed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from paperlint.extract.types import Match, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from paperlint.extract.engine import Engine


@dataclass(frozen=True)
class Sentence:
    """The sentence ``doc[first:last]`` with the phrase matches inside it (sorted by start)."""

    doc: Doc
    first: int  # its first token
    last: int  # the token after its last one
    matches: tuple[Match, ...]
    engine: Engine

    @property
    def tokens(self) -> range:
        """Its token indices."""
        return range(self.first, self.last)

    @property
    def span(self) -> Span:
        return self.doc[self.first : self.last]

    @property
    def text(self) -> str:
        return self.span.text


class Taken(NamedTuple):
    """What one reader found in a sentence: its claims, and the start tokens of the numbers it
    took (no later reader may take them again)."""

    claims: tuple[RawClaim, ...] = ()
    numbers: frozenset[int] = frozenset()


NOTHING = Taken()
