"""Loading the hardware catalogue: TOML reading, schema validation, entry construction, checks.

The types and lookups are in ``paperlint.catalogue_types`` (a leaf, imported here);
``paperlint.catalogue`` re-exports them with the public functions here (``load_catalogue_file``,
``validate_catalogue_data``) and ``load_catalogue``. Nothing here imports ``paperlint.catalogue``,
so the three form no cycle.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from paperlint.catalogue_types import (
    PRECISIONS,
    SIXTEEN_BIT,
    Catalogue,
    HardwareEntry,
    SystemEntry,
    Vocabulary,
    _strict_key,
)
from paperlint.errors import ConfigError, PaperlintError, RuleFileError
from paperlint.resources import data_path, schema_path
from paperlint.stamps import known_valid


@functools.cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_path("hardware.schema.json").read_text("utf-8"))
    return schema


def _inline_refs(node: Any, defs: Mapping[str, Any]) -> Any:
    """Replace local ``#/$defs/...`` references by their targets: jsonschema resolves each $ref
    on every visit, which made validating the ~100-entry catalogue take a large part of a second."""
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {**target, **{k: _inline_refs(v, defs) for k, v in node.items() if k != "$ref"}}
    return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}


@functools.cache
def _flat_schema(definition: str | None = None) -> dict[str, Any]:
    """The schema (or one of its $defs) with references inlined, built once per process."""
    schema = _schema()
    root = schema if definition is None else schema["$defs"][definition]
    flat: dict[str, Any] = _inline_refs(root, schema["$defs"])
    flat["$schema"] = schema["$schema"]
    return flat


def validate_catalogue_data(data: Any, shown: str) -> None:
    """Raise RuleFileError naming ``shown`` and the field when ``data`` breaks the schema."""
    _validate(data, _flat_schema(), shown, RuleFileError)


def _validate(
    data: Any, schema: Mapping[str, Any], shown: str, error_type: type[PaperlintError]
) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        raise error_type(f"invalid field {where}: {error.message}", path=shown)


def _entry(raw: Mapping[str, Any]) -> HardwareEntry:
    peaks = {k: float(v) for k, v in raw.get("peak_flop_per_s", {}).items()}
    default = raw.get("default_precision")
    if default is None and peaks:
        tensor = raw.get("tensor_cores", False) or raw["kind"] == "tpu"
        order = (*SIXTEEN_BIT, "fp32") if tensor else ("fp32", *SIXTEEN_BIT)
        default = next((p for p in (*order, *PRECISIONS) if p in peaks), None)
    return HardwareEntry(
        id=raw["id"],
        name=raw["name"],
        vendor=raw.get("vendor", "unknown"),
        kind=raw.get("kind", "accelerator"),
        family=raw.get("family", raw["id"]),
        aliases=tuple(raw.get("aliases", ())),
        peak_flop_per_s=peaks,
        default_precision=default,
        cores_per_chip=int(raw.get("cores_per_chip", 1)),
        chips_per_board=int(raw.get("chips_per_board", 1)),
        ambiguous=raw.get("ambiguous"),
        source=raw.get("source", "unverified"),
        tensor_cores=bool(raw.get("tensor_cores", False)),
        count_unit=raw.get("count_unit", "chip"),
        peak_sources=dict(raw.get("peak_sources", {})),
        ambiguous_names=tuple(raw.get("ambiguous_names", ())),
        variants=tuple(raw.get("variants", ())),
    )


def _system(raw: Mapping[str, Any]) -> SystemEntry:
    return SystemEntry(
        id=raw["id"],
        name=raw.get("name", raw["id"]),
        aliases=tuple(raw.get("aliases", ())),
        hardware=raw["hardware"],
        chips=int(raw["chips"]),
        source=raw.get("source", "unverified"),
        count_unit=raw.get("count_unit", "chip"),
    )


def _check_consistency(
    entries: Sequence[HardwareEntry],
    systems: Sequence[SystemEntry],
    shown: str,
    error: type[PaperlintError] = RuleFileError,
) -> None:
    """What a JSON Schema cannot say: unique ids, one entry per spelling, systems that resolve."""
    ids: set[str] = set()
    for position, entry in enumerate(entries):
        if entry.id in ids:
            raise error(
                f"invalid field hardware/{position}/id: duplicate id {entry.id!r}", path=shown
            )
        ids.add(entry.id)
        if entry.default_precision and entry.default_precision not in entry.peak_flop_per_s:
            raise error(
                f"invalid field hardware/{position}/default_precision: "
                f"{entry.default_precision!r} has no peak_flop_per_s value",
                path=shown,
            )
    owner: dict[str, str] = {}
    for position, entry in enumerate(entries):
        for alias in (entry.name, *entry.aliases):
            key = _strict_key(alias)
            if owner.setdefault(key, entry.id) != entry.id:
                raise error(
                    f"invalid field hardware/{position}/aliases: {alias!r} also names "
                    f"{owner[key]!r}",
                    path=shown,
                )
    for position, entry in enumerate(entries):
        if entry.variants and entry.id not in entry.variants:
            raise error(f"invalid field hardware/{position}/variants: must include the entry's "
                        f"own id {entry.id!r}", path=shown)
        for variant in entry.variants:
            if variant not in ids:
                raise error(f"invalid field hardware/{position}/variants: no hardware id "
                            f"{variant!r}", path=shown)
    for position, system in enumerate(systems):
        if system.hardware not in ids:
            raise error(
                f"invalid field system/{position}/hardware: no hardware id {system.hardware!r}",
                path=shown,
            )


def load_catalogue_file(path: Path) -> Catalogue:
    """Load and validate one catalogue TOML file (RuleFileError naming the file and the field)."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as error:
        raise RuleFileError(
            f"cannot read the hardware catalogue: {error.strerror}", path=shown
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RuleFileError(f"not valid TOML: {error}", path=shown) from None
    if not known_valid("hardware.schema.json", text):
        validate_catalogue_data(data, shown)
    entries = [_entry(raw) for raw in data.get("hardware", [])]
    systems = [_system(raw) for raw in data.get("system", [])]
    _check_consistency(entries, systems, shown)
    # A catalogue file without a vocabulary (a test's, an experiment's) reads names with the
    # shipped one: the words are about how papers write names, not about which chips are listed.
    vocabulary = _vocabulary(data["vocabulary"]) if "vocabulary" in data else shipped_vocabulary()
    return _check_ambiguous_names(Catalogue(entries, systems, vocabulary), shown, RuleFileError)


def _vocabulary(raw: Mapping[str, Any]) -> Vocabulary:
    return Vocabulary(**{key: tuple(raw.get(key, ())) for key in (
        "vendors", "brands", "form_factors", "memory_units", "memory_types", "lookup_nouns",
        "cpu_model_words", "cpu_model_stops")})


@functools.cache
def shipped_vocabulary() -> Vocabulary:
    """The ``[vocabulary]`` of the shipped catalogue file."""
    data = tomllib.loads(data_path("hardware.toml").read_text(encoding="utf-8"))
    return _vocabulary(data.get("vocabulary", {}))


def _check_ambiguous_names(
    catalogue: Catalogue, shown: str, error: type[PaperlintError]
) -> Catalogue:
    """An entry's ambiguous names must resolve to that entry: PL204 reads them from the entry a
    paper's name was resolved to, so a name that lands elsewhere would never be noticed."""
    for position, entry in enumerate(catalogue.entries):
        for name in entry.ambiguous_names:
            found = catalogue.lookup(name)
            if found is None or found.id != entry.id:
                raise error(
                    f"invalid field hardware/{position}/ambiguous_names: {name!r} resolves to "
                    f"{found.id if found else 'nothing'!r}, not {entry.id!r}",
                    path=shown,
                )
    return catalogue


@functools.cache
def builtin_catalogue() -> Catalogue:
    """The shipped catalogue, loaded and checked once per process."""
    return load_catalogue_file(data_path("hardware.toml"))


def _slug(name: str) -> str:
    return "user-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "hardware")


def _extra_entry(raw: Mapping[str, Any]) -> HardwareEntry:
    data = dict(raw)
    data.setdefault("id", _slug(str(data["name"])))
    data.setdefault("vendor", "user")
    data.setdefault("kind", "accelerator")
    data.setdefault("source", "user configuration")
    return _entry(data)


@functools.cache
def merged_catalogue(extra_json: str) -> Catalogue:
    """The built-in catalogue with user entries merged in (passed as JSON so it can be cached)."""
    extra: list[Mapping[str, Any]] = json.loads(extra_json)
    shown = "configuration option hardware"
    _validate(extra, _flat_schema("user_config"), shown, ConfigError)
    added = [_extra_entry(raw) for raw in extra]
    base = builtin_catalogue()
    # A user's entry wins over a built-in one with the same id or spelling: they know their
    # hardware better than our table does.
    claimed = {_strict_key(a) for entry in added for a in (entry.name, *entry.aliases)}
    replaced = {entry.id for entry in added}
    kept = []
    for entry in base.entries:
        if entry.id in replaced:
            continue
        aliases = tuple(a for a in entry.aliases if _strict_key(a) not in claimed)
        kept.append(entry if aliases == entry.aliases else _replace_aliases(entry, aliases))
    entries = [*kept, *added]
    systems = [s for s in base.systems if s.hardware in {e.id for e in entries}]
    _check_consistency(entries, systems, shown, ConfigError)
    return _check_ambiguous_names(Catalogue(entries, systems, base.vocabulary), shown,
                                  ConfigError)


def _replace_aliases(entry: HardwareEntry, aliases: tuple[str, ...]) -> HardwareEntry:
    # A spelling the user took over is no longer this entry's, ambiguous or not.
    keys = {_strict_key(alias) for alias in (entry.name, *aliases)}
    names = tuple(name for name in entry.ambiguous_names if _strict_key(name) in keys)
    return replace(
        entry, aliases=aliases, ambiguous_names=names, variants=entry.variants if names else ()
    )
