"""The compiled matchers: every phrase in rules/ and every hardware alias in the catalogue, in one
spaCy PhraseMatcher, built once per process.

One matcher pass per chunk of text finds all of them at C speed; the Python that follows only looks
at sentences where something matched. Each match says what it is by a :class:`~.types.Kind` and a
reference (a unit's index, a chip's catalogue id): see :mod:`paperlint.extract.types`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperlint.catalogue import load_catalogue
from paperlint.extract.model_sizes import size_tokens
from paperlint.extract.nlp import pipeline
from paperlint.extract.rules import RuleSet, default_rules, load_rules
from paperlint.extract.types import Kind, Match, decode, encode

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from paperlint.catalogue import Catalogue
    from paperlint.extract.quantities import NumberReader


_DIGIT = re.compile(r"\d")
_TPU_GENERATION = re.compile(r"^TPU ?(v\d[a-z]*)$", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_GLUED_SCALE = re.compile(r"(?=[×x]\s*10)|(?<=[A-Za-z])(?=\()")
# Words of a header that count what follows ("Num. GPUs", "Number of NPUs", "#TPUs").
_COUNT_WORDS = frozenset({"num", "no", "number", "of", "n", "count", "used"})


@dataclass
class Engine:
    nlp: Language
    rules: RuleSet
    catalogue: Catalogue
    matcher: Any  # spacy.matcher.PhraseMatcher on LOWER
    exact_matcher: Any  # on ORTH, for case-sensitive unit names
    header_matcher: Any  # header phrases only (table headers are matched on their own)
    fillers: frozenset[str]
    # The first word of every phrase without a digit that can start a claim (a unit, a device noun,
    # a hardware name, a precision, a number word): a paragraph with no digit and none of these
    # words holds no claim and is never tokenised (see :meth:`may_hold_claims`).
    triggers: frozenset[str] = frozenset()
    # Tables repeat their headers and row labels; each distinct text is matched once.
    _header_cache: dict[str, list[str]] = field(default_factory=dict)
    _factor_cache: dict[tuple[str, str], float | None] = field(default_factory=dict)
    # One paragraph's claims by (text, citations in it, the paper's model names): text.py.
    paragraph_memo: dict[Any, Any] = field(default_factory=dict)
    paragraph_memo_characters: int = 0
    # Word sets the claim shapes test token by token, built once rather than per sentence.
    group_words: frozenset[str] = frozenset()
    device_words: frozenset[str] = frozenset()
    time_unit_words: frozenset[str] = frozenset()  # last word of a duration/chip-time unit
    flop_units: frozenset[int] = frozenset()  # indices of the FLOP-amount units
    generic_hardware: frozenset[str] = frozenset()  # "cpu": a class named alone is no claim
    explicit_only: frozenset[str] = frozenset()  # device nouns "a"/"an" does not count
    per_group_before: frozenset[str] = frozenset()  # "each with" between "4 nodes" and "8 GPUs"
    host_ids: frozenset[str] = frozenset()  # catalogue ids of CPUs: hosts, not accelerators
    each_of: tuple[str, ...] = ()  # "each of the" before "4 nodes has 8 GPUs"
    per_group_verbs: frozenset[str] = frozenset()  # "has" in "each of the 4 nodes has 8 GPUs"
    one_device_per: tuple[str, ...] = ()  # "one per" in "8 servers, one per GPU"
    # Lowercased words that stand around a chip's name without naming it: the catalogue's
    # makers, brands, form factors and memory types, and the fillers of rules/counts.toml.
    name_words: frozenset[str] = frozenset()
    memory_units: frozenset[str] = frozenset()  # "gb", "gib": after a number, a memory size
    # A chip's plural that is another chip's name, lowercased -> the chip it is the plural of:
    # "V100s" (eight V100) against "V100S" (the variant); the last letter's case decides.
    plurals: dict[str, str] = field(default_factory=dict)
    # Kind and reference of each string-store key: a dict look-up instead of a StringStore call
    # and a parse per match.
    _labels: dict[int, tuple[Kind, int | str | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rules = self.rules
        vocabulary = self.catalogue.vocabulary
        self.name_words = frozenset(word.lower() for word in (
            *vocabulary.makers, *vocabulary.form_factors, *vocabulary.memory_types,
            *self.fillers))
        self.memory_units = frozenset(unit.lower() for unit in vocabulary.memory_units)
        self.host_ids = frozenset(e.id for e in self.catalogue.entries if e.kind == "cpu")
        self.group_words = frozenset(g.lower() for g in rules.groups)
        self.device_words = frozenset(d.lower() for d in rules.devices)
        self.time_unit_words = frozenset(
            name.lower().split("-")[-1] for unit in rules.units
            if unit.claim in ("duration", "chip_hours") for name in unit.names
        )
        self.generic_hardware = frozenset(name.lower() for name in rules.generic_hardware)
        self.explicit_only = frozenset(name.lower() for name in rules.explicit_only)
        self.per_group_before = frozenset(p.lower() for p in rules.per_group_before)
        self.each_of = tuple(p.lower() for p in rules.each_of)
        self.per_group_verbs = frozenset(p.lower() for p in rules.per_group_verbs)
        self.one_device_per = tuple(p.lower() for p in rules.one_device_per)
        self.flop_units = frozenset(i for i, unit in enumerate(rules.units) if unit.claim == "flop")

    @property
    def numbers(self) -> NumberReader:
        """How this engine's rules read a number token ("eight", "1.5k", "3.2e23")."""
        return self.rules.numbers

    def is_name_word(self, token: Token) -> bool:
        """Whether ``token`` may stand between a count and a chip's name without naming either
        ("NVIDIA", "SXM5", "HBM3", "of", a hyphen, a glued memory size such as "80GB")."""
        lower = token.lower_
        return lower in self.name_words or (
            lower[-2:] in self.memory_units and lower[:-2].isdigit())

    def matches(self, doc: Doc, text: str) -> list[Match]:
        """All phrase matches in ``doc``, tokenised from ``text``, sorted by position (longest
        first at equal starts)."""
        labels = self._labels
        found = []
        for matcher in (self.matcher, self.exact_matcher):
            for key, start, end in matcher(doc):
                label = labels.get(key)
                if label is None:
                    label = labels[key] = decode(self.nlp.vocab.strings[key])
                found.append(Match(label[0], label[1], start, end))
        if self.plurals:
            found = [self._plural(doc, m) for m in found]
        found.extend(Match(Kind.MODEL_SIZE, None, start, end)
                     for start, end in size_tokens(doc, text, self.rules.model_sizes))
        found.sort(key=lambda m: (m.start, m.start - m.end))
        return found

    def _plural(self, doc: Doc, match: Match) -> Match:
        """A hardware match on "V100s" read as the plural of the V100, on "V100S" as the V100S."""
        if match.kind is not Kind.HARDWARE or match.end - match.start != 1:
            return match
        text = doc[match.start].text
        chip = self.plurals.get(text.lower())
        return match._replace(ref=chip) if chip is not None and text.endswith("s") else match

    def may_hold_claims(self, text: str) -> bool:
        """False when ``text`` cannot hold a claim: no digit and no trigger word. A cheap regex
        pass in C that saves tokenising most prose."""
        if _DIGIT.search(text):
            return True
        return not self.triggers.isdisjoint(_WORD.findall(text.lower()))

    def header_claims(self, text: str) -> list[str]:
        """The claim types a table header names ("Training Cost (FLOPs)" -> ["flop"])."""
        cached = self._header_cache.get(text)
        if cached is None:
            cached = self._header_claims(text)
            self._header_cache[text] = cached
        return list(cached)

    def _header_claims(self, text: str) -> list[str]:
        # A scale glued to the name ("FLOP×10^23") would hide the name from the matcher.
        doc = self.nlp.make_doc(_GLUED_SCALE.sub(" ", text))
        strings = self.nlp.vocab.strings
        owners = self.rules.header_owners
        spans = sorted(
            ((end - start, str(decode(strings[key])[1])) for key, start, end in
             self.header_matcher(doc) if _owned(doc, start, end, owners)),
            reverse=True,
        )
        claims = list(dict.fromkeys(claim for _, claim in spans))  # longest first, no repeats
        # A header that names a FLOP unit ("Train compute (MACs)", "GFLOPs") is a FLOP column.
        if "flop" not in claims and self.header_factor(text, "flop") is not None:
            claims.append("flop")
        # A header that is a plural device noun alone ("Accelerators", "#NPUs", "Number of
        # IPUs") counts the devices of its row. (A time unit alone is no duration header: a
        # table's "Seconds" or "(months)" column times many things besides runs.)
        words = [w for w in re.findall(r"[\w-]+", text.lower()) if w not in _COUNT_WORDS]
        if not claims and len(words) == 1 and words[0] in self.device_words and words[0].endswith(
                "s"):
            claims.append("chip_count")
        return claims

    def header_factor(self, text: str, claim: str) -> float | None:
        """The factor of the longest unit a table header names when it is a unit of ``claim``
        ("Train compute (MACs)" -> 2.0, "GFLOPs" -> 1e9), else None ("TFLOP/s" for "flop")."""
        key = (text, claim)
        if key not in self._factor_cache:
            spaced = _GLUED_SCALE.sub(" ", text)
            doc = self.nlp.make_doc(spaced)
            units = self.rules.units
            # The longest unit named wins: "TFLOP/s" is a rate, though "TFLOP" is in it.
            named = [(m.end - m.start, m.start, m.ref) for m in self.matches(doc, spaced)
                     if m.kind is Kind.UNIT and isinstance(m.ref, int)]
            unit = units[max(named)[2]] if named else None
            self._factor_cache[key] = unit.factor if unit and unit.claim == claim else None
        return self._factor_cache[key]


def _add(matcher: Any, nlp: Language, label: str, phrases: list[str]) -> None:
    if phrases:
        tokenizer: Any = nlp.tokenizer
        matcher.add(label, list(tokenizer.pipe(phrases)))


def _hardware_forms(catalogue: Catalogue) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Every written form of each chip's aliases, and the plurals that are another chip's
    name (told apart by case at match time)."""
    aliases: dict[str, set[str]] = {}
    spelled = {alias.lower(): entry_id for alias, entry_id in catalogue.all_aliases()}
    plurals: dict[str, str] = {}
    for alias, entry_id in catalogue.all_aliases():
        aliases.setdefault(entry_id, set()).add(alias)
        hyphenated = alias.replace(" ", "-")
        if hyphenated != alias and spelled.get(hyphenated.lower(), entry_id) == entry_id:
            # A name of several words is written hyphenated too ("TPU-v3", "RTX-3090")
            aliases[entry_id].add(hyphenated)
        # Plurals are written freely ("A100s", "V100 GPUs"): match both. Where the plural is
        # another chip's name ("V100s" and the V100S), the case tells them apart at match time.
        other = spelled.get(alias.lower() + "s")
        if other is None:
            aliases[entry_id].add(alias + "s")
        elif other != entry_id:
            plurals[alias.lower() + "s"] = entry_id
        # A name ending in one capital ends its sentence as "Titan V.", which the tokenizer
        # keeps as one token (an initial): match that token too.
        last = alias.rsplit(" ", 1)[-1]
        if " " in alias and len(last) == 1 and last.isupper():
            aliases[entry_id].add(alias + ".")
    return aliases, plurals


def build_engine(rules: RuleSet | None = None, catalogue: Catalogue | None = None) -> Engine:
    """Compile the matchers from a rule set and a catalogue (defaults: the shipped ones)."""
    from spacy.matcher import PhraseMatcher


    rules = rules or default_rules()
    nlp = pipeline(rules)
    catalogue = catalogue or load_catalogue()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for index, unit in enumerate(rules.units):
        target = exact_matcher if unit.case_sensitive else matcher
        _add(target, nlp, encode(Kind.UNIT, index), list(unit.names))
    _add(matcher, nlp, encode(Kind.DEVICE), list(rules.devices))
    _add(matcher, nlp, encode(Kind.GROUP), list(rules.groups))
    _add(matcher, nlp, encode(Kind.PER), list(rules.per_group))
    # Words next to which an unlisted model code is looked up (see extract/models.py).
    _add(matcher, nlp, encode(Kind.MODEL), sorted({*rules.model_nouns, *rules.model_vendors}))
    by_value: dict[str, list[str]] = {}
    for name, value in rules.precision.items():
        by_value.setdefault(value, []).append(name)
    for value, names in by_value.items():
        _add(matcher, nlp, encode(Kind.PRECISION, value), names)
    _add(matcher, nlp, encode(Kind.EVIDENCE), list(rules.evidence.words))
    for index, cue in enumerate(rules.cues):
        _add(matcher, nlp, encode(Kind.CUE, index), list(cue.phrases))
        _add(matcher, nlp, encode(Kind.NOCUE, index), list(cue.unless))
    for index, rule in enumerate(rules.suppress):
        _add(matcher, nlp, encode(Kind.SUPPRESS, index), list(rule.phrases))
        _add(matcher, nlp, encode(Kind.KEEP, index), list(rule.unless))
    for index, veto in enumerate(rules.hardware_veto):
        _add(matcher, nlp, encode(Kind.VETO_AFTER, index), list(veto.following))
        _add(matcher, nlp, encode(Kind.VETO_BEFORE, index), list(veto.preceding))
    aliases, plurals = _hardware_forms(catalogue)
    for entry_id, forms in aliases.items():
        _add(matcher, nlp, encode(Kind.HARDWARE, entry_id), sorted(forms))
    for system in catalogue.systems:
        _add(matcher, nlp, encode(Kind.SYSTEM, system.id), [system.name, *system.aliases])
    # "v4-2048", "v2-32": a Cloud TPU slice named by its generation alone. The generation word
    # ("v4") is no chip on its own; it names one only before "-" and a size.
    for entry in catalogue.entries:
        if entry.kind == "tpu":
            generations = {found.group(1) for alias in entry.aliases
                           if (found := _TPU_GENERATION.match(alias))}
            _add(matcher, nlp, encode(Kind.SLICE, entry.id), sorted(generations))
    header_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for claim, phrases in rules.headers:
        _add(header_matcher, nlp, encode(Kind.HEADER, claim), list(phrases))
    # Other units need a number before them (digits or a number word); a duration can take "an"
    # ("an hour"); counts need a device noun or a hardware name.
    words = [name for unit in rules.units if unit.claim == "duration" for name in unit.names]
    words += [*rules.devices, *rules.precision, *rules.number_words, *rules.model_nouns,
              *rules.model_vendors]
    words += [form for forms in aliases.values() for form in forms]
    words += [name for system in catalogue.systems for name in (system.name, *system.aliases)]
    triggers = frozenset(
        found[0] for found in (_WORD.findall(w.lower()) for w in words if not _DIGIT.search(w))
        if found
    )
    return Engine(
        nlp, rules, catalogue, matcher, exact_matcher, header_matcher, frozenset(rules.fillers),
        triggers=triggers, plurals=plurals,
    )


def _owned(doc: Doc, start: int, end: int, owners: Mapping[str, frozenset[str]]) -> bool:
    """False when the header phrase ``doc[start:end]`` names its claim only after an owner word
    and another word stands before it ("Dataset size" is no model size)."""
    words = owners.get(doc[start:end].text.lower())
    if words is None or start == 0:
        return True
    before = doc[start - 1]
    return not before.is_alpha or before.lower_ in words


@functools.cache
def default_engine() -> Engine:
    """The engine for the shipped rules and catalogue, built once per process."""
    return build_engine()


def engine_for(rule_files: tuple[str, ...] = (),
               hardware: Sequence[Mapping[str, Any]] = ()) -> Engine:
    """The engine for the shipped rules plus ``rule_files`` (a user's, in the order named by the
    configuration; ``CheckOptions.rules``) and the catalogue with ``hardware`` (the config's own
    chips, ``CheckOptions.hardware``), so a chip a user adds is read in the text as well as
    estimated with; built once per process for each set of files and chips."""
    if not rule_files and not hardware:
        return default_engine()
    return _engine_for(rule_files, json.dumps(list(hardware), sort_keys=True, default=str))


@functools.lru_cache(maxsize=8)
def _engine_for(rule_files: tuple[str, ...], hardware: str) -> Engine:
    rules = load_rules(extra=[Path(name) for name in rule_files]) if rule_files else None
    return build_engine(rules, load_catalogue(json.loads(hardware)))
