"""Loading the declarative extraction rules (``rules/*.toml``) and checking them against their
schema.

Vale's lesson: the patterns are data; the engine is small and generic. Every file is validated
against
``paperlint/schemas/rules.schema.json`` when loaded, so a typo in a rule file is one clear error
naming
the file and the field, never a KeyError deep inside the engine. The files are merged into one
:class:`RuleSet` (one file per concern, but the engine sees them all together).
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from paperlint.errors import RuleFileError
from paperlint.extract.quantities import NumberReader
from paperlint.extract.rule_types import (
    Clauses,
    Cue,
    Evidence,
    Grouping,
    HardwareVeto,
    ModelSizes,
    Suppress,
    Unit,
)
from paperlint.resources import rules_dir, schema_path
from paperlint.stamps import known_valid


@dataclass(frozen=True)
class RuleSet:
    """Every rule file merged; what the engine compiles its matchers from."""

    number_words: dict[str, float] = field(default_factory=dict)
    number_phrases: dict[str, float] = field(default_factory=dict)
    magnitudes: dict[str, float] = field(default_factory=dict)
    suffixes: dict[str, float] = field(default_factory=dict)
    units: tuple[Unit, ...] = ()
    precision: dict[str, str] = field(default_factory=dict)  # phrase -> value
    devices: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    per_group: tuple[str, ...] = ()
    fillers: tuple[str, ...] = ()
    max_count: int = 1_000_000
    explicit_only: tuple[str, ...] = ()  # device nouns counted only after a written number
    per_group_before: tuple[str, ...] = ()  # words between a group count and a per-group count
    each_of: tuple[str, ...] = ()  # "each of the" before a group count: the next count is per group
    per_group_verbs: tuple[str, ...] = ()  # "has": "each of the 4 nodes has 8 GPUs"
    one_device_per: tuple[str, ...] = ()  # "8 servers, one per GPU": as many devices as groups
    generation_nouns: tuple[str, ...] = ()  # "v4 pod", "v5p chips": a TPU generation alone
    core_nouns: frozenset[str] = frozenset()  # "128 TPU v3 cores": a count of cores
    generic_hardware: tuple[str, ...] = ()  # catalogue names of a class ("CPU"): not a claim
    host_parts: frozenset[str] = frozenset()  # "dual-socket": a count of a host's CPUs
    model_nouns: dict[str, str] = field(default_factory=dict)  # noun -> id for unknown codes
    model_vendors: dict[str, str] = field(default_factory=dict)  # vendor -> id, the same
    cues: tuple[Cue, ...] = ()
    suppress: tuple[Suppress, ...] = ()
    hardware_veto: tuple[HardwareVeto, ...] = ()
    headers: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (claim type, header phrases)
    # A header phrase that names its claim only alone or after one of these words ("Size",
    # "Model size": parameters; "Dataset size", "Batch size": not): phrase -> words.
    header_owners: dict[str, frozenset[str]] = field(default_factory=dict)
    clauses: Clauses = field(default_factory=Clauses)
    grouping: Grouping = field(default_factory=Grouping)
    # Words between a number and its time unit that change nothing ("one additional day").
    duration_modifiers: frozenset[str] = frozenset()
    epoch_singular: frozenset[str] = frozenset()  # "epoch", "pass": one pass over the data
    epoch_plural: frozenset[str] = frozenset()  # "epochs", "passes"
    model_sizes: ModelSizes = field(default_factory=lambda: ModelSizes())
    software: tuple[str, ...] = ()  # [software] names: what PL108 looks for with a version
    evidence: Evidence = field(default_factory=lambda: Evidence())
    files: tuple[str, ...] = ()

    @cached_property
    def numbers(self) -> NumberReader:
        """How this rule set's numbers read ("eight", "1.5k"): one reader per rule set, so that
        its cache of parsed tokens lives as long as the rules (and the engine built on them)."""
        return NumberReader(self.number_words, self.suffixes, self.magnitudes)

    @cached_property
    def attached_units(self) -> tuple[str, ...]:
        """Unit abbreviations written glued to digits ("36h"), longest first ("hrs" before "h"):
        what the tokenizer splits off a number."""
        names = {name for unit in self.units for name in unit.attached}
        return tuple(sorted(names, key=lambda name: (-len(name), name)))


@functools.cache
def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_path("rules.schema.json").read_text(encoding="utf-8"))
    return data


def validate_rule_data(data: dict[str, Any], name: str) -> None:
    """Raise RuleFileError naming ``name`` and the offending field if ``data`` breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = ".".join(str(part) for part in error.absolute_path) or "(top level)"
        raise RuleFileError(f"rule file field {where}: {error.message}", path=name)


def load_rule_file(path: Path) -> dict[str, Any]:
    """Parse and validate one rule file."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleFileError(f"not valid TOML: {error}", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(f"cannot read rule file: {error}", path=str(path)) from None
    if not known_valid("rules.schema.json", text):
        validate_rule_data(data, str(path))
    return data


def load_rules(directory: Path | None = None, extra: Sequence[Path] = ()) -> RuleSet:
    """Load and merge every ``*.toml`` in ``directory`` (default: the shipped rules), then the
    ``extra`` files in the order given (a user's rule files, named in the configuration)."""
    folder = directory or rules_dir()
    shipped = sorted(folder.glob("*.toml"))
    if not shipped:
        raise RuleFileError("no rule files (*.toml) found", path=str(folder))
    paths = [*shipped, *extra]
    merged: dict[str, Any] = {
        "number_words": {}, "number_phrases": {}, "magnitudes": {}, "suffixes": {},
        "units": [], "precision": {}, "cues": [], "suppress": [], "hardware_veto": [],
        "headers": [], "header_owners": {}, "clauses": {}, "grouping": {},
        "duration_modifiers": set(), "epoch_words": {}, "model_sizes": {}, "software": [],
        "evidence": {"words": [], "run_nouns": [], "run_totals": [], "short_name_length": 0,
                     "min_duration_hours": 0.0, "precision_words": [], "data_objects": [],
                     "object_ends": [], "setup_verbs": [], "min_data_tokens": 0.0,
                     "data_words": [], "taking_verbs": [], "runners": [],
                     "datasheet_words": []},
    }
    counts: dict[str, Any] = {}
    for path in paths:
        data = load_rule_file(path)
        _merge_numbers_and_units(merged, data)
        _merge_counts(counts, data)
        _merge_context(merged, data)
        _merge_evidence(merged, data)
    return _rule_set(merged, counts, paths)


def _merge_numbers_and_units(merged: dict[str, Any], data: dict[str, Any]) -> None:
    numbers = data.get("numbers", {})
    merged["number_words"].update(numbers.get("words", {}))
    merged["number_phrases"].update(numbers.get("phrases", {}))
    merged["magnitudes"].update(numbers.get("magnitudes", {}))
    merged["suffixes"].update(numbers.get("suffixes", {}))
    for unit in data.get("units", []):
        merged["units"].append(Unit(
            unit["claim"], float(unit["factor"]), tuple(unit["names"]),
            tuple(unit.get("attached", ())),
            bool(unit.get("suffixed_only", False)), bool(unit.get("case_sensitive", False)),
            bool(unit.get("compound_only", False)), str(unit.get("counts", "chip")),
        ))
    for entry in data.get("precision", []):
        for name in entry["names"]:
            merged["precision"][name] = entry["value"]


def _merge_counts(counts: dict[str, Any], data: dict[str, Any]) -> None:
    # Every file's [counts] is kept: word lists add up (a user's rule file adds devices or
    # fillers to the shipped ones), a scalar (max_count) is the last file's.
    for key, value in data.get("counts", {}).items():
        if isinstance(value, list):
            words = counts.setdefault(key, [])
            words.extend(word for word in value if word not in words)
        else:
            counts[key] = value


def _merge_context(merged: dict[str, Any], data: dict[str, Any]) -> None:
    """Cues, clauses, suppressions, hardware vetoes and table headers: each file's add up."""
    for cue in data.get("cues", []):
        merged["cues"].append(
            Cue(cue["role"], cue["priority"], tuple(cue.get("phrases", ())), cue.get("window"),
                cue.get("mode", "sentence"), tuple(cue.get("unless", ())),
                tuple(cue.get("types", ())), cue.get("scope", "sentence"),
                tuple(cue.get("unless_types", ())), bool(cue.get("generic", False)))
        )
    for key, words in data.get("clauses", {}).items():
        merged["clauses"].setdefault(key, set()).update(word.lower() for word in words)
    for key, words in data.get("grouping", {}).items():
        merged["grouping"].setdefault(key, set()).update(word.lower() for word in words)
    merged["duration_modifiers"].update(
        word.lower() for word in data.get("durations", {}).get("modifiers", ()))
    merged["epoch_words"].update(data.get("durations", {}).get("epoch_words", {}))
    for rule in data.get("suppress", []):
        merged["suppress"].append(Suppress(
            rule["name"], tuple(rule["types"]), tuple(rule["phrases"]), rule.get("window"),
            rule.get("side", "both"), tuple(rule.get("unless", ())),
            tuple(word.lower() for word in rule.get("carry", ())),
            bool(rule.get("named_devices_stay", False)),
        ))
    for veto in data.get("hardware_veto", []):
        merged["hardware_veto"].append(HardwareVeto(
            veto["name"], tuple(veto.get("following", ())), tuple(veto.get("preceding", ()))
        ))
    for header in data.get("headers", []):
        merged["headers"].append((header["claim"], tuple(header["phrases"])))
        if "owners" in header:
            owners = frozenset(word.lower() for word in header["owners"])
            merged["header_owners"].update((phrase.lower(), owners) for phrase in header["phrases"])


def _merge_evidence(merged: dict[str, Any], data: dict[str, Any]) -> None:
    """Model sizes (the last file's table), software names and the evidence words."""
    if "model_sizes" in data:
        merged["model_sizes"] = data["model_sizes"]
    merged["software"] += data.get("software", {}).get("names", [])
    evidence = data.get("evidence", {})
    for key in ("words", "run_nouns", "run_totals", "precision_words", "data_objects",
                "object_ends", "setup_verbs", "data_words", "taking_verbs", "runners",
                "datasheet_words"):
        merged["evidence"][key] += evidence.get(key, [])
    merged["evidence"]["min_data_tokens"] = max(
        merged["evidence"]["min_data_tokens"], evidence.get("min_data_tokens", 0.0))
    merged["evidence"]["short_name_length"] = max(
        merged["evidence"]["short_name_length"], evidence.get("short_name_length", 0))
    merged["evidence"]["min_duration_hours"] = max(
        merged["evidence"]["min_duration_hours"], evidence.get("min_duration_hours", 0.0))


def _rule_set(merged: dict[str, Any], counts: dict[str, Any], paths: Sequence[Path]) -> RuleSet:
    return RuleSet(
        number_words={k.lower(): float(v) for k, v in merged["number_words"].items()},
        number_phrases={k.lower(): float(v) for k, v in merged["number_phrases"].items()},
        magnitudes={k.lower(): float(v) for k, v in merged["magnitudes"].items()},
        suffixes={k: float(v) for k, v in merged["suffixes"].items()},
        units=tuple(merged["units"]),
        precision=dict(merged["precision"]),
        devices=tuple(counts.get("devices", ())),
        groups=tuple(counts.get("groups", ())),
        per_group=tuple(counts.get("per_group", ())),
        fillers=tuple(counts.get("fillers", ())),
        max_count=int(counts.get("max_count", 1_000_000)),
        explicit_only=tuple(counts.get("explicit_only", ())),
        per_group_before=tuple(counts.get("per_group_before", ())),
        each_of=tuple(counts.get("each_of", ())),
        per_group_verbs=tuple(counts.get("per_group_verbs", ())),
        one_device_per=tuple(counts.get("one_device_per", ())),
        generation_nouns=tuple(w.lower() for w in counts.get("generation_nouns", ())),
        core_nouns=frozenset(w.lower() for w in counts.get("core_nouns", ())),
        generic_hardware=tuple(counts.get("generic_hardware", ())),
        host_parts=frozenset(w.lower() for w in counts.get("host_parts", ())),
        model_nouns={k.lower(): v for k, v in counts.get("model_nouns", {}).items()},
        model_vendors={k.lower(): v for k, v in counts.get("model_vendors", {}).items()},
        cues=tuple(sorted(merged["cues"], key=lambda cue: cue.priority)),
        suppress=tuple(merged["suppress"]),
        hardware_veto=tuple(merged["hardware_veto"]),
        headers=tuple(merged["headers"]),
        header_owners=dict(merged["header_owners"]),
        clauses=Clauses(**{key: frozenset(words) for key, words in merged["clauses"].items()}),
        grouping=Grouping(**{key: frozenset(words) for key, words in merged["grouping"].items()}),
        duration_modifiers=frozenset(merged["duration_modifiers"]),
        epoch_singular=frozenset(merged["epoch_words"]),
        epoch_plural=frozenset(merged["epoch_words"].values()),
        model_sizes=ModelSizes(
            {k: float(v) for k, v in merged["model_sizes"].get("scales", {}).items()},
            frozenset(w.lower() for w in merged["model_sizes"].get("not_after", ())),
            frozenset(w.lower() for w in merged["model_sizes"].get("not_names", ())),
            frozenset(w.lower() for w in merged["model_sizes"].get("not_before", ())),
        ),
        software=tuple(dict.fromkeys(merged["software"])),
        evidence=Evidence(
            tuple(dict.fromkeys(w.lower() for w in merged["evidence"]["words"])),
            frozenset(w.lower() for w in merged["evidence"]["run_nouns"]),
            frozenset(w.lower() for w in merged["evidence"]["run_totals"]),
            int(merged["evidence"]["short_name_length"]),
            float(merged["evidence"]["min_duration_hours"]),
            frozenset(w.lower() for w in merged["evidence"]["precision_words"]),
            frozenset(w.lower() for w in merged["evidence"]["data_objects"]),
            frozenset(w.lower() for w in merged["evidence"]["object_ends"]),
            frozenset(w.lower() for w in merged["evidence"]["setup_verbs"]),
            float(merged["evidence"]["min_data_tokens"]),
            frozenset(w.lower() for w in merged["evidence"]["data_words"]),
            frozenset(w.lower() for w in merged["evidence"]["taking_verbs"]),
            frozenset(w.lower() for w in merged["evidence"]["runners"]),
            frozenset(w.lower() for w in merged["evidence"]["datasheet_words"]),
        ),
        files=tuple(path.name for path in paths),
    )


@functools.cache
def default_rules() -> RuleSet:
    """The shipped rules, loaded once per process."""
    return load_rules()
