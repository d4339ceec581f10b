"""The spaCy pipeline: a blank English tokenizer tuned for compute statements, plus a sentencizer.

No statistical model is ever loaded (``spacy.blank("en")``): the tokenizer and rule matchers are all
extraction needs, and a model download would make the linter slow and non-deterministic. The
pipeline
is built once per process, lazily (spaCy is a heavy import).

Tokenizer changes, and why:
 - ``8×A100`` / ``8xV100`` split into ``8 × A100`` so the count and the chip are separate tokens;
   ``8x`` alone stays one token (the claim shapes read it as a count; "1500x" is not one).
 - ``3.1×10^23``, ``10^{23}``, ``3.2e23`` stay one token, read by :mod:`quantities`.
 - ``36h`` / ``40min`` split into number and unit (the glued abbreviations come from rules/).
 - ``s.``, ``h.`` (as in "312 TFLOP/s.", "36h.") are a unit and a full stop, not abbreviations.
 - ``v3-512``, ``v6e-8``, ``v5litepod-16`` split at the hyphen before digits, so "TPU v3" matches
   and 512 is the slice size.
 - ``2–3``, ``3--4`` split around the dash (a range); ``1h45m`` into 1 h 45 m; ``2GPU`` into a
   count and its noun; ``2×3090Ti`` into a count, the sign and a model code.
 - The sentence split (:func:`sentence_bounds`) does not end a sentence at "et al." before a
   lower-case word or a number ("Smith et al. trained on 1024 GPUs").
 - ``LIKE_NUM`` is replaced so that "1.5k", "7B", "3.1×10^23" and number words count as numbers in
   every Matcher pattern, computed once per vocabulary entry rather than per token.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from paperlint.extract.quantities import token_number_re
from paperlint.extract.rules import RuleSet, default_rules

if TYPE_CHECKING:
    from spacy.language import Language

    from paperlint.extract.quantities import NumberReader


def pipeline(rules: RuleSet | None = None) -> Language:
    """The pipeline for a rule set (default: the shipped rules), built on first use. The rules
    shape it twice: the unit abbreviations the tokenizer splits off a number ("36h"), and what a
    token's ``like_num`` reads as a number ("eight", "1.5k")."""
    rules = rules or default_rules()
    return _pipeline(rules.attached_units, rules.numbers, glued_nouns(rules))


def glued_nouns(rules: RuleSet) -> tuple[str, ...]:
    """The device nouns a count is written glued to ("× 2GPU", "4TPUs"): the rule set's device
    and generic-hardware words that are acronyms (rules/counts.toml), singular, sorted."""
    words = {word[:-1] if word.endswith("s") else word
             for word in (*rules.devices, *rules.generic_hardware) if word.isalpha()}
    return tuple(sorted(word for word in words if word.isupper() and len(word) > 1))


@functools.cache
def _pipeline(attached: tuple[str, ...], numbers: NumberReader,
              nouns: tuple[str, ...]) -> Language:
    # Keyed on the reader's identity, which lives as long as its rule set: one pipeline per rule
    # set in a process (the shipped one; one more per set of user rule files).
    import spacy
    from spacy.attrs import LIKE_NUM

    # Our tokenizer is built by the blank pipeline itself: building spaCy's default one and then
    # replacing or reconfiguring it would load every special case two or more times (a second of
    # start-up; each assignment to a tokenizer attribute reloads them all).
    tokenizer = _registered(attached, numbers.suffix_letters, nouns)
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": tokenizer}}})
    vocab: Any = nlp.vocab
    vocab.lex_attr_getters[LIKE_NUM] = numbers.like_number
    nlp.add_pipe("sentencizer")
    return nlp


_TOKENIZER = "paperlint.compute_tokenizer.v1"


def _registered(attached: tuple[str, ...], suffix_letters: str, nouns: tuple[str, ...]) -> str:
    """The registry name of the tokenizer that splits off ``attached`` units and the device
    ``nouns`` a count is glued to, and keeps numbers glued to ``suffix_letters`` whole; registered
    once per such set."""
    from spacy.util import registry

    shipped = default_rules()
    name = _TOKENIZER if (attached, suffix_letters, nouns) == (
        shipped.attached_units, shipped.numbers.suffix_letters, glued_nouns(shipped)) else (
        f"{_TOKENIZER}.{'|'.join(attached)}.{suffix_letters}.{'|'.join(nouns)}")
    if name not in registry.tokenizers:
        def factory() -> Any:  # the registry wants a named function of no arguments
            return _tokenizer_factory(attached, suffix_letters, nouns)

        registry.tokenizers.register(name, func=factory)
    return name


def _tokenizer_factory(attached: tuple[str, ...], suffix_letters: str,
                       nouns: tuple[str, ...]) -> Any:
    """spaCy registry entry: returns the function that builds the tokenizer for a pipeline."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    def build(nlp: Language) -> Tokenizer:
        defaults: Any = nlp.Defaults
        infixes = [
            r"(?<=\d)(?:--|[–—])(?=\d)",  # "3--4", "2–3": a range, read by the number parser
            r"(?<=\d)(?=h\d)|(?<=\dh)(?=\d)",  # "1h45m": 1 h 45 m, a compound duration
            # "× 2GPU": a count glued to its noun (the rule set's device acronyms)
            rf"(?<=\d)(?=(?:{'|'.join(map(re.escape, nouns)) or '(?!)'})s?\b)",
            r"(?<=\d)[x×](?=\d{3,4}[A-Za-z])",  # "2×3090Ti": a count glued to a model code
            r"(?<=v\d[a-z])-(?=\d)|(?<=litepod)-(?=\d)",  # "v6e-8", "v5litepod-16": TPU slices
            *(defaults.infixes or ()),
            r"(?<=\d)[x×](?=[A-Z])",  # 8×A100, 8xV100
            r"(?<=[A-Za-z]\d)-(?=\d)",  # v3-512, SXM4-40GB
            r"(?<=[A-Za-z])=(?=\d)",  # "Parameters=110M": a label and its value
        ]
        units = "|".join(re.escape(unit) for unit in attached)
        suffixes = list(defaults.suffixes or ())
        if units:
            suffixes.append(rf"(?<=\d)(?:{units})$")
        # A model code ending its sentence ("on two L40S.", "an A10G."): the full stop is not
        # part of the name (spaCy keeps "X." after a capital as an abbreviation).
        suffixes.append(r"(?<=\d[A-Za-z])\.$|(?<=\d[A-Za-z]{2})\.$")
        rules = dict(defaults.tokenizer_exceptions)
        # "TFLOP/s." at a sentence end: "s." is not the abbreviation here.
        for unit in ("s", *attached):
            rules[f"{unit}."] = [{"ORTH": unit}, {"ORTH": "."}]
        number = token_number_re(suffix_letters)
        suffix = compile_suffix_regex(suffixes)

        def suffix_search(text: str) -> Any:
            # spaCy keeps a token_match whole only where no suffix is found: "(2T tokens)" would
            # split "2T" once its bracket is cut off, though "2T tokens" keeps it.
            if number.match(text):
                return None
            # "Parameters=110M" keeps its "110M" whole for the infix "=" to cut off.
            if "=" in text and number.match(text.rpartition("=")[2]):
                return None
            return suffix.search(text)

        return Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(defaults.prefixes or ()).search,
            suffix_search=suffix_search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=number.match,
            url_match=defaults.url_match,
        )

    return build


def tokenize(text: str) -> list[str]:
    """The token texts of ``text`` (for tests and debugging)."""
    return [token.text for token in pipeline().make_doc(text)]



@functools.cache
def _sentence_final() -> frozenset[int]:
    nlp = pipeline()
    sentencizer: Any = nlp.get_pipe("sentencizer")
    strings: Any = nlp.vocab.strings
    return frozenset(strings.add(char) for char in sentencizer.punct_chars)


def sentence_bounds(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of the sentences of ``doc``, split exactly as spaCy's sentencizer splits, but
    from two integer columns of the Doc rather than a pass that builds every Token object (the
    larger part of the sentencizer's cost on a paper).

    The sentencizer's rule: after a sentence-final character ("." "!" "?" ...), the next token
    that is neither punctuation nor such a character starts a sentence. One exception: the full
    stop of "et al." followed by a lower-case word or a number ("Smith et al. trained on 1024
    GPUs", "Smith et al. (2020) used ...") ends no sentence, so that the "et al." cue stays in the
    sentence it belongs to. "... by Smith et al. We train ..." still splits. Nor does a full stop
    inside a closing bracket before a lower-case word: a footnote read in place ("on 8 GPUs
    (NVIDIA A100 cards.) for 12 days")."""
    from spacy.attrs import IS_DIGIT, IS_LOWER, IS_PUNCT, ORTH

    length = len(doc)
    if length == 0:
        return []
    final = _sentence_final()
    et, al, stop = _et_al()
    close = _closing_bracket()
    starts = [0]
    seen = False
    after_et_al = False
    rows = doc.to_array([ORTH, IS_PUNCT, IS_LOWER, IS_DIGIT]).tolist()
    closed = False  # a bracket closed after the sentence-final character: "(... memory.) for"
    for index, (orth, punct, lower, digit) in enumerate(rows):
        if orth in final:
            seen = True
            closed = False
            after_et_al = (orth == stop and index >= 2 and rows[index - 1][0] == al
                           and rows[index - 2][0] == et)
        elif seen and not punct:
            if not ((after_et_al or closed) and (lower or digit)):
                starts.append(index)
            seen = after_et_al = closed = False
        elif seen and orth == close:
            closed = True
    bounds = list(zip(starts, [*starts[1:], length], strict=True))
    if all(end - start <= MAX_SENTENCE_TOKENS for start, end in bounds):
        return bounds
    return [piece for start, end in bounds for piece in _cut(rows, start, end)]


# A "sentence" longer than this is cut: what reads one (roles, suppression, evidence) looks at
# every cue of the sentence for every claim in it, so time grows with the square of its length.
# Written sentences are far shorter (the corpus's longest real ones are about 150 tokens); longer
# runs are text without full stops: a PDF table, a list, a generated file.
MAX_SENTENCE_TOKENS = 256


def _cut(rows: list[list[int]], start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` in pieces of at most MAX_SENTENCE_TOKENS tokens, each cut after the last
    ";" or "," of its second half where there is one (a clause keeps its chip and its count)."""
    marks = _clause_marks()
    pieces = []
    while end - start > MAX_SENTENCE_TOKENS:
        limit = start + MAX_SENTENCE_TOKENS
        cut = next((index + 1 for index in range(limit - 1, start + MAX_SENTENCE_TOKENS // 2, -1)
                    if rows[index][0] in marks), limit)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


@functools.cache
def _clause_marks() -> frozenset[int]:
    strings: Any = pipeline().vocab.strings
    return frozenset(strings.add(mark) for mark in (";", ","))


@functools.cache
def _closing_bracket() -> int:
    strings: Any = pipeline().vocab.strings
    return int(strings.add(")"))


@functools.cache
def _et_al() -> tuple[int, int, int]:
    strings: Any = pipeline().vocab.strings
    return strings.add("et"), strings.add("al"), strings.add(".")
