"""What the words between and around figures say about the runs they belong to (for grouping).

Grouping (``grouping.py``) sees claims; these read the text around them, with the words of
``rules/grouping.toml``: a mark that separates two runs inside a sentence, a count told again in
brackets, a sentence that gives a figure to every run just told, a chip that is "the same" as a
run's before it. Each takes the document text and the claims' offsets in it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from paperlint.extract.rule_types import Grouping
from paperlint.model import Claim

_WORD = re.compile(r"[\w.-]+|[^\w\s]")
_BRACKET_REACH = 48  # characters after a count that its closing bracket may stand within


@lru_cache(maxsize=64)
def _pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for ``words``: marks (no letter or digit) as written, words as whole words."""
    if not words:
        return None
    parts = [re.escape(w) if not any(ch.isalnum() for ch in w)
             else r"(?<![\w-])" + re.escape(w) + r"(?![\w-])"
             for w in sorted(words, key=len, reverse=True)]
    return re.compile("|".join(parts), re.IGNORECASE)


def holds(text: str, words: frozenset[str]) -> bool:
    """True when ``text`` holds one of ``words`` (marks anywhere, words whole)."""
    pattern = _pattern(words)
    return pattern is not None and pattern.search(text) is not None


def restated(earlier: Claim, claim: Claim, text: str, words: Grouping) -> bool:
    """True when ``claim`` is a count in brackets right after the count ``earlier``, with a
    restate word inside them: "4 Cloud TPUs (16 TPU chips total)" tells one run's count twice."""
    if not text or earlier.type != "chip_count" or claim.type != "chip_count":
        return False
    gap = text[earlier.end : claim.start]
    opening = gap.rfind("(")
    if opening < 0 or gap[opening + 1 :].strip() not in ("", "i.e.,", "i.e.", "that is,"):
        return False
    closing = text.find(")", claim.end, claim.end + _BRACKET_REACH)
    if closing < 0:
        return False
    inside = text[earlier.end + opening + 1 : closing]
    return holds(inside, words.restate)


def cut_after_last_mark(run: list[Claim], text: str, words: Grouping) -> int | None:
    """How many claims before the last of ``run`` (a figure whose type repeats with a new value)
    open the second run: those after the last mark between the run's earlier figure of that type
    and the repeated one. None when no mark stands there (or there is no text to read)."""
    if not text:
        return None
    kind = run[-1].type
    first = max((k for k, c in enumerate(run[:-1]) if c.type == kind), default=None)
    if first is None:
        return None
    for k in range(len(run) - 2, first - 1, -1):
        if holds(text[run[k].end : run[k + 1].start], words.marks):
            return len(run) - 2 - k
    return None


def distributes(opening: str, words: Grouping) -> bool:
    """True when a sentence opening ("Each pretraining took ...", "Both runs took ...") gives
    its figures to every run just told: a distributive word, then a run noun within two words."""
    tokens = [t.lower() for t in _WORD.findall(opening[:80])][:4]
    if len(tokens) < 2 or tokens[0] not in words.distributive:
        return False
    return any(" ".join(tokens[1 : 1 + size]) in words.run_nouns for size in (1, 2, 3)) or (
        len(tokens) > 2 and tokens[2] in words.run_nouns)


def after_same(text: str, start: int, words: Grouping) -> bool:
    """True when the words just before offset ``start`` end with "the same" (a chip named so is
    the chip of a run told before: "... for 3 hours on the same A40")."""
    before = " ".join(text[max(0, start - 24) : start].lower().split())
    return any(before.endswith(phrase) for phrase in words.same)

