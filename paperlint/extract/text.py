"""Claims in running text: paragraphs through the pipeline, sentences through the claim shapes.

One ``nlp.pipe`` over the paragraphs and one PhraseMatcher pass per paragraph do the bulk of the
work
in compiled code; the Python claim shapes only run on sentences where a quantity-like phrase (a
unit,
a device noun, a chip name, a precision) matched.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from paperlint.extract.antecedents import foreign_antecedent, foreign_runs, opens_with_anaphor
from paperlint.extract.citations import citation_offsets, cites_between
from paperlint.extract.claims import sentence_claims
from paperlint.extract.counting import group_counts, groups_of_previous_sentence, per_group_sentence
from paperlint.extract.evidence import is_count_word, needs_evidence, with_evidence
from paperlint.extract.names import NO_NAMES, Names, names_for
from paperlint.extract.nlp import sentence_bounds
from paperlint.extract.roles import (
    Clause,
    assign_role,
    carried_types,
    clause_cue,
    split_clauses,
    suppressed,
)
from paperlint.extract.sentence import Sentence
from paperlint.extract.types import HARDWARE_KINDS, QUANTITY_KINDS, Found, Kind, Match, RawClaim
from paperlint.extract.whose import adjust_roles
from paperlint.model import CLAIM_UNITS, Claim

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc

    from paperlint.document import Document
    from paperlint.extract.engine import Engine


def make_claim(document: Document, doc: Doc, raw: RawClaim, offset: int, role: str) -> Claim:
    """A model Claim from a raw claim of ``doc`` whose text starts at document offset ``offset``."""
    start, end = _char_span(doc, raw)
    return _claim_at(document, raw, offset + start, offset + end, role)


def _char_span(doc: Doc, raw: RawClaim) -> tuple[int, int]:
    """Where ``raw`` is in ``doc``'s text, in characters."""
    start = doc[raw.start].idx
    last = doc[raw.end - 1]
    end = last.idx + len(last.text)
    if last.text.endswith(".") and any(char.isdigit() for char in last.text):
        end -= 1  # "GPT-3 175B." at a sentence's end is one token: the full stop is no part of it
    return start, end


def _claim_at(document: Document, raw: RawClaim, start: int, end: int, role: str) -> Claim:
    value: float | str = raw.value if isinstance(raw.value, str) else float(raw.value)
    text, location = document.source_span(start, end)
    return Claim(type=raw.type, text=text, value=value, unit=raw.unit or CLAIM_UNITS[raw.type],
                 location=location, role=role, start=start, end=end, low=raw.low)


@dataclass(frozen=True)
class Context:
    """What a sentence's claims are read with beyond the sentence: the paper's own model names,
    and for a table row, whether its header or caption says it is about compute or training."""

    names: Names = NO_NAMES
    evidenced: bool = False
    training: bool = False
    table: bool = False
    # A table's caption or header that says its rows are another work's or a datasheet's
    # ("figures as reported by their authors", "peak throughput from the datasheets"): that role.
    caption_role: str = ""
    caption_types: tuple[str, ...] = ()  # the claim types that role is for (empty: every type)
    # The sentence opens with "It" or "This model" and the sentence before names another work's
    # model: its run is that model's (extract/antecedents.py).
    foreign_antecedent: bool = False


NO_CONTEXT = Context()


def sentence_roles(sentence: Sentence, *, cites: tuple[int, ...] = (),
                   carried: frozenset[str] = frozenset(),
                   context: Context | None = None) -> list[tuple[RawClaim, str]]:
    """(claim, role) for one sentence (or table row): shapes, then evidence and suppression,
    then roles (``cites``: the tokens its citations stand just before; ``carried``: claim types a
    rule of the previous sentence drops here)."""
    inside, engine = sentence.matches, sentence.engine
    if not any(m.kind in QUANTITY_KINDS for m in inside):
        return []
    context = context or NO_CONTEXT
    out = []
    clauses: list[Clause] | None = None
    found = sentence_claims(sentence)
    parts = _split(sentence, cites) if found else []
    if needs_evidence(found):
        found = with_evidence(sentence, found, parts, given=context.evidenced,
                              labelled=context.evidenced and not context.table)
    for raw in found:
        if raw.type in carried or suppressed(raw, inside, engine):
            continue
        if clauses is None:
            clauses = _clauses(sentence, cites)
        clause = next((c for c in clauses if c.start <= raw.start < c.end), None)
        part = next((c for c in parts if c.start <= raw.start < c.end), None)
        out.append((raw, assign_role(raw, inside, engine, cited=bool(cites), clause=clause,
                                     part=part)))
    # A table row (its context says whether it is about training) has a label, not a subject.
    pairs = adjust_roles(sentence, out, parts, context.names,
                         training_context=context.training, subjects=not context.table)
    return foreign_runs(sentence, pairs, parts) if context.foreign_antecedent else pairs


def _split(sentence: Sentence, cites: tuple[int, ...]) -> list[Clause]:
    return split_clauses(sentence.doc, sentence.first, sentence.last, sentence.matches,
                         sentence.engine, cites)


def _clauses(sentence: Sentence, cites: tuple[int, ...]) -> list[Clause]:
    """The sentence's clauses, when it has more than one and a cue of scope "clause" (or a
    citation) could tell them apart; otherwise none, and every cue reads the whole sentence."""
    if not cites and not any(clause_cue(m, sentence.engine) for m in sentence.matches):
        return []
    clauses = _split(sentence, cites)
    return clauses if len(clauses) > 1 else []


# One paragraph's claims, in characters from the paragraph's start: (raw claim, role, where its
# sentence starts, where the claim starts and ends).
ParagraphClaims = tuple[tuple[RawClaim, str, int, int, int], ...]
# ... and its sentences, in characters from its start.
ParagraphRead = tuple[ParagraphClaims, tuple[tuple[int, int], ...]]
# Paragraphs remembered per engine (a language server's re-check, a batch's repeated boilerplate);
# past this many, or this many characters of them, the memo starts over: memory stays bounded.
MAX_REMEMBERED_PARAGRAPHS = 20_000
MAX_REMEMBERED_CHARACTERS = 20_000_000


def text_claims(document: Document, spans: list[tuple[int, int]], engine: Engine,
                names: Names = NO_NAMES) -> tuple[list[Found], list[tuple[int, int]]]:
    """The claims of the paragraphs ``spans``, and the sentences read in them (offsets)."""
    sentences: list[tuple[int, int]] = []
    text = document.text
    citations = citation_offsets(document)
    context = Context(names=names)
    # Most paragraphs hold nothing compute-like: a regex pass skips them before tokenising.
    kept = [(start, end) for start, end in spans if engine.may_hold_claims(text[start:end])]
    # A line break inside a paragraph is a space (TeX reads it so; a PDF breaks lines anywhere,
    # even inside "Quadro RTX 8000"): read as one, a name split over two lines still matches.
    # Same length, so every offset stays the document's.
    pieces = [text[start:end].replace("\n", " ") for start, end in kept]
    # A paragraph's claims depend on its text, where its citations stand and the paper's own
    # model names, nothing else: an unchanged paragraph is not read again (the editor's
    # re-check after a one-line edit re-reads one paragraph, not the paper).
    keys = [(piece, _relative_citations(citations, start, end), names_for(names, piece))
            for (start, end), piece in zip(kept, pieces, strict=True)]
    memo = engine.paragraph_memo
    # Read once into a local table: a check on another thread (the language server's) may start
    # the memo over meanwhile, and this check must not lose what it looked up.
    known: dict[Any, ParagraphRead | None] = {key: memo.get(key) for key in keys}
    fresh = [index for index, key in enumerate(keys) if known[key] is None]
    added = sum(len(pieces[index]) for index in fresh)
    if (len(memo) + len(fresh) > MAX_REMEMBERED_PARAGRAPHS
            or engine.paragraph_memo_characters + added > MAX_REMEMBERED_CHARACTERS):
        memo.clear()
        engine.paragraph_memo_characters = 0
        known = dict.fromkeys(keys)
        fresh = list(range(len(keys)))
        added = sum(len(piece) for piece in pieces)
    engine.paragraph_memo_characters += added
    tokenizer: Any = engine.nlp.tokenizer
    docs = tokenizer.pipe([pieces[index] for index in fresh], batch_size=64)
    for index, doc in zip(fresh, docs, strict=True):
        bounds = sentence_bounds(doc)
        known[keys[index]] = memo[keys[index]] = (
            _paragraph_claims(doc, bounds, pieces[index], keys[index][1], engine,
                              replace(context, names=keys[index][2])),
            _sentence_spans(doc, bounds))
    found: list[Found] = []
    for (start, _end), key in zip(kept, keys, strict=True):
        read = known[key]
        assert read is not None  # every key was either known or read just above
        paragraph_claims, paragraph_sentences = read
        for raw, role, sentence, claim_start, claim_end in paragraph_claims:
            claim = _claim_at(document, raw, start + claim_start, start + claim_end, role)
            found.append(Found(claim, start + sentence, start))
        sentences.extend((start + low, start + high) for low, high in paragraph_sentences)
    return found, sentences


def _sentence_spans(doc: Doc, bounds: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The sentences ``bounds`` (token ranges) of a paragraph's Doc, in characters."""
    spans = []
    for first, last in bounds:
        final = doc[last - 1]
        spans.append((doc[first].idx, final.idx + len(final.text)))
    return tuple(spans)


def sentence_spans(text: str, engine: Engine) -> tuple[tuple[int, int], ...]:
    """The sentences of ``text`` as the extraction splits them, in characters: for a caller that
    builds an Extraction by hand (tests) and needs the sentences the checks read."""
    doc = engine.nlp.tokenizer(text.replace("\n", " "))
    return _sentence_spans(doc, sentence_bounds(doc))


def _relative_citations(citations: tuple[int, ...], start: int, end: int) -> tuple[int, ...]:
    low, high = bisect.bisect_left(citations, start), bisect.bisect_right(citations, end)
    return tuple(offset - start for offset in citations[low:high])


def _paragraph_claims(doc: Doc, bounds: list[tuple[int, int]], piece: str,
                      citations: tuple[int, ...], engine: Engine,
                      context: Context) -> ParagraphClaims:
    """The claims of one paragraph (``bounds``: its sentences; ``citations``: offsets in it),
    sentence by sentence."""
    matches = engine.matches(doc, piece)
    if not any(m.kind in QUANTITY_KINDS for m in matches):
        return ()
    out: list[tuple[RawClaim, str, int, int, int]] = []
    firsts = [first for first, _ in bounds]
    wanted = sorted({
        bisect.bisect_right(firsts, m.start) - 1
        for m in matches if m.kind in QUANTITY_KINDS
    })
    starts = [m.start for m in matches]  # matches are sorted by start
    labelled = replace(context, evidenced=True) if _compute_label(doc, bounds[0], matches) else (
        context)
    for index in wanted:
        first, last = bounds[index]
        window = matches[bisect.bisect_left(starts, first) : bisect.bisect_left(starts, last)]
        inside = [m for m in window if m.end <= last]
        last_token = doc[last - 1]
        cites = _hardware_cites_dropped(doc, first, inside, engine, _cite_tokens(
            doc, first, last, citations, 0, last_token.idx + len(last_token.text)))
        carried = frozenset[str]()
        groups = None  # "We train on 16 nodes. Each node has 8 GPUs.": 16 per-group counts
        if index:
            low = bisect.bisect_left(starts, bounds[index - 1][0])
            previous = [m for m in matches[low : bisect.bisect_left(starts, first)]
                        if m.end <= first]
            carried = carried_types(doc, first, inside, previous, engine)
            if per_group_sentence(doc, first, inside) and not group_counts(
                    doc, first, inside, engine):
                groups = groups_of_previous_sentence(doc, bounds[index - 1][0], previous,
                                                     engine)
        sentence = Sentence(doc, first, last, tuple(inside), engine)
        here = labelled if index else context
        if index and _listed_after_hardware(doc, bounds, index, matches):
            here = replace(here, evidenced=True)  # "Hardware: 4xA100 (80GB). Time: 22h."
        if index and opens_with_anaphor(doc, first, last, engine) and foreign_antecedent(
                doc, *bounds[index - 1], context.names, engine):
            here = replace(here, foreign_antecedent=True)  # "We analyse X. It was trained ..."
        for raw, role in sentence_roles(sentence, cites=cites, carried=carried, context=here):
            if groups is not None and raw.type == "chip_count":
                raw.value = float(raw.value) * groups
            out.append((raw, role, doc[first].idx, *_char_span(doc, raw)))
    return tuple(out)


def _setup_item(doc: Doc, first: int, last: int) -> bool:
    """Whether a sentence is an item of a key-value list ("Time: 22h.", "Training time: 3 days"):
    a capitalised word, then a colon within its first four tokens."""
    while first < last and doc[first].is_space:
        first += 1
    if first >= last or not (doc[first].is_alpha and doc[first].text[:1].isupper()):
        return False
    return any(doc[i].text == ":" for i in range(first + 1, min(last, first + 4)))


def _listed_after_hardware(doc: Doc, bounds: list[tuple[int, int]], index: int,
                           matches: Sequence[Match]) -> bool:
    """Whether sentence ``index`` is an item of a key-value list of a setup whose earlier item
    names hardware ("Hardware: 4xA100 (80GB). Framework: PyTorch. Time: 22h."): the list is
    about the compute, so its items have their evidence."""
    if not _setup_item(doc, *bounds[index]):
        return False
    for earlier in range(index - 1, -1, -1):
        first, last = bounds[earlier]
        if not _setup_item(doc, first, last):
            return False
        if any(m.kind in HARDWARE_KINDS and first <= m.start < last for m in matches):
            return True
    return False


# A paragraph's label ("\paragraph{Hardware and time.}", "Compute."): a first sentence this short.
_LABEL_WORDS = 6


def _compute_label(doc: Doc, bounds: tuple[int, int], matches: Sequence[Match]) -> bool:
    """Whether a paragraph opens with a label of its compute: a first sentence of a few words,
    no number, and a compute word ("Hardware and time.", "Compute budget."). The sentences
    after it then have their evidence ("One H100 (80GB); 6 hours per model")."""
    first, last = bounds
    words = [t for t in doc[first:last] if not (t.is_punct or t.is_space)]
    if not words or len(words) > _LABEL_WORDS or any(t.like_num for t in words):
        return False
    return any(m.kind is Kind.EVIDENCE and first <= m.start and m.end <= last for m in matches)


def _hardware_cites_dropped(doc: Doc, first: int, inside: Sequence[Match], engine: Engine,
                            cites: tuple[int, ...]) -> tuple[int, ...]:
    r"""``cites`` without the citations that cite a chip, not another work's run: right after a
    hardware mention that is not counted ("trained on TPUs \citep{jouppi17}"), or after any
    hardware mention in a sentence whose subject is a run ("Training used 8 A100 GPUs
    \citep{x} for 2 days", "All runs used 8 TPU v3 chips \citep{jouppi17}"). "The largest
    model was trained on 6,144 TPU v4 chips \citep{x}" keeps its citation: another work's run."""
    if not cites:
        return cites
    named = {i for m in inside if m.kind in HARDWARE_KINDS or m.kind is Kind.SLICE
             for i in range(m.start, m.end)}  # the tokens of hardware mentions
    if not named:
        return cites
    opening = first
    while opening < len(doc) and (doc[opening].is_space or doc[opening].lower_ in _RUN_LEADS):
        opening += 1
    run_subject = opening < len(doc) and doc[opening].lower_ in engine.rules.evidence.run_nouns
    kept = []
    for cite in cites:
        before = cite
        while before > 0 and doc[before - 1].is_space:
            before -= 1  # "chips~\cite{x}" leaves a space token
        if before - 1 not in named:
            kept.append(cite)
            continue
        start = before - 1
        while start - 1 in named:
            start -= 1  # back to the mention's first word: "V100 GPUs"
        counted = start > 0 and is_count_word(doc[start - 1], engine)
        if counted and not run_subject:
            kept.append(cite)
    return tuple(kept)


# Words before a sentence's run noun ("All runs", "Each of the runs", "Our training").
_RUN_LEADS = frozenset({"all", "each", "every", "the", "our", "both", "of"})


def _cite_tokens(doc: Doc, first: int, last: int, citations: tuple[int, ...], offset: int,
                 end: int) -> tuple[int, ...]:
    """The tokens of ``doc[first:last]`` that the sentence's citations stand just before (``last``
    for one closing it), given the paragraph's document ``offset`` and the sentence's last
    character ``end``; empty when the sentence holds none (:func:`cites_between`)."""
    begin = offset + doc[first].idx
    if not cites_between(citations, begin, end):
        return ()
    low, high = bisect.bisect_left(citations, begin), bisect.bisect_right(citations, end)
    starts = [token.idx for token in doc[first:last]]
    return tuple(first + bisect.bisect_left(starts, cite - offset)
                 for cite in citations[low:high])
