"""Parameter counts written as part of a model's name: "Llama-2-7B", "Qwen2.5-7b", "gemma2-9b-pt",
"Mistral 7B", "GPT-3 175B", "OLMo 2 7B" are 7e9, 9e9 ... parameters.

Papers name their models this way far more often than they write "7B parameters", and the
estimator needs the size to turn "trained on 4T tokens" into 6 x N x D. The words are data
(rules/sizes.toml ``[model_sizes]``): the scale letters, the words a size never follows ("Figure
3B"), the dataset names whose sizes count images or documents ("LAION-5B", "JFT-300M") and the
nouns that make a size a data count ("5B images").

A size token is found by a regular expression on the text (C speed) before any token is looked
at, so a paragraph without one costs nothing; its claim is made after every unit claim of the
sentence, so "LLaMA 7B tokens" stays a token count.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from paperlint.extract.types import Match, RawClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from paperlint.extract.rule_types import ModelSizes
_NUMBER_LIKE = re.compile(r"^[\d.,]+[A-Za-z]?\.?$")  # "72B", "1.33T": a figure, never a name
# "7B", "7b", "1.5B", or glued to the name by the tokenizer: "Mistral-7B", "Instruct-8B".
_SIZE = re.compile(
    r"^(?:(?P<name>[A-Za-z][\w.]*)-)?(?P<number>\d{1,4}(?:\.\d+)?)(?P<scale>[A-Za-z])\.?$")


def size_tokens(doc: Doc, text: str, sizes: ModelSizes) -> list[tuple[int, int]]:
    """(start, end) of the tokens of ``doc`` (tokenised from ``text``) that may be a model size.

    Found in the text by a regular expression, then mapped to their tokens: neither ``doc.text``
    nor a walk over every token (both build a Python object per token) is needed."""
    if not sizes.scales:
        return []
    found: dict[int, None] = {}
    for hit in _hint(frozenset(sizes.scales)).finditer(text):
        span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        token = doc[span.end - 1]
        parsed = _SIZE.match(token.text)
        if parsed is not None and parsed.group("scale") in sizes.scales:
            found[token.i] = None
    return [(index, index + 1) for index in found]


@functools.cache
def _hint(scales: frozenset[str]) -> re.Pattern[str]:
    """A digit and a scale letter ending a word ("7B", "175B."): a paragraph without one holds
    no model size, and its tokens are never looked at."""
    letters = "".join(sorted(re.escape(letter) for letter in scales))
    return re.compile(rf"\d[{letters}](?![A-Za-z0-9])")


def model_size_claim(doc: Doc, low: int, match: Match, sizes: ModelSizes) -> RawClaim | None:
    """The parameter count the size token ``doc[match.start]`` gives, when a model's name comes
    right before it (in the token, after a hyphen, or with a version number between)."""
    index = match.start
    parsed = _SIZE.match(doc[index].text)
    if parsed is None:
        return None
    value = float(parsed.group("number")) * sizes.scales[parsed.group("scale")]
    following = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    if following in sizes.not_before:
        return None
    if parsed.group("name") is not None:  # "Mistral-7B" in one token
        glued = parsed.group("name")
        if glued.lower() in sizes.not_names or glued.lower() in sizes.not_after:
            return None
        return RawClaim("params", value, index, index + 1)
    first = _name_start(doc, low, index, sizes)
    if first is None:
        return None
    return RawClaim("params", value, first, index + 1)


def _name_start(doc: Doc, low: int, index: int, sizes: ModelSizes) -> int | None:
    """The first token of the model name before the size at ``index``, if one is there."""
    before = index - 1
    if before < low:
        return None
    if doc[before].text == "-" and before - 1 >= low:  # "Qwen2.5 - 7b", "Llama-2 - 7B"
        return before - 1 if _is_name(doc[before - 1], low, sizes) else None
    if _is_name(doc[before], low, sizes):  # "Mistral 7B", "GPT-3 175B"
        return before
    version = doc[before].text
    if (before - 1 >= low and len(version) <= 4 and version.replace(".", "").isdigit()
            and _is_name(doc[before - 1], low, sizes)):
        return before - 1  # "OLMo 2 7B", "Llama 3.1 8B"
    return None


def _is_name(token: Token, low: int, sizes: ModelSizes) -> bool:
    """Whether ``token`` reads as a model's name: a letter and a digit ("Qwen2.5", "GPT-3",
    "T5"), a capital inside ("OLMo", "LLaMA", "DeepSeek"), or a capital first anywhere but at
    the start of its sentence ("... with Mistral 7B"); never a stop word or a listed word."""
    text = token.text
    lower = text.lower().rstrip(".")
    if _NUMBER_LIKE.match(text):  # "72B" before "405B" in a table row is another size
        return False
    if (not any(c.isalpha() for c in text) or token.is_stop or lower in sizes.not_after
            or lower.split("-")[0] in sizes.not_names or lower in sizes.not_names):
        return False
    if any(c.isdigit() for c in text) or any(c.isupper() for c in text[1:]):
        return True
    return text[0].isupper() and token.i > low
